"""The history's statistics: everything the History page shows but the sessions list.

One public function, :func:`overview`, works out every number. Each session's
day is found once, and one pass adds the sessions up (:func:`_tally`): per
day, per routine, and the ratings by day. The summary, the calendar heat map,
the weeks, the pain trend, the list's periods, the focus areas and what helps
then work from those small tables, not from the sessions again. The parts are
pure functions; ``now`` and the person's time zone are arguments.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum
from itertools import compress, count
from operator import attrgetter, sub
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


def _ratio(total: int, count: int) -> float | None:
    # Integer sums divided once: the same float as sum(values) / len(values).
    return total / count if count else None


# --------------------------------------------------------------------------- the one pass


@dataclass(slots=True)
class _RoutineTally:
    """The sessions of one routine recorded with one set of focus areas."""

    sessions: int = 0
    seconds: int = 0
    change_sum: int = 0
    """Sum of (before − after) over the sessions with both ratings."""
    change_count: int = 0
    """Sessions with both ratings."""


_RoutineKey = tuple[str, tuple[str, ...]]
"""A routine id and the focus areas a session recorded for it."""


@dataclass(frozen=True, slots=True)
class _Tally:
    """The sessions added up once, for every part of the overview.

    Per day it keeps only numbers, never an object a day: 10,000 sessions
    have some 7,000 days, and making (and garbage-collecting) that many small
    objects would cost more than all the adding up.
    """

    sessions_per_day: Counter[date]
    """Sessions on each day."""
    seconds_per_day: dict[date, int]
    """Active seconds on each day from the first day of the heat map on."""
    finished_days: set[date]
    """Days with at least one finished session."""
    by_routine: dict[_RoutineKey, _RoutineTally]
    """Each routine's sessions, per set of focus areas, in the order they first appear."""
    rated_days: list[date]
    """The day of each session with at least one pain rating, in the sessions' order …"""
    pain_before: list[int | None]
    """… its rating before …"""
    pain_after: list[int | None]
    """… and after."""


_FINISHED = attrgetter("finished")


def _tally(sessions: Sequence[Session], days: Sequence[date], since: date) -> _Tally:
    """The sessions, each with its day, added up in one pass (active seconds per day only from
    ``since`` on); the counts per day and the finished days are picked out in C."""
    seconds_per_day: dict[date, int] = {}
    by_routine: dict[_RoutineKey, _RoutineTally] = {}
    rated_days: list[date] = []
    pain_before: list[int | None] = []
    pain_after: list[int | None] = []
    for s, day in zip(sessions, days, strict=True):
        routine = by_routine.get((s.routine_id, s.focus))
        if routine is None:
            routine = by_routine[s.routine_id, s.focus] = _RoutineTally()
        seconds = s.active_seconds
        routine.sessions += 1
        routine.seconds += seconds
        if day >= since:
            seconds_per_day[day] = seconds_per_day.get(day, 0) + seconds
        before, after = s.pain_before, s.pain_after
        if before is not None or after is not None:
            rated_days.append(day)
            pain_before.append(before)
            pain_after.append(after)
            if before is not None and after is not None:
                routine.change_sum += before - after
                routine.change_count += 1
    return _Tally(
        sessions_per_day=Counter(days),
        seconds_per_day=seconds_per_day,
        finished_days=set(compress(days, map(_FINISHED, sessions))),
        by_routine=by_routine,
        rated_days=rated_days,
        pain_before=pain_before,
        pain_after=pain_after,
    )


def _latest(sessions: Sequence[Session], routines: int) -> dict[str, Session]:
    """Each routine's last session in the sequence (its latest title and focus areas)."""
    latest: dict[str, Session] = {}
    # From the end, stopping once every routine is found: usually a few sessions, not all.
    for s in reversed(sessions):
        if s.routine_id not in latest:
            latest[s.routine_id] = s
            if len(latest) == routines:
                break
    return latest


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


def _streaks(done: Set[date], today: date) -> tuple[int, int]:
    """The current and the longest streak, in days.

    A day counts when at least one session was finished that day, in the
    person's time zone. The current streak runs up to today, or up to
    yesterday while today has no session yet (a streak is not lost until the
    day is over).
    """
    if not done:
        return 0, 0
    # Sorted day numbers minus their places are equal exactly within a run of consecutive
    # days, so the longest run is the most common difference (counted in C, for 10,000 days).
    numbers = sorted(map(date.toordinal, done))
    longest = max(Counter(map(sub, numbers, count())).values())
    day = today if today in done else today - ONE_DAY
    current = 0
    while day in done:
        current += 1
        day -= ONE_DAY
    return current, longest


def _summarize(tally: _Tally, today: date) -> Summary:
    week = [week_start(today) + timedelta(days=i) for i in range(7)]
    current, longest = _streaks(tally.finished_days, today)
    # The totals from the routines' tallies: a few, where the days are thousands.
    routines = tally.by_routine.values()
    change_sum = sum(r.change_sum for r in routines)
    rated = sum(r.change_count for r in routines)
    return Summary(
        sessions_this_week=sum(tally.sessions_per_day[day] for day in week),
        minutes_this_week=sum(tally.seconds_per_day.get(day, 0) for day in week) / 60,
        current_streak=current,
        longest_streak=longest,
        total_sessions=sum(r.sessions for r in routines),
        total_minutes=sum(r.seconds for r in routines) / 60,
        average_pain_change=_ratio(change_sum, rated),
        rated_sessions=rated,
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


def _heatmap(tally: _Tally, today: date, weeks: int) -> list[DayCell]:
    """A cell for each day of the last ``weeks`` weeks (this one included) up to today."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    return [
        DayCell(
            day,
            week_start(day),
            day.weekday(),
            tally.seconds_per_day.get(day, 0) / 60,
            tally.sessions_per_day[day],
        )
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


def _weekly(tally: _Tally, today: date, weeks: int) -> list[WeekTotal]:
    """Minutes per week for the last ``weeks`` weeks, oldest first, empty weeks included."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    seconds = [0] * weeks
    counts = [0] * weeks
    for index in range(weeks * 7):
        day = first + timedelta(days=index)
        seconds[index // 7] += tally.seconds_per_day.get(day, 0)
        counts[index // 7] += tally.sessions_per_day[day]
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


def _focus_minutes(by_routine: Mapping[_RoutineKey, _RoutineTally]) -> list[FocusTotal]:
    """Minutes per focus area, most first.

    A session's minutes are shared equally among the focus areas it recorded,
    so the areas add up to the total time; a session with no known focus
    counts as "Other".
    """
    seconds: dict[tuple[str, ...], int] = defaultdict(int)
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for (_, focus), tally in by_routine.items():
        seconds[focus] += tally.seconds
        counts[focus] += tally.sessions
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
_PERIOD_NEXT: dict[PainPeriod, Callable[[date], date]] = {
    PainPeriod.DAY: lambda start: start + ONE_DAY,
    PainPeriod.WEEK: lambda start: start + timedelta(weeks=1),
    PainPeriod.MONTH: lambda start: (start + timedelta(days=31)).replace(day=1),
}
"""The first day of the next period, from a period's first day, for each kind of period."""


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


@dataclass(slots=True)
class _PainTally:
    """The ratings of one period, added up as they come."""

    before_sum: int = 0
    before_count: int = 0
    after_sum: int = 0
    after_count: int = 0
    rated: int = 0
    """Sessions with at least one rating."""


class PainTrend(NamedTuple):
    """Pain before and after over time, at a resolution that keeps the chart readable."""

    period: PainPeriod
    """A day, a week or a month per point."""
    points: tuple[PainPoint, ...]
    """Oldest first; periods without a rating are left out."""


def _pain(tally: _Tally) -> PainTrend:
    """Pain before and after over time: per day, per week or per month, by the history's span."""
    if not tally.rated_days:
        return PainTrend(PainPeriod.DAY, ())
    span = (max(tally.rated_days) - min(tally.rated_days)).days
    period = (
        PainPeriod.DAY
        if span <= PAIN_DAYS_MAX
        else PainPeriod.WEEK
        if span <= PAIN_WEEKS_MAX * 7
        else PainPeriod.MONTH
    )
    period_start, period_next = _PERIOD_START[period], _PERIOD_NEXT[period]
    periods: dict[date, _PainTally] = {}
    start = end = date.min
    total = _PainTally()
    for day, before, after in zip(
        tally.rated_days, tally.pain_before, tally.pain_after, strict=True
    ):
        # Days come mostly in order: keep the last one's period while the next is in it.
        if not start <= day < end:
            start = period_start(day)
            total = periods.setdefault(start, _PainTally())
            try:
                end = period_next(start)
            except OverflowError:  # the calendar's last period (year 9999) has no next
                end = date.max
        total.rated += 1
        if before is not None:
            total.before_sum += before
            total.before_count += 1
        if after is not None:
            total.after_sum += after
            total.after_count += 1
    return PainTrend(
        period,
        tuple(
            PainPoint(
                start,
                _ratio(t.before_sum, t.before_count),
                _ratio(t.after_sum, t.after_count),
                t.rated,
            )
            for start, t in sorted(periods.items())
        ),
    )


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


def _what_helps(
    by_routine: Mapping[_RoutineKey, _RoutineTally], latest: Mapping[str, Session]
) -> list[HelpRow]:
    """Routines and focus areas with sessions done and average pain change, best first.

    A routine is named by its latest session, and counts for the focus areas
    that session recorded. Rows with at least :data:`MIN_RATED_TO_RANK` rated
    sessions come first, by average change (largest relief first); the rest
    follow, by sessions done.
    """
    totals: dict[str, _RoutineTally] = defaultdict(_RoutineTally)
    for (rid, _), tally in by_routine.items():
        total = totals[rid]
        total.sessions += tally.sessions
        total.change_sum += tally.change_sum
        total.change_count += tally.change_count
    by_area: dict[str, _RoutineTally] = defaultdict(_RoutineTally)
    for rid, total in totals.items():
        for area in latest[rid].focus:
            area_total = by_area[area]
            area_total.sessions += total.sessions
            area_total.change_sum += total.change_sum
            area_total.change_count += total.change_count
    rows = [
        HelpRow(
            HelpKind.ROUTINE,
            latest[rid].title,
            rid,
            t.sessions,
            t.change_count,
            _ratio(t.change_sum, t.change_count),
        )
        for rid, t in totals.items()
    ] + [
        HelpRow(
            HelpKind.FOCUS,
            focus_label(area),
            area,
            t.sessions,
            t.change_count,
            _ratio(t.change_sum, t.change_count),
        )
        for area, t in by_area.items()
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
    """The summary, charts and tables of the History page (each session's day found once, and
    the sessions added up in one pass)."""
    today = local_day(now, tz)
    # The first day of the heat map, which covers this week's and the weeks' days too.
    since = week_start(today) - timedelta(weeks=HEATMAP_WEEKS - 1)
    tally = _tally(sessions, session_days(sessions, tz), since)
    latest = _latest(sessions, len({rid for rid, _ in tally.by_routine}))
    return Overview(
        summary=_summarize(tally, today),
        heatmap=tuple(_heatmap(tally, today, HEATMAP_WEEKS)),
        weeks=tuple(_weekly(tally, today, HEATMAP_WEEKS)),
        focus=tuple(_focus_minutes(tally.by_routine)),
        pain=_pain(tally),
        helps=tuple(_what_helps(tally.by_routine, latest)),
        periods=tuple(periods_of(tally.sessions_per_day, today)),
    )
