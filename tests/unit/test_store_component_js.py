"""The store component's module (components/store), run in Node as the browser gets it: the
joined JS, imported, mounted on a stand-in element with a stand-in localStorage."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from components.assets import joined_js
from components.store import JS_FILES, unpack
from limber import history
from tests.support.history import document, record
from tests.support.node import run_node

# Mounts the component the way Streamlit does (a parent element, data, setTriggerValue),
# runs the scenario's steps and prints every report it sent, in order.
HARNESS = r"""
import fs from "node:fs";
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const map = new Map(Object.entries(input.seed));
globalThis.window = {
  localStorage: {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  },
  listeners: new Set(),
  addEventListener(type, listener) { this.listeners.add(listener); },
  removeEventListener(type, listener) { this.listeners.delete(listener); },
};
// Another tab wrote the history: the storage event, as the browser fires it.
const fire = (key) => window.listeners.forEach((listener) => listener({ key }));
const { default: mountStore } = await import(input.module);
const reports = [];
const parentElement = {};
const mountWith = (data) =>
  mountStore({
    parentElement,
    data: [Object.assign({ storage: input.storage, commands: [], have: null }, data)],
    setTriggerValue: (name, value) => reports.push([name, value]),
  });
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
SCENARIO
process.stdout.write(JSON.stringify(reports));
"""


def run_store(scenario: str, seed: dict[str, str]) -> list[dict]:
    """Every report the component sent during the scenario, in order."""
    with tempfile.TemporaryDirectory(prefix="limber-store-") as tmp:
        module = Path(tmp) / "store.mjs"
        module.write_text(joined_js(JS_FILES), encoding="utf-8")
        script = Path(tmp) / "scenario.mjs"
        script.write_text(HARNESS.replace("SCENARIO", scenario), encoding="utf-8")
        payload = {"module": module.as_uri(), "seed": seed, "storage": history.storage_config()}
        reports = json.loads(run_node([str(script)], payload))
    assert all(name == "report" for name, _ in reports)
    return [value for _, value in reports]


def large_document() -> str:
    text = document(*(record(id=f"{n:016x}", n=f"note {n}") for n in range(600)))
    assert len(text) > 65536  # the size from which the store packs
    return text


def test_a_large_document_is_reported_packed_and_a_small_one_as_it_is() -> None:
    """The first report of a large history carries it packed (Python unpacks the same
    text); a small one goes as it is stored."""
    text = large_document()
    [report] = run_store("mountWith({}); await settle();", {history.STORAGE_KEY: text})
    assert report["document"] is None
    assert unpack(report["packed"]) == text.encode("utf-8")
    small = document(record())
    [report] = run_store("mountWith({}); await settle();", {history.STORAGE_KEY: small})
    assert report["document"] == small and "packed" not in report


def test_a_report_sent_while_another_is_packed_carries_its_outcomes() -> None:
    """Another tab writes while the report of an applied command is still being packed:
    the newer report goes instead, and it carries the command's outcome, so Python
    still learns that the command was applied."""
    text = large_document()
    scenario = """
    mountWith({});
    await settle();
    const update = { op: "update", nonce: "n1", id: "0000000000000001", patch: { n: "new" } };
    mountWith({ have: reports[0][1].token, commands: [update] });
    fire(input.storage.key);
    await settle();
    """
    first, *after = run_store(scenario, {history.STORAGE_KEY: text})
    assert first["outcomes"] == []
    [report] = after  # the report packed for the command was superseded, not sent too
    assert [(o["nonce"], o["ok"]) for o in report["outcomes"]] == [("n1", True)]
    sessions = json.loads(unpack(report["packed"]) or b"{}")["sessions"]
    assert [s["n"] for s in sessions if s["id"] == "0000000000000001"] == ["new"]


def test_the_first_report_is_unchecked_and_checked_only_when_python_asks() -> None:
    """A page's first report leaves the record checks to Python and nothing follows it;
    when Python asks for its token to be checked, the browser reads the store, sets the
    bad record aside and reports again; the next run holds that report, and asks no more."""
    doc = json.loads(document(record(id="good")))
    doc["sessions"].append({"id": "bad", "r": "x", "pb": 42})
    text = json.dumps(doc, separators=(",", ":"))
    scenario = """
    mountWith({});
    await settle();
    const token = reports[0][1].token;
    mountWith({ have: token });
    await settle();
    mountWith({ have: token, check: token });
    await settle();
    mountWith({ have: reports[1][1].token, check: token }); // Python holds the checked one
    await settle();
    """
    first, *after = run_store(scenario, {history.STORAGE_KEY: text})
    assert (first["checked"], first["document"]) == (False, text)
    [checked] = after
    assert checked["checked"] is True
    assert [s["id"] for s in json.loads(checked["document"])["sessions"]] == ["good"]
    assert [json.loads(q["raw"]) for q in json.loads(checked["quarantine"])] == [
        {"id": "bad", "r": "x", "pb": 42}
    ]
