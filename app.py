"""Limber: the frame and the router. Nothing else lives here."""

import streamlit as st

st.set_page_config(page_title="Limber", page_icon="🌿", layout="wide")

pages = [
    st.Page(
        "app_pages/library.py", title="Library", icon=":material/self_improvement:", default=True
    ),
    st.Page(
        "app_pages/history.py", title="History", icon=":material/insights:", url_path="history"
    ),
    st.Page(
        "app_pages/import_video.py",
        title="Import",
        icon=":material/video_library:",
        url_path="import",
    ),
    st.Page("app_pages/about.py", title="About & safety", icon=":material/info:", url_path="about"),
    st.Page("app_pages/routine.py", title="Routine", url_path="routine", visibility="hidden"),
]
st.navigation(pages, position="top").run()
