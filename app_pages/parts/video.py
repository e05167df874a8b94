"""Which video the player shows for a routine, and from where."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from components import player
from limber import importer
from limber import settings as limber_settings
from limber.library import Entry
from limber.model import youtube_id


def source_for(entry: Entry) -> dict[str, str] | None:
    """The player's video for a routine: YouTube, a web MP4, or a local file; None without one."""
    video = entry.routine.video
    if not video:
        return None
    # An offline copy kept from the Import or routine page plays first, without network.
    if kept := importer.cached_video(
        video, limber_settings.importer_settings(os.environ).video_cache
    ):
        return player.local_file(kept)
    if video_id := youtube_id(video):
        return player.youtube(video_id)
    if urlparse(video).scheme in {"http", "https"}:
        return player.file(video)
    if entry.own:
        return None  # a routine from a browser never names a file on the server
    path = Path(video).expanduser()
    if not path.is_absolute():
        path = entry.path.parent / path
    if not path.is_file():
        return None
    return player.local_file(path)
