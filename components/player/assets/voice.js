// The voice: says a segment's schedule (Segment.speech, made by limber/plan.py).
//
// What is said and when is decided in Python. What depends on the browser stays
// here: how long this voice takes to say a line (measured from onstart to onend
// and folded into an estimate of milliseconds per character), and so whether a
// line is said whole, in its short form, or not at all, so that it ends before
// the next line or the segment's end. Speech is never queued: a line that comes
// due while the voice is still speaking is left out.
//
// The first part is pure (no DOM, time is an argument), tested in Node by
// tests/unit/test_voice_js.py; createVoice wraps the browser's speechSynthesis.

/** The voice levels, as the person chooses them; limber.plan.VoiceLevel has the same values. */
const VOICE_LEVELS = ["off", "cues", "full"];
/** The rate setting's choices and the speechSynthesis rate each one means. */
const VOICE_RATES = { slower: 0.8, normal: 1, faster: 1.25 };
/** A voice at rate 1 says about 14 characters a second, until this one has been heard. */
const DEFAULT_MS_PER_CHAR = 70;
/** The silence left before the next line, or before the segment ends. */
const SPEECH_GAP_MS = 150;
/** Measurements outside this range (a voice that failed silently, a stall) are ignored. */
const MS_PER_CHAR_RANGE = [20, 250];
/** A line this long moves the estimate halfway to what it measured; short lines, less. */
const ESTIMATE_HALF_CHARS = 60;

// --- the pure part --------------------------------------------------------------

/** A stored voice preference as a level: the old switch's true is "full", false "off"; none is "full". */
function voiceLevel(value) {
  if (value === true) return "full";
  if (value === false) return "off";
  return VOICE_LEVELS.includes(value) ? value : "full";
}

/** The voice's part of the stored preferences, read leniently: anything unknown becomes the default. */
function voicePrefs(stored) {
  const prefs = stored && typeof stored === "object" ? stored : {};
  return {
    voice: voiceLevel(prefs.voice),
    rate: Object.prototype.hasOwnProperty.call(VOICE_RATES, prefs.rate) ? prefs.rate : "normal",
    voiceName: typeof prefs.voiceName === "string" && prefs.voiceName ? prefs.voiceName : null,
  };
}

/** Whether a line of the schedule is said at this level. */
function saysAt(line, level) {
  return level !== "off" && Array.isArray(line.levels) && line.levels.includes(level);
}

/** The lines said at `level` that fall after `afterS` and by `upToS` seconds into the segment. */
function dueLines(speech, level, afterS, upToS) {
  return (speech || []).filter((line) => saysAt(line, level) && line.at > afterS && line.at <= upToS);
}

/** When the first line at `level` after `afterS` comes, in seconds into the segment; null if none. */
function nextLineAt(speech, level, afterS) {
  let next = null;
  for (const line of speech || []) {
    if (saysAt(line, level) && line.at > afterS && (next === null || line.at < next)) next = line.at;
  }
  return next;
}

/** How long saying `text` is expected to take, in ms. */
function speakingMs(text, msPerChar, rate) {
  return (text.length * msPerChar) / (rate || 1);
}

/**
 * The form of `line` that fits in `roomMs` (the gap before what follows included):
 * `{form: "full" | "short" | "drop", text}`, text null when dropped.
 */
function fitLine(line, roomMs, msPerChar, rate) {
  const room = roomMs - SPEECH_GAP_MS;
  if (speakingMs(line.text, msPerChar, rate) <= room) return { form: "full", text: line.text };
  if (line.short && speakingMs(line.short, msPerChar, rate) <= room) {
    return { form: "short", text: line.short };
  }
  return { form: "drop", text: null };
}

/**
 * What to say now, `elapsedS` into a segment `seconds` long, the schedule having been
 * gone through up to `afterS`: `{text, form, line}`, text null when nothing is to be said.
 *
 * Of the lines due, only the latest counts (earlier ones were missed by a slow tick or
 * a sleeping tab: late is wrong). Nothing is said while the voice is still speaking
 * (`busy`): the line is dropped, never queued. The line gets the room up to the next
 * line at this level, or the segment's end, at the estimated speed.
 */
function lineToSay({ speech, level, afterS, elapsedS, seconds, msPerChar, rate, busy }) {
  const due = dueLines(speech, level, afterS, elapsedS);
  if (!due.length) return { text: null, form: null, line: null };
  const line = due[due.length - 1];
  if (busy) return { text: null, form: "drop", line };
  const next = nextLineAt(speech, level, elapsedS);
  const endS = next === null ? seconds : Math.min(next, seconds);
  return { ...fitLine(line, (endS - elapsedS) * 1000, msPerChar, rate), line };
}

/** The closing line ("Well done") at this level, or null. */
function closingText(closing, level) {
  const line = (closing || []).find((l) => saysAt(l, level));
  return line ? line.text : null;
}

/**
 * The estimate after hearing `chars` characters take `ms` at `rate`. Long lines weigh
 * more than short ones, whose pauses around the words would skew it.
 */
function updateEstimate(msPerChar, { chars, ms, rate }) {
  if (!(chars > 0) || !(ms > 0)) return msPerChar;
  const measured = (ms * (rate || 1)) / chars;
  if (measured < MS_PER_CHAR_RANGE[0] || measured > MS_PER_CHAR_RANGE[1]) return msPerChar;
  const weight = chars / (chars + ESTIMATE_HALF_CHARS);
  return msPerChar + (measured - msPerChar) * weight;
}

/**
 * The voices that speak the page's language (`lang`, e.g. "en-GB"): those of the same
 * region first, then the rest of the language, the browser's default first in each.
 */
function voicesFor(voices, lang) {
  const want = String(lang || "").toLowerCase().replace("_", "-");
  const base = want.split("-")[0];
  if (!base) return [];
  const langOf = (v) => String(v.lang || "").toLowerCase().replace("_", "-");
  const rank = (v) => (langOf(v) === want ? 0 : 2) + (v.default ? 0 : 1);
  return (voices || [])
    .filter((v) => langOf(v).split("-")[0] === base)
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

/** The voice to use: the one named, if it speaks the language, else the best for it; null if none. */
function chooseVoice(voices, lang, name) {
  const fitting = voicesFor(voices, lang);
  return fitting.find((v) => v.name === name) || fitting[0] || null;
}

// --- the browser part -------------------------------------------------------------

/** The page's language, for choosing a voice. */
function pageLanguage() {
  const doc = typeof document !== "undefined" ? document.documentElement.lang : "";
  const nav = typeof navigator !== "undefined" ? navigator.language : "";
  return doc || nav || "en";
}

/**
 * speechSynthesis behind a small interface: `speak(text, rate)`, `cancel()`, `speaking`,
 * `msPerChar` (the estimate, measured from each line said to its end), `voices()` for the
 * page's language, `useVoice(name)`, `onVoicesChanged(fn)` (returns a remover).
 * Without speech synthesis it says nothing, and says so through `available`.
 */
function createVoice({
  synth = globalThis.speechSynthesis,
  Utterance = globalThis.SpeechSynthesisUtterance,
  lang = pageLanguage(),
  now = () => performance.now(),
} = {}) {
  const available = Boolean(synth) && typeof Utterance === "function";
  let msPerChar = DEFAULT_MS_PER_CHAR;
  let wanted = null;
  let current = null; // the line being said: kept so the browser cannot collect it mid-way

  const allVoices = () => (available && synth.getVoices ? synth.getVoices() || [] : []);

  // A browser sometimes never ends an utterance (no onend, no onerror): after three
  // times its expected length and three seconds more, the voice counts as free again.
  function stuck(line) {
    return now() - line.sentAt > 3 * speakingMs(line.text, msPerChar, line.rate) + 3000;
  }

  function speak(text, rate = 1) {
    if (!available || !text) return false;
    const voice = chooseVoice(allVoices(), lang, wanted);
    const u = new Utterance(text);
    u.rate = rate;
    u.lang = voice ? voice.lang : lang;
    if (voice) u.voice = voice;
    const line = { u, text, rate, sentAt: now(), startedAt: null, cancelled: false };
    u.onstart = () => {
      line.startedAt = now();
    };
    u.onend = () => {
      if (!line.cancelled && line.startedAt !== null) {
        const ms = now() - line.startedAt;
        msPerChar = updateEstimate(msPerChar, { chars: text.length, ms, rate });
      }
      if (current === line) current = null;
    };
    u.onerror = () => {
      if (current === line) current = null;
    };
    current = line;
    synth.speak(u);
    return true;
  }

  function cancel() {
    if (!available) return;
    const was = current;
    current = null;
    if (was) was.cancelled = true;
    if (was || synth.speaking || synth.pending) synth.cancel();
  }

  return {
    available,
    speak,
    cancel,
    get speaking() {
      return current !== null && !stuck(current);
    },
    get msPerChar() {
      return msPerChar;
    },
    voices: () => voicesFor(allVoices(), lang),
    useVoice(name) {
      wanted = name || null;
      const voice = chooseVoice(allVoices(), lang, wanted);
      return voice ? voice.name : null;
    },
    onVoicesChanged(fn) {
      if (!available || !synth.addEventListener) return () => {};
      synth.addEventListener("voiceschanged", fn);
      return () => synth.removeEventListener("voiceschanged", fn);
    },
  };
}
