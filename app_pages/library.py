"""The Library: every routine as a card, narrowed by focus, time, level, style, body and search."""

import streamlit as st

from app_pages.parts import common, history_state, library_prefs
from app_pages.parts.cards import library_card
from app_pages.parts.picks import render_picks
from components.cards import routine_cards
from limber.library import search
from limber.model import Focus, Level, Style

if routine_id := common.routine_link_id():
    common.open_routine(routine_id)  # "/?routine=<id>" is a deep link to the routine's page

TIME_CHOICES = {
    "Any length": None,
    "Up to 10 min": 10,
    "Up to 15 min": 15,
    "Up to 20 min": 20,
    "Up to 30 min": 30,
}

# The browser's store (the history for the picks, the person's own routines) and the
# remembered choices are read by components mounted at the end of the page: the first
# run draws the cards before the browser answers, and its answer reruns the page. A new
# visitor's browser holds nothing and answers nothing: their page runs once.
reading = history_state.read_store()
lib = common.person_library(reading)

st.title("Your routines")
st.caption("Gentle Pilates, stretching and breathing for a calmer back. Pick one and press Start.")

library_prefs.remember_choices()  # before the picks: "Pregnant" narrows them too
render_picks(
    reading, search(lib.entries, pregnant=library_prefs.pregnant()), on_start=common.open_routine
)
st.subheader("All routines", anchor=False)

# Every choice is a button group (the pills' and segmented control's one element type), not
# a select box or a multiselect: each element type costs the browser another lazily loaded
# script before it draws the page, the Start buttons included.
with st.container(key="filters"):
    query = st.text_input(
        "Search routines", placeholder="Title, summary or exercise, e.g. cat–cow", key="q"
    )
    time_choice = st.segmented_control(
        "Time available", list(TIME_CHOICES), default="Any length", required=True, key="time"
    )
    focus = st.pills(
        "Focus area",
        list(Focus),
        format_func=lambda f: f.label,
        selection_mode="multi",
        default=common.focus_from_link(),
        key="focus",
    )
    # The rarer choices wait behind one button: a popover's widgets are drawn only when it
    # opens, and each kind (the toggles, these pills) is a script the browser would load
    # before it shows a new visitor the page, Start buttons included (a new visitor's
    # Start buttons in 0.92 of the time, A/B median of 15; bench/coldstart.py).
    with st.popover("More filters", icon=":material/tune:"):
        # What each toggle does is said under it, not in a help tooltip: a phone has no
        # hover, and the tooltip's script is one more the browser loads.
        no_floor = st.toggle("No floor work", key="no_floor")
        st.caption("Only routines done sitting on a chair or standing throughout.")
        pregnant = st.toggle("Pregnant", key=library_prefs.PREGNANT, on_change=library_prefs.chose)
        st.caption(
            "Hides routines with steps to leave out after about 16 weeks: lying on the front, "
            "long spells flat on the back, head-lifting curls or deep hip openers. "
            "Remembered in this browser."
        )
        levels = st.pills(
            "Level", list(Level), format_func=str.capitalize, selection_mode="multi", key="level"
        )
        styles = st.pills(
            "Style", list(Style), format_func=str.capitalize, selection_mode="multi", key="style"
        )

found = search(
    lib.entries,
    query=query,
    focus=focus,
    max_minutes=TIME_CHOICES[time_choice],
    levels=levels,
    styles=styles,
    no_floor=no_floor,
    pregnant=pregnant,
)

# What is on under "More filters" is said with the count: the popover shows it only open.
more = [
    *(["No floor work"] if no_floor else []),
    *(["Pregnant"] if pregnant else []),
    *(level.capitalize() for level in levels),
    *(style.capitalize() for style in styles),
]
if not found:
    also = f" (and, under More filters: {', '.join(more)})" if more else ""
    st.info(f"No routine matches all of these{also}. Try fewer filters or another word.")
else:
    st.caption(f"{len(found)} of {len(lib.entries)} routines" + "".join(f" · {m}" for m in more))

shown = common.cards_shown()
cards = [library_card(entry, lib.poses) for entry in found[:shown]]
if started := routine_cards(cards, key="cards", label="All routines", primary=True):
    common.open_routine(started)

if len(found) > shown:
    st.button(
        f"Show more ({len(found) - shown} not shown)",
        on_click=common.show_more_cards,
        key="more",
    )

if lib.problems:
    count = len(lib.problems)
    with st.expander(f"Problems: {count} {'problem' if count == 1 else 'problems'} found"):
        st.caption(
            "What has a problem was skipped; every other routine loaded. Fix a file and reload. "
            "A routine of your own listed here stays kept in this browser, and in its export."
        )
        st.code("\n".join(map(str, lib.problems)), language=None, wrap_lines=True)

library_prefs.keep_choices()
history_state.mount_store(unread_is_empty=True)  # the picks hold starters for an empty store
