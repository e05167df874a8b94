"""The history as a spreadsheet: one CSV row per session, in the person's time zone."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import tzinfo

from limber.history.days import session_day
from limber.history.format import Session, session_order
from limber.history.view import focus_label

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
    for s in sorted(sessions, key=session_order):
        start, end = s.started_at.astimezone(tz), s.ended_at.astimezone(tz)
        change = s.pain_change
        writer.writerow(
            [
                session_day(s, tz).isoformat(),
                start.isoformat(timespec="seconds"),
                end.isoformat(timespec="seconds"),
                _cell(s.title),
                _cell(s.routine_id),
                "; ".join(focus_label(f) for f in s.focus),
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
