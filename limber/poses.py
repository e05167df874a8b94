"""The figure's poses: joint angles, a base position and props, read from ``routines/poses.yaml``.

A pose is what the animated figure shows for a moment of a step: "lying on your
back, knees bent". A step names its demonstration (``demo: [hook-lying,
pelvic-tilt]``): one pose for a hold, a sequence for a movement. The file is a
mapping of pose names to poses; a pose gives its base (lying on the back,
standing …) or is ``like`` another pose, and changes only the angles it needs.
An angle left out is inherited (from the ``like`` pose, else from the base), and
an angle of the far arm or leg follows a changed near one where the two were
alike, unless it is given.

The geometry (which way each angle turns a limb) lives in
``static/figure.js``; here the data is validated like a routine
file, each fault a :class:`~limber.files.Problem` with file, line and field,
and a broken pose never stops the others from loading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from limber.field_docs import describe_fields
from limber.files import (
    Problem,
    RoutineFileError,
    field_lines,
    parse_yaml,
    problems_from,
    read_text,
)

POSES_FILE = "poses.yaml"
"""The poses file's name, at the top of the bundled routine folder."""
SCHEMA_COMMENT = "# yaml-language-server: $schema=poses.schema.json"
"""First line of the poses file: points editors at its JSON Schema."""
NAME_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_NAME = re.compile(NAME_PATTERN)


class Base(StrEnum):
    """Where the body rests: the family of positions a pose belongs to."""

    LYING_BACK = "lying-back"
    LYING_FRONT = "lying-front"
    LYING_SIDE = "lying-side"
    ALL_FOURS = "all-fours"
    KNEELING = "kneeling"
    SITTING_FLOOR = "sitting-floor"
    SITTING_CHAIR = "sitting-chair"
    STANDING = "standing"


class Prop(StrEnum):
    """A thing drawn with the figure, each in its place: a closed set."""

    CUSHION_HEAD = "cushion-head"
    """A pillow under the head."""
    CUSHION_HIPS = "cushion-hips"
    """A cushion to sit on, under the pelvis."""
    CUSHION_KNEE = "cushion-knee"
    """A cushion under the far knee (the one kneeling)."""
    CUSHION_KNEES = "cushion-knees"
    """A cushion under both bent knees (a resting twist)."""
    CHAIR_SEAT = "chair-seat"
    """A chair behind the feet, to sit on."""
    CHAIR_LEGS = "chair-legs"
    """A chair seat under the lower legs (lying on the back)."""
    TOWEL_FOOT = "towel-foot"
    """A towel or strap from the hands around the near foot."""
    TOWEL_ROLL = "towel-roll"
    """A rolled towel under the upper back."""
    WALL_BACK = "wall-back"
    """A wall behind the back."""
    WALL_SIDE = "wall-side"
    """A wall beside the near arm."""
    MAT = "mat"
    """An exercise mat under the body."""


Degrees = Annotated[
    float | None,
    Field(default=None, ge=-360, le=360),
    WithJsonSchema({"type": "number", "minimum": -360, "maximum": 360}),
]
PoseName = Annotated[str, Field(pattern=NAME_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Angles(_Frozen):
    """Joint angles in degrees, seen from the side with the figure facing right.

    Positive turns the way the body bends forward: a positive hip lifts the thigh
    in front, a positive elbow bends the arm. "Near" limbs are those nearer the
    viewer (the upper ones when lying on the side); a ``far_`` angle left out follows
    a changed near one where the two were alike. Left out: inherited from the
    ``like`` pose, else the base.
    """

    pelvis: Degrees
    """The pelvis, and with it the whole body, tipped from upright: 0 standing, 90 face down with the head forward, -90 lying back."""
    tilt: Degrees
    """The whole body tipped sideways toward the near side (up, when lying on the side: a side plank)."""
    facing: Degrees
    """The whole figure turned toward the viewer: 0 seen from the side, 90 seen from the front."""
    lumbar: Degrees
    """The lower back rounded forward; negative arches it."""
    thoracic: Degrees
    """The upper back rounded forward; negative arches it (chest lifted)."""
    side_bend: Degrees
    """The back bent sideways toward the near side."""
    twist: Degrees
    """The chest turned toward the near side, the pelvis staying."""
    neck: Degrees
    """The neck bent forward, chin toward the chest; negative tips the head back."""
    head: Degrees
    """The head nodded forward on the neck (a chin tuck with a negative neck)."""
    head_turn: Degrees
    """The face turned toward the near side."""
    head_tilt: Degrees
    """The ear tipped toward the near shoulder."""
    shoulder: Degrees
    """The near arm raised forward: 0 hanging along the body, 90 straight ahead, 180 overhead; negative behind."""
    shoulder_out: Degrees
    """The near arm raised out to the side: 90 straight out sideways."""
    shoulder_lift: Degrees
    """The near shoulder lifted toward the ear."""
    shoulder_back: Degrees
    """The near shoulder drawn back (shoulder blades squeezed); negative rounds it forward."""
    shoulder_turn: Degrees
    """The near upper arm turned outward on itself: with the elbow bent, 90 swings the forearm from forward to out (or up, with the arm out to the side)."""
    elbow: Degrees
    """The near elbow bent: 0 straight, 90 a right angle."""
    wrist: Degrees
    """The near hand bent forward from the line of the forearm: 90 flat on the floor under an upright forearm."""
    hip: Degrees
    """The near thigh raised forward: 0 in line with the body, 90 at a right angle; negative behind."""
    hip_out: Degrees
    """The near leg raised out to the side (up, when lying on the side)."""
    hip_turn: Degrees
    """The near thigh turned outward on itself: with the knee bent, 90 swings the shin across in front (a cross-legged or pigeon shin)."""
    knee: Degrees
    """The near knee bent: 0 straight, 90 a right angle, 150 fully bent."""
    knee_out: Degrees
    """The near bent knee falling out to the side, its foot staying put (a clamshell); negative falls inward."""
    ankle: Degrees
    """The near foot pointed: 0 at a right angle to the shin, 90 pointed in line with it."""
    far_shoulder: Degrees
    """As shoulder, for the far arm."""
    far_shoulder_out: Degrees
    """As shoulder_out, for the far arm."""
    far_shoulder_lift: Degrees
    """As shoulder_lift, for the far shoulder."""
    far_shoulder_back: Degrees
    """As shoulder_back, for the far shoulder."""
    far_shoulder_turn: Degrees
    """As shoulder_turn, for the far arm."""
    far_elbow: Degrees
    """As elbow, for the far arm."""
    far_wrist: Degrees
    """As wrist, for the far hand."""
    far_hip: Degrees
    """As hip, for the far leg."""
    far_hip_out: Degrees
    """As hip_out, for the far leg."""
    far_hip_turn: Degrees
    """As hip_turn, for the far leg."""
    far_knee: Degrees
    """As knee, for the far leg."""
    far_knee_out: Degrees
    """As knee_out, for the far leg."""
    far_ankle: Degrees
    """As ankle, for the far foot."""


ANGLE_NAMES: tuple[str, ...] = tuple(Angles.model_fields)
"""Every joint angle, in the file's order."""
FAR_OF: Mapping[str, str] = {
    name: name.removeprefix("far_") for name in ANGLE_NAMES if name.startswith("far_")
}
"""Each far-side angle and the near-side angle it follows."""


def _base(**angles: float) -> dict[str, float]:
    full = dict.fromkeys(ANGLE_NAMES, 0.0) | {"elbow": 10.0, "ankle": 10.0}
    full |= angles
    for far, near in FAR_OF.items():
        if far not in angles:
            full[far] = full[near]
    return full


BASE_ANGLES: Mapping[Base, Mapping[str, float]] = {
    Base.STANDING: _base(),
    Base.LYING_BACK: _base(pelvis=-90, ankle=30, neck=8, elbow=5),
    Base.LYING_FRONT: _base(pelvis=90, ankle=75, neck=-4, elbow=5),
    Base.LYING_SIDE: _base(
        pelvis=-90,
        head_tilt=18,
        hip=45,
        knee=75,
        ankle=25,
        shoulder=12,
        elbow=12,
        far_shoulder=170,
        far_shoulder_out=0,
        far_elbow=10,
    ),
    Base.ALL_FOURS: _base(
        pelvis=74,
        lumbar=4,
        thoracic=8,
        neck=-4,
        hip=74,
        knee=90,
        ankle=75,
        shoulder=86,
        elbow=0,
        wrist=90,
    ),
    Base.KNEELING: _base(knee=90, ankle=75),
    Base.SITTING_FLOOR: _base(pelvis=-5, lumbar=8, thoracic=6, hip=85, ankle=15, shoulder=10),
    Base.SITTING_CHAIR: _base(hip=90, knee=90, ankle=0, shoulder=15, elbow=60),
}
"""The angles each base starts from: a pose says only what differs."""


class PoseEntry(_Frozen):
    """One pose as the file gives it: a base or another pose to start from, and what differs."""

    label: Text
    """What the figure shows, as a sentence read aloud by a screen reader: "Lying on your back, knees bent"."""
    like: PoseName | None = None
    """Another pose of this file to start from: its base, angles and props."""
    base: Base | None = None
    """Where the body rests; needed unless the pose is like another."""
    angles: Angles = Angles()
    """The joint angles that differ from the like pose or the base, in degrees."""
    props: tuple[Prop, ...] | None = None
    """Things drawn with the figure; default: the like pose's, else none."""

    @model_validator(mode="after")
    def _base_or_like(self) -> PoseEntry:
        if self.base is None and self.like is None:
            raise ValueError("give a base, or like: another pose to start from")
        return self


class PoseFileModel(RootModel[dict[PoseName, PoseEntry]]):
    """The poses file: pose names (lower-case words joined by hyphens) and their poses."""


@dataclass(frozen=True)
class Pose:
    """A pose with everything resolved: ready to draw."""

    name: str
    """The pose's name in the poses file."""
    label: str
    """How the pose is named to a person."""
    base: Base
    """The position the body rests in (lying on the back, kneeling, standing …)."""
    angles: Mapping[str, float]
    """Every joint angle of :data:`ANGLE_NAMES`, in degrees."""
    props: tuple[Prop, ...]
    """The props drawn with it (cushion, chair …)."""

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data for the browser."""
        return {
            "name": self.name,
            "label": self.label,
            "base": self.base.value,
            "angles": dict(self.angles),
            "props": [p.value for p in self.props],
        }


@dataclass(frozen=True)
class PoseFile:
    """The poses that loaded from one file, and every problem found on the way."""

    poses: Mapping[str, Pose] = field(default_factory=dict)
    """The poses that loaded, by name."""
    problems: tuple[Problem, ...] = ()
    """What could not be loaded, each with its file, line, field and reason."""
    names: frozenset[str] = frozenset()
    """Every pose name the file gives, good or broken."""
    readable: bool = True
    """False when the file could not be read or parsed at all."""


def _resolve(
    name: str,
    entries: Mapping[str, PoseEntry],
    done: dict[str, Pose | None],
    trail: tuple[str, ...],
    fail: Callable[[str, str, str], None],
) -> Pose | None:
    if name in done:
        return done[name]
    entry = entries[name]
    start_angles: Mapping[str, float]
    if entry.like is not None:
        if entry.like in trail or entry.like == name:
            circle = " → ".join((*trail[trail.index(entry.like) :], name, entry.like))
            fail(name, "like", f"poses cannot start from each other in a circle ({circle})")
            done[name] = None
            return None
        if entry.like not in entries:
            fail(name, "like", f"{entry.like!r} is not a pose in this file")
            done[name] = None
            return None
        parent = _resolve(entry.like, entries, done, (*trail, name), fail)
        if parent is None:
            if name not in done:
                fail(name, "like", f"{entry.like!r} has a problem of its own")
            done[name] = None
            return None
        base = entry.base or parent.base
        start_angles = parent.angles if entry.base in (None, parent.base) else BASE_ANGLES[base]
        props = parent.props if entry.props is None else entry.props
    else:
        assert entry.base is not None
        base = entry.base
        start_angles = BASE_ANGLES[base]
        props = entry.props or ()
    given = entry.angles.model_dump(exclude_none=True)
    angles = dict(start_angles) | given
    for far, near in FAR_OF.items():
        # The far side follows a changed near side where the two were alike.
        if far not in given and near in given and start_angles[far] == start_angles[near]:
            angles[far] = given[near]
    pose = Pose(name, entry.label, base, angles, tuple(props))
    done[name] = pose
    return pose


def parse_poses(data: object, *, shown_as: str, text: str = "") -> PoseFile:
    """Validate parsed YAML as poses: good poses load, each broken one becomes problems."""
    if not isinstance(data, dict):
        problem = Problem(shown_as, None, None, "must be a mapping of pose names to poses")
        return PoseFile(problems=(problem,), readable=False)
    problems: list[Problem] = []
    faults: list[tuple[tuple[str, ...], str]] = []
    entries: dict[str, PoseEntry] = {}
    for name, value in data.items():
        if not isinstance(name, str) or not _NAME.match(name):
            faults.append(
                (
                    (str(name),),
                    "a pose name must be lower-case words joined by hyphens, like hook-lying",
                )
            )
            continue
        try:
            entries[name] = PoseEntry.model_validate(value)
        except ValidationError as err:
            problems.extend(problems_from(err, shown_as=shown_as, text=text, prefix=(name,)))

    def fail(name: str, where: str, reason: str) -> None:
        faults.append(((name, where), reason))

    done: dict[str, Pose | None] = {}
    for name in entries:
        _resolve(name, entries, done, (), fail)
    if faults:
        lines = field_lines(text, [loc for loc, _ in faults]) if text else {}
        problems.extend(
            Problem(shown_as, lines.get(loc) or None, ".".join(loc), reason)
            for loc, reason in faults
        )
    poses = {name: pose for name, pose in done.items() if pose is not None}
    names = frozenset(str(n) for n in data)
    return PoseFile(poses, tuple(problems), names)


def load_poses(path: Path, shown_as: str | None = None) -> PoseFile:
    """Read and validate a poses file; a missing or broken file is a problem, never a crash."""
    shown_as = shown_as or path.name
    if not path.is_file():
        problem = Problem(shown_as, None, None, "is missing: no step can show its demo")
        return PoseFile(problems=(problem,), readable=False)
    try:
        text = read_text(path, shown_as)
        data = parse_yaml(text, shown_as)
    except RoutineFileError as err:
        return PoseFile(problems=err.problems, readable=False)
    return parse_poses(data, shown_as=shown_as, text=text)


def demo_data(names: Sequence[str], poses: Mapping[str, Pose]) -> dict[str, Any]:
    """A step's demonstration as JSON-ready data for the figure; no poses if any name is unknown."""
    if not names or any(n not in poses for n in names):
        return {"poses": []}
    return {"poses": [poses[n].to_data() for n in names]}


def cover_demo(demos: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """The demo that shows a routine best on its card: its first movement, else its first demo."""
    demos = [tuple(d) for d in demos if d]
    return next((d for d in demos if len(set(d)) > 1), demos[0] if demos else ())


def pose_names(path: Path) -> list[str]:
    """The names of the poses that load from a file, in the file's order (for the routine schema)."""
    return list(load_poses(path).poses)


def json_schema() -> dict:
    """The JSON Schema of the poses file, for editors (``routines/poses.schema.json``)."""
    schema = describe_fields(PoseFileModel.model_json_schema(), PoseEntry, Angles)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Limber poses"
    schema["description"] = (
        "The figure's poses: each name maps to a pose with a base (or like: another pose), "
        "the joint angles that differ, in degrees, and props."
    )
    return schema


def unknown_names(names: Iterable[str], pose_file: PoseFile) -> list[tuple[int, str]]:
    """The positions and names in a demo that the pose file cannot show."""
    return [(i, n) for i, n in enumerate(names) if n not in pose_file.poses]
