""" "Picked for you" on the Library page: up to three routines chosen from the history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from app_pages.parts import history_state as state
from app_pages.parts.cards import pick_card
from components.cards import routine_cards
from components.store import StoreReading
from limber.library import Entry
from limber.recommend import recommend


def render_picks(
    reading: StoreReading | None, entries: Sequence[Entry], *, on_start: Callable[[str], None]
) -> None:
    """Show the picks as cards with a Start button; ``on_start`` gets the routine id.

    ``reading`` is the store's (:func:`history_state.mount_store`); until the
    browser has answered, shows a placeholder.
    """
    st.subheader("Picked for you", anchor=False)
    if reading is None:
        st.caption("Looking at your history…")
        return
    tz = state.person_tz()
    found = state.read_history(reading)
    picks = recommend(entries, found.sessions, now=state.now(tz), tz=tz)
    if not picks:
        st.caption("Nothing new to suggest today: any routine below is a good choice.")
        return
    if not found.sessions:
        st.caption("New here? A gentle place to start, whatever troubles you.")
    cards = [pick_card(pick.entry, pick.reason) for pick in picks]
    # Narrower cards than the grid's: three picks, or five starters, in one row.
    if started := routine_cards(
        cards, key="picks", label="Picked for you", narrowest=10, stretch=True
    ):
        on_start(started)
