"""The timeline the player runs: prepare, exercise per side with a switch, rests between steps."""

import pytest

from limber.model import Routine
from limber.plan import SWITCH_SECONDS, Kind, build, step_time, total_seconds


def routine(**overrides: object) -> Routine:
    data: dict = {
        "id": "test",
        "title": "Test",
        "summary": "A test routine.",
        "focus": ["core"],
        "level": "gentle",
        "style": "pilates",
        "prepare_seconds": 10,
        "rest_seconds": 15,
        "steps": [
            {"name": "Hold", "seconds": 30, "instructions": "Hold still.", "cues": ["Breathe"]},
            {
                "name": "Side lying",
                "seconds": 20,
                "sides": "both",
                "instructions": "Lie on your side.",
                "video": {"start": 10, "end": 25},
            },
            {"name": "Tilts", "reps": 8, "seconds_per_rep": 5, "instructions": "Tilt."},
        ],
    }
    data.update(overrides)
    return Routine.model_validate(data)


def test_timeline_order() -> None:
    """Prepare, then each step (left, switch, right for two-sided), with rests between steps only."""
    plan = build(routine())
    assert [(s.kind, s.label, s.side, s.seconds) for s in plan.segments] == [
        (Kind.PREPARE, "Get ready", None, 10),
        (Kind.EXERCISE, "Hold", None, 30),
        (Kind.REST, "Rest", None, 15),
        (Kind.EXERCISE, "Side lying", "left", 20),
        (Kind.SWITCH, "Switch sides", "right", SWITCH_SECONDS),
        (Kind.EXERCISE, "Side lying", "right", 20),
        (Kind.REST, "Rest", None, 15),
        (Kind.EXERCISE, "Tilts", None, 40),
    ]


def test_rests_name_the_next_step() -> None:
    """A rest says what comes next, and belongs to the next step."""
    rests = [s for s in build(routine()).segments if s.kind is Kind.REST]
    assert [(r.next_label, r.step) for r in rests] == [("Side lying", 1), ("Tilts", 2)]


def test_both_sides_carry_the_video_span() -> None:
    """Each side of a two-sided step plays the step's video span."""
    sides = [s for s in build(routine()).segments if s.label == "Side lying"]
    assert [(s.video_start, s.video_end) for s in sides] == [(10, 25), (10, 25)]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param({}, 10 + 30 + 15 + 20 + 5 + 20 + 15 + 40, id="default"),
        pytest.param({"prepare_seconds": 0}, 30 + 15 + 20 + 5 + 20 + 15 + 40, id="no-prepare"),
        pytest.param({"rest_seconds": 0}, 10 + 30 + 20 + 5 + 20 + 40, id="no-rest"),
    ],
)
def test_total_seconds(overrides: dict, expected: int) -> None:
    """The total is the sum of every segment, rests and switches included."""
    assert total_seconds(routine(**overrides)) == expected


def test_per_step_rest_overrides_default() -> None:
    """A step's own rest replaces the routine's default; zero means no rest segment."""
    base = routine().model_dump()
    base["steps"][0]["rest_seconds"] = 45
    base["steps"][1]["rest_seconds"] = 0
    rests = [s.seconds for s in build(Routine.model_validate(base)).segments if s.kind is Kind.REST]
    assert rests == [45]


def test_no_rest_after_last_step() -> None:
    """The timeline ends with the last exercise, not with a rest."""
    assert build(routine()).segments[-1].kind is Kind.EXERCISE


def test_rep_steps_carry_reps_and_tempo() -> None:
    """A rep step lasts reps × seconds_per_rep and tells the player both numbers."""
    tilts = build(routine()).segments[-1]
    assert (tilts.reps, tilts.seconds_per_rep, tilts.seconds) == (8, 5, 40)


@pytest.mark.parametrize(
    ("index", "shown"),
    [(0, "0:30"), (1, "0:20 each side"), (2, "8 reps · about 0:40")],
)
def test_step_time(index: int, shown: str) -> None:
    """Each step's time reads plainly in the step list."""
    assert step_time(routine().steps[index]) == shown


def test_plan_data_is_json_ready() -> None:
    """The player receives plain data with the total included."""
    data = build(routine()).to_data()
    assert data["total_seconds"] == total_seconds(routine())
    assert data["segments"][0]["kind"] == "prepare"
