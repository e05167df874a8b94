// Beeps and chimes from Web Audio: the last seconds of a segment, and its end.
// They work with the voice off.

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
