"""Saved yt-dlp info dicts (tests/fixtures/*.json), put through yt-dlp's own processing offline:
what ``YoutubeDL.extract_info`` would give for those videos, with no network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def processed(raw: dict[str, Any]) -> dict[str, Any]:
    """An info dict put through yt-dlp's own processing (chapters completed, fields
    sanitised), offline: what ``extract_info`` returns for it."""
    from yt_dlp import YoutubeDL  # heavy: only the tests that need it pay for it

    params = {
        "quiet": True,
        "no_warnings": True,
        "ignore_no_formats_error": True,
        "cachedir": False,
    }
    with YoutubeDL(params) as ydl:
        return ydl.sanitize_info(ydl.process_ie_result(raw, download=False))


def saved_info(name: str) -> dict[str, Any]:
    """The info dict of ``tests/fixtures/<name>.json`` as yt-dlp returns it."""
    return processed(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))
