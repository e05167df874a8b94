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
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from components.assets import SHARED, register

_HERE = Path(__file__).resolve().parent
JS_FILES = (SHARED / "history_store.js", _HERE / "assets" / "component.js")
"""The component's JavaScript, in order."""
NAME = "limber.history_store"
EVENT = "report"
"""The name of the component's trigger value (and of the state AppTest injects)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one command."""

    nonce: str
    op: str
    ok: bool
    error: str | None = None
    """A plain sentence when the command failed."""
    added: int = 0
    existing: int = 0
    unreadable: int = 0
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
    undo: str | None
    """The id of the session that can be brought back, until the page is left."""
    outcomes: tuple[Outcome, ...]
    """Outcomes of the commands applied since the last reading."""


@cache
def _component() -> Any:
    return register(NAME, _HERE, JS_FILES)


def _outcome(value: object) -> Outcome | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("nonce"), str):
        return None

    def count(name: str) -> int:
        number = value.get(name)
        return number if isinstance(number, int) else 0

    error = value.get("error")
    return Outcome(
        nonce=value["nonce"],
        op=str(value.get("op", "")),
        ok=value.get("ok") is True,
        error=error if isinstance(error, str) else None,
        added=count("added"),
        existing=count("existing"),
        unreadable=count("unreadable"),
        routines=count("routines"),
    )


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
    return StoreReading(
        token=state["token"],
        digest=hashlib.blake2b(
            b"none" if document is None else document.encode("utf-8", "surrogatepass"),
            digest_size=16,
        ).hexdigest(),
        document=document,
        quarantine=text("quarantine"),
        writable=state.get("writable") is not False,
        error=text("error"),
        undo=text("undo"),
        outcomes=tuple(
            o for o in (_outcome(v) for v in outcomes or () if isinstance(outcomes, list)) if o
        ),
    )


def report_in(state: object) -> StoreReading | None:
    """The report in the component's session-state entry (``st.session_state[key]``), if any."""
    return reading_from(state.get(EVENT)) if isinstance(state, Mapping) else None


def history_store(
    *,
    key: str,
    storage: Mapping[str, Any],
    commands: Sequence[Mapping[str, Any]] = (),
    have: str | None = None,
) -> StoreReading | None:
    """Mount the store; return the report that arrived with this run, if one did.

    ``storage`` is ``limber.history.storage_config()``. ``have`` is the token of
    the last report the caller kept (None before the first). Each command is a
    mapping with ``op`` ("save", "update", "delete", "undo", "import",
    "clear", "keep_routine", "drop_routine") and a unique ``nonce``, plus what
    the op needs: ``record`` and ``routine`` for save, ``id`` and ``patch`` for
    update, ``id`` for delete, undo and drop_routine, ``text`` for import,
    ``routine`` (its fields) and ``at`` (ISO time) for keep_routine. A command is applied once however often it
    is passed; its outcome comes back in :attr:`StoreReading.outcomes`. The
    component shows nothing; it is safe to mount on several pages with the
    same key.
    """
    result = _component()(
        key=key,
        data={
            "storage": dict(storage),
            "commands": [dict(c) for c in commands],
            "have": have,
        },
        height="content",
        on_report_change=_ignore,
    )
    return reading_from(getattr(result, EVENT, None))


def _ignore() -> None:
    """A trigger value needs a change callback to reach Python; the caller reads it in the run."""
