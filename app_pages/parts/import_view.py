"""The Import page's stages, each drawn by one function (the page calls them in order):
the link, the video, its steps, the routine's details, saving, and the offline copy.

What the person chose lives in :mod:`import_state`; every decision (steps from
chapters, the routine's id, validation) is ``limber.importer``'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from app_pages.parts import common, history_state, offline, pages
from app_pages.parts import import_state as state
from app_pages.parts.text import plain
from components.store import StoreReading
from limber import importer
from limber.importer import (
    Failure,
    ImportFailure,
    ProposedStep,
    RoutineDetails,
    StepSource,
    VideoInfo,
)
from limber.model import Focus, Level, Style, format_clock

log = logging.getLogger(__name__)

SOURCE_CHOICES = {
    StepSource.CHAPTERS: "The video's chapters",
    StepSource.DESCRIPTION: "Timestamps in the description",
    StepSource.PASTED: "Timestamps I paste",
    StepSource.EQUAL: "Equal parts",
}
COLUMNS = {
    "include": st.column_config.CheckboxColumn(
        "Include", help="Untick a step to leave it out of the routine."
    ),
    "name": st.column_config.TextColumn("Step", required=True, max_chars=120),
    "start": st.column_config.TextColumn("Starts at", disabled=True),
    "end": st.column_config.TextColumn("Ends at", disabled=True),
    "seconds": st.column_config.NumberColumn(
        "Seconds",
        help="How long you hold the step. It may be longer than its part of the video, "
        "which then plays again.",
        min_value=1,
        max_value=importer.MAX_STEP_SECONDS,
        step=1,
        required=True,
    ),
    "sides": st.column_config.SelectboxColumn(
        "Sides",
        help="both: done on the left, then on the right, with time to switch.",
        options=importer.SIDES_CHOICES,
        required=True,
    ),
    "rest_after": st.column_config.NumberColumn(
        "Rest after (s)",
        help="Seconds of rest after the step.",
        min_value=0,
        max_value=importer.MAX_REST_SECONDS,
        step=1,
    ),
}


def error(failure: ImportFailure) -> None:
    """A failure as the one sentence it carries."""
    st.error(plain(str(failure)), icon=":material/error:")


def render_link_form(settings: importer.Settings) -> None:
    """The link box and Read video; a video read is kept (:func:`import_state.start`)."""
    with st.form("import.read", border=False):
        link = st.text_input(
            "Video link", key=state.LINK, placeholder="https://www.youtube.com/watch?v=…"
        )
        read = st.form_submit_button("Read video", type="primary", icon=":material/search:")
    if not read:
        return
    with st.spinner("Reading the video's details. This can take a few seconds…"):
        try:
            state.start(importer.read_video(link, settings=settings))
        except ImportFailure as failure:
            state.forget()
            error(failure)
        except Exception:  # a bug, not the site: still one sentence, never a traceback
            log.exception("reading %r failed", link)
            state.forget()
            error(ImportFailure(Failure.UNREADABLE))


def render_how_to_start() -> None:
    """Before a video is read: what to paste."""
    st.write(
        "Paste the link of a YouTube or Vimeo video and press Read video. "
        "A video with chapters works best; without them you can paste timestamps "
        "or split the video into equal parts."
    )


def render_video(info: VideoInfo) -> None:
    """The video read: its picture, title, channel and length."""
    facts = [f"Channel: {info.channel}"] if info.channel else []
    facts.append(
        f"Length: {format_clock(info.duration)}"
        if info.duration
        else "Length: not given by the site"
    )
    if info.thumbnail:
        picture, about = st.columns([1, 2], vertical_alignment="center")
        picture.image(info.thumbnail, width="stretch")
    else:
        about = st.container()
    with about:
        st.subheader(plain(info.title), anchor=False)
        st.text("\n".join(facts))


def render_steps(info: VideoInfo) -> Sequence[ProposedStep] | None:
    """Where the steps come from, then the steps as a table to edit; the steps as edited
    (None while there are none to save)."""
    st.header("Steps", anchor=False)
    source = st.radio(
        "Make the steps from",
        importer.step_sources(info),
        format_func=SOURCE_CHOICES.__getitem__,
        key=state.key("source"),
        horizontal=True,
    )
    no_chapters = importer.why_no_chapters(info)
    if no_chapters is not None:
        st.info(plain(no_chapters), icon=":material/format_list_numbered:")
    length_text = pasted = ""
    parts = None
    if info.duration is None:
        length_text = st.text_input(
            "Video length (m:ss)",
            key=state.key("length"),
            placeholder="12:30",
            help="The site did not say how long the video is. The last step ends here.",
        )
    if source is StepSource.PASTED:
        pasted = st.text_area(
            "Timestamp lines",
            key=state.key("pasted"),
            placeholder="0:00 Warm-up\n2:15 Cat-cow\n5:40 Child's pose",
            help="One step per line: the time it starts in the video and its name, "
            "either way round (Cat-cow 2:15 works too).",
        )
    if source is StepSource.EQUAL:
        parts = st.number_input(
            "Number of equal parts",
            min_value=1,
            max_value=importer.MAX_PARTS,
            value=state.default_parts(info),
            step=1,
            key=state.key("parts"),
        )

    if source is StepSource.PASTED and not pasted.strip():
        st.info("Paste one timestamp per line, like 2:15 Cat-cow.", icon=":material/info:")
        return None
    try:
        length = importer.parse_length(length_text)
        proposal = importer.proposal_for(
            info, source, equal_parts=parts, duration=length, timestamps=pasted
        )
    except ImportFailure as failure:
        if failure.kind is Failure.NEEDS_LENGTH and not length_text.strip():
            st.info(plain(str(failure)), icon=":material/info:")
        else:
            error(failure)
        return None

    st.caption(
        plain(
            f"These steps come from {proposal.source.label}. Untick a step to leave it out; "
            "change its seconds to hold it longer than the video shows it."
        )
    )
    table = st.data_editor(
        pd.DataFrame(importer.step_rows(proposal.steps), columns=list(COLUMNS)),
        key=state.steps_key(proposal),
        column_config=COLUMNS,
        hide_index=True,
        num_rows="fixed",
        width="stretch",
    )
    try:
        return importer.edited_steps(proposal.steps, table.to_dict("records"))
    except ImportFailure as failure:
        error(failure)
        return None


def render_details(info: VideoInfo) -> RoutineDetails:
    """The routine's title, focus, level, style, equipment and caution, guessed from the
    video at first; the details as they stand."""
    guess = importer.guess_details(info)
    st.header("Routine details", anchor=False)
    st.text_input("Title", value=guess.title, max_chars=200, key=state.key("title"))
    st.multiselect(
        "Focus areas",
        list(Focus),
        default=list(guess.focus),
        format_func=lambda f: f.label,
        placeholder="Choose at least one",
        key=state.key("focus"),
    )
    level_column, style_column = st.columns(2)
    level_column.selectbox(
        "Level",
        list(Level),
        index=list(Level).index(guess.level),
        format_func=str.capitalize,
        key=state.key("level"),
    )
    style_column.selectbox(
        "Style",
        list(Style),
        index=list(Style).index(guess.style),
        format_func=str.capitalize,
        key=state.key("style"),
    )
    st.text_input(
        "Equipment",
        value=", ".join(guess.equipment),
        key=state.key("equipment"),
        placeholder="cushion, strap",
        help="Anything needed besides a mat, separated by commas.",
    )
    st.text_input(
        "Caution",
        value=guess.caution,
        key=state.key("caution"),
        placeholder="Skip the twists if they pinch",
        help="One line shown with the routine, if there is something to watch for.",
    )
    return state.details()


def render_save(
    info: VideoInfo,
    steps: Sequence[ProposedStep] | None,
    details: RoutineDetails,
    reading: StoreReading | None,
) -> None:
    """The routine's id, a warning where it is taken, Save to my library and Download YAML.

    Save queues the routine for the browser's store and runs the page again.
    """
    routine = problem = None
    if steps is not None:
        try:
            routine = importer.make_routine(info, steps, details)
        except ImportFailure as failure:
            problem = failure
    routine_id = importer.routine_id_for(info, details)
    st.caption(plain(f"Its id is {routine_id}: it is kept in this browser, with your history."))

    same_id = common.person_library(reading).get(routine_id)
    exists = same_id is not None and (same_id.own or common.from_user_folder(same_id))
    taken = same_id is not None and not exists
    replace = False
    if taken:
        st.warning(
            plain(
                f"Another routine in the library is already called {routine_id}: "
                "change the title to save this one."
            ),
            icon=":material/warning:",
        )
    elif exists:
        just_saved = (saved := state.saved()) is not None and saved.routine_id == routine_id
        if not just_saved:
            st.warning(
                plain(f"Your library already has a routine called {routine_id}."),
                icon=":material/warning:",
            )
        replace = st.checkbox("Replace the existing routine", key=state.replace_key(routine_id))
    if problem is not None:
        error(problem)

    save_column, download_column = st.columns(2)
    save = save_column.button(
        "Save to my library",
        type="primary",
        disabled=routine is None or taken or reading is None,
        icon=":material/save:",
        key="import.save",
    )
    download_column.download_button(
        "Download YAML",
        data=importer.routine_yaml(routine) if routine else "",
        file_name=f"{routine_id}.yaml",
        mime="application/yaml",
        on_click="ignore",
        disabled=routine is None,
        icon=":material/download:",
        key="import.download",
    )
    if save and routine is not None:
        if exists and not replace:
            error(ImportFailure(Failure.EXISTS))
        else:
            nonce = history_state.keep_routine(importer.routine_fields(routine))
            state.remember_saved(routine.id, routine.title, nonce, replaced=exists)
            st.rerun()  # the store, drawn above, takes the command on the next run


def render_saved(info: VideoInfo, settings: importer.Settings) -> None:
    """What became of the routine saved last (with a link to it), then its offline copy."""
    saved = state.saved()
    if saved is None:
        return
    outcome = history_state.outcome(saved.nonce)
    if outcome is None:
        st.caption("Saving in this browser…")
        return
    if not outcome.ok:
        st.error(plain(outcome.error or "The routine could not be saved."), icon=":material/error:")
        return
    verb = "Replaced" if saved.replaced else "Saved"
    st.success(
        plain(f"{verb} “{saved.title}” in your library, kept in this browser."),
        icon=":material/check_circle:",
    )
    st.page_link(
        pages.routine(),
        label="Open the routine",
        icon=":material/play_circle:",
        query_params={"routine": saved.routine_id},
    )

    st.header("Keep a copy for offline use", anchor=False)
    if settings.offline_copies:
        st.caption(
            "Download the video to this computer, so the routine plays without a network "
            "connection. Every routine made from this video uses the copy."
        )
    offline.render_copy_controls(info.webpage_url, key="import")
