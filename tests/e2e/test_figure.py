"""The figure in the player, on the session's own clock: it moves with the count, holds, mirrors and freezes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from limber import library
from limber.plan import step_time
from tests.e2e.support import cards, goto, open_routine, run, shows, start
from tests.support.app import ROOT

FIGURE = ".lp-figure .lp-figure-live svg"
# Every limb's points, in drawing order: what a person sees of the pose.
SNAPSHOT = f"""() => {{
  const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('.lp'));
  const svg = host.shadowRoot.querySelector({FIGURE!r});
  return [...svg.querySelectorAll('polyline')].map(p => p.getAttribute('points')).join('|');
}}"""


def pose(page: Page) -> str:
    """What the live figure shows now."""
    return page.evaluate(SNAPSHOT)


def coordinates(snapshot: str) -> list[float]:
    return [float(v) for line in snapshot.split("|") for p in line.split() for v in p.split(",")]


def moved(a: str, b: str) -> float:
    """How far the farthest point moved between two snapshots, in the figure's units."""
    return max(abs(x - y) for x, y in zip(coordinates(a), coordinates(b), strict=True))


def mean_x(snapshot: str) -> float:
    """The mean x of every point drawn: its sign says which way the figure faces."""
    xs = [float(p.split(",")[0]) for line in snapshot.split("|") for p in line.split()]
    return sum(xs) / len(xs)


def test_figure_moves_once_per_rep_and_freezes_when_paused(page: Page, app_url: str) -> None:
    """A rep step goes through its poses once per rep on the player's clock, and stands still paused."""
    open_routine(page, app_url, "e2e-figure")
    start(page)
    figure = page.locator(FIGURE)
    expect(figure).to_have_attribute("role", "img")
    expect(figure).to_have_attribute(
        "aria-label", "Next: Lying on your back, knees bent, feet flat"
    )
    run(page, 2)
    shows(page, "Pelvic tilts", "0:08")
    expect(figure).to_have_attribute(
        "aria-label",
        "Lying on your back, knees bent, feet flat; "
        "then Lying on your back, pelvis tilted to flatten the lower back",
    )
    run(page, 0.1)
    rep_start = pose(page)
    run(page, 1.9)  # the middle of the first rep: the pelvis tilted
    mid_rep = pose(page)
    run(page, 2)  # the start of the second rep: back where it began
    assert moved(rep_start, mid_rep) > 2  # the pelvis rolls: the knees and belly move
    assert moved(rep_start, pose(page)) < 1  # at most the ribs' breath apart

    run(page, 2)
    page.get_by_role("button", name="Pause").click()
    paused = pose(page)
    run(page, 30)
    assert pose(page) == paused
    page.get_by_role("button", name="Resume").click()
    run(page, 1)
    assert moved(paused, pose(page)) > 1


def test_second_side_is_mirrored_and_previous_redraws(page: Page, app_url: str) -> None:
    """The right side shows the pose mirrored; going back to the left side draws it unmirrored at once."""
    open_routine(page, app_url, "e2e-figure")
    start(page)
    run(page, 2 + 8 + 2 + 1)
    shows(page, "Clamshell", "0:05", side="Left side")
    left = pose(page)
    run(page, 5 + 5 + 1)
    shows(page, "Clamshell", "0:05", side="Right side")
    right = pose(page)
    assert right != left
    assert mean_x(right) == pytest.approx(-mean_x(left), abs=0.5)
    assert abs(mean_x(left)) > 1
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Previous step").click()  # just begun: back to the left side
    shows(page, "Clamshell", "0:06", side="Left side")
    assert mean_x(pose(page)) == pytest.approx(mean_x(left), abs=0.5)


def test_reduced_motion_shows_the_key_poses_still(page: Page, app_url: str) -> None:
    """With prefers-reduced-motion, a rep step shows its key poses still, named for a screen reader."""
    page.emulate_media(reduced_motion="reduce")
    open_routine(page, app_url, "e2e-figure")
    start(page)
    run(page, 2.5)
    still = page.locator(".lp-figure .lp-figure-still svg")
    expect(still).to_be_visible()
    expect(still).to_have_attribute(
        "aria-label",
        "Lying on your back, knees bent, feet flat, "
        "then Lying on your back, pelvis tilted to flatten the lower back",
    )
    expect(page.locator(FIGURE)).to_be_hidden()


def test_every_card_draws_its_still_from_one_load_of_the_geometry(page: Page, app_url: str) -> None:
    """Each Library card shows its routine's figure, named for a screen reader; the figure's
    code is fetched once for the whole page, not carried by every card."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith("/figure.js") else None)
    goto(page, app_url)
    boxes = cards(page).locator(".lr-still")  # a card whose routine has a demo
    stills = cards(page).locator(".lr-still svg.figure-still")
    expect(stills.first).to_be_visible()
    assert boxes.count() >= 6  # most of the first page of cards (e2e routines may have no demo)
    expect(stills).to_have_count(boxes.count())
    label = stills.first.get_attribute("aria-label")
    assert label and label != "No demonstration"
    assert fetched == [f"{app_url}/app/static/figure.js"]


def test_each_step_on_a_routine_page_shows_its_still(page: Page, app_url: str) -> None:
    """Below the player, each step is listed in order with its name as a heading, how long it
    takes and a still of its demo, named for a screen reader."""
    routine = library.load(ROOT / "routines").get("cat-cow-flow").routine
    goto(page, f"{app_url}/routine?routine=cat-cow-flow")
    steps = cards(page, "Steps")
    expect(steps).to_have_count(len(routine.steps))
    for number, (item, step) in enumerate(zip(steps.all(), routine.steps, strict=True), 1):
        expect(item.get_by_role("heading", level=3)).to_have_text(f"{number}. {step.name}")
        expect(item.get_by_text(step_time(step), exact=True)).to_be_visible()
        still = item.locator(".lr-still svg.figure-still")
        expect(still).to_be_visible()
        assert still.get_attribute("aria-label") not in (None, "", "No demonstration")
