"""The app's pages as ``st.Page`` objects: ``app.py`` navigates over :func:`all_pages`, and
every ``st.page_link`` and ``st.switch_page`` names its page through this module.

A ``st.Page`` resolves its file against the running script, so each is made on call, in
the run that uses it; its URL comes from here and nowhere else.
"""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage


def library() -> StreamlitPage:
    """The Library, at ``/``."""
    return st.Page(
        "app_pages/library.py", title="Library", icon=":material/self_improvement:", default=True
    )


def history() -> StreamlitPage:
    """The person's History, at ``/history``."""
    return st.Page(
        "app_pages/history.py", title="History", icon=":material/insights:", url_path="history"
    )


def import_video() -> StreamlitPage:
    """Import a video as a routine, at ``/import``."""
    return st.Page(
        "app_pages/import_video.py",
        title="Import",
        icon=":material/video_library:",
        url_path="import",
    )


def about() -> StreamlitPage:
    """About & safety, at ``/about``."""
    return st.Page(
        "app_pages/about.py", title="About & safety", icon=":material/info:", url_path="about"
    )


def routine() -> StreamlitPage:
    """A routine's page (the player), at ``/routine?routine=<id>``; not in the menu."""
    return st.Page("app_pages/routine.py", title="Routine", url_path="routine", visibility="hidden")


def all_pages() -> list[StreamlitPage]:
    """Every page, in the menu's order."""
    return [library(), history(), import_video(), about(), routine()]
