"""The Library's "Pregnant" choice: one owner for its session key, remembered in this browser.

The choice is kept under the localStorage key ``limber.library`` (the prefs
component reads it once and writes it when the person changes the choice); a
``?pregnant=1`` link sets it too. Until the browser has been read, the session's
own value (or the link's) holds.
"""

from __future__ import annotations

import streamlit as st

from components.prefs import browser_prefs

PREGNANT = "pregnant"
"""The toggle's widget key."""
STORAGE_KEY = "limber.library"
_TOUCHED = "library.pregnant.touched"
_APPLIED = "library.pregnant.applied"


def remember_choices() -> None:
    """Before the toggle is drawn: take the link's and the browser's choice, or store a new one."""
    if PREGNANT not in st.session_state:
        st.session_state[PREGNANT] = st.query_params.get("pregnant") == "1"
    touched = st.session_state.get(_TOUCHED, False)
    write = {"pregnant": bool(st.session_state[PREGNANT])} if touched else None
    stored = browser_prefs(storage_key=STORAGE_KEY, write=write, key="library-prefs")
    if stored is not None and not touched and not st.session_state.get(_APPLIED):
        st.session_state[_APPLIED] = True
        if isinstance(stored.get("pregnant"), bool):
            st.session_state[PREGNANT] = stored["pregnant"] or st.session_state[PREGNANT]


def pregnant() -> bool:
    """Whether the person chose "Pregnant" (after :func:`remember_choices`)."""
    return bool(st.session_state.get(PREGNANT, False))


def chose() -> None:
    """The person changed the choice: from now on the browser keeps what they chose."""
    st.session_state[_TOUCHED] = True
