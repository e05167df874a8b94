// The player's screens, drawn from the state: every text from a routine or a
// record is set with textContent. The view reads nothing back but the person's
// own choices (pain scales, note).

const PHASE_TEXT = Object.freeze({
  prepare: "Get ready",
  exercise: "Now",
  switch: "Switch sides",
  rest: "Rest",
});

function createView(root, plan) {
  const $ = (sel) => root.querySelector(sel);
  const $$ = (sel) => Array.from(root.querySelectorAll(sel));
  const segments = plan.segments;
  const totalMs = plan.total_seconds * 1000;
  const stepTotal = plan.step_count;
  const offsets = segmentOffsets(segments);

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

  function clearScale(container) {
    for (const input of container.querySelectorAll("input")) input.checked = false;
  }

  // The settings appear on the ready screen and under the running player: one template, two copies.
  const prefsTemplate = $(".lp-prefs-template");
  for (const slot of $$(".lp-prefs")) slot.replaceChildren(prefsTemplate.content.cloneNode(true));

  buildScale($(".lp-pain-before .lp-scale"), `pain-before-${plan.routine_id}`);
  buildScale($(".lp-pain-after .lp-scale"), `pain-after-${plan.routine_id}`);

  return {
    $,
    $$,
    show(which) {
      for (const name of ["ready", "run", "end"]) $(`.lp-${name}`).hidden = name !== which;
    },
    painBefore: () => scaleValue($(".lp-pain-before .lp-scale")),
    painAfter: () => scaleValue($(".lp-pain-after .lp-scale")),
    note: () => $(".lp-note").value.trim(),
    clearBefore: () => clearScale($(".lp-pain-before .lp-scale")),

    /** Draw the running (or paused) screen: segment `index`, `leftMs` to go. */
    render(index, leftMs, paused) {
      const seg = segments[index];
      const segMs = seg.seconds * 1000;
      const elapsed = Math.max(0, segMs - leftMs);
      root.classList.toggle("lp-paused", paused);
      const phaseText = PHASE_TEXT[seg.kind];
      $(".lp-phase").textContent = paused ? `Paused · ${phaseText}` : phaseText;
      $(".lp-name").textContent = seg.label;
      $(".lp-side").textContent =
        seg.kind === "exercise" && seg.side ? (seg.side === "left" ? "Left side" : "Right side") : "";
      $(".lp-timer").textContent = fmt(leftMs);
      const rep = repAt(seg, elapsed);
      $(".lp-reps").hidden = rep === null;
      if (rep !== null) {
        $(".lp-rep-count").textContent = `Rep ${rep} of ${seg.reps} · about ${seg.seconds_per_rep} s each`;
      }
      const showNext = seg.kind !== "exercise" && seg.next_label;
      $(".lp-next").hidden = !showNext;
      $(".lp-next").textContent = showNext ? `Next: ${seg.next_label}` : "";
      $(".lp-cue").textContent = cueAt(seg, elapsed).text;
      $(".lp-instructions").textContent = seg.instructions || "";
      $(".lp-cautions").textContent = (seg.cautions || []).join(" ");
      $(".lp-step-bar").value = segMs ? elapsed / segMs : 1;
      const routineLeft = totalMs - offsets[index] - elapsed;
      $(".lp-routine-bar").value = totalMs ? 1 - routineLeft / totalMs : 1;
      const step = Math.min(stepTotal, (seg.step ?? 0) + 1);
      $(".lp-overall").textContent = `Step ${step} of ${stepTotal} · ${fmt(routineLeft)} left`;
      const pause = $(".lp-pause");
      pause.textContent = paused ? "Resume" : "Pause";
      pause.setAttribute("aria-label", paused ? "Resume" : "Pause");
    },

    /** Draw the end screen for a session just recorded. */
    ended({ finished, activeMs, counts, error }) {
      $(".lp-end-title").textContent = finished ? "Well done" : "Session ended";
      $(".lp-end-summary").textContent =
        `${fmt(activeMs)} of practice · ${counts.completed} of ${stepTotal} steps done` +
        (counts.skipped ? ` · ${counts.skipped} skipped` : "");
      $(".lp-status").textContent = error || "";
      $(".lp-note").value = "";
      clearScale($(".lp-pain-after .lp-scale"));
      $(".lp-save").disabled = false;
    },

    status(text) {
      $(".lp-status").textContent = text;
    },

    syncPrefs(prefs) {
      for (const box of $$(".lp-pref-sound")) box.checked = prefs.sound;
      for (const choice of $$(".lp-pref-voice")) choice.value = prefs.voice;
      for (const choice of $$(".lp-pref-rate")) choice.value = prefs.rate;
    },

    /** The voices to choose from (names, as the browser gives them), shown when there are several. */
    voiceChoices(names, chosen) {
      for (const label of $$(".lp-pref-voice-name-label")) label.hidden = names.length < 2;
      for (const choice of $$(".lp-pref-voice-name")) {
        choice.replaceChildren(
          ...names.map((name) => {
            const option = document.createElement("option");
            option.value = name;
            option.textContent = name;
            return option;
          }),
        );
        if (chosen) choice.value = chosen;
      }
    },

    safety(text) {
      $(".lp-safety").hidden = !text;
      $(".lp-safety-text").textContent = text || "";
      $(".lp-start").disabled = Boolean(text);
    },
  };
}
