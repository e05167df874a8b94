"""A dropped connection never costs a session: the player, its end form and the record, with the server stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.support import (
    goto,
    open_routine,
    run,
    shows,
    start,
    stored_sessions,
    wait_idle,
)
from tests.support.app import AppServer
from tests.support.history import NOW

# Streamlit shows this dialog a few seconds after the connection goes, and makes
# the rest of the page inert; the player must stay usable above it.
CONNECTION_ERROR = "[data-testid=stDialog]"
E2E_SHORT_SECONDS = 3 + 10 + 4 + 6 + 5 + 6 + 4 + 6


@pytest.fixture
def server(e2e_dir: Path, user_routines: Path) -> Iterator[AppServer]:
    """An app server of this test's own, which the test may stop and start again."""
    env = {"LIMBER_USER_ROUTINES": str(user_routines), "LIMBER_NOW": NOW.isoformat()}
    own = AppServer(env, e2e_dir / "connection.log")
    yield own
    own.stop()


def lose_connection(page: Page, server: AppServer) -> None:
    """Stop the server and wait, on the real clock, until Streamlit says the connection is lost."""
    page.clock.resume()
    server.stop()
    expect(page.locator(CONNECTION_ERROR)).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)


def reconnect(page: Page, server: AppServer) -> None:
    """Start the server again and wait, on the real clock, until the page is connected."""
    server.start()
    page.clock.resume()
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]")


def tap(target: Locator) -> None:
    """A real mouse click on the element, skipping Playwright's own actionability checks.

    While Streamlit's dialog shows, Playwright calls anything below the inert app
    root "inert", also inside the player's modal dialog, which the browser itself
    exempts from inertness; the click lands where the element is, as a finger would.
    """
    target.click(force=True)


def test_rating_and_note_are_kept_with_the_server_stopped(page: Page, server: AppServer) -> None:
    """With the server gone, the end form still takes a rating and a note, kept in localStorage."""
    open_routine(page, server.url, "e2e-short")
    start(page, pain=5)
    run(page, 20)
    lose_connection(page, server)
    run(page, E2E_SHORT_SECONDS)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    tap(page.get_by_role("radiogroup", name="Pain after").get_by_text("2", exact=True))
    note = page.get_by_label("Note (optional)")
    note.focus()  # Playwright's fill() would refuse the "inert" field; typing is what a person does
    page.keyboard.type("Easier on the floor today")
    run(page, 2)  # past the typing pause, without pressing Save
    [record] = stored_sessions(page)
    assert (record["pb"], record["pa"], record["n"]) == (5, 2, "Easier on the floor today")
    tap(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Saved to your history.")).to_be_visible()

    reconnect(page, server)
    goto(page, f"{server.url}/history")
    page.get_by_role("tab", name="Sessions").click()
    expect(page.get_by_text("1 session, ")).to_be_visible()
    [record] = stored_sessions(page)
    assert (record["pa"], record["n"]) == (2, "Easier on the floor today")


def test_controls_work_while_the_server_is_away(page: Page, server: AppServer) -> None:
    """Pause, Resume and Next work with the server stopped; after it returns, one record, not two."""
    open_routine(page, server.url, "e2e-short")
    start(page)
    run(page, 3 + 2)
    lose_connection(page, server)
    expect(page.locator(".lp-name")).to_have_text("Knee hug")
    expect(page.get_by_text("The connection to the app is lost.")).to_be_visible()
    tap(page.get_by_role("button", name="Pause"))
    left = page.get_by_role("timer").inner_text()
    run(page, 30)
    expect(page.get_by_role("timer")).to_have_text(left)
    tap(page.get_by_role("button", name="Resume"))
    tap(page.get_by_role("button", name="Next step"))
    shows(page, "Rest", "0:04")
    tap(page.get_by_role("button", name="Pause"))  # while the test brings the server back

    reconnect(page, server)
    wait_idle(page)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)
    expect(page.get_by_text("The connection to the app is lost.")).to_be_hidden()
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("button", name="Next step").click()
    shows(page, "Figure four", "0:06", side="Left side")
    run(page, 6 + 5 + 6 + 4 + 6)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    records = stored_sessions(page)
    assert len(records) == 1 and records[0]["d"] is True


def test_typing_is_kept_when_the_page_is_closed_at_once(browser: Browser, app_url: str) -> None:
    """A note typed at the end is in localStorage even if the page is closed right after typing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_routine(page, app_url, "e2e-short")
    start(page)
    run(page, E2E_SHORT_SECONDS)
    page.get_by_role("radiogroup", name="Pain after").get_by_text("3", exact=True).click()
    page.get_by_label("Note (optional)").fill("Closed the tab straight away")
    page.close(run_before_unload=True)
    check = context.new_page()
    check.goto(app_url + "/_stcore/health")
    text = check.evaluate("localStorage.getItem('limber.history')")
    context.close()
    assert '"pa":3' in text and "Closed the tab straight away" in text
