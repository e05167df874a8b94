"""Session history: the storage format, its migrations, and the statistics.

The history lives in the person's own browser (localStorage), never on a
server. This module owns the format; the browser side
(``components/shared/history_store.js``) follows it, with the key names and
the version number handed over by :func:`storage_config`.

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
never raw JSON. Statistics are pure functions that take ``now`` and the
person's time zone as arguments.

The API, in short:

- reading: :func:`read` (document + quarantine texts → :class:`History`),
  :func:`parse_document`, :func:`parse_quarantine`, :func:`combine`,
  :func:`record_problem`, :func:`migrate`, :func:`check_import`;
- writing: :func:`dumps` / :func:`export_text` (the JSON export),
  :func:`record_of`, :func:`routine_of`, :func:`to_csv`, :func:`merge`,
  :func:`kept_aside_text`;
- statistics: :func:`summarize`, :func:`streaks`, :func:`heatmap`,
  :func:`weekly_minutes`, :func:`focus_minutes`, :func:`pain_trend`,
  :func:`what_helps`, :func:`list_periods`, :func:`session_rows`, and
  :func:`overview` (all of the page's numbers in one pass).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Any, NamedTuple

from limber.model import Focus

STORAGE_KEY = "limber.history"
"""The localStorage key of the history document."""
QUARANTINE_KEY = "limber.history.quarantine"
"""The localStorage key of the list of unreadable items, kept aside."""
FORMAT_VERSION = 2
"""The newest document format this app reads and writes."""
RECORD_VERSION = 1
"""The format of one session record (its ``v``): unchanged since the first."""
MIN_RATED_TO_RANK = 3
"""Sessions with both pain ratings a routine or focus area needs to be ranked."""
HEATMAP_WEEKS = 12
"""How many weeks the calendar heat map shows, the current one included."""

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$")
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
    focus: tuple[str, ...]


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
    version = doc.get("version")
    if type(version) is not int or version < 1:
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
    routines: Mapping[str, RoutineName]
    set_aside: tuple[Quarantined, ...]
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
        and _ISO.match(s)
        and _ISO.match(e)
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
    version = doc.get("version")
    try:
        doc = migrate(doc)
    except HistoryError as err:
        newer = version if type(version) is int and version > FORMAT_VERSION else None
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
    sessions = sorted(by_id.values(), key=_order)
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


def record_of(session: Session) -> dict[str, Any]:
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
        "v": 1,
    }


def routine_of(session: Session) -> dict[str, Any]:
    """The routine entry the store keeps for a session: ``{id, title, focus}``."""
    return {"id": session.routine_id, "title": session.title, "focus": list(session.focus)}


def own_entry(routine: OwnRoutine) -> dict[str, Any]:
    """The stored form of a kept routine: ``{"at": ..., "routine": {...}}``."""
    return {"at": routine.saved_at, "routine": dict(routine.data)}


def dumps(sessions: Iterable[Session], own: Iterable[OwnRoutine] = ()) -> str:
    """The compact stored document for these sessions, oldest first, and these kept
    routines: what is exported."""
    ordered = sorted(sessions, key=_order)
    routines: dict[str, dict[str, Any]] = {}
    for s in ordered:
        if s.title != s.routine_id or s.focus:
            routines[s.routine_id] = {"title": s.title, "focus": list(s.focus)}
    doc = {
        "version": FORMAT_VERSION,
        "routines": routines,
        "sessions": [record_of(s) for s in ordered],
        "own": {r.id: own_entry(r) for r in own},
    }
    return json.dumps(doc, **_DUMP)


def export_text(history: History) -> str:
    """The JSON export: the full store (sessions and kept routines), re-importable."""
    return dumps(history.sessions, history.own.values())


@dataclass(frozen=True, slots=True)
class Merged:
    """The result of merging one history into another by id."""

    sessions: tuple[Session, ...]
    added: int
    existing: int


def merge(base: Iterable[Session], incoming: Iterable[Session]) -> Merged:
    """Add the incoming sessions whose id is not in base; the ones already there are kept.

    This is the rule the browser store applies on import and on every write.
    The result is ordered oldest first, so merging is idempotent, and its set
    of ids does not depend on the order of the arguments.
    """
    by_id = {s.id: s for s in base}
    added = existing = 0
    for s in incoming:
        if s.id in by_id:
            existing += 1
        else:
            by_id[s.id] = s
            added += 1
    return Merged(tuple(sorted(by_id.values(), key=_order)), added, existing)


def _order(s: Session) -> tuple[float, str]:
    # The moment as a number: comparing datetimes with different offsets is slower.
    return (s.started_at.timestamp(), s.id)


# --------------------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "date",
    "started_at",
    "ended_at",
    "routine",
    "routine_id",
    "focus",
    "active_minutes",
    "finished",
    "steps_completed",
    "steps_skipped",
    "pain_before",
    "pain_after",
    "pain_change",
    "note",
    "id",
)
"""The columns of the CSV export, in order."""


def _cell(text: str) -> str:
    # A spreadsheet runs a cell that starts like a formula; a person's note must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(sessions: Iterable[Session], *, tz: tzinfo) -> str:
    """One row per session, oldest first, times in the person's time zone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in sorted(sessions, key=_order):
        start, end = s.started_at.astimezone(tz), s.ended_at.astimezone(tz)
        change = s.pain_change
        writer.writerow(
            [
                end.date().isoformat(),
                start.isoformat(timespec="seconds"),
                end.isoformat(timespec="seconds"),
                _cell(s.title),
                _cell(s.routine_id),
                "; ".join(_focus_label(f) for f in s.focus),
                f"{s.minutes:.1f}",
                "yes" if s.finished else "no",
                s.steps_completed,
                s.steps_skipped,
                "" if s.pain_before is None else s.pain_before,
                "" if s.pain_after is None else s.pain_after,
                "" if change is None else change,
                _cell(s.note),
                _cell(s.id),
            ]
        )
    return out.getvalue()


# --------------------------------------------------------------------------- time

_ONE_DAY = timedelta(days=1)


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day of a moment in the person's time zone."""
    return moment.astimezone(tz).date()


def week_start(day: date) -> date:
    """The Monday of the week a day belongs to."""
    return day - timedelta(days=day.weekday())


def session_day(session: Session, tz: tzinfo) -> date:
    """The day a session counts for: the day it ended, in the person's time zone."""
    return session.ended_at.astimezone(tz).date()


def _days(sessions: Sequence[Session], tz: tzinfo) -> list[date]:
    # Each statistic needs every session's local day; Overview works them out once.
    return [s.ended_at.astimezone(tz).date() for s in sessions]


def streaks(sessions: Sequence[Session], *, now: datetime, tz: tzinfo) -> tuple[int, int]:
    """The current and the longest streak, in days.

    A day counts when at least one session was finished that day, in the
    person's time zone. The current streak runs up to today, or up to
    yesterday while today has no session yet (a streak is not lost until the
    day is over).
    """
    return _streaks(sessions, _days(sessions, tz), local_day(now, tz))


def _streaks(sessions: Sequence[Session], days: Sequence[date], today: date) -> tuple[int, int]:
    done = {day for s, day in zip(sessions, days, strict=True) if s.finished}
    if not done:
        return 0, 0
    longest = run = 0
    previous: date | None = None
    for day in sorted(done):
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    day = today if today in done else today - _ONE_DAY
    current = 0
    while day in done:
        current += 1
        day -= _ONE_DAY
    return current, longest


# --------------------------------------------------------------------------- statistics


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class Summary:
    """The numbers at the top of the History page."""

    sessions_this_week: int
    """Sessions that ended this week (Monday to Sunday, the person's time)."""
    minutes_this_week: float
    """Active minutes in those sessions."""
    current_streak: int
    """Days in a row with a finished session, up to today (or yesterday)."""
    longest_streak: int
    """The longest such run ever."""
    total_sessions: int
    """All sessions."""
    total_minutes: float
    """All active minutes."""
    average_pain_change: float | None
    """Mean of (before − after) over sessions with both ratings."""
    rated_sessions: int
    """Sessions with both pain ratings."""


def summarize(sessions: Sequence[Session], *, now: datetime, tz: tzinfo) -> Summary:
    """The week's sessions and minutes, the streaks, totals and the average pain change."""
    return _summarize(sessions, _days(sessions, tz), local_day(now, tz))


def _summarize(sessions: Sequence[Session], days: Sequence[date], today: date) -> Summary:
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    week = [s for s, day in zip(sessions, days, strict=True) if monday <= day <= sunday]
    current, longest = _streaks(sessions, days, today)
    changes = [c for s in sessions if (c := s.pain_change) is not None]
    return Summary(
        sessions_this_week=len(week),
        minutes_this_week=sum(s.active_seconds for s in week) / 60,
        current_streak=current,
        longest_streak=longest,
        total_sessions=len(sessions),
        total_minutes=sum(s.active_seconds for s in sessions) / 60,
        average_pain_change=_mean(changes),
        rated_sessions=len(changes),
    )


@dataclass(frozen=True, slots=True)
class DayCell:
    """One day of the calendar heat map."""

    day: date
    week: date
    """The Monday of its week."""
    weekday: int
    """0 for Monday … 6 for Sunday."""
    minutes: float
    sessions: int


def heatmap(
    sessions: Sequence[Session], *, now: datetime, tz: tzinfo, weeks: int = HEATMAP_WEEKS
) -> list[DayCell]:
    """A cell for each day of the last ``weeks`` weeks (this one included) up to today."""
    return _heatmap(sessions, _days(sessions, tz), local_day(now, tz), weeks)


def _heatmap(
    sessions: Sequence[Session], days: Sequence[date], today: date, weeks: int
) -> list[DayCell]:
    first = week_start(today) - timedelta(weeks=weeks - 1)
    seconds: dict[date, int] = defaultdict(int)
    counts: dict[date, int] = defaultdict(int)
    for s, day in zip(sessions, days, strict=True):
        if first <= day <= today:
            seconds[day] += s.active_seconds
            counts[day] += 1
    return [
        DayCell(day, week_start(day), day.weekday(), seconds.get(day, 0) / 60, counts.get(day, 0))
        for day in (first + timedelta(days=i) for i in range((today - first).days + 1))
    ]


@dataclass(frozen=True, slots=True)
class WeekTotal:
    """Active minutes and sessions in one week."""

    week: date
    """The Monday of the week."""
    minutes: float
    sessions: int


def weekly_minutes(
    sessions: Sequence[Session], *, now: datetime, tz: tzinfo, weeks: int = HEATMAP_WEEKS
) -> list[WeekTotal]:
    """Minutes per week for the last ``weeks`` weeks, oldest first, empty weeks included."""
    return _weekly(sessions, _days(sessions, tz), local_day(now, tz), weeks)


def _weekly(
    sessions: Sequence[Session], days: Sequence[date], today: date, weeks: int
) -> list[WeekTotal]:
    this_week = week_start(today)
    first = this_week - timedelta(weeks=weeks - 1)
    end = this_week + timedelta(days=6)
    seconds = [0] * weeks
    counts = [0] * weeks
    for s, day in zip(sessions, days, strict=True):
        if first <= day <= end:
            index = (day - first).days // 7
            seconds[index] += s.active_seconds
            counts[index] += 1
    return [WeekTotal(first + timedelta(weeks=i), seconds[i] / 60, counts[i]) for i in range(weeks)]


def _focus_label(name: str) -> str:
    try:
        return Focus(name).label
    except ValueError:
        return name


@dataclass(frozen=True, slots=True)
class FocusTotal:
    """Active minutes spent on one focus area."""

    focus: str
    """The focus area as a person reads it."""
    minutes: float
    sessions: int


def focus_minutes(sessions: Iterable[Session]) -> list[FocusTotal]:
    """Minutes per focus area, most first.

    A session's minutes are shared equally among its routine's focus areas,
    so the areas add up to the total time; a routine with no known focus
    counts as "Other".
    """
    seconds: dict[tuple[str, ...], int] = defaultdict(int)
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for s in sessions:
        seconds[s.focus] += s.active_seconds
        counts[s.focus] += 1
    minutes: dict[str, float] = defaultdict(float)
    sessions_in: dict[str, int] = defaultdict(int)
    for areas, total in seconds.items():
        for area in areas or ("Other",):
            minutes[area] += total / 60 / max(1, len(areas))
            sessions_in[area] += counts[areas]
    rows = [FocusTotal(_focus_label(a), minutes[a], sessions_in[a]) for a in minutes]
    return sorted(rows, key=lambda r: (-r.minutes, r.focus))


class PainPoint(NamedTuple):
    """Average pain before and after in one period (a day, a week or a month)."""

    start: date
    """The first day of the period."""
    before: float | None
    """Mean pain before, over the period's sessions rated before."""
    after: float | None
    """Mean pain after, over the period's sessions rated after."""
    sessions: int
    """Sessions with at least one rating in the period."""


class PainTrend(NamedTuple):
    """Pain before and after over time, at a resolution that keeps the chart readable."""

    period: str
    """"day", "week" or "month"."""
    points: tuple[PainPoint, ...]
    """Oldest first; periods without a rating are left out."""


PAIN_DAYS_MAX = 120
"""Up to this many days from first to last rating, the trend is per day; then per week."""
PAIN_WEEKS_MAX = 104
"""Up to this many weeks, per week; beyond, per month."""


def _period_start(day: date, period: str) -> date:
    if period == "day":
        return day
    if period == "week":
        return week_start(day)
    return day.replace(day=1)


def pain_trend(sessions: Sequence[Session], *, tz: tzinfo) -> PainTrend:
    """Pain before and after over time: per day, per week or per month, by the history's span."""
    return _pain(sessions, _days(sessions, tz))


def _pain(sessions: Sequence[Session], days: Sequence[date]) -> PainTrend:
    rated = [
        (day, s.pain_before, s.pain_after)
        for s, day in zip(sessions, days, strict=True)
        if s.pain_before is not None or s.pain_after is not None
    ]
    if not rated:
        return PainTrend("day", ())
    span = (max(r[0] for r in rated) - min(r[0] for r in rated)).days
    period = "day" if span <= PAIN_DAYS_MAX else "week" if span <= PAIN_WEEKS_MAX * 7 else "month"
    # Per period: [sum before, count before, sum after, count after, sessions rated].
    totals: dict[date, list[int]] = {}
    for day, b, a in rated:
        key = _period_start(day, period)
        t = totals.get(key)
        if t is None:
            t = totals[key] = [0, 0, 0, 0, 0]
        t[4] += 1
        if b is not None:
            t[0] += b
            t[1] += 1
        if a is not None:
            t[2] += a
            t[3] += 1
    points = tuple(
        PainPoint(key, t[0] / t[1] if t[1] else None, t[2] / t[3] if t[3] else None, t[4])
        for key, t in sorted(totals.items())
    )
    return PainTrend(period, points)


class HelpKind(StrEnum):
    """What a row of the "What helps you" table is about."""

    ROUTINE = "Routine"
    FOCUS = "Focus area"


@dataclass(frozen=True, slots=True)
class HelpRow:
    """How much one routine or focus area has eased the person's pain."""

    kind: HelpKind
    name: str
    """The routine's title or the focus area's label."""
    key: str
    """The routine id or the focus value."""
    sessions: int
    """Sessions done."""
    rated: int
    """Sessions with both pain ratings."""
    average_change: float | None
    """Mean of (before − after) over the rated sessions; positive means it helped."""

    @property
    def ranked(self) -> bool:
        """Whether there are enough rated sessions to rank it."""
        return self.rated >= MIN_RATED_TO_RANK


def what_helps(sessions: Iterable[Session]) -> list[HelpRow]:
    """Routines and focus areas with sessions done and average pain change, best first.

    Rows with at least :data:`MIN_RATED_TO_RANK` rated sessions come first, by
    average change (largest relief first); the rest follow, by sessions done.
    """
    # Gather per routine first (few of them), then spread over focus areas.
    done: dict[str, int] = defaultdict(int)
    changes: dict[str, list[int]] = defaultdict(list)
    titles: dict[str, str] = {}
    areas: dict[str, tuple[str, ...]] = {}
    for s in sessions:
        rid = s.routine_id
        done[rid] += 1
        titles[rid] = s.title  # the latest title wins: sessions come oldest first
        areas[rid] = s.focus
        if s.pain_before is not None and s.pain_after is not None:
            changes[rid].append(s.pain_before - s.pain_after)
    focus_done: dict[str, int] = defaultdict(int)
    focus_changes: dict[str, list[int]] = defaultdict(list)
    for rid, count in done.items():
        for area in areas[rid]:
            focus_done[area] += count
            focus_changes[area].extend(changes.get(rid, ()))
    rows = [
        HelpRow(
            HelpKind.ROUTINE,
            titles[rid],
            rid,
            count,
            len(changes.get(rid, ())),
            _mean(changes.get(rid, ())),
        )
        for rid, count in done.items()
    ] + [
        HelpRow(
            HelpKind.FOCUS,
            _focus_label(area),
            area,
            count,
            len(focus_changes[area]),
            _mean(focus_changes[area]),
        )
        for area, count in focus_done.items()
    ]
    return sorted(
        rows,
        key=lambda r: (
            not r.ranked,
            -(r.average_change or 0.0) if r.ranked else -r.sessions,
            r.kind != HelpKind.ROUTINE,
            r.name.casefold(),
        ),
    )


# --------------------------------------------------------------------------- display

_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _when(moment: datetime) -> str:
    # strftime would do, but it is locale-bound and 10× slower over 10,000 rows.
    return (
        f"{_WEEKDAY_NAMES[moment.weekday()]} {moment.day:02d} {_MONTH_NAMES[moment.month - 1]} "
        f"{moment.year}, {moment.hour:02d}:{moment.minute:02d}"
    )


class SessionRow(NamedTuple):
    """One line of the sessions list, ready to show as text (a NamedTuple, for speed)."""

    id: str
    date: str
    """Weekday, day, month, year and time, in the person's time zone."""
    routine: str
    minutes: int
    finished: bool
    pain: str
    """"5 → 3", "5 → –", or "" when not rated."""
    note: str


def _pain_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


RECENT_DAYS = 365
"""The sessions list starts with this many days, when the history is longer."""


class ListPeriod(NamedTuple):
    """A choice of which sessions the list shows."""

    key: str
    """"recent", a year such as "2025", or "all"."""
    label: str
    """How the choice is named: "Last 12 months", "2025", "All sessions"."""
    sessions: int
    """How many sessions it holds."""


def list_periods(sessions: Sequence[Session], *, now: datetime, tz: tzinfo) -> list[ListPeriod]:
    """The choices for the sessions list: the last 12 months, each year, all.

    When every session is within the last 12 months, there is one choice: all.
    """
    return _periods(sessions, _days(sessions, tz), local_day(now, tz))


def _periods(sessions: Sequence[Session], days: Sequence[date], today: date) -> list[ListPeriod]:
    everything = ListPeriod("all", "All sessions", len(sessions))
    if not days or min(days) > today - timedelta(days=RECENT_DAYS):
        return [everything]
    recent = sum(1 for day in days if day > today - timedelta(days=RECENT_DAYS))
    years: dict[int, int] = defaultdict(int)
    for day in days:
        years[day.year] += 1
    return [
        ListPeriod("recent", "Last 12 months", recent),
        *(ListPeriod(str(year), str(year), years[year]) for year in sorted(years, reverse=True)),
        everything,
    ]


def session_rows(
    sessions: Iterable[Session], *, tz: tzinfo, period: str = "all", now: datetime | None = None
) -> list[SessionRow]:
    """The sessions list for a period (see :func:`list_periods`), newest first.

    "recent" needs ``now``; a year keeps the sessions that ended in it, in the
    person's time zone.
    """
    chosen = _newest_first(sessions)
    if period == "recent":
        if now is None:
            raise ValueError('the "recent" period needs now')
        start = local_day(now, tz) - timedelta(days=RECENT_DAYS)
        chosen = [s for s in chosen if session_day(s, tz) > start]
    elif period != "all":
        year = int(period)
        chosen = [s for s in chosen if session_day(s, tz).year == year]
    return _rows(chosen, tz)


def _rows(newest_first: Iterable[Session], tz: tzinfo) -> list[SessionRow]:
    return [
        SessionRow(
            s.id,
            _when(s.started_at.astimezone(tz)),
            s.title,
            round(s.active_seconds / 60),
            s.finished,
            _pain_text(s.pain_before, s.pain_after),
            s.note,
        )
        for s in newest_first
    ]


def _newest_first(sessions: Iterable[Session]) -> list[Session]:
    return sorted(sessions, key=_order, reverse=True)


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the History page shows but the sessions list, worked out in one go."""

    summary: Summary
    heatmap: tuple[DayCell, ...]
    weeks: tuple[WeekTotal, ...]
    focus: tuple[FocusTotal, ...]
    pain: PainTrend
    helps: tuple[HelpRow, ...]
    periods: tuple[ListPeriod, ...]
    """The choices for the sessions list."""


def overview(sessions: Sequence[Session], *, now: datetime, tz: tzinfo) -> Overview:
    """The summary, charts and tables of the History page (each session's day found once)."""
    days = _days(sessions, tz)
    today = local_day(now, tz)
    return Overview(
        summary=_summarize(sessions, days, today),
        heatmap=tuple(_heatmap(sessions, days, today, HEATMAP_WEEKS)),
        weeks=tuple(_weekly(sessions, days, today, HEATMAP_WEEKS)),
        focus=tuple(focus_minutes(sessions)),
        pain=_pain(sessions, days),
        helps=tuple(what_helps(sessions)),
        periods=tuple(_periods(sessions, days, today)),
    )


def describe(session: Session, *, tz: tzinfo) -> str:
    """A short name for a session in a message: "Cat–cow flow on Wed 25 Nov"."""
    moment = session.started_at.astimezone(tz)
    day = f"{_WEEKDAY_NAMES[moment.weekday()]} {moment.day:02d} {_MONTH_NAMES[moment.month - 1]}"
    return f"{session.title} on {day}"


def find(sessions: Iterable[Session], session_id: str) -> Session | None:
    """The session with this id, or None."""
    return next((s for s in sessions if s.id == session_id), None)


@dataclass(frozen=True, slots=True)
class ImportCheck:
    """What an uploaded file holds, before it is merged into the store."""

    ok: bool
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
        reason = "This file was saved by a newer version of Limber; it was not imported."
        return ImportCheck(False, 0, 0, reason)
    if parsed.unreadable or not text.strip():
        return ImportCheck(False, 0, 0, "This file is not a Limber history; nothing was imported.")
    return ImportCheck(True, len(parsed.sessions), len(parsed.set_aside), routines=len(parsed.own))


def import_message(added: int, existing: int, unreadable: int, routines: int = 0) -> str:
    """The import summary: "12 added, 3 already there, 1 unreadable, kept aside, 2 routines added"."""
    parts = [f"{added} added", f"{existing} already there"]
    if unreadable:
        parts.append(f"{unreadable} unreadable, kept aside")
    if routines:
        parts.append(f"{routines} routine{'s' if routines != 1 else ''} of your own added")
    return ", ".join(parts)
