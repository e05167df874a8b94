"""The routine schema: what a routine file may say, validated with pydantic.

Every field carries a description: it flows into ``routines/schema.json`` (so
editors can autocomplete and check routine files) and into error messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import parse_qs, urlparse

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from limber.field_docs import describe_fields

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SCHEMA_COMMENT = "# yaml-language-server: $schema=schema.json"
"""First line of every routine file: points editors at the JSON Schema."""
SWITCH_SECONDS = 5
"""Time given to change sides in a two-sided step, unless the step gives its own."""


class Focus(StrEnum):
    """The body areas a routine works on: a closed vocabulary."""

    LOWER_BACK = "lower-back"
    UPPER_BACK_NECK = "upper-back-neck"
    HIPS = "hips"
    CORE = "core"
    RELAXATION = "relaxation"

    @property
    def label(self) -> str:
        """How the focus area is named to a person."""
        return FOCUS_LABELS[self]


FOCUS_LABELS = {
    Focus.LOWER_BACK: "Lower back",
    Focus.UPPER_BACK_NECK: "Upper back & neck",
    Focus.HIPS: "Hips",
    Focus.CORE: "Core",
    Focus.RELAXATION: "Relaxation & breathing",
}


class Level(StrEnum):
    """How demanding a routine is, from the gentlest up."""

    GENTLE = "gentle"
    MODERATE = "moderate"
    CHALLENGING = "challenging"


class Style(StrEnum):
    """The kind of practice a routine is."""

    PILATES = "pilates"
    STRETCH = "stretch"
    BREATHING = "breathing"
    MOBILITY = "mobility"


class Suitability(StrEnum):
    """Who a routine may not suit, or what it asks of the body: flags a routine carries as data."""

    NOT_IN_LATER_PREGNANCY = "not-in-later-pregnancy"
    """Has steps to avoid after about 16 weeks of pregnancy: lying on the front, long spells
    flat on the back, head-lifting curls, or deep hip openers."""
    NO_FLOOR = "no-floor"
    """Done sitting on a chair or standing throughout: no getting down to the floor."""

    @property
    def label(self) -> str:
        """How the flag is named to a person."""
        return SUITABILITY_LABELS[self]


SUITABILITY_LABELS = {
    Suitability.NOT_IN_LATER_PREGNANCY: "Not in later pregnancy",
    Suitability.NO_FLOOR: "No floor work",
}


_CLOCK = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d(?:\.\d+)?)$")


def parse_clock(value: object) -> object:
    """Read a time offset given as seconds or as ``m:ss`` / ``h:mm:ss``.

    Anything that is not a clock string is passed through for pydantic to
    judge, so ``"abc"`` still fails with a plain reason.
    """
    if isinstance(value, str):
        text = value.strip()
        match = _CLOCK.match(text)
        if match:
            hours, minutes, seconds = match.groups()
            return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{value!r} is not a time: use seconds or m:ss") from None
    return value


def format_clock(seconds: float) -> str:
    """Show seconds as ``m:ss`` (or ``h:mm:ss`` past an hour)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


ClockSeconds = Annotated[
    float,
    BeforeValidator(parse_clock),
    Field(ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^(\d+:)?[0-5]?\d:[0-5]\d(\.\d+)?$"},
            ]
        }
    ),
]
Text = Annotated[str, Field(min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VideoSpan(_Frozen):
    """The part of the routine's video that shows one step."""

    start: ClockSeconds
    """Where the step begins in the video: seconds, or m:ss."""
    end: ClockSeconds
    """Where the step ends in the video: seconds, or m:ss; after start."""

    @model_validator(mode="after")
    def _end_after_start(self) -> VideoSpan:
        if self.end <= self.start:
            raise ValueError(
                f"end ({format_clock(self.end)}) must be after start ({format_clock(self.start)})"
            )
        return self


class Source(_Frozen):
    """Where a routine comes from, for credit and for the person's trust."""

    title: str | None = None
    """The title of the original (a video, a book, a clinic handout)."""
    author: str | None = None
    """Who made the original: a person, a channel, an organisation."""
    url: str | None = None
    """A link to the original."""


class Step(_Frozen):
    """One exercise of a routine: held for a time or done for a number of reps."""

    name: Text
    """What the step is called, shown large: "Cat–cow"."""
    seconds: int | None = Field(default=None, gt=0)
    """How long the step lasts (per side, for two-sided steps)."""
    reps: int | None = Field(default=None, gt=0)
    """How many repetitions (per side), instead of seconds."""
    seconds_per_rep: float | None = Field(default=None, gt=0)
    """The tempo of one repetition; needed with reps."""
    sides: Literal["both"] | None = None
    """"both": done once on the left, then once on the right, with a switch."""
    switch_seconds: int = Field(default=SWITCH_SECONDS, gt=0)
    """Time to change sides in a two-sided step; more where rolling over is needed (10–15)."""
    rest_seconds: int | None = Field(default=None, ge=0)
    """Rest after this step, instead of the routine's default."""
    instructions: Text
    """How to do the step, in a few plain sentences."""
    setup: Text | None = None
    """How to get into position, spoken before the step; default: the instructions' first sentences."""
    cues: tuple[Text, ...] = ()
    """Short lines to read or speak during the step."""
    count: bool | None = None
    """Whether the voice counts the reps aloud ("one … two …"); default: yes for rep steps."""
    demo: tuple[Text, ...] = ()
    """The figure's demonstration: one pose name for a hold, a sequence for a movement."""
    cautions: tuple[Text, ...] = ()
    """What to watch for, and when to stop or ease off."""
    video: VideoSpan | None = None
    """The span of the routine's video that shows this step."""

    @model_validator(mode="after")
    def _seconds_or_reps(self) -> Step:
        if self.seconds is None and self.reps is None:
            raise ValueError("give either seconds or reps")
        if self.seconds is not None and self.reps is not None:
            raise ValueError("give either seconds or reps, not both")
        if self.reps is not None and self.seconds_per_rep is None:
            raise ValueError("reps need seconds_per_rep (the tempo of one repetition)")
        if self.reps is None and self.seconds_per_rep is not None:
            raise ValueError("seconds_per_rep only goes with reps")
        if self.reps is None and self.count:
            raise ValueError("count only goes with reps")
        return self

    @property
    def seconds_per_side(self) -> int:
        """How long one side (or the whole step, if one-sided) lasts, in whole seconds."""
        if self.seconds is not None:
            return self.seconds
        assert self.reps is not None and self.seconds_per_rep is not None
        return max(1, round(self.reps * self.seconds_per_rep))


class Routine(_Frozen):
    """A routine: a named sequence of steps with its focus, level and style."""

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Lower-case words joined by hyphens; must match the file name."""
    title: Text
    """The routine's name, as shown on its card."""
    summary: Text
    """One line that says what the routine is for."""
    focus: tuple[Focus, ...] = Field(min_length=1)
    """The body areas it works on."""
    level: Level
    """How demanding it is."""
    style: Style
    """The kind of practice."""
    equipment: tuple[Text, ...] = ()
    """What is needed besides a mat or a bed: "cushion", "chair"."""
    prepare_seconds: int = Field(default=10, ge=0)
    """Time to get into position before the first step."""
    rest_seconds: int = Field(default=10, ge=0)
    """Rest between steps, unless a step says otherwise."""
    suitability: tuple[Suitability, ...] = ()
    """Flags for who it may not suit, or what it needs: "not-in-later-pregnancy" (lying on the
    front, long spells on the back, head-lifting curls or deep hip openers), "no-floor" (every
    step is done sitting on a chair or standing)."""
    cautions: tuple[Text, ...] = ()
    """Cautions for the whole routine."""
    video: str | None = None
    """A video showing the routine: a YouTube or web URL, or a local MP4 file."""
    source: Source | None = None
    """Where the routine comes from."""
    steps: tuple[Step, ...] = Field(min_length=1)
    """The exercises, in order."""

    @property
    def focus_labels(self) -> str:
        """The focus areas as a person reads them."""
        return ", ".join(f.label for f in self.focus)


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube URL in any of its forms, or None if it is not one."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com", "music.youtube.com"}:
        parts = parsed.path.strip("/").split("/")
        if parts[0] == "watch":
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        elif parts[0] in {"embed", "shorts", "live", "v"} and len(parts) > 1:
            candidate = parts[1]
        else:
            return None
    else:
        return None
    return candidate if re.fullmatch(r"[A-Za-z0-9_-]{11}", candidate) else None


def json_schema(pose_names: Sequence[str] = ()) -> dict:
    """The JSON Schema of a routine file, for editors (``routines/schema.json``).

    ``pose_names`` (those of ``routines/poses.yaml``) become the choices of a step's
    demo, so an editor completes them and flags a misspelt one.
    """
    schema = describe_fields(Routine.model_json_schema(), Routine, Step, VideoSpan, Source)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Limber routine"
    if pose_names:
        schema["$defs"]["Step"]["properties"]["demo"]["items"]["enum"] = list(pose_names)
    return schema
