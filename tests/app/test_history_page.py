"""The History page, run by AppTest with the store's reading injected as the browser would send it."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store import NAME as STORE_NAME
from components.store import Command, Op, StoreSession
from limber import history
from limber.history import Session
from tests.support.cards import PICKS, cards, press_start, sent
from tests.support.history import NOW, sample_session

PAGE = "app_pages/history.py"
STORE = "history_store"
SECTION = "history.section"


def year_of_sessions() -> list[Session]:
    """A session on most days of the last year."""
    end = NOW.replace(hour=7, minute=30, second=0, microsecond=0)
    return [sample_session(i, end - timedelta(days=i)) for i in range(365) if i % 7 != 3]


def reading(
    document: str | None,
    *,
    quarantine: str | None = None,
    writable: bool = True,
    error: str | None = None,
    undo: str | None = None,
    outcomes: list[dict] | None = None,
    checked: bool = True,
) -> dict:
    """The component's report as the browser sends it (AppTest takes it as state)."""
    return {
        "report": {
            "token": uuid.uuid4().hex,
            "document": document,
            "quarantine": quarantine,
            "writable": writable,
            "error": error,
            "undo": undo,
            "outcomes": outcomes or [],
            "checked": checked,
        }
    }


def store_data(at: AppTest) -> dict:
    """What the last run sent the store component."""
    [element] = [e for e in at.get("bidi_component") if e.proto.component_name == STORE_NAME]
    [data] = json.loads(element.proto.json)  # sent in a list of one (components/assets.py)
    return data


@pytest.fixture
def page(app):
    """A factory: the History page with a given store reading injected (None: not read yet)."""

    def make(state: dict | None = None, *, section: str | None = None, **session_state) -> AppTest:
        at = app()
        at.switch_page(PAGE)
        if state is not None:
            at.session_state[STORE] = state
        if section is not None:  # the tabs are lazy: only the chosen one runs
            at.session_state[SECTION] = section
        for key, value in session_state.items():
            at.session_state[key] = value
        return at.run()

    return make


def commands(at: AppTest) -> list[dict]:
    """The write commands the page is passing to the store component."""
    [element] = at.get("bidi_component")
    proto = element.proto
    [data] = json.loads(proto.json)  # sent in a list of one (components/assets.py)
    assert data["storage"] == history.storage_config()
    assert data["have"] is None or isinstance(data["have"], str)
    return data["commands"]


def texts(at: AppTest) -> str:
    """Every piece of text on the page, joined, markdown escapes removed."""
    parts = [
        e.value
        for kind in ("markdown", "caption", "text", "warning", "success", "error")
        for e in at.get(kind)
    ]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_before_the_browser_answers_a_placeholder_not_the_empty_state(page) -> None:
    """On the first run the store has not read yet: a placeholder, never "no sessions"."""
    at = page()
    assert not at.exception
    assert "Reading your history" in texts(at)
    assert "No sessions yet" not in texts(at)
    assert commands(at) == []


def test_empty_history_says_so_and_links_to_the_library(page) -> None:
    """With no sessions: a friendly sentence, a link to the Library, and import still offered."""
    at = page(reading(None))
    assert not at.exception
    assert "No sessions yet" in texts(at)
    assert "Your history stays in this browser." in texts(at)
    [link] = at.get("page_link")
    assert link.proto.page.endswith("library.py") or "Library" in link.proto.label
    assert not at.metric
    assert at.get("file_uploader")
    assert at.button(key="history.import").disabled  # until a file is chosen


def page_charts(at: AppTest) -> list[dict]:
    """The data of each chart the page drew (components/chart), in page order."""
    return [
        json.loads(c.proto.json)[0]  # sent in a list of one (components/assets.py)
        for c in at.get("bidi_component")
        if c.proto.component_name == "limber.chart"
    ]


def show(at: AppTest, section: str) -> AppTest:
    """Open another tab of the page (tabs are lazy: only the open one runs)."""
    at.session_state[SECTION] = section
    return at.run()


def test_one_session_today_makes_this_weeks_numbers_and_a_one_day_streak(page) -> None:
    """One session today: this week's numbers, a one-day streak, and the session in the list."""
    now = NOW
    one = sample_session(1, now - timedelta(minutes=20), finished=True, pain_before=6, pain_after=4)
    at = page(reading(history.dumps([one])))
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sessions this week"] == "1"
    assert metrics["Current streak"] == "1 day"
    assert metrics["Longest streak"] == "1 day"
    charts = page_charts(at)
    assert [c["kind"] for c in charts] == ["heatmap", "bars-up", "bars-across"]
    days, weeks, areas = charts
    assert sum(c["value"] for c in days["cells"]) == pytest.approx(one.active_seconds / 60)
    assert [b["value"] for b in weeks["bars"]][-1] == pytest.approx(one.active_seconds / 60)
    assert [b["label"] for b in areas["bars"]] == [
        history.focus_label(f) for f in one.focus
    ]  # focus areas down the side
    show(at, "Pain")
    assert {m.label: m.value for m in at.metric}["Average change per session"] == "2.0 points lower"
    [pain] = page_charts(at)
    assert [(s["name"], [p["y"] for p in s["points"]]) for s in pain["series"]] == [
        ("Before", [6]),
        ("After", [4]),
    ]
    table = show(at, "Sessions").dataframe[0].value
    assert list(table.columns) == [
        "Date",
        "Routine",
        "Minutes",
        "Finished",
        "Pain before → after",
        "Note",
    ]
    assert table.iloc[0]["Routine"] == one.title and table.iloc[0]["Pain before → after"] == "6 → 4"


def test_a_year_of_sessions(page) -> None:
    """A year of sessions renders every part of the page, with the list holding them all."""
    sessions = year_of_sessions()
    at = page(reading(history.dumps(sessions)))
    assert not at.exception
    assert int(at.metric[3].value.split()[0]) >= 3
    for section in ("Activity", "Pain", "What helps you", "Sessions", "Export & import"):
        assert not show(at, section).exception, section
    assert len(show(at, "Sessions").dataframe[0].value) == len(sessions)
    helps = show(at, "What helps you").dataframe[0].value
    assert set(helps["Name"]) >= {"Cat–cow flow", "Spasm relief", "Hip mobility flow", "Hips"}
    assert helps["Rank"].iloc[0] == 1
    assert "needs at least 3 sessions with both ratings to be ranked" in texts(at)


def test_kept_aside_records_are_counted_and_offered(page) -> None:
    """Unreadable items are reported with their number and can be downloaded."""
    quarantine = json.dumps(
        [
            {"at": "2026-11-25T08:00:00Z", "reason": "The record has no usable id.", "raw": "{}"},
            {"at": "2026-11-25T08:00:00Z", "reason": "Not JSON.", "raw": "{oops"},
        ]
    )
    good = sample_session(1, NOW - timedelta(days=1))
    doc = json.loads(history.dumps([good]))
    doc["sessions"].append({"id": "broken", "pb": 99})
    at = page(reading(json.dumps(doc), quarantine=quarantine), section="Sessions")
    assert not at.exception
    assert "3 unreadable items in your saved history were kept aside" in texts(at)
    assert at.get("download_button")[0].proto.label == "Download the kept-aside items"
    assert len(at.dataframe[0].value) == 1


def test_newer_version_is_left_alone_and_writes_are_off(page) -> None:
    """A store written by a newer app is reported; import and clear are disabled."""
    newer = '{"version":5,"sessions":[]}'
    at = page(
        reading(
            newer,
            writable=False,
            error="Your history was saved by a newer version of Limber, so this version "
            "leaves it as it is and cannot change it.",
        )
    )
    assert not at.exception
    assert "newer version of Limber" in texts(at)
    assert "1 unreadable item in your saved history was kept aside" in texts(at)
    assert at.button(key="history.import").disabled


def test_note_with_html_is_text(page) -> None:
    """A note with HTML in it reaches the page as plain text in the table."""
    one = sample_session(1, NOW, note="<img src=x onerror=alert(1)>")
    at = page(reading(history.dumps([one])), section="Sessions")
    assert at.dataframe[0].value.iloc[0]["Note"] == "<img src=x onerror=alert(1)>"
    assert not any("<img" in m.value for m in at.markdown)


def _selected(count: int) -> dict:
    return {
        f"history.table.0.all.{count}": {"selection": {"rows": [0], "columns": [], "cells": []}}
    }


def test_delete_sends_one_command_and_offers_undo(page) -> None:
    """Deleting a picked session sends a delete command; once done, Undo brings it back."""
    one = sample_session(1, NOW)
    at = page(reading(history.dumps([one])), section="Sessions", **_selected(1))
    at.button(key="history.delete").click().run()
    [command] = commands(at)
    assert (command["op"], command["id"]) == ("delete", one.id)
    assert f"Deleted {one.title} on" in texts(at)

    at.session_state[STORE] = reading(
        history.dumps([]),
        undo=one.id,
        outcomes=[{"nonce": command["nonce"], "op": "delete", "ok": True}],
    )
    at.run()
    assert commands(at) == []
    assert "No sessions yet" in texts(at)
    undo = at.button(key="history.undo")
    assert one.title in undo.label.replace("\\", "")
    undo.click().run()
    [again] = commands(at)
    assert (again["op"], again["id"]) == ("undo", one.id)


def test_edit_note_and_pain_after_sends_an_update(page) -> None:
    """Editing a picked session's note and pain-after rating sends one update with both."""
    one = sample_session(1, NOW, note="old")
    at = page(reading(history.dumps([one])), section="Sessions", **_selected(1))
    at.text_area(key="history.note_input").input("new <b>note</b>").run()
    at.selectbox(key="history.pain_after_input").set_value(3).run()
    at.button(key="history.save_note").click().run()
    [command] = commands(at)
    assert command["op"] == "update" and command["patch"] == {"n": "new <b>note</b>", "pa": 3}
    at.session_state[STORE] = reading(
        history.dumps([one]), outcomes=[{"nonce": command["nonce"], "op": "update", "ok": True}]
    )
    at.run()
    assert "Changes saved." in texts(at)


def test_pain_after_picker_starts_at_the_stored_rating(page) -> None:
    """The picker shows the session's pain-after rating, or "Not rated" when it has none."""
    rated = sample_session(1, NOW, pain_after=2)
    at = page(reading(history.dumps([rated])), section="Sessions", **_selected(1))
    assert at.selectbox(key="history.pain_after_input").value == 2
    unrated = sample_session(1, NOW, pain_after=None)
    at = page(reading(history.dumps([unrated])), section="Sessions", **_selected(1))
    assert at.selectbox(key="history.pain_after_input").value is None


def test_clear_all_asks_first_and_names_the_count(page) -> None:
    """Clear all shows a confirmation naming how many sessions go; only then is a command sent."""
    sessions = [sample_session(i, NOW - timedelta(days=i)) for i in range(4)]
    at = page(reading(history.dumps(sessions)), section="Export & import")
    at.button(key="history.clear").click().run()
    assert commands(at) == []
    assert "This deletes all 4 sessions" in texts(at)
    assert at.button(key="history.clear_yes").label == "Delete 4 sessions"
    at.button(key="history.clear_yes").click().run()
    assert [c["op"] for c in commands(at)] == ["clear"]


def test_a_failed_write_is_shown_plainly(page) -> None:
    """A write the browser refused (storage full) is reported in its own words."""
    one = sample_session(1, NOW)
    at = page(reading(history.dumps([one])), section="Sessions", **_selected(1))
    at.button(key="history.save_note").click().run()
    [command] = commands(at)
    full = "There is no room left in this browser's storage, so nothing was changed."
    at.session_state[STORE] = reading(
        history.dumps([one]),
        outcomes=[{"nonce": command["nonce"], "op": "update", "ok": False, "error": full}],
    )
    at.run()
    assert [e.value.replace("\\", "") for e in at.error] == [full]


def test_import_summary_is_shown(page) -> None:
    """After an import the page says how many were added, already there and kept aside."""
    at = page(reading(None))
    at.session_state["history_store.session"] = StoreSession(
        pending=[Command(Op.IMPORT, "n1", {"text": "{}"})]
    )
    at.session_state[STORE] = reading(
        None,
        outcomes=[
            {"nonce": "n1", "op": "import", "ok": True, "added": 12, "existing": 3, "unreadable": 1}
        ],
    )
    at.run()
    assert "Imported: 12 added, 3 already there, 1 unreadable, kept aside." in texts(at)


def test_a_long_history_lists_the_last_year_first(page) -> None:
    """With more than a year of sessions the list starts with the last 12 months; all can be chosen."""
    now = NOW
    sessions = [sample_session(i, now - timedelta(days=3 * i)) for i in range(200)]
    at = page(reading(history.dumps(sessions)), section="Sessions")
    assert not at.exception
    show = at.selectbox(key="history.period")
    assert show.value == "recent"
    recent = len(at.dataframe[0].value)
    assert 100 <= recent < 200
    show.select("all").run()
    assert len(at.dataframe[0].value) == 200


def _picks_script() -> None:
    """The Library page's part that shows the picks (run by AppTest as a script)."""
    from pathlib import Path

    import streamlit as st

    from app_pages.parts.history_state import mount_store
    from app_pages.parts.picks import render_picks
    from limber import library

    entries = library.load(Path("routines")).entries
    reading = mount_store()
    render_picks(reading, entries, on_start=lambda rid: st.session_state.update(started=rid))


@pytest.fixture
def picks(monkeypatch: pytest.MonkeyPatch):
    """A factory: the picks alone, with a store reading injected (None: not read yet)."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])

    def make(state: dict | None = None) -> AppTest:
        at = AppTest.from_function(_picks_script, default_timeout=30)
        if state is not None:
            at.session_state[STORE] = state
        return at.run()

    return make


def test_picks_before_the_history_is_read_are_for_a_browser_that_holds_none(picks) -> None:
    """Before the browser has answered, the picks are the starters, for a browser that holds
    no history; one that holds a history (or something set aside) says it is looking at it."""
    at = picks()
    assert not at.exception
    data = sent(at, PICKS)
    assert data is not None
    assert len(data["cards"]) == 5
    assert data["lead"].startswith("New here?")
    assert data["unlessStored"] == [history.STORAGE_KEY, history.QUARANTINE_KEY]
    assert data["waiting"] == "Looking at your history…"
    answered = picks(reading(None))
    assert "unlessStored" not in sent(answered, PICKS)


def test_picks_without_history_are_gentle_starters(picks) -> None:
    """With no history, a gentle starter for each focus area, each saying why."""
    at = picks(reading(None))
    assert not at.exception
    reasons = [card["text"] for card in cards(at, PICKS)]
    assert len(reasons) == 5
    assert all(r.startswith("A gentle first routine for") for r in reasons)


def test_picks_from_a_history_say_why_and_start(picks) -> None:
    """With a history, up to three picks each with a reason; Start hands over the routine id."""
    now = NOW
    sessions = [
        sample_session(
            i,
            now - timedelta(days=2 + i),
            routine_id="hip-mobility-flow",
            pain_before=6,
            pain_after=2,
        )
        for i in range(4)
    ]
    at = picks(reading(history.dumps(sessions)))
    assert not at.exception
    shown = cards(at, PICKS)
    assert 1 <= len(shown) <= 3
    assert shown[0]["text"].startswith("Eased your pain by 4.0 points")
    press_start(at, shown[0]["id"], PICKS)
    assert at.session_state["started"] == "hip-mobility-flow"


@pytest.mark.parametrize("bad", [False, True], ids=["all-good", "one-bad"])
def test_an_unchecked_report_is_sent_back_for_checking_only_when_python_sets_something_aside(
    page, bad: bool
) -> None:
    """The browser leaves the first report's record checks to Python; Python asks it to
    read the store again (which sets the record aside there) only when it found one."""
    doc = json.loads(history.dumps([sample_session(1, NOW)]))
    if bad:
        doc["sessions"].append({"id": "bad", "r": "x", "pb": 42})
    state = reading(json.dumps(doc, separators=(",", ":")), checked=False)
    at = page(state)
    assert store_data(at)["check"] == (state["report"]["token"] if bad else None)
    assert any(c.value.startswith("1 session,") for c in at.caption)  # from Python's reading
    checked = page(reading(json.dumps(doc, separators=(",", ":"))))
    assert store_data(checked)["check"] is None
