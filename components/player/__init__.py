"""The routine player: a v2 component that runs a plan's timeline in the browser.

Python hands over the whole timeline as data and hears back only twice: when a
session ends ("ended", the record it wrote to localStorage) and when the
after-rating is saved ("saved"). Its JavaScript is one plain script per job,
listed in :data:`JS_FILES` and joined in that order (``assets/player.js`` wires them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from components.assets import SHARED, STATIC, register

_HERE = Path(__file__).resolve().parent
_ASSETS = _HERE / "assets"
JS_FILES = (
    SHARED / "history_store.js",
    _ASSETS / "phases.js",
    _ASSETS / "clock.js",
    _ASSETS / "prefs.js",
    _ASSETS / "sound.js",
    _ASSETS / "wakelock.js",
    _ASSETS / "voice.js",
    _ASSETS / "cues.js",
    _ASSETS / "media.js",
    STATIC / "figure.js",
    _ASSETS / "motion.js",
    _ASSETS / "view.js",
    _ASSETS / "layout.js",
    _ASSETS / "lift.js",
    _ASSETS / "player.js",
)
"""The player's JavaScript, in load order; the last file wires the others."""
NAME = "limber.player"
YOUTUBE_API = "https://www.youtube.com/iframe_api"
PREFS_KEY = "limber.prefs"
SAFETY_KEY = "limber.safety-ack"
HOW_KEY = "limber.how-open"


@dataclass(frozen=True)
class PlayerEvents:
    """What the player reported on this run (each is set for one run only)."""

    ended: Mapping[str, Any] | None
    """The session record just written, when a session ended on this run."""
    saved: Mapping[str, Any] | None
    """The record with its after-rating and note, when they were saved on this run."""


@cache
def _component() -> Callable[..., Any]:
    return register(NAME, _HERE, JS_FILES)


def youtube(video_id: str) -> dict[str, str]:
    """A YouTube video for the player (IFrame API, privacy-enhanced mode)."""
    return {"kind": "youtube", "id": video_id, "api": YOUTUBE_API}


def file(url: str) -> dict[str, str]:
    """An MP4 the browser can fetch, played in an HTML5 video element."""
    return {"kind": "file", "url": url}


def player(
    *,
    plan: Mapping[str, Any],
    routine: Mapping[str, Any],
    video: Mapping[str, str] | None,
    storage: Mapping[str, Any],
    safety: str,
    note_max_chars: int,
    key: str,
    on_ended: Callable[[], None] | None = None,
    on_saved: Callable[[], None] | None = None,
) -> PlayerEvents:
    """Mount the player for one routine.

    ``plan`` is ``limber.plan.Plan.to_data()``; ``routine`` is ``{id, title, focus}``
    as stored with each record; ``storage`` is ``limber.history.storage_config()``;
    ``safety`` is the notice shown once before the first session; ``note_max_chars``
    the longest note the end form takes.
    """
    data = {
        "plan": plan,
        "routine": routine,
        "video": video,
        "storage": storage,
        "safety": safety,
        "noteMaxChars": note_max_chars,
        "keys": {"prefs": PREFS_KEY, "safety": SAFETY_KEY, "how": HOW_KEY},
    }
    # The player keeps running across reruns unless what it plays has changed.
    data["signature"] = hashlib.sha1(
        json.dumps([plan, video], sort_keys=True).encode(), usedforsecurity=False
    ).hexdigest()
    result = _component()(
        key=key,
        data=data,
        on_ended_change=on_ended or (lambda: None),
        on_saved_change=on_saved or (lambda: None),
    )
    return PlayerEvents(ended=getattr(result, "ended", None), saved=getattr(result, "saved", None))


def local_file(path: Path) -> dict[str, str]:
    """A video file on this machine, served to the browser by Streamlit's media endpoint."""
    # Streamlit has no public call for "serve this file at a URL"; st.video uses the
    # runtime's media file manager the same way. Registered on every run, like st.video.
    from streamlit.runtime import Runtime

    url = Runtime.instance().media_file_mgr.add(str(path), "video/mp4", f"{NAME}.video")
    return file(url)
