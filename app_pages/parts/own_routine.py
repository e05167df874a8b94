"""A routine page's controls for the person's own routines: Download YAML, Delete (with
undo), and "Keep in this browser" for a routine file from this computer's user folder.

Each write is a command to the browser's store (``history_state``); the page says
what became of it once the browser has answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app_pages.parts import common, pages
from app_pages.parts import history_state as store
from app_pages.parts.text import plain
from limber import importer
from limber.history import OwnRoutine
from limber.library import Entry

_DELETED = "own.deleted"
_KEPT = "own.kept"


@dataclass(frozen=True, slots=True)
class Deleted:
    """A routine deleted from this page, kept here so it can be brought back."""

    routine_id: str
    """The routine's id."""
    title: str
    """Its title, as said in the message."""
    fields: dict
    """The stored entry's fields, put back as they were by Undo."""
    saved_at: str | None
    """When it was first kept (ISO time), kept again by Undo."""
    nonce: str
    """The store command that deleted it (its outcome says if it was)."""


def _delete(entry: Entry, kept: OwnRoutine | None) -> None:
    routine = entry.routine
    nonce = store.drop_routine(routine.id)
    # Undo puts back the stored entry itself, not a copy made from the model.
    fields = dict(kept.data) if kept else importer.routine_fields(routine)
    saved_at = kept.saved_at if kept else None
    st.session_state[_DELETED] = Deleted(routine.id, routine.title, fields, saved_at, nonce)


def _undo(deleted: Deleted) -> None:
    store.keep_routine(deleted.fields, at=deleted.saved_at)
    st.session_state.pop(_DELETED, None)


def _keep(entry: Entry) -> None:
    st.session_state[_KEPT] = (
        entry.routine.id,
        store.keep_routine(importer.routine_fields(entry.routine)),
    )


def deleted_here(routine_id: str) -> bool:
    """Say so when this routine was just deleted from this page, with Undo; True if it was."""
    deleted: Deleted | None = st.session_state.get(_DELETED)
    if deleted is None or deleted.routine_id != routine_id:
        return False
    result = store.outcome(deleted.nonce)
    if result is not None and not result.ok:
        st.error(
            plain(result.error or "The routine could not be deleted."), icon=":material/error:"
        )
        st.session_state.pop(_DELETED, None)
        return False
    st.title("Routine deleted", anchor=False)
    st.success(plain(f"“{deleted.title}” was deleted from this browser."), icon=":material/delete:")
    st.button("Undo", key="own.undo", on_click=_undo, args=(deleted,), icon=":material/undo:")
    st.page_link(pages.library(), label="Back to all routines", icon=":material/arrow_back:")
    return True


def render_controls(entry: Entry, kept: OwnRoutine | None) -> None:
    """Below a routine: Download YAML and Delete for the person's own routines (``kept`` is
    its stored entry); Keep in this browser for a routine file from the user folder.
    Nothing for the bundled ones."""
    routine = entry.routine
    if entry.own:
        st.subheader("Your routine", anchor=False)
        st.caption(
            "Kept in this browser, with your history. To take it to another browser, "
            "export your history on the History page and import the file there."
        )
        download, delete = st.columns(2)
        download.download_button(
            "Download YAML",
            data=importer.routine_yaml(routine),
            file_name=f"{routine.id}.yaml",
            mime="application/yaml",
            on_click="ignore",
            icon=":material/download:",
            key="own.download",
        )
        delete.button(
            "Delete",
            key="own.delete",
            on_click=_delete,
            args=(entry, kept),
            icon=":material/delete:",
            help="Deletes it from this browser. You can undo it straight after.",
        )
    elif common.from_user_folder(entry):
        st.subheader("Keep it with you", anchor=False)
        st.caption(
            plain(
                f"This routine is a file on this computer ({entry.file}). Keep it in this "
                "browser, with your history, so it travels with your export."
            )
        )
        kept = st.session_state.get(_KEPT)
        st.button(
            "Keep in this browser",
            key="own.keep",
            on_click=_keep,
            args=(entry,),
            icon=":material/bookmark_add:",
        )
        if kept is not None and kept[0] == routine.id:
            result = store.outcome(kept[1])
            if result is not None and not result.ok:
                st.error(plain(result.error or "It could not be kept."), icon=":material/error:")
