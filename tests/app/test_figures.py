"""The figure stills, run by AppTest: one per step on a routine's page, one per Library card."""

from pathlib import Path

from limber import library
from limber.poses import cover_demo
from tests.app.conftest import ROOT
from tests.support.cards import STEPS, cards

_LOADED = library.load(ROOT / "routines")
BUNDLED = {entry.routine.id: entry.routine for entry in _LOADED.entries}
BUNDLED_POSES = _LOADED.poses

ROUTINE_YAML = """\
id: {rid}
title: {rid}
summary: A routine.
focus: [core]
level: gentle
style: pilates
prepare_seconds: 0
steps:
  - name: Tilts
    reps: 4
    seconds_per_rep: 5
    demo: [hook-lying, pelvic-tilt]
    instructions: Tilt the pelvis.
  - name: Rest
    seconds: 30
    demo: [no-such-pose]
    instructions: Rest.
  - name: Also rest
    seconds: 30
    instructions: Rest again.
"""


def steps_with_a_still(at) -> list[str]:
    """The ids (numbers) of the steps drawn with a still on a routine's page."""
    return [card["id"] for card in cards(at, STEPS) if "still" in card]


def test_routine_page_draws_each_step_that_has_a_demo(app) -> None:
    """Each step with a usable demo gets its figure; a broken or missing demo gets none."""
    at = app()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "cat-cow-flow"
    at.run()
    assert not at.exception
    assert steps_with_a_still(at) == [str(n) for n in range(1, 7)]


def test_a_broken_demo_leaves_the_step_without_a_figure(app, tmp_path: Path) -> None:
    """A routine whose demo names an unknown pose still shows, that step without its figure."""
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "tilts.yaml").write_text(ROUTINE_YAML.format(rid="tilts"), encoding="utf-8")
    at = app(folder)
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "tilts"
    at.run()
    assert not at.exception
    assert steps_with_a_still(at) == ["1"]
    assert [card["title"] for card in cards(at, STEPS)] == ["1. Tilts", "2. Rest", "3. Also rest"]


def test_every_library_card_shows_a_figure(app) -> None:
    """Each routine card on the Library page carries the still of its first movement: the
    poses of its first step with two different ones."""
    at = app().run()
    shown = cards(at)
    assert shown
    for card in shown:
        routine = BUNDLED[card["id"]]
        cover = cover_demo(step.demo for step in routine.steps)
        assert [pose["label"] for pose in card["still"]["poses"]] == [
            BUNDLED_POSES[name].label for name in cover
        ], card["id"]


def test_a_card_whose_demo_is_broken_has_no_still(app, tmp_path: Path) -> None:
    """A routine whose only demo names an unknown pose is listed, its card without a still."""
    folder = tmp_path / "routines"
    folder.mkdir()
    broken = ROUTINE_YAML.format(rid="broken").replace("[hook-lying, pelvic-tilt]", "[nope]")
    (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    [card] = cards(app(folder).run())
    assert card["id"] == "broken" and "still" not in card
