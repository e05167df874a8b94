"""The Import page's editable steps table: rows, edits read back, limits."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from limber.importer.chapters import ProposedStep
from limber.importer.failures import Failure, ImportFailure
from limber.importer.text import clean_line
from limber.library import Entry
from limber.model import (
    format_clock,
)

MAX_STEP_SECONDS = 3600
"""The longest a step may be held, in seconds."""


MAX_REST_SECONDS = 600
"""The longest rest after a step, in seconds."""


SIDES_CHOICES = ("none", "both")
"""How the steps table names a step's sides: one side (``none``) or left then right."""


def step_rows(steps: Iterable[ProposedStep]) -> list[dict[str, Any]]:
    """The steps as rows of the Import page's table: include, name, start, end (as m:ss),
    seconds, sides (``none`` or ``both``) and rest_after."""
    return [
        {
            "include": step.include,
            "name": step.name,
            "start": format_clock(step.start),
            "end": format_clock(step.end),
            "seconds": step.seconds,
            "sides": step.sides or "none",
            "rest_after": step.rest_after,
        }
        for step in steps
    ]


def _number(value: object) -> float | None:
    """A number from a table cell (numpy numbers included); None for blank, NaN or text."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _ticked(value: object) -> bool:
    """A checkbox cell: ticked when it holds a true value (numpy's bool too), not when blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    try:
        return bool(value)
    except (TypeError, ValueError):  # pandas' NA has no truth value
        return False


def edited_steps(
    steps: Sequence[ProposedStep], rows: Sequence[Mapping[str, Any]]
) -> tuple[ProposedStep, ...]:
    """The proposed steps with the person's edits from the table (rows as :func:`step_rows`).

    Start and end stay as proposed. A step left out keeps its proposed values;
    an included step with no name, or seconds or rest out of range, raises
    ImportFailure (BAD_STEP) naming the step by its number.
    """
    if len(rows) != len(steps):
        raise ValueError(f"{len(rows)} rows for {len(steps)} steps")
    edited = []
    for number, (step, row) in enumerate(zip(steps, rows, strict=True), start=1):
        if not _ticked(row.get("include")):
            edited.append(ProposedStep(**{**step.__dict__, "include": False}))
            continue
        name = clean_line(row.get("name") if isinstance(row.get("name"), str) else "", 120)
        if not name:
            raise ImportFailure(Failure.BAD_STEP, f"Step {number} needs a name.")
        seconds = _number(row.get("seconds"))
        if seconds is None or not 1 <= round(seconds) <= MAX_STEP_SECONDS:
            raise ImportFailure(
                Failure.BAD_STEP,
                f"Step {number} needs a whole number of seconds from 1 to {MAX_STEP_SECONDS}.",
            )
        rest = _number(row.get("rest_after"))
        rest = 0.0 if rest is None else rest
        if not 0 <= round(rest) <= MAX_REST_SECONDS:
            raise ImportFailure(
                Failure.BAD_STEP,
                f"Step {number} needs a rest from 0 to {MAX_REST_SECONDS} seconds.",
            )
        edited.append(
            ProposedStep(
                name=name,
                start=step.start,
                end=step.end,
                seconds=round(seconds),
                include=True,
                sides="both" if row.get("sides") == "both" else None,
                rest_after=round(rest),
                instructions=step.instructions,
            )
        )
    return tuple(edited)


def ids_taken_elsewhere(entries: Iterable[Entry], folder: Path) -> frozenset[str]:
    """The ids of library routines that are not a file ``<id>.yaml`` right in ``folder``:
    saving under one of them would make two routines with one id, so it is never replaced."""
    folder = Path(folder).resolve()
    return frozenset(e.routine.id for e in entries if e.path != folder / f"{e.routine.id}.yaml")
