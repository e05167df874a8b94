"""``python -m limber import URL``: a routine file from a video link, without the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from limber import library
from limber.__main__ import main
from tests.support.http_server import LocalServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment the command sees: 127.0.0.1 allowed, scratch folders, short timeout."""
    return {
        "LIMBER_ALLOWED_HOSTS": "127.0.0.1",
        "LIMBER_USER_ROUTINES": str(tmp_path / "my"),
        "LIMBER_VIDEO_CACHE": str(tmp_path / "videos"),
        "LIMBER_SOCKET_TIMEOUT": "0.5",
        "LIMBER_RETRIES": "0",
    }


def test_import_writes_a_routine_into_the_user_folder(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With --length for a direct MP4, the routine goes to LIMBER_USER_ROUTINES and loads."""
    url = server.file("/hip-stretch.mp4", sample_mp4)
    status = main(
        ["import", url, "--length", "0:03", "--focus", "hips", "--level", "moderate"], env
    )
    out = capsys.readouterr()
    path = tmp_path / "my" / "hip-stretch.yaml"
    assert (status, out.err) == (0, "")
    assert out.out == f"wrote {path} (1 step from equal parts of the video)\n"
    routine = library.load_file(path, path.name)
    assert [f.value for f in routine.focus] == ["hips"]
    assert routine.level.value == "moderate"
    assert routine.video == url
    assert not (tmp_path / "videos").exists()


def test_out_names_the_file_and_the_id(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--out FILE writes there, and the file's name becomes the routine's id."""
    url = server.file("/v.mp4", sample_mp4)
    out = tmp_path / "drafts" / "evening-unwind.yaml"
    args = ["import", url, "--out", str(out), "--length", "3", "--parts", "3"]
    args += ["--title", "Evening unwind", "--caution", "Go gently."]
    assert main(args, env) == 0
    assert capsys.readouterr().out == f"wrote {out} (3 steps from equal parts of the video)\n"
    routine = library.load_file(out, out.name)
    assert (routine.id, routine.title, routine.cautions) == (
        "evening-unwind",
        "Evening unwind",
        ("Go gently.",),
    )


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        pytest.param(["not a link"], "That is not a video link: it must start with http:// or https://.", id="not-a-link"),
        pytest.param(["https://example.com/v.mp4"], "That site is not supported: use a YouTube or Vimeo link.", id="other-site"),
        pytest.param(["{gone}"], "The video is private or has been removed.", id="404"),
        pytest.param(["{video}"], "The video's length is not known: give it with --length m:ss.", id="no-length"),
        pytest.param(["{video}", "--length", "3", "--out", "{tmp}/Bad Name.yaml"], "A routine's file name must be lower-case words joined by hyphens, like hip-openers.", id="bad-name"),
        pytest.param(["{video}", "--length", "3", "--out", "{tmp}/notes.txt"], "The routine file's name must end in .yaml.", id="not-yaml"),
    ],
)  # fmt: skip
def test_failures_are_one_sentence_and_exit_1(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    sentence: str,
) -> None:
    """Each failure prints its one sentence to stderr and exits 1."""
    names = {
        "gone": server.status("/gone", 404),
        "video": server.file("/v.mp4", sample_mp4),
        "tmp": str(tmp_path),
    }
    status = main(["import", *(a.format(**names) for a in args)], env)
    out = capsys.readouterr()
    assert (status, out.out, out.err) == (1, "", sentence + "\n")


def test_an_existing_file_needs_force(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A second import to the same file is refused; --force replaces it."""
    url = server.file("/v.mp4", sample_mp4)
    out = tmp_path / "again.yaml"
    assert main(["import", url, "--length", "3", "--out", str(out)], env) == 0
    capsys.readouterr()
    assert main(["import", url, "--length", "3", "--out", str(out), "--parts", "2"], env) == 1
    assert capsys.readouterr().err == (
        "That routine file already exists: use --force to replace it.\n"
    )
    assert len(library.load_file(out, out.name).steps) == 1
    assert (
        main(["import", url, "--length", "3", "--out", str(out), "--parts", "2", "--force"], env)
        == 0
    )
    assert len(library.load_file(out, out.name).steps) == 2


def test_the_real_command_shows_no_traceback(server: LocalServer, env: dict[str, str]) -> None:
    """`python -m limber import` on a dead link exits 1 with the sentence only."""
    url = server.status("/gone", 404)
    result = subprocess.run(
        [sys.executable, "-m", "limber", "import", url],
        cwd=ROOT,
        env=os.environ | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "The video is private or has been removed.\n"


def test_help_lists_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m limber --help` names schema and import."""
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "schema" in text and "import" in text


def test_timestamps_from_a_file_make_the_steps(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--timestamps FILE reads the lines as the Import page does, time first or last."""
    url = server.file("/v.mp4", sample_mp4)
    lines = tmp_path / "chapters.txt"
    lines.write_text("1. Reach 0:00\n2. Fold 0:02 (slowly)\n", encoding="utf-8")
    args = ["import", url, "--length", "0:03", "--timestamps", str(lines), "--title", "Fold"]
    assert main(args, env) == 0
    path = tmp_path / "my" / "fold.yaml"
    assert capsys.readouterr().out == f"wrote {path} (2 steps from the timestamps you gave)\n"
    routine = library.load_file(path, path.name)
    assert [s.name for s in routine.steps] == ["Reach", "Fold (slowly)"]


def test_a_timestamps_file_without_timestamps_says_so(
    server: LocalServer,
    sample_mp4: Path,
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A --timestamps file with no timestamp line fails with the page's sentence."""
    url = server.file("/v.mp4", sample_mp4)
    lines = tmp_path / "chapters.txt"
    lines.write_text("warm up, then stretch\n", encoding="utf-8")
    assert main(["import", url, "--length", "0:03", "--timestamps", str(lines)], env) == 1
    assert capsys.readouterr().err == (
        "No timestamps were found: write one per line, like 2:15 Cat-cow.\n"
    )
