"""The session-state keys of the history, and the one place that reads and writes them.

The store component is mounted through :func:`mount_store` on every page that
needs the history or the person's own routines (History, Library, Import, the
page of a routine not on the server), always with the same key. Writes are
queued as commands on the store's session (``components.store.StoreSession``);
the component applies each one once and reports its outcome, which becomes the
message shown on the History page (the sentences are said here), or is looked
up by its nonce (:func:`outcome`) by the page that asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from components.store import Op, Outcome, StoreReading, StoreSession, store_session
from limber import history, settings

STORE_KEY = "history_store"
"""The store component's key (the same on every page)."""
_NOTICE = "history.notice"
_UNDO_LABELS = "history.undo_labels"
_CONFIRM_CLEAR = "history.confirm_clear"
_UPLOAD_GEN = "history.upload_gen"
_SELECTED = "history.selected"
PERIOD_INPUT = "history.period"
"""The key of the sessions list's period choice."""
NOTE_INPUT = "history.note_input"
"""The key of the note editor's text area."""
PAIN_AFTER_INPUT = "history.pain_after_input"
"""The key of the pain-after rating's picker (None: not rated)."""
_TABLE_GEN = "history.table_gen"


@dataclass(frozen=True, slots=True)
class Notice:
    """A message about the last write: shown until the next one."""

    ok: bool
    """Whether the write went through (shown as success, else as an error)."""
    text: str
    """The sentence shown."""


def person_tz() -> ZoneInfo:
    """The person's own time zone, from the browser; UTC when it is not known."""
    name = st.context.timezone
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def now(tz: tzinfo) -> datetime:
    """The current time in the person's time zone: the one place the pages read the clock
    (the core never does). ``LIMBER_NOW`` fixes it, for tests and demonstrations."""
    fixed = settings.fixed_now(os.environ)
    return fixed.astimezone(tz) if fixed is not None else datetime.now(tz)


def _store() -> StoreSession:
    return store_session(STORE_KEY)


def _enqueue(op: Op, **fields: Any) -> str:
    st.session_state[_NOTICE] = None
    return _store().enqueue(op, **fields)


def outcome(nonce: str) -> Outcome | None:
    """What became of a command, once the browser has applied it (None until then)."""
    return _store().outcome(nonce)


def keep_routine(fields: dict[str, Any], *, at: str | None = None) -> str:
    """Keep one of the person's own routines in this browser (replacing one of its id);
    return the command's nonce. ``at`` keeps a routine's first saved time (undo)."""
    return _enqueue(Op.KEEP_ROUTINE, routine=fields, **({"at": at} if at else {}))


def drop_routine(routine_id: str) -> str:
    """Delete one of the person's own routines from this browser; return the nonce."""
    return _enqueue(Op.DROP_ROUTINE, id=routine_id)


_SAID = {
    Op.CLEAR: "Your history was cleared.",
    Op.UPDATE: "Changes saved.",
    Op.UNDO: "The session is back.",
}
"""What the History page says when a command of these ops was applied."""


def _describe(outcome: Outcome) -> Notice | None:
    if outcome.op in (Op.KEEP_ROUTINE, Op.DROP_ROUTINE):
        return None  # said by the page that asked (outcome())
    if not outcome.ok:
        return Notice(False, outcome.error or "That change could not be saved.")
    if outcome.op is Op.IMPORT:
        message = history.import_message(
            outcome.added, outcome.existing, outcome.unreadable, outcome.routines
        )
        return Notice(True, f"Imported: {message}.")
    said = _SAID.get(outcome.op)
    return Notice(True, said) if said else None


def _notice_of(settled: tuple[Outcome, ...]) -> None:
    for outcome in settled:
        message = _describe(outcome)
        if message is not None:
            st.session_state[_NOTICE] = message


def read_store() -> StoreReading | None:
    """What the browser last reported, the report that caused this run included, without
    mounting the store: for a page that mounts it last (:func:`mount_store` at its end)."""
    store = _store()
    _notice_of(store.arrived(key=STORE_KEY))
    return store.reading


def mount_store(*, unread_is_empty: bool = False) -> StoreReading | None:
    """Mount the store component with the queued commands; None until the browser has read it
    (and, with ``unread_is_empty``, for as long as the browser holds nothing: for a page
    that draws an empty store as it draws an unread one).

    The message about the last command applied on this run becomes the notice. A page's
    first report comes unchecked (the browser leaves the record checks to Python): when
    Python's reading sets something aside, the browser is asked to read the store
    again, which sets the same records aside in localStorage.
    """
    store = _store()
    _notice_of(store.arrived(key=STORE_KEY))
    reading = store.reading
    check = reading is not None and not reading.checked and bool(parsed(reading).set_aside)
    storage = history.storage_config()
    settled = store.mount(
        key=STORE_KEY, storage=storage, unread_is_empty=unread_is_empty, check=check
    )
    _notice_of(settled)
    return store.reading


@st.cache_resource(show_spinner=False, max_entries=4)
def _parse(digest: str, _document: str | None) -> history.Parsed:
    # Keyed by the text's hash (not the text: hashing megabytes on every rerun
    # costs). Parsed is frozen, so one shared copy per stored text is safe;
    # reruns (editing a note, picking a row) then skip parsing 10,000 records.
    del digest
    return history.parse_document(_document)


def parsed(reading: StoreReading) -> history.Parsed:
    """The stored document as read (sessions, kept routines, what was set aside)."""
    return _parse(reading.digest, reading.document)


def own_routine(reading: StoreReading | None, routine_id: str) -> history.OwnRoutine | None:
    """One of the person's own routines as the browser keeps it, if it does."""
    return parsed(reading).own.get(routine_id) if reading is not None else None


def read_history(reading: StoreReading) -> history.History:
    """The typed history from what the store read."""
    return history.combine(_parse(reading.digest, reading.document), reading.quarantine)


@st.cache_resource(show_spinner=False, max_entries=4)
def _overview(
    digest: str, tz_name: str, today: date, _document: str | None, _now: datetime
) -> history.Overview:
    # Keyed by the text's hash, the zone and the day (not the minute): a rerun
    # reuses the numbers; a new day or a new session does not.
    del today
    sessions = _parse(digest, _document).sessions
    return history.overview(sessions, now=_now, tz=ZoneInfo(tz_name))


def overview(reading: StoreReading, tz: ZoneInfo, now: datetime) -> history.Overview:
    """Everything the History page shows, for the stored history, now, in this time zone."""
    return _overview(reading.digest, tz.key, now.date(), reading.document, now)


@st.cache_resource(show_spinner=False, max_entries=8)
def _rows(
    digest: str, period: str, tz_name: str, today: date, _document: str | None, _now: datetime
) -> tuple[history.SessionRow, ...]:
    del today
    sessions = _parse(digest, _document).sessions
    return tuple(history.session_rows(sessions, tz=ZoneInfo(tz_name), period=period, now=_now))


def session_rows(
    reading: StoreReading, period: str, tz: ZoneInfo, now: datetime
) -> tuple[history.SessionRow, ...]:
    """The sessions list for a period, newest first."""
    return _rows(reading.digest, period, tz.key, now.date(), reading.document, now)


def notice() -> Notice | None:
    """The message about the last write, if any."""
    return st.session_state.get(_NOTICE)


# --- actions (used as on_click callbacks, so the command goes out on that same run)


def table_key(period: str, rows: int) -> str:
    """The key of the sessions table: a new one (no row picked) when the rows change."""
    return f"history.table.{st.session_state.get(_TABLE_GEN, 0)}.{period}.{rows}"


def _forget_selection() -> None:
    st.session_state[_SELECTED] = None
    st.session_state[_TABLE_GEN] = st.session_state.get(_TABLE_GEN, 0) + 1


def delete(session: history.Session, tz: tzinfo) -> None:
    """Delete a session; it can be brought back until the page is left."""
    st.session_state.setdefault(_UNDO_LABELS, {})[session.id] = history.describe(session, tz=tz)
    _forget_selection()
    _enqueue(Op.DELETE, id=session.id)
    st.session_state[_NOTICE] = Notice(True, f"Deleted {history.describe(session, tz=tz)}.")


def undo_label(session_id: str) -> str:
    """How the deleted session is named in the undo message."""
    return st.session_state.get(_UNDO_LABELS, {}).get(session_id, "the session")


def undo(session_id: str) -> None:
    """Bring back the session deleted last."""
    _enqueue(Op.UNDO, id=session_id)


def save_changes(session_id: str) -> None:
    """Save the note and the pain-after rating as they stand in the editor."""
    patch = {"n": st.session_state.get(NOTE_INPUT, "")}
    if PAIN_AFTER_INPUT in st.session_state:
        patch["pa"] = st.session_state[PAIN_AFTER_INPUT]
    _enqueue(Op.UPDATE, id=session_id, patch=patch)


def ask_clear() -> None:
    """Show the confirmation before clearing everything."""
    st.session_state[_CONFIRM_CLEAR] = True


def cancel_clear() -> None:
    """Hide the confirmation."""
    st.session_state[_CONFIRM_CLEAR] = False


def confirming_clear() -> bool:
    """Whether the clear-all confirmation is showing."""
    return bool(st.session_state.get(_CONFIRM_CLEAR))


def clear() -> None:
    """Delete every session in this browser."""
    st.session_state[_CONFIRM_CLEAR] = False
    _forget_selection()
    _enqueue(Op.CLEAR)


def upload_key() -> str:
    """The key of the import file picker (changes after each import, to empty it)."""
    return f"history.upload.{st.session_state.get(_UPLOAD_GEN, 0)}"


def import_file() -> None:
    """Check the chosen file and, if it is a Limber history, merge it into the store."""
    upload = st.session_state.get(upload_key())
    if upload is None:
        st.session_state[_NOTICE] = Notice(False, "Choose a file to import first.")
        return
    st.session_state[_UPLOAD_GEN] = st.session_state.get(_UPLOAD_GEN, 0) + 1
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.session_state[_NOTICE] = Notice(False, "This file is not a Limber history (not text).")
        return
    check = history.check_import(text)
    if not check.ok:
        st.session_state[_NOTICE] = Notice(False, check.error or "This file cannot be imported.")
        return
    _enqueue(Op.IMPORT, text=text)


def selected_id() -> str | None:
    """The id of the session picked in the sessions table, if any."""
    return st.session_state.get(_SELECTED)


def select(session_id: str | None) -> None:
    """Remember which session is picked in the table."""
    if st.session_state.get(_SELECTED) != session_id:
        st.session_state[_SELECTED] = session_id
        if session_id is not None:
            st.session_state.pop(NOTE_INPUT, None)
            st.session_state.pop(PAIN_AFTER_INPUT, None)
