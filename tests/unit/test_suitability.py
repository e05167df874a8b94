"""Suitability flags: parsed from a routine file, the positions a routine's poses use, and the
"No floor work" and "Pregnant" filters."""

from pathlib import Path

import pytest

from limber import library
from limber.model import Suitability, json_schema
from limber.poses import Base


def routine_yaml(rid: str, *, demos: list[list[str]], suitability: str = "") -> str:
    steps = "".join(
        f"  - name: Step {n}\n    seconds: 30\n    instructions: Move gently.\n"
        + (f"    demo: [{', '.join(demo)}]\n" if demo else "")
        for n, demo in enumerate(demos, start=1)
    )
    flags = f"suitability: {suitability}\n" if suitability else ""
    return (
        f"id: {rid}\ntitle: {rid.replace('-', ' ').title()}\nsummary: For {rid}.\n"
        f"focus: [lower-back]\nlevel: gentle\nstyle: stretch\n{flags}steps:\n{steps}"
    )


def load_one(tmp_path: Path, text: str) -> library.Library:
    folder = tmp_path / "routines"
    folder.mkdir(exist_ok=True)
    (folder / "one.yaml").write_text(text, encoding="utf-8")
    return library.load(folder)


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        pytest.param("", (), id="none"),
        pytest.param("[no-floor]", (Suitability.NO_FLOOR,), id="no-floor"),
        pytest.param(
            "[not-in-later-pregnancy, no-floor]",
            (Suitability.NOT_IN_LATER_PREGNANCY, Suitability.NO_FLOOR),
            id="both",
        ),
    ],
)
def test_flags_are_read(tmp_path: Path, flags: str, expected: tuple) -> None:
    """The optional suitability list is read as flags, in the order given."""
    lib = load_one(tmp_path, routine_yaml("one", demos=[["standing"]], suitability=flags))
    assert not lib.problems
    assert lib.entries[0].routine.suitability == expected


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        pytest.param(
            "[no-flor]",
            "routines/one.yaml, line 7, suitability[0]: must be one of "
            "'not-in-later-pregnancy' or 'no-floor'",
            id="misspelt",
        ),
        pytest.param(
            "no-floor",
            "routines/one.yaml, line 7, suitability: must be a list",
            id="not-a-list",
        ),
    ],
)
def test_bad_flags_name_file_line_field_and_reason(
    tmp_path: Path, flags: str, expected: str
) -> None:
    """A flag that is not known gives one exact, plain problem line."""
    lib = load_one(tmp_path, routine_yaml("one", demos=[["standing"]], suitability=flags))
    assert [str(p) for p in lib.problems] == [expected]


@pytest.mark.parametrize(
    ("demos", "flags", "positions", "floor_free"),
    [
        pytest.param(
            [["chair-sit-tall"], ["standing", "side-reach"]],
            "",
            {Base.SITTING_CHAIR, Base.STANDING},
            True,
            id="chair-and-standing",
        ),
        pytest.param(
            [["standing"], ["hook-lying"]],
            "",
            {Base.STANDING, Base.LYING_BACK},
            False,
            id="one-floor-step",
        ),
        pytest.param(
            [["standing", "childs-pose"]],
            "[no-floor]",
            {Base.STANDING, Base.KNEELING},
            False,
            id="flag-contradicted-by-a-pose",
        ),
        pytest.param([["standing"], []], "", {Base.STANDING}, False, id="step-without-demo"),
        pytest.param(
            [["standing"], []], "[no-floor]", {Base.STANDING}, True, id="flag-fills-a-gap"
        ),
        pytest.param([[]], "", set(), False, id="no-demo-at-all"),
        pytest.param([["no-such-pose"]], "", set(), False, id="unknown-pose"),
    ],
)
def test_positions_and_floor_free(
    tmp_path: Path, demos: list[list[str]], flags: str, positions: set, floor_free: bool
) -> None:
    """A routine's positions come from its poses; it is floor-free only when every step is
    seen to be off the floor, or it is flagged no-floor and no pose says otherwise."""
    entry = load_one(tmp_path, routine_yaml("one", demos=demos, suitability=flags)).entries[0]
    assert entry.positions == positions
    assert entry.floor_free is floor_free


@pytest.fixture
def entries(tmp_path: Path) -> list[library.Entry]:
    folder = tmp_path / "routines"
    folder.mkdir()
    files = {
        "at-the-desk": routine_yaml("at-the-desk", demos=[["chair-sit-tall"], ["standing"]]),
        "on-the-mat": routine_yaml("on-the-mat", demos=[["hook-lying"]]),
        "front-lying": routine_yaml(
            "front-lying", demos=[["sphinx"]], suitability="[not-in-later-pregnancy]"
        ),
        "standing-curl": routine_yaml(
            "standing-curl", demos=[["standing"]], suitability="[not-in-later-pregnancy]"
        ),
    }
    for rid, text in files.items():
        (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")
    lib = library.load(folder)
    assert not lib.problems
    return list(lib.entries)


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        pytest.param({}, ["at-the-desk", "front-lying", "on-the-mat", "standing-curl"], id="none"),
        pytest.param({"no_floor": True}, ["at-the-desk", "standing-curl"], id="no-floor"),
        pytest.param({"pregnant": True}, ["at-the-desk", "on-the-mat"], id="pregnant"),
        pytest.param({"no_floor": True, "pregnant": True}, ["at-the-desk"], id="both"),
        pytest.param(
            {"no_floor": True, "query": "mat"}, [], id="no-floor-with-a-word-that-is-not-there"
        ),
    ],
)
def test_no_floor_and_pregnant_filters_narrow_and_combine(
    entries: list[library.Entry], filters: dict, ids: list[str]
) -> None:
    """ "No floor work" keeps floor-free routines; "Pregnant" hides the flagged ones; both combine."""
    assert [e.routine.id for e in library.search(entries, **filters)] == ids


def test_every_flag_has_a_label_and_the_field_a_description() -> None:
    """Each flag is named for a person, and the schema describes the field for editors."""
    assert [flag.label for flag in Suitability] == ["Not in later pregnancy", "No floor work"]
    field = json_schema()["properties"]["suitability"]
    assert field["description"].startswith("Flags for who it may not suit")
    assert json_schema()["$defs"]["Suitability"]["enum"] == ["not-in-later-pregnancy", "no-floor"]


@pytest.mark.parametrize(
    ("demos", "shown"),
    [
        pytest.param(
            [["standing"], ["hook-lying"], ["childs-pose"]],
            "lying on your back, kneeling, standing",
            id="floor-up-order",
        ),
        pytest.param([["chair-sit-tall"]], "sitting on a chair", id="one"),
        pytest.param([[]], "", id="none-known"),
    ],
)
def test_positions_are_named_from_the_floor_up(
    tmp_path: Path, demos: list[list[str]], shown: str
) -> None:
    """The positions a routine uses are named for a person, lying first and standing last."""
    entry = load_one(tmp_path, routine_yaml("one", demos=demos)).entries[0]
    assert entry.position_labels == shown
