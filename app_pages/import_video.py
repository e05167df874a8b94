"""Import: a video link becomes a routine whose steps are the video's chapters.

Read the link (yt-dlp, in limber.importer) -> look at the video and the
proposed steps -> edit the steps and the details -> keep it in the person's
browser, with their history -> optionally keep a copy of the video for offline
use (personal mode only: a shared server keeps nothing of anyone's).
"""

import streamlit as st

from app_pages.parts import history_state, offline
from app_pages.parts import import_state as state
from app_pages.parts import import_view as show

settings = offline.settings()

st.title("Import a video", anchor=False)
st.caption(
    "Turn a workout video into a routine: its chapters become the steps, "
    "each with its own timer and its part of the video."
)
# The browser's store keeps the person's own routines (and says which ids they have).
reading = history_state.mount_store()

show.render_link_form(settings)
info = state.video()
if info is None:
    show.render_how_to_start()
    st.stop()

show.render_video(info)
steps = show.render_steps(info)
details = show.render_details(info)
show.render_save(info, steps, details, reading)
show.render_saved(info, settings)
