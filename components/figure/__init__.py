"""A step's demonstration drawn still: the end pose over a faint start pose, with an arrow.

For the routine page (one per step); the Library's cards draw theirs inside their
own component (components/cards) from :func:`still_demo`. The geometry is the
player's own (``static/figure.js``); this component only calls its
``drawFigureStill``. The geometry is not inside the component's own code: a page of
24 stills would carry it 24 times in every run's messages (about 1 MB). The app
serves it as a static file instead, and the first still on a page loads it once
for all (``components/shared/figure_loader.js``). It reports nothing back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from components.assets import SHARED, STATIC, register, static_url

_HERE = Path(__file__).resolve().parent
NAME = "limber.figure"
JS_FILES = (SHARED / "figure_loader.js", _HERE / "assets" / "component.js")
"""This component's module; it loads :data:`GEOMETRY` at run time."""
GEOMETRY = STATIC / "figure.js"
"""The figure's code, served at ``/app/static/figure.js``."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def _compact(pose: Mapping[str, Any]) -> dict[str, Any]:
    # A still needs no zero angles (the figure reads a missing angle as 0): a smaller page.
    angles = {k: v for k, v in pose["angles"].items() if v}
    return {"label": pose["label"], "base": pose["base"], "angles": angles, "props": pose["props"]}


def still_demo(demo: Mapping[str, Any]) -> dict[str, Any] | None:
    """What a still needs of a demo (``limber.poses.demo_data``): its poses without zero
    angles; None for a demo without poses, which draws nothing."""
    poses = demo.get("poses") or []
    return {"poses": [_compact(p) for p in poses]} if poses else None


def figure_still(*, demo: Mapping[str, Any], key: str, height: int = 120) -> bool:
    """Draw a demo (``limber.poses.demo_data``) still, ``height`` pixels tall.

    Returns whether anything was drawn: a demo without poses draws nothing.
    """
    still = still_demo(demo)
    if still is None:
        return False
    _component()(
        key=key,
        data={
            "demo": still,
            "height": height,
            "geometry": static_url(GEOMETRY.name),
        },
        height=height,
    )
    return True
