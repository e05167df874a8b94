"""Offline copies of videos: the cache folder, the download, its progress."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from limber.importer.config import Settings
from limber.importer.failures import Failure, ImportFailure
from limber.importer.text import _positive
from limber.importer.url_guard import _AddressGuard, check_url
from limber.importer.ytdlp import _failure, _guarded_youtube_dl, _params, _without_deno, _YtdlpLog
from limber.model import (
    youtube_id,
)


@dataclass(frozen=True)
class Progress:
    """How far a download has got, as yt-dlp's progress hooks report it."""

    status: Literal["downloading", "finished"]
    """Still downloading, or the file is complete."""
    downloaded_bytes: int
    """Bytes written so far."""
    total_bytes: int | None
    """The file's size, or yt-dlp's estimate of it; None if unknown."""
    speed: float | None
    """Bytes per second, if known."""
    eta: float | None
    """Seconds left, if known."""

    @property
    def percent(self) -> float | None:
        """0–100, if the size is known."""
        if not self.total_bytes:
            return None
        return min(100.0, 100.0 * self.downloaded_bytes / self.total_bytes)


def download_format(max_height: int) -> str:
    """yt-dlp's format spec for one MP4 file with both video and audio (no ffmpeg merge),
    over plain http(s), at most ``max_height`` pixels tall. Unknown codecs or height pass."""
    return (
        f"best[ext=mp4][acodec!=?none][vcodec!=?none][height<=?{int(max_height)}]"
        "[protocol~='^https?$']"
    )


def cache_key(url_or_id: str) -> str | None:
    """The file name (without .mp4) of a video's offline copy; None for anything else.

    A YouTube link in any form gives its video id; another link a hash of it;
    a bare id is taken as it is if it is safe as a file name.
    """
    text = (url_or_id or "").strip()
    if re.match(r"^https?://", text, re.IGNORECASE):
        return youtube_id(text) or "v-" + hashlib.sha256(text.encode()).hexdigest()[:20]
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", text) else None


def cached_video(url_or_id: str, cache_dir: Path) -> Path | None:
    """The offline copy of a video, if one is kept."""
    key = cache_key(url_or_id)
    if key is None:
        return None
    path = Path(cache_dir) / f"{key}.mp4"
    return path if path.is_file() else None


def _remove_files(cache_dir: Path, key: str) -> None:
    """Remove the copy and yt-dlp's partial files (``.part``, ``.ytdl``) of one video."""
    for leftover in Path(cache_dir).glob(f"{key}.*"):
        leftover.unlink(missing_ok=True)


def delete_cached(url_or_id: str, cache_dir: Path) -> bool:
    """Delete a video's offline copy (and any partial download); True if a copy was deleted."""
    key = cache_key(url_or_id)
    if key is None:
        return False
    existed = (Path(cache_dir) / f"{key}.mp4").is_file()
    _remove_files(cache_dir, key)
    return existed


def _progress(report: Mapping[str, Any]) -> Progress | None:
    status = report.get("status")
    if status not in ("downloading", "finished"):
        return None
    total = report.get("total_bytes") or report.get("total_bytes_estimate")
    return Progress(
        status=status,
        downloaded_bytes=int(report.get("downloaded_bytes") or 0),
        total_bytes=int(total) if total else None,
        speed=_positive(report.get("speed")),
        eta=_positive(report.get("eta")),
    )


def download_video(
    url: str,
    *,
    settings: Settings | None = None,
    max_height: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> Path:
    """Keep a single-file MP4 copy of a video in the cache folder and return its path.

    Pass the routine's ``video`` link, so the copy is found again with
    :func:`cached_video`. A copy already kept is returned without any network.
    ``on_progress`` is called with each progress report; an exception from it
    stops the download. On any failure the partial file is removed and
    ImportFailure is raised; on any other way out (KeyboardInterrupt, Streamlit's
    rerun and stop) the partial file is removed too.
    """
    settings = settings or Settings()
    if not settings.offline_copies:
        raise ImportFailure(Failure.COPIES_OFF)
    checked = check_url(url, settings=settings)
    key = cache_key(checked)
    assert key is not None  # a checked link always has one
    cache = Path(settings.video_cache)
    kept = cached_video(key, cache)
    if kept is not None:
        return kept
    guard, logger = _AddressGuard(settings.extra_hosts), _YtdlpLog()
    reports: list[Progress] = []

    def hook(report: dict[str, Any]) -> None:
        progress = _progress(report)
        if progress is not None:
            reports.append(progress)
            if on_progress is not None:
                on_progress(progress)

    params = _params(settings, logger) | {
        "format": download_format(max_height or settings.max_height),
        "outtmpl": {"default": f"{key}.%(ext)s"},
        "progress_hooks": [hook],
    }
    finished = False
    try:  # on every way out but success, nothing of the download stays (a rerun or stop too)
        try:
            cache.mkdir(parents=True, exist_ok=True)
            with _guarded_youtube_dl()(params, guard) as ydl:
                info = ydl.extract_info(checked, download=True)
        except Exception as error:  # every failure inside yt-dlp becomes one sentence
            failure = _failure(error, guard, logger.messages, started=bool(reports))
            raise _without_deno(failure, checked, settings) from None
        if isinstance(info, dict) and info.get("_type") in {"playlist", "multi_video"}:
            raise ImportFailure(Failure.PLAYLIST)
        path = cache / f"{key}.mp4"
        if not path.is_file():
            raise _without_deno(ImportFailure(Failure.NO_DOWNLOAD), checked, settings)
        finished = True
    finally:
        if not finished:
            _remove_files(cache, key)
    return path


def describe_size(size: float) -> str:
    """A number of bytes as a person reads it: ``850 bytes``, ``12.3 kB``, ``4.5 MB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{int(size)} bytes"


def describe_progress(progress: Progress) -> str:
    """A download's progress as one sentence: how far, of how much, how fast."""
    if progress.status == "finished":
        return f"Done: {describe_size(progress.downloaded_bytes)} kept for offline use."
    if progress.percent is not None and progress.total_bytes:
        text = f"Downloading: {progress.percent:.0f}% of {describe_size(progress.total_bytes)}"
    else:
        text = f"Downloading: {describe_size(progress.downloaded_bytes)} so far"
    if progress.speed:
        text += f" at {describe_size(progress.speed)}/s"
    return text + "."
