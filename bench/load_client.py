"""One browser tab, played over Streamlit's own WebSocket protocol, for bench/load.py.

A real browser connects to ``/_stcore/stream`` with the subprotocol ``streamlit``
and nothing runs until it sends ``BackMsg.rerun_script`` with a ``ClientState``;
a run ends at ``ForwardMsg.script_finished == FINISHED_SUCCESSFULLY`` (a page
switch or a deep link ends one run ``FINISHED_EARLY_FOR_RERUN`` first). A
:class:`Tab` does the same, and plays what the browser itself sends back:

- widget values (a search text, a toggle) and button clicks, as ``WidgetState``;
- a v2 component's trigger value, the way Streamlit's frontend sends it: one
  ``WidgetState`` whose id is ``$$STREAMLIT_INTERNAL_KEY_<component id>__events``
  and whose ``json_trigger_value`` is a JSON list of ``{"event", "value"}``;
  a component's state value is its own id with a ``json_value`` object;
- the hashes of the cacheable messages it holds (``cached_message_hashes``), so
  the server sends a reference instead of a component's code again, as it does
  for a browser.

Only what the visit needs is read from the messages: each element's kind and id,
a component's name, the page, the query string, and exceptions (errors). The
WebSocket is bench/wire.py's lean client, which sends no keepalive pings (a
browser sends none either); the affinity cookie a load balancer sets is kept
and sent back on a reconnect, like a browser's.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from wire import Connection, connect

FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
TRIGGER_PREFIX = "$$STREAMLIT_INTERNAL_KEY"
"""Streamlit's prefix of internal widget ids; a trigger's id is ``<prefix>_<component id>__events``."""
CARDS = "limber.cards"
"""The routine cards' component (components/cards): a Start press is its trigger value."""


class RunError(Exception):
    """A run that could not be sent: the tab is not connected."""


class ScriptError(RunError):
    """The page was not what a browser would see: an exception shown, an element missing."""


@dataclass(frozen=True, slots=True)
class Element:
    """What a tab keeps of one element: enough to find and drive it."""

    kind: str
    id: str
    component: str = ""
    """The v2 component's registered name, for ``bidi_component`` elements."""
    data: str = ""
    """The routine cards' data as sent (JSON), for the ``limber.cards`` component."""

    @property
    def key(self) -> str:
        """The user key in an id of the form ``$$ID-<hash>-<key>``."""
        parts = self.id.split("-", 2)
        return parts[2] if len(parts) == 3 else ""


# Elements by message hash, shared by every tab: a referenced message is resolved here.
_SEEN: dict[str, Element | None] = {}


def _element(msg: ForwardMsg) -> Element | None:
    if msg.delta.WhichOneof("type") != "new_element":
        return None
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return None
    if kind == "exception":
        return Element(kind, "", element.exception.message[:300])
    inner = getattr(element, kind)
    ident = getattr(inner, "id", "") if hasattr(inner, "id") else ""
    if not ident:
        return None
    name = inner.component_name if kind == "bidi_component" else ""
    return Element(kind, ident, name, inner.json if name == CARDS else "")


@dataclass
class Run:
    """One script run as the tab saw it."""

    seconds: float
    elements: list[Element] = field(default_factory=list)


class Tab:
    """One browser tab on the app at ``base`` (``http://127.0.0.1:port``)."""

    def __init__(self, base: str, *, timezone: str = "Europe/Berlin", timeout: float = 60):
        self.base = base
        self.timezone = timezone
        self.timeout = timeout
        self.ws: Connection | None = None
        self.cookie: str | None = None
        self.session_id: str | None = None
        self.page_hash = ""
        self.query_string = ""
        self.pages: dict[str, str] = {}
        """Page name (``Library``, ``History`` …) -> page script hash."""
        self.elements: list[Element] = []
        self.values: dict[str, WidgetState] = {}
        """Widget values the browser holds and sends with every run."""
        self.cached: set[str] = set()
        self.light = False
        """Keep no elements (only exceptions): the page's are known and only the runs count."""

    async def connect(self) -> None:
        """Open the WebSocket (again, after a lost connection: with the old session id)."""
        protocols = ["streamlit"]
        if self.session_id:
            protocols += ["none", self.session_id]  # an XSRF token (none here), the old session
        headers = {"Cookie": self.cookie} if self.cookie else {}
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = await connect(url, subprotocols=protocols, headers=headers, timeout=self.timeout)
        for value in self.ws.header("Set-Cookie"):
            self.cookie = value.split(";", 1)[0]

    async def close(self) -> None:
        """Close the tab."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def find(self, kind: str, key: str | None = None, component: str | None = None) -> Element:
        """The element of the last run with this kind (and user key, or component name)."""
        for element in self.elements:
            if element.kind != kind:
                continue
            if key is not None and element.key != key:
                continue
            if component is not None and element.component != component:
                continue
            return element
        raise ScriptError(f"no {kind} {key or component or ''} on the page")

    def starts(self) -> list[str]:
        """The routine ids of the cards on the Library's grid in the last run."""
        for e in self.elements:
            if e.component == CARDS and e.key == "cards":
                [data] = json.loads(e.data)  # sent in a list of one (components/assets.py)
                return [card["id"] for card in data["cards"]]
        return []

    async def start(self, routine_id: str) -> Run:
        """Press Start on a routine's card of the Library's grid."""
        grid = self.find("bidi_component", key="cards", component=CARDS)
        return await self.rerun(triggers={grid.id: [{"event": "start", "value": routine_id}]})

    def set_value(self, element: Element, **value: Any) -> None:
        """Keep a widget's value (``string_value="cat"``, ``bool_value=True`` …) for every run."""
        state = WidgetState(id=element.id, **value)
        self.values[element.id] = state

    async def rerun(
        self,
        *,
        page: str | None = None,
        query_string: str | None = None,
        click: Element | None = None,
        triggers: dict[str, list[dict[str, Any]]] | None = None,
        states: dict[str, dict[str, Any]] | None = None,
    ) -> Run:
        """Send ``rerun_script`` as the browser would and wait for the run to finish.

        ``page`` is a page name (a navigation), ``click`` a button, ``triggers``
        maps a component id to its events, ``states`` a component id to its state.
        """
        if self.ws is None:
            raise RunError("not connected")
        msg = BackMsg()
        client = msg.rerun_script
        if page is not None:
            client.page_script_hash = self.pages.get(page, "")
            client.query_string = query_string or ""
        else:
            client.page_script_hash = self.page_hash
            client.query_string = self.query_string if query_string is None else query_string
        client.context_info.timezone = self.timezone
        client.context_info.timezone_offset = -60
        client.context_info.locale = "en-GB"
        client.context_info.url = f"{self.base}/?{client.query_string}"
        client.context_info.color_scheme = "light"
        client.cached_message_hashes.extend(self.cached)
        widgets = client.widget_states.widgets
        for state in self.values.values():
            widgets.append(state)
        if click is not None:
            widgets.append(WidgetState(id=click.id, trigger_value=True))
        for component_id, events in (triggers or {}).items():
            widgets.append(
                WidgetState(
                    id=f"{TRIGGER_PREFIX}_{component_id}__events",
                    json_trigger_value=json.dumps(events),
                )
            )
        for component_id, state in (states or {}).items():
            value = WidgetState(id=component_id, json_value=json.dumps(state))
            self.values[component_id] = value
            widgets.append(value)
        begun = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._until_finished(begun), self.timeout)

    async def _until_finished(self, begun: float) -> Run:
        assert self.ws is not None
        elements: list[Element] = []
        error = ""
        while True:
            raw = await self.ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                if msg.metadata.cacheable and msg.hash:
                    element = _SEEN[msg.hash] = _element(msg)
                    self.cached.add(msg.hash)
                elif self.light and not msg.delta.new_element.HasField("exception"):
                    continue
                else:
                    element = _element(msg)
            elif kind == "ref_hash":
                element = _SEEN.get(msg.ref_hash)
            elif kind == "new_session":
                element = None
                elements = []  # a new run (after a page switch, say) starts the page afresh
                session = msg.new_session
                self.page_hash = session.page_script_hash
                if session.initialize.session_id:
                    self.session_id = session.initialize.session_id
                continue
            elif kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
                continue
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
                continue
            elif kind == "script_finished":
                if msg.script_finished == FINISHED:
                    if not self.light:
                        self.elements = elements
                    if error:
                        raise ScriptError(f"the script showed an exception: {error}")
                    return Run(time.perf_counter() - begun, elements)
                if msg.script_finished == EARLY:
                    continue
                raise ScriptError(f"the script finished with status {msg.script_finished}")
            else:
                continue
            if element is not None:
                if element.kind == "exception":
                    error = error or element.component
                else:
                    elements.append(element)
