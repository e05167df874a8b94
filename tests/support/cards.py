"""The cards (components/cards) as AppTest sees them: their data, and a Start press."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from components.cards import NAME, START

GRID = "cards"
"""The key of the Library's grid of all routines."""
PICKS = "picks"
"""The key of the Library's picks."""
STEPS = "steps"
"""The key of a routine's steps on its page."""


def sent(at: AppTest, key: str = GRID) -> dict[str, Any] | None:
    """What the last run sent the cards component with this key (None if not drawn)."""
    for element in at.get("bidi_component"):
        proto = element.proto
        if proto.component_name == NAME and proto.id.endswith(f"-{key}"):
            [data] = json.loads(proto.json)  # sent in a list of one (components/assets.py)
            return data
    return None


def cards(at: AppTest, key: str = GRID) -> list[dict[str, Any]]:
    """The cards the grid with this key drew in the last run, in order (none if not drawn)."""
    data = sent(at, key)
    return data["cards"] if data is not None else []


def card_ids(at: AppTest, key: str = GRID) -> list[str]:
    """The routine ids of the cards, in order."""
    return [card["id"] for card in cards(at, key)]


def press_start(at: AppTest, routine_id: str, key: str = GRID) -> AppTest:
    """Press Start on a routine's card, as the browser reports it, and run."""
    at.session_state[key] = {START: routine_id}
    return at.run()
