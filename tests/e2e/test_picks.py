""" "Picked for you" in Chromium: the Library reads the history in this browser and picks from it."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, WebSocket, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from limber import history
from tests.e2e.support import PICKS, card, cards, goto, seed, type_in, wait_idle
from tests.support.history import NOW, sample_session


def test_picks_follow_the_history_and_start_a_routine(page: Page, app_url: str) -> None:
    """Spasm relief eased the pain, but was done yesterday: another lower-back routine comes first."""
    now = NOW
    days_ago = (1, 3, 4, 5)  # the first of them yesterday
    seed(
        page,
        history.dumps(
            sample_session(
                i,
                now - timedelta(days=days),
                routine_id="spasm-relief",
                pain_before=6,
                pain_after=3,
            )
            for i, days in enumerate(days_ago)
        ),
    )

    goto(page, app_url)
    picks = cards(page, PICKS)
    expect(picks.first).to_be_visible()
    assert 1 <= picks.count() <= 3
    expect(page.get_by_text("New here?")).to_have_count(0)
    expect(card(page, "spasm-relief", PICKS)).to_have_count(0)  # done yesterday

    first = picks.first
    expect(first).to_contain_text("Lower back")
    expect(first).to_contain_text(
        "sessions there eased your pain by 3.0 points on average (4 sessions)"
    )
    routine_id = first.get_attribute("data-id")
    title = first.get_by_role("heading").inner_text()
    first.get_by_role("button", name="Start").click()
    expect(page).to_have_url(f"{app_url}/routine?routine={routine_id}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def test_without_history_there_is_a_starter_for_each_focus_area(page: Page, app_url: str) -> None:
    """A new person gets a gentle first routine per focus area, and is told so, from the
    page's first run: a browser that holds nothing sends nothing back, so the Library is
    run once, and the next run is the person's own (a search)."""
    sent: list[BackMsg] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on("framesent", lambda frame: sent.append(BackMsg.FromString(frame)))

    page.on("websocket", on_socket)
    goto(page, app_url)
    expect(page.get_by_text("New here? A gentle place to start")).to_be_visible()
    expect(cards(page, PICKS)).to_have_count(5)

    type_in(page.get_by_label("Search routines"), "cat")
    expect(page.get_by_text(re.compile(r"^\d+ of \d+ routines$"))).to_be_visible()
    wait_idle(page)
    runs = [m.rerun_script for m in sent if m.WhichOneof("type") == "rerun_script"]
    assert len(runs) == 2, runs  # the page's first run, then the search
    assert [w.string_value for w in runs[1].widget_states.widgets if w.id.endswith("-q")] == ["cat"]
    sent_by_browser = {w.id for run in runs for w in run.widget_states.widgets}
    assert not any("history_store" in i or "library-prefs" in i for i in sent_by_browser)
