// The voice and the last-seconds beeps, driven by the player's clock.
//
// The voice says the segment's schedule (Segment.speech from limber/plan.py) at the
// person's level, each line fitted to the room before the next one (voice.js).
// Speech is cancelled on pause, skip and segment change, and a line is never queued:
// nothing is ever said behind a segment that has ended. The beeps do not depend on
// the voice: they sound with the voice off.

function createCues(sound, prefs, voice, closing) {
  let beeped = -1;
  let heardUpTo = -1; // seconds into the segment up to which its schedule has been gone through

  const rate = () => VOICE_RATES[prefs.rate] || 1;

  function say(seg, elapsedMs) {
    const elapsedS = elapsedMs / 1000;
    const pick = lineToSay({
      speech: seg.speech,
      level: prefs.voice,
      afterS: heardUpTo,
      elapsedS,
      seconds: seg.seconds,
      msPerChar: voice.msPerChar,
      rate: rate(),
      busy: voice.speaking,
    });
    heardUpTo = Math.max(heardUpTo, elapsedS);
    if (pick.text) voice.speak(pick.text, rate());
  }

  function enter(seg) {
    beeped = -1;
    heardUpTo = -1;
    voice.cancel();
    say(seg, 0);
  }

  function tick(seg, leftMs) {
    const secondsLeft = Math.ceil(leftMs / 1000);
    if (prefs.sound && secondsLeft <= 3 && secondsLeft >= 1 && secondsLeft !== beeped && seg.seconds > 3) {
      beeped = secondsLeft;
      sound.beep();
    }
    say(seg, seg.seconds * 1000 - leftMs);
  }

  return {
    enter,
    tick,
    stop: () => voice.cancel(),
    finished(finished) {
      if (finished && prefs.sound) sound.chime();
      voice.cancel();
      const text = finished ? closingText(closing, prefs.voice) : null;
      if (text) voice.speak(text, rate());
    },
  };
}
