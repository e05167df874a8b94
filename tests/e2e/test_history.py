"""The history in Chromium: sessions kept in localStorage, shown, exported, imported, never lost."""

from __future__ import annotations

import csv
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from limber import history
from tests.e2e.support import (
    SEEN_SAFETY,
    goto,
    open_history,
    open_routine,
    run,
    seed,
    start,
    stored,
    wait_idle,
)
from tests.support.history import NOW, sample_session

KEY, QKEY = history.STORAGE_KEY, history.QUARANTINE_KEY
E2E_SHORT_SECONDS = 44 + 3  # the e2e-short routine, prepare included


def pick_first_session(page: Page) -> None:
    """Tick the first row of the sessions table (it is drawn on a canvas)."""
    page.get_by_role("tab", name="Sessions").click()
    page.locator("[data-testid=stDataFrame]:visible").click(position={"x": 17, "y": 59})
    expect(page.get_by_label("Note")).to_be_visible()


def sessions_in(text: str | None) -> list[dict]:
    return json.loads(text)["sessions"] if text else []


def finish_short_routine(page: Page, app_url: str) -> None:
    """Run the short test routine to its end with the fake clock."""
    open_routine(page, app_url, "e2e-short")
    start(page, pain=5)
    run(page, E2E_SHORT_SECONDS)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()


def test_finished_routine_is_on_the_history_page_after_reload(page: Page, app_url: str) -> None:
    """A routine finished in the player is on the History page after a reload."""
    finish_short_routine(page, app_url)
    page.clock.resume()
    page.reload()
    wait_idle(page)
    open_history(page, app_url)
    expect(page.get_by_text("1 session, 1 minute in all.")).to_be_visible()
    pick_first_session(page)
    expect(page.get_by_text("E2E short routine on")).to_be_visible()


def test_export_clear_import_gives_back_the_same_history(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    """Export the JSON, clear everything, import the file: the next export is identical."""
    now = NOW
    seed(page, history.dumps([sample_session(i, now - timedelta(days=i)) for i in range(12)]))
    open_history(page, app_url)

    page.get_by_role("tab", name="Export & import").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export JSON").click()
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    assert len(sessions_in(exported.read_text(encoding="utf-8"))) == 12

    page.get_by_role("button", name="Clear all history…").click()
    expect(page.get_by_text("This deletes all 12 sessions")).to_be_visible()
    page.get_by_role("button", name="Delete 12 sessions").click()
    expect(page.get_by_text("No sessions yet")).to_be_visible()
    assert sessions_in(stored(page)) == []

    import_button = page.get_by_role("button", name="Import", exact=True)
    expect(import_button).to_be_disabled()  # nothing chosen yet
    page.locator("[data-testid=stFileUploader] input[type=file]").set_input_files(exported)
    expect(page.get_by_text("export.json")).to_be_visible()
    expect(import_button).to_be_enabled()  # once the file has reached the app
    import_button.click()
    expect(page.get_by_text("Imported: 12 added, 0 already there.")).to_be_visible()

    page.get_by_role("tab", name="Export & import").click()
    with page.expect_download() as again:
        page.get_by_role("button", name="Export JSON").click()
    second = tmp_path / "again.json"
    again.value.save_as(second)
    assert second.read_bytes() == exported.read_bytes()


def test_export_csv_has_a_row_per_session(page: Page, app_url: str, tmp_path: Path) -> None:
    """The CSV export opens in a spreadsheet: the columns, a row per session, notes as text."""
    now = NOW
    notes = ['Stiff, then "much" better', "=1+1", ""]
    seed(
        page,
        history.dumps(
            sample_session(i, now - timedelta(days=i), note=note) for i, note in enumerate(notes)
        ),
    )
    open_history(page, app_url)
    page.get_by_role("tab", name="Export & import").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)

    rows = list(csv.DictReader(saved.read_text(encoding="utf-8").splitlines()))
    assert tuple(rows[0]) == history.CSV_COLUMNS
    assert [row["note"] for row in rows] == ["", "'=1+1", notes[0]]  # oldest first
    assert {row["id"] for row in rows} == {"s00000", "s00001", "s00002"}


def test_corrupt_store_is_reported_and_kept(page: Page, app_url: str) -> None:
    """A store that is not JSON is reported on the page and its text is still in localStorage."""
    seed(page, '{"version":1,"sessions":[ broken')
    open_history(page, app_url)
    expect(
        page.get_by_text("1 unreadable item in your saved history was kept aside")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Download the kept-aside items")).to_be_visible()
    expect(page.get_by_text("No sessions yet")).to_be_visible()
    [item] = json.loads(stored(page, QKEY) or "[]")
    assert item["raw"] == '{"version":1,"sessions":[ broken'


@pytest.mark.parametrize(
    "separators",
    [(",", ":"), (", ", ": ")],
    ids=["as-stored", "spaced"],  # the page's first report sends the first as it is stored
)
def test_bad_record_is_kept_aside_and_the_good_ones_shown(
    page: Page, app_url: str, separators: tuple[str, str]
) -> None:
    """One unreadable record among good ones: the good ones show, the bad one is kept aside.

    A document written as the app writes it is sent to Python before the browser has
    checked it; the browser's check then sets the record aside and reports again."""
    doc = json.loads(history.dumps([sample_session(1, NOW)]))
    doc["sessions"].append({"id": "bad", "r": "x", "pb": 42})
    seed(page, json.dumps(doc, separators=separators))
    open_history(page, app_url)
    expect(page.get_by_text("1 session, ")).to_be_visible()
    expect(page.get_by_text("1 unreadable item")).to_be_visible()
    [item] = json.loads(stored(page, QKEY) or "[]")
    assert json.loads(item["raw"]) == {"id": "bad", "r": "x", "pb": 42}
    assert [s["id"] for s in json.loads(stored(page) or "{}")["sessions"]] == [
        doc["sessions"][0]["id"]
    ]


def test_a_large_history_travels_packed_and_is_read_whole(page: Page, app_url: str) -> None:
    """A history of hundreds of sessions goes to the server gzipped (a fraction of its size
    on the wire) and is read whole; a bad record in it is still set aside by the browser."""
    sessions = [sample_session(i, NOW - timedelta(hours=8 * i)) for i in range(800)]
    doc = json.loads(history.dumps(sessions))
    doc["sessions"].insert(400, {"id": "bad", "r": "x", "pb": 42})
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    assert len(text) > 65536  # the size from which the store packs (components/shared/pack.js)
    sent: list[int] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda f: sent.append(len(f))))
    seed(page, text)
    open_history(page, app_url)
    expect(page.get_by_text("800 sessions, ")).to_be_visible()
    expect(page.get_by_text("1 unreadable item")).to_be_visible()
    assert max(sent) < len(text.encode()) / 3
    [item] = json.loads(stored(page, QKEY) or "[]")
    assert json.loads(item["raw"]) == {"id": "bad", "r": "x", "pb": 42}
    assert len(json.loads(stored(page) or "{}")["sessions"]) == 800


def test_newer_store_is_left_untouched(page: Page, app_url: str) -> None:
    """A store from a newer version is reported, left as it is, and a copy is kept aside."""
    newer = '{"version":99,"sessions":[{"future":true}]}'
    seed(page, newer)
    open_history(page, app_url)
    expect(page.get_by_text("saved by a newer version of Limber")).to_be_visible()
    assert stored(page) == newer
    assert [q["raw"] for q in json.loads(stored(page, QKEY) or "[]")] == [newer]


def test_two_tabs_each_finish_a_session_and_both_are_kept(page: Page, app_url: str) -> None:
    """Two tabs finishing at the same moment both keep their record; an open History tab sees them."""
    page.context.add_init_script(SEEN_SAFETY)
    page.clock.install(
        time=NOW
    )  # one clock for the whole context: both tabs finish on the same tick
    watcher = page.context.new_page()
    open_history(watcher, app_url)
    expect(watcher.get_by_text("No sessions yet")).to_be_visible()
    other = page.context.new_page()
    for tab in (page, other):
        goto(tab, f"{app_url}/routine?routine=e2e-short")
        expect(tab.locator(".lp-start")).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    for tab in (page, other):
        start(tab, pain=4)
    run(page, E2E_SHORT_SECONDS)
    for tab in (page, other):
        expect(tab.get_by_role("heading", name="Well done")).to_be_visible()
    page.clock.resume()

    assert len({s["id"] for s in sessions_in(stored(page))}) == 2
    expect(watcher.get_by_text("2 sessions, ")).to_be_visible()


def test_note_with_html_is_shown_as_text(page: Page, app_url: str) -> None:
    """A note holding HTML is shown as those characters and runs nothing."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    note = '<img src=x onerror="window.__pwned=1"><b>bold</b>'
    one = sample_session(1, NOW, note=note, routine_id="<i>odd</i>")
    seed(page, history.dumps([one]))
    open_history(page, app_url)
    pick_first_session(page)
    expect(page.get_by_label("Note")).to_have_value(note)
    expect(page.get_by_text("<i>odd</i> on ")).to_be_visible()
    assert page.locator("img[src=x], b:text('bold'), i:text('odd')").count() == 0
    assert page.evaluate("window.__pwned") is None and dialogs == []


def test_delete_then_undo(page: Page, app_url: str) -> None:
    """Deleting a session removes it from storage; Undo puts it back."""
    sessions = [sample_session(i, NOW - timedelta(days=i)) for i in range(2)]
    seed(page, history.dumps(sessions))
    open_history(page, app_url)
    pick_first_session(page)
    page.get_by_role("button", name="Delete this session").click()
    expect(page.get_by_text("1 session, ")).to_be_visible()
    assert [s["id"] for s in sessions_in(stored(page))] == [sessions[1].id]
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("2 sessions, ")).to_be_visible()
    assert {s["id"] for s in sessions_in(stored(page))} == {s.id for s in sessions}


def test_edit_note_and_pain_after(page: Page, app_url: str) -> None:
    """A note and a pain-after rating edited on the History page are saved in localStorage."""
    seed(page, history.dumps([sample_session(1, NOW, note="before", pain_after=None)]))
    open_history(page, app_url)
    pick_first_session(page)
    page.get_by_label("Note").fill("after, with <b>care</b>")
    page.get_by_label("Pain after (0 no pain – 10 worst)").click()
    page.get_by_role("option", name="1", exact=True).click()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    [record] = sessions_in(stored(page))
    assert (record["n"], record["pa"]) == ("after, with <b>care</b>", 1)


def test_charts_are_drawn_with_a_tooltip_for_each_day_and_a_line_for_pain(
    page: Page, app_url: str
) -> None:
    """Activity: a square for each day of 12 weeks, bars for weeks and focus areas, a tooltip
    naming each; Pain: a line before and a line after. No chart library is fetched."""
    done = [
        sample_session(n, NOW - timedelta(days=n, hours=2), pain_before=6, pain_after=3)
        for n in range(1, 4)
    ]
    seed(page, history.dumps(done))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    open_history(page, app_url)
    days = page.get_by_role("img", name="Each day of the last 12 weeks")
    expect(days.locator("rect")).to_have_count(12 * 7 - (6 - NOW.weekday()))  # up to today
    minutes = round(done[0].active_seconds / 60)
    expect(
        days.locator("title").filter(has_text=f"{minutes} minutes, 1 session")
    ).not_to_have_count(0)
    expect(page.get_by_role("img", name="Minutes per week").locator("rect")).to_have_count(12)
    areas = page.get_by_role("img", name="Minutes per focus area")
    expect(areas.locator("text", has_text=history.focus_label(done[0].focus[0]))).to_be_visible()
    page.get_by_role("tab", name="Pain").click()
    pain = page.get_by_role("img", name="Average pain from 0 to 10")
    expect(pain.locator("circle title").first).to_have_text(re.compile(r": before 6\.0$"))
    assert not [u for u in fetched if "vega" in u or "embed" in u]
