"""A routine's page: what it is, its steps with times and cautions, and (soon) the player."""

import streamlit as st

from app_pages import common, safety
from app_pages.text import plain
from limber.model import format_clock
from limber.plan import build, step_time

routine_id = common.routine_link_id()
entry = common.get_library().get(routine_id) if routine_id else None

st.page_link(common.LIBRARY_PAGE, label="All routines", icon=":material/arrow_back:")

if entry is None:
    st.title("Routine not found")
    st.write(
        "There is no routine with that name in your library. It may have been renamed or removed."
    )
    st.stop()

routine = entry.routine
plan = build(routine)

st.title(plain(routine.title), anchor=False)
st.caption(
    f"{routine.focus_labels} · {routine.level.capitalize()} · {routine.style.capitalize()}"
    + (f" · You need: {', '.join(routine.equipment)}" if routine.equipment else "")
)
st.text(routine.summary)
st.metric("Total time", format_clock(plan.total_seconds), border=False)

safety.render()
for caution in routine.cautions:
    st.warning(caution, icon=":material/warning:")

st.header("Steps", anchor=False)
for number, step in enumerate(routine.steps, start=1):
    with st.container(border=True, key=f"step-{number}"):
        st.markdown(f"**{number}\\. {plain(step.name)}**")
        st.caption(step_time(step))
        st.text(step.instructions)
        if step.cues:
            st.caption("Cues: " + " · ".join(step.cues))
        for caution in step.cautions:
            st.caption(f"⚠ {caution}")

if routine.source:
    src = routine.source
    st.caption("Source: " + " · ".join(x for x in (src.title, src.author, src.url) if x))
