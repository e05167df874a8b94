"""A routine's page: the player, then what the routine is and its steps with times and cautions."""

import streamlit as st

from app_pages.parts import common, history_state, offline, own_routine, pages, safety, video
from app_pages.parts.cards import step_card
from app_pages.parts.text import plain
from components.cards import step_cards
from components.player import player
from limber import history
from limber.model import Suitability, format_clock
from limber.plan import build

routine_id = common.routine_link_id()
routines = common.get_library()
entry = routines.get(routine_id) if routine_id else None
reading = None
if routine_id and (entry is None or common.from_user_folder(entry)):
    # Not a routine of the server's own (or one the person may keep): look in the browser.
    reading = history_state.mount_store()
    routines = common.person_library(reading)
    entry = routines.get(routine_id)
    if entry is None and reading is None:
        st.caption("Looking for this routine in your browser…")
        st.stop()

if routine_id and entry is None and own_routine.deleted_here(routine_id):
    st.stop()

st.page_link(pages.library(), label="All routines", icon=":material/arrow_back:")

if entry is None:
    st.title("Routine not found", anchor=False)
    st.write(
        plain(
            f"There is no routine called “{routine_id or ''}” in this browser's library. "
            "If you made it in another browser, it is kept there: export your history on "
            "that browser's History page, and import the file on this one's."
        )
    )
    st.stop()

routine = entry.routine
plan = build(routine, routines.poses)

st.title(plain(routine.title), anchor=False)
st.caption(
    plain(
        f"{routine.focus_labels} · {format_clock(plan.total_seconds)} · "
        f"{routine.level.capitalize()} · {routine.style.capitalize()}"
        + (f" · You need: {', '.join(routine.equipment)}" if routine.equipment else "")
    )
)

if entry.position_labels:
    st.caption(plain(f"Positions: {entry.position_labels}"))
if Suitability.NOT_IN_LATER_PREGNANCY in routine.suitability:
    st.warning(plain(safety.PREGNANCY_CAUTION), icon=":material/pregnant_woman:")

events = player(
    plan=plan.to_data(),
    routine={"id": routine.id, "title": routine.title, "focus": [f.value for f in routine.focus]},
    video=video.source_for(entry),
    storage=history.storage_config(),
    safety=safety.PLAIN_NOTICE,
    note_max_chars=history.NOTE_MAX_CHARS,
    key=f"player-{routine.id}",
)
if events.saved or events.ended:
    st.page_link(pages.history(), label="See your history", icon=":material/insights:")

st.text(routine.summary)
for caution in routine.cautions:
    st.warning(plain(caution), icon=":material/warning:")

st.header("Steps", anchor=False)
st.metric("Total time", format_clock(plan.total_seconds), border=False)
step_cards(
    [step_card(number, step, routines.poses) for number, step in enumerate(routine.steps, 1)],
    key="steps",
    label="Steps",
)

if routine.source:
    src = routine.source
    st.caption(plain("Source: " + " · ".join(x for x in (src.title, src.author, src.url) if x)))
st.caption("Safety notes are always on the About page.")
own_routine.render_controls(entry, history_state.own_routine(reading, routine.id))
offline.render_offline_controls(entry)
