"""The running player on four screens: what a person on the mat needs fits the window, at every step."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Page, expect

from limber import library
from limber.plan import Plan, build
from tests.e2e.support import open_routine, run, start

ROOT = Path(__file__).resolve().parents[2]
SIZES = {
    "phone-portrait": (390, 844),
    "phone-landscape": (844, 390),
    "tablet-portrait": (768, 1024),
    "laptop": (1280, 720),
}
# What must be in view, not overlapping, while a session runs.
ESSENTIALS = {
    "step name": ".lp-name",
    "countdown": ".lp-timer",
    "figure or video": ".lp-stage > :not([hidden])",
    "cue": ".lp-cue",
    "Pause": ".lp-pause",
    "Next": ".lp-next-btn",
}
# The real Fullscreen API, with each request recorded (headless Chromium honours it).
RECORD_FULLSCREEN = """
window.__fullscreen = [];
const requestFullscreen = Element.prototype.requestFullscreen;
Element.prototype.requestFullscreen = function (...args) {
  window.__fullscreen.push(this.className);
  return requestFullscreen.apply(this, args);
};
"""
APP_BAR_BOTTOM = (
    "() => { const bar = document.querySelector('[data-testid=stHeader]');"
    " return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0; }"
)


def plan_of(routine_id: str) -> Plan:
    """The routine's timeline as the player gets it (bundled and e2e routines)."""
    lib = library.load(ROOT / "routines", ROOT / "tests" / "e2e" / "routines")
    entry = lib.get(routine_id)
    assert entry is not None
    return build(entry.routine, lib.poses)


def box(page: Page, selector: str) -> FloatRect:
    """The bounding box of the one visible element matching ``selector``."""
    found = page.locator(selector).locator("visible=true")
    expect(found).to_have_count(1)
    rect = found.bounding_box()
    assert rect is not None
    return rect


def overlap(a: FloatRect, b: FloatRect) -> bool:
    """Whether two boxes share any area (touching edges do not count)."""
    return (
        min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"]) > 0.5
        and min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"]) > 0.5
    )


def check_fits(page: Page, where: str, *, top: float) -> None:
    """The essentials are inside the window below ``top``, apart, and the countdown is large."""
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    boxes = {name: box(page, sel) for name, sel in ESSENTIALS.items()}
    for name, b in boxes.items():
        inside = (
            b["x"] >= -0.5
            and b["y"] >= top - 0.5
            and b["x"] + b["width"] <= width + 0.5
            and b["y"] + b["height"] <= height + 0.5
        )
        assert inside, f"{where}: {name} {b} is not inside {width}x{height} below {top}"
        assert b["width"] > 0 and b["height"] > 0, f"{where}: {name} has no size"
    names = list(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not overlap(boxes[a], boxes[b]), f"{where}: {a} overlaps {b}"
    shorter = min(width, height)
    assert boxes["countdown"]["height"] >= 0.18 * shorter, f"{where}: countdown too small"


@pytest.fixture(params=SIZES.values(), ids=SIZES.keys())
def sized_page(page: Page, request: pytest.FixtureRequest) -> Page:
    """The test's page at one of the four window sizes."""
    width, height = request.param
    page.set_viewport_size({"width": width, "height": height})
    page.context.add_init_script(RECORD_FULLSCREEN)
    return page


def start_with_how_open(page: Page, app_url: str, routine_id: str) -> None:
    """Start a routine, open "How to do it", and scroll back to the player, as a person would."""
    open_routine(page, app_url, routine_id)
    start(page)
    how = page.locator(".lp-how")
    expect(how).not_to_have_attribute("open", "")
    page.get_by_text("How to do it", exact=True).click()
    expect(how).to_have_attribute("open", "")
    page.locator(".lp").evaluate("el => el.scrollIntoView({block: 'start'})")


@pytest.mark.parametrize("routine_id", ["cat-cow-flow", "e2e-mp4"])
def test_every_step_fits_the_window(sized_page: Page, app_url: str, routine_id: str) -> None:
    """At every segment the name, countdown, figure or video, cue, Pause and Next are in view, apart, and nothing moves the page."""
    page = sized_page
    plan = plan_of(routine_id)
    start_with_how_open(page, app_url, routine_id)
    top = page.evaluate(APP_BAR_BOTTOM)
    screen = box(page, ".lp-screen")
    assert abs(screen["y"] - top) < page.viewport_size["height"] * 0.05  # right below the bar
    for number, segment in enumerate(plan.segments):
        where = f"segment {number} ({segment.kind} {segment.label})"
        expect(page.locator(".lp-name")).to_have_text(segment.label)
        check_fits(page, where, top=top)
        assert box(page, ".lp-screen")["y"] == screen["y"], f"{where}: the page moved"
        expect(page.locator(".lp-how")).to_have_attribute("open", "")
        run(page, segment.seconds)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()


def test_focus_mode_fills_the_screen(sized_page: Page, app_url: str) -> None:
    """The focus button asks for full screen on the player, which then fills the window without the app's bar; the button leaves it."""
    page = sized_page
    open_routine(page, app_url, "cat-cow-flow")
    start(page)
    page.get_by_role("button", name="Full screen").click()
    expect(page.get_by_role("button", name="Leave full screen")).to_be_visible()
    requested = page.evaluate("window.__fullscreen")
    assert [classes.split()[0] for classes in requested] == ["lp"]  # the player itself
    player = box(page, ".lp")
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert (player["x"], player["y"], player["width"], player["height"]) == (0, 0, width, height)
    check_fits(page, "in focus mode", top=0)
    run(page, 12)
    check_fits(page, "in focus mode, later", top=0)
    page.get_by_role("button", name="Leave full screen").click()
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()
    assert page.evaluate("document.fullscreenElement") is None
    check_fits(page, "after focus mode", top=page.evaluate(APP_BAR_BOTTOM))


def test_leaving_full_screen_by_the_browser_restores_the_page(page: Page, app_url: str) -> None:
    """When the browser ends full screen (Escape), the player goes back below the app's bar."""
    page.set_viewport_size({"width": 844, "height": 390})
    open_routine(page, app_url, "cat-cow-flow")
    start(page)
    page.get_by_role("button", name="Full screen").click()
    expect(page.get_by_role("button", name="Leave full screen")).to_be_visible()
    page.evaluate("document.exitFullscreen()")  # what Escape does
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()
    expect(page.locator(".lp")).not_to_have_class("lp-focus")
    check_fits(page, "after Escape", top=page.evaluate(APP_BAR_BOTTOM))


def test_how_to_do_it_stays_open_next_time(page: Page, app_url: str) -> None:
    """Once opened, "How to do it" is open again in the next session in this browser."""
    start_with_how_open(page, app_url, "e2e-short")
    expect(page.locator(".lp-instructions")).to_be_visible()
    page.clock.resume()
    page.reload()
    expect(page.locator(".lp-start")).to_be_visible()
    start(page)
    expect(page.locator(".lp-how")).to_have_attribute("open", "")
    page.get_by_text("How to do it", exact=True).click()
    expect(page.locator(".lp-instructions")).to_be_hidden()
    page.reload()
    start(page)
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    expect(page.locator(".lp-how")).not_to_have_attribute("open", "")


def test_focus_mode_without_the_fullscreen_api_covers_the_page(page: Page, app_url: str) -> None:
    """Where the browser has no Fullscreen API (iPhones), focus mode lays the player over the whole page; Escape leaves it."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_init_script("delete Element.prototype.requestFullscreen;")
    open_routine(page, app_url, "cat-cow-flow")
    start(page)
    page.get_by_role("button", name="Full screen").click()
    expect(page.get_by_role("button", name="Leave full screen")).to_be_visible()
    assert box(page, ".lp") == {"x": 0, "y": 0, "width": 390, "height": 844}
    on_top = "() => document.elementFromPoint(20, 20).closest('[data-testid=stHeader]') === null"
    assert page.evaluate(on_top), "the app's bar shows through"
    check_fits(page, "covering the page", top=0)
    page.locator(".lp-name").click()  # focus away from the buttons, as after a glance
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Full screen")).to_be_visible()
    check_fits(page, "after Escape", top=page.evaluate(APP_BAR_BOTTOM))
