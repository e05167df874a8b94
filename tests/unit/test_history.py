"""The history's storage format (limber/history/format.py) and its CSV export (csv.py): parsing,
checks, quarantine, migrations, export, the import check."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from limber import history
from limber.history import Session
from limber.history.format import _fast_session, _session
from tests.support.history import V1_DOCUMENT, V2_DOCUMENT, document, record, session

# --------------------------------------------------------------------------- versions


def test_version_1_document_is_read() -> None:
    """A document saved by format version 1 reads into typed sessions, oldest first."""
    parsed = history.parse_document(V1_DOCUMENT)
    assert parsed.set_aside == ()
    first, second = parsed.sessions
    assert first == Session(
        id="3f9a1c2e",
        routine_id="cat-cow-flow",
        title="Cat–cow flow",
        focus=("lower-back", "upper-back-neck"),
        started_at=datetime(2026, 11, 25, 8, 30, tzinfo=timezone(timedelta(hours=1))),
        ended_at=datetime(2026, 11, 25, 8, 45, 12, tzinfo=timezone(timedelta(hours=1))),
        active_seconds=840,
        steps_completed=8,
        steps_skipped=1,
        finished=True,
        pain_before=6,
        pain_after=4,
        note="Felt looser",
    )
    assert (second.title, second.focus, second.finished) == ("gone-routine", (), False)
    assert second.pain_change is None


def test_version_1_is_written_again_as_version_2_with_nothing_lost() -> None:
    """A version-1 document written again is the same text as version 2, with no own routines."""
    parsed = history.parse_document(V1_DOCUMENT)
    expected = V1_DOCUMENT.replace('{"version":1', '{"version":2')[:-1] + ',"own":{}}'
    assert history.dumps(parsed.sessions, parsed.own.values()) == expected


def test_version_2_round_trips_exactly() -> None:
    """Reading a version-2 document and writing it again gives back the same text."""
    parsed = history.parse_document(V2_DOCUMENT)
    assert parsed.set_aside == ()
    assert list(parsed.own) == ["yt-hips"]
    assert parsed.own["yt-hips"].saved_at == "2026-11-30T18:00:00.000Z"
    assert history.dumps(parsed.sessions, parsed.own.values()) == V2_DOCUMENT


def test_export_carries_the_own_routines() -> None:
    """The JSON export holds the person's own routines with the sessions; it reads back the same."""
    found = history.read(V2_DOCUMENT)
    again = history.read(history.export_text(found))
    assert again.own == found.own and again.sessions == found.sessions
    assert history.check_import(history.export_text(found)).routines == 1


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        pytest.param([], "The kept routine is not a set of fields.", id="a-list"),
        pytest.param(
            {"at": "yesterday", "routine": {"id": "r"}},
            "The kept routine's saved time is missing or not a date.",
            id="bad-time",
        ),
        pytest.param(
            {"at": "2026-12-01T07:00:00Z", "routine": "r"},
            "The kept routine has no routine fields.",
            id="no-fields",
        ),
        pytest.param(
            {"at": "2026-12-01T07:00:00Z", "routine": {"id": "other"}},
            "The kept routine's id is not the one it is kept under.",
            id="other-id",
        ),
    ],
)
def test_an_own_routine_out_of_form_is_set_aside(entry: object, reason: str) -> None:
    """A kept routine whose entry is out of form is set aside with its text; the rest load."""
    doc = json.loads(V2_DOCUMENT)
    doc["own"]["r"] = entry
    parsed = history.parse_document(json.dumps(doc))
    assert list(parsed.own) == ["yt-hips"]
    assert [(q.reason, json.loads(q.raw)) for q in parsed.set_aside] == [(reason, {"r": entry})]


def test_own_routines_that_are_not_a_mapping_are_set_aside() -> None:
    """An ``own`` that is not a mapping is kept aside whole; the sessions still load."""
    doc = json.loads(V2_DOCUMENT) | {"own": ["x"]}
    parsed = history.parse_document(json.dumps(doc))
    assert len(parsed.sessions) == 1 and parsed.own == {}
    assert [q.reason for q in parsed.set_aside] == ["The list of kept routines is not readable."]


def test_every_shipped_version_has_a_migration_path() -> None:
    """Each version from 1 up to the current one is either current or has a migration."""
    for version in range(1, history.FORMAT_VERSION):
        assert version in history.MIGRATIONS
    assert history.migrate({"version": 1, "sessions": []})["version"] == history.FORMAT_VERSION


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        pytest.param(0, "The saved history is not in a form Limber knows.", id="zero"),
        pytest.param("1", "The saved history is not in a form Limber knows.", id="text"),
        pytest.param(None, "The saved history is not in a form Limber knows.", id="missing"),
        pytest.param(
            3,
            "The saved history is format version 3, newer than this app knows (2).",
            id="newer",
        ),
    ],
)
def test_migrate_refuses_unknown_versions(version: object, reason: str) -> None:
    """A version that is not a positive whole number, or is newer, is refused with a plain reason."""
    with pytest.raises(history.HistoryError) as err:
        history.migrate({"version": version, "sessions": []})
    assert str(err.value) == reason


def test_storage_config_names_the_keys() -> None:
    """The browser side gets the key names and the version from one place."""
    assert history.storage_config() == {
        "key": "limber.history",
        "quarantineKey": "limber.history.quarantine",
        "version": 2,
        "recordVersion": 1,
    }


# --------------------------------------------------------------------------- quarantine


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("{not json", "The saved history is not readable JSON.", id="not-json"),
        pytest.param("[1, 2]", "The saved history is not in a form Limber knows.", id="a-list"),
        pytest.param('"text"', "The saved history is not in a form Limber knows.", id="a-string"),
        pytest.param(
            '{"sessions": []}', "The saved history is not in a form Limber knows.", id="no-version"
        ),
        pytest.param(
            '{"version": 1, "sessions": {}}',
            "The saved history has no list of sessions.",
            id="sessions-not-a-list",
        ),
    ],
)
def test_unreadable_document_is_set_aside_whole(text: str, reason: str) -> None:
    """A document that cannot be read is kept aside as its exact text, with a plain reason."""
    parsed = history.parse_document(text)
    assert parsed.sessions == ()
    assert parsed.unreadable
    assert parsed.set_aside == (history.Quarantined("", reason, text),)


def test_newer_document_is_set_aside_and_flagged() -> None:
    """A document of a newer version is kept aside whole and reported as newer, not unreadable."""
    text = document(record(), version=7)
    parsed = history.parse_document(text)
    assert parsed.newer_version == 7 and not parsed.unreadable
    assert [q.raw for q in parsed.set_aside] == [text]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({"id": ""}, "The record has no usable id.", id="empty-id"),
        pytest.param({"id": "x" * 65}, "The record has no usable id.", id="long-id"),
        pytest.param({"id": 7}, "The record has no usable id.", id="number-id"),
        pytest.param({"r": ""}, "The record does not say which routine it was.", id="no-routine"),
        pytest.param(
            {"s": "yesterday"}, "The record's start time is missing or not a date.", id="bad-start"
        ),
        pytest.param(
            {"s": "2026-11-25T08:30:00"},
            "The record's start time is missing or not a date.",
            id="start-without-offset",
        ),
        pytest.param(
            {"e": "2026-02-30T08:30:00Z"},
            "The record's end time is missing or not a date.",
            id="no-such-day",
        ),
        pytest.param(
            {"e": "2026-11-25T08:00:00+01:00"}, "The record ends before it starts.", id="backwards"
        ),
        pytest.param(
            {"a": -1}, "The record's active time is not a whole number of seconds.", id="neg-time"
        ),
        pytest.param(
            {"a": 1.5}, "The record's active time is not a whole number of seconds.", id="frac"
        ),
        pytest.param(
            {"c": "8"}, "The record's completed steps are not a whole number.", id="text-count"
        ),
        pytest.param({"k": True}, "The record's skipped steps are not a whole number.", id="bool"),
        pytest.param({"d": 1}, "The record does not say whether it was finished.", id="finished"),
        pytest.param(
            {"pb": 11}, "The record's pain before is not a whole number from 0 to 10.", id="pain-11"
        ),
        pytest.param(
            {"pa": -1}, "The record's pain after is not a whole number from 0 to 10.", id="pain-neg"
        ),
        pytest.param({"n": None}, "The record's note is not text.", id="null-note"),
        pytest.param(
            {"v": 2}, "The record's format version is not one this app knows.", id="record-v2"
        ),
    ],
)
def test_bad_record_is_set_aside_and_the_rest_kept(changes: dict, reason: str) -> None:
    """Each kind of bad record is kept aside as its own text; the good records still load."""
    bad = record(id="bad", **{k: v for k, v in changes.items() if k != "id"}) | changes
    parsed = history.parse_document(document(record(), bad))
    assert [s.id for s in parsed.sessions] == ["a1"]
    assert parsed.set_aside == (
        history.Quarantined("", reason, json.dumps(bad, separators=(",", ":"), ensure_ascii=False)),
    )


def test_record_that_is_not_an_object_is_set_aside() -> None:
    """A session entry that is not a set of fields is kept aside too."""
    parsed = history.parse_document(document(record(), "oops"))
    assert [q.reason for q in parsed.set_aside] == ["The record is not a set of fields."]


def test_whole_numbers_written_as_decimals_are_read() -> None:
    """5.0 is a whole number in the browser, so it is one here too."""
    parsed = history.parse_document(document(record(a=840.0, pb=5.0)))
    assert parsed.sessions[0].active_seconds == 840
    assert type(parsed.sessions[0].pain_before) is int


def test_bad_routine_entry_is_set_aside() -> None:
    """A routine entry without a title is kept aside; its sessions show the routine id."""
    parsed = history.parse_document(document(record(), routines={"cat-cow-flow": {"focus": []}}))
    assert parsed.sessions[0].title == "cat-cow-flow"
    assert [q.reason for q in parsed.set_aside] == ["The routine entry has no title."]


def test_duplicate_ids_keep_the_later_record() -> None:
    """Two different records with one id: the later is kept, the earlier kept aside."""
    parsed = history.parse_document(document(record(n="first"), record(n="second")))
    assert [s.note for s in parsed.sessions] == ["second"]
    assert [q.reason for q in parsed.set_aside] == [
        "Another record has the same id; the later one was kept."
    ]


def test_identical_duplicates_are_merged_silently() -> None:
    """The same record twice is just one session: nothing is lost, nothing to report."""
    parsed = history.parse_document(document(record(), record()))
    assert len(parsed.sessions) == 1 and parsed.set_aside == ()


def test_empty_store_reads_as_empty() -> None:
    """Nothing stored yet is an empty history, with nothing kept aside."""
    assert history.read(None, None) == history.History()


def test_read_combines_stored_and_new_quarantine() -> None:
    """Items the browser already kept aside are listed once, with what Python finds on top."""
    bad = record(id="bad", a=-5)
    bad_text = json.dumps(bad, separators=(",", ":"))
    stored = json.dumps(
        [{"at": "2026-11-25T08:00:00Z", "reason": "r", "raw": bad_text}, {"nope": 1}]
    )
    found = history.read(document(record(), bad, record(id="worse", pb=99)), stored)
    assert len(found.sessions) == 1
    assert [q.reason for q in found.kept_aside] == [
        "r",
        "A kept-aside item was not in the usual form.",
        "The record's pain before is not a whole number from 0 to 10.",
    ]
    assert json.loads(history.kept_aside_text(found))[0]["raw"] == bad_text


def test_unreadable_quarantine_list_is_itself_kept() -> None:
    """A quarantine key that is not a JSON list is shown as one kept-aside item, untouched."""
    assert history.parse_quarantine("garbage") == (
        history.Quarantined("", "The kept-aside list itself was unreadable.", "garbage"),
    )


# --------------------------------------------------------------------------- writing


def test_ten_thousand_sessions_fit_in_two_megabytes() -> None:
    """The compact format keeps 10,000 typical sessions under 2,000,000 bytes."""
    start = datetime(2024, 1, 1, 7, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    sessions = [
        session(f"{i:016x}", start=start + timedelta(hours=7 * i), note="Felt better" * (i % 3))
        for i in range(10_000)
    ]
    assert len(history.dumps(sessions).encode("utf-8")) <= 2_000_000


def test_stored_form_is_compact() -> None:
    """The stored text has no spaces between tokens and keeps non-ASCII as it is."""
    text = history.dumps([session(note="Très bien")])
    assert ", " not in text and ": " not in text and "Très" in text


times = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Kolkata")]),
    allow_imaginary=False,
)
sessions_strategy = st.builds(
    session,
    sid=st.text(min_size=1, max_size=64),
    start=times,
    seconds=st.integers(0, 10_000),
    routine=st.text(min_size=1, max_size=20),
    title=st.text(min_size=1, max_size=20),
    focus=st.tuples(st.sampled_from(["lower-back", "hips", "core"])),
    finished=st.booleans(),
    before=st.none() | st.integers(0, 10),
    after=st.none() | st.integers(0, 10),
    note=st.text(max_size=50),
)


@given(st.lists(sessions_strategy, max_size=5, unique_by=lambda s: s.id))
def test_dumps_then_parse_gives_the_same_sessions(sessions: list[Session]) -> None:
    """Any sessions written and read again are equal as moments and fields (the export re-imports)."""
    # Titles are kept per routine, so sessions of one routine share the latest one's title.
    in_order = sorted(sessions, key=lambda s: (s.started_at.timestamp(), s.id))
    titles = {s.routine_id: (s.title, s.focus) for s in in_order}
    parsed = history.parse_document(history.dumps(sessions))
    assert parsed.set_aside == ()
    got = {s.id: s for s in parsed.sessions}
    for s in sessions:
        other = got[s.id]
        assert other.started_at.timestamp() == s.started_at.timestamp()
        assert other.ended_at.timestamp() == s.ended_at.timestamp()
        assert (other.title, other.focus) == titles[s.routine_id]
        assert (other.note, other.pain_before, other.pain_after, other.finished) == (
            s.note,
            s.pain_before,
            s.pain_after,
            s.finished,
        )


def test_export_is_stable() -> None:
    """Exporting, reading the export and exporting again gives the same text."""
    first = history.dumps(
        [
            session("b", start=datetime(2026, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
            session("a", start=datetime(2026, 1, 1, tzinfo=ZoneInfo("America/New_York"))),
        ]
    )
    assert history.dumps(history.parse_document(first).sessions) == first


def test_a_session_is_stored_with_the_short_keys() -> None:
    """A session's stored form is the version-1 record, its routine's name kept once beside it."""
    s = session(start=datetime(2026, 11, 25, 8, 30, tzinfo=timezone(timedelta(hours=1))))
    doc = json.loads(history.dumps([s]))
    assert doc["sessions"] == [
        record(s="2026-11-25T08:30:00+01:00", e="2026-11-25T08:40:00+01:00", a=600, c=4)
    ]
    assert doc["routines"] == {"cat-cow-flow": {"title": "Cat–cow flow", "focus": ["lower-back"]}}


# --------------------------------------------------------------------------- import


def test_the_import_summary_reads_as_designed() -> None:
    """The import summary reads as in the design."""
    assert history.import_message(12, 3, 1) == "12 added, 3 already there, 1 unreadable, kept aside"
    assert history.import_message(2, 0, 0) == "2 added, 0 already there"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(V1_DOCUMENT, history.ImportCheck(True, 2, 0), id="good"),
        pytest.param(
            document(record(), record(id="b", a=-1)), history.ImportCheck(True, 1, 1), id="one-bad"
        ),
        pytest.param(
            "a,b,c",
            history.ImportCheck(
                False, 0, 0, "This file is not a Limber history; nothing was imported."
            ),
            id="csv",
        ),
        pytest.param(
            document(version=3),
            history.ImportCheck(
                False,
                0,
                0,
                "This file was saved by a newer version of Limber; it was not imported.",
            ),
            id="newer",
        ),
    ],
)
def test_an_uploaded_file_is_checked_before_the_store_gets_it(
    text: str, expected: history.ImportCheck
) -> None:
    """An uploaded file is checked before it is sent to the store."""
    assert history.check_import(text) == expected


# --------------------------------------------------------------------------- CSV


def test_the_csv_has_the_documented_columns_and_a_row_per_session() -> None:
    """The CSV has one header row with the documented columns, then one row per session."""
    text = history.to_csv([session(), session("b", before=None)], tz=UTC)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
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
    ]
    assert rows[1] == [
        "2026-11-25",
        "2026-11-25T08:30:00+00:00",
        "2026-11-25T08:40:00+00:00",
        "Cat–cow flow",
        "cat-cow-flow",
        "Lower back",
        "10.0",
        "yes",
        "4",
        "0",
        "5",
        "3",
        "2",
        "",
        "a1",
    ]
    assert rows[2][10:13] == ["", "3", ""]
    assert len(rows) == 3


def test_csv_uses_the_persons_time_zone() -> None:
    """Dates and times in the CSV are the person's local ones."""
    late = session(start=datetime(2026, 11, 25, 23, 30, tzinfo=UTC))
    row = list(csv.reader(io.StringIO(history.to_csv([late], tz=ZoneInfo("Asia/Tokyo")))))[1]
    assert row[:2] == ["2026-11-26", "2026-11-26T08:30:00+09:00"]


@pytest.mark.parametrize("note", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"])
def test_csv_keeps_formulas_as_text(note: str) -> None:
    """A note that looks like a spreadsheet formula is written so it stays text."""
    row = list(csv.reader(io.StringIO(history.to_csv([session(note=note)], tz=UTC))))[1]
    assert row[13] == "'" + note


def test_csv_keeps_commas_quotes_and_newlines() -> None:
    """A note with commas, quotes and a new line survives the CSV intact."""
    note = 'Better, "much"\nsecond line'
    row = list(csv.reader(io.StringIO(history.to_csv([session(note=note)], tz=UTC))))[1]
    assert row[13] == note


field_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 12),
    st.floats(-1, 11),
    st.sampled_from(["", "a1", "x" * 65, "2026-11-25T08:30:00+01:00", "2026-11-25T09:00:00Z"]),
    st.sampled_from(["2026-11-25T08:00+01:00", "2026-02-30T08:00:00Z", "2026-11-25 08:00Z"]),
    # The fast path checks start and end joined by a space, in one call: neither may fool it.
    st.sampled_from(["2026-11-25T08:30:00+01:00 2026-11-25T08:30:00+01:00", "2026-11-25T09:00Z\n"]),
)


@given(
    st.dictionaries(
        st.sampled_from(["id", "r", "s", "e", "a", "c", "k", "d", "pb", "pa", "n", "v"]),
        field_values,
        max_size=3,
    )
)
def test_fast_and_careful_reading_agree(changes: dict) -> None:
    """The one-pass reader accepts exactly what the careful checks accept, and reads it alike."""
    candidate = record() | changes
    fast = _fast_session(candidate, {})
    careful = history.record_problem(candidate)
    if fast is not None:
        assert careful is None
        assert fast == _session(candidate, {})
    parsed = history.parse_document(document(candidate))
    assert len(parsed.sessions) == (1 if careful is None else 0)
