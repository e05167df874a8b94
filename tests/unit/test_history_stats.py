"""History statistics (limber/history/stats.py, through overview) and the sessions list (view.py):
streaks in the person's time zone, weeks, minutes, pain, what helps, periods and rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber import history
from limber.history import HelpKind, Period, Session
from tests.support.history import session

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
ZONES = [
    UTC,
    BERLIN,
    NEW_YORK,
    ZoneInfo("Australia/Lord_Howe"),  # a half-hour daylight-saving shift
    ZoneInfo("Pacific/Auckland"),
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("America/St_Johns"),
    ZoneInfo("Pacific/Kiritimati"),  # UTC+14
    ZoneInfo("Etc/GMT+12"),  # UTC−12
]


def at_local(day: date, clock: time, tz: ZoneInfo | timezone) -> datetime:
    """A moment at a local wall-clock time, stored with a fixed offset as the browser writes it."""
    moment = datetime.combine(day, clock, tzinfo=tz)
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0)))


def done_on(*days: date, tz=UTC, clock: time = time(20, 0), finished: bool = True) -> list[Session]:
    """One session ending at a local time on each of these days."""
    return [
        session(f"s{i}", start=at_local(d, clock, tz), seconds=0, finished=finished)
        for i, d in enumerate(days)
    ]


D = date(2026, 11, 25)  # a Wednesday
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def streaks(sessions: list[Session], *, now: datetime, tz: ZoneInfo | timezone) -> tuple[int, int]:
    """The current and the longest streak, as the History page's summary has them."""
    summary = history.overview(sessions, now=now, tz=tz).summary
    return summary.current_streak, summary.longest_streak


# --------------------------------------------------------------------------- streaks


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        pytest.param([], (0, 0), id="empty"),
        pytest.param([D], (1, 1), id="only-today"),
        pytest.param([D - timedelta(days=1)], (1, 1), id="only-yesterday-still-counts"),
        pytest.param([D - timedelta(days=2)], (0, 1), id="two-days-ago-is-broken"),
        pytest.param([D, D, D], (1, 1), id="three-sessions-one-day"),
        pytest.param([D - timedelta(days=i) for i in range(5)], (5, 5), id="five-days-up-to-today"),
        pytest.param(
            [D - timedelta(days=i) for i in (1, 2, 3, 10, 11, 12, 13, 14, 15)],
            (3, 6),
            id="longest-in-the-past",
        ),
        pytest.param([D + timedelta(days=1), D], (1, 2), id="a-clock-ahead-does-not-extend-today"),
    ],
)
def test_current_and_longest_streak_count_days_with_a_finished_session(
    days: list[date], expected: tuple[int, int]
) -> None:
    """Current and longest streak over days with a finished session."""
    assert streaks(done_on(*days), now=NOON, tz=UTC) == expected


def test_unfinished_sessions_do_not_count_for_streaks() -> None:
    """A day counts only when a session was finished that day."""
    sessions = done_on(D, D - timedelta(days=1), finished=False)
    assert streaks(sessions, now=NOON, tz=UTC) == (0, 0)


def test_streak_days_are_the_persons_own_days() -> None:
    """The same two sessions are consecutive days in New York but not in UTC."""
    evening_ny = datetime(2026, 1, 1, 23, 30, tzinfo=UTC)  # 18:30 on 1 Jan in New York
    next_evening_ny = datetime(2026, 1, 3, 0, 30, tzinfo=UTC)  # 19:30 on 2 Jan in New York
    sessions = [
        session("a", start=evening_ny, seconds=0),
        session("b", start=next_evening_ny, seconds=0),
    ]
    now = datetime(2026, 1, 3, 1, 0, tzinfo=UTC)
    assert streaks(sessions, now=now, tz=NEW_YORK) == (2, 2)
    assert streaks(sessions, now=now, tz=UTC) == (1, 1)


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(date(2026, 3, 26), id="spring-forward"),
        pytest.param(date(2026, 10, 22), id="fall-back"),
    ],
)
@pytest.mark.parametrize("clock", [time(0, 15), time(2, 30), time(23, 45)])
def test_streak_across_daylight_saving_change(first: date, clock: time) -> None:
    """Late, early and in-the-gap sessions on the nights around a DST change stay one streak."""
    days = [first + timedelta(days=i) for i in range(7)]
    sessions = done_on(*days, tz=BERLIN, clock=clock)
    now = at_local(days[-1], time(23, 59), BERLIN)
    assert streaks(sessions, now=now, tz=BERLIN) == (7, 7)


@settings(deadline=None)  # speed is measured in bench/, never asserted here
@given(
    tz=st.sampled_from(ZONES),
    first=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    clocks=st.lists(st.times(), min_size=1, max_size=40),
    gap_after=st.integers(0, 45),
)
def test_consecutive_local_days_are_one_streak_anywhere(
    tz: ZoneInfo, first: date, clocks: list[time], gap_after: int
) -> None:
    """Sessions on consecutive local days, at any time of day in any zone, are one streak."""
    days = [first + timedelta(days=i) for i in range(len(clocks))]
    sessions = [
        session(f"s{i}", start=at_local(d, c, tz), seconds=0)
        for i, (d, c) in enumerate(zip(days, clocks, strict=True))
    ]
    now = at_local(days[-1] + timedelta(days=gap_after), time(12), tz)
    current, longest = streaks(sessions, now=now, tz=tz)
    assert longest == len(days)
    assert current == (len(days) if gap_after <= 1 else 0)


# --------------------------------------------------------------------------- weeks


def test_week_starts_on_monday() -> None:
    """Every day of a week maps to that week's Monday."""
    monday = date(2026, 11, 23)
    assert {history.week_start(monday + timedelta(days=i)) for i in range(7)} == {monday}
    assert history.week_start(monday - timedelta(days=1)) == date(2026, 11, 16)


@given(st.dates(min_value=date(1, 1, 8)))
def test_week_start_is_a_monday_within_the_week(day: date) -> None:
    """The week's start is a Monday, at most six days before."""
    start = history.week_start(day)
    assert start.weekday() == 0 and 0 <= (day - start).days <= 6


def test_this_week_follows_the_persons_monday() -> None:
    """Sunday 23:50 in Berlin is last week there, though it is already Monday in Tokyo."""
    sunday_night = at_local(date(2026, 11, 22), time(23, 50), BERLIN)
    monday_morning = at_local(date(2026, 11, 23), time(9), BERLIN)
    sessions = [session("a", start=sunday_night, seconds=0)]
    assert history.overview(sessions, now=monday_morning, tz=BERLIN).summary.sessions_this_week == 0
    tokyo = ZoneInfo("Asia/Tokyo")
    assert history.overview(sessions, now=monday_morning, tz=tokyo).summary.sessions_this_week == 1


def test_weekly_minutes_has_every_week_oldest_first() -> None:
    """Minutes per week list the last twelve weeks, empty ones as zero, this week last."""
    sessions = [
        session("a", start=datetime(2026, 11, 24, 8, tzinfo=UTC), seconds=600),
        session("b", start=datetime(2026, 11, 25, 8, tzinfo=UTC), seconds=300),
        session("c", start=datetime(2026, 10, 1, 8, tzinfo=UTC), seconds=900),
        session("d", start=datetime(2025, 1, 1, 8, tzinfo=UTC), seconds=900),
    ]
    weeks = history.overview(sessions, now=NOON, tz=UTC).weeks
    assert len(weeks) == 12
    assert weeks[-1] == history.WeekTotal(date(2026, 11, 23), 15.0, 2)
    assert weeks[0].week == date(2026, 9, 7)
    assert sum(w.minutes for w in weeks) == 30.0


# --------------------------------------------------------------------------- empty and single


def test_stats_of_an_empty_history() -> None:
    """With no sessions every number is zero and every list is empty, without errors."""
    view = history.overview([], now=NOON, tz=UTC)
    assert view.summary == history.Summary(0, 0, 0, 0, 0, 0, None, 0)
    assert len(view.heatmap) == 7 * 11 + 3 and all(c.minutes == 0 for c in view.heatmap)
    assert [w.minutes for w in view.weeks] == [0.0] * 12
    assert view.focus == ()
    assert view.pain == history.PainTrend(history.PainPeriod.DAY, ())
    assert view.helps == ()
    assert view.periods == (history.ListPeriod(Period.ALL, "All sessions", 0),)
    assert history.session_rows([], tz=UTC) == []


def test_stats_of_a_single_session() -> None:
    """One session today: one of everything, and its pain change is the average."""
    one = [session(start=datetime(2026, 11, 25, 8, 30, tzinfo=UTC), seconds=900)]
    view = history.overview(one, now=NOON, tz=UTC)
    assert view.summary == history.Summary(
        sessions_this_week=1,
        minutes_this_week=15.0,
        current_streak=1,
        longest_streak=1,
        total_sessions=1,
        total_minutes=15.0,
        average_pain_change=2.0,
        rated_sessions=1,
    )
    assert view.heatmap[-1] == history.DayCell(D, date(2026, 11, 23), 2, 15.0, 1)
    assert sum(c.sessions for c in view.heatmap) == 1
    assert view.focus == (history.FocusTotal("Lower back", 15.0, 1),)
    assert view.pain == ("day", (history.PainPoint(D, 5.0, 3.0, 1),))
    assert history.session_rows(one, tz=UTC) == [
        history.SessionRow("a1", "Wed 25 Nov 2026, 08:30", "Cat–cow flow", 15, True, "5 → 3", "")
    ]


def test_heatmap_covers_twelve_weeks_up_to_today() -> None:
    """The heat map starts on a Monday eleven weeks before this week's and ends today."""
    cells = history.overview([], now=NOON, tz=UTC).heatmap
    assert cells[0].day == date(2026, 9, 7) and cells[0].weekday == 0
    assert cells[-1].day == D
    assert [c.day for c in cells] == sorted({c.day for c in cells})


def test_heatmap_ignores_sessions_outside_the_window() -> None:
    """Sessions older than twelve weeks, or dated after today, are not drawn."""
    sessions = [
        session("old", start=datetime(2026, 1, 1, tzinfo=UTC)),
        session("ahead", start=datetime(2026, 11, 27, tzinfo=UTC)),
    ]
    assert sum(c.sessions for c in history.overview(sessions, now=NOON, tz=UTC).heatmap) == 0


# --------------------------------------------------------------------------- focus and pain


def test_focus_minutes_share_a_session_between_its_areas() -> None:
    """A session on two areas gives each half its minutes; no focus counts as Other."""
    sessions = [
        session("a", seconds=1200, focus=("lower-back", "hips")),
        session("b", seconds=600, focus=()),
        session("c", seconds=60, focus=("mystery",)),
    ]
    assert history.overview(sessions, now=NOON, tz=UTC).focus == (
        history.FocusTotal("Hips", 10.0, 1),
        history.FocusTotal("Lower back", 10.0, 1),
        history.FocusTotal("Other", 10.0, 1),
        history.FocusTotal("mystery", 1.0, 1),
    )


def test_pain_trend_averages_a_days_sessions() -> None:
    """Two rated sessions on one day give the day's average; unrated sessions are left out."""
    morning = datetime(2026, 11, 25, 8, tzinfo=UTC)
    sessions = [
        session("a", start=morning, before=6, after=4),
        session("b", start=morning + timedelta(hours=5), before=4, after=None),
        session("c", start=morning + timedelta(days=1), before=None, after=None),
    ]
    pain = history.overview(sessions, now=NOON, tz=UTC).pain
    assert pain == (history.PainPeriod.DAY, (history.PainPoint(D, 5.0, 4.0, 2),))


@pytest.mark.parametrize(
    ("span_days", "period", "first"),
    [
        pytest.param(120, "day", date(2026, 7, 28), id="four-months-by-day"),
        pytest.param(121, "week", date(2026, 7, 27), id="longer-by-week"),
        pytest.param(728, "week", date(2024, 11, 25), id="two-years-by-week"),
        pytest.param(729, "month", date(2024, 11, 1), id="longer-by-month"),
    ],
)
def test_pain_trend_period_follows_the_span(span_days: int, period: str, first: date) -> None:
    """A longer history is shown per week, then per month, so the chart stays readable."""
    start = datetime(2026, 11, 25, 8, tzinfo=UTC) - timedelta(days=span_days)
    sessions = [
        session("old", start=start, before=6, after=2),
        session("new", start=datetime(2026, 11, 25, 8, tzinfo=UTC), before=4, after=4),
    ]
    trend = history.overview(sessions, now=NOON, tz=UTC).pain
    assert trend.period == period
    assert [p.start for p in trend.points] == [first, _period_of(D, period)]
    assert trend.points[0][1:] == (6.0, 2.0, 1)


def _period_of(day: date, period: str) -> date:
    return {"day": day, "week": history.week_start(day), "month": day.replace(day=1)}[period]


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(date(9999, 12, 31), id="by-day"),
        pytest.param(date(9999, 1, 1), id="by-week"),
        pytest.param(date(9990, 1, 1), id="by-month"),
    ],
)
def test_pain_trend_reaches_the_calendars_last_day(first: date) -> None:
    """Ratings up to 31 December 9999 (the last day a date can hold) still make a trend."""
    days = [first, date(9999, 12, 31)]
    sessions = [
        session(f"s{i}", start=datetime.combine(d, time(8), tzinfo=UTC), seconds=60)
        for i, d in enumerate(days)
    ]
    view = history.overview(sessions, now=NOON, tz=UTC)
    assert view == plain_overview(sessions, now=NOON, tz=UTC)
    assert view.pain.points[-1].start == _period_of(days[-1], view.pain.period)


def test_average_pain_change_uses_sessions_with_both_ratings() -> None:
    """The average change per session counts only sessions rated before and after."""
    sessions = [
        session("a", before=6, after=2),
        session("b", before=3, after=4),
        session("c", before=9, after=None),
    ]
    found = history.overview(sessions, now=NOON, tz=UTC).summary
    assert (found.average_pain_change, found.rated_sessions) == (1.5, 2)


# --------------------------------------------------------------------------- what helps


def _rated(rid: str, changes: list[int], focus: tuple[str, ...] = ("hips",)) -> list[Session]:
    return [
        session(f"{rid}{i}", routine=rid, title=rid.title(), focus=focus, before=5, after=5 - c)
        for i, c in enumerate(changes)
    ]


def test_what_helps_ranks_best_first_and_needs_three_ratings() -> None:
    """Rows with 3+ rated sessions come first by relief; the rest follow, unranked."""
    sessions = [
        *_rated("mild", [1, 1, 1], focus=("core",)),
        *_rated("strong", [3, 2, 4], focus=("core",)),
        *_rated("few", [5, 5], focus=("hips",)),
        session("x", routine="unrated", title="Unrated", focus=("hips",), before=None),
    ]
    rows = history.overview(sessions, now=NOON, tz=UTC).helps
    assert [(r.kind, r.name, r.ranked) for r in rows] == [
        (HelpKind.ROUTINE, "Strong", True),
        (HelpKind.FOCUS, "Core", True),
        (HelpKind.ROUTINE, "Mild", True),
        (HelpKind.FOCUS, "Hips", False),
        (HelpKind.ROUTINE, "Few", False),
        (HelpKind.ROUTINE, "Unrated", False),
    ]
    strong = rows[0]
    assert (strong.sessions, strong.rated, strong.average_change) == (3, 3, 3.0)
    assert rows[-1].average_change is None


def test_what_helps_uses_the_latest_title() -> None:
    """A routine renamed between sessions is listed once, under its latest title."""
    sessions = [
        session("a", title="Old name", start=datetime(2026, 1, 1, tzinfo=UTC)),
        session("b", title="New name", start=datetime(2026, 2, 1, tzinfo=UTC)),
    ]
    helps = history.overview(sessions, now=NOON, tz=UTC).helps
    names = [r.name for r in helps if r.kind == HelpKind.ROUTINE]
    assert names == ["New name"]


# --------------------------------------------------------------------------- display


def test_session_rows_are_newest_first_with_pain_text() -> None:
    """The sessions list starts with the newest; missing ratings show as a dash."""
    rows = history.session_rows(
        [
            session("old", start=datetime(2026, 1, 1, tzinfo=UTC), before=4, after=None),
            session("new", start=datetime(2026, 2, 1, tzinfo=UTC), before=None, after=None),
        ],
        tz=UTC,
    )
    assert [(r.id, r.pain) for r in rows] == [("new", ""), ("old", "4 → –")]


def test_session_rows_show_local_time() -> None:
    """The date in the list is the person's local date and time."""
    row = history.session_rows(
        [session(start=datetime(2026, 11, 25, 23, 30, tzinfo=UTC))], tz=ZoneInfo("Asia/Tokyo")
    )[0]
    assert row.date == "Thu 26 Nov 2026, 08:30"


def test_list_periods_for_a_short_history_is_just_all() -> None:
    """A history within the last 12 months offers one choice: all sessions."""
    sessions = done_on(D - timedelta(days=364), D)
    assert history.overview(sessions, now=NOON, tz=UTC).periods == (
        history.ListPeriod(Period.ALL, "All sessions", 2),
    )


def test_list_periods_for_a_long_history() -> None:
    """A longer history offers the last 12 months, each year (newest first) and all."""
    sessions = done_on(date(2024, 6, 1), date(2025, 12, 31), D - timedelta(days=10), D)
    assert history.overview(sessions, now=NOON, tz=UTC).periods == (
        history.ListPeriod(Period.RECENT, "Last 12 months", 3),
        history.ListPeriod(2026, "2026", 2),
        history.ListPeriod(2025, "2025", 1),
        history.ListPeriod(2024, "2024", 1),
        history.ListPeriod(Period.ALL, "All sessions", 4),
    )


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        pytest.param(Period.ALL, ["s3", "s2", "s1", "s0"], id="all"),
        pytest.param(Period.RECENT, ["s3", "s2", "s1"], id="last-12-months"),
        pytest.param(2025, ["s1"], id="a-year"),
        pytest.param(2023, [], id="an-empty-year"),
        pytest.param("recent", ["s3", "s2", "s1"], id="the-old-text-key"),
        pytest.param("2025", ["s1"], id="a-year-as-text"),
    ],
)
def test_session_rows_for_a_period(period: Period | int | str, expected: list[str]) -> None:
    """The list shows the chosen period's sessions, newest first."""
    sessions = done_on(date(2024, 6, 1), date(2025, 12, 31), D - timedelta(days=10), D)
    rows = history.session_rows(sessions, tz=UTC, period=period, now=NOON)
    assert [r.id for r in rows] == expected


def test_a_year_is_the_persons_year() -> None:
    """New Year's Eve evening in New York is already next year in UTC, but listed in its own."""
    eve = [session("eve", start=datetime(2026, 1, 1, 2, 0, tzinfo=UTC), seconds=0)]
    assert [r.id for r in history.session_rows(eve, tz=NEW_YORK, period=2025)] == ["eve"]
    assert history.session_rows(eve, tz=UTC, period=2025) == []


def test_overview_parts_agree() -> None:
    """The one-pass overview's parts count the same sessions: this week, the weeks, the calendar."""
    sessions = done_on(*(D - timedelta(days=i * 3) for i in range(200)), tz=BERLIN)
    view = history.overview(sessions, now=NOON, tz=BERLIN)
    assert view.weeks[-1].sessions == view.summary.sessions_this_week == 1
    assert sum(c.sessions for c in view.heatmap) == sum(w.sessions for w in view.weeks) == 27
    assert view.periods[-1].sessions == view.summary.total_sessions == 200
    assert sum(p.sessions for p in view.periods if isinstance(p.key, int)) == 200


@pytest.mark.parametrize(
    "zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"]
)
def test_the_recent_list_keeps_exactly_the_last_years_days(zone: str) -> None:
    """The recent sessions are those whose day (in the person's zone) is within the last
    365 days, to the hour around the edge, in zones far ahead of and behind UTC."""
    tz = ZoneInfo(zone)
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    edge = now - timedelta(days=history.RECENT_DAYS)
    sessions = [
        session(f"s{h:+03d}", start=edge + timedelta(hours=h), seconds=60)
        for h in range(-40, 41, 3)
    ]
    start = history.local_day(now, tz) - timedelta(days=history.RECENT_DAYS)
    expected = {s.id for s in sessions if history.session_day(s, tz) > start}
    rows = history.session_rows(sessions, tz=tz, period=Period.RECENT, now=now)
    assert {r.id for r in rows} == expected
    assert 0 < len(expected) < len(sessions)


def test_the_recent_list_keeps_a_session_recorded_26_hours_behind() -> None:
    """A session recorded at UTC−12 whose end is 00:30 on the first of the last 365 days
    at UTC+14 (two calendar days later than the date it was recorded with) is listed."""
    person, recorded = ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 23:00 on the 25th at UTC+14
    first_day = history.local_day(now, person) - timedelta(days=history.RECENT_DAYS - 1)
    end = datetime.combine(first_day, time(0, 30), tzinfo=person).astimezone(recorded)
    edge = session("edge", start=end - timedelta(seconds=60), seconds=60)
    assert edge.ended_at.date() == first_day - timedelta(days=2)
    rows = history.session_rows([edge], tz=person, period=Period.RECENT, now=now)
    assert [r.id for r in rows] == ["edge"]


# --------------------------------------------------------------------------- against a plain reference


def plain_overview(sessions: list[Session], *, now: datetime, tz: ZoneInfo) -> history.Overview:
    """The overview worked out the plain way, one question at a time over every session."""
    pairs = [(s, history.session_day(s, tz)) for s in sessions]
    today = history.local_day(now, tz)

    def minutes_and_count(chosen: list[Session]) -> tuple[float, int]:
        return sum(s.active_seconds for s in chosen) / 60, len(chosen)

    def mean(values: list[int]) -> float | None:
        return sum(values) / len(values) if values else None

    done = {d for s, d in pairs if s.finished}

    def run_back(day: date) -> int:
        return 0 if day not in done else 1 + run_back(day - timedelta(days=1))

    monday = history.week_start(today)
    week = [s for s, d in pairs if monday <= d <= monday + timedelta(days=6)]
    changes = [s.pain_change for s in sessions if s.pain_change is not None]
    summary = history.Summary(
        len(week),
        minutes_and_count(week)[0],
        run_back(today) or run_back(today - timedelta(days=1)),
        max((run_back(d) for d in done), default=0),
        len(sessions),
        minutes_and_count(sessions)[0],
        mean(changes),
        len(changes),
    )
    first = monday - timedelta(weeks=history.HEATMAP_WEEKS - 1)
    heatmap = tuple(
        history.DayCell(
            day,
            history.week_start(day),
            day.weekday(),
            *minutes_and_count([s for s, d in pairs if d == day]),
        )
        for day in (first + timedelta(days=i) for i in range((today - first).days + 1))
    )
    weeks = tuple(
        history.WeekTotal(
            first + timedelta(weeks=i),
            *minutes_and_count(
                [s for s, d in pairs if history.week_start(d) == first + timedelta(weeks=i)]
            ),
        )
        for i in range(history.HEATMAP_WEEKS)
    )
    # Per focus tuple first, as the page adds them up (the same floats, in the same order).
    area_minutes: dict[str, float] = {}
    area_sessions: dict[str, int] = {}
    for areas in dict.fromkeys(s.focus for s in sessions):
        minutes, count = minutes_and_count([s for s in sessions if s.focus == areas])
        for area in areas or ("Other",):
            area_minutes[area] = area_minutes.get(area, 0.0) + minutes / max(1, len(areas))
            area_sessions[area] = area_sessions.get(area, 0) + count
    focus = tuple(
        sorted(
            (
                history.FocusTotal(history.focus_label(a), m, area_sessions[a])
                for a, m in area_minutes.items()
            ),
            key=lambda r: (-r.minutes, r.focus),
        )
    )
    rated = [(d, s) for s, d in pairs if s.pain_before is not None or s.pain_after is not None]
    span = (max(d for d, _ in rated) - min(d for d, _ in rated)).days if rated else 0
    period = (
        "day"
        if span <= history.PAIN_DAYS_MAX
        else "week"
        if span <= history.PAIN_WEEKS_MAX * 7
        else "month"
    )
    points = []
    for start in sorted({_period_of(d, period) for d, _ in rated}):
        group = [s for d, s in rated if _period_of(d, period) == start]
        before = [s.pain_before for s in group if s.pain_before is not None]
        after = [s.pain_after for s in group if s.pain_after is not None]
        points.append(history.PainPoint(start, mean(before), mean(after), len(group)))
    latest = {s.routine_id: s for s in sessions}  # the last session of each routine wins
    rows = []
    for rid in dict.fromkeys(s.routine_id for s in sessions):
        own = [s for s in sessions if s.routine_id == rid]
        rated_changes = [s.pain_change for s in own if s.pain_change is not None]
        rows.append(
            history.HelpRow(
                HelpKind.ROUTINE,
                latest[rid].title,
                rid,
                len(own),
                len(rated_changes),
                mean(rated_changes),
            )
        )
    for area in dict.fromkeys(a for s in latest.values() for a in s.focus):
        own = [s for s in sessions if area in latest[s.routine_id].focus]
        rated_changes = [s.pain_change for s in own if s.pain_change is not None]
        rows.append(
            history.HelpRow(
                HelpKind.FOCUS,
                history.focus_label(area),
                area,
                len(own),
                len(rated_changes),
                mean(rated_changes),
            )
        )
    helps = sorted(
        rows,
        key=lambda r: (
            not r.ranked,
            -(r.average_change or 0.0) if r.ranked else -r.sessions,
            r.kind != HelpKind.ROUTINE,
            r.name.casefold(),
        ),
    )
    cutoff = today - timedelta(days=history.RECENT_DAYS)
    everything = history.ListPeriod(Period.ALL, "All sessions", len(pairs))
    if not pairs or min(d for _, d in pairs) > cutoff:
        periods: tuple[history.ListPeriod, ...] = (everything,)
    else:
        years = sorted({d.year for _, d in pairs}, reverse=True)
        periods = (
            history.ListPeriod(Period.RECENT, "Last 12 months", sum(d > cutoff for _, d in pairs)),
            *(history.ListPeriod(y, str(y), sum(d.year == y for _, d in pairs)) for y in years),
            everything,
        )
    return history.Overview(
        summary,
        heatmap,
        weeks,
        focus,
        history.PainTrend(history.PainPeriod(period), tuple(points)),
        tuple(helps),
        periods,
    )


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Session], datetime, ZoneInfo]:
    """A few dozen sessions around a moment, some days apart and some years, with routines
    renamed and refocused on the way, and the person's zone."""
    tz = draw(st.sampled_from(ZONES))
    now = draw(st.datetimes(datetime(2001, 1, 1), datetime(2089, 1, 1), timezones=st.just(UTC)))
    year_ago = history.RECENT_DAYS * 1440
    minutes_ago = st.one_of(
        st.integers(-3000, 40 * 1440),  # streaks, this week, the heat map
        st.integers(year_ago - 3 * 1440, year_ago + 3 * 1440),  # the edge of the last 12 months
        st.integers(-3000, 1300 * 1440),  # years: pain per week and per month
    )
    record = st.tuples(
        minutes_ago,
        st.sampled_from(ZONES),  # the zone the session was recorded in: the person travels
        st.integers(0, 5000),
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["A", "a", "B"]),
        st.sampled_from([(), ("hips",), ("lower-back", "hips"), ("mystery",)]),
        st.booleans(),
        st.none() | st.integers(0, 10),
        st.none() | st.integers(0, 10),
    )
    sessions = [
        session(
            f"s{i}",
            start=(now - timedelta(minutes=ago)).astimezone(zone),
            seconds=seconds,
            routine=rid,
            title=title,
            focus=focus,
            finished=finished,
            before=before,
            after=after,
        )
        for i, (ago, zone, seconds, rid, title, focus, finished, before, after) in enumerate(
            draw(st.lists(record, max_size=40))
        )
    ]
    return sessions, now, tz


@settings(deadline=None)
@given(histories())
def test_overview_equals_the_plain_reference(
    drawn: tuple[list[Session], datetime, ZoneInfo],
) -> None:
    """Every number of the overview equals the plain session-by-session computation, exactly."""
    sessions, now, tz = drawn
    assert history.overview(sessions, now=now, tz=tz) == plain_overview(sessions, now=now, tz=tz)


@settings(deadline=None)
@given(histories(), st.integers(-1, 4))
def test_session_rows_keep_exactly_the_periods_days(
    drawn: tuple[list[Session], datetime, ZoneInfo], years_back: int
) -> None:
    """The list for the last 12 months, or for a year, holds exactly the sessions whose day (in
    the person's zone) is in it, newest first."""
    sessions, now, tz = drawn
    start = history.local_day(now, tz) - timedelta(days=history.RECENT_DAYS)
    year = now.year - years_back
    newest_first = sorted(sessions, key=history.session_order, reverse=True)
    recent = history.session_rows(sessions, tz=tz, period=Period.RECENT, now=now)
    assert [r.id for r in recent] == [
        s.id for s in newest_first if history.session_day(s, tz) > start
    ]
    in_year = history.session_rows(sessions, tz=tz, period=year)
    assert [r.id for r in in_year] == [
        s.id for s in newest_first if history.session_day(s, tz).year == year
    ]


def test_dates_as_text_are_the_same_for_a_day_and_a_moment_on_it() -> None:
    """The one date formatter: "25 Nov", "Wed 25 Nov", "Nov 2026", in any locale."""
    day = date(2026, 11, 25)
    moment = datetime(2026, 11, 25, 23, 59, tzinfo=BERLIN)
    assert history.day_month(day) == history.day_month(moment) == "25 Nov"
    assert history.day_text(day) == history.day_text(moment) == "Wed 25 Nov"
    assert history.month_year(day) == "Nov 2026"
