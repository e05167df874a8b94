"""Register a component from its folder: ``assets/component.{html,css,js}``, read from disk.

Asset paths only resolve for installed packages, so the wrappers pass the files'
text. Both components that touch the history get the shared store code
(``shared/history_store.js``) ahead of their own module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

SHARED_STORE_JS = Path(__file__).resolve().parent / "shared" / "history_store.js"


def register(name: str, folder: Path) -> Callable[..., Any]:
    """Register the component in ``folder`` under ``name`` and return its mount function."""
    assets = folder / "assets"
    js = SHARED_STORE_JS.read_text(encoding="utf-8") + "\n"
    js += (assets / "component.js").read_text(encoding="utf-8")
    return st.components.v2.component(
        name,
        html=(assets / "component.html").read_text(encoding="utf-8"),
        css=(assets / "component.css").read_text(encoding="utf-8"),
        js=js,
    )
