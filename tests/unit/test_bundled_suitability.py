"""Bundled routines: their suitability flags agree with the poses their steps use."""

from pathlib import Path

import pytest

from limber import library
from limber.model import Suitability
from limber.poses import Base

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
LIBRARY = library.load(ROUTINES)
ENTRIES = {e.routine.id: e for e in LIBRARY.entries}
LONG_ON_THE_BACK = 3 * 60
"""Seconds in a row flat on the back after which a routine is not for later pregnancy."""


def longest_on_the_back(entry: library.Entry) -> int:
    """The longest run of steps, in seconds, whose every pose lies on the back."""
    longest = run = 0
    for step in entry.routine.steps:
        bases = {LIBRARY.poses[n].base for n in step.demo if n in LIBRARY.poses}
        if bases == {Base.LYING_BACK}:
            run += step.seconds_per_side * (2 if step.sides else 1)
            longest = max(longest, run)
        else:
            run = 0
    return longest


@pytest.mark.parametrize("rid", sorted(ENTRIES))
def test_no_floor_flag_agrees_with_the_poses(rid: str) -> None:
    """A routine is flagged no-floor exactly when every pose it uses is sitting on a chair or
    standing."""
    entry = ENTRIES[rid]
    flagged = Suitability.NO_FLOOR in entry.routine.suitability
    assert flagged == entry.floor_free, sorted(entry.positions)
    if flagged:
        assert entry.positions <= {Base.SITTING_CHAIR, Base.STANDING}


@pytest.mark.parametrize("rid", sorted(ENTRIES))
def test_pregnancy_flag_covers_front_lying_and_long_back_lying(rid: str) -> None:
    """A routine that lies on the front, or stays flat on the back for three minutes or more, is
    flagged not-in-later-pregnancy."""
    entry = ENTRIES[rid]
    needs_flag = Base.LYING_FRONT in entry.positions or (
        longest_on_the_back(entry) >= LONG_ON_THE_BACK
    )
    if needs_flag:
        assert Suitability.NOT_IN_LATER_PREGNANCY in entry.routine.suitability


def test_each_body_filter_leaves_something_to_do() -> None:
    """ "No floor work" and "Pregnant" each leave at least two bundled routines to choose from."""
    assert len(library.search(LIBRARY.entries, no_floor=True)) >= 2
    assert len(library.search(LIBRARY.entries, pregnant=True)) >= 2
