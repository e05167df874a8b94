// The history store component: reads localStorage, reports it to Python,
// applies Python's write commands once each, and reports again after a write
// or when another tab changes the history. It shows nothing. (history_store.js
// shared/kept.js and shared/pack.js are prepended.)
//
// The report is a trigger value: the document (up to a few MB) travels once
// per change instead of with every rerun. Python keeps it and passes its token
// back as data.have; a mismatch (Python lost it, e.g. a new server session)
// makes the component report again. Where Python says so (quietWhenEmpty), a
// browser that holds nothing sends no first report. A large document travels packed
// (shared/pack.js): gzipped, in base64. The first report of a page is not checked
// record by record here unless Python asks (data.check): see firstReport.

// Nonces already applied in this page, shared by every mount of the
// component, so a command passed again after a remount is not applied twice.
const appliedNonces = new Set();

export default function ({ parentElement, data, setTriggerValue }) {
  [data] = data || []; // sent in a list of one (components/assets.py: why)
  const config = (data && data.storage) || null;
  if (!config) return undefined;
  const store = createHistoryStore(config);

  // What lives as long as this mount: the last report's token, the undo record, the report
  // being packed (its token and outcomes), the report Python last asked to have checked.
  const mount =
    parentElement.__limberStore ||
    (parentElement.__limberStore = {
      token: null,
      undo: null,
      askedFor: undefined,
      packing: null,
      checkedFor: null,
    });

  function stored() {
    try {
      return {
        document: window.localStorage.getItem(config.key),
        quarantine: window.localStorage.getItem(config.quarantineKey),
      };
    } catch (err) {
      return { document: null, quarantine: null }; // blocked: reported as empty, with read()'s reason
    }
  }

  // Send a report; resolves once it is sent. A large document is packed first; a report
  // started meanwhile goes instead of this one (the newer reading wins) and carries its
  // outcomes, so no command's outcome is lost.
  function send(texts, writable, error, outcomes, checked = true) {
    const token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    mount.token = token;
    const value = {
      token,
      document: texts.document,
      quarantine: texts.quarantine,
      writable,
      error,
      undo: mount.undo ? mount.undo.record.id : null,
      outcomes: mount.packing ? mount.packing.outcomes.concat(outcomes) : outcomes,
      checked,
    };
    if (texts.document === null || texts.document.length < PACK_ABOVE) {
      mount.packing = null;
      setTriggerValue("report", value);
      return Promise.resolve();
    }
    mount.packing = { token, outcomes: value.outcomes };
    const sendPacked = (packed) => {
      if (mount.token !== token) return;
      mount.packing = null;
      setTriggerValue("report", packed === null ? value : { ...value, document: null, packed });
    };
    return packText(texts.document).then(sendPacked, () => sendPacked(null));
  }

  // Read the store (checking every record, and setting aside what cannot be read) and report.
  function report(outcomes) {
    const reading = store.read();
    send(stored(), reading.writable, reading.error || null, outcomes);
  }

  // The first report of a page: a document of this app's own version is sent as it is
  // stored, marked unchecked, without the browser's record checks (10,000 records: 50-100
  // ms of work, on a phone more, that Python does anyway). Python checks every record;
  // only when it finds one to set aside does it ask (data.check) for a checked report,
  // and reading the store then sets the record aside. Anything else is checked first.
  function firstReport() {
    const texts = stored();
    const head = texts.document === null ? "" : texts.document.slice(0, 24);
    const version = /^\{"version":(\d+)[,}]/.exec(head);
    if (!version || Number(version[1]) !== config.version) {
      report([]);
      return;
    }
    send(texts, true, null, [], false);
  }

  function apply(command) {
    const op = command.op;
    if (op === "save") return store.saveSession(command.record, command.routine);
    if (op === "update") return store.updateSession(command.id, command.patch || {});
    if (op === "delete") {
      const before = store.read().doc;
      const record = before.sessions.find((s) => s.id === command.id) || null;
      const result = store.deleteSession(command.id);
      if (result.ok && record) {
        const name = before.routines[record.r];
        mount.undo = {
          record,
          routine: name ? { id: record.r, title: name.title, focus: name.focus } : null,
        };
      }
      return result;
    }
    if (op === "undo") {
      if (!mount.undo || mount.undo.record.id !== command.id) {
        return { ok: false, error: "That session can no longer be brought back." };
      }
      const result = store.saveSession(mount.undo.record, mount.undo.routine);
      if (result.ok) mount.undo = null;
      return result;
    }
    if (op === "import") return store.importDoc(command.text);
    if (op === "keep_routine") return store.saveRoutine(command.routine, command.at);
    if (op === "drop_routine") return store.deleteRoutine(command.id);
    if (op === "clear") {
      mount.undo = null;
      return store.clear();
    }
    return { ok: false, error: `Unknown command: ${String(op)}.` };
  }

  const outcomes = [];
  for (const command of (data && data.commands) || []) {
    if (!command || typeof command.nonce !== "string" || appliedNonces.has(command.nonce)) continue;
    appliedNonces.add(command.nonce);
    let result;
    try {
      result = apply(command);
    } catch (err) {
      const why = err && err.message ? err.message : String(err);
      result = { ok: false, error: "Something went wrong while saving: " + why };
    }
    outcomes.push(Object.assign({ nonce: command.nonce, op: String(command.op) }, result));
  }
  const have = data.have === undefined ? null : data.have;
  if (outcomes.length) {
    report(outcomes);
  } else if (mount.token === null) {
    // The first report; none where Python draws an empty store as an unread one and
    // this browser holds nothing (a new visitor: one run of the page, not two).
    const kept = keptUnderAny([config.key, config.quarantineKey]); // null: blocked, reported
    if (!(data.quietWhenEmpty === true && kept === false)) firstReport();
  } else if (have !== mount.token && mount.askedFor !== have && mount.packing === null) {
    // Python does not hold the last report (a new server session): send it again, once
    // (not while the last one is still being packed: it is on its way).
    mount.askedFor = have;
    report([]);
  } else if (data.check && data.check === mount.token && mount.checkedFor !== data.check) {
    // Python found a record to set aside in the unchecked report: read the store (which
    // sets it aside) and report again, once.
    mount.checkedFor = data.check;
    report([]);
  }

  // Another tab wrote the history: read it again (a null key means storage was cleared).
  if (mount.onStorage) window.removeEventListener("storage", mount.onStorage);
  mount.onStorage = (event) => {
    if (event.key === null || event.key === config.key || event.key === config.quarantineKey) {
      report([]);
    }
  };
  window.addEventListener("storage", mount.onStorage);
  return () => {
    window.removeEventListener("storage", mount.onStorage);
    mount.onStorage = null;
  };
}
