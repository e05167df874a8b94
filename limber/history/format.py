"""The history's storage format: keys, values, checks, migrations, reading and writing.

The history lives in the person's own browser (localStorage), never on a
server. This module owns the format; the browser side
(``components/shared/history_store.js``) follows it, with the key names and
the version number handed over by :func:`storage_config`. The two apply the
same rules, and ``tests/unit/test_history_js.py`` runs one table of cases
through both.

Storage format, version 2
-------------------------

The key ``limber.history`` holds one compact JSON document (no spaces)::

    {"version":2,
     "routines":{"<routine id>":{"title":"Lower back release","focus":["lower-back"]}},
     "sessions":[RECORD, ...],
     "own":{"<routine id>":{"at":"2026-11-25T08:30:00Z","routine":{...}}}}

``routines`` holds each routine's title and focus areas once, so records stay
small. ``own`` holds the person's own routines (imported from a video), each
with the time it was saved and its fields as a routine file holds them
(``limber.model.Routine``; the library checks them, and a routine that fails
the checks stays stored and is listed as a problem). Version 1 had no ``own``.
A RECORD (version 1) has short keys:

=====  ==========================================================================
``id`` unique string, 1–64 characters
``r``  routine id
``s``  started at, ISO 8601 with an offset: ``"2026-11-25T08:30:00+01:00"``
``e``  ended at, same form, not before ``s``
``a``  active seconds, pauses excluded (whole number ≥ 0)
``c``  steps completed (whole number ≥ 0)
``k``  steps skipped (whole number ≥ 0)
``d``  finished: ``true`` / ``false``
``pb`` pain before, a whole number 0–10, or ``null``
``pa`` pain after, a whole number 0–10, or ``null``
``n``  note, text (may be ``""``)
``v``  record format version: ``1``
=====  ==========================================================================

The key ``limber.history.quarantine`` holds a JSON array of
``{"at": ISO time, "reason": plain sentence, "raw": original text}``: a
document that is not JSON, a record that fails the checks above, or a
document from a newer version (copied, and left in place untouched) goes
there. It is only ever appended to. Nothing is dropped silently.

Versions: each older version is migrated forward by a function in
:data:`MIGRATIONS`; a test reads a saved document of every version ever
shipped.

Everything else in the app sees typed, immutable records (:class:`Session`),
never raw JSON.

In this module:

- reading: :func:`read` (document + quarantine texts → :class:`History`),
  :func:`parse_document` (with a one-pass fast path for records in the usual
  form), :func:`parse_quarantine`, :func:`combine`, :func:`record_problem`,
  :func:`own_problem`, :func:`migrate`;
- writing: :func:`dumps` / :func:`export_text` (the JSON export),
  :func:`kept_aside_text`;
- importing: :func:`check_import` (what a file holds, before the browser
  merges it by id) and :func:`import_message`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from limber import collector

STORAGE_KEY = "limber.history"
"""The localStorage key of the history document."""
QUARANTINE_KEY = "limber.history.quarantine"
"""The localStorage key of the list of unreadable items, kept aside."""
FORMAT_VERSION = 2
"""The newest document format this app reads and writes."""
RECORD_VERSION = 1
"""The format of one session record (its ``v``): unchanged since the first."""
NOTE_MAX_CHARS = 2000
"""The longest note a person can write on a session, in the player and on the History page."""

_ISO_BODY = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})"
_ISO = re.compile(rf"^{_ISO_BODY}$")
_ISO_PAIR = re.compile(rf"{_ISO_BODY} {_ISO_BODY}\Z")
"""A record's start and end, joined by a space, checked in one call (the fast path's)."""
_DUMP = {"ensure_ascii": False, "separators": (",", ":")}


def storage_config() -> dict[str, Any]:
    """What the browser side needs to find the store: passed to components as data."""
    return {
        "key": STORAGE_KEY,
        "quarantineKey": QUARANTINE_KEY,
        "version": FORMAT_VERSION,
        "recordVersion": RECORD_VERSION,
    }


# --------------------------------------------------------------------------- values


class Session(NamedTuple):
    """One practice session, as the player recorded it (immutable).

    A NamedTuple rather than a frozen dataclass: a history of 10,000 sessions
    is built on every read, and a tuple is made three times as fast.
    """

    id: str
    """Unique within the history."""
    routine_id: str
    """The routine that was practised."""
    title: str
    """The routine's title when the session was recorded (its id if unknown)."""
    focus: tuple[str, ...]
    """The routine's focus areas (Focus values; unknown names are kept as they are)."""
    started_at: datetime
    """When the session started (aware)."""
    ended_at: datetime
    """When it ended (aware), finished or not."""
    active_seconds: int
    """Time spent practising, pauses excluded."""
    steps_completed: int
    """Steps done to the end."""
    steps_skipped: int
    """Steps skipped."""
    finished: bool
    """Whether the routine was done to its end."""
    pain_before: int | None
    """Pain 0–10 before the session, if rated."""
    pain_after: int | None
    """Pain 0–10 after the session, if rated."""
    note: str
    """The person's own note, possibly empty."""

    @property
    def minutes(self) -> float:
        """Active time in minutes."""
        return self.active_seconds / 60

    @property
    def pain_change(self) -> int | None:
        """Pain before minus pain after (positive means it helped), if both were rated."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_before - self.pain_after


@dataclass(frozen=True, slots=True)
class RoutineName:
    """How a routine is named in the history: its title and focus areas, stored once."""

    title: str
    """The routine's title when its latest session was recorded."""
    focus: tuple[str, ...]
    """Its focus areas (Focus values; unknown names are kept as they are)."""


@dataclass(frozen=True, slots=True)
class OwnRoutine:
    """One of the person's own routines, as this browser keeps it."""

    id: str
    """The routine's id (the key it is stored under)."""
    saved_at: str
    """When it was saved (ISO time)."""
    data: Mapping[str, Any] = field(compare=False)
    """Its fields as a routine file holds them; checked by ``limber.library``."""
    raw: str = ""
    """Its stored entry as compact JSON: what it is compared and cached by."""


@dataclass(frozen=True, slots=True)
class Quarantined:
    """Something that could not be read, kept aside as its original text."""

    at: str
    """When it was set aside (ISO time), or "" when found just now."""
    reason: str
    """A plain sentence saying why."""
    raw: str
    """The original text, untouched."""


@dataclass(frozen=True, slots=True)
class History:
    """What the app knows of the person's history."""

    sessions: tuple[Session, ...] = ()
    """Readable sessions, oldest first."""
    kept_aside: tuple[Quarantined, ...] = ()
    """Unreadable items: from the quarantine key, and any found while reading."""
    newer_version: int | None = None
    """Set when the stored document is from a newer app: it is left untouched."""
    routines: Mapping[str, RoutineName] = field(default_factory=dict)
    """Titles and focus areas by routine id."""
    own: Mapping[str, OwnRoutine] = field(default_factory=dict)
    """The person's own routines by id."""


class HistoryError(ValueError):
    """A document that cannot be used as a history at all, with a plain reason."""


def session_order(session: Session) -> tuple[float, str]:
    """The sort key that puts sessions oldest first: the start as a moment, then the id."""
    # The moment as a number: comparing datetimes with different offsets is slower.
    return (session.started_at.timestamp(), session.id)


# --------------------------------------------------------------------------- reading


def _whole(value: object) -> int | None:
    """A whole number as JSON in a browser sees it (``5`` and ``5.0`` alike), else None."""
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    return None


def _is_count(value: object) -> bool:
    number = _whole(value)
    return number is not None and number >= 0


def _is_pain(value: object) -> bool:
    if value is None:
        return True
    number = _whole(value)
    return number is not None and 0 <= number <= 10


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not _ISO.match(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def record_problem(record: object) -> str | None:
    """Why a version-1 record cannot be used, as a plain sentence; None if it can.

    The browser store applies the same checks (a test keeps them in step).
    """
    if not isinstance(record, dict):
        return "The record is not a set of fields."
    rid = record.get("id")
    if not isinstance(rid, str) or not 1 <= len(rid) <= 64:
        return "The record has no usable id."
    routine = record.get("r")
    if not isinstance(routine, str) or not routine:
        return "The record does not say which routine it was."
    start, end = _time(record.get("s")), _time(record.get("e"))
    if start is None:
        return "The record's start time is missing or not a date."
    if end is None:
        return "The record's end time is missing or not a date."
    if end < start:
        return "The record ends before it starts."
    if not _is_count(record.get("a")):
        return "The record's active time is not a whole number of seconds."
    if not _is_count(record.get("c")):
        return "The record's completed steps are not a whole number."
    if not _is_count(record.get("k")):
        return "The record's skipped steps are not a whole number."
    if not isinstance(record.get("d"), bool):
        return "The record does not say whether it was finished."
    if not _is_pain(record.get("pb")):
        return "The record's pain before is not a whole number from 0 to 10."
    if not _is_pain(record.get("pa")):
        return "The record's pain after is not a whole number from 0 to 10."
    if not isinstance(record.get("n"), str):
        return "The record's note is not text."
    if _whole(record.get("v")) != 1:
        return "The record's format version is not one this app knows."
    return None


def _routine_problem(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return "The routine entry is not a set of fields."
    title = entry.get("title")
    if not isinstance(title, str) or not title:
        return "The routine entry has no title."
    focus = entry.get("focus")
    if not isinstance(focus, list) or not all(isinstance(f, str) for f in focus):
        return "The routine entry's focus is not a list of names."
    return None


def own_problem(routine_id: str, entry: object) -> str | None:
    """Why a kept routine's entry cannot be used, as a plain sentence; None if it can.

    Only the entry's form is checked here (the browser checks the same); the
    routine's own fields are the library's to check.
    """
    if not isinstance(entry, dict):
        return "The kept routine is not a set of fields."
    if _time(entry.get("at")) is None:
        return "The kept routine's saved time is missing or not a date."
    routine = entry.get("routine")
    if not isinstance(routine, dict):
        return "The kept routine has no routine fields."
    if routine.get("id") != routine_id:
        return "The kept routine's id is not the one it is kept under."
    return None


def _add_own(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 to 2: the person's own routines join the document (none yet)."""
    return {**doc, "own": doc.get("own", {})}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _add_own}
"""``MIGRATIONS[n]`` turns a version-n document into a version n+1 one.

Add an entry here and the same step in history_store.js together, with a
saved document of the old version in the tests.
"""


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed document of an older version up to :data:`FORMAT_VERSION`.

    Raises HistoryError for a version that is not a positive whole number, one
    newer than this app knows, or one with no migration.
    """
    version = _whole(doc.get("version"))
    if version is None or version < 1:
        raise HistoryError("The saved history is not in a form Limber knows.")
    if version > FORMAT_VERSION:
        raise HistoryError(
            f"The saved history is format version {version}, "
            f"newer than this app knows ({FORMAT_VERSION})."
        )
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise HistoryError(f"No way to read format version {version}.")
        doc = step(doc)
        version += 1
        doc["version"] = version
    return doc


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document read: its sessions, its routine names, and what could not be read."""

    sessions: tuple[Session, ...]
    """The readable sessions, oldest first."""
    routines: Mapping[str, RoutineName]
    """Titles and focus areas by routine id."""
    set_aside: tuple[Quarantined, ...]
    """What could not be read, each as its original text with a reason."""
    newer_version: int | None = None
    """Set when the document is from a newer app (it is then set aside whole)."""
    unreadable: bool = False
    """Whether the document as a whole could not be read (it is then set aside whole)."""
    own: Mapping[str, OwnRoutine] = field(default_factory=dict)
    """The person's own routines by id."""


def _session(record: dict[str, Any], routines: Mapping[str, RoutineName]) -> Session:
    name = routines.get(record["r"])
    return Session(
        id=record["id"],
        routine_id=record["r"],
        title=name.title if name else record["r"],
        focus=name.focus if name else (),
        started_at=datetime.fromisoformat(record["s"]),
        ended_at=datetime.fromisoformat(record["e"]),
        active_seconds=int(record["a"]),
        steps_completed=int(record["c"]),
        steps_skipped=int(record["k"]),
        finished=record["d"],
        pain_before=None if record["pb"] is None else int(record["pb"]),
        pain_after=None if record["pa"] is None else int(record["pa"]),
        note=record["n"],
    )


def _fast_session(record: object, routines: Mapping[str, RoutineName]) -> Session | None:
    """The session of a record in the usual form, checked in one pass; None to take the slow path.

    Gives the same verdict as :func:`record_problem` for every record it accepts;
    anything unusual (a missing field, 5.0 for 5, an extra check failing) goes
    the slow way, which names the problem.
    """
    if type(record) is not dict:
        return None
    try:
        sid, rid, s, e = record["id"], record["r"], record["s"], record["e"]
        a, c, k, d = record["a"], record["c"], record["k"], record["d"]
        pb, pa, n, v = record["pb"], record["pa"], record["n"], record["v"]
    except KeyError:
        return None
    if not (
        type(sid) is str
        and 0 < len(sid) <= 64
        and type(rid) is str
        and rid
        and type(a) is int
        and a >= 0
        and type(c) is int
        and c >= 0
        and type(k) is int
        and k >= 0
        and type(d) is bool
        and (pb is None or (type(pb) is int and 0 <= pb <= 10))
        and (pa is None or (type(pa) is int and 0 <= pa <= 10))
        and type(n) is str
        and type(v) is int
        and v == 1
        and type(s) is str
        and type(e) is str
        and _ISO_PAIR.match(f"{s} {e}")
    ):
        return None
    try:
        start, end = datetime.fromisoformat(s), datetime.fromisoformat(e)
    except ValueError:
        return None
    if end < start:
        return None
    name = routines.get(rid)
    if name is None:
        return Session(sid, rid, rid, (), start, end, a, c, k, d, pb, pa, n)
    return Session(sid, rid, name.title, name.focus, start, end, a, c, k, d, pb, pa, n)


def _raw(value: object) -> str:
    return json.dumps(value, **_DUMP)


def parse_document(text: str | None) -> Parsed:
    """Read a stored (or exported) history document; never raises.

    An unreadable document, each unreadable record or routine entry, and a
    document of a newer version become :class:`Quarantined` items holding
    their original text; the readable records become sessions, oldest first.
    A record whose id appears twice keeps the later one (the earlier is set
    aside unless identical).
    """
    with collector.paused():  # tens of thousands of objects: see limber.collector
        return _parse_document(text)


def _parse_document(text: str | None) -> Parsed:
    if text is None or text == "":
        return Parsed((), {}, ())
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        reason = "The saved history is not readable JSON."
        return Parsed((), {}, (Quarantined("", reason, text),), unreadable=True)
    if not isinstance(doc, dict):
        reason = "The saved history is not in a form Limber knows."
        return Parsed((), {}, (Quarantined("", reason, text),), unreadable=True)
    version = _whole(doc.get("version"))
    try:
        doc = migrate(doc)
    except HistoryError as err:
        newer = version if version is not None and version > FORMAT_VERSION else None
        return Parsed((), {}, (Quarantined("", str(err), text),), newer, unreadable=newer is None)
    records = doc.get("sessions")
    if not isinstance(records, list):
        reason = "The saved history has no list of sessions."
        return Parsed((), {}, (Quarantined("", reason, text),), unreadable=True)
    aside: list[Quarantined] = []
    routines: dict[str, RoutineName] = {}
    source = doc.get("routines", {})
    if not isinstance(source, dict):
        aside.append(Quarantined("", "The list of routine names is not readable.", _raw(source)))
    else:
        for rid, entry in source.items():
            problem = _routine_problem(entry)
            if problem:
                aside.append(Quarantined("", problem, _raw({rid: entry})))
            else:
                routines[rid] = RoutineName(entry["title"], tuple(entry["focus"]))
    by_id: dict[str, Session] = {}
    records_by_id: dict[str, dict[str, Any]] = {}
    for record in records:
        session = _fast_session(record, routines)
        if session is None:
            problem = record_problem(record)
            if problem:
                aside.append(Quarantined("", problem, _raw(record)))
                continue
            session = _session(record, routines)
        earlier = records_by_id.get(session.id)
        if earlier is not None:
            if earlier != record:
                reason = "Another record has the same id; the later one was kept."
                aside.append(Quarantined("", reason, _raw(earlier)))
            del by_id[session.id]
        records_by_id[session.id] = record
        by_id[session.id] = session
    sessions = sorted(by_id.values(), key=session_order)
    own = _own_routines(doc.get("own", {}), aside)
    return Parsed(tuple(sessions), routines, tuple(aside), own=own)


def _own_routines(source: object, aside: list[Quarantined]) -> dict[str, OwnRoutine]:
    """The kept routines whose entries are in form; the others go to ``aside``."""
    if not isinstance(source, dict):
        aside.append(Quarantined("", "The list of kept routines is not readable.", _raw(source)))
        return {}
    own = {}
    for rid, entry in source.items():
        problem = own_problem(rid, entry)
        if problem:
            aside.append(Quarantined("", problem, _raw({rid: entry})))
        else:
            own[rid] = OwnRoutine(rid, entry["at"], entry["routine"], _raw(entry))
    return own


def parse_quarantine(text: str | None) -> tuple[Quarantined, ...]:
    """Read the quarantine list; an unreadable list is itself kept as one item."""
    if not text:
        return ()
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):
        items = None
    if not isinstance(items, list):
        return (Quarantined("", "The kept-aside list itself was unreadable.", text),)
    out = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("raw"), str):
            at, reason = item.get("at"), item.get("reason")
            out.append(
                Quarantined(
                    at if isinstance(at, str) else "",
                    reason if isinstance(reason, str) else "No reason was given.",
                    item["raw"],
                )
            )
        else:
            out.append(Quarantined("", "A kept-aside item was not in the usual form.", _raw(item)))
    return tuple(out)


def read(document: str | None, quarantine: str | None = None) -> History:
    """The history from the two stored texts (document and quarantine list)."""
    return combine(parse_document(document), quarantine)


def combine(parsed: Parsed, quarantine: str | None) -> History:
    """The history from a parsed document and the stored quarantine list's text."""
    stored = parse_quarantine(quarantine)
    known = {q.raw for q in stored}
    # The browser usually sets things aside before Python sees them; what it
    # could not (storage full, newer version) is added here, once.
    extra = tuple(q for q in parsed.set_aside if q.raw not in known)
    return History(
        parsed.sessions, stored + extra, parsed.newer_version, parsed.routines, parsed.own
    )


def kept_aside_text(history: History) -> str:
    """The kept-aside items as a JSON file to download (same form as the quarantine key)."""
    items = [{"at": q.at, "reason": q.reason, "raw": q.raw} for q in history.kept_aside]
    return json.dumps(items, ensure_ascii=False, indent=1)


# --------------------------------------------------------------------------- writing


def _iso(moment: datetime) -> str:
    spec = "seconds" if moment.microsecond == 0 else "milliseconds"
    if moment.microsecond % 1000:
        spec = "microseconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def _record(session: Session) -> dict[str, Any]:
    """The stored (version-1) form of a session."""
    return {
        "id": session.id,
        "r": session.routine_id,
        "s": _iso(session.started_at),
        "e": _iso(session.ended_at),
        "a": session.active_seconds,
        "c": session.steps_completed,
        "k": session.steps_skipped,
        "d": session.finished,
        "pb": session.pain_before,
        "pa": session.pain_after,
        "n": session.note,
        "v": RECORD_VERSION,
    }


def dumps(sessions: Iterable[Session], own: Iterable[OwnRoutine] = ()) -> str:
    """The compact stored document for these sessions, oldest first, and these kept
    routines: what is exported."""
    ordered = sorted(sessions, key=session_order)
    routines: dict[str, dict[str, Any]] = {}
    for s in ordered:
        if s.title != s.routine_id or s.focus:
            routines[s.routine_id] = {"title": s.title, "focus": list(s.focus)}
    doc = {
        "version": FORMAT_VERSION,
        "routines": routines,
        "sessions": [_record(s) for s in ordered],
        "own": {r.id: {"at": r.saved_at, "routine": dict(r.data)} for r in own},
    }
    return json.dumps(doc, **_DUMP)


def export_text(history: History) -> str:
    """The JSON export: the full store (sessions and kept routines), re-importable."""
    return dumps(history.sessions, history.own.values())


# --------------------------------------------------------------------------- importing

IMPORT_NEWER = "This file was saved by a newer version of Limber; it was not imported."
"""Why a file from a newer app is refused (the browser store says the same)."""
IMPORT_NOT_HISTORY = "This file is not a Limber history; nothing was imported."
"""Why any other unreadable file is refused (the browser store says the same)."""


@dataclass(frozen=True, slots=True)
class ImportCheck:
    """What an uploaded file holds, before it is merged into the store."""

    ok: bool
    """Whether the file can be imported."""
    sessions: int
    """Readable sessions in the file."""
    unreadable: int
    """Records or entries in the file that cannot be read."""
    error: str | None = None
    """Why the file cannot be imported at all."""
    routines: int = 0
    """The person's own routines in the file."""


def check_import(text: str) -> ImportCheck:
    """Whether a file is a Limber history that can be imported, and what it holds."""
    parsed = parse_document(text)
    if parsed.newer_version is not None:
        return ImportCheck(False, 0, 0, IMPORT_NEWER)
    if parsed.unreadable or not text.strip():
        return ImportCheck(False, 0, 0, IMPORT_NOT_HISTORY)
    return ImportCheck(True, len(parsed.sessions), len(parsed.set_aside), routines=len(parsed.own))


def import_message(added: int, existing: int, unreadable: int, routines: int = 0) -> str:
    """The import summary, from the counts the browser store reports.

    "12 added, 3 already there, 1 unreadable, kept aside, 2 routines of your own added".
    """
    parts = [f"{added} added", f"{existing} already there"]
    if unreadable:
        parts.append(f"{unreadable} unreadable, kept aside")
    if routines:
        parts.append(f"{routines} routine{'s' if routines != 1 else ''} of your own added")
    return ", ".join(parts)
