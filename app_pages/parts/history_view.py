"""The History page's sections, each drawn by one function (the page calls them in order).

Every number comes from ``limber.history`` through :mod:`history_state`; these
functions only lay it out: tables, charts and the buttons that queue commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

import streamlit as st

from app_pages.parts import history_state as state
from app_pages.parts import pages
from app_pages.parts.text import plain
from components import chart
from components.store import StoreReading
from limber import history

PAIN_CHOICES: list[int | None] = [None, *range(11)]
"""The pain-after picker: not rated, or 0 to 10."""
SECTIONS = ["Activity", "Pain", "What helps you", "Sessions", "Export & import"]
"""The page's tabs, in order."""


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def render_messages(reading: StoreReading, found: history.History) -> None:
    """What happened last (with Undo after a delete), why the store is read-only, and the
    records kept aside, with their download."""
    notice = state.notice()
    if notice is not None:
        (st.success if notice.ok else st.error)(plain(notice.text))
    if reading.undo is not None:
        undo_col, _ = st.columns([1, 3])
        undo_col.button(
            plain(f"Undo: bring back {state.undo_label(reading.undo)}"),
            key="history.undo",
            on_click=state.undo,
            args=(reading.undo,),
            icon=":material/undo:",
        )
    if reading.error:
        st.warning(plain(reading.error))
    if found.kept_aside:
        count = len(found.kept_aside)
        st.warning(
            f"{_count(count, 'unreadable item')} in your saved history "
            f"{'was' if count == 1 else 'were'} kept aside, untouched. "
            "Download them to keep them, or to show someone who can help."
        )
        st.download_button(
            "Download the kept-aside items",
            data=lambda: history.kept_aside_text(found),
            file_name="limber-kept-aside.json",
            mime="application/json",
            on_click="ignore",
            key="history.download_aside",
            icon=":material/download:",
        )


def render_no_sessions() -> None:
    """Before the first session: where sessions come from, and a way to the Library."""
    st.write(
        "No sessions yet. Pick a routine in the Library: when you finish it, "
        "it will show up here, with your pain ratings and notes."
    )
    st.page_link(pages.library(), label="Go to the Library", icon=":material/self_improvement:")


def render_your_data(
    reading: StoreReading, found: history.History, *, tz: ZoneInfo, now: datetime
) -> None:
    """Export, import and clear-all: the data belongs to the person."""
    sessions = len(found.sessions)
    today = now.date().isoformat()
    st.subheader("Your data", anchor=False)
    own = len(found.own)
    st.caption(
        (
            f"Your history and your {_count(own, 'own routine')} stay"
            if own
            else "Your history stays"
        )
        + " in this browser. Export to keep a copy or to move to another browser: "
        "the JSON file holds everything, the CSV the sessions only."
    )
    left, right = st.columns(2)
    with left:
        st.download_button(
            "Export JSON (to import again)",
            data=lambda: history.export_text(found),
            file_name=f"limber-history-{today}.json",
            mime="application/json",
            on_click="ignore",
            disabled=not sessions and not found.own,
            key="history.export_json",
            icon=":material/download:",
        )
        st.download_button(
            "Export CSV (for a spreadsheet)",
            data=lambda: history.to_csv(found.sessions, tz=tz),
            file_name=f"limber-history-{today}.csv",
            mime="text/csv",
            on_click="ignore",
            disabled=not sessions,
            key="history.export_csv",
            icon=":material/table:",
        )
    with right:
        chosen = st.file_uploader("Import a JSON export", type=["json"], key=state.upload_key())
        # Enabled once the chosen file has reached the app, not when its name
        # shows: a click in between would find no file.
        st.button(
            "Import",
            on_click=state.import_file,
            disabled=not reading.writable or chosen is None,
            help="Choose a Limber JSON export above first." if chosen is None else None,
            key="history.import",
        )
    if sessions:
        _render_clear_all(reading, sessions)


def _render_clear_all(reading: StoreReading, sessions: int) -> None:
    """Clear all history, behind a confirmation."""
    if state.confirming_clear():
        st.warning(
            f"This deletes all {_count(sessions, 'session')} "
            "from this browser (your own routines stay). It cannot be undone; "
            "export first to keep a copy."
        )
        yes, no = st.columns(2)
        yes.button(
            f"Delete {_count(sessions, 'session')}",
            type="primary",
            on_click=state.clear,
            key="history.clear_yes",
        )
        no.button("Cancel", on_click=state.cancel_clear, key="history.clear_no")
    else:
        st.button(
            "Clear all history…",
            on_click=state.ask_clear,
            disabled=not reading.writable,
            key="history.clear",
        )


def render_totals(summary: history.Summary) -> None:
    """This week's sessions and minutes, the streaks, and the totals."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Sessions this week", summary.sessions_this_week)
    c2.metric("Minutes this week", round(summary.minutes_this_week))
    c3.metric("Current streak", _count(summary.current_streak, "day"))
    c4.metric("Longest streak", _count(summary.longest_streak, "day"))
    st.caption(
        f"{_count(summary.total_sessions, 'session')}, "
        f"{_count(round(summary.total_minutes), 'minute')} in all. "
        "A day counts for a streak when you finished at least one session that day."
    )


def _minutes(minutes: float, sessions: int) -> str:
    return f"{_count(round(minutes), 'minute')}, {_count(sessions, 'session')}"


def render_activity(view: history.Overview) -> None:
    """The last weeks as a heatmap, then minutes per week and per focus area."""
    column = {week: i for i, week in enumerate(sorted({c.week for c in view.heatmap}))}
    active = sum(1 for c in view.heatmap if c.sessions)
    st.markdown(f"**The last {history.HEATMAP_WEEKS} weeks**")
    chart.heatmap(
        columns=[history.day_month(week) for week in column],
        rows=history.WEEKDAY_NAMES,
        cells=[
            chart.Cell(
                column[c.week],
                c.weekday,
                c.minutes,
                f"{history.day_text(c.day)} {c.day.year}: {_minutes(c.minutes, c.sessions)}",
            )
            for c in view.heatmap
        ],
        label=(
            f"Each day of the last {history.HEATMAP_WEEKS} weeks, darker for more minutes: "
            f"{_count(active, 'day')} with a session."
        ),
        key="history.chart.days",
    )
    left, right = st.columns(2)
    with left:
        st.markdown("**Minutes per week**")
        chart.bars(
            [
                chart.Bar(
                    history.day_month(w.week),
                    w.minutes,
                    f"Week of {history.day_month(w.week)}: {_minutes(w.minutes, w.sessions)}",
                )
                for w in view.weeks
            ],
            label=f"Minutes per week for the last {history.HEATMAP_WEEKS} weeks, oldest first.",
            key="history.chart.weeks",
        )
    with right:
        st.markdown("**Minutes per focus area**")
        chart.bars(
            [
                chart.Bar(f.focus, f.minutes, f"{f.focus}: {_minutes(f.minutes, f.sessions)}")
                for f in view.focus
            ],
            across=True,
            label="Minutes per focus area, most first: "
            + "; ".join(f"{f.focus} {round(f.minutes)}" for f in view.focus)
            + ".",
            key="history.chart.focus",
        )


def _period_label(start: date, period: history.PainPeriod) -> str:
    if period == history.PainPeriod.MONTH:
        return history.month_year(start)
    week = "Week of " if period == history.PainPeriod.WEEK else ""
    return f"{week}{history.day_month(start)} {start.year}"


def _pain_ticks(points: Sequence[history.PainPoint], count: int = 6) -> list[chart.Tick]:
    """Up to ``count`` dates spread along the pain chart."""
    if not points:
        return []
    one_year = points[0].start.year == points[-1].start.year
    label = history.day_month if one_year else history.month_year
    step = max(1, -(-len(points) // count))  # ceiling division
    return [chart.Tick(p.start.toordinal(), label(p.start)) for p in points[::step]]


def _pain_line(
    name: str, values: Sequence[tuple[date, float | None]], period: history.PainPeriod
) -> chart.Series:
    """One line of the pain chart: the periods with a value, each with its tooltip."""
    return chart.Series(
        name,
        [
            chart.Point(
                day.toordinal(), value, f"{_period_label(day, period)}: {name.lower()} {value:.1f}"
            )
            for day, value in values
            if value is not None
        ],
    )


def render_pain(view: history.Overview) -> None:
    """The average change in pain per session, and pain before and after over time."""
    summary = view.summary
    if summary.average_pain_change is None:
        st.write("Rate your pain before and after a session to see how it changes over time.")
        return
    change = summary.average_pain_change
    rated = summary.rated_sessions
    direction = "lower" if change > 0 else "higher" if change < 0 else "no different"
    st.metric(
        "Average change per session",
        f"{abs(change):.1f} points {direction}" if change else "No change",
        help="Pain before minus pain after, over the sessions with both ratings.",
    )
    st.caption(
        f"From {_count(rated, 'session')} with both ratings. "
        f"The chart shows the average per {view.pain.period}."
    )
    trend = view.pain
    series = [
        _pain_line("Before", [(p.start, p.before) for p in trend.points], trend.period),
        _pain_line("After", [(p.start, p.after) for p in trend.points], trend.period),
    ]
    chart.lines(
        series,
        ticks=_pain_ticks(trend.points),
        y_max=10,
        label=f"Average pain from 0 to 10 before and after, per {trend.period}, oldest first.",
        key="history.chart.pain",
    )


def render_what_helps(view: history.Overview) -> None:
    """Routines and focus areas ranked by relief (the ones with too few ratings after)."""
    rows = view.helps
    st.caption(
        "Average change is pain before minus pain after: higher means more relief. "
        f"A routine or focus area needs at least {history.MIN_RATED_TO_RANK} sessions "
        "with both ratings to be ranked; the others are listed after, unranked."
    )
    import pandas as pd  # only the tables need it: a second to import, so not for the charts

    st.dataframe(
        pd.DataFrame(
            {
                "Rank": [i + 1 if r.ranked else None for i, r in enumerate(rows)],
                "": [r.kind.value for r in rows],
                "Name": [r.name for r in rows],
                "Sessions": [r.sessions for r in rows],
                "Rated": [r.rated for r in rows],
                "Average change (before − after)": [
                    None if r.average_change is None else round(r.average_change, 1) for r in rows
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="history.helps",
    )


def render_sessions(
    reading: StoreReading,
    found: history.History,
    view: history.Overview,
    *,
    tz: ZoneInfo,
    now: datetime,
) -> None:
    """The sessions list for a period, newest first; a picked row opens its editor."""
    periods = {p.key: p for p in view.periods}
    period = "all"
    if len(periods) > 1:
        period = st.selectbox(
            "Show",
            list(periods),
            format_func=lambda key: f"{periods[key].label} ({periods[key].sessions:,})",
            key=state.PERIOD_INPUT,
        )
    table = state.session_rows(reading, period if period in periods else "all", tz, now)
    import pandas as pd  # only the tables need it (see render_what_helps)

    st.caption(
        "Newest first. Pick a row to rate how your back felt after, edit its note, or delete it."
    )
    event = st.dataframe(
        pd.DataFrame(
            {
                "Date": [r.date for r in table],
                "Routine": [r.routine for r in table],
                "Minutes": [r.minutes for r in table],
                "Finished": [r.finished for r in table],
                "Pain before → after": [r.pain for r in table],
                "Note": [r.note for r in table],
            }
        ),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=state.table_key(period, len(table)),
    )
    picked = event.selection.rows if event is not None else []
    state.select(table[picked[0]].id if picked and picked[0] < len(table) else None)
    chosen = history.find(found.sessions, state.selected_id() or "")
    if chosen is not None:
        _render_session_editor(chosen, writable=reading.writable, tz=tz)


def _render_session_editor(chosen: history.Session, *, writable: bool, tz: ZoneInfo) -> None:
    """The picked session: its pain-after rating and note to change, and Delete."""
    with st.container(border=True):
        st.markdown("**Selected session**")
        st.text(history.describe(chosen, tz=tz))
        st.selectbox(
            "Pain after (0 no pain – 10 worst)",
            PAIN_CHOICES,
            index=PAIN_CHOICES.index(chosen.pain_after),
            format_func=lambda v: "Not rated" if v is None else str(v),
            key=state.PAIN_AFTER_INPUT,
            disabled=not writable,
        )
        st.text_area(
            "Note",
            value=chosen.note,
            key=state.NOTE_INPUT,
            max_chars=history.NOTE_MAX_CHARS,
            disabled=not writable,
        )
        save, remove = st.columns(2)
        save.button(
            "Save changes",
            on_click=state.save_changes,
            args=(chosen.id,),
            disabled=not writable,
            key="history.save_note",
        )
        remove.button(
            "Delete this session",
            on_click=state.delete,
            args=(chosen, tz),
            disabled=not writable,
            key="history.delete",
            icon=":material/delete:",
        )
