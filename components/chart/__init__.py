"""The History page's charts, drawn as small SVG pictures in the page.

Three kinds: a calendar heat map, bars (up or across) and lines. ``layout.js``
turns the data into shapes and ``component.js`` draws them, again when the width
changes. Every label and tooltip arrives as text and is drawn as text. A chart
has an ``aria-label`` that says what it shows; each mark's tooltip is its
``<title>``.

Why not Altair: Streamlit draws an Altair chart with Vega, a 775 KB script that
the browser loads, compiles and runs on every visit to the page that shows one
(about 0.8 s on the History page here, more on a phone), and Altair's checks
cost the server time on each run. These charts need a few hundred lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from components.assets import register

_HERE = Path(__file__).resolve().parent
NAME = "limber.chart"
JS_FILES = (_HERE / "assets" / "layout.js", _HERE / "assets" / "component.js")


class Cell(NamedTuple):
    """One square of a heat map."""

    column: int
    """Which column (0 first)."""
    row: int
    """Which row (0 at the top)."""
    value: float
    """Its value: the darkest square is the largest."""
    title: str
    """Its tooltip."""


class Bar(NamedTuple):
    """One bar."""

    label: str
    """Its name on the axis."""
    value: float
    """Its length."""
    title: str
    """Its tooltip."""


class Point(NamedTuple):
    """One point of a line."""

    x: float
    """Where it is across (e.g. a day number)."""
    y: float
    """Its value."""
    title: str
    """Its tooltip."""


class Series(NamedTuple):
    """One line, named in the legend."""

    name: str
    """Its name."""
    points: Sequence[Point]
    """Its points, in order across."""


class Tick(NamedTuple):
    """A label on the across axis of a line chart."""

    x: float
    """Where it is."""
    text: str
    """What it says."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def _draw(data: dict[str, Any], *, key: str, height: int) -> None:
    _component()(key=key, data={**data, "height": height}, height=height)


def heatmap(
    *,
    columns: Sequence[str],
    rows: Sequence[str],
    cells: Sequence[Cell],
    label: str,
    key: str,
    height: int = 220,
) -> None:
    """A grid of squares, shaded by value, with the columns named below and the rows left."""
    _draw(
        {
            "kind": "heatmap",
            "label": label,
            "columns": list(columns),
            "rows": list(rows),
            "cells": [c._asdict() for c in cells],
        },
        key=key,
        height=height,
    )


def bars(
    bars: Sequence[Bar], *, across: bool = False, label: str, key: str, height: int = 240
) -> None:
    """Bars up from a baseline (named below), or ``across`` from the left (named left)."""
    _draw(
        {
            "kind": "bars-across" if across else "bars-up",
            "label": label,
            "bars": [b._asdict() for b in bars],
        },
        key=key,
        height=height,
    )


def lines(
    series: Sequence[Series],
    *,
    ticks: Sequence[Tick],
    y_max: float,
    label: str,
    key: str,
    height: int = 280,
) -> None:
    """Lines with a dot at each point, from 0 to ``y_max`` up, with a legend of the series."""
    _draw(
        {
            "kind": "lines",
            "label": label,
            "yMax": y_max,
            "series": [{"name": s.name, "points": [p._asdict() for p in s.points]} for s in series],
            "ticks": [t._asdict() for t in ticks],
        },
        key=key,
        height=height,
    )
