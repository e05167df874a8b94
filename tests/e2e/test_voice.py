"""The voice in Chromium: a speechSynthesis stand-in that speaks on the page's clock, a whole
routine said at each level, the settings remembered, speech cancelled on pause."""

from __future__ import annotations

import itertools
import json

from playwright.sync_api import Locator, Page, expect

from tests.e2e.support import SEEN_SAFETY, goto, run, shows, start
from tests.support.history import NOW
from tests.support.speech import said, speech_standin, texts

ROUTINE = "e2e-voice"
SECONDS = 6 + 45 + 6 + 12 + 5 + 12 + 6 + 9
COUNTS = ["One", "Two", "Three", "Four"]
COUNT_TONES = """
window.__tones = [];
const startTone = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.__tones.push(this.frequency.value);
  return startTone.apply(this, args);
};
"""


def open_voice_routine(page: Page, app_url: str, *, prefs: dict | None = None) -> None:
    """Open the voice routine with the speech stand-in and a paused fake clock."""
    page.context.add_init_script(SEEN_SAFETY)
    page.context.add_init_script(speech_standin())
    if prefs is not None:
        page.context.add_init_script(
            f"localStorage.setItem('limber.prefs', {json.dumps(json.dumps(prefs))});"
        )
    page.clock.install(time=NOW)
    goto(page, f"{app_url}/routine?routine={ROUTINE}")
    expect(page.locator(".lp-start")).to_be_visible()
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)


def ready_setting(page: Page, label: str) -> Locator:
    """A choice on the ready screen, found by its label."""
    return page.locator(".lp-ready").get_by_role("combobox", name=label, exact=True)


def in_order(wanted: list[str], got: list[str]) -> bool:
    """Whether ``wanted`` appears in ``got`` in this order (other lines may come between)."""
    rest = iter(got)
    return all(any(line == w for line in rest) for w in wanted)


def assert_no_overlap(lines: list[dict]) -> None:
    for before, after in itertools.pairwise(lines):
        assert before["end"] is not None and before["end"] <= after["start"], (before, after)


def test_full_guidance_says_names_setups_and_counts_in_turn(page: Page, app_url: str) -> None:
    """With full guidance, a whole routine says each step's name and set-up line and the rep
    counts in order, and no line overlaps another."""
    open_voice_routine(page, app_url)
    expect(ready_setting(page, "Voice")).to_have_value("full")
    start(page)
    run(page, SECONDS)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    run(page, 2)  # let "Well done" be said to its end
    lines = said(page)
    spoken = [line["text"] for line in lines]
    assert in_order(
        [
            "Get ready. First: Long hold. Lie on your back.",
            "Long hold. Knees bent, feet flat.",
            "Halfway",
            "Ten seconds",
            "Three",
            "Two",
            "One",
            "Rest. Next: Clams. Lie on your side. Open the top knee.",
            "Left side. Clams. 4 reps",
            *COUNTS,
            "Switch sides — now the right",
            "Right side. Clams. 4 reps",
            *COUNTS,
            "Rest. Next: Bridge. Feet flat, arms long.",
            "Bridge. 3 reps. Lift the hips, then roll down.",
            "Well done",
        ],
        spoken,
    ), spoken
    bridge = spoken[spoken.index("Bridge. 3 reps. Lift the hips, then roll down.") :]
    assert bridge == ["Bridge. 3 reps. Lift the hips, then roll down.", "Well done"]
    assert_no_overlap(lines)
    assert not any(line["cancelled"] for line in lines)


def test_cues_only_says_no_setup_and_no_counts(page: Page, app_url: str) -> None:
    """With cues only, the steps are named and their cues said, without set-up lines or counts."""
    open_voice_routine(page, app_url)
    ready_setting(page, "Voice").select_option(label="Cues")
    start(page)
    run(page, SECONDS + 2)
    expect(page.get_by_role("heading", name="Well done")).to_be_visible()
    spoken = texts(page)
    assert in_order(
        [
            "Get ready. First: Long hold",
            "Long hold",
            "Breathe slowly",
            "Halfway",
            "Soften the jaw",
            "Rest. Next: Clams",
            "Left side. Clams. 4 reps",
            "Hips stacked",
            "Switch sides",
            "Right side. Clams. 4 reps",
            "Rest. Next: Bridge",
            "Bridge. 3 reps",
            "Well done",
        ],
        spoken,
    ), spoken
    assert not set(spoken) & {*COUNTS, "Ten seconds", "Lie on your back."}
    assert not any("Lie on your side" in line or "Feet flat" in line for line in spoken)
    assert_no_overlap(said(page))


def test_voice_off_says_nothing_and_beeps_still(page: Page, app_url: str) -> None:
    """With the voice off nothing is said, and the last-seconds beeps still sound."""
    page.context.add_init_script(COUNT_TONES)
    open_voice_routine(page, app_url)
    ready_setting(page, "Voice").select_option(label="Off")
    start(page)
    run(page, 6)
    shows(page, "Long hold", "0:45")
    assert texts(page) == []
    assert page.evaluate("window.__tones").count(880) == 3


def test_voice_settings_are_remembered(page: Page, app_url: str) -> None:
    """The voice level, the speaking voice and the speed are kept in this browser and used."""
    open_voice_routine(page, app_url)
    picker = ready_setting(page, "Speaking voice")
    expect(picker).to_be_visible()
    expect(picker.locator("option")).to_have_text(["Kate", "Samantha"])
    ready_setting(page, "Voice").select_option(label="Cues")
    picker.select_option("Samantha")
    ready_setting(page, "Voice speed").select_option(label="Faster")
    page.clock.resume()
    page.reload()
    expect(ready_setting(page, "Voice")).to_have_value("cues")
    expect(ready_setting(page, "Speaking voice")).to_have_value("Samantha")
    expect(ready_setting(page, "Voice speed")).to_have_value("faster")
    stored = json.loads(page.evaluate("localStorage.getItem('limber.prefs')"))
    assert (stored["voice"], stored["voiceName"], stored["rate"]) == ("cues", "Samantha", "faster")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    start(page)
    run(page, 1)
    [first] = said(page)
    assert (first["text"], first["voice"], first["rate"]) == (
        "Get ready. First: Long hold",
        "Samantha",
        1.25,
    )


def test_old_switch_becomes_a_level(page: Page, app_url: str) -> None:
    """A voice switched off in an older version stays off; switched on, it is full guidance."""
    open_voice_routine(page, app_url, prefs={"sound": True, "voice": False})
    expect(ready_setting(page, "Voice")).to_have_value("off")
    expect(page.locator(".lp-ready").get_by_label("Sounds")).to_be_checked()


def test_pause_cancels_speech_and_resume_goes_on(page: Page, app_url: str) -> None:
    """Pausing cuts the line being said; nothing is said while paused; after Resume the
    schedule goes on from where it was, and the level can be changed on the run screen."""
    open_voice_routine(page, app_url)
    start(page)
    run(page, 1)
    page.get_by_role("button", name="Pause").click()
    [cut] = said(page)
    assert cut["cancelled"] and cut["text"].startswith("Get ready")
    assert cut["end"] - cut["start"] < 1500
    run(page, 60)
    assert len(said(page)) == 1
    page.get_by_role("button", name="Resume").click()
    run(page, 5)
    shows(page, "Long hold", "0:45")
    assert texts(page)[1:] == ["Long hold. Knees bent, feet flat."]
    voice = page.locator(".lp-run").get_by_role("combobox", name="Voice", exact=True)
    voice.select_option(label="Off")
    assert said(page)[-1]["cancelled"]
    run(page, 30)
    assert len(said(page)) == 2
