// The routine player: runs a timeline from limber/plan.py in the browser.
//
// This file wires the parts together: the phase table (phases.js), the clock's
// arithmetic (clock.js), the voice and beeps (voice.js, cues.js, sound.js), the
// video (media.js), the figure (motion.js, drawn by static/figure.js), the wake
// lock, the view (view.js), the layout and focus mode (layout.js), and the shell
// that keeps the player usable when the connection drops (lift.js). Python hears
// from the player only when a session ends ("ended") and when the after-rating is
// saved ("saved"): the server does no work while the clock runs. The session
// record is written to localStorage by the player itself (createHistoryStore,
// history_store.js), and the end form keeps each choice as it is made, so a lost
// connection or a page being left loses nothing.

const TICK_MS = 250; // the longest wait between looks at the clock (cues, the video's span)

function createPlayer(root, data, api) {
  const segments = data.plan.segments;
  const store = createHistoryStore(data.storage);
  const sound = createSound();
  const wake = createWakeLock();
  const prefsKey = data.keys.prefs;
  const stored = readJson(prefsKey, {});
  // The voice was once a switch ({voice: true|false}); voicePrefs reads it as a level.
  const prefs = Object.assign({ sound: true }, stored, voicePrefs(stored));
  const view = createView(root, data.plan);
  const layout = createLayout(root, { howKey: data.keys.how });
  const lift = createLift(root.closest(".lp-shell"), root, { wanted: () => phases.phase !== "ready" });
  const { $, $$ } = view;
  $(".lp-note").maxLength = data.noteMaxChars; // limber.model.NOTE_MAX_CHARS, one limit everywhere
  const phases = createPhases();
  const voice = createVoice();
  voice.useVoice(prefs.voiceName);
  const cues = createCues(sound, prefs, voice, data.plan.closing);
  const media = createMedia(root, data.video, { onUnavailable: () => showMedia("figure") });
  const motion = createMotion($(".lp-figure"), {
    elapsedMs: () => segments[s.index].seconds * 1000 - leftAt(performance.now()),
    reducedMotion: () => window.matchMedia("(prefers-reduced-motion: reduce)").matches,
  });

  const s = {
    index: 0,
    endsAt: 0, // performance.now() when the current segment ends (running)
    leftMs: 0, // time left in the current segment (paused)
    activeMs: 0,
    runningSince: 0,
    startedWall: 0,
    startedPerf: 0,
    done: new Set(), // exercise segment indexes run to their end
    skipped: new Set(),
    painBefore: null,
    record: null,
  };
  let timer = null;
  let api_ = api;

  const running = () => phases.phase === "running";
  const leftAt = (now) => (running() ? s.endsAt - now : s.leftMs);

  function render(now) {
    view.render(s.index, leftAt(now), phases.phase === "paused");
  }

  // ----- the clock -----
  function enter(index, now, { keepEnd = false } = {}) {
    s.index = index;
    const seg = segments[index];
    if (!keepEnd) s.endsAt = now + seg.seconds * 1000;
    s.leftMs = seg.seconds * 1000;
    cues.enter(seg);
    media.enter(seg, running());
    motion.show(seg, running());
  }

  function advanceTo(now) {
    if (!running()) return;
    const moved = advance(segments, s.index, s.endsAt, now);
    for (const i of moved.passed) if (segments[i].kind === "exercise") s.done.add(i);
    if (moved.finishedAt !== null) {
      finish(true, moved.finishedAt);
      return;
    }
    if (moved.index !== s.index) {
      s.endsAt = moved.endsAt;
      if (prefs.sound) sound.chime();
      enter(moved.index, now, { keepEnd: true });
    }
  }

  function tick() {
    if (!running()) return;
    const now = performance.now();
    advanceTo(now);
    if (!running()) return;
    cues.tick(segments[s.index], s.endsAt - now);
    media.tick();
    render(now);
    schedule(now);
  }

  // Wake just after the shown second changes (and at least every TICK_MS), so the
  // display is never a tick late; a throttled timer only delays the next look.
  function schedule(now) {
    stopTimer();
    timer = setTimeout(tick, nextTickIn(s.endsAt - now, TICK_MS));
  }

  function stopTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  // ----- the person's actions -----
  function start() {
    if (!phases.fire("start")) return;
    sound.unlock();
    const now = performance.now();
    Object.assign(s, {
      painBefore: view.painBefore(),
      startedPerf: now,
      startedWall: Date.now(),
      runningSince: now,
      activeMs: 0,
      done: new Set(),
      skipped: new Set(),
      record: null,
    });
    view.show("run");
    enter(0, now);
    wake.acquire();
    schedule(now);
    render(now);
    layout.started();
    lift.sync();
    $(".lp-pause").focus({ preventScroll: true });
  }

  function pause() {
    const now = performance.now();
    advanceTo(now);
    if (!running()) return;
    s.leftMs = s.endsAt - now;
    s.activeMs += now - s.runningSince;
    phases.fire("pause");
    stopTimer();
    cues.stop();
    media.pause();
    motion.running(false);
    wake.release();
    render(now);
  }

  function resume() {
    if (!phases.fire("resume")) return;
    const now = performance.now();
    s.endsAt = now + s.leftMs;
    s.runningSince = now;
    media.resume();
    motion.running(true);
    wake.acquire();
    schedule(now);
    render(now);
  }

  function togglePause() {
    if (phases.phase === "paused") resume();
    else pause();
  }

  /** Move to the start of another segment, running or paused alike. */
  function jump(index) {
    const now = performance.now();
    advanceTo(now);
    if (!phases.can("jump")) return;
    const seg = segments[s.index];
    if (index > s.index && seg.kind === "exercise" && !s.done.has(s.index)) s.skipped.add(s.index);
    phases.fire("jump");
    enter(index, now);
    if (running()) schedule(now);
    render(now);
  }

  function next() {
    if (!phases.live) return;
    if (s.index + 1 < segments.length) return jump(s.index + 1);
    const seg = segments[s.index];
    if (seg.kind === "exercise" && !s.done.has(s.index)) s.skipped.add(s.index);
    finish(false, performance.now());
  }

  function previous() {
    if (!phases.live) return;
    const now = performance.now();
    const elapsed = segments[s.index].seconds * 1000 - leftAt(now);
    jump(previousIndex(segments, s.index, elapsed));
  }

  function restart() {
    if (phases.live) jump(s.index);
  }

  function repsDone() {
    const seg = segments[s.index];
    if (!phases.live || seg.kind !== "exercise" || !seg.reps) return;
    s.done.add(s.index);
    if (s.index + 1 >= segments.length) finish(true, performance.now());
    else jump(s.index + 1);
  }

  function finish(finished, endPerf) {
    if (!phases.can("finish")) return;
    if (running()) s.activeMs += endPerf - s.runningSince;
    phases.fire("finish");
    stopTimer();
    cues.stop();
    wake.release();
    media.pause();
    motion.running(false);
    const counts = stepCounts(segments, s.done, s.skipped);
    s.record = {
      id: newId(),
      r: data.routine.id,
      s: isoWithOffset(s.startedWall),
      e: isoWithOffset(s.startedWall + (endPerf - s.startedPerf)),
      a: Math.round(s.activeMs / 1000),
      c: counts.completed,
      k: counts.skipped,
      d: finished,
      pb: s.painBefore,
      pa: null,
      n: "",
      v: data.storage.recordVersion,
    };
    const result = store.saveSession(s.record, data.routine);
    cues.finished(finished);
    view.ended({ finished, activeMs: s.activeMs, counts, error: result.ok ? "" : result.error });
    layout.stopped();
    view.show("end");
    lift.sync();
    tell("ended", s.record);
    $(".lp-save").focus();
  }

  // Python hears of it if it still can; the record is already in localStorage either way.
  function tell(name, record) {
    try {
      api_.setTriggerValue(name, Object.assign({}, record));
    } catch (err) {
      /* the component is gone or the connection is closed */
    }
  }

  // ----- the end form: every choice and keystroke is kept as it is made -----
  // A rating is written at once, a note after a pause in typing (and at once when the
  // page is hidden or left), so a dropped connection or a closed tab loses nothing;
  // Save only confirms.
  const NOTE_PAUSE_MS = 600;
  let noteTimer = null;

  function keepForm() {
    if (noteTimer !== null) clearTimeout(noteTimer);
    noteTimer = null;
    if (phases.phase !== "ended" || !s.record) return { ok: true };
    const patch = { pa: view.painAfter(), n: view.note() };
    if (patch.pa === s.record.pa && patch.n === s.record.n) return { ok: true };
    const result = store.updateSession(s.record.id, patch);
    if (result.ok) Object.assign(s.record, patch);
    else view.status(result.error);
    return result;
  }

  function formChanged(delayMs) {
    view.status("");
    $(".lp-save").disabled = false;
    if (noteTimer !== null) clearTimeout(noteTimer);
    noteTimer = delayMs ? setTimeout(keepForm, delayMs) : null;
    if (!delayMs) keepForm();
  }

  function save() {
    if (phases.phase !== "ended" || !s.record) return;
    if (!keepForm().ok) return;
    view.status("Saved to your history.");
    $(".lp-save").disabled = true;
    tell("saved", s.record);
  }

  function again() {
    keepForm();
    if (!phases.fire("again")) return;
    s.index = 0;
    view.clearBefore();
    view.show("ready");
    lift.sync();
  }

  // ----- wiring -----
  const listeners = [];
  function on(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    listeners.push(() => target.removeEventListener(type, fn, opts));
    if (type === "click") lift.tap(target, fn);
  }

  // With a video, the person chooses what fills the main area: the video (the figure
  // small beside the step name) or the figure. The choice is remembered in this browser.
  function showMedia(choice) {
    const video = choice === "video" && media.present;
    root.classList.toggle("lp-show-video", video);
    media.setShown(video);
    const toggle = $(".lp-show");
    toggle.hidden = !media.present;
    toggle.textContent = video ? "Show the figure" : "Show the video";
  }
  on($(".lp-show"), "click", () => {
    prefs.show = root.classList.contains("lp-show-video") ? "figure" : "video";
    writeJson(prefsKey, prefs);
    showMedia(prefs.show);
  });
  showMedia(prefs.show || "video");

  view.syncPrefs(prefs);
  const safetyKey = data.keys.safety;
  view.safety(readJson(safetyKey, false) ? "" : data.safety);
  on($(".lp-ack"), "click", () => {
    writeJson(safetyKey, true);
    view.safety("");
    $(".lp-start").focus();
  });

  on($(".lp-start"), "click", start);
  on($(".lp-pause"), "click", togglePause);
  on($(".lp-next-btn"), "click", next);
  on($(".lp-prev"), "click", previous);
  on($(".lp-restart"), "click", restart);
  on($(".lp-end-btn"), "click", () => finish(false, performance.now()));
  on($(".lp-done"), "click", repsDone);
  on($(".lp-save"), "click", save);
  on($(".lp-pain-after .lp-scale"), "change", () => formChanged(0));
  on($(".lp-note"), "input", () => formChanged(NOTE_PAUSE_MS));
  on($(".lp-again"), "click", again);
  function savePrefs() {
    writeJson(prefsKey, prefs);
    view.syncPrefs(prefs);
  }
  for (const box of $$(".lp-pref-sound")) {
    on(box, "change", () => {
      prefs.sound = box.checked;
      savePrefs();
    });
  }
  for (const choice of $$(".lp-pref-voice")) {
    on(choice, "change", () => {
      prefs.voice = voiceLevel(choice.value);
      if (prefs.voice === "off") cues.stop();
      savePrefs();
    });
  }
  for (const choice of $$(".lp-pref-rate")) {
    on(choice, "change", () => {
      prefs.rate = voicePrefs({ rate: choice.value }).rate;
      savePrefs();
    });
  }
  for (const choice of $$(".lp-pref-voice-name")) {
    on(choice, "change", () => {
      prefs.voiceName = choice.value || null;
      voice.useVoice(prefs.voiceName);
      savePrefs();
    });
  }
  // The browser may list its voices late (Chromium does): offer them when it does.
  function offerVoices() {
    view.voiceChoices(voice.voices().map((v) => v.name), voice.useVoice(prefs.voiceName));
  }
  listeners.push(voice.onVoicesChanged(offerVoices));
  offerVoices();
  on(document, "keydown", (event) => {
    if (!phases.live) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0];
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (event.key === " " || event.code === "Space") {
      if (tag === "BUTTON") return; // the focused button does its own thing
      event.preventDefault();
      togglePause();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      next();
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      previous();
    }
  });
  on(document, "visibilitychange", () => {
    if (document.visibilityState !== "visible") return keepForm();
    tick();
    if (running() && wake.wanted) wake.acquire();
  });
  // Leaving the page mid-session records it as ended early: nothing is lost.
  on(window, "pagehide", () => {
    keepForm();
    finish(false, performance.now());
  });

  view.show("ready");

  return {
    signature: data.signature,
    setApi(nextApi) {
      api_ = nextApi;
    },
    destroy() {
      keepForm();
      finish(false, performance.now());
      stopTimer();
      cues.stop();
      wake.release();
      sound.close();
      media.destroy();
      motion.destroy();
      layout.destroy();
      lift.destroy();
      for (const off of listeners) off();
    },
  };
}

export default function ({ parentElement, data, setStateValue, setTriggerValue }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const root = parentElement.querySelector(".lp");
  const existing = root.__limberPlayer;
  if (existing && existing.signature === data.signature) {
    existing.setApi({ setStateValue, setTriggerValue });
    return () => {
      existing.destroy();
      root.__limberPlayer = null;
    };
  }
  if (existing) existing.destroy();
  const player = createPlayer(root, data, { setStateValue, setTriggerValue });
  root.__limberPlayer = player;
  return () => {
    player.destroy();
    root.__limberPlayer = null;
  };
}
