"""A ``speechSynthesis`` stand-in for browser tests: it speaks on the page's clock and records.

Installed with ``context.add_init_script`` before the page loads, it replaces
``window.speechSynthesis`` and ``SpeechSynthesisUtterance``. A line "speaks" for
``ms_per_char`` × its length ÷ its rate (a ``setTimeout``, so ``page.clock`` drives
it): ``onstart`` fires at once, ``speaking`` is true until ``onend``. Like a real
browser it queues what it is given while speaking, so a player that queued would
show up as lines starting late. ``cancel()`` ends the line being said early
(``onerror`` "interrupted") and drops the queue; each cancel is recorded.

``window.__speech`` holds one entry per line begun: text, rate, voice, start and
end on ``performance.now()``, and whether it was cancelled.
"""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page

VOICES = [
    {"name": "Kate", "lang": "en-GB", "default": True, "localService": True},
    {"name": "Samantha", "lang": "en-US", "default": False, "localService": True},
    {"name": "Anna", "lang": "de-DE", "default": False, "localService": True},
]
"""The voices the stand-in offers: two speak the page's language (English), one does not."""

_STANDIN = """
(() => {
  const MS_PER_CHAR = %(ms_per_char)s;
  const VOICES = %(voices)s;
  const log = (window.__speech = []);
  const cancels = (window.__speechCancels = []);
  const queue = [];
  let current = null;
  let timer = null;

  class Utterance {
    constructor(text) {
      Object.assign(this, { text: String(text ?? ""), rate: 1, lang: "", voice: null });
    }
  }

  function begin() {
    const u = queue.shift();
    if (!u) return;
    const entry = { text: u.text, rate: u.rate, voice: u.voice ? u.voice.name : null,
                    start: performance.now(), end: null, cancelled: false };
    log.push(entry);
    current = { u, entry };
    if (u.onstart) u.onstart({ type: "start" });
    timer = setTimeout(() => end(false), (u.text.length * MS_PER_CHAR) / (u.rate || 1));
  }

  function end(cancelled) {
    const { u, entry } = current;
    clearTimeout(timer);
    current = null;
    Object.assign(entry, { end: performance.now(), cancelled });
    if (cancelled) {
      if (u.onerror) u.onerror({ type: "error", error: "interrupted" });
    } else {
      if (u.onend) u.onend({ type: "end" });
      begin();
    }
  }

  const synth = {
    get speaking() { return current !== null; },
    get pending() { return queue.length > 0; },
    paused: false,
    getVoices: () => VOICES.map((v) => ({ voiceURI: v.name, ...v })),
    speak(u) {
      queue.push(u);
      if (!current) begin();
    },
    cancel() {
      cancels.push(performance.now());
      queue.length = 0;
      if (current) end(true);
    },
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => synth });
  window.SpeechSynthesisUtterance = Utterance;
})();
"""


def speech_standin(ms_per_char: float = 60) -> str:
    """The stand-in's script, speaking ``ms_per_char`` ms a character at rate 1."""
    return _STANDIN % {"ms_per_char": ms_per_char, "voices": json.dumps(VOICES)}


def said(page: Page) -> list[dict[str, Any]]:
    """Every line the stand-in began, in order: text, rate, voice, start, end, cancelled."""
    return page.evaluate("window.__speech")


def texts(page: Page) -> list[str]:
    """The text of every line begun, in order."""
    return [line["text"] for line in said(page)]
