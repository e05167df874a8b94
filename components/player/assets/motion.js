// The figure on the session's own clock (the geometry is static/figure.js).
//
// The player says which segment is shown and how far into it the clock is;
// this module draws the pose for that moment on each animation frame while the
// clock runs: one sequence per rep at the step's tempo, a hold that breathes,
// the second side mirrored. Paused, it draws once and stops; a jump redraws at
// once. Before a step (Get ready, Rest) it shows the step's starting pose, so
// the person sees how to get into position. With prefers-reduced-motion the key
// poses are drawn still.

function demoLabel(demo) {
  const labels = [];
  for (const pose of demo.poses) if (!labels.includes(pose.label)) labels.push(pose.label);
  return labels.join("; then ");
}

function createMotion(slot, { elapsedMs, reducedMotion }) {
  // A figure that fails to draw must never stop a session: it is hidden, the clock goes on.
  let broken = false;
  function guard(fn) {
    return (...args) => {
      if (broken) return undefined;
      try {
        return fn(...args);
      } catch (err) {
        broken = true;
        slot.hidden = true;
        console.warn("Limber player: the figure could not be drawn; the session goes on without it.", err);
        return undefined;
      }
    };
  }

  const live = document.createElement("div");
  live.className = "lp-figure-live";
  const still = document.createElement("div");
  still.className = "lp-figure-still";
  slot.replaceChildren(live, still);
  let figure = null;
  let seg = null;
  let frame = null;
  let running = false;
  let framed = null; // the demo the view is framed around

  const moving = () => seg && seg.kind === "exercise" && !reducedMotion();

  function drawNow() {
    if (!seg || !seg.demo) return;
    if (seg.kind !== "exercise") {
      // Before the step: its first pose, still.
      figure.draw(seg.demo.poses[0], { mirror: seg.side === "right" });
      return;
    }
    const pose = figurePoseAt(seg.demo, elapsedMs(), seg.seconds_per_rep || null);
    figure.draw(pose, { mirror: seg.side === "right" });
  }

  const loop = guard(() => {
    frame = null;
    if (!running || !moving()) return;
    drawNow();
    frame = requestAnimationFrame(loop);
  });

  function stopLoop() {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
  }

  function startLoop() {
    if (frame === null && running && moving()) frame = requestAnimationFrame(loop);
  }

  return {
    /** Show segment `segment` (its demo, or nothing); `isRunning` says whether the clock runs. */
    show: guard((segment, isRunning) => {
      seg = segment;
      running = isRunning;
      stopLoop();
      const demo = seg && seg.demo;
      slot.hidden = !demo;
      if (!demo) return;
      if (seg.kind === "exercise" && reducedMotion()) {
        live.hidden = true;
        still.hidden = false;
        drawFigureStill(still, demo);
        return;
      }
      live.hidden = false;
      still.hidden = true;
      if (!figure) {
        figure = createFigure(document, { className: "lp-figure-svg" });
        live.replaceChildren(figure.element);
      }
      if (demo !== framed) {
        // Frame the whole movement, both sides, so a lying figure is drawn large and never jumps.
        figure.fit(demo);
        framed = demo;
      }
      figure.setLabel(seg.kind === "exercise" ? demoLabel(demo) : `Next: ${demoLabel({ poses: [demo.poses[0]] })}`);
      drawNow();
      startLoop();
    }),
    /** The clock started or stopped: move on each frame, or hold the pose of this moment. */
    running: guard((isRunning) => {
      running = isRunning;
      if (isRunning) startLoop();
      else {
        stopLoop();
        if (seg && seg.demo && figure && !live.hidden) drawNow();
      }
    }),
    destroy() {
      running = false;
      stopLoop();
    },
  };
}
