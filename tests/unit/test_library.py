"""Loading a folder of routines: the good ones load, the broken ones become problems; filters and search."""

from pathlib import Path

import pytest

from limber import library
from limber.model import Focus, Level, Style
from tests.support.routines import routine_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    routines = tmp_path / "routines"
    (routines / "my").mkdir(parents=True)
    (routines / "hip-openers.yaml").write_text(routine_yaml("hip-openers", seconds=300))
    (routines / "core-basics.yaml").write_text(
        routine_yaml(
            "core-basics",
            focus="core",
            level="moderate",
            style="pilates",
            seconds=1200,
            step="Dead bug",
        )
    )
    (routines / "breathe.yaml").write_text(
        routine_yaml(
            "breathe", title="Box breathing", focus="relaxation", style="breathing", seconds=600
        )
    )
    (routines / "my" / "mine.yaml").write_text(routine_yaml("mine", focus="lower-back"))
    return routines


def test_loads_every_file_including_subfolders(folder: Path) -> None:
    """Every routine under the folder loads, sorted by title, with its total time."""
    lib = library.load(folder)
    assert [e.routine.id for e in lib.entries] == ["breathe", "core-basics", "hip-openers", "mine"]
    assert lib.get("core-basics").minutes == 20
    assert lib.get("mine").file == "routines/my/mine.yaml"
    assert lib.problems == ()


def test_broken_file_is_a_problem_and_the_rest_load(folder: Path) -> None:
    """A broken file is listed with file, line, field and reason; the others still load."""
    (folder / "broken.yaml").write_text(
        routine_yaml("broken").replace("seconds: 60", "seconds: -5")
    )
    lib = library.load(folder)
    assert len(lib.entries) == 4
    assert [str(p) for p in lib.problems] == [
        "routines/broken.yaml, line 10, steps[0].seconds: must be greater than 0"
    ]


def test_duplicate_id_is_a_problem(folder: Path, tmp_path: Path) -> None:
    """An id used twice loads once; the second file is named as a problem."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "hip-openers.yaml").write_text(routine_yaml("hip-openers"))
    lib = library.load(folder, other)
    assert [str(p) for p in lib.problems] == [
        "elsewhere/hip-openers.yaml, id: 'hip-openers' is already used by routines/hip-openers.yaml"
    ]
    assert len(lib.entries) == 4


def test_unreadable_file_is_a_problem(folder: Path) -> None:
    """A file that is not UTF-8 text is a problem, not a crash."""
    (folder / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    problems = library.load(folder).problems
    assert len(problems) == 1 and problems[0].file == "routines/binary.yaml"
    assert problems[0].reason.startswith("cannot be read")


def test_fingerprint_changes_when_a_file_changes(folder: Path) -> None:
    """Editing, adding or removing a file changes the fingerprint the cache is keyed on."""
    before = library.fingerprint(folder)
    (folder / "breathe.yaml").write_text(routine_yaml("breathe", seconds=61))
    edited = library.fingerprint(folder)
    (folder / "new.yaml").write_text(routine_yaml("new"))
    added = library.fingerprint(folder)
    assert len({before, edited, added}) == 3


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        pytest.param({}, ["breathe", "core-basics", "hip-openers", "mine"], id="no-filter"),
        pytest.param({"focus": [Focus.CORE]}, ["core-basics"], id="focus"),
        pytest.param(
            {"focus": [Focus.CORE, Focus.HIPS]}, ["core-basics", "hip-openers"], id="focus-any"
        ),
        pytest.param({"max_minutes": 10}, ["breathe", "hip-openers", "mine"], id="time"),
        pytest.param({"levels": [Level.MODERATE]}, ["core-basics"], id="level"),
        pytest.param({"styles": [Style.BREATHING]}, ["breathe"], id="style"),
        pytest.param({"query": "BOX"}, ["breathe"], id="search-title-any-case"),
        pytest.param({"query": "dead bug"}, ["core-basics"], id="search-step-name"),
        pytest.param({"query": "summary of hip"}, ["hip-openers"], id="search-summary"),
        pytest.param({"query": "dead hip"}, [], id="search-all-words"),
        pytest.param({"focus": [Focus.HIPS], "max_minutes": 1}, [], id="combined"),
    ],
)
def test_each_filter_narrows_the_list_and_all_must_match(
    folder: Path, filters: dict, ids: list[str]
) -> None:
    """Each filter narrows the list; a routine must match all of them."""
    found = library.search(library.load(folder).entries, **filters)
    assert [e.routine.id for e in found] == ids


def test_each_routine_file_is_read_once(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading reads every routine file once: its text gives both the data and the lines."""
    (folder / "hip-openers.yaml").write_text(
        routine_yaml("hip-openers").replace(
            "    instructions:", "    demo: [no-such]\n    instructions:"
        )
    )
    reads: list[Path] = []
    real = Path.read_text

    def read_text(self: Path, *args, **kwargs) -> str:
        reads.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    lib = library.load(folder)
    assert any(p.field == "steps[0].demo[0]" for p in lib.problems)
    routine_reads = [p for p in reads if p.name != "poses.yaml"]
    assert sorted(routine_reads) == sorted(library.routine_files(folder))
