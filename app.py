"""Limber: the frame and the router. Nothing else lives here."""

import streamlit as st

from app_pages.parts import common, pages
from components.assets import static_url

# A file of our own: an emoji or a Material icon is fetched from a CDN on every visit.
# Its URL, not its path: a path is read, decoded and resent on every run.
st.set_page_config(page_title="Limber", page_icon=static_url("favicon.png"), layout="wide")
st.navigation(pages.all_pages(), position="top").run()
common.set_aside_long_lived()  # once per process, after its first page
