"""Expand a routine into the flat timeline the player runs.

prepare -> exercise (left, switch, right for two-sided steps) -> rest -> ...
with no rest after the last step. The total time of a routine comes from here
and nowhere else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from limber.model import Routine, Step, format_clock

SWITCH_SECONDS = 5
"""Time given to change sides in a two-sided step."""


class Kind(StrEnum):
    """What a segment of the timeline is."""

    PREPARE = "prepare"
    EXERCISE = "exercise"
    SWITCH = "switch"
    REST = "rest"


class Segment(BaseModel):
    """One stretch of the clock: the player shows it, counts it down, then moves on."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    kind: Kind
    """Prepare, exercise, switch sides or rest."""
    label: str
    """What is shown large: the step name, "Get ready", "Switch sides", "Rest"."""
    seconds: int
    """How long the segment lasts."""
    step: int | None
    """Index of the step this segment belongs to (the next step, for prepare and rest)."""
    side: str | None = None
    """"left" or "right" for two-sided steps, else None."""
    instructions: str = ""
    """The step's instructions."""
    cues: tuple[str, ...] = ()
    """Short lines to read or speak during the segment."""
    cautions: tuple[str, ...] = ()
    """The step's cautions."""
    reps: int | None = None
    """For rep steps: how many repetitions (this side)."""
    seconds_per_rep: float | None = None
    """For rep steps: the tempo."""
    video_start: float | None = None
    """Start of the video span to play, in seconds."""
    video_end: float | None = None
    """End of the video span to play, in seconds."""
    next_label: str | None = None
    """The name of the step that comes next, shown during rests."""


class Plan(BaseModel):
    """A routine laid out as segments, ready to run."""

    model_config = ConfigDict(frozen=True)

    routine_id: str
    title: str
    step_count: int
    segments: tuple[Segment, ...]

    @property
    def total_seconds(self) -> int:
        """The routine's whole length, rests included."""
        return sum(s.seconds for s in self.segments)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data for the player component."""
        return self.model_dump(mode="json") | {"total_seconds": self.total_seconds}


def _exercise(step: Step, index: int, side: str | None) -> Segment:
    span = step.video
    return Segment(
        kind=Kind.EXERCISE,
        label=step.name,
        seconds=step.seconds_per_side,
        step=index,
        side=side,
        instructions=step.instructions,
        cues=step.cues,
        cautions=step.cautions,
        reps=step.reps,
        seconds_per_rep=step.seconds_per_rep,
        video_start=span.start if span else None,
        video_end=span.end if span else None,
    )


def build(routine: Routine) -> Plan:
    """Lay a routine out as the timeline the player will run."""
    steps = routine.steps
    segments: list[Segment] = []
    if routine.prepare_seconds:
        segments.append(
            Segment(
                kind=Kind.PREPARE,
                label="Get ready",
                seconds=routine.prepare_seconds,
                step=0,
                instructions=steps[0].instructions,
                next_label=steps[0].name,
            )
        )
    for index, step in enumerate(steps):
        if step.sides == "both":
            segments.append(_exercise(step, index, "left"))
            segments.append(
                Segment(
                    kind=Kind.SWITCH,
                    label="Switch sides",
                    seconds=SWITCH_SECONDS,
                    step=index,
                    side="right",
                    next_label=step.name,
                )
            )
            segments.append(_exercise(step, index, "right"))
        else:
            segments.append(_exercise(step, index, None))
        rest = routine.rest_seconds if step.rest_seconds is None else step.rest_seconds
        if index + 1 < len(steps) and rest > 0:
            following = steps[index + 1]
            segments.append(
                Segment(
                    kind=Kind.REST,
                    label="Rest",
                    seconds=rest,
                    step=index + 1,
                    instructions=following.instructions,
                    next_label=following.name,
                )
            )
    return Plan(
        routine_id=routine.id,
        title=routine.title,
        step_count=len(steps),
        segments=tuple(segments),
    )


def total_seconds(routine: Routine) -> int:
    """The routine's whole length in seconds."""
    return build(routine).total_seconds


def step_time(step: Step) -> str:
    """How long a step takes, as a person reads it: "0:30 each side", "8 reps · about 0:48"."""
    each = " each side" if step.sides == "both" else ""
    if step.reps is not None:
        return f"{step.reps} reps{each} · about {format_clock(step.seconds_per_side)}"
    return f"{format_clock(step.seconds_per_side)}{each}"
