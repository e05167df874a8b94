"""Small media files for tests, made with ffmpeg on the spot (nothing binary is committed).

``make_mp4`` writes a short MP4 (a test pattern with a sine tone) that yt-dlp's
generic extractor reads as a direct video link and that Chromium plays in a
``<video>`` element: H.264 + AAC, ``+faststart`` so it streams.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FFMPEG_MISSING = "ffmpeg is needed to make test videos: apt-get install -y ffmpeg"


def ffmpeg() -> str:
    """The ffmpeg executable, or a RuntimeError saying how to install it."""
    path = shutil.which("ffmpeg")
    if path is None:
        raise RuntimeError(FFMPEG_MISSING)
    return path


def make_mp4(
    path: Path,
    *,
    seconds: float = 3,
    size: str = "160x120",
    rate: int = 15,
    tone_hz: int = 440,
) -> Path:
    """Write a small MP4 (test pattern + tone, ``seconds`` long) to ``path`` and return it.

    An existing file at ``path`` is kept as it is, so a session-wide fixture can
    call this once per folder and reuse the result.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    inputs = [
        *("-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate={rate}"),
        *("-f", "lavfi", "-i", f"sine=frequency={tone_hz}:duration={seconds}"),
    ]
    tail = ["-c:a", "aac", "-b:a", "32k", "-shortest", "-movflags", "+faststart", str(path)]
    codecs = [
        ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
        ["-c:v", "mpeg4"],  # when the ffmpeg at hand was built without libx264
    ]
    errors = []
    for video in codecs:
        command = [ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", *inputs, *video, *tail]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            return path
        errors.append(result.stderr.strip())
    path.unlink(missing_ok=True)
    raise RuntimeError(f"ffmpeg could not make {path}: {' | '.join(errors)}")
