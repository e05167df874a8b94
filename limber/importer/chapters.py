"""Timestamps and chapters -> proposed steps: one reader of timestamp lists, one proposer."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from limber.importer.failures import Failure, ImportFailure
from limber.importer.text import _INVISIBLE, _positive, clean_line
from limber.importer.video_info import Chapter, VideoInfo
from limber.model import (
    format_clock,
    parse_clock,
)

DEFAULT_INSTRUCTIONS = "Follow the video."


MAX_PARTS = 60
"""The most equal parts a video can be split into."""


_TIME = r"(?:(?P<{p}h>\d{{1,2}}):)?(?P<{p}m>\d{{1,3}}):(?P<{p}s>[0-5]\d)"


_OPEN = re.compile(
    r"^[\[(]?" + _TIME.format(p="a") + r"[\])]?"
    r"(?:\s*[-–—~]\s*[\[(]?" + _TIME.format(p="b") + r"[\])]?)?"  # a range: 0:00-2:15
)


_AFTER_OPENING = (" ", "\u00a0", "-", "–", "—", "|", ":", ".", ")", "]")
"""What may follow a time that opens a line without brackets ("0:00Warm-up" is not a line)."""


_CLOSE = re.compile(
    r"(?:^|(?<=[^0-9A-Za-z:=/.?&#]))[\[(]?" + _TIME.format(p="a") + r"[\])]?"
    r"(?P<rest>(?:\s*[\[(][^\[\]()]*[\])])?[^0-9:]*)$"
)


_NUMBERING = re.compile(r"^(?:\d{1,3}\s*[.)]|\d{1,3}\s+[-–—]|#\d{1,3})(?=\s|[^\d:])\s*")


_SEPARATORS = "-–—|:•●◦▪▫■□➤➔→▶►‣⁃·~"


_NOTE = re.compile(r"^\s*[\[(]([^\[\]()]*)[\])]")


_PROSE_ENDS = re.compile(
    r"\b(at|from|until|till|by|around|about|before|after|since|to|ab|um|bis|à|dès|vers|alle)$",
    re.IGNORECASE,
)
"""A time after one of these words is part of a sentence ("join us at 10:30")."""


def _decoration(char: str) -> bool:
    """Bullets, separators, emoji and their modifiers: what dresses a line, never its words."""
    return (
        char.isspace()
        or char in _SEPARATORS
        or (
            unicodedata.category(char) in {"So", "Sk", "Mn", "Cf", "Co", "Pd", "Po"}
            and char not in "'’!?&%#@\".*/\\"
        )
    )


def _trim_start(text: str) -> str:
    """Text without the bullets, separators and emoji it begins with (brackets stay)."""
    start = 0
    while start < len(text) and (_decoration(text[start]) or text[start] in ".*"):
        start += 1
    return text[start:]


def _trim(text: str) -> str:
    """A title without the separators, bullets and emoji around it."""
    start, end = 0, len(text)
    while start < end and (_decoration(text[start]) or text[start] in ".*"):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def _seconds(match: re.Match[str], part: str) -> int | None:
    hours, minutes, seconds = (int(match[f"{part}{k}"] or 0) for k in "hms")
    if match[f"{part}h"] is not None and minutes >= 60:
        return None
    return hours * 3600 + minutes * 60 + seconds


def _timestamp_line(line: str) -> tuple[int, str] | None:
    """The start and title of one timestamp line; None for any other line."""
    text = _INVISIBLE.sub("", line).strip()
    lead = _trim_start(_NUMBERING.sub("", _trim_start(text), count=1))
    opening = _OPEN.match(lead)
    if opening and (
        lead[opening.end() - 1] in ")]" or lead[opening.end() :][:1] in ("", *_AFTER_OPENING)
    ):
        start = _seconds(opening, "a")
        title = _trim(lead[opening.end() :])
        return None if start is None else (start, title)
    closing = _CLOSE.search(text)
    if not closing:
        return None
    rest = closing["rest"]
    note = _NOTE.match(rest)
    after = rest[note.end() :] if note else rest
    if any(not _decoration(c) for c in after) or any(c in ".!?," for c in after):
        return None  # words after the time: a sentence
    before = _trim(_NUMBERING.sub("", _trim(text[: closing.start()]), count=1))
    start = _seconds(closing, "a")
    if start is None or not before or _PROSE_ENDS.search(before) or len(before) > 120:
        return None
    if note and note[1].strip():
        before = f"{before} ({note[1].strip()})"
    return start, before


@dataclass(frozen=True)
class TimestampSearch:
    """What a text's timestamps came to: the longest valid list, and why there is none."""

    chapters: tuple[Chapter, ...]
    """The longest run of timestamp lines with increasing times inside the video."""
    lines: int
    """How many lines read as timestamp lines (in or out of the list)."""
    past_end: int
    """How many of them lie at or past the video's end."""
    mentions: int
    """How many times (like 13:30) appear in the text at all, sentences included."""


_ANY_TIME = re.compile(r"(?<![\d:])\d{1,3}:[0-5]\d(?![\d])")


def find_timestamps(text: str, *, duration: float | None = None) -> TimestampSearch:
    """Read the chapter list in ``text`` (see :func:`parse_timestamps`), with what else was seen."""
    runs: list[list[tuple[int, str]]] = [[]]
    lines = past_end = gap = 0
    for line in (text or "").splitlines():
        found = _timestamp_line(line)
        if found is None:
            gap += bool(line.strip())
            continue
        lines += 1
        start, title = found
        if duration is not None and start >= duration:
            past_end += 1
            runs.append([])
            continue
        if runs[-1] and (start <= runs[-1][-1][0] or gap > 2):
            runs.append([])
        runs[-1].append((start, clean_line(title, 120)))
        gap = 0
    best = max(runs, key=len)  # the first of the longest
    chapters = []
    for index, (start, title) in enumerate(best):
        end = best[index + 1][0] if index + 1 < len(best) else duration
        chapters.append(
            Chapter(
                float(start), float(end) if end is not None else None, title or f"Part {index + 1}"
            )
        )
    mentions = len(_ANY_TIME.findall(text or ""))
    return TimestampSearch(tuple(chapters), lines, past_end, mentions)


def parse_timestamps(text: str, *, duration: float | None = None) -> list[Chapter]:
    """Chapters from a list of timestamp lines, however the uploader wrote them.

    The time may open the line (``2:15 Cat-cow``, ``[0:00] Warm-up``,
    ``• 1:02:03 - Rest``) or close it (``Cat–cow 2:15``, ``1. Warm-up 0:00``,
    ``Plank 1:02:10 (hold longer)``, the note kept in brackets); bullets,
    numbering, emoji and separators around the title are dropped. Times are
    ``m:ss`` to ``hh:mm:ss``. A list is a run of such lines whose times
    increase and lie before ``duration``; of several, the longest is read (the
    first of equals). Each chapter ends where the next begins, the last at
    ``duration`` (None if unknown). Times inside sentences are not read.
    """
    return list(find_timestamps(text, duration=duration).chapters)


def why_no_timestamps(text: str, *, duration: float | None = None, where: str) -> str:
    """One sentence saying why ``text`` (named by ``where``, like "the description") gives
    no list of two or more timestamps."""
    search = find_timestamps(text, duration=duration)
    if search.past_end and search.past_end >= search.lines - 1 and duration is not None:
        return f"The times in {where} go past the video's end ({format_clock(duration)})."
    if search.lines == 1:
        return f"{where.capitalize()} has only one timestamp line, which is not a list."
    if search.lines > 1:
        return f"The times in {where} do not increase from one line to the next."
    if search.mentions:
        return f"{where.capitalize()} mentions times only within sentences, not as a list."
    return f"{where.capitalize()} has no timestamps."


class StepSource(StrEnum):
    """Where the proposed steps came from."""

    CHAPTERS = "chapters"
    DESCRIPTION = "description"
    PASTED = "pasted"
    EQUAL = "equal"

    @property
    def label(self) -> str:
        """How the source is named to a person."""
        return {
            StepSource.CHAPTERS: "the video's chapters",
            StepSource.DESCRIPTION: "timestamps in the video's description",
            StepSource.PASTED: "the timestamps you gave",
            StepSource.EQUAL: "equal parts of the video",
        }[self]


@dataclass(frozen=True)
class ProposedStep:
    """A step as proposed from the video, for the person to edit before saving."""

    name: str
    """The step's name (the chapter title)."""
    start: float
    """Where the step begins in the video, in seconds."""
    end: float
    """Where it ends in the video, in seconds."""
    seconds: int
    """How long the step lasts: the chapter's length unless edited."""
    include: bool = True
    """Whether the step goes into the routine (intros and outros start unticked)."""
    sides: Literal["both"] | None = None
    """"both" for a step done on the left, then on the right."""
    rest_after: int = 0
    """Seconds of rest after the step."""
    instructions: str = DEFAULT_INSTRUCTIONS
    """What the step's card says."""


@dataclass(frozen=True)
class Proposal:
    """The proposed steps and where they came from."""

    source: StepSource
    """Where the steps came from (chapters, the description, pasted lines, equal parts)."""
    steps: tuple[ProposedStep, ...]
    """The steps, in the video's order."""


_NOT_EXERCISE = re.compile(
    r"^(intro|introduction|lead-in|outro|welcome|credits|end|end screen|ending|thanks|thank you"
    r"|thanks for watching|subscribe)[.!]?$",
    re.IGNORECASE,
)


def _steps(chapters: Sequence[Chapter], length: float | None) -> tuple[ProposedStep, ...]:
    steps = []
    for index, chapter in enumerate(chapters):
        end = chapter.end
        if end is None and index + 1 == len(chapters):
            end = length
        if end is None:
            raise ImportFailure(Failure.NEEDS_LENGTH)
        if end <= chapter.start:
            continue
        steps.append(
            ProposedStep(
                name=chapter.title,
                start=round(chapter.start, 3),
                end=round(end, 3),
                seconds=max(1, round(end - chapter.start)),
                include=not _NOT_EXERCISE.match(chapter.title),
            )
        )
    return tuple(steps)


LEAD_IN = "Lead-in"
"""The name of the step before a list's first time, when that is later than 0:00."""


def _with_lead_in(chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """A list whose first time is after 0:00 keeps it, behind a lead-in step that starts
    unticked: what comes before the first timestamp is the person's to keep or leave."""
    if not chapters or chapters[0].start <= 0:
        return tuple(chapters)
    return (Chapter(0.0, chapters[0].start, LEAD_IN), *chapters)


def default_parts(length: float) -> int:
    """How many equal steps a video without chapters is split into: one per two minutes, 1–12."""
    return max(1, min(12, round(length / 120)))


def step_sources(info: VideoInfo) -> tuple[StepSource, ...]:
    """The ways the steps can be made for this video, the best first.

    Its chapters, else the timestamps in its description (two or more), then
    equal parts (they need nothing typed), then timestamps the person pastes.
    """
    if info.chapters:
        found: tuple[StepSource, ...] = (StepSource.CHAPTERS,)
    elif len(parse_timestamps(info.description, duration=info.duration)) >= 2:
        found = (StepSource.DESCRIPTION,)
    else:
        found = ()
    return (*found, StepSource.EQUAL, StepSource.PASTED)


def why_no_chapters(info: VideoInfo) -> str | None:
    """Why the video's own steps cannot be read, in one sentence; None when they can."""
    if StepSource.CHAPTERS in step_sources(info) or StepSource.DESCRIPTION in step_sources(info):
        return None
    why = why_no_timestamps(info.description, duration=info.duration, where="the description")
    return f"The video has no chapters, and {why[0].lower()}{why[1:]}"


def proposal_for(
    info: VideoInfo,
    source: StepSource,
    *,
    equal_parts: int | None = None,
    duration: float | None = None,
    timestamps: str = "",
) -> Proposal:
    """The steps made the way the person chose (see :func:`step_sources`): the one place
    steps are proposed.

    PASTED reads ``timestamps`` (NO_TIMESTAMPS, saying why, when they hold no
    list). CHAPTERS and DESCRIPTION that give nothing fall back to equal parts.
    EQUAL splits into ``equal_parts`` (else :func:`default_parts`; fewer for a
    video shorter than that many seconds). ``duration`` gives the length when
    the site did not; a split without any length raises NEEDS_LENGTH.
    """
    length = _positive(duration) or info.duration
    if source is StepSource.PASTED:
        pasted = find_timestamps(timestamps, duration=length)
        if not pasted.chapters and not pasted.lines:
            raise ImportFailure(Failure.NO_TIMESTAMPS)
        if not pasted.chapters:
            why = why_no_timestamps(timestamps, duration=length, where="the lines you pasted")
            raise ImportFailure(Failure.NO_TIMESTAMPS, why)
        return Proposal(StepSource.PASTED, _steps(_with_lead_in(pasted.chapters), length))
    if source is StepSource.CHAPTERS and info.chapters:
        return Proposal(StepSource.CHAPTERS, _steps(info.chapters, length))
    if source is StepSource.DESCRIPTION:
        described = find_timestamps(info.description, duration=length).chapters
        if len(described) >= 2:
            return Proposal(StepSource.DESCRIPTION, _steps(_with_lead_in(described), length))
    if equal_parts is not None and not 1 <= equal_parts <= MAX_PARTS:
        raise ValueError(f"equal_parts must be from 1 to {MAX_PARTS}, not {equal_parts}")
    if length is None:
        raise ImportFailure(Failure.NEEDS_LENGTH)
    parts = max(1, min(equal_parts or default_parts(length), math.floor(length)))
    bounds = [round(length * i / parts, 3) for i in range(parts + 1)]
    chapters = [Chapter(bounds[i], bounds[i + 1], f"Part {i + 1}") for i in range(parts)]
    return Proposal(StepSource.EQUAL, _steps(chapters, length))


def propose_steps(
    info: VideoInfo,
    *,
    equal_parts: int | None = None,
    duration: float | None = None,
    timestamps: str | None = None,
) -> Proposal:
    """The best steps without a choice (the CLI's): ``equal_parts`` if given, else pasted
    ``timestamps``, else the first of :func:`step_sources` (chapters, description, equal)."""
    if equal_parts is not None:
        source = StepSource.EQUAL
    elif timestamps is not None and timestamps.strip():
        source = StepSource.PASTED
    else:
        source = step_sources(info)[0]
    return proposal_for(
        info, source, equal_parts=equal_parts, duration=duration, timestamps=timestamps or ""
    )


def parse_length(text: str) -> float | None:
    """A video's length typed as ``m:ss``, ``h:mm:ss`` or seconds; None when nothing is typed.

    Raises ImportFailure (BAD_LENGTH) for anything else, zero and lengths over a day.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = parse_clock(text)
    except ValueError:
        value = None
    if not isinstance(value, int | float) or not math.isfinite(value) or not 0 < value <= 86_400:
        raise ImportFailure(Failure.BAD_LENGTH)
    return float(value)
