"""The routine: details guessed from the video, built, written as YAML, saved."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from limber.importer.chapters import DEFAULT_INSTRUCTIONS, ProposedStep
from limber.importer.config import SCHEMA_FILE
from limber.importer.failures import Failure, ImportFailure
from limber.importer.text import clean_line
from limber.importer.video_info import VideoInfo
from limber.library import RoutineFileError, parse_routine
from limber.model import (
    ID_PATTERN,
    Focus,
    Level,
    Routine,
    Style,
    format_clock,
)


@dataclass(frozen=True)
class RoutineDetails:
    """What the person says about the routine; the rest comes from the video."""

    title: str
    """The routine's title (the video's, unless changed)."""
    focus: tuple[Focus, ...] = (Focus.LOWER_BACK,)
    """The focus areas it works on (at least one to save it)."""
    level: Level = Level.GENTLE
    """How demanding it is."""
    style: Style = Style.STRETCH
    """Pilates, stretch, breathing or mobility."""
    equipment: tuple[str, ...] = ()
    """What is needed besides a mat: "cushion", "strap"."""
    caution: str = ""
    """One caution line for the whole routine, if any."""
    summary: str = ""
    """One line saying what the routine is for; made from the video when empty."""
    routine_id: str = ""
    """The id (and file name); made from the title when empty."""


_GUESSES: tuple[tuple[str, object], ...] = (
    (r"pilates", Style.PILATES),
    (r"breath|relax|meditat|calm|sleep", Style.BREATHING),
    (r"mobility|mobilit|flow|cat.?cow", Style.MOBILITY),
    (r"neck|shoulder|upper back|thoracic|posture", Focus.UPPER_BACK_NECK),
    (r"hip|glute|piriformis|sciatica", Focus.HIPS),
    (r"\bcore\b|\babs\b|abdominal|plank", Focus.CORE),
    (r"breath|relax|calm|sleep", Focus.RELAXATION),
    (r"lower back|low back|lumbar|back pain", Focus.LOWER_BACK),
    (r"advanced|intense|hard\b|challenging", Level.CHALLENGING),
    (r"intermediate", Level.MODERATE),
)


def guess_details(info: VideoInfo) -> RoutineDetails:
    """First guesses for the routine's details, from the video's title and chapter names."""
    words = " ".join([info.title, *(c.title for c in info.chapters)]).casefold()
    hits = [value for pattern, value in _GUESSES if re.search(pattern, words)]
    focus = tuple(dict.fromkeys(v for v in hits if isinstance(v, Focus))) or (Focus.LOWER_BACK,)
    style = next((v for v in hits if isinstance(v, Style)), Style.STRETCH)
    level = next((v for v in hits if isinstance(v, Level)), Level.GENTLE)
    return RoutineDetails(title=info.title, focus=focus, level=level, style=style)


_RESERVED_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)),
}
"""Names Windows will not give a file, whatever the extension."""


def slugify(title: str, *, limit: int = 60) -> str:
    """An id from a title: lower-case ASCII words joined by hyphens; never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    slug = slug or (words[0][:limit] if words else "my-routine")
    return f"{slug}-routine" if slug in _RESERVED_NAMES else slug


def _title(info: VideoInfo, details: RoutineDetails) -> str:
    return clean_line(details.title) or clean_line(info.title) or "My routine"


def routine_id_for(info: VideoInfo, details: RoutineDetails) -> str:
    """The id (and file name) the routine is saved under: the one given, else the title's."""
    return details.routine_id or slugify(_title(info, details))


def make_routine(
    info: VideoInfo, steps: Iterable[ProposedStep], details: RoutineDetails
) -> Routine:
    """A validated routine from the video, the chosen steps and the person's details.

    Validation is the library's own (:func:`limber.library.parse_routine`), so a
    saved routine loads like a bundled one. Raises ImportFailure when no step is
    included or the routine is not valid.
    """
    chosen = [s for s in steps if s.include]
    if not chosen:
        raise ImportFailure(Failure.NO_STEPS)
    title = _title(info, details)
    routine_id = routine_id_for(info, details)
    if not re.fullmatch(ID_PATTERN, routine_id):
        raise ImportFailure(Failure.BAD_ID)
    video_title, channel = clean_line(info.title), clean_line(info.channel, 120)
    by = f" by {channel}" if channel else ""
    summary = clean_line(details.summary) or clean_line(f"Follow along with “{video_title}”{by}.")
    source = {"title": video_title, "author": channel, "url": info.webpage_url}
    data = {
        "id": routine_id,
        "title": title,
        "summary": summary,
        "focus": [Focus(f).value for f in details.focus],
        "level": Level(details.level).value,
        "style": Style(details.style).value,
        "equipment": [clean_line(e, 60) for e in details.equipment if clean_line(e, 60)],
        "prepare_seconds": 10,
        "rest_seconds": 0,  # the video runs on from one chapter to the next
        "cautions": [clean_line(details.caution, 300)] if clean_line(details.caution) else [],
        "video": info.webpage_url,
        "source": {k: v for k, v in source.items() if v},
        "steps": [
            {
                "name": clean_line(s.name, 120),
                "seconds": s.seconds,
                "sides": s.sides,
                "rest_seconds": s.rest_after or None,
                "instructions": clean_line(s.instructions, 500) or DEFAULT_INSTRUCTIONS,
                "video": {"start": round(s.start, 3), "end": round(s.end, 3)},
            }
            for s in chosen
        ],
    }
    for step in data["steps"]:
        for key in [k for k, v in step.items() if v is None]:
            del step[key]
    try:
        return parse_routine(data, shown_as=f"{routine_id}.yaml")
    except RoutineFileError as error:
        reasons = "; ".join(
            f"{p.field}: {p.reason}" if p.field else p.reason for p in error.problems
        )
        raise ImportFailure(Failure.INVALID, f"The routine is not valid: {reasons}.") from None


def _clock(seconds: float) -> str | float:
    """Whole seconds as ``m:ss`` (as routine authors write them), others as a number."""
    return format_clock(seconds) if float(seconds).is_integer() else seconds


def schema_ref(folder: Path) -> str:
    """How a routine file in ``folder`` points at routines/schema.json (``../schema.json``
    for routines/my/)."""
    try:
        return Path(os.path.relpath(SCHEMA_FILE, Path(folder).resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return SCHEMA_FILE.as_uri()


def routine_fields(routine: Routine) -> dict[str, Any]:
    """The routine's fields as a routine file holds them (JSON types, empty lists left
    out): what a browser keeps for one of the person's own routines."""
    data = routine.model_dump(mode="json", exclude_none=True)
    for key in ("equipment", "cautions"):
        if not data.get(key):
            data.pop(key, None)
    for step in data["steps"]:
        for key in ("cues", "cautions"):
            if not step.get(key):
                step.pop(key, None)
    return data


def routine_yaml(routine: Routine, *, schema: str = "../schema.json") -> str:
    """The routine as a YAML file: a schema comment, then its fields in the model's order.

    All text goes through yaml.safe_dump, so a title like ``<b>`` or ``!!python``
    stays a plain string.
    """
    data = routine_fields(routine)
    for step in data["steps"]:
        if "video" in step:
            step["video"] = {k: _clock(v) for k, v in step["video"].items()}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def save_routine(
    routine: Routine, folder: Path, *, overwrite: bool = False, taken: Iterable[str] = ()
) -> Path:
    """Write ``<id>.yaml`` into ``folder`` (created if missing) and return its path.

    An existing file, or an id in ``taken`` (the library's other routines), is
    refused unless ``overwrite``. The text is checked to load back as the same
    routine before it is written.
    """
    folder = Path(folder)
    if not re.fullmatch(ID_PATTERN, routine.id):  # an id is never a path
        raise ImportFailure(Failure.BAD_ID)
    path = folder / f"{routine.id}.yaml"
    if not overwrite and routine.id in set(taken):
        raise ImportFailure(Failure.EXISTS)
    text = routine_yaml(routine, schema=schema_ref(folder))
    try:
        again = parse_routine(yaml.safe_load(text), shown_as=path.name, text=text, stem=routine.id)
    except RoutineFileError as error:
        raise ImportFailure(Failure.INVALID, f"The routine is not valid: {error}.") from None
    if again != routine:
        raise ImportFailure(Failure.INVALID)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if overwrite:
            temporary = folder / f".{routine.id}.yaml.tmp"
            temporary.write_text(text, encoding="utf-8", newline="\n")
            os.replace(temporary, path)
        else:
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
    except FileExistsError:
        raise ImportFailure(Failure.EXISTS) from None
    except OSError:
        raise ImportFailure(Failure.CANNOT_WRITE) from None
    return path
