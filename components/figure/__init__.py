"""A step's demonstration drawn still: the end pose over a faint start pose, with an arrow.

For the routine page (one per step) and the Library cards (one per routine). The
geometry is the player's own (``components/shared/figure.js``); this component only
calls its ``drawFigureStill``. It reports nothing back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from components.assets import SHARED, register

_HERE = Path(__file__).resolve().parent
NAME = "limber.figure"
JS_FILES = (SHARED / "figure.js", _HERE / "assets" / "component.js")
"""The shared geometry, then this component's module."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def _compact(pose: Mapping[str, Any]) -> dict[str, Any]:
    # A still needs no zero angles (the figure reads a missing angle as 0): a smaller page.
    angles = {k: v for k, v in pose["angles"].items() if v}
    return {"label": pose["label"], "base": pose["base"], "angles": angles, "props": pose["props"]}


def figure_still(*, demo: Mapping[str, Any], key: str, height: int = 120) -> bool:
    """Draw a demo (``limber.poses.demo_data``) still, ``height`` pixels tall.

    Returns whether anything was drawn: a demo without poses draws nothing.
    """
    poses = demo.get("poses") or []
    if not poses:
        return False
    _component()(
        key=key,
        data={"demo": {"poses": [_compact(p) for p in poses]}, "height": height},
        height=height,
    )
    return True
