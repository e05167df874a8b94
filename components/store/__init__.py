"""The history store: a bridge between the browser's localStorage and Python.

The component reads the stored history when it is mounted, after each write,
and whenever another tab changes it (the ``storage`` event), and sends Python
a report: the stored texts and the outcomes of commands. The report is a
trigger value, so the document travels once per change, not with every rerun;
the caller keeps the last report and passes its token back as ``have``; when
they differ (a new server session, say), the browser reports again. Python asks
for writes by passing commands, each with a nonce; the browser applies each
nonce once. The format itself belongs to ``limber/history/format.py``; this wrapper
only carries text.

A page keeps one :class:`StoreSession` per browser session (:func:`store_session`):
the commands queued (each an :class:`Op` with its fields), the last report, and
the outcomes of the last few commands, looked up by nonce.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from components.assets import SHARED, register

_HERE = Path(__file__).resolve().parent
JS_FILES = (
    SHARED / "history_store.js",
    SHARED / "kept.js",
    SHARED / "pack.js",
    _HERE / "assets" / "component.js",
)
"""The component's JavaScript, in order."""
NAME = "limber.history_store"
EVENT = "report"
"""The name of the component's trigger value (and of the state AppTest injects)."""


KEEP_OUTCOMES = 16
"""Outcomes a :class:`StoreSession` keeps: the last few commands' are all a page asks about."""


class Op(StrEnum):
    """What a command asks the browser's store to do (``history_store.js`` applies each)."""

    SAVE = "save"
    """Write a session record (fields: ``record``, ``routine``)."""
    UPDATE = "update"
    """Change a session's note or pain-after rating (``id``, ``patch``)."""
    DELETE = "delete"
    """Delete a session, keeping it for undo until the page is left (``id``)."""
    UNDO = "undo"
    """Bring back the session deleted last (``id``)."""
    IMPORT = "import"
    """Merge an exported history into the store (``text``)."""
    CLEAR = "clear"
    """Delete every session (the person's own routines stay)."""
    KEEP_ROUTINE = "keep_routine"
    """Keep one of the person's own routines (``routine``, its fields; ``at``, optional)."""
    DROP_ROUTINE = "drop_routine"
    """Delete one of the person's own routines (``id``)."""


@dataclass(frozen=True, slots=True)
class Command:
    """One write asked of the store, applied once however often it is passed."""

    op: Op
    """What to do."""
    nonce: str
    """Unique to this command: its outcome comes back under it."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """What the op needs (see :class:`Op`)."""

    def to_data(self) -> dict[str, Any]:
        """The command as the component reads it."""
        return {"op": self.op.value, "nonce": self.nonce, **self.fields}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one command."""

    nonce: str
    """The command's nonce."""
    op: Op
    """The command's op."""
    ok: bool
    """Whether the browser applied it."""
    error: str | None = None
    """A plain sentence when the command failed."""
    added: int = 0
    """Sessions an import added."""
    existing: int = 0
    """Sessions an import found already there."""
    unreadable: int = 0
    """Records an import could not read (kept aside)."""
    routines: int = 0
    """Routines of the person's own brought in by an import."""


@dataclass(frozen=True, slots=True)
class StoreReading:
    """The stored texts as the browser read them, and the outcomes of commands."""

    token: str
    """Unique to this report: passed back as ``have``."""
    digest: str
    """A hash of the document's text, to key caches by content."""
    document: str | None
    """The history document's text, or None when nothing is stored."""
    quarantine: str | None
    """The kept-aside list's text, or None."""
    writable: bool
    """False when the store must not be changed (a newer version wrote it)."""
    error: str | None
    """Why the store cannot be changed, as a plain sentence."""
    checked: bool
    """False when the browser sent the document without checking its records (a page's
    first report): if Python finds one to set aside, it asks for a checked report
    (``check`` in :meth:`StoreSession.mount`), and reading the store sets it aside."""
    undo: str | None
    """The id of the session that can be brought back, until the page is left."""
    outcomes: tuple[Outcome, ...]
    """Outcomes of the commands applied since the last reading."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


_OPS = {op.value: op for op in Op}


def _outcome(value: object) -> Outcome | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("nonce"), str):
        return None
    name = value.get("op")
    op = _OPS.get(name) if isinstance(name, str) else None
    if op is None:
        return None  # not a command of ours

    def count(name: str) -> int:
        number = value.get(name)
        return number if isinstance(number, int) else 0

    error = value.get("error")
    return Outcome(
        nonce=value["nonce"],
        op=op,
        ok=value.get("ok") is True,
        error=error if isinstance(error, str) else None,
        added=count("added"),
        existing=count("existing"),
        unreadable=count("unreadable"),
        routines=count("routines"),
    )


UNPACKED_LIMIT = 64 * 1024 * 1024
"""The most bytes a packed document may unpack to: far above any browser's storage quota
(about 5 million characters an origin), and a bound on what a bad report can cost."""

UNREADABLE_REPORT = (
    "Limber could not read the history this browser sent, so it shows none and changes "
    "nothing; your history is unchanged on this device. Reloading the page sends it again."
)
"""The reading's error when a packed document cannot be unpacked."""


def unpack(packed: str) -> bytes | None:
    """The UTF-8 bytes of a document the browser packed (``shared/pack.js``: gzip, then
    base64); None when it is not such a text or would unpack past :data:`UNPACKED_LIMIT`."""
    try:
        gzipped = base64.b64decode(packed, validate=True)
        inflate = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip
        data = inflate.decompress(gzipped, UNPACKED_LIMIT)
    except (binascii.Error, ValueError, zlib.error):
        return None
    if not inflate.eof or inflate.unconsumed_tail or inflate.unused_data:
        return None  # cut short, past the limit, or more than one member
    return data


def reading_from(value: object) -> StoreReading | None:
    """The typed reading from a report as the browser sends it (None: no report)."""
    if not isinstance(value, Mapping) or not isinstance(value.get("token"), str):
        return None
    state = value

    def text(name: str) -> str | None:
        item = state.get(name)
        return item if isinstance(item, str) else None

    outcomes = state.get("outcomes")
    document = text("document")
    writable, error = state.get("writable") is not False, text("error")
    packed = text("packed")
    if document is not None or packed is None:
        encoded = b"none" if document is None else document.encode("utf-8", "surrogatepass")
    else:
        encoded = unpack(packed) or b""
        try:
            document = encoded.decode("utf-8") if encoded else None
        except UnicodeDecodeError:
            document = None
        if document is None:
            encoded, writable, error = b"none", False, UNREADABLE_REPORT
    return StoreReading(
        token=state["token"],
        digest=hashlib.blake2b(encoded, digest_size=16).hexdigest(),
        document=document,
        quarantine=text("quarantine"),
        writable=writable,
        error=error,
        checked=state.get("checked") is not False,
        undo=text("undo"),
        outcomes=tuple(
            o for o in (_outcome(v) for v in outcomes or () if isinstance(outcomes, list)) if o
        ),
    )


def _raw_report(state: object) -> object:
    return state.get(EVENT) if isinstance(state, Mapping) else None


def _mounted(
    key: str,
    storage: Mapping[str, Any],
    commands: Sequence[Command],
    have: str | None,
    unread_is_empty: bool,
    check: str | None,
) -> object:
    """Mount the store; return the report that arrived with this run, as the browser sent it.

    ``storage`` is ``limber.history.storage_config()``. ``have`` is the token of
    the last report the caller kept (None before the first). A command is
    applied once however often it is passed; its outcome comes back in the
    report's outcomes. The component shows nothing; it is safe to mount on
    several pages with the same key. ``unread_is_empty``: the page draws an
    empty store as an unread one, so a browser holding nothing sends no first
    report. ``check`` is the token of an unchecked report in which Python found
    something to set aside: the browser reads the store again (setting it aside)
    and reports. Pages mount it through :meth:`StoreSession.mount`, which keeps the
    queue and the last report.
    """
    result = _component()(
        key=key,
        data={
            "storage": dict(storage),
            "commands": [c.to_data() for c in commands],
            "have": have,
            "quietWhenEmpty": unread_is_empty and have is None,
            "check": check,
        },
        height="content",
        on_report_change=_ignore,
    )
    return getattr(result, EVENT, None)


def _ignore() -> None:
    """A trigger value needs a change callback to reach Python; the caller reads it in the run."""


@dataclass(slots=True)
class StoreSession:
    """The store as one browser session sees it: the commands not yet applied, the last
    report, and the outcomes of the last few commands (by nonce)."""

    pending: list[Command] = field(default_factory=list)
    """Commands passed on every mount until their outcome comes back."""
    reading: StoreReading | None = None
    """The last report kept (None until the browser has read the store)."""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    """Outcomes of settled commands by nonce, the last :data:`KEEP_OUTCOMES` only."""

    def enqueue(self, op: Op, **fields: Any) -> str:
        """Queue a command for the next mount; return its nonce."""
        nonce = uuid.uuid4().hex
        self.pending.append(Command(op, nonce, fields))
        return nonce

    def outcome(self, nonce: str) -> Outcome | None:
        """What became of a command, once the browser has applied it (None until then)."""
        return self.outcomes.get(nonce)

    def _settle(self, reading: StoreReading) -> list[Outcome]:
        """Drop the commands the browser has applied; return their outcomes, in queue order."""
        done = {o.nonce: o for o in reading.outcomes}
        settled = [done[c.nonce] for c in self.pending if c.nonce in done]
        if not settled:
            return []
        self.pending = [c for c in self.pending if c.nonce not in done]
        for outcome in settled:
            self.outcomes[outcome.nonce] = outcome
        while len(self.outcomes) > KEEP_OUTCOMES:
            del self.outcomes[next(iter(self.outcomes))]
        return settled

    def _keep(self, raw: object, settled: list[Outcome]) -> None:
        """Keep a new report, as the browser sent it (and settle its commands into
        ``settled``). A run sees its report twice, before and after the mount: it is
        read (and its document unpacked and hashed) once."""
        token = raw.get("token") if isinstance(raw, Mapping) else None
        if self.reading is not None and token == self.reading.token:
            return
        arrived = reading_from(raw)
        if arrived is not None:
            self.reading = arrived
            settled.extend(self._settle(arrived))

    def arrived(self, *, key: str) -> tuple[Outcome, ...]:
        """Keep the report that caused this run, before the component is mounted (a page
        may mount it last, so that its first run is drawn before the browser answers);
        return the outcomes it settles."""
        settled: list[Outcome] = []
        self._keep(_raw_report(st.session_state.get(key)), settled)
        return tuple(settled)

    def mount(
        self,
        *,
        key: str,
        storage: Mapping[str, Any],
        unread_is_empty: bool = False,
        check: bool = False,
    ) -> tuple[Outcome, ...]:
        """Mount the store component with the queued commands; return the outcomes settled
        on this run (the report kept is then :attr:`reading`). ``unread_is_empty``: the
        page draws an empty store as an unread one; ``check``: the kept report is
        unchecked and holds something to set aside (:attr:`StoreReading.checked`).

        The browser reports once per change; the last report is kept and its
        token passed back, so the document is not sent again with every rerun.
        """
        settled: list[Outcome] = []
        # A report that caused this run is visible before the mount: settle its
        # commands first, so the ones already applied are not passed again.
        self._keep(_raw_report(st.session_state.get(key)), settled)
        have = self.reading.token if self.reading else None
        asked = have if check and self.reading is not None and not self.reading.checked else None
        raw = _mounted(key, storage, self.pending, have, unread_is_empty, asked)
        self._keep(raw, settled)
        return tuple(settled)


def store_session(key: str) -> StoreSession:
    """This browser session's :class:`StoreSession` for the store mounted under ``key``."""
    return st.session_state.setdefault(f"{key}.session", StoreSession())
