"""The voice's pure part (voice.js) run in Node: levels, what is due, fitting a line, the estimate."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

import pytest

from components.player import JS_FILES
from limber.model import Routine
from limber.plan import VOICE_LEVEL_LABELS, VoiceLevel, build
from tests.support.node import run_js

ASSETS = JS_FILES[-1].parent
VOICE_JS = [ASSETS / "voice.js"]

SPEECH = [
    {"at": 0, "text": "Bridge. Lower slowly.", "short": "Bridge", "levels": ["full"]},
    {"at": 0, "text": "Bridge", "short": None, "levels": ["cues"]},
    {"at": 1.5, "text": "One", "short": None, "levels": ["full"]},
    {"at": 5, "text": "Breathe", "short": None, "levels": ["cues", "full"]},
    {"at": 7.5, "text": "Two", "short": None, "levels": ["full"]},
]


def js(scenario: str, payload: object = None) -> object:
    return run_js(VOICE_JS, scenario, payload)


def test_levels_are_the_plans() -> None:
    """The JS knows exactly the voice levels the plan writes."""
    assert js("result = VOICE_LEVELS;") == [level.value for level in VoiceLevel]


class _Options(HTMLParser):
    """The options of each <select>, by the select's class, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: list[tuple[str, list[tuple[str, str]]]] = []
        self._value: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "select":
            self.selects.append((dict(attrs).get("class") or "", []))
        elif tag == "option":
            self._value = dict(attrs).get("value") or ""

    def handle_data(self, data: str) -> None:
        if self._value is not None:
            self.selects[-1][1].append((self._value, data.strip()))
            self._value = None


def test_settings_offer_every_level_and_rate() -> None:
    """The settings (one template, copied to the ready and running screens) offer every level and rate."""
    parser = _Options()
    parser.feed((ASSETS / "component.html").read_text(encoding="utf-8"))
    levels = [(level.value, VOICE_LEVEL_LABELS[level]) for level in VoiceLevel]
    rates = js("result = Object.keys(VOICE_RATES);")
    assert [opts for cls, opts in parser.selects if cls == "lp-pref-voice"] == [levels]
    offered = [[v for v, _ in opts] for cls, opts in parser.selects if cls == "lp-pref-rate"]
    assert offered == [rates]


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        pytest.param(None, ("full", "normal", None), id="nothing-stored-full-guidance"),
        pytest.param({"sound": False}, ("full", "normal", None), id="no-voice-key"),
        pytest.param({"voice": False}, ("off", "normal", None), id="old-switch-off"),
        pytest.param({"voice": True}, ("full", "normal", None), id="old-switch-on"),
        pytest.param(
            {"voice": "cues", "rate": "faster", "voiceName": "Anna"},
            ("cues", "faster", "Anna"),
            id="new-shape-kept",
        ),
        pytest.param(
            {"voice": "loud", "rate": 3, "voiceName": 7}, ("full", "normal", None), id="unknown"
        ),
        pytest.param("garbage", ("full", "normal", None), id="not-an-object"),
    ],
)
def test_stored_voice_choices_become_level_rate_and_voice(stored: object, expected: tuple) -> None:
    """Stored preferences become a level, a rate and a voice name, the old switch migrated."""
    out = js("const p = voicePrefs(input); result = [p.voice, p.rate, p.voiceName];", stored)
    assert tuple(out) == expected


@pytest.mark.parametrize(
    ("level", "after", "up_to", "texts"),
    [
        pytest.param("full", -1, 0, ["Bridge. Lower slowly."], id="segment-start"),
        pytest.param("cues", -1, 0, ["Bridge"], id="segment-start-cues"),
        pytest.param("full", 0, 1.5, ["One"], id="boundary-included-at-the-end"),
        pytest.param("full", 1.5, 2, [], id="boundary-excluded-at-the-start"),
        pytest.param("cues", 0, 10, ["Breathe"], id="other-levels-lines-skipped"),
        pytest.param("full", 0, 10, ["One", "Breathe", "Two"], id="several"),
        pytest.param("off", -1, 10, [], id="off-says-nothing"),
    ],
)
def test_the_lines_due_are_those_of_the_level_in_the_window(
    level: str, after: float, up_to: float, texts: list[str]
) -> None:
    """The lines due are those of the level after one moment and up to another."""
    scenario = (
        "result = dueLines(input.speech, input.level, input.after, input.upTo).map(l => l.text);"
    )
    payload = {"speech": SPEECH, "level": level, "after": after, "upTo": up_to}
    assert js(scenario, payload) == texts


LINE = {"at": 0, "text": "x" * 20, "short": "y" * 10}


@pytest.mark.parametrize(
    ("line", "room_ms", "rate", "expected"),
    [
        pytest.param(LINE, 5000, 1, ("full", "x" * 20), id="room-to-spare"),
        pytest.param(LINE, 20 * 70 + 150, 1, ("full", "x" * 20), id="just-fits-with-the-gap"),
        pytest.param(LINE, 20 * 70 + 149, 1, ("short", "y" * 10), id="a-ms-short-then-short-form"),
        pytest.param(LINE, 20 * 70 / 1.25 + 150, 1.25, ("full", "x" * 20), id="faster-rate-fits"),
        pytest.param(LINE, 10 * 70 + 149, 1, ("drop", None), id="not-even-the-short-form"),
        pytest.param({**LINE, "short": None}, 1000, 1, ("drop", None), id="no-short-form"),
        pytest.param(LINE, -300, 1, ("drop", None), id="no-room-at-all"),
    ],
)
def test_a_line_is_said_whole_or_short_or_not_at_all_to_fit(
    line: dict, room_ms: float, rate: float, expected: tuple
) -> None:
    """A line is said whole if it fits before what follows, else its short form, else not at all."""
    scenario = (
        "const f = fitLine(input.line, input.room, 70, input.rate); result = [f.form, f.text];"
    )
    assert tuple(js(scenario, {"line": line, "room": room_ms, "rate": rate})) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            {"afterS": -1, "elapsedS": 0}, ("short", "Bridge"), id="start-room-up-to-the-count"
        ),
        pytest.param(
            {"afterS": -1, "elapsedS": 0, "level": "cues"},
            ("full", "Bridge"),
            id="room-up-to-the-next-line-of-the-level",
        ),
        pytest.param({"afterS": 0, "elapsedS": 6}, ("full", "Breathe"), id="late-only-latest"),
        pytest.param({"afterS": 0, "elapsedS": 1.5, "busy": True}, ("drop", None), id="busy-drops"),
        pytest.param({"afterS": 1.5, "elapsedS": 2}, (None, None), id="nothing-due"),
        pytest.param(
            {"afterS": 7, "elapsedS": 7.5, "seconds": 7.7}, ("drop", None), id="segment-end-room"
        ),
        pytest.param(
            {"afterS": 4.5, "elapsedS": 6.9}, ("drop", None), id="late-tick-leaves-less-room"
        ),
    ],
)
def test_line_to_say(args: dict, expected: tuple) -> None:
    """The line due now gets the room before the next line of its level or the segment's end."""
    payload = {
        "speech": SPEECH,
        "level": "full",
        "seconds": 10,
        "msPerChar": 70,
        "rate": 1,
        "busy": False,
    } | args
    assert tuple(js("const r = lineToSay(input); result = [r.form, r.text];", payload)) == expected


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param({"chars": 60, "ms": 60 * 100, "rate": 1}, 85, id="long-line-moves-halfway"),
        pytest.param({"chars": 6, "ms": 6 * 180, "rate": 1}, 80, id="short-line-moves-little"),
        pytest.param({"chars": 60, "ms": 60 * 80, "rate": 1.25}, 85, id="rate-accounted-for"),
        pytest.param({"chars": 60, "ms": 60 * 5, "rate": 1}, 70, id="too-fast-ignored"),
        pytest.param({"chars": 60, "ms": 60 * 900, "rate": 1}, 70, id="too-slow-ignored"),
        pytest.param({"chars": 0, "ms": 500, "rate": 1}, 70, id="empty-ignored"),
    ],
)
def test_the_speaking_time_estimate_follows_the_voice(sample: dict, expected: float) -> None:
    """The estimate follows what the voice measures, long lines weighing more."""
    assert js("result = updateEstimate(70, input);", sample) == pytest.approx(expected)


VOICES = [
    {"name": "Deutsch", "lang": "de-DE", "default": True},
    {"name": "Moira", "lang": "en-IE", "default": False},
    {"name": "Daniel", "lang": "en-GB", "default": False},
    {"name": "Samantha", "lang": "en_US", "default": False},
    {"name": "Kate", "lang": "en-GB", "default": True},
]


@pytest.mark.parametrize(
    ("lang", "name", "order", "chosen"),
    [
        pytest.param("en-GB", None, ["Kate", "Daniel", "Moira", "Samantha"], "Kate", id="region"),
        pytest.param(
            "en-US", "Moira", ["Samantha", "Kate", "Moira", "Daniel"], "Moira", id="named"
        ),
        pytest.param(
            "en",
            "Deutsch",
            ["Kate", "Moira", "Daniel", "Samantha"],
            "Kate",
            id="other-language-named",
        ),
        pytest.param("fr-FR", None, [], None, id="no-voice-for-the-language"),
    ],
)
def test_voices_for_the_page_language(
    lang: str, name: str | None, order: list, chosen: str
) -> None:
    """Voices of the page's language are offered, its region's and the default first."""
    scenario = """
    const v = chooseVoice(input.voices, input.lang, input.name);
    result = [voicesFor(input.voices, input.lang).map(x => x.name), v && v.name];
    """
    payload = {"voices": VOICES, "lang": lang, "name": name}
    assert js(scenario, payload) == [order, chosen]


# A speechSynthesis stand-in on a clock the scenario moves by hand.
FAKE_SYNTH = """
let clock = 0;
const spoken = [];
const synth = {
  speaking: false, pending: false, cancels: 0,
  getVoices: () => [{name: "Kate", lang: "en-GB", default: true}, {name: "Anna", lang: "de-DE"}],
  speak(u) { spoken.push(u); this.speaking = true; },
  cancel() { this.cancels += 1; this.speaking = false; },
};
class Utterance { constructor(text) { this.text = text; } }
const voice = createVoice({ synth, Utterance, lang: "en-GB", now: () => clock });
"""


def test_voice_speaks_with_the_rate_and_voice_and_learns_its_speed() -> None:
    """A line is spoken at the rate in the chosen voice; its measured time updates the estimate."""
    scenario = (
        FAKE_SYNTH
        + """
    voice.speak("x".repeat(60), 1.25);
    const u = spoken[0];
    const before = voice.speaking;
    clock = 100; u.onstart();
    clock = 100 + 60 * 80; u.onend();
    result = {rate: u.rate, lang: u.lang, voice: u.voice.name, before, after: voice.speaking,
              estimate: voice.msPerChar};
    """
    )
    assert js(scenario) == {
        "rate": 1.25,
        "lang": "en-GB",
        "voice": "Kate",
        "before": True,
        "after": False,
        "estimate": pytest.approx(85),
    }


def test_cancel_stops_the_line_and_learns_nothing_from_it() -> None:
    """Cancelling ends the line at once; its cut-short time does not change the estimate."""
    scenario = (
        FAKE_SYNTH
        + """
    voice.speak("x".repeat(60));
    const u = spoken[0];
    u.onstart(); clock = 50;
    voice.cancel();
    const after = voice.speaking;
    u.onend();
    voice.cancel();  // nothing is being said: nothing to cancel
    result = {after, cancels: synth.cancels, estimate: voice.msPerChar};
    """
    )
    assert js(scenario) == {"after": False, "cancels": 1, "estimate": 70}


def test_a_line_the_browser_never_ends_frees_the_voice() -> None:
    """If the browser never reports the end of a line, the voice is free again after a while."""
    scenario = (
        FAKE_SYNTH
        + """
    voice.speak("x".repeat(10));
    const soon = voice.speaking;
    clock = 3 * 10 * 70 + 3001;
    result = [soon, voice.speaking];
    """
    )
    assert js(scenario) == [True, False]


def test_an_older_lines_end_does_not_free_the_voice() -> None:
    """The end of a cancelled line, reported late, leaves the next line speaking."""
    scenario = (
        FAKE_SYNTH
        + """
    voice.speak("first"); voice.cancel(); voice.speak("second");
    spoken[0].onerror();
    result = voice.speaking;
    """
    )
    assert js(scenario) is True


def test_without_speech_synthesis_nothing_is_said() -> None:
    """A browser without speech synthesis says nothing and raises nothing."""
    scenario = """
    const voice = createVoice({ synth: undefined, Utterance: undefined, lang: "en" });
    voice.cancel();
    result = [voice.available, voice.speak("Hello"), voice.speaking, voice.voices()];
    """
    assert js(scenario) == [False, False, False, []]


# A whole plan said by a simulated voice on a 250 ms tick, as the player ticks: the
# voice takes `realMsPerChar`, the estimate starts at its default and learns.
SIMULATE = """
const { segments, level, realMsPerChar, rate } = input;
let msPerChar = DEFAULT_MS_PER_CHAR;
const said = [];
let speaking = null;
let t0 = 0;
for (const [index, seg] of segments.entries()) {
  let after = -1;
  for (let ms = 0; ms < seg.seconds * 1000; ms += 250) {
    const now = t0 + ms;
    if (speaking && speaking.end <= now) {
      msPerChar = updateEstimate(msPerChar, { chars: speaking.text.length, ms: speaking.end - speaking.start, rate });
      speaking = null;
    }
    const pick = lineToSay({ speech: seg.speech, level, afterS: after, elapsedS: ms / 1000,
                             seconds: seg.seconds, msPerChar, rate, busy: speaking !== null });
    after = ms / 1000;
    if (pick.text) {
      speaking = { text: pick.text, start: now, end: now + speakingMs(pick.text, realMsPerChar, rate) };
      said.push(Object.assign({ index, form: pick.form, cut: false }, speaking));
    }
  }
  t0 += seg.seconds * 1000;
  if (speaking && speaking.end > t0) {  // the segment changes: the player cancels
    Object.assign(said[said.length - 1], { end: t0, cut: true });
    speaking = null;
  }
}
result = { said, msPerChar };
"""

ROUTINE = {
    "id": "sim",
    "title": "Sim",
    "summary": "A simulated session.",
    "focus": ["core"],
    "level": "gentle",
    "style": "pilates",
    "prepare_seconds": 8,
    "rest_seconds": 8,
    "steps": [
        {
            "name": "Long hold",
            "seconds": 45,
            "setup": "Lie on your back with your knees bent.",
            "instructions": "Let the lower back rest heavy. Breathe slowly.",
            "cues": ["Breathe slowly", "Soften the jaw", "Let the ribs settle"],
        },
        {
            "name": "Clams",
            "reps": 5,
            "seconds_per_rep": 3,
            "sides": "both",
            "instructions": "Lie on your side, knees bent. Open the top knee like a shell.",
            "cues": ["Keep the hips stacked"],
        },
    ],
}


COUNT = ["One", "Two", "Three", "Four", "Five"]


@pytest.mark.parametrize("real_ms_per_char", [50, 70, 95])
@pytest.mark.parametrize("rate", ["slower", "normal", "faster"])
def test_a_whole_plan_never_overlaps(real_ms_per_char: int, rate: str) -> None:
    """Said by a voice faster or slower than assumed, no two lines overlap, the counts come
    in order, and once the voice has been heard no line runs into the next segment."""
    segments = build(Routine.model_validate(ROUTINE)).to_data()["segments"]
    rate_value = js("result = VOICE_RATES[input];", rate)
    payload = {"segments": segments, "level": "full", "realMsPerChar": real_ms_per_char}
    out = js(SIMULATE, payload | {"rate": rate_value})
    said = out["said"]
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(said))
    clams = [i for i, seg in enumerate(segments) if seg["label"] == "Clams"]
    for index in clams:
        counted = [s["text"] for s in said if s["index"] == index and s["text"] in COUNT]
        assert counted == COUNT
    assert [s["text"] for s in said if s["cut"]] in ([], [said[0]["text"]])
    assert out["msPerChar"] == pytest.approx(real_ms_per_char, rel=0.3)
