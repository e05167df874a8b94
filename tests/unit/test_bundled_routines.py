"""Bundled routines: each loads and lasts 5–30 minutes; together they cover every focus area."""

import re
from collections import Counter
from pathlib import Path

import pytest

from limber import library
from limber.model import SCHEMA_COMMENT, Focus, Level, Routine, Style
from limber.plan import total_seconds

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
FILES = library.routine_files(ROUTINES)
MIN_SECONDS = 5 * 60
MAX_SECONDS = 30 * 60
SHORT_BY_DESIGN = {
    "lower-back-desk-break": 3 * 60,
}
"""Routines meant to be shorter than five minutes, and their own floor: a desk break is
taken in a working day, so it lasts 3–5 minutes."""
POSITION_WORDS = re.compile(
    r"\b(lying|kneeling|sitting|standing|on your (back|side|right side|front|forearms|hands)"
    r"|hands and knees)\b",
    re.IGNORECASE,
)
"""What a step's first cue names, so a person looking away from the screen hears where to be."""


def load(path: Path) -> Routine:
    return library.load_file(path, f"routines/{path.name}")


@pytest.fixture(scope="module")
def bundled() -> list[Routine]:
    return [load(path) for path in FILES]


def is_body_scan(routine: Routine) -> bool:
    return "body-scan" in routine.id or "body scan" in routine.title.casefold()


def test_there_are_bundled_routines() -> None:
    """The library ships at least thirteen routine files."""
    assert len(FILES) >= 13


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_routine_loads_and_lasts_five_to_thirty_minutes(path: Path) -> None:
    """Each bundled routine loads without problems and lasts between 5 and 30 minutes
    (a desk break from 3, being short by design)."""
    routine = load(path)
    assert routine.id == path.stem
    assert SHORT_BY_DESIGN.get(routine.id, MIN_SECONDS) <= total_seconds(routine) <= MAX_SECONDS


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_routine_file_starts_with_schema_comment(path: Path) -> None:
    """Each bundled routine file's first line points editors at the JSON Schema."""
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == SCHEMA_COMMENT


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_step_has_instructions_and_cues(path: Path) -> None:
    """Each step of a bundled routine has instructions and one to four short spoken cues."""
    for step in load(path).steps:
        assert step.instructions.strip(), step.name
        assert 1 <= len(step.cues) <= 4, step.name


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_first_cue_names_the_starting_position(path: Path) -> None:
    """Each step has at least two cues, and the first names its position (lying, sitting …)."""
    for step in load(path).steps:
        assert len(step.cues) >= 2, step.name
        assert POSITION_WORDS.search(step.cues[0]), (step.name, step.cues[0])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_step_has_a_demo(path: Path) -> None:
    """Each step of a bundled routine names its demonstration, and every pose in it exists."""
    poses = library.load(ROUTINES).poses
    for step in load(path).steps:
        assert step.demo, step.name
        assert all(name in poses for name in step.demo), (step.name, step.demo)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_bundled_routine_has_no_video(path: Path) -> None:
    """Bundled routines carry no video, since none could be checked."""
    routine = load(path)
    assert routine.video is None
    assert all(step.video is None for step in routine.steps)


def test_whole_library_loads_without_problems() -> None:
    """The library loader reads the bundled folder with no problems and no duplicate ids."""
    lib = library.load(ROUTINES)
    assert lib.problems == ()
    assert {e.routine.id for e in lib.entries} >= {p.stem for p in FILES}


def test_every_focus_area_has_at_least_two_routines(bundled: list[Routine]) -> None:
    """Every focus area, relaxation included, is covered by at least two routines."""
    counts = Counter(focus for routine in bundled for focus in routine.focus)
    assert {focus: counts[focus] for focus in Focus if counts[focus] < 2} == {}


def test_core_has_a_pair_of_pilates_routines(bundled: list[Routine]) -> None:
    """At least two core routines are Pilates, and one or two of them are challenging."""
    pilates_core = [r for r in bundled if Focus.CORE in r.focus and r.style is Style.PILATES]
    assert len(pilates_core) >= 2
    assert 1 <= sum(r.level is Level.CHALLENGING for r in pilates_core) <= 2


def test_relaxation_has_a_body_scan_and_a_breathing_routine(bundled: list[Routine]) -> None:
    """Relaxation offers a mindfulness body scan and a separate breathing routine."""
    breathing = [r for r in bundled if Focus.RELAXATION in r.focus and r.style is Style.BREATHING]
    assert any(is_body_scan(r) for r in breathing)
    assert any(not is_body_scan(r) for r in breathing)


def test_spasm_relief_is_a_gentle_lower_back_routine_with_cautions(
    bundled: list[Routine],
) -> None:
    """A gentle spasm-relief routine for the lower back exists and says when to seek care."""
    spasm = next((r for r in bundled if r.id == "spasm-relief"), None)
    assert spasm is not None
    assert spasm.level is Level.GENTLE
    assert Focus.LOWER_BACK in spasm.focus
    assert any("bladder" in caution for caution in spasm.cautions)


def test_levels_and_lengths_vary(bundled: list[Routine]) -> None:
    """The library is mostly gentle and spans short, middling and long routines."""
    levels = Counter(r.level for r in bundled)
    assert levels[Level.GENTLE] > len(bundled) / 2
    minutes = [total_seconds(r) / 60 for r in bundled]
    assert any(m <= 8 for m in minutes)
    assert any(10 <= m <= 15 for m in minutes)
    assert any(m >= 20 for m in minutes)
