"""The Library's body filters in a real browser: "No floor work", and "Pregnant" remembered."""

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from limber import library
from limber.model import Suitability
from tests.e2e.support import card, card_ids, cards, goto

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = [
    *library.load(ROOT / "routines").entries,
    *library.load(Path(__file__).parent / "routines").entries,
]


def library_size(page: Page) -> int:
    """How many routines the page's library holds (other tests may have imported some)."""
    return int(page.get_by_text(re.compile(r"^\d+ of \d+ routines$")).inner_text().split()[-2])


def open_more_filters(page: Page) -> None:
    """Open the popover with the rarer choices (its widgets are drawn only then)."""
    page.get_by_role("button", name="More filters").click()
    expect(page.get_by_text("No floor work", exact=True)).to_be_visible()


def test_no_floor_work_leaves_chair_and_standing_routines(page: Page, app_url: str) -> None:
    """Turning on "No floor work" leaves exactly the routines done sitting or standing."""
    goto(page, app_url)
    expected = {e.routine.id for e in ENTRIES if e.floor_free}
    size = library_size(page)
    open_more_filters(page)
    page.get_by_text("No floor work", exact=True).click()
    expect(page.get_by_text(f"{len(expected)} of {size} routines")).to_be_visible()
    # The cards are drawn just after the caption: wait for each, then compare.
    expect(cards(page)).to_have_count(len(expected))
    for routine_id in expected:
        expect(card(page, routine_id)).to_have_count(1)
    assert set(card_ids(page)) == expected


def test_pregnant_is_remembered_in_this_browser(page: Page, app_url: str) -> None:
    """Choosing "Pregnant" hides the flagged routines, and still does after a reload."""
    goto(page, app_url)
    flagged = {
        e.routine.id for e in ENTRIES if Suitability.NOT_IN_LATER_PREGNANCY in e.routine.suitability
    }
    size = library_size(page)
    left = size - len(flagged)
    open_more_filters(page)
    page.get_by_text("Pregnant", exact=True).click()
    expect(page.get_by_text(f"{left} of {size} routines · Pregnant")).to_be_visible()
    page.wait_for_function("localStorage.getItem('limber.library') !== null")
    assert json.loads(page.evaluate("localStorage.getItem('limber.library')")) == {"pregnant": True}

    goto(page, app_url)  # the popover closed, and what is on said with the count
    expect(page.get_by_text(f"{left} of {size} routines · Pregnant")).to_be_visible()
    for routine_id in flagged:  # the cards are drawn just after the caption
        expect(card(page, routine_id)).to_have_count(0)
    assert not set(card_ids(page)) & flagged
