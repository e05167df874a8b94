"""Routine cards: the Library's grid and its picks, each drawn as one component.

A card shows a routine's title, a still of its movement, a line of facts, a
sentence (its summary, or why it was picked), notes (yours, offline, what you
need) and a Start button. Every word arrives as data and is set as text.

Why one component for a whole grid rather than Streamlit containers: a card made
of Streamlit elements is seven or eight of them, and a still is a component of
its own. A Library page of twelve cards was about 100 elements; each is a message
the server builds and sends on every run, and a React element the browser lays
out. One component per grid is one message, and the browser draws the cards with
a few DOM calls (bench/coldstart.py, bench/load.py: the Library against a bare
Streamlit page).

Pressing Start sets the trigger value ``start`` to the routine's id, which
:func:`routine_cards` returns in that run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from components.assets import SHARED, register, static_url
from components.figure import GEOMETRY

_HERE = Path(__file__).resolve().parent
NAME = "limber.cards"
JS_FILES = (SHARED / "figure_loader.js", _HERE / "assets" / "component.js")
START = "start"
"""The trigger value a Start press sets (and the name AppTest injects it under)."""


class Card(NamedTuple):
    """One routine's card."""

    id: str
    """The routine's id: what a Start press gives back."""
    title: str
    facts: str
    """One line: focus areas, minutes, and so on."""
    text: str
    """A sentence: the summary, or why the routine was picked."""
    notes: tuple[str, ...] = ()
    """Short lines under the text ("Available offline", "You need: a mat")."""
    still: Mapping[str, Any] | None = None
    """The still's demo (``components.figure.still_demo``), or None for no picture."""

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "facts": self.facts}
        data["text"] = self.text
        if self.notes:
            data["notes"] = list(self.notes)
        if self.still is not None:
            data["still"] = self.still
        return data


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
) -> str | None:
    """Draw the cards in a grid; return the id of the routine whose Start was pressed in
    this run, if one was.

    ``label`` names the list for a screen reader. A card is at least ``narrowest`` rem
    wide: the grid has as many columns as fit, one on a phone. With ``stretch`` a short
    row widens its cards to the full width. ``primary`` draws the Start buttons in the
    theme's colour.
    """
    result = _component()(
        key=key,
        data={
            "label": label,
            "cards": [card.to_data() for card in cards],
            "narrowest": narrowest,
            "stretch": stretch,
            "primary": primary,
            "stillHeight": still_height,
            "geometry": static_url(GEOMETRY.name),
        },
        height="content",
        on_start_change=_ignore,
    )
    started = getattr(result, START, None)
    return started if isinstance(started, str) and started else None


def _ignore() -> None:
    """A trigger value needs a change callback to reach Python; the caller reads it in the run."""
