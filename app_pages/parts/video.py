"""The player's video for a routine: the core decides (``limber.playback``), this says it
the way the player reads it."""

from __future__ import annotations

import os
from pathlib import Path

from components import player
from limber import playback
from limber import settings as limber_settings
from limber.library import Entry
from limber.playback import SourceKind


def source_for(entry: Entry) -> dict[str, str] | None:
    """The player's video for a routine: YouTube, a web MP4, or a local file; None without one."""
    cache = limber_settings.importer_settings(os.environ).video_cache
    source = playback.source_for(entry, video_cache=cache)
    if source is None:
        return None
    if source.kind is SourceKind.YOUTUBE:
        return player.youtube(source.value)
    if source.kind is SourceKind.WEB:
        return player.file(source.value)
    return player.local_file(Path(source.value))  # an offline copy, or a file beside the routine
