"""A person's own routines, kept in their browser: checked like routine files, shown with the
library's, and what the server may keep decided by ``LIMBER_MODE``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from limber import history, importer, library, recommend
from limber.history import OwnRoutine
from tests.support.routines import routine_yaml

AT = "2026-12-01T07:00:00Z"


def own(rid: str, **changes: object) -> OwnRoutine:
    """A kept routine as the browser's store holds it, with some fields changed."""
    fields = yaml.safe_load(routine_yaml(rid)) | changes
    entry = {"at": AT, "routine": fields}
    return OwnRoutine(rid, AT, fields, json.dumps(entry))


@pytest.fixture
def lib(tmp_path: Path) -> library.Library:
    """A library of two routine files: one bundled, one in the user folder."""
    (tmp_path / "routines" / "my").mkdir(parents=True)
    (tmp_path / "routines" / "bundled.yaml").write_text(routine_yaml("bundled"))
    (tmp_path / "routines" / "my" / "from-file.yaml").write_text(routine_yaml("from-file"))
    return library.load(tmp_path / "routines")


def test_own_routines_join_the_library_in_title_order(lib: library.Library) -> None:
    """Kept routines are listed with the files' routines, sorted by title, marked as the person's."""
    mine = library.with_own(lib, [own("zen", title="A zen start"), own("yoga-hips")])
    assert [e.routine.id for e in mine.entries] == ["zen", "bundled", "from-file", "yoga-hips"]
    assert [e.own for e in mine.entries] == [True, False, False, True]
    assert mine.get("zen").file == library.OWN_FILE and mine.problems == ()
    assert library.search(mine.entries, query="zen") == [mine.get("zen")]


def test_a_broken_own_routine_is_a_problem_with_its_name_and_field(lib: library.Library) -> None:
    """A kept routine that fails the model is listed with its title and field; the rest load."""
    mine = library.with_own(lib, [own("bad", title="Wobbly", level="extreme"), own("good")])
    assert [e.routine.id for e in mine.entries] == ["bundled", "from-file", "good"]
    assert [str(p) for p in mine.problems] == [
        "Your routine “Wobbly” (kept in this browser), level: "
        "must be one of 'gentle', 'moderate' or 'challenging'"
    ]


def test_an_own_routine_never_hides_a_bundled_one(lib: library.Library) -> None:
    """An id the bundled library uses stays the library's; the kept one is listed as a problem."""
    mine = library.with_own(lib, [own("bundled", title="Mine now")])
    assert not mine.get("bundled").own
    assert [(p.field, p.reason) for p in mine.problems] == [
        ("id", "its id 'bundled' is already used by routines/bundled.yaml, so it is not shown")
    ]


def test_an_own_routine_replaces_a_file_the_person_chose_to_keep(lib: library.Library) -> None:
    """A routine from the user folder kept in the browser is the browser's copy from then on."""
    mine = library.with_own(lib, [own("from-file", title="Kept")], replaceable={"from-file"})
    assert mine.get("from-file").own and mine.get("from-file").routine.title == "Kept"
    assert mine.problems == ()


def test_an_unknown_pose_in_an_own_routine_is_named(lib: library.Library) -> None:
    """A kept routine's demo that names no known pose is a problem; the routine still plays."""
    fields = yaml.safe_load(routine_yaml("posed"))
    fields["steps"][0]["demo"] = ["not-a-pose"]
    kept = OwnRoutine("posed", AT, fields, json.dumps(fields))
    mine = library.with_own(lib, [kept])
    assert mine.get("posed") is not None
    assert [(p.field, p.reason) for p in mine.problems] == [
        ("steps[0].demo[0]", "'not-a-pose' is not a known pose")
    ]


def test_no_own_routines_is_the_same_library(lib: library.Library) -> None:
    """Without kept routines the server's library is returned as it is (nothing copied)."""
    assert library.with_own(lib, []) is lib


def test_the_stored_fields_are_the_routine(lib: library.Library) -> None:
    """What the Import page keeps in the browser reads back as the same routine."""
    routine = lib.get("bundled").routine
    fields = importer.routine_fields(routine)
    entry = {"at": AT, "routine": fields}
    doc = history.dumps((), [OwnRoutine(routine.id, AT, fields, json.dumps(entry))])
    mine = library.with_own(library.Library((), ()), history.parse_document(doc).own.values())
    assert mine.get("bundled").routine == routine


def test_a_shared_server_keeps_no_copy(tmp_path: Path) -> None:
    """With offline copies off, a download is refused before anything is fetched or written."""
    off = importer.Settings(video_cache=tmp_path / "videos", offline_copies=False)
    with pytest.raises(importer.ImportFailure) as failure:
        importer.download_video("https://www.youtube.com/watch?v=abcdefghijk", settings=off)
    assert failure.value.kind is importer.Failure.COPIES_OFF
    assert "shared by many people" in str(failure.value)
    assert not (tmp_path / "videos").exists()


def test_starters_come_from_the_library_not_from_imports(lib: library.Library) -> None:
    """A newcomer's starters are the library's routines; an own routine, however short and
    gentle, is not offered as a first routine."""
    mine = library.with_own(lib, [own("tiny", title="Tiny", seconds=5)])
    assert "tiny" not in [p.entry.routine.id for p in recommend.starters(mine.entries)]
    assert [p.entry.routine.id for p in recommend.starters(lib.entries)] == ["bundled"]
