"""Session history: the storage format, its migrations, the statistics and the views.

The history lives in the person's own browser (localStorage), never on a
server; ``components/shared/history_store.js`` keeps it there by the rules
written down in :mod:`limber.history.format`. Everything else in the app sees
typed, immutable sessions (:class:`Session`), never raw JSON.

One concern a module; this package keeps the names its callers import:

    format   the storage format (its reference is that module's docstring):
             keys, values (Session, History …), record and routine checks,
             migrations, parse_document (with its one-pass fast path),
             dumps and the export, the import check
    days     which day a moment or a session falls on, in the person's
             time zone; weeks
    stats    overview: the summary, heat map, weeks, focus, pain trend and
             what helps, worked out in one pass
    view     the sessions list (session_rows and its periods), the one date
             formatter, weekday and focus names as a person reads them
    csv      the CSV export

Time is an argument: functions take ``now`` and the person's time zone.
"""

from __future__ import annotations

from limber.history.csv import CSV_COLUMNS, to_csv
from limber.history.days import local_day, session_day, session_days, week_start
from limber.history.format import (
    FORMAT_VERSION,
    IMPORT_NEWER,
    IMPORT_NOT_HISTORY,
    MIGRATIONS,
    NOTE_MAX_CHARS,
    QUARANTINE_KEY,
    RECORD_VERSION,
    STORAGE_KEY,
    History,
    HistoryError,
    ImportCheck,
    OwnRoutine,
    Parsed,
    Quarantined,
    RoutineName,
    Session,
    check_import,
    combine,
    dumps,
    export_text,
    import_message,
    kept_aside_text,
    migrate,
    own_problem,
    parse_document,
    parse_quarantine,
    read,
    record_problem,
    session_order,
    storage_config,
)
from limber.history.stats import (
    HEATMAP_WEEKS,
    MIN_RATED_TO_RANK,
    PAIN_DAYS_MAX,
    PAIN_WEEKS_MAX,
    DayCell,
    FocusTotal,
    HelpKind,
    HelpRow,
    Overview,
    PainPeriod,
    PainPoint,
    PainTrend,
    Summary,
    WeekTotal,
    overview,
)
from limber.history.view import (
    MONTH_NAMES,
    RECENT_DAYS,
    WEEKDAY_NAMES,
    ListPeriod,
    Period,
    SessionRow,
    day_month,
    day_text,
    describe,
    find,
    focus_label,
    month_year,
    session_rows,
)

__all__ = [
    "CSV_COLUMNS",
    "FORMAT_VERSION",
    "HEATMAP_WEEKS",
    "IMPORT_NEWER",
    "IMPORT_NOT_HISTORY",
    "MIGRATIONS",
    "MIN_RATED_TO_RANK",
    "MONTH_NAMES",
    "NOTE_MAX_CHARS",
    "PAIN_DAYS_MAX",
    "PAIN_WEEKS_MAX",
    "QUARANTINE_KEY",
    "RECENT_DAYS",
    "RECORD_VERSION",
    "STORAGE_KEY",
    "WEEKDAY_NAMES",
    "DayCell",
    "FocusTotal",
    "HelpKind",
    "HelpRow",
    "History",
    "HistoryError",
    "ImportCheck",
    "ListPeriod",
    "Overview",
    "OwnRoutine",
    "PainPeriod",
    "PainPoint",
    "PainTrend",
    "Parsed",
    "Period",
    "Quarantined",
    "RoutineName",
    "Session",
    "SessionRow",
    "Summary",
    "WeekTotal",
    "check_import",
    "combine",
    "day_month",
    "day_text",
    "describe",
    "dumps",
    "export_text",
    "find",
    "focus_label",
    "import_message",
    "kept_aside_text",
    "local_day",
    "migrate",
    "month_year",
    "overview",
    "own_problem",
    "parse_document",
    "parse_quarantine",
    "read",
    "record_problem",
    "session_day",
    "session_days",
    "session_order",
    "session_rows",
    "storage_config",
    "to_csv",
    "week_start",
]
