"""The browser store (history_store.js) run in Node: the same rules as limber/history/format.py,
checked on one table of cases each, and the store's own promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from components.assets import SHARED
from components.store import unpack
from limber import history, library
from limber.model import Routine
from tests.support.history import V1_DOCUMENT, V2_DOCUMENT, document, record
from tests.support.node import run_js, run_node

ROOT = Path(__file__).resolve().parents[2]
STORE_JS = ROOT / "components" / "shared" / "history_store.js"

# A stand-in for the browser: localStorage with an optional quota, a clock, and
# `window` for the storage event. Each scenario is a function body that gets
# `create()`, `storage` and `config`, and returns JSON-ready data.
HARNESS = r"""
class DOMException extends Error {
  constructor(message, name) { super(message); this.name = name; this.code = name === "QuotaExceededError" ? 22 : 0; }
}
const listeners = [];
globalThis.window = { addEventListener: (t, f) => listeners.push(f), removeEventListener() {} };
globalThis.DOMException = DOMException;
function memoryStorage(limit) {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem(k, v) {
      let used = 0;
      for (const [kk, vv] of map) if (kk !== k) used += kk.length + vv.length;
      if (limit && used + k.length + String(v).length > limit) throw new DOMException("full", "QuotaExceededError");
      map.set(k, String(v));
    },
    removeItem: (k) => map.delete(k),
  };
}
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const storage = memoryStorage(input.limit || 0);
for (const [k, v] of Object.entries(input.seed || {})) storage.map.set(k, v);
const config = Object.assign({}, input.config, { storage });
const create = (other) => createHistoryStore(other || config);
const fire = (event) => listeners.forEach((f) => f(event));
const result = (function () { SCENARIO })();
process.stdout.write(JSON.stringify({ result, stored: Object.fromEntries(storage.map) }));
"""


def run(scenario: str, *, seed: dict[str, str] | None = None, limit: int = 0) -> dict:
    """Run a scenario against the store; returns its result and everything stored after."""
    source = STORE_JS.read_text(encoding="utf-8") + HARNESS.replace("SCENARIO", scenario)
    payload = {"config": history.storage_config(), "seed": seed or {}, "limit": limit}
    return json.loads(run_node(["-e", source], payload))


KEY, QKEY = history.STORAGE_KEY, history.QUARANTINE_KEY
ROUTINE = {"id": "cat-cow-flow", "title": "Cat–cow flow", "focus": ["lower-back"]}

CANDIDATES = [
    record(),
    record(s="2026-11-25T08:30+01:00"),
    record(s="2026-11-25T08:30:00.5Z", e="2026-11-25T08:45:00.123456Z"),
    record(e="2026-11-25T08:45:00.1234567Z"),
    record(s="2026-11-25T24:00:00Z"),
    record(s="2026-02-29T08:00:00Z"),
    record(s="2028-02-29T08:00:00Z", e="2028-02-29T09:00:00Z"),
    record(s="0099-01-01T08:00:00Z", e="0099-01-01T09:00:00Z"),
    record(s="2026-11-25T08:30:00+24:00"),
    record(s="2026-11-25 08:30:00Z"),
    record(s=1764059400),
    record(id=""),
    record(id="x" * 64),
    record(id="x" * 65),
    record(r=None),
    record(e="2026-11-25T07:00:00Z"),
    record(a=-1),
    record(a=2.5),
    record(a=3.0),
    record(c=None),
    record(k="1"),
    record(d=0),
    record(pb=10, pa=0),
    record(pb=10.5),
    record(pa=11),
    record(n=5),
    record(v=2),
    {"id": "only-an-id"},
    [],
    "text",
    None,
]


def test_js_and_python_judge_records_alike() -> None:
    """Every candidate record gets the same verdict, word for word, from JS and from Python."""
    out = run(
        f"return {json.dumps(CANDIDATES)}.map((r) => historyRecordProblem(r));",
    )["result"]
    assert out == [history.record_problem(c) for c in CANDIDATES]


# --------------------------------------------------------------------------- documents, side by side

# Every document-level rule, as one table: a stored text, and what both readers
# must make of it: the sessions kept (by id), the person's own routines kept, and
# what is set aside, with its reason and exact text. "unreadable" and "newer" say
# that the whole document was set aside (a newer one is also left in place).
DOC_TEXT = document(record())
NEWER_TEXT = document(record(), version=3)
OWN_ENTRY = {"at": "2026-12-01T07:00:00Z", "routine": {"id": "r"}}
DUPLICATE = document(record(n="first"), record(n="second"))


def _compact(value: object) -> str:
    """A value's text as both sides keep it aside: compact JSON."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


DOCUMENTS = [
    pytest.param(document(), [], [], [], "ok", id="empty"),
    pytest.param(DOC_TEXT, ["a1"], [], [], "ok", id="one-record"),
    pytest.param(V1_DOCUMENT, ["3f9a1c2e", "77b0d4aa"], [], [], "ok", id="migrated-from-1"),
    pytest.param(V2_DOCUMENT, ["b2"], ["yt-hips"], [], "ok", id="version-2"),
    pytest.param(
        document(record(), record(id="x", v=2), version=1),
        ["a1"],
        [],
        [("The record's format version is not one this app knows.", _compact(record(id="x", v=2)))],
        "ok",
        id="migrated-with-a-bad-record",
    ),
    pytest.param(
        '{"version":1.0,"sessions":[]}', [], [], [], "ok", id="version-as-a-whole-decimal"
    ),
    pytest.param(
        "{oops",
        [],
        [],
        [("The saved history is not readable JSON.", "{oops")],
        "unreadable",
        id="not-json",
    ),
    *(
        pytest.param(
            text,
            [],
            [],
            [("The saved history is not in a form Limber knows.", text)],
            "unreadable",
            id=name,
        )
        for name, text in [
            ("a-list", "[1, 2]"),
            ("a-string", '"text"'),
            ("no-version", '{"sessions": []}'),
            ("version-zero", document(version=0)),
            ("version-as-text", document(version="2")),
            ("version-a-fraction", document(version=1.5)),
            ("version-true", document(version=True)),
        ]
    ),
    pytest.param(
        NEWER_TEXT,
        [],
        [],
        [("The saved history is format version 3, newer than this app knows (2).", NEWER_TEXT)],
        "newer",
        id="newer",
    ),
    pytest.param(
        '{"version":2,"sessions":{}}',
        [],
        [],
        [("The saved history has no list of sessions.", '{"version":2,"sessions":{}}')],
        "unreadable",
        id="sessions-not-a-list",
    ),
    pytest.param(
        document(record(), record(id="bad", pb=12)),
        ["a1"],
        [],
        [
            (
                "The record's pain before is not a whole number from 0 to 10.",
                _compact(record(id="bad", pb=12)),
            )
        ],
        "ok",
        id="a-bad-record",
    ),
    pytest.param(
        document(record(), "oops"),
        ["a1"],
        [],
        [("The record is not a set of fields.", '"oops"')],
        "ok",
        id="a-record-not-a-mapping",
    ),
    pytest.param(
        DUPLICATE,
        ["a1"],
        [],
        [("Another record has the same id; the later one was kept.", _compact(record(n="first")))],
        "ok",
        id="one-id-twice",
    ),
    pytest.param(document(record(), record()), ["a1"], [], [], "ok", id="the-same-record-twice"),
    pytest.param(
        document(record(), routines=["x"]),
        ["a1"],
        [],
        [("The list of routine names is not readable.", '["x"]')],
        "ok",
        id="routine-names-not-a-mapping",
    ),
    pytest.param(
        '{"version":2,"routines":null,"sessions":[]}',
        [],
        [],
        [("The list of routine names is not readable.", "null")],
        "ok",
        id="routine-names-null",
    ),
    *(
        pytest.param(
            document(record(), routines={"cat-cow-flow": entry}),
            ["a1"],
            [],
            [(reason, _compact({"cat-cow-flow": entry}))],
            "ok",
            id=name,
        )
        for name, entry, reason in [
            ("routine-name-not-a-mapping", 5, "The routine entry is not a set of fields."),
            ("routine-without-title", {"focus": []}, "The routine entry has no title."),
            (
                "routine-focus-not-a-list",
                {"title": "T", "focus": "hips"},
                "The routine entry's focus is not a list of names.",
            ),
        ]
    ),
    pytest.param(document(own={"r": OWN_ENTRY}), [], ["r"], [], "ok", id="an-own-routine"),
    pytest.param(
        document(own=["x"]),
        [],
        [],
        [("The list of kept routines is not readable.", '["x"]')],
        "ok",
        id="own-routines-not-a-mapping",
    ),
    *(
        pytest.param(
            document(own={"r": entry, "s": dict(OWN_ENTRY, routine={"id": "s"})}),
            [],
            ["s"],
            [(reason, _compact({"r": entry}))],
            "ok",
            id=name,
        )
        for name, entry, reason in [
            ("own-not-a-mapping", [], "The kept routine is not a set of fields."),
            (
                "own-bad-time",
                dict(OWN_ENTRY, at="yesterday"),
                "The kept routine's saved time is missing or not a date.",
            ),
            (
                "own-no-fields",
                dict(OWN_ENTRY, routine="r"),
                "The kept routine has no routine fields.",
            ),
            (
                "own-other-id",
                dict(OWN_ENTRY, routine={"id": "other"}),
                "The kept routine's id is not the one it is kept under.",
            ),
        ]
    ),
]

READ_ALL = """
return input.map((text) => {
  const storage = memoryStorage(0);
  storage.map.set(config.key, text);
  const read = createHistoryStore(Object.assign({}, config, { storage })).read();
  const aside = JSON.parse(storage.getItem(config.quarantineKey) || "[]");
  return {
    sessions: read.doc.sessions.map((s) => s.id),
    own: Object.keys(read.doc.own),
    aside: aside.map((q) => [q.reason, q.raw]),
    writable: read.writable,
    stored: storage.getItem(config.key),
  };
});
"""


@pytest.fixture(scope="module")
def js_reads() -> dict[str, dict]:
    """The store's reading of every document in the table, in one run of Node."""
    texts = [case.values[0] for case in DOCUMENTS]
    out = run(READ_ALL.replace("input", json.dumps(texts)))["result"]
    return dict(zip(texts, out, strict=True))


@pytest.mark.parametrize(("text", "sessions", "own", "aside", "whole"), DOCUMENTS)
def test_python_reads_each_document_as_the_table_says(
    text: str, sessions: list[str], own: list[str], aside: list[tuple[str, str]], whole: str
) -> None:
    """Python's parse_document keeps and sets aside what the table says, with its reasons."""
    parsed = history.parse_document(text)
    assert sorted(s.id for s in parsed.sessions) == sessions
    assert list(parsed.own) == own
    assert [(q.reason, q.raw) for q in parsed.set_aside] == aside
    kind = "newer" if parsed.newer_version else "unreadable" if parsed.unreadable else "ok"
    assert kind == whole


@pytest.mark.parametrize(("text", "sessions", "own", "aside", "whole"), DOCUMENTS)
def test_the_store_reads_each_document_as_the_table_says(
    js_reads: dict[str, dict],
    text: str,
    sessions: list[str],
    own: list[str],
    aside: list[tuple[str, str]],
    whole: str,
) -> None:
    """The browser store keeps and quarantines what the table says; what it writes back reads
    in Python with nothing more set aside."""
    out = js_reads[text]
    assert sorted(out["sessions"]) == sessions
    assert out["own"] == own
    assert [tuple(q) for q in out["aside"]] == aside
    kind = (
        "newer"
        if not out["writable"]
        else "unreadable"
        if any(raw == text for _, raw in out["aside"])
        else "ok"
    )
    assert kind == whole
    if whole == "newer":
        assert out["stored"] == text  # left in place, untouched
    else:
        again = history.parse_document(out["stored"])
        assert again.set_aside == () and sorted(s.id for s in again.sessions) == sessions


@pytest.mark.parametrize("text", [V1_DOCUMENT, V2_DOCUMENT])
def test_every_shipped_version_is_written_back_alike(text: str) -> None:
    """A saved document of each shipped version, read by the store, is stored again as the very
    text Python would write for it."""
    out = run("create().read(); return null;", seed={KEY: text})
    parsed = history.parse_document(text)
    assert out["stored"][KEY] == history.dumps(parsed.sessions, parsed.own.values())


# --------------------------------------------------------------------------- imports, side by side

# The import merge, as one table: what is stored, the file imported, what
# Python's check says of the file before it is sent, what the store answers,
# and the sessions and own routines kept after. The merge is by id: what is
# there stays as it is.
AB = document(record(id="a"), record(id="b", s="2026-11-26T08:30:00Z", e="2026-11-26T09:00:00Z"))
BC = document(record(id="b", n="theirs"), record(id="c", s="2026-11-20T08:30:00Z"))
MINE = {"yt-hips": {"at": "2026-12-02T07:00:00Z", "routine": {"id": "yt-hips", "title": "Mine"}}}
SECOND = {"at": "2026-12-01T07:00:00Z", "routine": {"id": "second"}}
WITH_SECOND = json.dumps(
    json.loads(V2_DOCUMENT) | {"own": json.loads(V2_DOCUMENT)["own"] | {"second": SECOND}}
)


def _counts(added: int, existing: int, unreadable: int = 0, routines: int = 0) -> dict:
    return {
        "ok": True,
        "added": added,
        "existing": existing,
        "unreadable": unreadable,
        "routines": routines,
    }


def _refused(error: str) -> dict:
    return {"ok": False, "error": error}


IMPORTS = [
    pytest.param(
        None,
        V1_DOCUMENT,
        history.ImportCheck(True, 2, 0),
        _counts(2, 0),
        ["3f9a1c2e", "77b0d4aa"],
        [],
        id="a-version-1-file-into-an-empty-store",
    ),
    pytest.param(
        DOC_TEXT,
        document(record(n="other"), record(id="new"), record(id="bad", a=-3)),
        history.ImportCheck(True, 2, 1),
        _counts(1, 1, 1),
        ["a1", "new"],
        [],
        id="what-is-there-stays",
    ),
    pytest.param(
        AB,
        AB,
        history.ImportCheck(True, 2, 0),
        _counts(0, 2),
        ["a", "b"],
        [],
        id="again-adds-nothing",
    ),
    pytest.param(
        AB, BC, history.ImportCheck(True, 2, 0), _counts(1, 1), ["a", "b", "c"], [], id="a-into-b"
    ),
    pytest.param(
        BC, AB, history.ImportCheck(True, 2, 0), _counts(1, 1), ["a", "b", "c"], [], id="b-into-a"
    ),
    pytest.param(
        document(own=MINE),
        WITH_SECOND,
        history.ImportCheck(True, 1, 0, routines=2),
        _counts(1, 0, routines=1),
        ["b2"],
        ["yt-hips", "second"],
        id="own-routines-not-there-yet-come-in",
    ),
    pytest.param(
        None,
        document(record(id="x", a=-1)),
        history.ImportCheck(True, 0, 1),
        _counts(0, 0, 1),
        [],
        [],
        id="only-unreadable-records",
    ),
    *(
        pytest.param(
            DOC_TEXT,
            text,
            history.ImportCheck(False, 0, 0, error),
            _refused(error),
            ["a1"],
            [],
            id=name,
        )
        for name, text, error in [
            ("a-csv-file", "a,b,c", history.IMPORT_NOT_HISTORY),
            ("an-empty-file", "", history.IMPORT_NOT_HISTORY),
            ("a-list", "[]", history.IMPORT_NOT_HISTORY),
            ("no-sessions", '{"version":2}', history.IMPORT_NOT_HISTORY),
            ("a-newer-file", document(record(), version=3), history.IMPORT_NEWER),
        ]
    ),
]

IMPORT_ALL = """
return input.map(([stored, text]) => {
  const storage = memoryStorage(0);
  if (stored !== null) storage.map.set(config.key, stored);
  const store = createHistoryStore(Object.assign({}, config, { storage }));
  const outcome = store.importDoc(text);
  const doc = store.read().doc;
  return { outcome, sessions: doc.sessions.map((s) => s.id), own: Object.keys(doc.own) };
});
"""


@pytest.fixture(scope="module")
def js_imports() -> dict[tuple[str | None, str], dict]:
    """The store's import of every file in the table into its stored history, in one run of Node."""
    pairs = [(case.values[0], case.values[1]) for case in IMPORTS]
    out = run(IMPORT_ALL.replace("input", json.dumps(pairs)))["result"]
    return dict(zip(pairs, out, strict=True))


@pytest.mark.parametrize(("stored", "text", "check", "outcome", "sessions", "own"), IMPORTS)
def test_python_and_the_store_import_as_the_table_says(
    js_imports: dict[tuple[str | None, str], dict],
    stored: str | None,
    text: str,
    check: history.ImportCheck,
    outcome: dict,
    sessions: list[str],
    own: list[str],
) -> None:
    """Python's check and the store's merge agree on each file: refused with the same sentence,
    or the same sessions read (added and already there) and the same unreadable ones."""
    assert history.check_import(text) == check
    out = js_imports[(stored, text)]
    assert out["outcome"] == outcome
    assert sorted(out["sessions"]) == sessions and out["own"] == own
    if check.ok:
        assert (check.sessions, check.unreadable) == (
            outcome["added"] + outcome["existing"],
            outcome["unreadable"],
        )
    else:
        assert check.error == outcome["error"]


def test_records_written_by_js_are_read_by_python() -> None:
    """A session saved by the store reads in Python as a typed session, nothing set aside."""
    out = run(f"return create().saveSession({json.dumps(record())}, {json.dumps(ROUTINE)});")
    assert out["result"] == {"ok": True}
    parsed = history.parse_document(out["stored"][KEY])
    assert [s.title for s in parsed.sessions] == ["Cat–cow flow"] and parsed.set_aside == ()
    assert out["stored"][KEY] == history.dumps(parsed.sessions)


def test_reading_moves_a_non_json_document_aside() -> None:
    """A document that is not JSON is moved to the quarantine as its exact text."""
    out = run("return create().read();", seed={KEY: "{oops"})
    assert out["result"]["quarantined"] == 1 and out["result"]["doc"]["sessions"] == []
    [item] = json.loads(out["stored"][QKEY])
    assert item["raw"] == "{oops" and item["reason"] == "The saved history is not readable JSON."
    assert json.loads(out["stored"][KEY]) == {
        "version": 2,
        "routines": {},
        "sessions": [],
        "own": {},
    }


def test_reading_moves_bad_records_aside_and_keeps_good_ones() -> None:
    """Unreadable records go to the quarantine; the good ones stay in the store."""
    bad = record(id="bad", pb=12)
    out = run("return create().read();", seed={KEY: document(record(), bad)})
    assert [s["id"] for s in out["result"]["doc"]["sessions"]] == ["a1"]
    [item] = json.loads(out["stored"][QKEY])
    assert json.loads(item["raw"]) == bad
    assert [s["id"] for s in json.loads(out["stored"][KEY])["sessions"]] == ["a1"]


def test_reading_twice_does_not_duplicate_the_quarantine() -> None:
    """The same unreadable text is kept aside once, however often the store is read."""
    out = run("create().read(); create().read(); return create().read();", seed={KEY: "{oops"})
    assert len(json.loads(out["stored"][QKEY])) == 1


def test_newer_document_is_copied_aside_and_left_alone() -> None:
    """A newer version's document stays untouched; a copy is kept aside; writes refuse."""
    newer = '{"version":9,"sessions":[{"anything":true}]}'
    out = run(
        "const s = create(); const r = s.read();"
        f"return [r, s.saveSession({json.dumps(record())}, null), s.clear(), s.deleteSession('a1')];",
        seed={KEY: newer},
    )
    read, *writes = out["result"]
    assert read["writable"] is False and "newer version" in read["error"]
    assert all(w["ok"] is False and "newer version of Limber" in w["error"] for w in writes)
    assert out["stored"][KEY] == newer
    raws = [q["raw"] for q in json.loads(out["stored"][QKEY])]
    assert raws[0] == newer and json.loads(raws[1]) == record()


def test_full_storage_says_so_and_changes_nothing() -> None:
    """A save that hits the quota fails with a plain sentence and leaves the stored history as it was."""
    seed = {KEY: document(record())}
    big = record(id="big", n="x" * 2000)
    out = run(f"return create().saveSession({json.dumps(big)}, null);", seed=seed, limit=1000)
    assert out["result"] == {
        "ok": False,
        "error": "There is no room left in this browser's storage, so nothing was changed. "
        "Export your history, then delete old sessions to make room.",
    }
    assert out["stored"][KEY] == seed[KEY]


def test_a_write_rereads_so_two_tabs_keep_both_sessions() -> None:
    """Two tabs with stores opened before either saved: each save merges, so both records stay."""
    out = run(
        "const tabA = create(), tabB = create();"
        f"tabA.saveSession({json.dumps(record(id='from-a'))}, null);"
        f"tabB.saveSession({json.dumps(record(id='from-b'))}, null);"
        "return create().read().doc.sessions.map((s) => s.id);"
    )
    assert out["result"] == ["from-a", "from-b"]


def test_a_lost_update_from_another_tab_is_repaired() -> None:
    """When another tab overwrites the store from a stale read, this tab puts its new session back."""
    stale = document(record(id="theirs"))
    out = run(
        f"create().saveSession({json.dumps(record(id='mine'))}, null);"
        f"storage.setItem(config.key, {json.dumps(stale)});"
        f"fire({{ key: config.key, newValue: {json.dumps(stale)} }});"
        "return create().read().doc.sessions.map((s) => s.id).sort();"
    )
    assert out["result"] == ["mine", "theirs"]


def test_update_changes_only_the_allowed_fields() -> None:
    """Updating a session sets pain after and note; an invalid value is refused."""
    out = run(
        "const s = create();"
        f"s.saveSession({json.dumps(record(pa=None))}, null);"
        "return [s.updateSession('a1', {pa: 2, n: '<b>x</b>', id: 'hacked'}),"
        " s.updateSession('a1', {pa: 99}), s.updateSession('nope', {n: ''}),"
        " s.read().doc.sessions];"
    )
    ok, bad, missing, sessions = out["result"]
    assert ok == {"ok": True}
    assert bad["ok"] is False and "pain after" in bad["error"]
    assert missing == {"ok": False, "error": "That session is no longer in your history."}
    assert [(s["id"], s["pa"], s["n"]) for s in sessions] == [("a1", 2, "<b>x</b>")]


def test_import_counts_and_is_idempotent() -> None:
    """Importing merges by id and says how many were added, already there and unreadable."""
    incoming = document(record(id="a1", n="other"), record(id="new"), record(id="bad", a=-3))
    out = run(
        "const s = create();"
        f"return [s.importDoc({json.dumps(incoming)}), s.importDoc({json.dumps(incoming)}),"
        " s.importDoc('not a history'), s.read().doc.sessions];",
        seed={KEY: document(record())},
    )
    first, again, junk, sessions = out["result"]
    assert first == {"ok": True, "added": 1, "existing": 1, "unreadable": 1, "routines": 0}
    assert again == {"ok": True, "added": 0, "existing": 2, "unreadable": 1, "routines": 0}
    assert junk == {
        "ok": False,
        "error": "This file is not a Limber history; nothing was imported.",
    }
    assert [(s["id"], s["n"]) for s in sessions] == [("a1", ""), ("new", "")]


def test_export_clear_import_gives_the_same_history() -> None:
    """Export, clear, import: the store holds the same sessions as before."""
    out = run(
        "const s = create(); const before = s.exportText(); s.clear();"
        "const empty = s.read().doc.sessions.length; const counts = s.importDoc(before);"
        "return [before, empty, counts, s.exportText()];",
        seed={KEY: V1_DOCUMENT},
    )
    before, empty, counts, after = out["result"]
    assert empty == 0
    assert counts == {"ok": True, "added": 2, "existing": 0, "unreadable": 0, "routines": 0}
    assert after == before
    assert history.parse_document(before).sessions == history.parse_document(V1_DOCUMENT).sessions


def test_delete_and_clear() -> None:
    """Deleting removes one session; clearing leaves an empty, valid document."""
    out = run(
        "const s = create();"
        "const d = s.deleteSession('a1'); const gone = s.read().doc.sessions.map((x) => x.id);"
        "s.clear(); return [d, gone];",
        seed={KEY: document(record(), record(id="b"))},
    )
    assert out["result"] == [{"ok": True, "removed": 1}, ["b"]]
    assert json.loads(out["stored"][KEY]) == {
        "version": 2,
        "routines": {},
        "sessions": [],
        "own": {},
    }


# --------------------------------------------------------------------------- own routines

OWN = json.loads(V2_DOCUMENT)["own"]["yt-hips"]["routine"]

OWN_CANDIDATES = [
    ("r", {"at": "2026-12-01T07:00:00Z", "routine": {"id": "r"}}),
    ("r", {"at": "2026-12-01T07:00:00.123Z", "routine": {"id": "r", "title": 5}}),
    ("r", {"at": "2026-12-01 07:00", "routine": {"id": "r"}}),
    ("r", {"at": None, "routine": {"id": "r"}}),
    ("r", {"at": "2026-12-01T07:00:00Z", "routine": ["r"]}),
    ("r", {"at": "2026-12-01T07:00:00Z", "routine": {"id": "s"}}),
    ("r", {"at": "2026-12-01T07:00:00Z"}),
    ("r", []),
    ("r", "text"),
    ("r", None),
]


def test_js_and_python_judge_kept_routines_alike() -> None:
    """Every candidate entry of a kept routine gets the same verdict from JS and from Python."""
    out = run(f"return {json.dumps(OWN_CANDIDATES)}.map(([id, e]) => historyOwnProblem(id, e));")
    assert out["result"] == [history.own_problem(i, e) for i, e in OWN_CANDIDATES]


def test_a_kept_routine_round_trips_through_the_model() -> None:
    """A routine kept by the browser is read by Python into the same routine, the sessions untouched."""
    out = run(
        "const s = create();"
        f"return [s.saveRoutine({json.dumps(OWN)}, '2026-12-01T07:00:00.000Z'),"
        f" s.saveRoutine({json.dumps(OWN)}), s.saveRoutine({{ title: 'no id' }})];",
        seed={KEY: document(record())},
    )
    first, again, bad = out["result"]
    assert first == {"ok": True, "replaced": 0} and again == {"ok": True, "replaced": 1}
    assert bad == {"ok": False, "error": "This routine could not be kept: The routine has no id."}
    parsed = history.parse_document(out["stored"][KEY])
    assert [s.id for s in parsed.sessions] == ["a1"] and parsed.set_aside == ()
    lib = library.with_own(library.Library((), ()), parsed.own.values())
    assert lib.problems == () and lib.get("yt-hips").own
    assert lib.get("yt-hips").routine == Routine.model_validate(OWN)


def test_a_damaged_kept_routine_is_quarantined_and_the_rest_load() -> None:
    """An out-of-form kept routine goes to the quarantine with its text; the other routines stay."""
    doc = json.loads(V2_DOCUMENT)
    doc["own"]["broken"] = {"at": "never", "routine": {"id": "broken"}}
    out = run("return Object.keys(create().read().doc.own);", seed={KEY: json.dumps(doc)})
    assert out["result"] == ["yt-hips"]
    aside = json.loads(out["stored"][QKEY])
    assert [a["reason"] for a in aside] == [
        "The kept routine's saved time is missing or not a date."
    ]
    assert json.loads(aside[0]["raw"]) == {"broken": doc["own"]["broken"]}
    assert list(json.loads(out["stored"][KEY])["own"]) == ["yt-hips"]


def test_version_1_is_migrated_on_read_and_keeps_every_session() -> None:
    """A version-1 store is read as version 2: every session kept, no own routines yet."""
    out = run("return create().read().doc;", seed={KEY: V1_DOCUMENT})
    doc = out["result"]
    assert doc["version"] == 2 and doc["own"] == {}
    assert [s["id"] for s in doc["sessions"]] == ["3f9a1c2e", "77b0d4aa"]


def test_import_brings_kept_routines_and_clear_keeps_them() -> None:
    """Importing adds the kept routines not there yet (one there stays as it is); clearing the
    history deletes the sessions and keeps the routines; deleting a routine removes only it."""
    mine = {"at": "2026-12-02T07:00:00Z", "routine": dict(OWN, title="Mine")}
    seed = json.loads(V2_DOCUMENT) | {"sessions": [], "own": {"yt-hips": mine}}
    other = json.loads(V2_DOCUMENT)
    other["own"]["second"] = {"at": "2026-12-01T07:00:00Z", "routine": dict(OWN, id="second")}
    out = run(
        "const s = create();"
        f"const counts = s.importDoc({json.dumps(json.dumps(other))});"
        "const titles = Object.values(s.read().doc.own).map((e) => e.routine.title);"
        "s.clear(); const left = Object.keys(s.read().doc.own);"
        "const drop = s.deleteRoutine('second');"
        "return [counts, titles, left, s.read().doc.sessions.length, drop,"
        " Object.keys(s.read().doc.own)];",
        seed={KEY: json.dumps(seed)},
    )
    counts, titles, left, sessions, drop, after = out["result"]
    assert counts == {"ok": True, "added": 1, "existing": 0, "unreadable": 0, "routines": 1}
    assert titles == ["Mine", "Hips from a video"]
    assert left == ["yt-hips", "second"] and sessions == 0
    assert drop == {"ok": True, "removed": 1} and after == ["yt-hips"]


@pytest.mark.parametrize(
    ("stored", "blocked", "expected"),
    [
        ({}, False, False),
        ({"limber.history.quarantine": "[]"}, False, True),
        ({"limber.history": ""}, False, True),
        ({"limber.library": "{}"}, False, False),
        ({}, True, None),
    ],
    ids=["nothing", "set-aside-only", "empty-text", "another-key", "blocked"],
)
def test_kept_under_any_tells_a_browser_that_holds_a_history(
    stored: dict[str, str], blocked: bool, expected: bool | None
) -> None:
    """The one rule the store and the picks share: something under either key (even an
    empty text) is a history to read; storage that cannot be read is neither."""
    scenario = """
    globalThis.window = { get localStorage() {
      if (input.blocked) throw new Error("SecurityError");
      return { getItem: (k) => (k in input.stored ? input.stored[k] : null) };
    } };
    result = keptUnderAny(["limber.history", "limber.history.quarantine"]);
    """
    payload = {"stored": stored, "blocked": blocked}
    assert run_js([SHARED / "kept.js"], scenario, payload) is expected


def test_a_document_packed_by_the_browser_is_unpacked_by_python_unchanged() -> None:
    """pack.js gzips and base64s a large document; Python's unpack gives back its exact
    text, whatever it holds (the store sends every document this large this way)."""
    notes = [f'Rücken {n} – gut 💪 "quoted" \\ \n' for n in range(600)]
    text = document(*(record(id=f"{n:016x}", n=note) for n, note in enumerate(notes)))
    assert len(text) > 65536  # past PACK_ABOVE: the size the store packs
    packed = run_js([SHARED / "pack.js"], "result = packText(input);", text)
    assert isinstance(packed, str) and len(packed) < len(text) / 3
    assert unpack(packed) == text.encode("utf-8")


def test_a_text_utf8_cannot_carry_is_not_packed() -> None:
    """A lone surrogate would not survive UTF-8: such a text is sent as it is."""
    scenario = 'result = packText("{\\"note\\":\\"\\ud83d alone\\"}").then((p) => p === null);'
    assert run_js([SHARED / "pack.js"], scenario) is True
