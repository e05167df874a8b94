"""How every benchmark reports: a readable table, then all figures as one JSON object on the
last line of output (what scripts and people compare across runs)."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Row = tuple[str, str, str]
"""One line of the table: what was measured, its value as shown, and its goal or a note."""


def table(rows: Sequence[Row], *, title: str = "") -> None:
    """Print the rows as aligned columns, under a title if one is given."""
    if title:
        print(title)
    width = max(len(name) for name, _, _ in rows)
    values = max(len(value) for _, value, _ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>{values}}  {note}".rstrip())


def figures(values: Mapping[str, Any]) -> None:
    """Print the figures as one JSON object: always the benchmark's last line."""
    print(json.dumps(dict(values)))


def alternating(runs: Mapping[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """Run each measurement ``repeats`` times, taking turns (a, b, a, b …), and return each
    one's median: a machine that slows down or speeds up mid-run moves every side alike."""
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            samples[name].append(run())
    return {name: statistics.median(values) for name, values in samples.items()}
