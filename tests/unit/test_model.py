"""The routine schema: what a routine file may say, and the exact reason when it may not."""

import json
from pathlib import Path

import pytest

from limber.__main__ import SCHEMA_PATH, schema_text
from limber.library import RoutineFileError, load_file
from limber.model import format_clock, parse_clock, youtube_id

GOOD = """\
# yaml-language-server: $schema=schema.json
id: {id}
title: Hip openers
summary: Ease stiff hips.
focus: [hips]
level: gentle
style: stretch
steps:
  - name: Figure four
    seconds: 30
    sides: both
    instructions: Lie on your back and cross one ankle over the other knee.
    cues: [Breathe out and soften]
  - name: Pelvic tilts
    reps: 10
    seconds_per_rep: 4
    instructions: Flatten the low back gently into the floor, then release.
    video: {{start: "1:05", end: 95}}
"""


def write(tmp_path: Path, text: str, name: str = "hip-openers") -> Path:
    routines = tmp_path / "routines"
    routines.mkdir(exist_ok=True)
    path = routines / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(RoutineFileError) as err:
        load_file(path, f"routines/{path.name}")
    return [str(p) for p in err.value.problems]


def test_good_routine_loads(tmp_path: Path) -> None:
    """A complete routine file loads with times, sides, reps and spans read correctly."""
    routine = load_file(write(tmp_path, GOOD.format(id="hip-openers")), "routines/hip-openers.yaml")
    first, second = routine.steps
    assert first.sides == "both" and first.seconds_per_side == 30
    assert second.seconds_per_side == 40
    assert second.video is not None and (second.video.start, second.video.end) == (65, 95)
    assert routine.prepare_seconds == 10 and routine.rest_seconds == 10


def _replace(old: str, new: str) -> str:
    text = GOOD.format(id="hip-openers")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            _replace("seconds: 30", "seconds: 0"),
            "routines/hip-openers.yaml, line 10, steps[0].seconds: must be greater than 0",
            id="zero-seconds",
        ),
        pytest.param(
            _replace("    sides: both\n", "    side: both\n"),
            "routines/hip-openers.yaml, line 11, steps[0].side: is not a known field (check the spelling)",
            id="typo-key",
        ),
        pytest.param(
            _replace("focus: [hips]", "focus: [knees]"),
            "routines/hip-openers.yaml, line 5, focus[0]: must be one of "
            "'lower-back', 'upper-back-neck', 'hips', 'core' or 'relaxation'",
            id="unknown-focus",
        ),
        pytest.param(
            _replace("summary: Ease stiff hips.\n", ""),
            "routines/hip-openers.yaml, summary: is required",
            id="missing-summary",
        ),
        pytest.param(
            _replace("reps: 10\n    seconds_per_rep: 4", "reps: 10"),
            "routines/hip-openers.yaml, line 14, steps[1]: reps need seconds_per_rep "
            "(the tempo of one repetition)",
            id="reps-without-tempo",
        ),
        pytest.param(
            _replace("seconds: 30", "seconds: 30\n    reps: 3\n    seconds_per_rep: 2"),
            "routines/hip-openers.yaml, line 9, steps[0]: give either seconds or reps, not both",
            id="seconds-and-reps",
        ),
        pytest.param(
            _replace('{start: "1:05", end: 95}', '{start: "1:40", end: "1:05"}'),
            "routines/hip-openers.yaml, line 18, steps[1].video: end (1:05) must be after start (1:40)",
            id="span-backwards",
        ),
        pytest.param(
            _replace('{start: "1:05", end: 95}', '{start: "soon", end: 95}'),
            "routines/hip-openers.yaml, line 18, steps[1].video.start: 'soon' is not a time: "
            "use seconds or m:ss",
            id="span-not-a-time",
        ),
        pytest.param(
            _replace("level: gentle", "level: [gentle"),
            "routines/hip-openers.yaml, line 7: is not valid YAML: did not find expected ',' or ']'",
            id="broken-yaml",
        ),
        pytest.param(
            "- just\n- a list\n",
            "routines/hip-openers.yaml: must be a mapping of routine fields",
            id="not-a-mapping",
        ),
        pytest.param(
            GOOD.format(id="hip-stretch"),
            "routines/hip-openers.yaml, line 2, id: is 'hip-stretch' but the file is named 'hip-openers'",
            id="id-file-mismatch",
        ),
        pytest.param(
            GOOD.format(id="Hip_Openers"),
            "routines/hip-openers.yaml, line 2, id: must be lower-case words joined by hyphens, "
            "like hip-openers",
            id="bad-id",
        ),
        pytest.param(
            _replace("steps:", "steps: []\nold_steps:"),
            "routines/hip-openers.yaml, line 8, steps: must not be empty",
            id="no-steps",
        ),
    ],
)
def test_bad_file_names_file_line_field_and_reason(
    tmp_path: Path, text: str, expected: str
) -> None:
    """Each kind of broken routine file gives one exact, plain problem line."""
    assert expected in problems_of(write(tmp_path, text))


@pytest.mark.parametrize(
    ("given", "seconds"),
    [(90, 90), ("1:30", 90), ("0:05", 5), ("1:02:03", 3723), ("12.5", 12.5), ("2:07.5", 127.5)],
)
def test_clock_times_read_as_seconds(given: object, seconds: float) -> None:
    """Video spans may be written as seconds or as m:ss / h:mm:ss."""
    assert parse_clock(given) == seconds


@pytest.mark.parametrize(("seconds", "shown"), [(5, "0:05"), (90, "1:30"), (3723, "1:02:03")])
def test_durations_show_as_minutes_and_seconds(seconds: int, shown: str) -> None:
    """Durations show as m:ss, with hours only past an hour."""
    assert format_clock(seconds) == shown


@pytest.mark.parametrize(
    ("url", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://vimeo.com/12345", None),
        ("https://youtube.com/watch?v=short", None),
        ("videos/pilates.mp4", None),
    ],
)
def test_every_form_of_youtube_link_gives_the_video_id(url: str, video_id: str | None) -> None:
    """YouTube links in all their forms give the video id; anything else gives None."""
    assert youtube_id(url) == video_id


def test_schema_file_is_current() -> None:
    """routines/schema.json matches the model (run `make schema` after changing the model)."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
    assert json.loads(schema_text())["additionalProperties"] is False
