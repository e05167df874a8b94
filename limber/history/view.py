"""The history as a person reads it: the sessions list, its periods, names and dates as text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from limber.history.days import local_day, session_day
from limber.history.format import Session, session_order
from limber.model import Focus

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Short weekday names, Monday first (``date.weekday()`` indexes them)."""
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Short month names, January first."""
RECENT_DAYS = 365
"""The sessions list starts with this many days, when the history is longer."""


# strftime would do for these, but it is locale-bound and 10× slower over 10,000 rows.


def day_month(day: date) -> str:
    """A day of the month and the month: "25 Nov" (a date or a moment)."""
    return f"{day.day:02d} {MONTH_NAMES[day.month - 1]}"


def day_text(day: date) -> str:
    """A day with its weekday: "Wed 25 Nov" (a date or a moment)."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day_month(day)}"


def month_year(day: date) -> str:
    """The month a day is in: "Nov 2026"."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def focus_label(name: str) -> str:
    """A focus area as a person reads it ("Lower back"); an unknown name as it is."""
    try:
        return Focus(name).label
    except ValueError:
        return name


class SessionRow(NamedTuple):
    """One line of the sessions list, ready to show as text (a NamedTuple, for speed)."""

    id: str
    """The session's id."""
    date: str
    """Weekday, day, month, year and time, in the person's time zone."""
    routine: str
    """The routine's title."""
    minutes: int
    """Active minutes, rounded."""
    finished: bool
    """Whether the routine was done to its end."""
    pain: str
    """"5 → 3", "5 → –", or "" when not rated."""
    note: str
    """The person's note."""


def _pain_text(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


class Period(StrEnum):
    """The sessions list's choices that are not a calendar year (a year is its number)."""

    RECENT = "recent"
    """The last :data:`RECENT_DAYS` days."""
    ALL = "all"
    """Every session."""


class ListPeriod(NamedTuple):
    """A choice of which sessions the list shows."""

    key: Period | int
    """:attr:`Period.RECENT`, a year such as 2025, or :attr:`Period.ALL`."""
    label: str
    """How the choice is named: "Last 12 months", "2025", "All sessions"."""
    sessions: int
    """How many sessions it holds."""


def periods_of(sessions_per_day: Mapping[date, int], today: date) -> list[ListPeriod]:
    """The choices for the sessions list, from how many sessions each day has: the last 12
    months, each year, all (see :func:`limber.history.stats.overview`).

    When every session is within the last 12 months, there is one choice: all.
    """
    everything = ListPeriod(Period.ALL, "All sessions", sum(sessions_per_day.values()))
    start = today - timedelta(days=RECENT_DAYS)
    if not sessions_per_day or min(sessions_per_day) > start:
        return [everything]
    recent = sum(count for day, count in sessions_per_day.items() if day > start)
    years: dict[int, int] = defaultdict(int)
    for day, count in sessions_per_day.items():
        years[day.year] += count
    return [
        ListPeriod(Period.RECENT, "Last 12 months", recent),
        *(ListPeriod(year, str(year), years[year]) for year in sorted(years, reverse=True)),
        everything,
    ]


def session_rows(
    sessions: Iterable[Session],
    *,
    tz: tzinfo,
    period: Period | int | str = Period.ALL,
    now: datetime | None = None,
) -> list[SessionRow]:
    """The sessions list for a period (a :class:`ListPeriod`'s key), newest first.

    :attr:`Period.RECENT` needs ``now``; a year (also as text, "2025") keeps the
    sessions that ended in it, in the person's time zone.
    """
    chosen = list(sessions)
    if period == Period.RECENT:
        if now is None:
            raise ValueError('the "recent" period needs now')
        start = local_day(now, tz) - timedelta(days=RECENT_DAYS)
        # A cheap first cut, then the exact rule on the few left (10,000 sessions, a year of
        # them shown). The cut compares the end's date as recorded, in its own offset: that
        # and the person's date each differ from the UTC date by at most a day, hence the
        # two days' margin. A date compares far faster than moments with different offsets.
        rough = local_day(now, UTC) - timedelta(days=RECENT_DAYS + 2)
        chosen = [s for s in chosen if s.ended_at.date() >= rough and session_day(s, tz) > start]
    elif period != Period.ALL:
        year = int(period)
        chosen = [s for s in chosen if session_day(s, tz).year == year]
    chosen.sort(key=session_order, reverse=True)
    rows = []
    for s in chosen:
        moment = s.started_at.astimezone(tz)
        when = f"{day_text(moment)} {moment.year}, {moment.hour:02d}:{moment.minute:02d}"
        rows.append(
            SessionRow(
                s.id,
                when,
                s.title,
                round(s.active_seconds / 60),
                s.finished,
                _pain_text(s.pain_before, s.pain_after),
                s.note,
            )
        )
    return rows


def describe(session: Session, *, tz: tzinfo) -> str:
    """A short name for a session in a message: "Cat–cow flow on Wed 25 Nov"."""
    return f"{session.title} on {day_text(session.started_at.astimezone(tz))}"


def find(sessions: Iterable[Session], session_id: str) -> Session | None:
    """The session with this id, or None."""
    return next((s for s in sessions if s.id == session_id), None)
