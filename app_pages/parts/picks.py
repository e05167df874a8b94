""" "Picked for you" on the Library page: up to three routines chosen from the history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from app_pages.parts import history_state as state
from app_pages.parts.cards import pick_card
from components.cards import routine_cards
from components.store import StoreReading
from limber import history
from limber.library import Entry
from limber.recommend import recommend


def render_picks(
    reading: StoreReading | None, entries: Sequence[Entry], *, on_start: Callable[[str], None]
) -> None:
    """Show the picks as cards with a Start button; ``on_start`` gets the routine id.

    ``reading`` is the store's (:func:`history_state.read_store`). Until the browser has
    answered, the picks are the starters, for a browser that holds no history: where it
    holds one, it says it is looking at it until the page runs again with it. A new
    visitor's browser holds nothing and so has nothing to report (the store is mounted
    with ``unread_is_empty``): their page is drawn once, not twice.
    """
    st.subheader("Picked for you", anchor=False)
    tz = state.person_tz()
    sessions = state.read_history(reading).sessions if reading is not None else ()
    picks = recommend(entries, sessions, now=state.now(tz), tz=tz)
    if not picks:
        st.caption("Nothing new to suggest today: any routine below is a good choice.")
        return
    cards = [pick_card(pick.entry, pick.reason) for pick in picks]
    unread = () if reading is not None else (history.STORAGE_KEY, history.QUARANTINE_KEY)
    # Narrower cards than the grid's: three picks, or five starters, in one row.
    if started := routine_cards(
        cards,
        key="picks",
        label="Picked for you",
        narrowest=10,
        stretch=True,
        lead="" if sessions else "New here? A gentle place to start, whatever troubles you.",
        unless_stored=unread,
        waiting="Looking at your history…",
    ):
        on_start(started)
