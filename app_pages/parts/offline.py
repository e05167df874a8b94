"""Offline copies of routine videos: the Library's mark, and the keep and delete controls.

A copy is kept per video link (not per routine) in the video cache folder, so
every routine made from one video plays the same copy. The player prefers it
(:func:`limber.playback.decide`). The keys this module gives its widgets
and its one message are made here and nowhere else.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import streamlit as st

from limber import importer
from limber import settings as limber_settings
from limber.library import Entry

log = logging.getLogger(__name__)

HEIGHTS = (360, 480, 720)
"""The height caps a person can choose for a copy, in pixels."""
DEFAULT_HEIGHT = 480
"""Small enough for a phone's storage, sharp enough to follow along."""
_NOTICE = "offline.notice"
_UPDATE_EVERY = 0.25
"""Seconds between progress-bar updates: each one is a message to the browser."""


def settings() -> importer.Settings:
    """The importer's settings, from this process's environment."""
    return limber_settings.importer_settings(os.environ)


def kept_copy(video: str | None) -> Path | None:
    """The offline copy of a routine's video, if one is kept on this computer."""
    return importer.cached_video(video, settings().video_cache) if video else None


def can_keep(video: str | None) -> bool:
    """Whether a copy of this video can be asked for: a web link to an allowed site."""
    if not video:
        return False
    try:
        importer.check_url(video, settings=settings())
    except importer.ImportFailure:
        return False
    return True


def _notice_key(video: str) -> str:
    return f"{_NOTICE}.{importer.cache_key(video)}"


def _say(video: str, text: str, *, kept: bool) -> None:
    """Remember a sentence about the last keep or delete, true while the copy is (not) kept."""
    st.session_state[_notice_key(video)] = (text, kept)


def _notice(video: str, kept: bool) -> str | None:
    # Kept across reruns (the player's own events rerun the page right after a
    # change), and shown only while it is still true.
    text, when_kept = st.session_state.get(_notice_key(video), (None, None))
    return text if when_kept == kept else None


def _delete(video: str) -> None:
    deleted = importer.delete_cached(video, settings().video_cache)
    _say(
        video,
        "The offline copy was deleted: the video plays from the web again."
        if deleted
        else "There was no offline copy to delete.",
        kept=False,
    )


def _download(video: str, height: int) -> Path | None:
    """Download with a progress bar; on failure show one sentence and return None."""
    bar = st.progress(0, text="Starting the download…")
    shown = {"at": 0.0}

    def report(progress: importer.Progress) -> None:
        now = time.monotonic()
        if progress.status != "finished" and now - shown["at"] < _UPDATE_EVERY:
            return
        shown["at"] = now
        bar.progress(round(progress.percent or 0), text=importer.describe_progress(progress))

    try:
        path = importer.download_video(
            video, settings=settings(), max_height=height, on_progress=report
        )
    except importer.ImportFailure as failure:
        bar.empty()
        st.error(str(failure), icon=":material/error:")
        return None
    except Exception:  # a bug, not the site: still one sentence, never a traceback
        log.exception("keeping a copy of %s failed", video)
        bar.empty()
        st.error(importer.MESSAGES[importer.Failure.UNREADABLE], icon=":material/error:")
        return None
    size = importer.describe_size(path.stat().st_size)
    bar.progress(100, text=f"Done: {size} kept for offline use.")
    return path


def render_copy_controls(video: str, *, key: str, rerun: bool = False) -> None:
    """Keep a copy of ``video`` (height choice, button, progress bar), or delete the one kept.

    ``key`` tells apart the pages this is on. With ``rerun``, the page runs again
    after a download, so a player above it switches to the copy at once.
    """
    kept = kept_copy(video)
    shared = not settings().offline_copies
    if notice := _notice(video, kept is not None):
        st.success(notice, icon=":material/check_circle:")
    if kept is not None:
        st.caption(
            f"A copy of this video ({importer.describe_size(kept.stat().st_size)}) is kept "
            "on this computer: it plays without a network connection."
        )
        if shared:
            return  # the server's copy is everyone's: a visitor does not delete it
        st.button(
            "Delete the offline copy",
            key=f"offline.delete.{key}",
            on_click=_delete,
            args=(video,),
            icon=":material/delete:",
        )
        return
    if shared:
        st.caption(importer.MESSAGES[importer.Failure.COPIES_OFF])
        return
    heights = [h for h in HEIGHTS if h <= settings().max_height] or [settings().max_height]
    height = st.radio(
        "Video quality",
        heights,
        index=heights.index(DEFAULT_HEIGHT) if DEFAULT_HEIGHT in heights else len(heights) - 1,
        format_func=lambda h: f"Up to {h}p",
        horizontal=True,
        key=f"offline.height.{key}",
        help="A smaller picture makes a smaller file.",
    )
    if st.button("Keep a copy", key=f"offline.keep.{key}", icon=":material/download:"):
        path = _download(video, height)
        if path is not None and rerun:
            size = importer.describe_size(path.stat().st_size)
            _say(video, f"Done: {size} kept for offline use.", kept=True)
            st.rerun()


def render_offline_controls(entry: Entry) -> None:
    """On a routine's page: keep its web video for offline use, or delete the copy kept."""
    video = entry.routine.video
    if not can_keep(video) and kept_copy(video) is None:
        return
    assert video is not None
    st.subheader("Offline use", anchor=False)
    render_copy_controls(video, key=f"routine.{entry.routine.id}", rerun=True)
