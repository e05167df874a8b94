"""Which video the player shows: an offline copy, YouTube, a web file, a file beside the routine."""

from dataclasses import replace
from pathlib import Path

import pytest

from limber import importer, library
from limber.playback import SourceKind, VideoSource, decide, source_for

ROUTINE = Path("/srv/routines/hips.yaml")
KEPT = Path("/cache/abc.mp4")
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
WEB_MP4 = "https://example.org/videos/hips.mp4"


def _files(*present: str):
    return lambda path: str(path) in present


@pytest.mark.parametrize(
    ("video", "own", "kept", "present", "expected"),
    [
        pytest.param(None, False, None, (), None, id="no-video"),
        pytest.param("", False, None, (), None, id="empty-video"),
        pytest.param(
            YOUTUBE,
            False,
            KEPT,
            (),
            VideoSource(SourceKind.OFFLINE_COPY, str(KEPT)),
            id="offline-copy-first",
        ),
        pytest.param(
            YOUTUBE,
            True,
            KEPT,
            (),
            VideoSource(SourceKind.OFFLINE_COPY, str(KEPT)),
            id="own-routine-plays-the-copy-too",
        ),
        pytest.param(
            YOUTUBE,
            False,
            None,
            (),
            VideoSource(SourceKind.YOUTUBE, "dQw4w9WgXcQ"),
            id="youtube",
        ),
        pytest.param(
            "https://youtu.be/dQw4w9WgXcQ",
            True,
            None,
            (),
            VideoSource(SourceKind.YOUTUBE, "dQw4w9WgXcQ"),
            id="youtube-short-link-own",
        ),
        pytest.param(WEB_MP4, False, None, (), VideoSource(SourceKind.WEB, WEB_MP4), id="web"),
        pytest.param(WEB_MP4, True, None, (), VideoSource(SourceKind.WEB, WEB_MP4), id="web-own"),
        pytest.param(
            "hips.mp4",
            False,
            None,
            ("/srv/routines/hips.mp4",),
            VideoSource(SourceKind.FILE, "/srv/routines/hips.mp4"),
            id="file-beside-the-routine",
        ),
        pytest.param(
            "/media/hips.mp4",
            False,
            None,
            ("/media/hips.mp4",),
            VideoSource(SourceKind.FILE, "/media/hips.mp4"),
            id="absolute-file",
        ),
        pytest.param("hips.mp4", False, None, (), None, id="file-missing"),
        pytest.param(
            "hips.mp4", True, None, ("/srv/routines/hips.mp4",), None, id="own-never-a-server-file"
        ),
        pytest.param(
            "/etc/passwd", True, None, ("/etc/passwd",), None, id="own-never-an-absolute-file"
        ),
    ],
)
def test_the_first_video_source_that_applies_wins(video, own, kept, present, expected) -> None:
    """The first source that applies wins; a person's own routine never plays a server file."""
    source = decide(video, own=own, routine_file=ROUTINE, kept=kept, is_file=_files(*present))
    assert source == expected


def test_a_home_relative_path_is_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    """``~`` in a routine's video path means the home folder, not a folder beside the file."""
    monkeypatch.setenv("HOME", "/home/me")
    source = decide(
        "~/videos/hips.mp4",
        own=False,
        routine_file=ROUTINE,
        kept=None,
        is_file=_files("/home/me/videos/hips.mp4"),
    )
    assert source == VideoSource(SourceKind.FILE, "/home/me/videos/hips.mp4")


ROUTINE_YAML = """\
id: hips
title: Hips
summary: Ease stiff hips.
focus: [hips]
level: gentle
style: stretch
video: {video}
steps:
  - name: Figure four
    seconds: 30
    instructions: Do it gently.
"""


def _entry(tmp_path: Path, video: str) -> library.Entry:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "hips.yaml").write_text(ROUTINE_YAML.format(video=video))
    lib = library.load(folder)
    assert not lib.problems
    return lib.get("hips")


def test_source_for_finds_a_kept_copy(tmp_path: Path) -> None:
    """A loaded routine plays the offline copy kept in the video cache, before the web."""
    entry = _entry(tmp_path, YOUTUBE)
    cache = tmp_path / "cache"
    assert source_for(entry, video_cache=cache) == VideoSource(SourceKind.YOUTUBE, "dQw4w9WgXcQ")
    cache.mkdir()
    copy = cache / f"{importer.cache_key(YOUTUBE)}.mp4"
    copy.write_bytes(b"mp4")
    assert source_for(entry, video_cache=cache) == VideoSource(SourceKind.OFFLINE_COPY, str(copy))


def test_source_for_finds_a_file_beside_the_routine(tmp_path: Path) -> None:
    """A relative video path is a file beside the routine's file; never for an own routine."""
    entry = _entry(tmp_path, "hips.mp4")
    beside = tmp_path / "routines" / "hips.mp4"
    assert source_for(entry, video_cache=tmp_path / "cache") is None
    beside.write_bytes(b"mp4")
    assert source_for(entry, video_cache=tmp_path / "cache") == VideoSource(
        SourceKind.FILE, str(beside)
    )
    own = replace(entry, own=True)
    assert source_for(own, video_cache=tmp_path / "cache") is None
