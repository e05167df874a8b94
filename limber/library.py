"""Load and validate a folder of routine files; filter and search them.

A broken file never breaks the library: it becomes a :class:`Problem` naming
file, line, field and reason, and every other file still loads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from limber.model import Focus, Level, Routine, Style
from limber.plan import total_seconds

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """Why one routine file (or one part of it) could not be used."""

    file: str
    """The file, as a path relative to the library's parent folder."""
    line: int | None
    """1-based line in the file, where known."""
    field: str | None
    """The field path, like ``steps[2].seconds``, where one is to blame."""
    reason: str
    """A plain sentence saying what is wrong."""

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        head = ", ".join(parts)
        return f"{head}, {self.field}: {self.reason}" if self.field else f"{head}: {self.reason}"


@dataclass(frozen=True)
class Entry:
    """A loaded routine with what the library needs to list, filter and search it."""

    routine: Routine
    file: str
    """Where it was read from, relative to the library's parent folder."""
    path: Path
    """The file's full path (a local video is found relative to it)."""
    seconds: int
    """Total time, from the plan."""
    haystack: str = field(repr=False)
    """Lower-cased title, summary and step names, for search."""

    @property
    def minutes(self) -> int:
        """Total time rounded to whole minutes, at least 1."""
        return max(1, round(self.seconds / 60))


@dataclass(frozen=True)
class Library:
    """All routines that loaded, and every problem found on the way."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    def get(self, routine_id: str) -> Entry | None:
        """The routine with this id, or None."""
        return next((e for e in self.entries if e.routine.id == routine_id), None)


class RoutineFileError(Exception):
    """A routine file that cannot be used; carries its problems."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = tuple(problems)


def read_yaml(path: Path, shown_as: str) -> object:
    """Parse one YAML file safely, or raise RoutineFileError with the line of the fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RoutineFileError([Problem(shown_as, None, None, f"cannot be read ({err})")]) from err
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(err, "problem", None) or str(err)
        raise RoutineFileError(
            [Problem(shown_as, line, None, f"is not valid YAML: {what}")]
        ) from err


def _field_path(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _reason(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "greater_than":
        return f"must be greater than {ctx['gt']}"
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']} or more"
    if kind in {"string_too_short", "too_short"}:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return "must be lower-case words joined by hyphens, like hip-openers"
    if kind in {"enum", "literal_error"}:
        return f"must be one of {ctx.get('expected', '')}"
    if kind in {"int_parsing", "int_from_float", "int_type"}:
        return "must be a whole number"
    if kind in {"float_parsing", "float_type"}:
        return "must be a number"
    if kind in {"string_type"}:
        return "must be text"
    if kind in {"tuple_type", "list_type"}:
        return "must be a list"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be a mapping of fields"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"][:1].lower() + error["msg"][1:]


def _lines(text: str, paths: Iterable[tuple[int | str, ...]]) -> dict[tuple, int | None]:
    """Find the line of each field path in a YAML document (only done for broken files)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    found: dict[tuple, int | None] = {}
    for path in paths:
        node, line = root, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                match = next((kv for kv in node.value if kv[0].value == part), None)
                if match is None:
                    break
                line = match[0].start_mark.line + 1
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        found[path] = line
    return found


def _root_causes(errors: list) -> list:
    # pydantic also calls a list "too short" when one of its items failed: that is noise.
    return [
        e
        for e in errors
        if not (
            e["type"] == "too_short"
            and any(o["loc"][: len(e["loc"])] == e["loc"] and o is not e for o in errors)
        )
    ]


def parse_routine(
    data: object, *, shown_as: str, text: str = "", stem: str | None = None
) -> Routine:
    """Validate parsed YAML as a routine, or raise RoutineFileError listing each fault."""
    if not isinstance(data, dict):
        raise RoutineFileError(
            [Problem(shown_as, None, None, "must be a mapping of routine fields")]
        )
    try:
        routine = Routine.model_validate(data)
    except ValidationError as err:
        errors = _root_causes(err.errors(include_url=False))
        locs = [tuple(e["loc"]) for e in errors]
        lines = _lines(text, locs) if text else {}
        raise RoutineFileError(
            [
                Problem(shown_as, lines.get(loc) or None, _field_path(loc) or None, _reason(e))
                for loc, e in zip(locs, errors, strict=True)
            ]
        ) from None
    if stem is not None and routine.id != stem:
        line = _lines(text, [("id",)]).get(("id",)) if text else None
        raise RoutineFileError(
            [Problem(shown_as, line, "id", f"is {routine.id!r} but the file is named {stem!r}")]
        )
    return routine


def load_file(path: Path, shown_as: str) -> Routine:
    """Read and validate one routine file."""
    data = read_yaml(path, shown_as)
    return parse_routine(
        data, shown_as=shown_as, text=path.read_text(encoding="utf-8"), stem=path.stem
    )


def routine_files(folder: Path) -> list[Path]:
    """The routine files under a folder (its subfolders included), in a stable order."""
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def fingerprint(*folders: str | os.PathLike[str]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any routine file is added, removed or edited."""
    out = []
    for path in (p for folder in folders for p in routine_files(Path(folder))):
        st = path.stat()
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _entry(routine: Routine, file: str, path: Path) -> Entry:
    words = [routine.title, routine.summary, *(s.name for s in routine.steps)]
    return Entry(routine, file, path.resolve(), total_seconds(routine), " ".join(words).casefold())


def load(*folders: str | os.PathLike[str]) -> Library:
    """Load every routine under the given folders; broken files become problems.

    Files are named in problems relative to their folder's parent
    (``routines/hip-openers.yaml``), and an id may be used only once across all folders.
    """
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for folder in map(Path, folders):
        for path in routine_files(folder):
            shown_as = path.relative_to(folder.parent).as_posix()
            try:
                routine = load_file(path, shown_as)
            except RoutineFileError as err:
                problems.extend(err.problems)
                continue
            if routine.id in seen:
                problems.append(
                    Problem(
                        shown_as,
                        None,
                        "id",
                        f"{routine.id!r} is already used by {seen[routine.id]}",
                    )
                )
                continue
            seen[routine.id] = shown_as
            entries.append(_entry(routine, shown_as, path))
    entries.sort(key=lambda e: e.routine.title.casefold())
    return Library(tuple(entries), tuple(problems))


def search(
    entries: Iterable[Entry],
    *,
    query: str = "",
    focus: Iterable[Focus] = (),
    max_minutes: int | None = None,
    levels: Iterable[Level] = (),
    styles: Iterable[Style] = (),
) -> list[Entry]:
    """The entries that match every given filter; empty filters match all.

    A routine matches a focus filter if it works on any of the chosen areas;
    the query matches when every word appears in the title, summary or a step name.
    """
    words = query.casefold().split()
    focus, levels, styles = set(focus), set(levels), set(styles)
    return [
        e
        for e in entries
        if (not focus or focus.intersection(e.routine.focus))
        and (max_minutes is None or e.minutes <= max_minutes)
        and (not levels or e.routine.level in levels)
        and (not styles or e.routine.style in styles)
        and all(w in e.haystack for w in words)
    ]
