// The clock's arithmetic, pure: no DOM, no timers, time is an argument.
//
// The player keeps one number per segment: when it ends on performance.now().
// Everything shown (the countdown, the rep, the cue, the figure's pose) is
// computed from that end time and "now", never by counting ticks, so a
// throttled or sleeping tab catches up exactly when it wakes.

const BACK_RESTARTS_AFTER_MS = 3000;

/** Milliseconds as m:ss, rounded up (a countdown shows 0:01 until it is over). */
function fmt(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000 - 1e-9));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

/** An epoch time as ISO 8601 in local time with its UTC offset (what records store). */
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

/** Where each segment starts within the whole routine, in ms. */
function segmentOffsets(segments) {
  const offsets = [];
  let at = 0;
  for (const seg of segments) {
    offsets.push(at);
    at += seg.seconds * 1000;
  }
  return offsets;
}

/**
 * Account for every segment whose end has passed by `now`, however long the tab slept.
 * Returns the segment now running and its end, the indexes that ran to their end,
 * and, when the last one ended, `finishedAt` (its exact end time).
 */
function advance(segments, index, endsAt, now) {
  const passed = [];
  while (now >= endsAt) {
    passed.push(index);
    if (index + 1 >= segments.length) return { index, endsAt, passed, finishedAt: endsAt };
    index += 1;
    endsAt += segments[index].seconds * 1000;
  }
  return { index, endsAt, passed, finishedAt: null };
}

/** The cue shown (and spoken) `elapsedMs` into a segment: its cues spread evenly. */
function cueAt(seg, elapsedMs) {
  const cues = seg.cues || [];
  if (seg.kind !== "exercise" || !cues.length) return { text: "", index: -1 };
  const each = (seg.seconds * 1000) / cues.length;
  const index = Math.max(0, Math.min(cues.length - 1, Math.floor(elapsedMs / each)));
  return { text: cues[index], index };
}

/** The repetition under way (1-based) `elapsedMs` into a rep segment, else null. */
function repAt(seg, elapsedMs) {
  if (seg.kind !== "exercise" || !seg.reps) return null;
  return Math.min(seg.reps, Math.floor(Math.max(0, elapsedMs) / (seg.seconds_per_rep * 1000)) + 1);
}

/**
 * Where "Previous" goes, like a music player: an exercise more than three
 * seconds in starts again; otherwise back to the exercise before (or the start).
 */
function previousIndex(segments, index, elapsedMs) {
  if (segments[index].kind === "exercise" && elapsedMs > BACK_RESTARTS_AFTER_MS) return index;
  let i = index - 1;
  while (i > 0 && segments[i].kind !== "exercise") i -= 1;
  return Math.max(0, i);
}

/**
 * Steps completed and skipped, from the exercise segments run to their end (`done`)
 * and those left early (`skipped`): a two-sided step counts once, when both sides ran.
 */
function stepCounts(segments, done, skipped) {
  const byStep = new Map();
  segments.forEach((seg, i) => {
    if (seg.kind !== "exercise") return;
    const st = byStep.get(seg.step) || { all: 0, done: 0, skipped: 0 };
    st.all += 1;
    if (done.has(i)) st.done += 1;
    if (skipped.has(i)) st.skipped += 1;
    byStep.set(seg.step, st);
  });
  let completed = 0;
  let skippedSteps = 0;
  for (const st of byStep.values()) {
    if (st.done === st.all) completed += 1;
    else if (st.skipped > 0) skippedSteps += 1;
  }
  return { completed, skipped: skippedSteps };
}

/** How long to wait before looking again: just after the shown second changes, at most `maxMs`. */
function nextTickIn(leftMs, maxMs) {
  const intoSecond = leftMs % 1000;
  return Math.min(maxMs, (intoSecond > 0 ? intoSecond : 1000) + 1);
}
