"""What the importer knows about one video, from a yt-dlp info dict."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from limber.importer.text import _clean_text, _positive, _web_url, clean_line


@dataclass(frozen=True)
class Chapter:
    """A titled part of a video, from its chapters or from timestamp lines."""

    start: float
    """Seconds from the video's start."""
    end: float | None
    """Where it ends; None for the last one when the video's length is unknown."""
    title: str
    """The chapter's name, as plain text."""


@dataclass(frozen=True)
class VideoInfo:
    """What the importer knows about one video, all of it plain text or numbers."""

    title: str
    """The video's title."""
    channel: str | None
    """The channel or uploader, if known."""
    duration: float | None
    """Length in seconds, if known (a direct MP4 link often has none)."""
    thumbnail: str | None
    """An http(s) URL of a thumbnail image, if any."""
    url: str
    """The link as given (checked)."""
    webpage_url: str
    """The video's own page (canonical for YouTube), or the link itself."""
    chapters: tuple[Chapter, ...]
    """The video's chapters, in order; empty if it has none."""
    description: str
    """The video's description, as plain text."""
    video_id: str | None = None
    """The site's id for the video, if any."""


_UNTITLED = re.compile(r"^<Untitled Chapter (\d+)>$")


def _chapters(raw: object, duration: float | None) -> tuple[Chapter, ...]:
    if not isinstance(raw, list):
        return ()
    found: dict[float, Chapter] = {}
    for index, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            continue
        start = 0.0 if item.get("start_time") == 0 else _positive(item.get("start_time"))
        end = _positive(item.get("end_time"))
        if start is None or (duration is not None and start >= duration):
            continue
        if duration is not None:
            end = min(end, duration) if end is not None else duration
        if end is not None and end <= start:
            continue
        title = clean_line(item.get("title"), 120)
        untitled = _UNTITLED.match(title)
        if untitled or not title:
            title = f"Part {untitled.group(1) if untitled else index}"
        found.setdefault(start, Chapter(start, end, title))
    return tuple(sorted(found.values(), key=lambda c: c.start))


def video_info(info: Mapping[str, Any], *, url: str) -> VideoInfo:
    """A VideoInfo from a yt-dlp info dict (after ``sanitize_info``); ``url`` is the link given."""
    duration = _positive(info.get("duration"))
    return VideoInfo(
        title=clean_line(info.get("title")) or "Untitled video",
        channel=clean_line(info.get("channel") or info.get("uploader") or info.get("creator"), 120)
        or None,
        duration=duration,
        thumbnail=_web_url(info.get("thumbnail")),
        url=url,
        webpage_url=_web_url(info.get("webpage_url")) or url,
        chapters=_chapters(info.get("chapters"), duration),
        description=_clean_text(info.get("description")),
        video_id=clean_line(info.get("id"), 64) or None,
    )
