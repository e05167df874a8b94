// The player's phases as one transition table: (phase, event) -> phase.
//
// Every change of phase goes through `phases.fire(event)`. An event the table
// does not list for the current phase is a mistake in the caller: with
// `strict` (the unit tests) it throws and changes nothing; in the app it is
// ignored with a console warning, so a stray key press never breaks a session.

const PHASES = Object.freeze(["ready", "running", "paused", "ended"]);

const PHASE_EVENTS = Object.freeze([
  "start", // Start pressed on the ready screen
  "pause",
  "resume",
  "jump", // Next, Previous, Restart step, "I'm done", or the clock moving on
  "finish", // the last segment ended, End session, or the page is left
  "again", // "Do it again" on the end screen
]);

const TRANSITIONS = Object.freeze({
  "ready:start": "running",
  "running:pause": "paused",
  "running:jump": "running",
  "running:finish": "ended",
  "paused:resume": "running",
  "paused:jump": "paused",
  "paused:finish": "ended",
  "ended:again": "ready",
});

class IllegalTransition extends Error {
  constructor(phase, event) {
    super(`"${event}" cannot happen while the player is ${phase}`);
    this.name = "IllegalTransition";
    this.phase = phase;
    this.event = event;
  }
}

function nextPhase(phase, event) {
  const to = TRANSITIONS[`${phase}:${event}`];
  if (to === undefined) throw new IllegalTransition(phase, event);
  return to;
}

function createPhases({ strict = false, initial = "ready" } = {}) {
  let phase = initial;
  return {
    get phase() {
      return phase;
    },
    /** Whether `event` is allowed now. */
    can(event) {
      return TRANSITIONS[`${phase}:${event}`] !== undefined;
    },
    /** Move on by `event`; returns true if the phase table allowed it. */
    fire(event) {
      try {
        phase = nextPhase(phase, event);
        return true;
      } catch (err) {
        if (strict || !(err instanceof IllegalTransition)) throw err;
        console.warn(`Limber player: ${err.message}; ignored.`);
        return false;
      }
    },
    /** Whether a session is under way (its clock running or paused). */
    get live() {
      return phase === "running" || phase === "paused";
    },
  };
}
