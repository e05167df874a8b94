"""The session-state keys of the Import page, and the one place that creates and reads them.

A video read from a link is kept here. The widgets that belong to one video
(step choices, details) take their defaults as ``value=`` and are keyed with
:func:`key`, which holds a number that changes with each video read: a new
video gets new widgets with its own defaults, and Streamlit drops the old ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from limber import importer
from limber.importer import Proposal, RoutineDetails, VideoInfo

LINK = "import.link"
"""The "Video link" box."""
_VIDEO = "import.video"
_GEN = "import.gen"
_SAVED = "import.saved"
_SAVES = "import.saves"

DEFAULT_PARTS = 4
"""Equal parts proposed when the video's length is not known."""


@dataclass(frozen=True, slots=True)
class Saved:
    """The routine saved last from this page."""

    routine_id: str
    """The routine's id (for the link to its page)."""
    title: str
    """The routine's title, as said in the message."""
    nonce: str
    """The store command that keeps it in the browser (its outcome says if it was kept)."""
    replaced: bool
    """Whether an existing routine was replaced."""


def video() -> VideoInfo | None:
    """The video read last, if any."""
    return st.session_state.get(_VIDEO)


def key(name: str) -> str:
    """The key of one of the current video's widgets (``"title"``, ``"parts"`` …)."""
    return f"import.{name}.{st.session_state.get(_GEN, 0)}"


def start(info: VideoInfo) -> None:
    """Keep a newly read video; its widgets start afresh from its own defaults."""
    forget()
    st.session_state[_VIDEO] = info


def forget() -> None:
    """Forget the video and all that was chosen for it (after a link that failed to read)."""
    st.session_state.pop(_VIDEO, None)
    st.session_state.pop(_SAVED, None)
    st.session_state[_GEN] = st.session_state.get(_GEN, 0) + 1


def default_parts(info: VideoInfo) -> int:
    """How many equal parts to propose at first."""
    return importer.default_parts(info.duration) if info.duration else DEFAULT_PARTS


def details() -> RoutineDetails:
    """The routine's details as the person has them in the form (drawn on this run)."""
    equipment = st.session_state.get(key("equipment")) or ""
    return RoutineDetails(
        title=st.session_state.get(key("title")) or "",
        focus=tuple(st.session_state.get(key("focus")) or ()),
        level=st.session_state[key("level")],
        style=st.session_state[key("style")],
        equipment=tuple(part.strip() for part in equipment.split(",") if part.strip()),
        caution=st.session_state.get(key("caution")) or "",
    )


def steps_key(proposal: Proposal) -> str:
    """The key of the steps table: a fresh table (no edits) whenever the proposal changes."""
    digest = hashlib.sha1(repr(proposal).encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{key('steps')}.{digest}"


def replace_key(routine_id: str) -> str:
    """The key of the "Replace the existing routine" checkbox: one per id, and unticked
    again after each save, so a tick never carries over to another routine or save."""
    return f"{key('replace')}.{routine_id}.{st.session_state.get(_SAVES, 0)}"


def saved() -> Saved | None:
    """The routine saved last from this video, if any."""
    return st.session_state.get(_SAVED)


def remember_saved(routine_id: str, title: str, nonce: str, *, replaced: bool) -> None:
    """Note the routine just saved (its store command's nonce), to say so and link to it."""
    st.session_state[_SAVED] = Saved(routine_id, title, nonce, replaced)
    st.session_state[_SAVES] = st.session_state.get(_SAVES, 0) + 1
