"""The history's statistics: everything the History page shows but the sessions list.

One public function, :func:`overview`, works out every number in one pass:
each session's day is found once and shared by the summary, the calendar heat
map, the weeks, the pain trend and the list's periods. The parts are pure
functions over typed sessions; ``now`` and the person's time zone are
arguments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from limber.history.days import ONE_DAY, local_day, session_days, week_start
from limber.history.format import Session
from limber.history.view import ListPeriod, focus_label, periods_of

MIN_RATED_TO_RANK = 3
"""Sessions with both pain ratings a routine or focus area needs to be ranked."""
HEATMAP_WEEKS = 12
"""How many weeks the calendar heat map shows, the current one included."""
PAIN_DAYS_MAX = 120
"""Up to this many days from first to last rating, the trend is per day; then per week."""
PAIN_WEEKS_MAX = 104
"""Up to this many weeks, per week; beyond, per month."""


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


# --------------------------------------------------------------------------- summary


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


def _streaks(sessions: Sequence[Session], days: Sequence[date], today: date) -> tuple[int, int]:
    """The current and the longest streak, in days.

    A day counts when at least one session was finished that day, in the
    person's time zone. The current streak runs up to today, or up to
    yesterday while today has no session yet (a streak is not lost until the
    day is over).
    """
    done = {day for s, day in zip(sessions, days, strict=True) if s.finished}
    if not done:
        return 0, 0
    longest = run = 0
    previous: date | None = None
    for day in sorted(done):
        run = run + 1 if previous is not None and day - previous == ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    day = today if today in done else today - ONE_DAY
    current = 0
    while day in done:
        current += 1
        day -= ONE_DAY
    return current, longest


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


# --------------------------------------------------------------------------- calendar and weeks


@dataclass(frozen=True, slots=True)
class DayCell:
    """One day of the calendar heat map."""

    day: date
    """The day."""
    week: date
    """The Monday of its week."""
    weekday: int
    """0 for Monday … 6 for Sunday."""
    minutes: float
    """Active minutes that day."""
    sessions: int
    """Sessions that day."""


def _heatmap(
    sessions: Sequence[Session], days: Sequence[date], today: date, weeks: int
) -> list[DayCell]:
    """A cell for each day of the last ``weeks`` weeks (this one included) up to today."""
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
    """Active minutes that week."""
    sessions: int
    """Sessions that week."""


def _weekly(
    sessions: Sequence[Session], days: Sequence[date], today: date, weeks: int
) -> list[WeekTotal]:
    """Minutes per week for the last ``weeks`` weeks, oldest first, empty weeks included."""
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


# --------------------------------------------------------------------------- focus and pain


@dataclass(frozen=True, slots=True)
class FocusTotal:
    """Active minutes spent on one focus area."""

    focus: str
    """The focus area as a person reads it."""
    minutes: float
    """Active minutes, a session's shared equally among its areas."""
    sessions: int
    """Sessions of routines with this area."""


def _focus_minutes(sessions: Iterable[Session]) -> list[FocusTotal]:
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
    rows = [FocusTotal(focus_label(a), minutes[a], sessions_in[a]) for a in minutes]
    return sorted(rows, key=lambda r: (-r.minutes, r.focus))


class PainPeriod(StrEnum):
    """How long one point of the pain trend is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


_PERIOD_START: dict[PainPeriod, Callable[[date], date]] = {
    PainPeriod.DAY: lambda day: day,
    PainPeriod.WEEK: week_start,
    PainPeriod.MONTH: lambda day: day.replace(day=1),
}
"""The first day of the period a day belongs to, for each kind of period."""


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

    period: PainPeriod
    """A day, a week or a month per point."""
    points: tuple[PainPoint, ...]
    """Oldest first; periods without a rating are left out."""


@dataclass(slots=True)
class _PainTally:
    """The ratings of one period, added up as they come."""

    before_sum: int = 0
    before_count: int = 0
    after_sum: int = 0
    after_count: int = 0
    sessions: int = 0
    """Sessions with at least one rating."""

    def point(self, start: date) -> PainPoint:
        """The period's averages."""
        return PainPoint(
            start,
            self.before_sum / self.before_count if self.before_count else None,
            self.after_sum / self.after_count if self.after_count else None,
            self.sessions,
        )


def _pain(sessions: Sequence[Session], days: Sequence[date]) -> PainTrend:
    """Pain before and after over time: per day, per week or per month, by the history's span."""
    rated = [
        (day, s.pain_before, s.pain_after)
        for s, day in zip(sessions, days, strict=True)
        if s.pain_before is not None or s.pain_after is not None
    ]
    if not rated:
        return PainTrend(PainPeriod.DAY, ())
    span = (max(r[0] for r in rated) - min(r[0] for r in rated)).days
    period = (
        PainPeriod.DAY
        if span <= PAIN_DAYS_MAX
        else PainPeriod.WEEK
        if span <= PAIN_WEEKS_MAX * 7
        else PainPeriod.MONTH
    )
    period_start = _PERIOD_START[period]
    tallies: dict[date, _PainTally] = {}
    for day, before, after in rated:
        key = period_start(day)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = _PainTally()
        tally.sessions += 1
        if before is not None:
            tally.before_sum += before
            tally.before_count += 1
        if after is not None:
            tally.after_sum += after
            tally.after_count += 1
    return PainTrend(period, tuple(t.point(key) for key, t in sorted(tallies.items())))


# --------------------------------------------------------------------------- what helps


class HelpKind(StrEnum):
    """What a row of the "What helps you" table is about."""

    ROUTINE = "Routine"
    FOCUS = "Focus area"


@dataclass(frozen=True, slots=True)
class HelpRow:
    """How much one routine or focus area has eased the person's pain."""

    kind: HelpKind
    """A routine or a focus area."""
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


def _what_helps(sessions: Iterable[Session]) -> list[HelpRow]:
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
            focus_label(area),
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


# --------------------------------------------------------------------------- all in one


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the History page shows but the sessions list, worked out in one go."""

    summary: Summary
    """The week, the streaks, the totals and the average pain change."""
    heatmap: tuple[DayCell, ...]
    """A cell for each day of the last :data:`HEATMAP_WEEKS` weeks, up to today."""
    weeks: tuple[WeekTotal, ...]
    """Minutes per week for the last :data:`HEATMAP_WEEKS` weeks, oldest first."""
    focus: tuple[FocusTotal, ...]
    """Minutes per focus area, most first."""
    pain: PainTrend
    """Pain before and after over time."""
    helps: tuple[HelpRow, ...]
    """Routines and focus areas by how much they eased the pain, best first."""
    periods: tuple[ListPeriod, ...]
    """The choices for the sessions list."""


def overview(sessions: Sequence[Session], *, now: datetime, tz: tzinfo) -> Overview:
    """The summary, charts and tables of the History page (each session's day found once)."""
    days = session_days(sessions, tz)
    today = local_day(now, tz)
    return Overview(
        summary=_summarize(sessions, days, today),
        heatmap=tuple(_heatmap(sessions, days, today, HEATMAP_WEEKS)),
        weeks=tuple(_weekly(sessions, days, today, HEATMAP_WEEKS)),
        focus=tuple(_focus_minutes(sessions)),
        pain=_pain(sessions, days),
        helps=tuple(_what_helps(sessions)),
        periods=tuple(periods_of(days, today)),
    )
