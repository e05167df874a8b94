"""Register a component from its folder: ``assets/component.{html,css}`` and a list of JS files.

Asset paths only resolve for installed packages, so the wrappers pass the files'
text. A component's JavaScript is an explicit list of plain scripts (top-level
declarations, no import/export), joined in order into one module; the last file
holds the ``export default``. The same files run in Node for the unit tests
(``tests/support/node.py``), so a module with one job is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

COMPONENTS = Path(__file__).resolve().parent
SHARED = COMPONENTS / "shared"
STATIC = COMPONENTS.parent / "static"
"""Files the app serves at ``/app/static/`` (``server.enableStaticServing``): the figure's code."""


def static_url(name: str) -> str:
    """Where the browser finds a file of :data:`STATIC`, under the server's base path."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{name}" if base else f"/app/static/{name}"


def joined_js(files: Sequence[Path]) -> str:
    """The component's module: the files' text in order, each under a comment naming it."""
    parts = []
    for path in files:
        parts.append(f"// ---- {path.relative_to(COMPONENTS.parent).as_posix()} ----\n")
        parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def register(name: str, folder: Path, js: Sequence[Path]) -> Callable[..., Any]:
    """Register the component in ``folder`` under ``name`` with its JS files; return its mount.

    The mount takes the component's keyword arguments; its ``data`` reaches the JS
    as ``data[0]`` (:func:`wired`).
    """
    assets = folder / "assets"
    mount = st.components.v2.component(
        name,
        html=(assets / "component.html").read_text(encoding="utf-8"),
        css=(assets / "component.css").read_text(encoding="utf-8"),
        js=joined_js(js),
    )

    def mount_wired(*, data: Any = None, **kwargs: Any) -> Any:
        return mount(data=wired(data), **kwargs)

    return mount_wired


def wired(data: Any) -> list[Any]:
    """A component's data as it is sent: in a list of one, which its JS unpacks first.

    Streamlit looks for a dataframe in each value of a dict it is given, and imports
    pandas, numpy and pyarrow to do so (a second of the first visitor's first run, and
    ~40k more objects for the collector to walk after every run); a list it sends as
    JSON without looking.
    """
    return [data]
