"""Importing a video in Chromium: a direct MP4 on a local server becomes a routine that plays."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from limber import importer
from tests.e2e.support import (
    SEEN_SAFETY,
    find_in_library,
    give_length,
    name_and_save,
    read_video,
    run,
    serve,
    start,
)
from tests.support.history import NOW
from tests.support.http_server import LocalServer


def player_video(page: Page) -> Locator:
    """The player's <video> element, once it has read the video's metadata."""
    video = page.locator(".lp-video video")
    expect(video).to_be_attached()
    page.wait_for_function("v => v.readyState >= 1", arg=video.element_handle())
    return video


def plays(page: Page, video: Locator) -> None:
    """Start the routine, skip the preparation with the fake clock, and see the video play."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    start(page)
    run(page, 10.5)  # an imported routine prepares for 10 s
    expect(page.locator(".lp-name")).to_have_text("Part 1")
    page.wait_for_function("v => !v.paused && v.currentTime > 0", arg=video.element_handle())


def test_an_imported_mp4_is_in_the_library_and_plays(
    page: Page, app_url: str, video_site: LocalServer
) -> None:
    """Read a direct MP4, split it, title and save it: the Library finds it and its page plays it."""
    page.context.add_init_script(SEEN_SAFETY)
    page.clock.install(time=NOW)
    url = serve(video_site, "morning-stretch")
    read_video(page, app_url, url)
    expect(page.get_by_role("heading", name="morning-stretch")).to_be_visible()
    expect(page.get_by_text("Length: not given by the site")).to_be_visible()
    give_length(page)
    expect(page.get_by_text("These steps come from equal parts of the video.")).to_be_visible()
    name_and_save(page, "E2E imported stretch", "e2e-imported-stretch")
    expect(page.get_by_role("link", name="Open the routine")).to_be_visible()

    card = find_in_library(page, app_url, "E2E imported stretch", "e2e-imported-stretch")
    expect(card.get_by_text("Available offline")).to_have_count(0)
    card.get_by_role("button", name="Start").click()
    expect(page).to_have_url(f"{app_url}/routine?routine=e2e-imported-stretch")
    expect(page.get_by_role("heading", name="E2E imported stretch")).to_be_visible()
    expect(page.get_by_text("4. Part 4")).to_be_visible()
    video = player_video(page)
    assert video.get_attribute("src") == url  # no copy kept: the web link itself
    plays(page, video)


def test_a_kept_copy_plays_without_the_site(
    page: Page, app_url: str, video_site: LocalServer, e2e_dir: Path
) -> None:
    """Keep a copy: the bar reaches done, the Library says offline, and the page plays the copy."""
    page.context.add_init_script(SEEN_SAFETY)
    page.clock.install(time=NOW)
    url = serve(video_site, "offline-stretch")
    read_video(page, app_url, url)
    give_length(page)
    name_and_save(page, "E2E offline stretch", "e2e-offline-stretch")

    expect(page.get_by_role("heading", name="Keep a copy for offline use")).to_be_visible()
    page.get_by_text("Up to 360p").click()
    page.get_by_role("button", name="Keep a copy").click()
    done = page.get_by_text(re.compile(r"^Done: \d+\.\d kB kept for offline use\.$"))
    expect(done).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    copy = importer.cached_video(url, e2e_dir / "videos")
    assert copy is not None and copy.read_bytes() == video_site.clip.read_bytes()  # type: ignore[attr-defined]

    del video_site.routes["/offline-stretch.mp4"]  # the site no longer has it
    card = find_in_library(page, app_url, "E2E offline stretch", "e2e-offline-stretch")
    expect(card.get_by_text("Available offline")).to_be_visible()
    card.get_by_role("button", name="Start").click()
    video = player_video(page)
    assert "/media/" in video.get_attribute("src")
    assert "127.0.0.1" not in video.get_attribute("src")
    plays(page, video)

    page.clock.resume()
    page.get_by_role("button", name="Delete the offline copy").click()
    expect(page.get_by_text("The offline copy was deleted")).to_be_visible()
    assert importer.cached_video(url, e2e_dir / "videos") is None
    expect(page.locator(".lp-video video")).to_have_attribute("src", url)


def test_markup_in_pasted_timestamps_is_text(
    page: Page, app_url: str, video_site: LocalServer
) -> None:
    """An HTML payload pasted as a step name, or typed as the title, shows as text and runs nothing."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    read_video(page, app_url, serve(video_site, "pasted-stretch"))
    page.get_by_text("Timestamps I paste", exact=True).click()
    lines = page.get_by_role("textbox", name="Timestamp lines")
    lines.fill("0:00 <img src=x onerror=alert(1)>\n0:04 <b>Second</b> [link](javascript:alert(2))")
    lines.press("Control+Enter")
    give_length(page)
    expect(page.get_by_text("These steps come from the timestamps you gave.")).to_be_visible()
    title = "<script>window.__xss=1</script> E2E pasted"
    name_and_save(page, title, "script-window-xss-1-script-e2e-pasted")

    page.get_by_role("link", name="Open the routine").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_text("1. <img src=x onerror=alert(1)>")).to_be_visible()
    expect(page.get_by_text("2. <b>Second</b> [link](javascript:alert(2))")).to_be_visible()
    assert page.locator("img[src=x], script:has-text('__xss')").count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_timestamps_written_last_on_the_line_become_steps(
    page: Page, app_url: str, video_site: LocalServer
) -> None:
    """Lines with the time at the end, numbered and with notes, as uploaders write them, become steps."""
    read_video(page, app_url, serve(video_site, "time-last"))
    page.get_by_text("Timestamps I paste", exact=True).click()
    lines = page.get_by_role("textbox", name="Timestamp lines")
    lines.fill("1. Warm-up 0:00\n2. Cat–cow 0:03 (slowly)\n3. Child's pose 0:06")
    lines.press("Control+Enter")
    give_length(page)
    expect(page.get_by_text("These steps come from the timestamps you gave.")).to_be_visible()
    name_and_save(page, "E2E time last", "e2e-time-last")

    page.get_by_role("link", name="Open the routine").click()
    expect(page.get_by_text("1. Warm-up")).to_be_visible()
    expect(page.get_by_text("2. Cat–cow (slowly)")).to_be_visible()
    expect(page.get_by_text("3. Child's pose")).to_be_visible()
