"""History: the person's own sessions, read from this browser, with what they add up to."""

import streamlit as st

from app_pages.parts import history_state as state
from app_pages.parts import history_view as show

st.title("History", anchor=False)
tz = state.person_tz()
now = state.now(tz)
reading = state.mount_store()

if reading is None:
    # The browser has not answered yet: this is "not read yet", never "no history".
    st.caption("Reading your history from this browser…")
    st.stop()

found = state.read_history(reading)
show.render_messages(reading, found)

if not found.sessions:
    show.render_no_sessions()
    show.render_your_data(reading, found, tz=tz, now=now)
    st.stop()

overview = state.overview(reading, tz, now)
show.render_totals(overview.summary)

activity, pain, helps, listing, data = st.tabs(
    show.SECTIONS, key="history.section", on_change="rerun"
)
# Tabs are lazy: only the chosen one runs.
with activity:
    if activity.open:
        show.render_activity(overview)
with pain:
    if pain.open:
        show.render_pain(overview)
with helps:
    if helps.open:
        show.render_what_helps(overview)
with listing:
    if listing.open:
        show.render_sessions(reading, found, overview, tz=tz, now=now)
with data:
    if data.open:
        show.render_your_data(reading, found, tz=tz, now=now)
