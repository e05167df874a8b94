// The routine player: runs a timeline from limber/plan.py in the browser.
//
// The clock is exact: each segment has an end time on performance.now(), and the
// display is computed from it, never by counting ticks; segments that ended while
// the tab slept are accounted for the moment it wakes. Python hears from the
// player only when a session ends ("ended") and when the after-rating is saved
// ("saved"): the server does no work while the clock runs.
//
// Everything from a routine or a record reaches the page through textContent.
// createHistoryStore comes from components/shared/history_store.js, prepended
// to this module by the Python wrapper.

const TICK_MS = 250; // the longest wait between checks (cues, the video's span)
const BACK_RESTARTS_AFTER_MS = 3000;

function fmt(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000 - 1e-9));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

function isoWithOffset(epochMs) {
  const d = new Date(epochMs);
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

function newId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function readJson(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(key));
    return value ?? fallback;
  } catch (err) {
    return fallback;
  }
}

function writeJson(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    /* preferences are a convenience: a full storage must not stop the session */
  }
}

// --- sound and voice -------------------------------------------------------

function createSound() {
  let ctx = null;
  function unlock() {
    // Called from the Start click, so autoplay rules allow the audio context.
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!ctx && Ctx) ctx = new Ctx();
    if (ctx && ctx.state === "suspended") ctx.resume().catch(() => {});
  }
  function tone(freq, startIn, duration, volume = 0.2) {
    if (!ctx) return;
    const t0 = ctx.currentTime + startIn;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(volume, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + duration);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + duration + 0.05);
  }
  return {
    unlock,
    beep: () => tone(880, 0, 0.12),
    chime: () => {
      tone(660, 0, 0.5, 0.18);
      tone(990, 0.12, 0.7, 0.14);
    },
    close: () => {
      if (ctx) ctx.close().catch(() => {});
      ctx = null;
    },
  };
}

function speak(text) {
  const synth = window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === "undefined" || !text) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.rate = 0.95;
  synth.speak(utterance);
}

function stopSpeaking() {
  if (window.speechSynthesis) window.speechSynthesis.cancel();
}

// --- wake lock -------------------------------------------------------------

function createWakeLock() {
  let sentinel = null;
  let wanted = false;
  async function acquire() {
    wanted = true;
    if (sentinel || !navigator.wakeLock || document.visibilityState !== "visible") return;
    try {
      sentinel = await navigator.wakeLock.request("screen");
      sentinel.addEventListener("release", () => {
        sentinel = null;
      });
    } catch (err) {
      sentinel = null; // not allowed here (battery saver, no permission): the session goes on
    }
  }
  function release() {
    wanted = false;
    if (sentinel) sentinel.release().catch(() => {});
    sentinel = null;
  }
  return { acquire, release, get wanted() { return wanted; }, get held() { return sentinel !== null; } };
}

// --- video: one small interface, two backends -------------------------------

const UNAVAILABLE =
  "The video could not be loaded here (offline, removed, or not allowed to be embedded). " +
  "Carry on with the clock and the instructions.";

function loadYouTubeApi(src) {
  if (window.YT && window.YT.Player) return Promise.resolve(window.YT);
  if (!window.__limberYouTubeApi) {
    window.__limberYouTubeApi = new Promise((resolve, reject) => {
      const previous = window.onYouTubeIframeAPIReady;
      window.onYouTubeIframeAPIReady = () => {
        if (typeof previous === "function") previous();
        resolve(window.YT);
      };
      const script = document.createElement("script");
      script.src = src;
      script.async = true;
      script.onerror = () => {
        window.__limberYouTubeApi = null;
        reject(new Error("script"));
      };
      document.head.appendChild(script);
    });
  }
  return window.__limberYouTubeApi;
}

function youtubeBackend(slot, video, events) {
  let player = null;
  let ready = false;
  let dead = false;
  const target = document.createElement("div");
  slot.replaceChildren(target);
  loadYouTubeApi(video.api)
    .then((YT) => {
      if (dead) return;
      player = new YT.Player(target, {
        host: "https://www.youtube-nocookie.com",
        videoId: video.id,
        width: "100%",
        height: "100%",
        playerVars: { playsinline: 1, rel: 0, modestbranding: 1 },
        events: {
          onReady: () => {
            ready = true;
            events.onReady();
          },
          onError: () => events.onError(),
        },
      });
    })
    .catch(() => events.onError());
  return {
    span(start, end) {
      if (ready) player.loadVideoById({ videoId: video.id, startSeconds: start, endSeconds: end });
    },
    seek(t) {
      if (ready) player.seekTo(t, true);
    },
    play() {
      if (ready) player.playVideo();
    },
    pause() {
      if (ready) player.pauseVideo();
    },
    time() {
      return ready && player.getCurrentTime ? player.getCurrentTime() : null;
    },
    ended() {
      return ready && player.getPlayerState ? player.getPlayerState() === 0 : false;
    },
    get ready() {
      return ready;
    },
    destroy() {
      dead = true;
      if (player && player.destroy) player.destroy();
    },
  };
}

function fileBackend(slot, video, events) {
  const el = document.createElement("video");
  el.src = video.url;
  el.preload = "auto";
  el.playsInline = true;
  el.controls = true;
  el.setAttribute("aria-label", "Exercise video");
  let ready = false;
  el.addEventListener("loadedmetadata", () => {
    ready = true;
    events.onReady();
  });
  el.addEventListener("error", () => events.onError());
  slot.replaceChildren(el);
  return {
    span(start) {
      el.currentTime = start;
      el.play().catch(() => {});
    },
    seek(t) {
      el.currentTime = t;
    },
    play() {
      el.play().catch(() => {});
    },
    pause() {
      el.pause();
    },
    time() {
      return el.currentTime;
    },
    ended() {
      return el.ended;
    },
    get ready() {
      return ready;
    },
    destroy() {
      el.pause();
      el.removeAttribute("src");
      el.load();
    },
  };
}

// --- the player ----------------------------------------------------------------

function createPlayer(root, data, api) {
  const $ = (sel) => root.querySelector(sel);
  const $$ = (sel) => Array.from(root.querySelectorAll(sel));
  const segments = data.plan.segments;
  const totalMs = data.plan.total_seconds * 1000;
  const exerciseCount = data.plan.step_count;
  const store = createHistoryStore(data.storage);
  const sound = createSound();
  const wake = createWakeLock();
  const prefsKey = data.keys.prefs;
  const prefs = Object.assign({ sound: true, voice: true }, readJson(prefsKey, {}));

  // Segment start offsets within the whole routine, for "… left".
  const offsets = [];
  segments.reduce((acc, seg, i) => ((offsets[i] = acc), acc + seg.seconds * 1000), 0);

  const s = {
    phase: "ready", // ready | running | paused | ended
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
    beeped: -1,
    spokenHalf: false,
    cueIndex: -1,
  };
  let timer = null;
  let video = null;
  let videoOk = false;
  let api_ = api;

  // ----- the view -----
  function show(which) {
    for (const name of ["ready", "run", "end"]) $(`.lp-${name}`).hidden = name !== which;
  }

  function buildScale(container, name) {
    container.replaceChildren();
    for (let n = 0; n <= 10; n++) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(n);
      label.append(input, document.createTextNode(String(n)));
      container.appendChild(label);
    }
  }

  function scaleValue(container) {
    const checked = container.querySelector("input:checked");
    return checked ? Number(checked.value) : null;
  }

  function syncPrefs() {
    for (const box of $$(".lp-pref-sound")) box.checked = prefs.sound;
    for (const box of $$(".lp-pref-voice")) box.checked = prefs.voice;
  }

  function currentCue(seg, elapsedMs) {
    if (!seg.cues.length) return { text: "", index: -1 };
    const each = (seg.seconds * 1000) / seg.cues.length;
    const index = Math.min(seg.cues.length - 1, Math.floor(elapsedMs / each));
    return { text: seg.cues[index], index };
  }

  function stepNumber(seg) {
    return Math.min(exerciseCount, (seg.step ?? 0) + 1);
  }

  function render(now) {
    const seg = segments[s.index];
    const left = s.phase === "running" ? s.endsAt - now : s.leftMs;
    const segMs = seg.seconds * 1000;
    const elapsed = Math.max(0, segMs - left);
    root.classList.toggle("lp-paused", s.phase === "paused");
    const phaseText = {
      prepare: "Get ready",
      exercise: "Now",
      switch: "Switch sides",
      rest: "Rest",
    }[seg.kind];
    $(".lp-phase").textContent = s.phase === "paused" ? `Paused · ${phaseText}` : phaseText;
    $(".lp-name").textContent = seg.label;
    $(".lp-side").textContent =
      seg.kind === "exercise" && seg.side ? (seg.side === "left" ? "Left side" : "Right side") : "";
    $(".lp-timer").textContent = fmt(left);
    const reps = seg.kind === "exercise" && seg.reps;
    $(".lp-reps").hidden = !reps;
    if (reps) {
      const rep = Math.min(seg.reps, Math.floor(elapsed / (seg.seconds_per_rep * 1000)) + 1);
      $(".lp-rep-count").textContent = `Rep ${rep} of ${seg.reps} · about ${seg.seconds_per_rep} s each`;
    }
    const showNext = seg.kind !== "exercise" && seg.next_label;
    $(".lp-next").hidden = !showNext;
    $(".lp-next").textContent = showNext ? `Next: ${seg.next_label}` : "";
    $(".lp-cue").textContent = seg.kind === "exercise" ? currentCue(seg, elapsed).text : "";
    $(".lp-instructions").textContent = seg.instructions || "";
    $(".lp-cautions").textContent = (seg.cautions || []).join(" ");
    $(".lp-step-bar").value = segMs ? elapsed / segMs : 1;
    const routineLeft = totalMs - offsets[s.index] - elapsed;
    $(".lp-routine-bar").value = totalMs ? 1 - routineLeft / totalMs : 1;
    $(".lp-overall").textContent = `Step ${stepNumber(seg)} of ${exerciseCount} · ${fmt(routineLeft)} left`;
    const pause = $(".lp-pause");
    pause.textContent = s.phase === "paused" ? "Resume" : "Pause";
    pause.setAttribute("aria-label", s.phase === "paused" ? "Resume" : "Pause");
  }

  // ----- cues: sound and voice -----
  function announce(seg) {
    s.beeped = -1;
    s.spokenHalf = false;
    s.cueIndex = -1;
    if (!prefs.voice) return;
    stopSpeaking();
    if (seg.kind === "prepare") speak(`Get ready. First: ${seg.next_label}`);
    else if (seg.kind === "switch") speak("Switch sides");
    else if (seg.kind === "rest") speak(`Rest. Next: ${seg.next_label}`);
    else {
      const side = seg.side ? `${seg.side === "left" ? "Left" : "Right"} side. ` : "";
      const reps = seg.reps ? `. ${seg.reps} reps` : "";
      speak(`${side}${seg.label}${reps}`);
    }
  }

  function cueTick(seg, left) {
    const secondsLeft = Math.ceil(left / 1000);
    if (prefs.sound && secondsLeft <= 3 && secondsLeft >= 1 && secondsLeft !== s.beeped && seg.seconds > 3) {
      s.beeped = secondsLeft;
      sound.beep();
    }
    if (seg.kind !== "exercise" || !prefs.voice) return;
    const elapsed = seg.seconds * 1000 - left;
    const cue = currentCue(seg, elapsed);
    if (cue.index !== s.cueIndex) {
      s.cueIndex = cue.index;
      if (cue.text) speak(cue.text);
    }
    if (!s.spokenHalf && seg.seconds >= 20 && elapsed >= (seg.seconds * 1000) / 2) {
      s.spokenHalf = true;
      speak("Halfway");
    }
  }

  // ----- video follows the segments -----
  function videoEnter(seg) {
    if (!video || !videoOk) return;
    if (seg.kind === "exercise" && seg.video_start != null && s.phase === "running") {
      video.span(seg.video_start, seg.video_end);
    } else {
      video.pause();
    }
  }

  function videoTick(seg) {
    if (!video || !videoOk || seg.kind !== "exercise" || seg.video_start == null) return;
    if (s.phase !== "running") return;
    const t = video.time();
    // The span is shorter than the step: loop it from our own clock.
    if (video.ended() || (t != null && t >= seg.video_end - 0.05)) {
      video.seek(seg.video_start);
      video.play();
    }
  }

  function setupVideo() {
    if (!data.video) return;
    $(".lp-video").hidden = false;
    $(".lp-run").classList.add("lp-with-video");
    const slot = $(".lp-video-slot");
    const events = {
      onReady: () => {
        videoOk = true;
        $(".lp-video-msg").hidden = true;
        if (s.phase === "running") videoEnter(segments[s.index]);
      },
      onError: () => {
        videoOk = false;
        $(".lp-video-frame").hidden = true;
        $(".lp-run").classList.remove("lp-with-video");
        const msg = $(".lp-video-msg");
        msg.textContent = UNAVAILABLE;
        msg.hidden = false;
      },
    };
    video = data.video.kind === "youtube" ? youtubeBackend(slot, data.video, events) : fileBackend(slot, data.video, events);
  }

  // ----- the clock -----
  function enter(index, now, { keepEnd = false } = {}) {
    s.index = index;
    const seg = segments[index];
    if (!keepEnd) s.endsAt = now + seg.seconds * 1000;
    announce(seg);
    videoEnter(seg);
  }

  function advanceTo(now) {
    // Every segment whose end has passed is accounted for, however long the tab slept.
    let moved = false;
    while (s.phase === "running" && now >= s.endsAt) {
      const seg = segments[s.index];
      if (seg.kind === "exercise") s.done.add(s.index);
      if (s.index + 1 >= segments.length) {
        finish(true, s.endsAt);
        return;
      }
      s.index += 1;
      s.endsAt += segments[s.index].seconds * 1000;
      moved = true;
    }
    if (moved) {
      if (prefs.sound) sound.chime();
      enter(s.index, now, { keepEnd: true });
    }
  }

  function tick() {
    if (s.phase !== "running") return;
    const now = performance.now();
    advanceTo(now);
    if (s.phase !== "running") return;
    const seg = segments[s.index];
    cueTick(seg, s.endsAt - now);
    videoTick(seg);
    render(now);
    schedule(now);
  }

  // Wake just after the shown second changes (and at least every TICK_MS), so the
  // display is never a tick late; a throttled timer only delays the next look.
  function schedule(now) {
    stopTimer();
    const intoSecond = (s.endsAt - now) % 1000;
    timer = setTimeout(tick, Math.min(TICK_MS, (intoSecond > 0 ? intoSecond : 1000) + 1));
  }

  function startTimer() {
    schedule(performance.now());
  }

  function stopTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  // ----- the person's actions -----
  function start() {
    if (s.phase !== "ready") return;
    sound.unlock();
    s.painBefore = scaleValue($(".lp-pain-before .lp-scale"));
    const now = performance.now();
    Object.assign(s, {
      phase: "running",
      startedPerf: now,
      startedWall: Date.now(),
      runningSince: now,
      activeMs: 0,
      done: new Set(),
      skipped: new Set(),
      record: null,
    });
    show("run");
    enter(0, now);
    wake.acquire();
    startTimer();
    render(now);
    $(".lp-pause").focus();
  }

  function pause() {
    if (s.phase !== "running") return;
    const now = performance.now();
    advanceTo(now);
    if (s.phase !== "running") return;
    s.leftMs = s.endsAt - now;
    s.activeMs += now - s.runningSince;
    s.phase = "paused";
    stopTimer();
    stopSpeaking();
    if (video && videoOk) video.pause();
    wake.release();
    render(now);
  }

  function resume() {
    if (s.phase !== "paused") return;
    const now = performance.now();
    s.endsAt = now + s.leftMs;
    s.runningSince = now;
    s.phase = "running";
    const seg = segments[s.index];
    if (video && videoOk && seg.kind === "exercise" && seg.video_start != null) video.play();
    wake.acquire();
    startTimer();
    render(now);
  }

  function jump(index) {
    // Move to the start of another segment, running or paused alike.
    const now = performance.now();
    if (s.phase === "running") advanceTo(now);
    if (s.phase !== "running" && s.phase !== "paused") return;
    const seg = segments[s.index];
    if (index > s.index && seg.kind === "exercise" && !s.done.has(s.index)) s.skipped.add(s.index);
    s.index = index;
    const target = segments[index];
    s.leftMs = target.seconds * 1000;
    if (s.phase === "running") enter(index, now);
    else {
      announce(target);
      if (video && videoOk) video.pause();
    }
    render(now);
  }

  function next() {
    if (s.phase !== "running" && s.phase !== "paused") return;
    if (s.index + 1 >= segments.length) {
      const seg = segments[s.index];
      if (seg.kind === "exercise" && !s.done.has(s.index)) s.skipped.add(s.index);
      finish(false, performance.now());
      return;
    }
    jump(s.index + 1);
  }

  function previous() {
    if (s.phase !== "running" && s.phase !== "paused") return;
    const now = performance.now();
    const seg = segments[s.index];
    const left = s.phase === "running" ? s.endsAt - now : s.leftMs;
    const elapsed = seg.seconds * 1000 - left;
    // Like a music player: a step just begun goes back one; later, to its own start.
    if (seg.kind === "exercise" && elapsed > BACK_RESTARTS_AFTER_MS) return jump(s.index);
    let i = s.index - 1;
    while (i > 0 && segments[i].kind !== "exercise") i -= 1;
    jump(Math.max(0, i));
  }

  function restart() {
    if (s.phase !== "running" && s.phase !== "paused") return;
    jump(s.index);
  }

  function repsDone() {
    const seg = segments[s.index];
    if (seg.kind !== "exercise" || !seg.reps) return;
    s.done.add(s.index);
    if (s.index + 1 >= segments.length) finish(true, performance.now());
    else jump(s.index + 1);
  }

  function stepCounts() {
    const byStep = new Map();
    segments.forEach((seg, i) => {
      if (seg.kind !== "exercise") return;
      const st = byStep.get(seg.step) || { all: 0, done: 0, skipped: 0 };
      st.all += 1;
      if (s.done.has(i)) st.done += 1;
      if (s.skipped.has(i)) st.skipped += 1;
      byStep.set(seg.step, st);
    });
    let completed = 0;
    let skipped = 0;
    for (const st of byStep.values()) {
      if (st.done === st.all) completed += 1;
      else if (st.skipped > 0) skipped += 1;
    }
    return { completed, skipped };
  }

  function finish(finished, endPerf) {
    if (s.phase !== "running" && s.phase !== "paused") return;
    if (s.phase === "running") s.activeMs += endPerf - s.runningSince;
    s.phase = "ended";
    stopTimer();
    stopSpeaking();
    wake.release();
    if (video && videoOk) video.pause();
    const counts = stepCounts();
    const endWall = s.startedWall + (endPerf - s.startedPerf);
    s.record = {
      id: newId(),
      r: data.routine.id,
      s: isoWithOffset(s.startedWall),
      e: isoWithOffset(endWall),
      a: Math.round(s.activeMs / 1000),
      c: counts.completed,
      k: counts.skipped,
      d: finished,
      pb: s.painBefore,
      pa: null,
      n: "",
      v: data.storage.version,
    };
    const result = store.saveSession(s.record, data.routine);
    if (finished && prefs.sound) sound.chime();
    if (finished && prefs.voice) speak("Well done");
    $(".lp-end-title").textContent = finished ? "Well done" : "Session ended";
    $(".lp-end-summary").textContent =
      `${fmt(s.activeMs)} of practice · ${counts.completed} of ${exerciseCount} steps done` +
      (counts.skipped ? ` · ${counts.skipped} skipped` : "");
    $(".lp-status").textContent = result.ok ? "" : result.error;
    $(".lp-note").value = "";
    for (const input of $$(".lp-pain-after input")) input.checked = false;
    $(".lp-save").disabled = false;
    show("end");
    tell("ended", s.record);
    $(".lp-save").focus();
  }

  // Python hears of it if it still can; the record is already in localStorage either way
  // (a page being left, or a lost connection, must not lose the session).
  function tell(name, record) {
    try {
      api_.setTriggerValue(name, Object.assign({}, record));
    } catch (err) {
      /* the component is gone or the connection is closed */
    }
  }

  function save() {
    if (s.phase !== "ended" || !s.record) return;
    const patch = { pa: scaleValue($(".lp-pain-after .lp-scale")), n: $(".lp-note").value.trim() };
    const result = store.updateSession(s.record.id, patch);
    if (!result.ok) {
      $(".lp-status").textContent = result.error;
      return;
    }
    Object.assign(s.record, patch);
    $(".lp-status").textContent = "Saved to your history.";
    $(".lp-save").disabled = true;
    tell("saved", s.record);
  }

  function again() {
    s.phase = "ready";
    s.index = 0;
    for (const input of $$(".lp-pain-before input")) input.checked = false;
    show("ready");
  }

  // ----- wiring -----
  const listeners = [];
  function on(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    listeners.push(() => target.removeEventListener(type, fn, opts));
  }

  buildScale($(".lp-pain-before .lp-scale"), `pain-before-${data.plan.routine_id}`);
  buildScale($(".lp-pain-after .lp-scale"), `pain-after-${data.plan.routine_id}`);
  syncPrefs();

  const safetyKey = data.keys.safety;
  if (!readJson(safetyKey, false)) {
    $(".lp-safety").hidden = false;
    $(".lp-safety-text").textContent = data.safety;
    $(".lp-start").disabled = true;
  }
  on($(".lp-ack"), "click", () => {
    writeJson(safetyKey, true);
    $(".lp-safety").hidden = true;
    $(".lp-start").disabled = false;
    $(".lp-start").focus();
  });

  on($(".lp-start"), "click", start);
  on($(".lp-pause"), "click", () => (s.phase === "paused" ? resume() : pause()));
  on($(".lp-next-btn"), "click", next);
  on($(".lp-prev"), "click", previous);
  on($(".lp-restart"), "click", restart);
  on($(".lp-end-btn"), "click", () => finish(false, performance.now()));
  on($(".lp-done"), "click", repsDone);
  on($(".lp-save"), "click", save);
  on($(".lp-again"), "click", again);
  for (const box of $$(".lp-pref-sound, .lp-pref-voice")) {
    on(box, "change", () => {
      prefs[box.classList.contains("lp-pref-sound") ? "sound" : "voice"] = box.checked;
      if (!prefs.voice) stopSpeaking();
      writeJson(prefsKey, prefs);
      syncPrefs();
    });
  }
  on(document, "keydown", (event) => {
    if (s.phase !== "running" && s.phase !== "paused") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0];
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (event.key === " " || event.code === "Space") {
      if (tag === "BUTTON") return; // the focused button does its own thing
      event.preventDefault();
      s.phase === "paused" ? resume() : pause();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      next();
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      previous();
    }
  });
  on(document, "visibilitychange", () => {
    if (document.visibilityState !== "visible") return;
    tick();
    if (s.phase === "running" && wake.wanted) wake.acquire();
  });
  // Leaving the page mid-session records it as ended early: nothing is lost.
  on(window, "pagehide", () => finish(false, performance.now()));

  setupVideo();
  show("ready");

  return {
    signature: data.signature,
    setApi(next) {
      api_ = next;
    },
    destroy() {
      finish(false, performance.now());
      stopTimer();
      stopSpeaking();
      wake.release();
      sound.close();
      if (video) video.destroy();
      for (const off of listeners) off();
    },
  };
}

export default function ({ parentElement, data, setStateValue, setTriggerValue }) {
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
