"""What every page shares: the cached routine library and the session-state keys it owns."""

from __future__ import annotations

import os

import streamlit as st

from limber import library, settings
from limber.model import Focus

ROUTINE_PAGE = "app_pages/routine.py"
LIBRARY_PAGE = "app_pages/library.py"


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folders: tuple[str, ...], stamp: tuple) -> library.Library:
    # The stamp is only part of the cache key: a changed file changes it, so the
    # library is read again. cache_resource rather than cache_data: the Library is
    # frozen, so one shared copy is safe, and cache_data's copy on every read
    # costs ~110 ms per rerun at 1,000 routines (bench/library.py).
    del stamp
    return library.load(*folders)


def routine_folders() -> tuple[str, ...]:
    """The folders this process loads routines from."""
    return tuple(str(p) for p in settings.folders(os.environ).to_load)


def get_library() -> library.Library:
    """The routine library, read once per process and again when a file changes."""
    folders = routine_folders()
    return _load(folders, library.fingerprint(*folders))


def routine_link_id() -> str | None:
    """The routine id from the ``?routine=`` query parameter, if any."""
    value = st.query_params.get("routine")
    return value.strip() or None if value else None


def open_routine(routine_id: str) -> None:
    """Go to a routine's page (a bookmarkable ``?routine=<id>`` link)."""
    st.switch_page(ROUTINE_PAGE, query_params={"routine": routine_id})


def focus_from_link() -> list[Focus]:
    """Focus areas preselected by a ``?focus=`` link (the About page points at relaxation)."""
    wanted = st.query_params.get_all("focus")
    return [f for f in Focus if f.value in wanted]


PAGE_SIZE = 24
"""Cards shown at first, and added by each "Show more"."""


def cards_shown() -> int:
    """How many routine cards the Library shows now."""
    return st.session_state.setdefault("cards_shown", PAGE_SIZE)


def show_more_cards() -> None:
    """Show another page of cards."""
    st.session_state["cards_shown"] = cards_shown() + PAGE_SIZE
