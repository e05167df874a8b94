"""Text from the internet made plain: one line, no controls, http(s) links only."""

from __future__ import annotations

import math
import re
import unicodedata

# C0/C1 controls (tab and newline are handled apart), zero-width and bidi controls
# (they can make a title read differently from what it is). ZWJ (U+200D) stays: emoji.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_line(value: object, limit: int = 200) -> str:
    """Metadata as one line of plain text: controls removed, spaces collapsed, at most ``limit``."""
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)).replace("\t", " "))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean_text(value: object, limit: int = 20_000) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_INVISIBLE.sub("", line.replace("\t", " ")).rstrip() for line in text.split("\n"))
    return "\n".join(lines).strip()[:limit]


def _web_url(value: object) -> str | None:
    """A URL from metadata, kept only if it is plain http(s)."""
    if not isinstance(value, str) or not re.match(r"^https?://[^\s\\]+$", value, re.IGNORECASE):
        return None
    return value


def _positive(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None
