"""Which video the player shows for a routine, and from where: a decision, made here.

In order: an offline copy kept on this computer (plays without network), a
YouTube video, an MP4 on the web, a file beside the routine's own file. A
person's own routine (kept in their browser) never plays a file on the server.
The page turns the decision into what the player reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlparse

from limber.importer import cached_video
from limber.library import Entry
from limber.model import youtube_id


class SourceKind(StrEnum):
    """Where the player's video comes from."""

    OFFLINE_COPY = "offline-copy"
    """A copy kept on this computer (the video cache); the value is its path."""
    YOUTUBE = "youtube"
    """A YouTube video, embedded; the value is its video id."""
    WEB = "web"
    """A video file on the web the browser fetches; the value is its URL."""
    FILE = "file"
    """A video file beside the routine's file on this computer; the value is its path."""


@dataclass(frozen=True, slots=True)
class VideoSource:
    """The video the player shows."""

    kind: SourceKind
    """Where it comes from."""
    value: str
    """The path, video id or URL, as :class:`SourceKind` says."""


def decide(
    video: str | None,
    *,
    own: bool,
    routine_file: Path,
    kept: Path | None,
    is_file: Callable[[Path], bool] = Path.is_file,
) -> VideoSource | None:
    """The video for a routine's ``video`` field; None without one the player can show.

    ``own``: a routine from the person's browser. ``routine_file``: where the
    routine was read from (a relative video path is found beside it). ``kept``:
    the offline copy of the video, if one is kept.
    """
    if not video:
        return None
    if kept is not None:
        return VideoSource(SourceKind.OFFLINE_COPY, str(kept))
    if video_id := youtube_id(video):
        return VideoSource(SourceKind.YOUTUBE, video_id)
    if urlparse(video).scheme in {"http", "https"}:
        return VideoSource(SourceKind.WEB, video)
    if own:
        return None  # a routine from a browser never names a file on the server
    path = Path(video).expanduser()
    if not path.is_absolute():
        path = routine_file.parent / path
    return VideoSource(SourceKind.FILE, str(path)) if is_file(path) else None


def source_for(entry: Entry, *, video_cache: Path) -> VideoSource | None:
    """The video for a loaded routine, looking for an offline copy in ``video_cache``."""
    video = entry.routine.video
    kept = cached_video(video, video_cache) if video else None
    return decide(video, own=entry.own, routine_file=entry.path, kept=kept)
