"""Expand a routine into the flat timeline the player runs, with what the voice says when.

prepare -> exercise (left, switch, right for two-sided steps) -> rest -> ...
with no rest after the last step. The total time of a routine comes from here
and nowhere else.

The voice schedule rides on the same timeline: each segment carries its
utterances (``Segment.speech``), each with its offset in the segment, its text,
an optional shorter form and the voice levels that say it. Lines that must come
at a given moment (the announcement, the rep count, "Ten seconds", 3-2-1,
"Halfway") keep their moment; the step's cues move to the first gap after
their moment where they fit, at a nominal speaking speed, or are left out.
The browser only fits each line to its real voice (the full form, the short
one, or nothing: ``components/player/assets/voice.js``). A two-sided step is
written for the left side; on the right its cues and key instruction are
mirrored ("the left knee" becomes "the right knee").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from limber.model import Routine, Step, format_clock
from limber.poses import Pose, demo_data

CHARS_PER_SECOND = 11.0
"""A slowish speaking speed (a voice at rate 0.8), used only to lay cues out between timed lines.

Voices speak about 14 characters a second at rate 1; laying out for a slower one
leaves room, so a line is rarely cut short by a cue laid out right behind it.
"""
GAP_SECONDS = 0.3
"""The silence kept between two lines when laying cues out."""
COUNT_LEAD_SECONDS = 1.0
"""A rep's number is said this long before the rep ends (at most half a rep): as it completes,
with time for the last number before the step ends."""
COUNTDOWN_HOLDS_OVER = 20
"""Holds longer than this (seconds) get "Ten seconds" and a spoken 3-2-1 before the end."""
HALFWAY_HOLDS_OVER = 40
"""With full guidance, holds longer than this (seconds) get "Halfway"."""
HALFWAY_CUES_FROM = 20
"""With cues only, steps this long (seconds) or longer get "Halfway", as they always have."""
SETUP_MAX_CHARS = 140
"""The default set-up line takes the instructions' second sentence too if both fit in this."""


class Kind(StrEnum):
    """What a segment of the timeline is."""

    PREPARE = "prepare"
    EXERCISE = "exercise"
    SWITCH = "switch"
    REST = "rest"


class Side(StrEnum):
    """Which side a two-sided step is done on: written for the left, then mirrored."""

    LEFT = "left"
    RIGHT = "right"


class VoiceLevel(StrEnum):
    """How much the voice says, as the person chooses in the player."""

    OFF = "off"
    CUES = "cues"
    FULL = "full"

    @property
    def label(self) -> str:
        """How the level is named to a person."""
        return VOICE_LEVEL_LABELS[self]


VOICE_LEVEL_LABELS = {
    VoiceLevel.OFF: "Off",
    VoiceLevel.CUES: "Cues",
    VoiceLevel.FULL: "Full guidance",
}
SPOKEN_LEVELS = (VoiceLevel.CUES, VoiceLevel.FULL)
"""The levels that say anything, from the least to the most."""


class Utterance(BaseModel):
    """One line the voice says during a segment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    at: float
    """When to say it: seconds from the start of its segment."""
    text: str
    """What to say."""
    short: str | None = None
    """A shorter form, said instead when the whole line would run into the next one."""
    levels: tuple[VoiceLevel, ...]
    """The voice levels that say it (never "off")."""


class Segment(BaseModel):
    """One stretch of the clock: the player shows it, counts it down, then moves on."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    """Prepare, exercise, switch sides or rest."""
    label: str
    """What is shown large: the step name, "Get ready", "Switch sides", "Rest"."""
    seconds: int
    """How long the segment lasts."""
    step: int | None
    """Index of the step this segment belongs to (the next step, for prepare and rest)."""
    side: Side | None = None
    """The side, for two-sided steps; else None."""
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
    speech: tuple[Utterance, ...] = ()
    """What the voice says during the segment, in order of time."""
    demo: dict[str, Any] | None = None
    """The figure's poses for the step (the next step's, before it): ``poses.demo_data``."""


class Plan(BaseModel):
    """A routine laid out as segments, ready to run."""

    model_config = ConfigDict(frozen=True)

    routine_id: str
    """The routine's id."""
    title: str
    """The routine's title."""
    step_count: int
    """How many steps the routine has (a two-sided step counts once)."""
    segments: tuple[Segment, ...]
    """The timeline, in order."""
    closing: tuple[Utterance, ...] = ()
    """What the voice says when the routine has been run to its end (``at`` is 0)."""

    @property
    def total_seconds(self) -> int:
        """The routine's whole length, rests included."""
        return sum(s.seconds for s in self.segments)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data for the player component."""
        return self.model_dump(mode="json") | {"total_seconds": self.total_seconds}


def _exercise(
    step: Step,
    index: int,
    side: Side | None,
    *,
    announced: bool,
    demo: dict[str, Any] | None,
    voice: bool,
) -> Segment:
    span = step.video
    return Segment(
        kind=Kind.EXERCISE,
        label=step.name,
        seconds=step.seconds_per_side,
        step=index,
        side=side,
        instructions=step.instructions,
        cues=side_cues(step, side),
        cautions=step.cautions,
        reps=step.reps,
        seconds_per_rep=step.seconds_per_rep,
        video_start=span.start if span else None,
        video_end=span.end if span else None,
        speech=_merge(_exercise_speech(step, side, announced=announced)) if voice else (),
        demo=demo,
    )


def build(routine: Routine, poses: Mapping[str, Pose] | None = None, *, voice: bool = True) -> Plan:
    """Lay a routine out as the timeline the player will run, with what the voice says when.

    With ``poses``, each segment carries the figure's demonstration of its step
    (before a step, the step it leads to); a demo naming an unknown pose is left out.
    ``voice=False`` leaves the voice schedule out: the timing alone, for totals.
    """
    steps = routine.steps
    segments: list[Segment] = []

    def demo(step: Step) -> dict[str, Any] | None:
        data = demo_data(step.demo, poses) if poses else None
        return data if data and data["poses"] else None

    if routine.prepare_seconds:
        segments.append(
            Segment(
                kind=Kind.PREPARE,
                label="Get ready",
                seconds=routine.prepare_seconds,
                step=0,
                instructions=steps[0].instructions,
                next_label=steps[0].name,
                speech=_merge(_announcement("Get ready", f"First: {steps[0].name}", steps[0]))
                if voice
                else (),
                demo=demo(steps[0]),
            )
        )
    # Whether the step about to start was named, with its set-up, just before it.
    announced = bool(routine.prepare_seconds)
    for index, step in enumerate(steps):
        if step.sides == "both":
            segments.append(
                _exercise(step, index, Side.LEFT, announced=announced, demo=demo(step), voice=voice)
            )
            segments.append(
                Segment(
                    kind=Kind.SWITCH,
                    label="Switch sides",
                    seconds=step.switch_seconds,
                    step=index,
                    side=Side.RIGHT,
                    next_label=step.name,
                    speech=_merge(_switch_speech(Side.RIGHT)) if voice else (),
                    demo=demo(step),
                )
            )
            segments.append(
                _exercise(step, index, Side.RIGHT, announced=True, demo=demo(step), voice=voice)
            )
        else:
            segments.append(
                _exercise(step, index, None, announced=announced, demo=demo(step), voice=voice)
            )
        rest = routine.rest_seconds if step.rest_seconds is None else step.rest_seconds
        announced = index + 1 < len(steps) and rest > 0
        if announced:
            following = steps[index + 1]
            segments.append(
                Segment(
                    kind=Kind.REST,
                    label="Rest",
                    seconds=rest,
                    step=index + 1,
                    instructions=following.instructions,
                    next_label=following.name,
                    speech=_merge(_announcement("Rest", f"Next: {following.name}", following))
                    if voice
                    else (),
                    demo=demo(following),
                )
            )
    return Plan(
        routine_id=routine.id,
        title=routine.title,
        step_count=len(steps),
        segments=tuple(segments),
        closing=(Utterance(at=0, text="Well done", levels=SPOKEN_LEVELS),) if voice else (),
    )


# --- the voice schedule ------------------------------------------------------------

_Say = tuple[float, str, str | None]
"""A line being laid out: its offset, its text and its short form."""


def sentences(text: str) -> list[str]:
    """The text's sentences: it is split after ".", "!" or "?" followed by a space."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def setup_line(step: Step) -> str:
    """How to get into position: the step's ``setup``, else its instructions' first sentence or two."""
    if step.setup:
        return " ".join(step.setup.split())
    first, *others = sentences(step.instructions)
    if others and len(first) + 1 + len(others[0]) <= SETUP_MAX_CHARS:
        return f"{first} {others[0]}"
    return first


def key_instruction(step: Step) -> str | None:
    """What is said as the step starts: the instructions' first sentence the set-up has not said."""
    said = set(sentences(setup_line(step)))
    return next((s for s in sentences(step.instructions) if s not in said), None)


_SIDE_WORD = re.compile(r"\b(left|right)\b(?!\s+angle)", re.IGNORECASE)
"""A side's word; "right angle" is not one."""


def mirrored(text: str) -> str:
    """The text with "left" and "right" swapped, each keeping its capital: the second side's words.

    A two-sided step is written for the left side ("the left knee lifts"); on the right side
    the same line must name the other limb, or a person who is only listening moves the wrong one.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        other = "right" if word.lower() == "left" else "left"
        return other.capitalize() if word[0].isupper() else other

    return _SIDE_WORD.sub(swap, text)


def side_cues(step: Step, side: Side | None) -> tuple[str, ...]:
    """The step's cues as said on this side: written for the left, mirrored for the right."""
    return tuple(mirrored(c) for c in step.cues) if side is Side.RIGHT else step.cues


def counts_reps(step: Step) -> bool:
    """Whether the voice counts the step's reps: its ``count``, by default yes for rep steps."""
    return step.reps is not None and step.count is not False


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def count_word(n: int) -> str:
    """A number as it is said in a count: "One", "Twenty-one"; digits from 100 up."""
    if n < 20:
        word = _ONES[n]
    elif n < 100:
        tens, ones = divmod(n, 10)
        word = _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    else:
        return str(n)
    return word.capitalize()


def _line(*parts: str | None) -> str:
    """Parts said one after another, each but the last closed with a full stop if it has none."""
    kept = [p.strip() for p in parts if p and p.strip()]
    return " ".join(
        p if i == len(kept) - 1 or p[-1] in ".!?:" else f"{p}." for i, p in enumerate(kept)
    )


def _say_seconds(text: str) -> float:
    return len(text) / CHARS_PER_SECOND


def _first_gap(
    busy: list[tuple[float, float]], want: float, latest: float, text: str
) -> float | None:
    """The earliest offset from ``want`` where ``text`` fits between ``busy`` spans, ending by ``latest``."""
    start = want
    length = _say_seconds(text)
    for begin, end in sorted(busy):
        if end + GAP_SECONDS <= start:
            continue
        if start + length + GAP_SECONDS <= begin:
            break
        start = max(start, end + GAP_SECONDS)
    return round(start, 2) if start + length + GAP_SECONDS <= latest else None


def _lay_out(seconds: float, timed: list[_Say], cues: tuple[str, ...]) -> list[_Say]:
    """The timed lines where they are; each cue in the first gap from the moment it is shown.

    A timed line takes the time it needs, but never past the next timed line (the
    player shortens or drops it there). Cues are shown one after another over the
    segment, as the player does; a cue that cannot end before the next one is
    shown (or the segment ends) is left out.
    """
    moments = sorted({at for at, _, _ in timed} | {seconds})
    busy = [
        (at, min(at + _say_seconds(text), next(m for m in moments if m > at)))
        for at, text, _ in timed
    ]
    placed = list(timed)
    each = seconds / len(cues) if cues else 0
    for i, cue in enumerate(cues):
        at = _first_gap(busy, i * each, min(seconds, (i + 1) * each), cue)
        if at is not None:
            placed.append((at, cue, None))
            busy.append((at, at + _say_seconds(cue)))
    return sorted(placed, key=lambda say: say[0])


def _exercise_speech(
    step: Step, side: Side | None, *, announced: bool
) -> dict[VoiceLevel, list[_Say]]:
    seconds = step.seconds_per_side
    side_line = f"{side.capitalize()} side" if side else None
    reps_line = f"{step.reps} reps" if step.reps else None
    name = _line(side_line, step.name)
    named = _line(side_line, step.name, reps_line)
    hold = step.reps is None

    cues: list[_Say] = [(0.0, named, name if named != name else None)]
    if seconds >= HALFWAY_CUES_FROM:
        cues.append((seconds / 2, "Halfway", None))

    # Not named before it (no rest, no "Get ready"): the start says how to get into position.
    detail = key_instruction(step) if announced else setup_line(step)
    if side is Side.RIGHT and detail:
        detail = mirrored(detail)
    start = _line(side_line, step.name, reps_line, detail)
    full: list[_Say] = [(0.0, start, name if start != name else None)]
    if counts_reps(step):
        assert step.reps is not None and step.seconds_per_rep is not None
        lead = min(COUNT_LEAD_SECONDS, step.seconds_per_rep / 2)
        for rep in range(1, step.reps + 1):
            at = min(rep * step.seconds_per_rep, seconds) - lead
            full.append((round(max(0.0, at), 2), count_word(rep), None))
    if hold and seconds > HALFWAY_HOLDS_OVER:
        full.append((seconds / 2, "Halfway", None))
    if hold and seconds > COUNTDOWN_HOLDS_OVER:
        full.append((seconds - 10, "Ten seconds", None))
        full += [(seconds - n, count_word(n), None) for n in (3, 2, 1)]

    return {
        VoiceLevel.CUES: _lay_out(seconds, cues, side_cues(step, side)),
        VoiceLevel.FULL: _lay_out(seconds, full, side_cues(step, side)),
    }


def _announcement(opening: str, naming: str, step: Step) -> dict[VoiceLevel, list[_Say]]:
    """Before a step ("Get ready", a rest): its name, and with full guidance how to get into position."""
    short = _line(opening, naming)
    return {
        VoiceLevel.CUES: [(0.0, short, None)],
        VoiceLevel.FULL: [(0.0, _line(opening, naming, setup_line(step)), short)],
    }


def _switch_speech(side: Side) -> dict[VoiceLevel, list[_Say]]:
    return {
        VoiceLevel.CUES: [(0.0, "Switch sides", None)],
        VoiceLevel.FULL: [(0.0, f"Switch sides — now the {side}", "Switch sides")],
    }


def _merge(by_level: dict[VoiceLevel, list[_Say]]) -> tuple[Utterance, ...]:
    """One utterance per distinct line, listing every level that says it, in order of time."""
    levels: dict[_Say, list[VoiceLevel]] = {}
    for level in SPOKEN_LEVELS:
        for say in by_level.get(level, []):
            levels.setdefault(say, []).append(level)
    ordered = sorted(levels.items(), key=lambda item: item[0][0])
    return tuple(
        Utterance(at=at, text=text, short=short, levels=tuple(said_by))
        for (at, text, short), said_by in ordered
    )


def total_seconds(routine: Routine) -> int:
    """The routine's whole length in seconds: what ``build(routine).total_seconds`` gives,
    added up without laying out the timeline (the library does this for every routine)."""
    total = routine.prepare_seconds
    last = len(routine.steps) - 1
    for index, step in enumerate(routine.steps):
        each = step.seconds_per_side
        total += 2 * each + step.switch_seconds if step.sides == "both" else each
        if index < last:
            total += routine.rest_seconds if step.rest_seconds is None else step.rest_seconds
    return total


def step_time(step: Step) -> str:
    """How long a step takes, as a person reads it: "0:30 each side", "8 reps · about 0:48"."""
    each = " each side" if step.sides == "both" else ""
    if step.reps is not None:
        return f"{step.reps} reps{each} · about {format_clock(step.seconds_per_side)}"
    return f"{format_clock(step.seconds_per_side)}{each}"
