"""Cards: the Library's grid and its picks, and a routine's steps, each list drawn as one component.

A card shows a title, a still of the movement, a line of facts, a sentence (a
routine's summary, why it was picked, or a step's instructions), notes (yours,
offline, what you need; a step's cues and cautions) and, for a routine, a Start
button. Every word arrives as data and is set as text.

Why one component for a whole grid rather than Streamlit containers: a card made
of Streamlit elements is seven or eight of them, and a still is a component of
its own. A Library page of twelve cards was about 100 elements; each is a message
the server builds and sends on every run, and a React element the browser lays
out. One component per grid is one message, and the browser draws the cards with
a few DOM calls (bench/coldstart.py, bench/load.py: the Library against a bare
Streamlit page).

Pressing Start sets the trigger value ``start`` to the routine's id, which
:func:`routine_cards` returns in that run. A routine's page lists its steps the same
way (:func:`step_cards`): one message instead of about eight elements and a still
component a step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from components.assets import SHARED, STATIC, register, static_url

_HERE = Path(__file__).resolve().parent
NAME = "limber.cards"
JS_FILES = (
    _HERE / "assets" / "figure_loader.js",
    SHARED / "kept.js",
    _HERE / "assets" / "component.js",
)
GEOMETRY = STATIC / "figure.js"
"""The figure's code (the player's own), served at ``/app/static/figure.js``: its
``drawFigureStill`` draws a card's still, the end pose over a faint start pose."""
START = "start"
"""The trigger value a Start press sets (and the name AppTest injects it under)."""


class Card(NamedTuple):
    """One card: a routine's, or a step's."""

    id: str
    """The routine's id (what a Start press gives back), or the step's number."""
    title: str
    facts: str
    """One line: focus areas, minutes, and so on."""
    text: str
    """A sentence: the summary, or why the routine was picked."""
    notes: tuple[str, ...] = ()
    """Short lines under the text ("Available offline", "You need: a mat")."""
    still: Mapping[str, Any] | None = None
    """The still's demo (:func:`still_demo`), or None for no picture."""

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "facts": self.facts}
        data["text"] = self.text
        if self.notes:
            data["notes"] = list(self.notes)
        if self.still is not None:
            data["still"] = self.still
        return data


def _compact(pose: Mapping[str, Any]) -> dict[str, Any]:
    # A still needs no zero angles (the figure reads a missing angle as 0): a smaller page.
    angles = {k: v for k, v in pose["angles"].items() if v}
    return {"label": pose["label"], "base": pose["base"], "angles": angles, "props": pose["props"]}


def still_demo(demo: Mapping[str, Any]) -> dict[str, Any] | None:
    """What a still needs of a demo (``limber.poses.demo_data``): its poses without zero
    angles; None for a demo without poses, which draws nothing."""
    poses = demo.get("poses") or []
    return {"poses": [_compact(p) for p in poses]} if poses else None


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def routine_cards(
    cards: Sequence[Card],
    *,
    key: str,
    label: str,
    narrowest: float = 17,
    stretch: bool = False,
    primary: bool = False,
    still_height: int = 96,
    lead: str = "",
    unless_stored: Sequence[str] = (),
    waiting: str = "",
) -> str | None:
    """Draw the cards in a grid; return the id of the routine whose Start was pressed in
    this run, if one was.

    ``label`` names the list for a screen reader; ``lead`` is a line above it. A card
    is at least ``narrowest`` rem wide: the grid has as many columns as fit, one on a
    phone. With ``stretch`` a short row widens its cards to the full width. ``primary``
    draws the Start buttons in the theme's colour.

    Cards meant for a browser that holds nothing yet (the picks for a new visitor,
    drawn before the browser's history has been read) name the localStorage keys in
    ``unless_stored``: where any of them holds something, the browser shows the
    ``waiting`` line instead, until the page is run with what it holds.
    """
    conditions = {"unlessStored": list(unless_stored), "waiting": waiting} if unless_stored else {}
    result = _component()(
        key=key,
        data=_data(cards, label, still_height)
        | {"narrowest": narrowest, "stretch": stretch, "primary": primary, "start": True}
        | ({"lead": lead} if lead else {})
        | conditions,
        height="content",
        on_start_change=_ignore,
    )
    started = getattr(result, START, None)
    return started if isinstance(started, str) and started else None


def step_cards(cards: Sequence[Card], *, key: str, label: str, still_height: int = 120) -> None:
    """Draw a routine's steps, one a row with its still beside the words (above them on a
    phone); each title a third-level heading, under the page's "Steps"."""
    _component()(
        key=key,
        data=_data(cards, label, still_height) | {"rows": True, "level": 3},
        height="content",
    )


def _data(cards: Sequence[Card], label: str, still_height: int) -> dict[str, Any]:
    return {
        "label": label,
        "cards": [card.to_data() for card in cards],
        "stillHeight": still_height,
        "geometry": static_url(GEOMETRY.name),
    }


def _ignore() -> None:
    """A trigger value needs a change callback to reach Python; the caller reads it in the run."""
