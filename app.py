"""Limber: the frame and the router. Nothing else lives here."""

import streamlit as st

from app_pages.parts import pages

st.set_page_config(page_title="Limber", page_icon=":material/spa:", layout="wide")
st.navigation(pages.all_pages(), position="top").run()
