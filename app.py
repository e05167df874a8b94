"""Limber: the frame and the router. Nothing else lives here."""

from pathlib import Path

import streamlit as st

from app_pages.parts import pages

# A file of our own: an emoji or a Material icon is fetched from a CDN on every visit.
ICON = Path(__file__).resolve().parent / "static" / "favicon.png"
st.set_page_config(page_title="Limber", page_icon=str(ICON), layout="wide")
st.navigation(pages.all_pages(), position="top").run()
