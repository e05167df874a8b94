// Session history in this browser's localStorage, shared by the player and the
// store component. Plain functions, no `export`: each component wrapper
// prepends this file's text to its own JS module.
//
// The format is owned and documented by limber/history/format.py; the key names
// and the version number arrive in `config` (history.storage_config()), so they
// are written down in one place only. The checks, migrations, reasons and
// refusals below mirror format.py's; one table of cases in
// tests/unit/test_history_js.py runs through both and keeps them in step.
//
// Promises kept here:
// - Nothing is dropped silently: an unreadable document, an unreadable record,
//   or a document from a newer version is copied, as its original text, to the
//   quarantine key (a JSON array that is only ever appended to).
// - A write that does not fit (QuotaExceededError) changes nothing stored and
//   says so in a plain sentence.
// - Every write re-reads the store first and merges by id, so two tabs that
//   finish sessions at the same moment both keep their record.

/* eslint-disable no-unused-vars */

const HISTORY_ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

// Own sessions saved by this page, kept for a short while so that a write from
// another tab made from a stale read (a lost update) can be repaired.
const HISTORY_HEAL_MS = 15000;
const historyOwnSaves = new Map(); // key -> Map(id -> {record, routine, at})
let historyHealListening = false;
const historyConfigs = new Map(); // key -> config, for repairs made from the storage event
const historyLastRead = new Map(); // key -> {text, found}: the last document read and its check

function historyIsObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function historyIsCount(value) {
  return Number.isInteger(value) && value >= 0;
}

function historyIsPain(value) {
  return value === null || (Number.isInteger(value) && value >= 0 && value <= 10);
}

// A real calendar date and clock time, with an offset (the same rule as format.py).
function historyIsTime(value) {
  if (typeof value !== "string") return false;
  const m = HISTORY_ISO.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years below 100 as 19xx
  if (y < 1 || day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return false;
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return false;
  return !Number.isNaN(Date.parse(value));
}

// Why a version-1 record cannot be used, as a plain sentence; null if it can.
function historyRecordProblem(record) {
  if (!historyIsObject(record)) return "The record is not a set of fields.";
  if (typeof record.id !== "string" || record.id.length < 1 || record.id.length > 64)
    return "The record has no usable id.";
  if (typeof record.r !== "string" || record.r.length < 1)
    return "The record does not say which routine it was.";
  if (!historyIsTime(record.s)) return "The record's start time is missing or not a date.";
  if (!historyIsTime(record.e)) return "The record's end time is missing or not a date.";
  if (Date.parse(record.e) < Date.parse(record.s))
    return "The record ends before it starts.";
  if (!historyIsCount(record.a)) return "The record's active time is not a whole number of seconds.";
  if (!historyIsCount(record.c)) return "The record's completed steps are not a whole number.";
  if (!historyIsCount(record.k)) return "The record's skipped steps are not a whole number.";
  if (typeof record.d !== "boolean") return "The record does not say whether it was finished.";
  if (!historyIsPain(record.pb)) return "The record's pain before is not a whole number from 0 to 10.";
  if (!historyIsPain(record.pa)) return "The record's pain after is not a whole number from 0 to 10.";
  if (typeof record.n !== "string") return "The record's note is not text.";
  if (record.v !== 1) return "The record's format version is not one this app knows.";
  return null;
}

function historyRoutineProblem(routine) {
  if (!historyIsObject(routine)) return "The routine entry is not a set of fields.";
  if (typeof routine.title !== "string" || routine.title.length < 1)
    return "The routine entry has no title.";
  if (!Array.isArray(routine.focus) || !routine.focus.every((f) => typeof f === "string"))
    return "The routine entry's focus is not a list of names.";
  return null;
}

// Why a kept routine's entry cannot be used; null if it can. Only its form is
// checked here (as history.own_problem does); its fields are the library's to check.
function historyOwnProblem(id, entry) {
  if (!historyIsObject(entry)) return "The kept routine is not a set of fields.";
  if (!historyIsTime(entry.at)) return "The kept routine's saved time is missing or not a date.";
  if (!historyIsObject(entry.routine)) return "The kept routine has no routine fields.";
  if (entry.routine.id !== id) return "The kept routine's id is not the one it is kept under.";
  return null;
}

function historyIsQuotaError(err) {
  return (
    err instanceof DOMException &&
    (err.name === "QuotaExceededError" ||
      err.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      err.code === 22 ||
      err.code === 1014)
  );
}

// localStorage, or a stand-in that says why nothing can be kept (storage blocked).
function historyBrowserStorage() {
  try {
    if (window.localStorage) return window.localStorage;
  } catch (err) {
    /* blocked by the browser's settings */
  }
  return {
    getItem: () => null,
    setItem: () => {
      throw new Error("this browser does not allow this site to keep data");
    },
  };
}

function createHistoryStore(config) {
  const KEY = config.key;
  const QKEY = config.quarantineKey;
  const VERSION = config.version;
  const storage = config.storage || historyBrowserStorage();
  historyConfigs.set(KEY, config);

  const QUOTA_SENTENCE =
    "There is no room left in this browser's storage, so nothing was changed. " +
    "Export your history, then delete old sessions to make room.";
  const NEWER_SENTENCE =
    "Your history was saved by a newer version of Limber, so this version leaves it " +
    "as it is and cannot change it.";

  // Migrations from version N to N + 1, applied to a whole parsed document.
  // Add an entry here and in limber/history/format.py together.
  const MIGRATIONS = {
    // Version 2: the person's own routines join the document (none yet).
    1: (doc) => Object.assign({}, doc, { own: doc.own === undefined ? {} : doc.own }),
  };

  function emptyDoc() {
    return { version: VERSION, routines: {}, sessions: [], own: {} };
  }

  // The same document with some parts replaced (the parts not named are kept).
  function withParts(doc, parts) {
    return Object.assign({ version: VERSION, routines: doc.routines, sessions: doc.sessions, own: doc.own }, parts);
  }

  function getItem(key) {
    try {
      return storage.getItem(key);
    } catch (err) {
      return null;
    }
  }

  function readQuarantine() {
    const text = getItem(QKEY);
    if (text === null) return { list: [], text: null };
    try {
      const list = JSON.parse(text);
      if (Array.isArray(list)) return { list, text };
    } catch (err) {
      /* falls through: the quarantine itself is unreadable */
    }
    // Keep even an unreadable quarantine, as the first entry of a new one.
    return {
      list: [
        { at: new Date().toISOString(), reason: "The kept-aside list itself was unreadable.", raw: text },
      ],
      text,
    };
  }

  // Append entries to the quarantine; an entry whose raw text is already
  // there is not added twice. Returns false if it did not fit.
  function quarantine(entries) {
    if (!entries.length) return true;
    const { list } = readQuarantine();
    const known = new Set(list.map((q) => (q && typeof q.raw === "string" ? q.raw : null)));
    const at = new Date().toISOString();
    let added = 0;
    for (const entry of entries) {
      if (known.has(entry.raw)) continue;
      known.add(entry.raw);
      list.push({ at, reason: entry.reason, raw: entry.raw });
      added += 1;
    }
    if (!added) return true;
    try {
      storage.setItem(QKEY, JSON.stringify(list));
      return true;
    } catch (err) {
      return false;
    }
  }

  function quarantineCount() {
    return readQuarantine().list.length;
  }

  // Check a parsed document (undefined when the text was not JSON); split it
  // into a usable version-current document and the parts to set aside. Never throws.
  function inspect(parsed, text) {
    if (parsed === undefined) {
      return { kind: "unreadable", aside: [{ reason: "The saved history is not readable JSON.", raw: text }] };
    }
    if (!historyIsObject(parsed) || !Number.isInteger(parsed.version) || parsed.version < 1) {
      return { kind: "unreadable", aside: [{ reason: "The saved history is not in a form Limber knows.", raw: text }] };
    }
    if (parsed.version > VERSION) {
      return {
        kind: "newer",
        aside: [
          {
            reason: `The saved history is format version ${parsed.version}, newer than this app knows (${VERSION}).`,
            raw: text,
          },
        ],
      };
    }
    let doc = parsed;
    for (let v = doc.version; v < VERSION; v += 1) {
      const step = MIGRATIONS[v];
      if (!step) {
        return { kind: "unreadable", aside: [{ reason: `No way to read format version ${v}.`, raw: text }] };
      }
      doc = step(doc);
    }
    if (!Array.isArray(doc.sessions)) {
      return { kind: "unreadable", aside: [{ reason: "The saved history has no list of sessions.", raw: text }] };
    }
    const aside = [];
    const routines = {};
    const sourceRoutines = doc.routines === undefined ? {} : doc.routines;
    if (!historyIsObject(sourceRoutines)) {
      aside.push({ reason: "The list of routine names is not readable.", raw: JSON.stringify(sourceRoutines) });
    } else {
      for (const [id, routine] of Object.entries(sourceRoutines)) {
        const problem = historyRoutineProblem(routine);
        if (problem) aside.push({ reason: problem, raw: JSON.stringify({ [id]: routine }) });
        else routines[id] = routine;
      }
    }
    const byId = new Map();
    for (const record of doc.sessions) {
      const problem = historyRecordProblem(record);
      if (problem) {
        aside.push({ reason: problem, raw: JSON.stringify(record) });
        continue;
      }
      const earlier = byId.get(record.id);
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(record)) {
        aside.push({ reason: "Another record has the same id; the later one was kept.", raw: JSON.stringify(earlier) });
      }
      byId.set(record.id, record);
    }
    const own = {};
    const sourceOwn = doc.own === undefined ? {} : doc.own;
    if (!historyIsObject(sourceOwn)) {
      aside.push({ reason: "The list of kept routines is not readable.", raw: JSON.stringify(sourceOwn) });
    } else {
      for (const [id, entry] of Object.entries(sourceOwn)) {
        const problem = historyOwnProblem(id, entry);
        if (problem) aside.push({ reason: problem, raw: JSON.stringify({ [id]: entry }) });
        else own[id] = entry;
      }
    }
    const clean = { version: VERSION, routines, sessions: [...byId.values()], own };
    const changed = aside.length > 0 || doc !== parsed || byId.size !== doc.sessions.length;
    return { kind: "ok", doc: clean, aside, changed };
  }

  // The current document, with anything unreadable moved aside.
  // state: "ok" (writable), "newer" (leave alone), "stuck" (could not move aside).
  function load() {
    const text = getItem(KEY);
    if (text === null) return { state: "ok", doc: emptyDoc() };
    let found;
    const memo = historyLastRead.get(KEY);
    if (memo && memo.text === text) {
      found = memo.found; // the same text as last time: checked already (documents are never mutated)
    } else {
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        parsed = undefined;
      }
      found = inspect(parsed, text);
      historyLastRead.set(KEY, { text, found });
    }
    if (found.kind === "newer") {
      quarantine(found.aside); // a copy; the document itself stays untouched
      return { state: "newer", doc: emptyDoc() };
    }
    if (found.kind === "unreadable") {
      if (!quarantine(found.aside)) return { state: "stuck", doc: emptyDoc() };
      try {
        storage.setItem(KEY, JSON.stringify(emptyDoc()));
      } catch (err) {
        /* the original stays in place, and is also in quarantine */
      }
      return { state: "ok", doc: emptyDoc() };
    }
    if (found.changed) {
      if (!quarantine(found.aside)) return { state: "stuck", doc: found.doc };
      try {
        storage.setItem(KEY, JSON.stringify(found.doc));
      } catch (err) {
        /* the parts set aside are safe; the original stays as it was */
      }
    }
    return { state: "ok", doc: found.doc };
  }

  function refusal(state) {
    if (state === "newer") return NEWER_SENTENCE;
    return "Some of your saved history could not be set aside safely, so nothing was changed. " + QUOTA_SENTENCE;
  }

  function write(doc) {
    try {
      storage.setItem(KEY, JSON.stringify(doc));
      return { ok: true };
    } catch (err) {
      if (historyIsQuotaError(err)) return { ok: false, error: QUOTA_SENTENCE };
      return { ok: false, error: "This browser would not save your history: " + String(err && err.message ? err.message : err) };
    }
  }

  // Re-read, change, write: the pattern of every write.
  function modify(change) {
    const current = load();
    if (current.state !== "ok") return { ok: false, error: refusal(current.state) };
    const outcome = change(current.doc);
    if (outcome.ok === false) return outcome;
    const written = write(outcome.doc);
    return written.ok ? Object.assign({ ok: true }, outcome.result || {}) : written;
  }

  function putRecord(doc, record, routine) {
    const sessions = doc.sessions.filter((s) => s.id !== record.id);
    sessions.push(record);
    const routines = Object.assign({}, doc.routines);
    if (routine && typeof routine.id === "string" && routine.id) {
      routines[routine.id] = { title: String(routine.title || routine.id), focus: (routine.focus || []).map(String) };
    }
    return withParts(doc, { routines, sessions });
  }

  function remember(record, routine) {
    if (!historyOwnSaves.has(KEY)) historyOwnSaves.set(KEY, new Map());
    historyOwnSaves.get(KEY).set(record.id, { record, routine, at: Date.now() });
    if (!historyHealListening && typeof window !== "undefined") {
      historyHealListening = true;
      window.addEventListener("storage", historyHeal);
    }
  }

  function saveSession(record, routine) {
    const problem = historyRecordProblem(record);
    if (problem) return { ok: false, error: "This session could not be saved: " + problem };
    const result = modify((doc) => ({ doc: putRecord(doc, record, routine) }));
    if (result.ok) {
      remember(record, routine);
    } else {
      // Keep the session itself, so it can be downloaded from the History page.
      quarantine([{ reason: "A session that could not be added: " + result.error, raw: JSON.stringify(record) }]);
    }
    return result;
  }

  function updateSession(id, patch) {
    const allowed = ["pb", "pa", "n", "d"];
    return modify((doc) => {
      const old = doc.sessions.find((s) => s.id === id);
      if (!old) return { ok: false, error: "That session is no longer in your history." };
      const next = Object.assign({}, old);
      for (const name of allowed) if (patch && name in patch) next[name] = patch[name];
      const problem = historyRecordProblem(next);
      if (problem) return { ok: false, error: "This change could not be saved: " + problem };
      const own = historyOwnSaves.get(KEY);
      if (own && own.has(id)) own.get(id).record = next;
      return { doc: putRecord(doc, next, null) };
    });
  }

  function deleteSession(id) {
    const own = historyOwnSaves.get(KEY);
    if (own) own.delete(id);
    return modify((doc) => {
      const removed = doc.sessions.find((s) => s.id === id) || null;
      return {
        doc: withParts(doc, { sessions: doc.sessions.filter((s) => s.id !== id) }),
        result: { removed: removed ? 1 : 0 },
      };
    });
  }

  // Merge another document (text or parsed) by id; records already there are kept as they are.
  function importDoc(other) {
    let parsed = other;
    const text = typeof other === "string" ? other : JSON.stringify(other);
    if (typeof other === "string") {
      try {
        parsed = JSON.parse(other);
      } catch (err) {
        parsed = undefined;
      }
    }
    const found = inspect(parsed, text);
    if (found.kind === "newer") return { ok: false, error: "This file was saved by a newer version of Limber; it was not imported." };
    if (found.kind === "unreadable") return { ok: false, error: "This file is not a Limber history; nothing was imported." };
    const result = modify((doc) => {
      const have = new Set(doc.sessions.map((s) => s.id));
      const sessions = doc.sessions.slice();
      let added = 0;
      let existing = 0;
      for (const record of found.doc.sessions) {
        if (have.has(record.id)) {
          existing += 1;
        } else {
          have.add(record.id);
          sessions.push(record);
          added += 1;
        }
      }
      const routines = Object.assign({}, found.doc.routines, doc.routines);
      // Kept routines: the ones not here yet come in; one already here stays as it is.
      const own = Object.assign({}, doc.own);
      let routinesAdded = 0;
      for (const [id, entry] of Object.entries(found.doc.own)) {
        if (!(id in own)) {
          own[id] = entry;
          routinesAdded += 1;
        }
      }
      return {
        doc: withParts(doc, { routines, sessions, own }),
        result: { added, existing, unreadable: found.aside.length, routines: routinesAdded },
      };
    });
    if (result.ok && !quarantine(found.aside.map((a) => ({ reason: "From an imported file: " + a.reason, raw: a.raw })))) {
      result.keptAside = false;
    }
    return result;
  }

  // Every session goes; the person's own routines stay (they are not history).
  function clear() {
    historyOwnSaves.delete(KEY);
    return modify((doc) => ({ doc: withParts(emptyDoc(), { own: doc.own }) }));
  }

  // Keep one of the person's own routines (a new one, or a new version of one).
  function saveRoutine(routine, at) {
    const id = historyIsObject(routine) ? routine.id : undefined;
    const entry = { at: at || new Date().toISOString(), routine };
    const problem = typeof id === "string" && id ? historyOwnProblem(id, entry) : "The routine has no id.";
    if (problem) return { ok: false, error: "This routine could not be kept: " + problem };
    return modify((doc) => ({
      doc: withParts(doc, { own: Object.assign({}, doc.own, { [id]: entry }) }),
      result: { replaced: id in doc.own ? 1 : 0 },
    }));
  }

  function deleteRoutine(id) {
    return modify((doc) => {
      const own = Object.assign({}, doc.own);
      const removed = id in own ? 1 : 0;
      delete own[id];
      return { doc: withParts(doc, { own }), result: { removed } };
    });
  }

  function read() {
    const current = load();
    const out = { doc: current.doc, quarantined: quarantineCount(), writable: current.state === "ok" };
    if (current.state !== "ok") out.error = refusal(current.state);
    return out;
  }

  // The full store as text, for the JSON export (the stored text itself when
  // the app cannot read it, so nothing is lost by exporting).
  function exportText() {
    const current = load();
    if (current.state === "newer") return getItem(KEY);
    return JSON.stringify(current.doc);
  }

  function quarantineText() {
    const { list } = readQuarantine();
    return JSON.stringify(list);
  }

  return {
    read,
    saveSession,
    updateSession,
    deleteSession,
    importDoc,
    clear,
    saveRoutine,
    deleteRoutine,
    exportText,
    quarantineText,
    key: KEY,
    quarantineKey: QKEY,
  };
}

// Another tab wrote the history: put back any session this page saved a
// moment ago that the other tab's write (made from an older read) left out.
// (A session deleted on purpose in another tab within those seconds comes back
// too: rare, and the safer mistake.)
function historyHeal(event) {
  if (!event.key || !historyOwnSaves.has(event.key) || event.newValue === null) return;
  const own = historyOwnSaves.get(event.key);
  let doc;
  try {
    doc = JSON.parse(event.newValue);
  } catch (err) {
    return;
  }
  if (!historyIsObject(doc) || !Array.isArray(doc.sessions)) return;
  const present = new Set(doc.sessions.map((s) => (s && s.id) || null));
  const now = Date.now();
  for (const [id, saved] of own) {
    if (now - saved.at > HISTORY_HEAL_MS) {
      own.delete(id);
    } else if (!present.has(id)) {
      const config = historyConfigs.get(event.key);
      if (config) createHistoryStore(config).saveSession(saved.record, saved.routine);
    }
  }
}
