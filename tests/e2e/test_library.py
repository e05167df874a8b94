"""The Library in a real browser: filter by focus area, open a routine, follow a deep link."""

import re

from playwright.sync_api import Page, expect

from app_pages.parts.common import PAGE_SIZE
from tests.e2e.support import cards, find_in_library, goto, wait_idle


def test_filter_by_focus_and_open_a_routine(page: Page, app_url: str) -> None:
    """Choosing a focus area leaves only its routines, and Start opens the routine's steps."""
    goto(page, app_url)
    listed = cards(page)
    # The whole library (bundled and test routines), more than the first page of cards.
    all_count = int(page.get_by_text(re.compile(r"^\d+ of \d+ routines$")).inner_text().split()[0])
    assert all_count >= 12 and listed.count() == min(all_count, PAGE_SIZE)

    page.get_by_role("button", name="Upper back & neck").click()
    expect(listed.filter(has_not_text="Upper back & neck")).to_have_count(0)
    wait_idle(page)  # the filtering run has ended: no card of the old list is left
    narrowed = listed.count()
    assert 2 <= narrowed < all_count
    expect(page.get_by_text(f"{narrowed} of {all_count} routines")).to_be_visible()

    first = listed.first
    title = first.get_by_role("heading").inner_text()
    # Read the card before Start: once the routine's page opens, the card is gone.
    routine_id = first.get_attribute("data-id")
    first.get_by_role("button", name="Start").click()
    expect(page).to_have_url(f"{app_url}/routine?routine={routine_id}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_text("Total time")).to_be_visible()


def test_a_card_shows_markup_as_text_and_starts_from_the_keyboard(page: Page, app_url: str) -> None:
    """A routine's title and summary show on its card as written, never as markup; its Start
    button says which routine it starts, and the keyboard alone reaches it and opens it."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    title = "<b>E2E</b> markup routine"
    found = find_in_library(page, app_url, title, "e2e-xss")
    expect(found.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(
        found.get_by_text("<script>window.__xss = 1</script> [link](javascript:alert(1))")
    ).to_be_visible()
    assert found.locator("b, script, a").count() == 0
    assert page.evaluate("window.__xss") is None and dialogs == []

    start_button = found.get_by_role("button", name="Start")
    expect(start_button).to_have_accessible_description(title)
    page.get_by_label("Search routines").focus()
    for _ in range(40):  # Tab on through the filters to the card's Start
        page.keyboard.press("Tab")
        if start_button.evaluate("b => b.getRootNode().activeElement === b"):
            break
    else:
        raise AssertionError("Tab never reached the card's Start button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_url}/routine?routine=e2e-xss")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()


def test_deep_link_opens_the_routine(page: Page, app_url: str) -> None:
    """A typed or bookmarked /?routine=<id> link lands on that routine's page."""
    goto(page, f"{app_url}/?routine=spasm-relief")
    expect(page).to_have_url(f"{app_url}/routine?routine=spasm-relief")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Routine not found")
    expect(page.get_by_text("Steps", exact=True)).to_be_visible()


def test_unknown_routine_says_so(page: Page, app_url: str) -> None:
    """A link to a routine that does not exist says so and links back to the library."""
    goto(page, f"{app_url}/routine?routine=no-such-thing")
    expect(page.get_by_role("heading", name="Routine not found")).to_be_visible()
    expect(page.get_by_role("link", name="All routines")).to_be_visible()


def test_the_page_icon_is_the_apps_own(page: Page, app_url: str) -> None:
    """The tab's icon is served by the app itself: an emoji or a Material icon would be
    fetched from a CDN on every visit, a request to a third party from a health app."""
    goto(page, app_url)
    icon = page.locator("link[rel*=icon][href*='/app/static/favicon.png']")
    expect(icon).to_have_count(1)
    href = icon.evaluate("l => l.href")
    assert href == f"{app_url}/app/static/favicon.png"
    assert page.request.get(href).headers["content-type"] == "image/png"
    hrefs = page.evaluate("[...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert all(h.startswith(app_url) for h in hrefs), hrefs
