"""Reading the library's YAML files safely, and naming what is wrong with them.

Routine files (``library.py``) and the poses file (``poses.py``) are read here,
in one place, with ``yaml.safe_load`` (the C loader when present). Every fault
becomes a :class:`Problem` naming file, line, field and reason; a line is only
looked up (a second parse) for files that are broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

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


class RoutineFileError(Exception):
    """A routine (or poses) file that cannot be used; carries its problems."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = tuple(problems)


def read_yaml(path: Path, shown_as: str) -> object:
    """Parse one YAML file safely, or raise RoutineFileError with the line of the fault."""
    return parse_yaml(read_text(path, shown_as), shown_as)


def read_text(path: Path, shown_as: str) -> str:
    """A file's text, or RoutineFileError saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RoutineFileError([Problem(shown_as, None, None, f"cannot be read ({err})")]) from err


def parse_yaml(text: str, shown_as: str) -> object:
    """Parse a YAML file's text safely, or raise RoutineFileError with the line of the fault."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(err, "problem", None) or str(err)
        raise RoutineFileError(
            [Problem(shown_as, line, None, f"is not valid YAML: {what}")]
        ) from err


def field_path(loc: Iterable[int | str]) -> str:
    """A pydantic location as a person reads it: ``steps[2].demo[1]``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def reason(error: dict) -> str:
    """One pydantic error as a plain sentence."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if kind == "greater_than":
        return f"must be greater than {ctx['gt']}"
    if kind == "greater_than_equal":
        return f"must be {ctx['ge']} or more"
    if kind == "less_than_equal":
        return f"must be {ctx['le']:g} or less"
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


def field_lines(text: str, paths: Iterable[tuple[int | str, ...]]) -> dict[tuple, int | None]:
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


def root_causes(errors: list) -> list:
    """Drop pydantic's echo errors: it also calls a list "too short" when one of its items failed."""
    return [
        e
        for e in errors
        if not (
            e["type"] == "too_short"
            and any(o["loc"][: len(e["loc"])] == e["loc"] and o is not e for o in errors)
        )
    ]


def problems_from(
    err: ValidationError, *, shown_as: str, text: str, prefix: tuple[int | str, ...] = ()
) -> list[Problem]:
    """Each root cause of a validation error as a Problem, with its line when ``text`` is given."""
    errors = root_causes(err.errors(include_url=False))
    locs = [(*prefix, *e["loc"]) for e in errors]
    lines = field_lines(text, locs) if text else {}
    return [
        Problem(shown_as, lines.get(loc) or None, field_path(loc) or None, reason(e))
        for loc, e in zip(locs, errors, strict=True)
    ]
