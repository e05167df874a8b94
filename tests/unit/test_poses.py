"""The poses file: good poses resolve (base, like, far side), each kind of broken one is named exactly."""

import json
from pathlib import Path

import pytest

from limber import library
from limber.__main__ import (
    POSES_PATH,
    POSES_SCHEMA_PATH,
    SCHEMA_PATH,
    poses_schema_text,
    schema_text,
)
from limber.poses import (
    ANGLE_NAMES,
    BASE_ANGLES,
    SCHEMA_COMMENT,
    Base,
    Prop,
    cover_demo,
    demo_data,
    load_poses,
)

GOOD = """\
# yaml-language-server: $schema=poses.schema.json
hook-lying:
  label: Lying on your back, knees bent
  base: lying-back
  angles: {hip: 50, knee: 94}
pelvic-tilt:
  label: Lying on your back, tilting the pelvis
  like: hook-lying
  angles: {pelvis: -98}
knee-to-chest:
  label: Hugging one knee
  like: hook-lying
  angles: {hip: 125, far_hip: 50}
  props: [cushion-head]
knee-up:
  label: The knee higher still
  like: knee-to-chest
  angles: {hip: 135}
"""


def write_poses(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "poses.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    pose_file = load_poses(write_poses(tmp_path / "routines", text), "routines/poses.yaml")
    return [str(p) for p in pose_file.problems]


def test_good_file_resolves_every_pose(tmp_path: Path) -> None:
    """Each pose gets every angle: from its base, then its like pose, then its own."""
    poses = load_poses(write_poses(tmp_path, GOOD)).poses
    assert list(poses) == ["hook-lying", "pelvic-tilt", "knee-to-chest", "knee-up"]
    hook = poses["hook-lying"]
    assert hook.base is Base.LYING_BACK and set(hook.angles) == set(ANGLE_NAMES)
    assert hook.angles["pelvis"] == BASE_ANGLES[Base.LYING_BACK]["pelvis"]
    assert (hook.angles["hip"], hook.angles["knee"]) == (50, 94)
    tilt = poses["pelvic-tilt"]
    assert tilt.base is Base.LYING_BACK and tilt.angles["pelvis"] == -98
    assert tilt.angles["hip"] == 50 and tilt.props == ()


def test_far_side_follows_a_changed_near_side_where_they_were_alike(tmp_path: Path) -> None:
    """A far angle follows its changed near one, unless given or made different before."""
    poses = load_poses(write_poses(tmp_path, GOOD)).poses
    assert (poses["hook-lying"].angles["hip"], poses["hook-lying"].angles["far_hip"]) == (50, 50)
    assert poses["hook-lying"].angles["far_knee"] == 94
    assert (poses["knee-to-chest"].angles["hip"], poses["knee-to-chest"].angles["far_hip"]) == (
        125,
        50,
    )
    assert (poses["knee-up"].angles["hip"], poses["knee-up"].angles["far_hip"]) == (135, 50)


def test_props_are_inherited_from_the_like_pose(tmp_path: Path) -> None:
    """A pose like another keeps its props unless it gives its own."""
    poses = load_poses(write_poses(tmp_path, GOOD)).poses
    assert poses["knee-up"].props == (Prop.CUSHION_HEAD,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- a\n- b\n",
            ["routines/poses.yaml: must be a mapping of pose names to poses"],
            id="not-a-mapping",
        ),
        pytest.param(
            "hook-lying:\n  label: [unclosed\n",
            ["routines/poses.yaml, line 3: is not valid YAML: did not find expected ',' or ']'"],
            id="not-yaml",
        ),
        pytest.param(
            "Hook Lying:\n  label: Lying\n  base: lying-back\n",
            [
                "routines/poses.yaml, line 1, Hook Lying: a pose name must be lower-case words joined by hyphens, like hook-lying"
            ],
            id="bad-name",
        ),
        pytest.param(
            "a:\n  base: lying-back\n",
            ["routines/poses.yaml, line 1, a.label: is required"],
            id="no-label",
        ),
        pytest.param(
            "a:\n  label: A\n",
            ["routines/poses.yaml, line 1, a: give a base, or like: another pose to start from"],
            id="no-base-or-like",
        ),
        pytest.param(
            "a:\n  label: A\n  base: lying-back\n  angels: {hip: 3}\n",
            ["routines/poses.yaml, line 4, a.angels: is not a known field (check the spelling)"],
            id="unknown-field",
        ),
        pytest.param(
            "a:\n  label: A\n  base: lying-down\n",
            [
                "routines/poses.yaml, line 3, a.base: must be one of 'lying-back', 'lying-front', 'lying-side', 'all-fours', 'kneeling', 'sitting-floor', 'sitting-chair' or 'standing'"
            ],
            id="unknown-base",
        ),
        pytest.param(
            "a:\n  label: A\n  base: standing\n  angles: {toes: 3}\n",
            [
                "routines/poses.yaml, line 4, a.angles.toes: is not a known field (check the spelling)"
            ],
            id="unknown-angle",
        ),
        pytest.param(
            "a:\n  label: A\n  base: standing\n  angles: {hip: 400}\n",
            ["routines/poses.yaml, line 4, a.angles.hip: must be 360 or less"],
            id="angle-out-of-range",
        ),
        pytest.param(
            "a:\n  label: A\n  base: standing\n  angles: {knee: bent}\n",
            ["routines/poses.yaml, line 4, a.angles.knee: must be a number"],
            id="angle-not-a-number",
        ),
        pytest.param(
            "a:\n  label: A\n  base: standing\n  props: [sofa]\n",
            [
                "routines/poses.yaml, line 4, a.props[0]: must be one of 'cushion-head', 'cushion-hips', 'cushion-knee', 'cushion-knees', 'chair-seat', 'chair-legs', 'towel-foot', 'towel-roll', 'wall-back', 'wall-side' or 'mat'"
            ],
            id="unknown-prop",
        ),
        pytest.param(
            "a:\n  label: A\n  like: b\n",
            ["routines/poses.yaml, line 3, a.like: 'b' is not a pose in this file"],
            id="unknown-like",
        ),
        pytest.param(
            "a:\n  label: A\n  like: b\nb:\n  label: B\n  like: a\n",
            [
                "routines/poses.yaml, line 6, b.like: poses cannot start from each other in a circle (a → b → a)",
                "routines/poses.yaml, line 3, a.like: 'b' has a problem of its own",
            ],
            id="like-circle",
        ),
    ],
)
def test_bad_pose_file_names_file_line_field_and_reason(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    """Each kind of broken pose file gives its exact problems."""
    assert problems_of(tmp_path, text) == expected


def test_a_broken_pose_leaves_the_others(tmp_path: Path) -> None:
    """One broken pose is a problem; every other pose still loads."""
    text = GOOD + "broken:\n  label: B\n  base: lying-down\n"
    pose_file = load_poses(write_poses(tmp_path, text))
    assert set(pose_file.poses) == {"hook-lying", "pelvic-tilt", "knee-to-chest", "knee-up"}
    assert len(pose_file.problems) == 1 and pose_file.problems[0].field == "broken.base"
    assert "broken" in pose_file.names


def test_missing_pose_file_is_a_problem(tmp_path: Path) -> None:
    """A poses file that is not there is one problem, not a crash."""
    pose_file = load_poses(tmp_path / "poses.yaml", "routines/poses.yaml")
    assert [str(p) for p in pose_file.problems] == [
        "routines/poses.yaml: is missing: no step can show its demo"
    ]
    assert not pose_file.readable


def test_demo_data_is_json_ready(tmp_path: Path) -> None:
    """A demo becomes its poses' names, labels, bases, every angle and props, in order."""
    poses = load_poses(write_poses(tmp_path, GOOD)).poses
    data = demo_data(["hook-lying", "knee-to-chest"], poses)
    assert json.loads(json.dumps(data)) == data
    first, second = data["poses"]
    assert first["name"] == "hook-lying" and first["label"] == "Lying on your back, knees bent"
    assert first["base"] == "lying-back" and first["props"] == []
    assert set(first["angles"]) == set(ANGLE_NAMES)
    assert second["props"] == ["cushion-head"]


@pytest.mark.parametrize("names", [[], ["hook-lying", "no-such-pose"]], ids=["empty", "unknown"])
def test_demo_data_without_a_usable_demo_has_no_poses(tmp_path: Path, names: list[str]) -> None:
    """No demo, or one naming a pose that is not there, gives no poses: the step has no figure."""
    poses = load_poses(write_poses(tmp_path, GOOD)).poses
    assert demo_data(names, poses) == {"poses": []}


ROUTINE = """\
id: tilts
title: Tilts
summary: Tilt the pelvis.
focus: [lower-back]
level: gentle
style: pilates
steps:
  - name: Rest
    seconds: 30
    demo: [hook-lying]
    instructions: Lie down.
  - name: Tilts
    reps: 8
    seconds_per_rep: 5
    demo: [hook-lying, pelvic-tlit]
    instructions: Tilt the pelvis.
  - name: Broken
    seconds: 30
    demo: [broken]
    instructions: Lie down.
"""


def test_unknown_pose_in_a_routine_is_a_problem_and_the_routine_still_loads(
    tmp_path: Path,
) -> None:
    """A demo naming an unknown or broken pose is a problem with file, line and field; the routine loads."""
    folder = tmp_path / "routines"
    write_poses(folder, GOOD + "broken:\n  label: B\n  base: lying-down\n")
    (folder / "tilts.yaml").write_text(ROUTINE, encoding="utf-8")
    lib = library.load(folder)
    assert [e.routine.id for e in lib.entries] == ["tilts"]
    assert [str(p) for p in lib.problems] == [
        "routines/poses.yaml, line 21, broken.base: must be one of 'lying-back', 'lying-front', 'lying-side', 'all-fours', 'kneeling', 'sitting-floor', 'sitting-chair' or 'standing'",
        "routines/tilts.yaml, line 15, steps[1].demo[1]: 'pelvic-tlit' is not a known pose (did you mean 'pelvic-tilt'?)",
        "routines/tilts.yaml, line 19, steps[2].demo[0]: the pose 'broken' has a problem of its own (see poses.yaml)",
    ]
    steps = lib.get("tilts").routine.steps
    assert demo_data(steps[0].demo, lib.poses)["poses"][0]["name"] == "hook-lying"
    assert demo_data(steps[1].demo, lib.poses) == {"poses": []}


def test_library_uses_the_bundled_poses_when_a_folder_has_none(tmp_path: Path) -> None:
    """A routine folder without its own poses.yaml uses the bundled poses."""
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "tilts.yaml").write_text(ROUTINE.split("  - name: Tilts")[0], encoding="utf-8")
    lib = library.load(folder)
    assert lib.problems == () and "hook-lying" in lib.poses


def test_poses_file_is_not_a_routine(tmp_path: Path) -> None:
    """The folder's poses.yaml is left out of the routine files (and counted in the fingerprint)."""
    folder = tmp_path / "routines"
    path = write_poses(folder, GOOD)
    assert path not in library.routine_files(folder)
    assert str(path) in {entry[0] for entry in library.fingerprint(folder)}


def test_bundled_poses_load_without_problems() -> None:
    """routines/poses.yaml loads, every pose with a label, and starts with its schema comment."""
    pose_file = load_poses(POSES_PATH)
    assert pose_file.problems == ()
    assert len(pose_file.poses) >= 50
    assert POSES_PATH.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT


def test_schema_files_are_current() -> None:
    """routines/schema.json and poses.schema.json match the models and poses (run `make schema`)."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    assert POSES_SCHEMA_PATH.read_text(encoding="utf-8") == poses_schema_text()


def test_routine_schema_offers_the_pose_names_for_demos() -> None:
    """An editor completes a step's demo from the poses' names."""
    schema = json.loads(schema_text())
    names = schema["$defs"]["Step"]["properties"]["demo"]["items"]["enum"]
    assert names == list(load_poses(POSES_PATH).poses)


@pytest.mark.parametrize(
    ("demos", "cover"),
    [
        pytest.param([("a",), ("a", "b"), ("c", "d")], ("a", "b"), id="first-movement"),
        pytest.param([(), ("a",), ("b",)], ("a",), id="no-movement-first-demo"),
        pytest.param([("a", "a"), ("c",)], ("a", "a"), id="same-pose-twice-is-no-movement"),
        pytest.param([(), ()], (), id="no-demo"),
    ],
)
def test_cover_demo_is_the_first_movement(demos: list[tuple[str, ...]], cover: tuple) -> None:
    """A routine's card shows its first movement, else its first demo."""
    assert cover_demo(demos) == cover
