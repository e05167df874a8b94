"""The player's pure JavaScript run in Node: the phase table and the clock's arithmetic."""

from __future__ import annotations

import itertools

import pytest

from components.player import JS_FILES
from tests.support.node import run_js

ASSETS = JS_FILES[-1].parent
PHASES_JS = [ASSETS / "phases.js"]
CLOCK_JS = [ASSETS / "clock.js"]

PHASES = ["ready", "running", "paused", "ended"]
EVENTS = ["start", "pause", "resume", "jump", "finish", "again"]
ALLOWED = {
    ("ready", "start"): "running",
    ("running", "pause"): "paused",
    ("running", "jump"): "running",
    ("running", "finish"): "ended",
    ("paused", "resume"): "running",
    ("paused", "jump"): "paused",
    ("paused", "finish"): "ended",
    ("ended", "again"): "ready",
}


def test_phase_table_lists_every_phase_and_event() -> None:
    """The JS declares exactly the phases and events the table is tested against."""
    out = run_js(PHASES_JS, "result = {phases: PHASES, events: PHASE_EVENTS};")
    assert out == {"phases": PHASES, "events": EVENTS}


@pytest.fixture(scope="module")
def table() -> dict[str, dict]:
    """Every (phase, event) pair fired on a strict machine, in one Node run."""
    scenario = """
    result = {};
    for (const phase of PHASES) for (const event of PHASE_EVENTS) {
      const m = createPhases({ strict: true, initial: phase });
      const can = m.can(event);
      let error = null;
      try { m.fire(event); } catch (err) { error = err.name + ": " + err.message; }
      result[phase + ":" + event] = { can, after: m.phase, error };
    }
    """
    return run_js(PHASES_JS, scenario)


@pytest.mark.parametrize(("phase", "event"), list(itertools.product(PHASES, EVENTS)))
def test_each_transition_follows_the_table(table: dict, phase: str, event: str) -> None:
    """A listed event moves to the table's phase; any other raises and changes nothing."""
    got = table[f"{phase}:{event}"]
    if (phase, event) in ALLOWED:
        assert got == {"can": True, "after": ALLOWED[(phase, event)], "error": None}
    else:
        assert got == {
            "can": False,
            "after": phase,
            "error": f'IllegalTransition: "{event}" cannot happen while the player is {phase}',
        }


def test_lenient_machine_ignores_an_illegal_event_with_a_warning() -> None:
    """In the app an illegal event is ignored with a console warning, and the phase stays."""
    scenario = """
    const warned = [];
    console.warn = (text) => warned.push(text);
    const m = createPhases();
    const fired = m.fire("pause");
    result = { fired, phase: m.phase, warned };
    """
    assert run_js(PHASES_JS, scenario) == {
        "fired": False,
        "phase": "ready",
        "warned": ['Limber player: "pause" cannot happen while the player is ready; ignored.'],
    }


SEGMENTS = [
    {"kind": "prepare", "seconds": 3, "step": 0},
    {"kind": "exercise", "seconds": 10, "step": 0, "cues": ["a", "b"]},
    {"kind": "rest", "seconds": 4, "step": 1},
    {"kind": "exercise", "seconds": 6, "step": 1, "side": "left"},
    {"kind": "switch", "seconds": 5, "step": 1},
    {"kind": "exercise", "seconds": 6, "step": 1, "side": "right"},
    {"kind": "exercise", "seconds": 6, "step": 2, "reps": 3, "seconds_per_rep": 2},
]


def clock(scenario: str) -> object:
    return run_js(CLOCK_JS, f"const segments = input;\n{scenario}", SEGMENTS)


@pytest.mark.parametrize(
    ("ms", "shown"),
    [
        pytest.param(0, "0:00", id="zero"),
        pytest.param(-5, "0:00", id="past-the-end"),
        pytest.param(1, "0:01", id="a-millisecond-rounds-up"),
        pytest.param(1000, "0:01", id="exactly-one-second"),
        pytest.param(1001, "0:02", id="just-over"),
        pytest.param(59_999, "1:00", id="almost-a-minute"),
        pytest.param(600_000, "10:00", id="ten-minutes"),
    ],
)
def test_the_countdown_rounds_up_and_never_goes_below_zero(ms: int, shown: str) -> None:
    """The countdown rounds up to the next whole second and never goes below 0:00."""
    assert run_js(CLOCK_JS, "result = fmt(input);", ms) == shown


@pytest.mark.parametrize(
    ("index", "ends_at", "now", "expected"),
    [
        pytest.param(0, 3000, 2999, [0, 3000, [], None], id="not-yet"),
        pytest.param(0, 3000, 3000, [1, 13000, [0], None], id="exactly-at-the-end"),
        pytest.param(0, 3000, 17500, [3, 23000, [0, 1, 2], None], id="a-tab-that-slept"),
        pytest.param(6, 40000, 40000, [6, 40000, [6], 40000], id="the-last-one-ends"),
        pytest.param(
            1, 13000, 99_000, [6, 40000, [1, 2, 3, 4, 5, 6], 40000], id="slept-past-the-end"
        ),
    ],
)
def test_advance_accounts_for_every_segment_passed(
    index: int, ends_at: int, now: int, expected: list
) -> None:
    """Every segment whose end has passed is counted, and the finish time is exact."""
    out = clock(
        f"const r = advance(segments, {index}, {ends_at}, {now});"
        "result = [r.index, r.endsAt, r.passed, r.finishedAt];"
    )
    assert out == expected


def test_offsets_cues_and_reps() -> None:
    """Offsets add up the segments; cues spread evenly; the rep follows the tempo."""
    out = clock(
        "result = { offsets: segmentOffsets(segments),"
        " cues: [0, 4999, 5000, 9999].map((t) => cueAt(segments[1], t).text),"
        " restCue: cueAt(segments[2], 0).text,"
        " reps: [0, 1999, 2000, 5999, 7000].map((t) => repAt(segments[6], t)),"
        " notReps: repAt(segments[1], 0) };"
    )
    assert out == {
        "offsets": [0, 3000, 13000, 17000, 23000, 28000, 34000],
        "cues": ["a", "a", "b", "b"],
        "restCue": "",
        "reps": [1, 1, 2, 3, 3],
        "notReps": None,
    }


@pytest.mark.parametrize(
    ("index", "elapsed", "target"),
    [
        pytest.param(1, 3001, 1, id="an-exercise-well-begun-restarts"),
        pytest.param(1, 3000, 0, id="just-begun-goes-back"),
        pytest.param(3, 0, 1, id="back-over-a-rest"),
        pytest.param(2, 2000, 1, id="from-a-rest-to-the-exercise-before"),
        pytest.param(0, 1000, 0, id="nothing-before-the-start"),
    ],
)
def test_previous_is_like_a_music_player(index: int, elapsed: int, target: int) -> None:
    """Previous restarts an exercise more than 3 s in, else goes to the exercise before."""
    assert clock(f"result = previousIndex(segments, {index}, {elapsed});") == target


def test_step_counts_need_both_sides() -> None:
    """A two-sided step is completed only when both sides ran; a side skipped counts it skipped."""
    out = clock(
        "result = [stepCounts(segments, new Set([1, 3, 5, 6]), new Set()),"
        " stepCounts(segments, new Set([1, 3]), new Set([5])),"
        " stepCounts(segments, new Set([1]), new Set())];"
    )
    assert out == [
        {"completed": 3, "skipped": 0},
        {"completed": 1, "skipped": 1},
        {"completed": 1, "skipped": 0},
    ]


@pytest.mark.parametrize(
    ("left", "wait"),
    [
        pytest.param(10_000, 250, id="on-a-second-waits-the-most"),
        pytest.param(9_100, 101, id="just-after-the-second-changes"),
        pytest.param(9_999, 250, id="capped"),
    ],
)
def test_next_look_is_just_after_the_shown_second_changes(left: int, wait: int) -> None:
    """The next tick comes 1 ms after the displayed second changes, at most 250 ms away."""
    assert clock(f"result = nextTickIn({left}, 250);") == wait
