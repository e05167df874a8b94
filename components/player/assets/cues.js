// Spoken cues and the last-seconds beeps, driven by the player's clock.
// Speech is cancelled on pause, skip and segment change; it is never queued
// behind a segment that has ended.

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

function createCues(sound, prefs) {
  let beeped = -1;
  let spokenHalf = false;
  let cueIndex = -1;

  function enter(seg) {
    beeped = -1;
    spokenHalf = false;
    cueIndex = -1;
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

  function tick(seg, leftMs) {
    const secondsLeft = Math.ceil(leftMs / 1000);
    if (prefs.sound && secondsLeft <= 3 && secondsLeft >= 1 && secondsLeft !== beeped && seg.seconds > 3) {
      beeped = secondsLeft;
      sound.beep();
    }
    if (seg.kind !== "exercise" || !prefs.voice) return;
    const elapsed = seg.seconds * 1000 - leftMs;
    const cue = cueAt(seg, elapsed);
    if (cue.index !== cueIndex) {
      cueIndex = cue.index;
      if (cue.text) speak(cue.text);
    }
    if (!spokenHalf && seg.seconds >= 20 && elapsed >= (seg.seconds * 1000) / 2) {
      spokenHalf = true;
      speak("Halfway");
    }
  }

  return {
    enter,
    tick,
    stop: stopSpeaking,
    finished(finished) {
      if (finished && prefs.sound) sound.chime();
      if (finished && prefs.voice) speak("Well done");
    },
  };
}
