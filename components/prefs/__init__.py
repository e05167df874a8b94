"""Choices remembered in this browser: a small bridge to one localStorage key.

The component reads the key when it is mounted and reports what it found as a
state value (a JSON object; ``{}`` when what is stored is not one). When nothing
is stored under the key it reports nothing, so Python sees None both before the
browser is read and when it holds nothing: the same choices either way, and a new
visitor's page is not run a second time for it. When Python passes ``write``, the
browser stores it under the key. It draws nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from components.assets import register

_HERE = Path(__file__).resolve().parent
NAME = "limber.prefs"
JS_FILES = (_HERE / "assets" / "component.js",)
STATE = "stored"
"""The name of the state value that carries what the browser had stored."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def prefs_in(state: object) -> dict[str, Any] | None:
    """What the browser reported in the component's session-state entry
    (``st.session_state[key]``), before it is mounted on this run; None until read."""
    stored = state.get(STATE) if isinstance(state, Mapping) else None
    return dict(stored) if isinstance(stored, Mapping) else None


def browser_prefs(
    *, storage_key: str, write: Mapping[str, Any] | None, key: str
) -> dict[str, Any] | None:
    """What this browser keeps under ``storage_key`` (None until read); store ``write`` if given."""
    result = _component()(
        key=key,
        data={"storageKey": storage_key, "write": dict(write) if write is not None else None},
        default={STATE: None},
        on_stored_change=lambda: None,
        height=0,
    )
    stored = getattr(result, STATE, None)
    return dict(stored) if isinstance(stored, Mapping) else None
