"""The calendar of a history: which day a moment or a session falls on, and weeks.

Days are the person's own: every day is found in their time zone, which the
caller passes in (the core never reads the clock or the machine's zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from limber.history.format import Session

ONE_DAY = timedelta(days=1)
"""One calendar day."""


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day of a moment in the person's time zone."""
    return moment.astimezone(tz).date()


def session_day(session: Session, tz: tzinfo) -> date:
    """The day a session counts for: the day it ended, in the person's time zone.

    Every statistic, the sessions list's periods and the picks count a session
    on this day; this is the one place that says so.
    """
    # local_day(session.ended_at, tz), without a second call for each of 10,000 sessions.
    return session.ended_at.astimezone(tz).date()


def session_days(sessions: Sequence[Session], tz: tzinfo) -> list[date]:
    """Each session's day (see :func:`session_day`), in the sessions' order."""
    return [session_day(s, tz) for s in sessions]


def week_start(day: date) -> date:
    """The Monday of the week a day belongs to."""
    return day - timedelta(days=day.weekday())
