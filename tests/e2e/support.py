"""Small helpers for browser tests: wait for the app, not for the clock."""

from __future__ import annotations

from playwright.sync_api import Page

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
