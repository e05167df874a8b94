"""The History page's charts (components/chart/assets/layout.js) run in Node: every mark
inside the chart, sizes in proportion to the values, labels that never overlap, text as text."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from tests.support.node import run_js

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = ROOT / "components" / "chart" / "assets" / "layout.js"
WIDTHS = [300, 700, 1100]  # a phone's column, half a laptop, a whole one

WEEKS = [f"{d:02d} Nov" for d in range(1, 13)]
HEATMAP = {
    "kind": "heatmap",
    "height": 220,
    "columns": WEEKS,
    "rows": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "cells": [
        {"column": c, "row": r, "value": float((c * 7 + r) % 5) * 10, "title": f"day {c}/{r}"}
        for c in range(12)
        for r in range(7)
    ],
}
BARS = [{"label": w, "value": float(i * 10), "title": f"Week of {w}"} for i, w in enumerate(WEEKS)]
LINES = {
    "kind": "lines",
    "height": 280,
    "yMax": 10,
    "series": [
        {"name": "Before", "points": [{"x": 100 + i, "y": 6, "title": "b"} for i in range(30)]},
        {"name": "After", "points": [{"x": 100 + i, "y": i % 11, "title": "a"} for i in range(30)]},
    ],
    "ticks": [{"x": 100 + i, "text": f"{i:02d} Nov 2026"} for i in range(0, 30, 5)],
}


def layout(data: dict, width: int) -> list[dict]:
    return run_js(
        [LAYOUT], "result = chartLayout(input.data, input.width);", {"data": data, "width": width}
    )


def marks(shapes: list[dict], tag: str) -> list[dict]:
    return [s for s in shapes if s["tag"] == tag]


def inside(shapes: list[dict], width: int, height: int) -> None:
    for s in shapes:
        a = s["attrs"]
        if s["tag"] == "rect":
            assert a["x"] >= -0.01 and a["x"] + a["width"] <= width + 0.01, s
            assert a["y"] >= -0.01 and a["y"] + a["height"] <= height + 0.01, s
        if s["tag"] == "circle":
            assert 0 <= a["cx"] <= width and 0 <= a["cy"] <= height, s


def apart(shapes: list[dict], y_min: float) -> None:
    """The labels along the bottom (y beyond y_min) do not overlap: 7 px per character."""
    labels = sorted(
        (s for s in marks(shapes, "text") if s["attrs"]["y"] > y_min), key=lambda s: s["attrs"]["x"]
    )
    assert len(labels) >= 2
    for a, b in pairwise(labels):
        assert b["attrs"]["x"] - a["attrs"]["x"] >= (len(a["text"]) + len(b["text"])) * 7 / 2, (
            a,
            b,
        )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_heat_map_has_a_square_per_day_darkest_for_the_most_and_grey_for_none(width) -> None:
    shapes = layout(HEATMAP, width)
    rects = marks(shapes, "rect")
    assert len(rects) == 84 and [r["title"] for r in rects] == [
        c["title"] for c in HEATMAP["cells"]
    ]
    inside(shapes, width, 220)
    by_value = {
        c["value"]: r["attrs"]["fill"] for c, r in zip(HEATMAP["cells"], rects, strict=True)
    }
    assert by_value[0.0] == "#e4ebe7"  # nothing done
    darkness = [sum(map(int, by_value[v][4:-1].split(","))) for v in (10.0, 20.0, 30.0, 40.0)]
    assert darkness == sorted(darkness, reverse=True)  # more minutes, darker
    apart(shapes, 200)
    assert {s["text"] for s in marks(shapes, "text")} >= {"Mon", "Sun", WEEKS[0]}


@pytest.mark.parametrize("width", WIDTHS)
def test_bars_up_rise_in_proportion_from_one_baseline(width) -> None:
    shapes = layout({"kind": "bars-up", "height": 240, "bars": BARS}, width)
    rects = marks(shapes, "rect")
    inside(shapes, width, 240)
    bottoms = {round(r["attrs"]["y"] + r["attrs"]["height"], 3) for r in rects}
    assert len(bottoms) == 1
    heights = [r["attrs"]["height"] for r in rects]
    assert heights[0] == 0 and heights[2] == pytest.approx(2 * heights[1])
    assert [r["title"] for r in rects] == [b["title"] for b in BARS]
    apart(shapes, 230)


@pytest.mark.parametrize("width", WIDTHS)
def test_bars_across_grow_from_the_names_on_the_left(width) -> None:
    bars = [
        {"label": "Lower back", "value": 90.0, "title": "x"},
        {"label": "Relaxation & breathing", "value": 30.0, "title": "y"},
    ]
    shapes = layout({"kind": "bars-across", "height": 240, "bars": bars}, width)
    a, b = marks(shapes, "rect")
    inside(shapes, width, 240)
    assert a["attrs"]["x"] == b["attrs"]["x"]
    assert a["attrs"]["width"] == pytest.approx(3 * b["attrs"]["width"])
    names = [
        s for s in marks(shapes, "text") if s["text"] in ("Lower back", "Relaxation & breathing")
    ]
    assert all(
        s["attrs"]["text-anchor"] == "end" and s["attrs"]["x"] <= a["attrs"]["x"] for s in names
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_lines_put_ten_at_the_top_and_nought_at_the_bottom(width) -> None:
    shapes = layout(LINES, width)
    dots = [s for s in marks(shapes, "circle") if "title" in s]
    assert len(dots) == 60
    inside(shapes, width, 280)
    after = dots[30:]
    top = min(d["attrs"]["cy"] for d in after)
    bottom = max(d["attrs"]["cy"] for d in after)
    assert [d["attrs"]["cy"] for d in after if d["attrs"]["cy"] == top] and top < bottom
    tens = [d for d, p in zip(after, LINES["series"][1]["points"], strict=True) if p["y"] == 10]
    noughts = [d for d, p in zip(after, LINES["series"][1]["points"], strict=True) if p["y"] == 0]
    assert all(d["attrs"]["cy"] == top for d in tens) and all(
        d["attrs"]["cy"] == bottom for d in noughts
    )
    assert len(marks(shapes, "polyline")) == 2
    assert {"Before", "After"} <= {s["text"] for s in marks(shapes, "text")}  # the legend
    apart(shapes, 270)


def test_words_stay_text_and_an_unknown_chart_draws_nothing() -> None:
    odd = "<img src=x onerror=alert(1)>"
    shapes = layout(
        {"kind": "bars-across", "height": 100, "bars": [{"label": odd, "value": 1, "title": odd}]},
        400,
    )
    assert odd in [s.get("text") for s in shapes] and marks(shapes, "rect")[0]["title"] == odd
    assert layout({"kind": "pie", "height": 100}, 400) == []
    assert layout(HEATMAP, 0) == []
