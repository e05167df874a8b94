"""The routine player in Chromium, with Playwright's clock: a whole routine in a second of real time."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import goto, open_routine, run, shows, start, stored_sessions


def test_whole_routine_in_order_then_saved(page: Page, app_url: str) -> None:
    """Segments advance in order with sides and rests, and the saved record has the right fields."""
    open_routine(page, app_url, "e2e-short")
    start(page, pain=4)
    shows(page, "Get ready", "0:03")
    expect(page.locator(".lp-next")).to_have_text("Next: Knee hug")
    run(page, 3)
    shows(page, "Knee hug", "0:10")
    expect(page.locator(".lp-overall")).to_have_text("Step 1 of 3 · 0:41 left")
    expect(page.locator(".lp-cue")).to_have_text("Breathe out and soften")
    run(page, 6)
    shows(page, "Knee hug", "0:04")
    expect(page.locator(".lp-cue")).to_have_text("Let the back widen")
    run(page, 4)
    shows(page, "Rest", "0:04")
    expect(page.locator(".lp-next")).to_have_text("Next: Figure four")
    run(page, 4)
    shows(page, "Figure four", "0:06", side="Left side")
    run(page, 6)
    shows(page, "Switch sides", "0:05")
    run(page, 5)
    shows(page, "Figure four", "0:06", side="Right side")
    run(page, 6 + 4)
    shows(page, "Pelvic tilts", "0:06")
    expect(page.locator(".lp-rep-count")).to_have_text("Rep 1 of 3 · about 2 s each")
    run(page, 2)
    expect(page.locator(".lp-rep-count")).to_have_text("Rep 2 of 3 · about 2 s each")
    run(page, 4)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    expect(page.locator(".lp-end-summary")).to_have_text("0:44 of practice · 3 of 3 steps done")
    spoken = page.evaluate("window.__spoken")
    for line in [
        "Get ready. First: Knee hug",
        "Knee hug",
        "Rest. Next: Figure four",
        "Left side. Figure four",
        "Switch sides — now the right",
        "Right side. Figure four",
        "Pelvic tilts",  # the short form: "One" comes a second in
        "Well done",
    ]:
        assert line in spoken

    page.get_by_role("radiogroup", name="Pain after").get_by_text("2", exact=True).click()
    page.get_by_label("Note (optional)").fill("Looser afterwards")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_have_text(
        "Saved to your history."
    )

    [record] = stored_sessions(page)
    assert {k: record[k] for k in ["r", "a", "c", "k", "d", "pb", "pa", "n", "v"]} == {
        "r": "e2e-short",
        "a": 44,
        "c": 3,
        "k": 0,
        "d": True,
        "pb": 4,
        "pa": 2,
        "n": "Looser afterwards",
        "v": 1,
    }
    iso = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$"
    assert re.match(iso, record["s"]) and re.match(iso, record["e"])
    doc = json.loads(page.evaluate("localStorage.getItem('limber.history')"))
    assert doc["routines"]["e2e-short"] == {"title": "E2E short routine", "focus": ["lower-back"]}


def test_pause_freezes_the_clock(page: Page, app_url: str) -> None:
    """While paused the countdown does not move, however long; Space resumes it."""
    open_routine(page, app_url, "e2e-short")
    start(page)
    run(page, 3 + 2)
    shows(page, "Knee hug", "0:08")
    page.get_by_role("button", name="Pause").click()
    run(page, 600)
    shows(page, "Knee hug", "0:08")
    expect(page.locator(".lp-phase")).to_have_text("Paused · Now")
    page.locator(".lp-name").click()  # focus away from the buttons, as after a glance
    page.keyboard.press("Space")
    run(page, 3)
    shows(page, "Knee hug", "0:05")
    page.keyboard.press("Space")
    run(page, 100)
    shows(page, "Knee hug", "0:05")


def test_next_previous_restart_by_buttons_and_keys(page: Page, app_url: str) -> None:
    """Next, Previous and Restart work from the buttons and from the arrow keys."""
    open_routine(page, app_url, "e2e-short")
    start(page)
    page.get_by_role("button", name="Next step").click()
    shows(page, "Knee hug", "0:10")
    run(page, 4)
    page.get_by_role("button", name="Restart step").click()
    shows(page, "Knee hug", "0:10")
    page.locator(".lp-name").click()
    page.keyboard.press("ArrowRight")
    shows(page, "Rest", "0:04")
    page.keyboard.press("ArrowRight")
    shows(page, "Figure four", "0:06", side="Left side")
    page.keyboard.press("ArrowLeft")
    shows(page, "Knee hug", "0:10")
    page.get_by_role("button", name="Previous step").click()
    shows(page, "Get ready", "0:03")


def test_ended_early_is_recorded_as_not_finished(page: Page, app_url: str) -> None:
    """Ending a session early records it, not finished, with the skipped step counted."""
    open_routine(page, app_url, "e2e-short")
    start(page, pain=6)
    run(page, 3 + 10)
    page.keyboard.press("ArrowRight")  # skip the rest
    run(page, 2)
    page.get_by_role("button", name="Next step").click()  # skip the left side
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("heading", name="Session ended")).to_be_visible()
    [record] = stored_sessions(page)
    assert (record["d"], record["c"], record["k"], record["pb"], record["pa"]) == (
        False,
        1,
        1,
        6,
        None,
    )
    assert record["a"] == 15


def test_reload_mid_session_keeps_the_store_whole(page: Page, app_url: str) -> None:
    """Reloading in the middle records the session as ended early and corrupts nothing."""
    open_routine(page, app_url, "e2e-short")
    start(page)
    run(page, 5)
    page.clock.resume()  # let the app's own timers run again while it reloads
    page.reload()
    expect(page.locator(".lp-start")).to_be_visible()
    [record] = stored_sessions(page)
    assert record["d"] is False and record["r"] == "e2e-short"
    assert page.evaluate("localStorage.getItem('limber.history.quarantine')") is None


def test_safety_notice_is_shown_once(page: Page, app_url: str) -> None:
    """The safety notice comes before the first session and is remembered in this browser."""
    open_routine(page, app_url, "e2e-short", seen_safety=False)
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    expect(page.get_by_role("button", name="Start")).to_be_disabled()
    page.get_by_role("button", name="I understand").click()
    expect(page.get_by_role("button", name="Start")).to_be_enabled()
    page.clock.resume()
    goto(page, f"{app_url}/routine?routine=cat-cow-flow")
    expect(page.locator(".lp-start")).to_be_visible()
    expect(page.get_by_role("heading", name="Before you start")).to_be_hidden()


def test_routine_text_is_shown_as_text(page: Page, app_url: str) -> None:
    """Markup in a routine shows as characters and runs no script, in the player and the page."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_routine(page, app_url, "e2e-xss")
    expect(page.get_by_text("<b>E2E</b> markup routine")).to_be_visible()
    start(page)
    run(page, 2)
    expect(page.locator(".lp-name")).to_have_text("<img src=x onerror=alert(1)>")
    expect(page.locator(".lp-instructions")).to_have_text(
        '<img src=y onerror="window.__xss=2"> breathe'
    )
    assert page.locator("img[src=x], img[src=y]").count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


YT_STANDIN = """
window.__yt = [];
window.YT = {
  Player: function (el, opts) {
    window.__yt.push(['new', opts.videoId, opts.host]);
    const frame = document.createElement('iframe');
    el.replaceWith(frame);
    let state = -1, t = 0;
    const p = {
      loadVideoById: (a) => { window.__yt.push(['load', a.startSeconds, a.endSeconds]); state = 1; t = a.startSeconds; },
      seekTo: (s) => { window.__yt.push(['seek', s]); t = s; },
      playVideo: () => { window.__yt.push(['play']); state = 1; },
      pauseVideo: () => { window.__yt.push(['pause']); state = 2; },
      getCurrentTime: () => { const f = window.__ytTime; window.__ytTime = undefined; return f ?? t; },
      getPlayerState: () => state,
      destroy: () => {},
    };
    Promise.resolve().then(() => opts.events.onReady({ target: p }));
    return p;
  },
};
window.onYouTubeIframeAPIReady();
"""


@pytest.fixture
def youtube_standin(page: Page) -> None:
    """YouTube's IFrame API replaced by a stand-in that records what the player asks of it."""
    page.route(
        "https://www.youtube.com/iframe_api",
        lambda route: route.fulfill(body=YT_STANDIN, content_type="text/javascript"),
    )


def yt_calls(page: Page) -> list[list]:
    calls = page.evaluate("window.__yt || []")
    page.evaluate("window.__yt = []")
    return calls


@pytest.mark.usefixtures("youtube_standin")
def test_youtube_follows_the_steps(page: Page, app_url: str) -> None:
    """The YouTube player plays each step's span, privacy-enhanced, and pauses for rests."""
    open_routine(page, app_url, "e2e-youtube")
    expect(page.locator(".lp-video iframe")).to_be_attached()
    assert yt_calls(page) == [["new", "AbCdEfGhIjK", "https://www.youtube-nocookie.com"]]
    start(page)
    assert yt_calls(page) == [["pause"]]  # "Get ready": nothing plays yet
    run(page, 2)
    assert yt_calls(page) == [["load", 30, 35]]
    run(page, 8)
    assert yt_calls(page)[-1] == ["pause"]  # rest
    run(page, 3)
    assert yt_calls(page) == [["load", 75, 90]]
    page.get_by_role("button", name="Pause").click()
    assert yt_calls(page) == [["pause"]]
    page.get_by_role("button", name="Resume").click()
    assert yt_calls(page) == [["play"]]
    run(page, 4 + 5)
    assert yt_calls(page)[-1] == ["load", 75, 90]  # the right side plays the span again


@pytest.mark.usefixtures("youtube_standin")
def test_youtube_span_loops_when_step_is_longer(page: Page, app_url: str) -> None:
    """A span shorter than its step starts again from its beginning until the step ends."""
    open_routine(page, app_url, "e2e-youtube")
    expect(page.locator(".lp-video iframe")).to_be_attached()
    start(page)
    run(page, 2)
    run(page, 1)
    assert not any(c[0] == "seek" for c in yt_calls(page))
    page.evaluate("window.__ytTime = 35")  # the video reached the span's end
    run(page, 0.4)
    assert yt_calls(page)[:2] == [["seek", 30], ["play"]]


def test_video_unavailable_says_so_and_clock_runs(page: Page, app_url: str) -> None:
    """With YouTube's script blocked, a sentence says so and the session goes on with the clock."""
    page.route("https://www.youtube.com/iframe_api", lambda route: route.abort())
    open_routine(page, app_url, "e2e-youtube")
    expect(page.locator(".lp-video-msg")).to_contain_text("The video could not be loaded")
    start(page)
    run(page, 2)
    shows(page, "Hundred prep", "0:08")
    run(page, 3)
    shows(page, "Hundred prep", "0:05")


def test_local_mp4_follows_the_steps(page: Page, app_url: str) -> None:
    """A local MP4 plays in a <video> element whose position follows each step's span."""
    open_routine(page, app_url, "e2e-mp4")
    video = page.locator(".lp-video video")
    expect(video).to_be_attached()
    page.wait_for_function(
        "() => { const h = [...document.querySelectorAll('*')].find(e => e.shadowRoot"
        " && e.shadowRoot.querySelector('.lp video'));"
        " return h && h.shadowRoot.querySelector('.lp video').readyState >= 1; }"
    )
    start(page)
    run(page, 2)
    first = video.evaluate("v => v.currentTime")
    assert 1 <= first < 2
    run(page, 4 + 2)
    second = video.evaluate("v => v.currentTime")
    assert 4 <= second < 5.5
    page.get_by_role("button", name="Pause").click()
    assert video.evaluate("v => v.paused") is True


FAKE_WAKE_LOCK = """
window.__wake = [];
Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: {
  request: async (type) => {
    window.__wake.push('request:' + type);
    const listeners = [];
    return {
      addEventListener: (name, fn) => listeners.push(fn),
      release: async () => { window.__wake.push('release'); listeners.forEach((fn) => fn()); },
    };
  },
}});
"""
COUNT_TONES = """
window.__tones = [];
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.__tones.push(this.frequency.value);
  return start.apply(this, args);
};
"""


def test_screen_kept_awake_while_running(page: Page, app_url: str) -> None:
    """The wake lock is taken on Start and Resume, and released on Pause and at the end."""
    page.context.add_init_script(FAKE_WAKE_LOCK)
    open_routine(page, app_url, "e2e-short")
    start(page)
    page.wait_for_function("window.__wake.length === 1")
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Resume").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_function("window.__wake.length === 4")
    assert page.evaluate("window.__wake") == [
        "request:screen",
        "release",
        "request:screen",
        "release",
    ]


def test_beeps_and_chimes(page: Page, app_url: str) -> None:
    """Three beeps count down the last seconds of a segment, and a chime marks its end."""
    page.context.add_init_script(COUNT_TONES)
    open_routine(page, app_url, "e2e-short")
    start(page)
    run(page, 3)  # "Get ready" (3 s): 3-2-1 beeps need a segment longer than 3 s
    run(page, 10)  # "Knee hug": beeps at 3, 2, 1, then the chime
    tones = page.evaluate("window.__tones")
    assert tones.count(880) == 3
    assert tones.count(660) == 2 and tones.count(990) == 2  # two segment ends, two-tone chime


def test_sound_and_voice_switches_are_remembered(page: Page, app_url: str) -> None:
    """Turning the voice and sounds off is remembered in this browser, and silences them."""
    page.context.add_init_script(COUNT_TONES)
    open_routine(page, app_url, "e2e-short")
    voice = page.locator(".lp-ready").get_by_role("combobox", name="Voice", exact=True)
    voice.select_option(label="Off")
    page.locator(".lp-ready").get_by_label("Sounds").uncheck()
    page.clock.resume()
    page.reload()
    expect(voice).to_have_value("off")
    expect(page.locator(".lp-ready").get_by_label("Sounds")).not_to_be_checked()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    start(page)
    run(page, 3 + 10)
    shows(page, "Rest", "0:04")
    assert page.evaluate("window.__spoken") == []
    assert page.evaluate("window.__tones") == []


def test_rep_step_done_button(page: Page, app_url: str) -> None:
    """On a rep step, "I'm done" ends it at once and counts it as completed."""
    open_routine(page, app_url, "e2e-short")
    start(page)
    run(page, 3 + 10 + 4 + 6 + 5 + 6 + 4)
    shows(page, "Pelvic tilts", "0:06")
    page.get_by_role("button", name="I'm done").click()
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    [record] = stored_sessions(page)
    assert (record["d"], record["c"], record["k"], record["a"]) == (True, 3, 0, 38)


@pytest.mark.usefixtures("youtube_standin")
def test_video_or_figure_is_the_persons_choice(page: Page, app_url: str) -> None:
    """With a video, the figure is small beside it; "Show the figure" swaps them, and is remembered."""
    open_routine(page, app_url, "e2e-youtube")
    expect(page.locator(".lp-video iframe")).to_be_attached()
    start(page)
    run(page, 2)
    frame, figure = page.locator(".lp-video-frame"), page.locator(".lp-figure svg").first
    expect(frame).to_be_visible()
    expect(figure).to_be_visible()
    small = figure.bounding_box()
    yt_calls(page)
    page.get_by_role("button", name="Show the figure").click()
    expect(frame).to_be_hidden()
    assert ["pause"] in yt_calls(page)  # a hidden video does not play on
    expect(figure).to_be_visible()
    assert figure.bounding_box()["width"] > 2 * small["width"]
    page.clock.resume()
    page.reload()
    expect(page.locator(".lp-start")).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    start(page)
    run(page, 2)
    expect(page.get_by_role("button", name="Show the video")).to_be_visible()
    expect(frame).to_be_hidden()
