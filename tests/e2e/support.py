"""Small helpers for browser tests: wait for the app, not for the clock."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

READY = "[data-testid=stApp][data-test-connection-state=CONNECTED]"
IDLE = (
    "() => document.querySelector('[data-testid=stApp]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
)
# Pages that show the history say so until the browser has read it; reading it
# reruns the page once. Until then a click can land on a page about to change.
SETTLED = f"""() => ({IDLE})() && !/Looking at your history|Reading your history/
  .test(document.body.innerText)"""


def wait_idle(page: Page) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector(READY)
    page.wait_for_function(IDLE)


def goto(page: Page, url: str) -> None:
    """Open a URL of the app and wait until it is ready and has read the history."""
    page.goto(url)
    wait_idle(page)
    page.wait_for_function(SETTLED)


# --- the routine player -------------------------------------------------------

SEEN_SAFETY = "localStorage.setItem('limber.safety-ack', 'true');"
CAPTURE_SPEECH = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => window.__spoken.push(u.text);
  window.speechSynthesis.cancel = () => {};
}
"""


def open_routine(page: Page, app_url: str, routine_id: str, *, seen_safety: bool = True) -> None:
    """Open a routine with a fake clock that only moves when the test says so."""
    if seen_safety:
        page.context.add_init_script(SEEN_SAFETY)
    page.context.add_init_script(CAPTURE_SPEECH)
    page.clock.install()
    goto(page, f"{app_url}/routine?routine={routine_id}")
    expect(page.locator(".lp-start")).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # seconds since the epoch


def start(page: Page, pain: int | None = None) -> None:
    """Press Start, choosing a pain-before rating first if one is given."""
    if pain is not None:
        page.get_by_role("radiogroup", name="Pain before").get_by_text(
            str(pain), exact=True
        ).click()
    page.get_by_role("button", name="Start").click()


def run(page: Page, seconds: float) -> None:
    """Move the page's fake clock on by ``seconds``, firing every timer on the way."""
    page.clock.run_for(int(seconds * 1000))


def shows(page: Page, name: str, timer: str, *, side: str = "") -> None:
    """Expect the player to show this step name, countdown and side."""
    expect(page.locator(".lp-name")).to_have_text(name)
    expect(page.get_by_role("timer")).to_have_text(timer)
    expect(page.locator(".lp-side")).to_have_text(side)


def stored_sessions(page: Page) -> list[dict]:
    """The session records in this browser's localStorage."""
    text = page.evaluate("localStorage.getItem('limber.history')")
    return json.loads(text)["sessions"] if text else []
