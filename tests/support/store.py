"""A stand-in for the browser's store in AppTest, where the component itself does not run.

It holds the stored document, gives the report the browser would send (injected
as session state under the component's key), and applies the commands a page
passes for the person's own routines, as ``history_store.js`` does.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from streamlit.testing.v1 import AppTest

from limber import history

STORE_KEY = "history_store"
AT = "2026-12-01T07:00:00.000Z"


class BrowserStore:
    """One browser's store: a version-current document, changed by the commands it answers."""

    def __init__(self, document: str | None = None):
        self.doc: dict[str, Any] = (
            json.loads(document)
            if document
            else {"version": history.FORMAT_VERSION, "routines": {}, "sessions": [], "own": {}}
        )
        self.applied: set[str] = set()

    @property
    def document(self) -> str:
        return json.dumps(self.doc, ensure_ascii=False, separators=(",", ":"))

    def report(self, outcomes: list[dict] | None = None) -> dict:
        """The component's state as the browser would report it now."""
        return {
            "report": {
                "token": uuid.uuid4().hex,
                "document": self.document,
                "quarantine": None,
                "writable": True,
                "error": None,
                "undo": None,
                "outcomes": outcomes or [],
            }
        }

    def show(self, at: AppTest) -> AppTest:
        """Inject the current report before the next run (the browser has read the store)."""
        at.session_state[STORE_KEY] = self.report()
        return at

    def commands(self, at: AppTest) -> list[dict]:
        """The commands the page passes to the store component on its last run."""
        for element in at.get("bidi_component"):
            [data] = json.loads(element.proto.json)  # sent in a list of one
            if isinstance(data, dict) and "storage" in data and "commands" in data:
                return data["commands"]
        raise AssertionError("the page does not mount the store")

    def answer(self, at: AppTest) -> AppTest:
        """Apply the commands not applied yet, report with their outcomes, and run again."""
        outcomes = []
        for command in self.commands(at):
            if command["nonce"] in self.applied:
                continue
            self.applied.add(command["nonce"])
            outcomes.append(
                {"nonce": command["nonce"], "op": command["op"], **self._apply(command)}
            )
        at.session_state[STORE_KEY] = self.report(outcomes)
        return at.run()

    def _apply(self, command: dict) -> dict:
        own = self.doc["own"]
        if command["op"] == "keep_routine":
            routine = command["routine"]
            replaced = int(routine["id"] in own)
            own[routine["id"]] = {"at": command.get("at") or AT, "routine": routine}
            return {"ok": True, "replaced": replaced}
        if command["op"] == "drop_routine":
            return {"ok": True, "removed": int(own.pop(command["id"], None) is not None)}
        raise AssertionError(f"the stand-in does not apply {command['op']!r}")

    def routine(self, routine_id: str) -> dict:
        """The fields of a kept routine."""
        return self.doc["own"][routine_id]["routine"]
