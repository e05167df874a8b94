"""The figure (static/figure.js) run in Node: limbs keep their length, the figure
stands on the floor inside its frame in every pose, reps cycle, holds breathe, mirrors flip."""

from __future__ import annotations

from pathlib import Path

import pytest

from limber import library
from limber.poses import POSES_FILE, Prop, demo_data, load_poses
from tests.support.node import run_js

ROOT = Path(__file__).resolve().parents[2]
FIGURE_JS = ROOT / "static" / "figure.js"
POSES = load_poses(ROOT / "routines" / POSES_FILE).poses
ALL_POSES = [pose.to_data() for pose in POSES.values()]
BUNDLED = library.load(ROOT / "routines")
DEMOS = sorted(
    {step.demo for entry in BUNDLED.entries for step in entry.routine.steps if len(step.demo) > 1}
)

# A stand-in for the few DOM calls the figure makes: elements that keep their attributes.
FAKE_DOM = r"""
let created = 0;
function fakeElement(name) {
  created++;
  return {
    name, attrs: {}, style: {}, childNodes: [], parentNode: null, ownerDocument: null,
    setAttribute(k, v) { this.attrs[k] = String(v); },
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
    appendChild(c) {
      if (c.parentNode) c.parentNode.childNodes.splice(c.parentNode.childNodes.indexOf(c), 1);
      c.parentNode = this; this.childNodes.push(c); return c;
    },
    remove() { if (this.parentNode) this.parentNode.childNodes.splice(this.parentNode.childNodes.indexOf(this), 1); },
    querySelector(sel) {
      const walk = (el) => { for (const c of el.childNodes) { if (c.name === "svg" && (c.attrs.class || "").split(" ").includes("figure-still")) return c; const f = walk(c); if (f) return f; } return null; };
      return walk(this);
    },
  };
}
const doc = { createElementNS: (ns, name) => { const el = fakeElement(name); el.ownerDocument = doc; return el; } };
function all(el, out = []) { for (const c of el.childNodes) { out.push(c); all(c, out); } return out; }
"""

LENGTHS = r"""
const P = FIGURE_P, S = FIGURE_SIZE;
const SEGMENTS = [
  ["hip", "waist", S.pelvis], ["waist", "mid", S.lumbar], ["mid", "neck", S.thoracic], ["neck", "skull", S.neck],
  ["hipN", "kneeN", S.thigh], ["kneeN", "ankleN", S.shin], ["hipF", "kneeF", S.thigh], ["kneeF", "ankleF", S.shin],
  ["ankleN", "toeN", S.foot], ["ankleF", "toeF", S.foot],
  ["shN", "elN", S.upperArm], ["elN", "wrN", S.forearm], ["shF", "elF", S.upperArm], ["elF", "wrF", S.forearm],
  ["wrN", "fiN", S.hand], ["wrF", "fiF", S.hand],
];
function worstLength(pose) {
  const W = figureLayout(pose).world;
  let worst = 0;
  for (const [a, b, len] of SEGMENTS) {
    const i = P[a] * 3, j = P[b] * 3;
    const d = Math.hypot(W[i] - W[j], W[i + 1] - W[j + 1], W[i + 2] - W[j + 2]);
    worst = Math.max(worst, Math.abs(d - len));
  }
  return worst;
}
"""


def run(scenario: str, payload: object = None) -> object:
    """Run a scenario after figure.js and the fake DOM."""
    return run_js([FIGURE_JS], FAKE_DOM + LENGTHS + scenario, payload)


def test_limbs_keep_their_length_between_key_poses() -> None:
    """Every segment keeps its length at every moment of every bundled movement."""
    demos = [demo_data(names, POSES) for names in DEMOS]
    worst = run(
        """
        let worst = 0;
        for (const demo of input) for (let t = 0; t <= 6000; t += 250)
          worst = Math.max(worst, worstLength(figurePoseAt(demo, t, 6)));
        result = worst;
        """,
        demos,
    )
    assert worst < 1e-6


def test_every_pose_rests_on_the_floor_inside_the_frame() -> None:
    """In every pose, either side, the lowest part of the body touches the floor and all of it is in the frame."""
    out = run(
        """
        result = [];
        for (const pose of input) for (const mirror of [false, true]) {
          const L = figureLayout(pose, { mirror });
          let low = Infinity;
          for (let i = 0; i < FIGURE_POINTS; i++)
            if (FIGURE_RADIUS[i] >= 0 && i !== FIGURE_P.noseB) low = Math.min(low, L.world[i * 3 + 1] - FIGURE_RADIUS[i]);
          const [x0, y0, x1, y1] = figureBounds(L);
          const inside = x0 >= FIGURE_BOX.left && x1 <= FIGURE_BOX.right && y0 >= FIGURE_BOX.bottom && y1 <= FIGURE_BOX.top;
          if (Math.abs(low) > 1e-6 || !inside) result.push([pose.name, mirror, low, [x0, y0, x1, y1]]);
        }
        """,
        ALL_POSES,
    )
    assert out == []


def test_every_bundled_movement_stays_inside_the_frame() -> None:
    """On the way between key poses, too, the figure stays in its frame."""
    demos = [demo_data(names, POSES) for names in DEMOS]
    out = run(
        """
        result = [];
        for (const demo of input) for (let t = 0; t < 6000; t += 300) {
          const [x0, y0, x1, y1] = figureBounds(figureLayout(figurePoseAt(demo, t, 6)));
          if (x0 < FIGURE_BOX.left || x1 > FIGURE_BOX.right || y0 < FIGURE_BOX.bottom || y1 > FIGURE_BOX.top)
            result.push([demo.poses.map((p) => p.name), t]);
        }
        """,
        demos,
    )
    assert out == []


@pytest.mark.parametrize(
    "names", [["hook-lying", "pelvic-tilt"], ["standing", "arms-forward", "arms-up", "arms-back"]]
)
def test_each_rep_returns_to_the_first_pose(names: list[str]) -> None:
    """At every rep boundary the figure is exactly in the first key pose; half-way (of two) in the second."""
    out = run(
        """
        const [demo, spr] = input;
        const same = (a, b) => Object.keys(a.angles).every((k) => Math.abs(a.angles[k] - b.angles[k]) < 1e-9);
        const first = demo.poses[0];
        result = {
          boundaries: [0, 1, 2, 7].map((k) => same(figurePoseAt(demo, k * spr * 1000, spr), first)),
          second: same(figurePoseAt(demo, spr * 1000 / demo.poses.length, spr), demo.poses[1]),
          between: same(figurePoseAt(demo, spr * 1000 / demo.poses.length / 2, spr), first),
        };
        """,
        [demo_data(names, POSES), 5],
    )
    assert out == {"boundaries": [True, True, True, True], "second": True, "between": False}


def test_a_circle_of_key_poses_keeps_turning_the_same_way() -> None:
    """Angles take the short way round: arm circles go back, then down, not back through overhead."""
    out = run(
        """
        const demo = input;
        const spr = 8, quarter = spr * 1000 / 4, halfway = FIGURE_MOVE_SHARE / 2;
        result = [0, 1, 2, 3].map((k) => Math.round(figurePoseAt(demo, (k + halfway) * quarter, spr).angles.shoulder));
        """,
        demo_data(["standing", "arms-forward", "arms-up", "arms-back"], POSES),
    )
    down, forward, up, back = (
        POSES[n].angles["shoulder"] % 360
        for n in ("standing", "arms-forward", "arms-up", "arms-back")
    )
    halfway = [(down + forward) / 2, (forward + up) / 2, (up + back) / 2, (back + 360 + down) / 2]
    assert [(a - round(b)) % 360 for a, b in zip(out, halfway, strict=True)] == [0, 0, 0, 0]


def test_a_hold_breathes_and_a_still_does_not() -> None:
    """One pose without tempo moves the ribs a few degrees every 5 s; with breathe off it stays still."""
    out = run(
        """
        const demo = input;
        const rib = (t, o) => figurePoseAt(demo, t, null, o).angles.thoracic;
        const base = demo.poses[0].angles.thoracic;
        result = {
          start: rib(0) - base, quarter: rib(1250) - base, period: rib(5000) - base,
          still: [0, 1250, 2500, 3750].map((t) => rib(t, { breathe: false }) - base),
        };
        """,
        demo_data(["constructive-rest"], POSES),
    )
    assert abs(out["start"]) < 1e-9 and abs(out["period"]) < 1e-9
    assert 1 <= abs(out["quarter"]) <= 5
    assert out["still"] == [0, 0, 0, 0]


def test_a_sequence_without_tempo_cycles_slowly() -> None:
    """Several poses without tempo go round once every 6 seconds."""
    out = run(
        """
        const demo = input;
        const same = (a, b) => Object.keys(a.angles).every((k) => Math.abs(a.angles[k] - b.angles[k]) < 1e-9);
        result = [0, 6000, 12000, 3000].map((t) => same(figurePoseAt(demo, t, null), demo.poses[t % 6000 ? 1 : 0]));
        """,
        demo_data(["swimming", "swimming-far"], POSES),
    )
    assert out == [True, True, True, True]


def test_no_demo_is_no_pose() -> None:
    """A demo without poses gives no pose, and drawing none does nothing."""
    assert run("result = [figurePoseAt({ poses: [] }, 0, 5), figurePoseAt(null, 0, 5)];") == [
        None,
        None,
    ]


def test_mirror_flips_left_and_right() -> None:
    """The second side is the first one's mirror image: every x changes sign, every height stays."""
    out = run(
        """
        result = input.map((pose) => {
          const a = figureLayout(pose).points, b = figureLayout(pose, { mirror: true }).points;
          let worst = 0;
          for (let i = 0; i < a.length; i += 2) worst = Math.max(worst, Math.abs(a[i] + b[i]), Math.abs(a[i + 1] - b[i + 1]));
          return worst;
        });
        """,
        [POSES[n].to_data() for n in ("bird-dog", "clamshell-open", "side-reach", "knee-to-chest")],
    )
    assert max(out) < 1e-9


def test_lying_on_the_back_faces_up_and_on_the_front_faces_down() -> None:
    """The nose points to the ceiling lying on the back and to the floor lying on the front."""
    out = run(
        """
        result = input.map((pose) => {
          const L = figureLayout(pose), P = FIGURE_P;
          return Math.sign(L.points[P.noseB * 2 + 1] - L.points[P.head * 2 + 1]);
        });
        """,
        [POSES[n].to_data() for n in ("hook-lying", "lying-rest", "prone-arms-side", "swimming")],
    )
    assert out == [1, 1, -1, -1]


def test_draw_builds_once_and_then_only_updates_attributes() -> None:
    """createFigure makes its SVG once; drawing frame after frame creates no more elements."""
    out = run(
        """
        const figure = createFigure(doc, { className: "figure" });
        const before = created;
        const demo = input;
        for (let t = 0; t < 12000; t += 16) figure.draw(figurePoseAt(demo, t, 6), { mirror: t > 6000 });
        figure.setLabel('<b>Lying</b> on your back');
        result = {
          made: before, after: created, role: figure.element.getAttribute("role"),
          label: figure.element.getAttribute("aria-label"), cls: figure.element.getAttribute("class"),
          viewBox: figure.element.getAttribute("viewBox"),
        };
        """,
        demo_data(["hook-lying", "bridge"], POSES),
    )
    assert out["after"] == out["made"] > 10
    assert out["role"] == "img" and out["cls"] == "figure"
    assert out["label"] == "<b>Lying</b> on your back"  # an attribute's text, never markup
    assert out["viewBox"] == "-140.0 -216.0 280.0 250.0"


def test_every_prop_can_be_drawn() -> None:
    """Each prop is drawn (cushions, chair, towel, wall, mat) without trouble, in theme colours."""
    base = POSES["hook-lying"].to_data()
    poses = [base | {"props": [prop.value]} for prop in Prop]
    out = run(
        """
        const figure = createFigure(doc);
        for (const pose of input) figure.draw(pose);
        const styles = all(figure.element).map((el) => el.attrs.style || "").join(" ");
        result = { theme: styles.includes("var(--st-primary-color") && styles.includes("var(--st-text-color") };
        """,
        poses,
    )
    assert out == {"theme": True}


def test_a_still_names_its_poses_and_shows_start_and_end() -> None:
    """drawFigureStill draws one labelled image: the end pose over a faint start pose, with an arrow."""
    out = run(
        """
        const container = fakeElement("div");
        container.ownerDocument = doc;
        const svg = drawFigureStill(container, input);
        drawFigureStill(container, input);
        const kids = all(svg);
        result = {
          svgs: container.childNodes.length, role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"),
          faint: kids.filter((el) => el.attrs.opacity === "0.3").length,
          paths: kids.filter((el) => el.name === "path").length,
        };
        """,
        demo_data(["hook-lying", "knee-to-chest"], POSES),
    )
    assert out["svgs"] == 1 and out["role"] == "img"
    assert out["label"] == (f"{POSES['hook-lying'].label}, then {POSES['knee-to-chest'].label}")
    assert out["faint"] == 1 and out["paths"] >= 2
