"""The Library's "Pregnant" choice: one owner for its session key, remembered in this browser.

The choice is kept under the localStorage key ``limber.library`` (the prefs
component reads it once and writes it when the person changes the choice); a
``?pregnant=1`` link sets it too. Until the browser has been read, the session's
own value (or the link's) holds.
"""

from __future__ import annotations

import streamlit as st

from components.prefs import browser_prefs, prefs_in

PREGNANT = "pregnant"
"""The toggle's widget key."""
STORAGE_KEY = "limber.library"
PREFS_KEY = "library-prefs"
"""The prefs component's key."""
_TOUCHED = "library.pregnant.touched"
_APPLIED = "library.pregnant.applied"


def remember_choices() -> None:
    """Before the toggle is drawn: take the link's choice, and the browser's once it has been
    read (the component is mounted last on the page, by :func:`keep_choices`)."""
    if PREGNANT not in st.session_state:
        st.session_state[PREGNANT] = st.query_params.get("pregnant") == "1"
    touched = st.session_state.get(_TOUCHED, False)
    stored = prefs_in(st.session_state.get(PREFS_KEY))
    if stored is not None and not touched and not st.session_state.get(_APPLIED):
        st.session_state[_APPLIED] = True
        if isinstance(stored.get("pregnant"), bool):
            st.session_state[PREGNANT] = stored["pregnant"] or st.session_state[PREGNANT]


def keep_choices() -> None:
    """At the end of the page: mount the prefs component, storing a choice the person made.
    Last, so that the page's first run is drawn before the browser answers (its answer
    reruns the page)."""
    touched = st.session_state.get(_TOUCHED, False)
    write = {"pregnant": bool(st.session_state[PREGNANT])} if touched else None
    browser_prefs(storage_key=STORAGE_KEY, write=write, key=PREFS_KEY)


def pregnant() -> bool:
    """Whether the person chose "Pregnant" (after :func:`remember_choices`)."""
    return bool(st.session_state.get(PREGNANT, False))


def chose() -> None:
    """The person changed the choice: from now on the browser keeps what they chose."""
    st.session_state[_TOUCHED] = True
