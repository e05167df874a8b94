"""What every page shares: the cached routine library and the session-state keys it owns."""

from __future__ import annotations

import gc
import hashlib
import os
import time

import streamlit as st

from app_pages.parts import history_state, pages
from components.store import StoreReading
from limber import library, settings
from limber.model import Focus


@st.cache_resource(show_spinner=False)
def set_aside_long_lived() -> bool:
    """Once per process, at the end of its first run: freeze what is alive.

    What the first run leaves alive (the modules, the routine library, the poses) lives
    as long as the process; frozen, Python's collector no longer walks it on every full
    collection. Streamlit's own collection after each run is off (``runner.postScriptGC``
    in ``.streamlit/config.toml``: it walked every connected visitor's session). At the
    end of the first run rather than in a warm-up as the server starts: on two cores a
    warm-up thread held the server's start back by as much as it saved the first visitor
    (bench/coldstart.py). Without a collection first: one walked the whole heap for about
    60 ms of the first visitor's run to free a dozen objects, which now stay frozen.
    """
    gc.freeze()
    return True


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folders: tuple[str, ...], stamp: str) -> library.Library:
    # The stamp is only part of the cache key: a changed file changes it, so the
    # library is read again. cache_resource rather than cache_data: the Library is
    # frozen, so one shared copy is safe, and cache_data's copy on every read
    # costs ~110 ms per rerun at 1,000 routines (bench/library.py).
    del stamp
    return library.load(*folders)


def routine_folders() -> tuple[str, ...]:
    """The folders this process loads routines from."""
    return tuple(str(p) for p in settings.folders(os.environ).to_load)


CHECK_EVERY = 2.0
"""Seconds between two looks at the routine files for a change (a stat of every file):
a click does not pay for it, and an edited file shows within this long."""
_stamps: dict[tuple[str, ...], tuple[float, str]] = {}


def get_library() -> library.Library:
    """The routine library, read once per process and again when a file changes."""
    folders = routine_folders()
    now = time.monotonic()
    seen = _stamps.get(folders)
    if seen is None or now - seen[0] >= CHECK_EVERY:
        # A short digest, not the fingerprint itself: Streamlit hashes the cache key on
        # every call, and a thousand files' stats cost it tens of milliseconds.
        digest = hashlib.blake2b(repr(library.fingerprint(*folders)).encode(), digest_size=16)
        seen = _stamps[folders] = (now, digest.hexdigest())
    return _load(folders, seen[1])


def routine_link_id() -> str | None:
    """The routine id from the ``?routine=`` query parameter, if any."""
    value = st.query_params.get("routine")
    return value.strip() or None if value else None


def open_routine(routine_id: str) -> None:
    """Go to a routine's page (a bookmarkable ``?routine=<id>`` link)."""
    st.switch_page(pages.routine(), query_params={"routine": routine_id})


def focus_from_link() -> list[Focus]:
    """Focus areas preselected by a ``?focus=`` link (the About page points at relaxation)."""
    wanted = st.query_params.get_all("focus")
    return [f for f in Focus if f.value in wanted]


PAGE_SIZE = 12
"""Cards shown at first, and added by each "Show more": a phone's few screens, and a page
that costs the same to draw whether the library holds 16 routines or 1,000."""


def cards_shown() -> int:
    """How many routine cards the Library shows now."""
    return st.session_state.setdefault("cards_shown", PAGE_SIZE)


def show_more_cards() -> None:
    """Show another page of cards."""
    st.session_state["cards_shown"] = cards_shown() + PAGE_SIZE


def _user_folder_ids(lib: library.Library) -> frozenset[str]:
    """The routines read from the user folder (``routines/my/``): a person may keep one
    in their browser, which then replaces the file's for them."""
    user = settings.folders(os.environ).user.resolve()
    return frozenset(e.routine.id for e in lib.entries if e.path.is_relative_to(user))


_PERSON_LIBRARY = "library.person"


def person_library(reading: StoreReading | None) -> library.Library:
    """The server's library with this person's own routines from their browser.

    Until the browser has answered (``reading`` None), the server's library alone.
    Worked out again only when the library or the kept routines change.
    """
    lib = get_library()
    if reading is None:
        return lib
    own = history_state.parsed(reading).own
    key = tuple(r.raw for r in own.values())
    cached = st.session_state.get(_PERSON_LIBRARY)
    if cached is not None and cached[0] is lib and cached[1] == key:
        return cached[2]
    mine = library.with_own(lib, own.values(), replaceable=_user_folder_ids(lib))
    st.session_state[_PERSON_LIBRARY] = (lib, key, mine)
    return mine


def from_user_folder(entry: library.Entry) -> bool:
    """Whether a routine was read from the user folder (``routines/my/``) on this computer."""
    return not entry.own and entry.path.is_relative_to(settings.folders(os.environ).user.resolve())
