"""Small helpers for browser tests: wait for the app, not for the clock."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Locator, Page, expect

from limber import history
from tests.support.history import NOW
from tests.support.http_server import LocalServer

READY = "[data-testid=stApp][data-test-connection-state=CONNECTED]"
IDLE = (
    "() => document.querySelector('[data-testid=stApp]')"
    "?.getAttribute('data-test-script-state') === 'notRunning'"
)
# Pages that show the history say so until the browser has read it; reading it
# reruns the page once. Until then a click can land on a page about to change. The
# Library's picks say it in their component (a shadow root), where a list of cards
# is "waiting" until then, and "drawn" once the component has drawn it. An element
# whose code the browser is still loading shows a skeleton in its place.
SETTLED = f"""() => ({IDLE})() && !/Looking at your history|Reading your history/
  .test(document.body.innerText) && !document.querySelector('[data-testid=stSkeleton]')
  && [...document.querySelectorAll(
    '[data-testid=stBidiComponentIsolated]')].every((host) => host.shadowRoot
    && host.shadowRoot.childElementCount > 0
    && [...host.shadowRoot.querySelectorAll('ul.lr')].every((l) => l.dataset.state === 'drawn'))"""


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
    page.clock.install(time=NOW)
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


# --- the browser's store ---------------------------------------------------------


def seed(page: Page, text: str, key: str = history.STORAGE_KEY) -> None:
    """Put a text in localStorage before the app loads (once per tab, not again on reload)."""
    page.context.add_init_script(
        f"if (!sessionStorage.getItem('seeded:{key}')) {{"
        f" localStorage.setItem({json.dumps(key)}, {json.dumps(text)});"
        f" sessionStorage.setItem('seeded:{key}', '1'); }}"
    )


def stored(page: Page, key: str = history.STORAGE_KEY) -> str | None:
    """What localStorage holds under a key."""
    return page.evaluate(f"localStorage.getItem({json.dumps(key)})")


def open_history(page: Page, app_url: str) -> None:
    """Open the History page and wait until the store has been read."""
    goto(page, f"{app_url}/history")
    expect(page.get_by_text("Reading your history")).to_be_hidden()
    wait_idle(page)


def stored_sessions(page: Page) -> list[dict]:
    """The session records in this browser's localStorage."""
    text = page.evaluate("localStorage.getItem('limber.history')")
    return json.loads(text)["sessions"] if text else []


# --- importing a video -----------------------------------------------------------


def serve(site: LocalServer, name: str) -> str:
    """Put the test clip on the site under a name of its own; return its URL."""
    return site.file(f"/{name}.mp4", site.clip)  # type: ignore[attr-defined]


def read_video(page: Page, app_url: str, url: str) -> None:
    """Open the Import page and read a video link."""
    goto(page, f"{app_url}/import")
    page.get_by_role("textbox", name="Video link").fill(url)
    page.get_by_role("button", name="Read video").click()
    expect(page.get_by_role("heading", name="Steps")).to_be_visible()


def type_in(box: Locator, text: str) -> None:
    """Type into a text box and send it to the app (Enter, as a person would)."""
    box.fill(text)
    box.press("Enter")


def give_length(page: Page, length: str = "0:08") -> None:
    """A direct MP4 has no length: give one, and wait for the steps table."""
    expect(page.get_by_text("The video's length is not known")).to_be_visible()
    type_in(page.get_by_role("textbox", name="Video length (m:ss)"), length)
    expect(page.locator("[data-testid=stDataFrame]")).to_be_visible()


def name_and_save(page: Page, title: str, routine_id: str) -> None:
    """Give the routine a title, check its id, save, and wait until it says so."""
    type_in(page.get_by_role("textbox", name="Title", exact=True), title)
    expect(page.get_by_text(f"Its id is {routine_id}:")).to_be_visible()
    page.get_by_role("button", name="Save to my library").click()
    expect(
        page.get_by_text(f"Saved “{title}” in your library, kept in this browser.")
    ).to_be_visible()


GRID = "All routines"
"""The accessible name of the Library's list of routine cards."""
PICKS = "Picked for you"
"""The accessible name of the list of picks."""


def cards(page: Page, list_name: str = GRID) -> Locator:
    """The routine cards of a list on the Library page (components/cards)."""
    return page.get_by_role("list", name=list_name, exact=True).get_by_role("listitem")


def card(page: Page, routine_id: str, list_name: str = GRID) -> Locator:
    """One routine's card in a list on the Library page."""
    listed = page.get_by_role("list", name=list_name, exact=True)
    return listed.locator(f"li[data-id='{routine_id}']")


def card_ids(page: Page, list_name: str = GRID) -> list[str]:
    """The routine ids of a list's cards, in order."""
    return [c.get_attribute("data-id") or "" for c in cards(page, list_name).all()]


def find_in_library(page: Page, app_url: str, title: str, routine_id: str) -> Locator:
    """Search the Library for a routine; return its card."""
    goto(page, app_url)
    # The page is settled once the history is read (it reruns for that) and
    # the picks are drawn: a fresh browser has no history, so starters.
    expect(cards(page, PICKS).first).to_be_visible()
    box = page.get_by_label("Search routines")
    type_in(box, title)
    expect(box).to_have_value(title)
    expect(page.get_by_text(re.compile(r"^1 of \d+ routines$"))).to_be_visible()
    wait_idle(page)  # the run that drew the caption has ended: the old cards are gone
    found = card(page, routine_id)
    expect(found.get_by_role("heading", name=title)).to_be_visible()
    expect(cards(page)).to_have_count(1)
    return found
