"""Timestamps as uploaders write them: one reader for descriptions, pasted lines and the CLI."""

from __future__ import annotations

import pytest

from limber.importer import (
    LEAD_IN,
    Chapter,
    Failure,
    ImportFailure,
    ProposedStep,
    StepSource,
    VideoInfo,
    find_timestamps,
    parse_timestamps,
    propose_steps,
    step_sources,
    why_no_timestamps,
)

YT = "https://www.youtube.com/watch?v=L1mberBack0"


def video(description: str = "", duration: float | None = 600) -> VideoInfo:
    return VideoInfo(
        title="Back stretches",
        channel=None,
        duration=duration,
        thumbnail=None,
        url=YT,
        webpage_url=YT,
        chapters=(),
        description=description,
    )


def starts(text: str, duration: float | None = None) -> list[tuple[float, str]]:
    return [(c.start, c.title) for c in parse_timestamps(text, duration=duration)]


# -- one line ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "start", "title"),
    [
        pytest.param("0:00 Warm-up", 0, "Warm-up", id="first-m:ss"),
        pytest.param("2:15 Cat-cow", 135, "Cat-cow", id="first-plain"),
        pytest.param("1:02:03 Final rest", 3723, "Final rest", id="first-h:mm:ss"),
        pytest.param("00:00:40 Breathing", 40, "Breathing", id="first-hh:mm:ss"),
        pytest.param("12:30 - Child's pose", 750, "Child's pose", id="first-dash"),
        pytest.param("3:05 – Twist", 185, "Twist", id="first-en-dash"),
        pytest.param("3:05 — Twist", 185, "Twist", id="first-em-dash"),
        pytest.param("3:05: Twist", 185, "Twist", id="first-colon"),
        pytest.param("(4:10) Bridge", 250, "Bridge", id="first-round-brackets"),
        pytest.param("[4:10] Bridge", 250, "Bridge", id="first-square-brackets"),
        pytest.param("[4:10]Bridge", 250, "Bridge", id="first-bracket-no-space"),
        pytest.param("• 5:00 | Plank", 300, "Plank", id="first-bullet-and-bar"),
        pytest.param("- 5:00 Plank", 300, "Plank", id="first-dash-bullet"),
        pytest.param("* 5:00 Plank", 300, "Plank", id="first-star-bullet"),
        pytest.param("01) 5:00 Plank", 300, "Plank", id="first-numbered"),
        pytest.param("🔥 0:00 Warm-up 🔥", 0, "Warm-up", id="first-emoji"),
        pytest.param("0:00 - 2:15 Warm-up", 0, "Warm-up", id="first-range"),
        pytest.param("  75:00 Long hold", 4500, "Long hold", id="minutes-past-sixty"),
        pytest.param("Cat–cow 2:15", 135, "Cat–cow", id="last-plain"),
        pytest.param("1. Warm-up 0:00", 0, "Warm-up", id="last-numbered-dot"),
        pytest.param("1 - Warm-up 0:00", 0, "Warm-up", id="last-numbered-dash"),
        pytest.param("01) Warm-up 0:00", 0, "Warm-up", id="last-numbered-bracket"),
        pytest.param("Warm-up: 0:00", 0, "Warm-up", id="last-colon"),
        pytest.param("● Plank — 5:00", 300, "Plank", id="last-bullet-em-dash"),
        pytest.param("Bridge | [3:05]", 185, "Bridge", id="last-bracketed"),
        pytest.param("Warm-up 🧘 0:00", 0, "Warm-up", id="last-emoji"),
        pytest.param(
            "Plank 1:02:10 (hold longer if you can)",
            3730,
            "Plank (hold longer if you can)",
            id="last-note",
        ),
        pytest.param("Bridge 3:05 (optional)", 185, "Bridge (optional)", id="last-short-note"),
        pytest.param(
            "Side plank 1:12:40(harder version)",
            4360,
            "Side plank (harder version)",
            id="last-note-no-space",
        ),
        pytest.param("Кошка-корова 2:15", 135, "Кошка-корова", id="cyrillic"),
        pytest.param("Γέφυρα — 3:05", 185, "Γέφυρα", id="greek"),
        pytest.param("猫牛式2:15", 135, "猫牛式", id="cjk-no-space"),
        pytest.param("0:40 背中のストレッチ", 40, "背中のストレッチ", id="cjk-first"),
        pytest.param("Étirement du dos 4:00", 240, "Étirement du dos", id="accents"),
        pytest.param("6:00", 360, "Part 1", id="no-title"),
    ],
)
def test_a_timestamp_line_is_read(line: str, start: int, title: str) -> None:
    """A time opening or closing a line, in any of the usual dressings, gives one chapter."""
    assert parse_timestamps(line) == [Chapter(float(start), None, title)]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Join the live class at 10:30", id="prose-time-last"),
        pytest.param("join us from 13:30 outside", id="prose-time-inside"),
        pytest.param("Next class is at 18:30.", id="prose-sentence"),
        pytest.param("The hard part starts around 4:00 so hang on", id="prose-middle"),
        pytest.param("1:75 Typo", id="seconds-over-59"),
        pytest.param("1:60:00 Typo", id="minutes-over-59-with-hours"),
        pytest.param("0:00Warm-up", id="no-space"),
        pytest.param("https://example.org/watch?t=1:30", id="url"),
        pytest.param("Warm-up", id="no-time"),
    ],
)
def test_other_lines_are_not_timestamps(line: str) -> None:
    """Times inside sentences, invalid times and links give no chapter."""
    assert parse_timestamps(line) == []


# -- lists ------------------------------------------------------------------

TIME_FIRST = "0:00 Warm-up\n2:15 Cat-cow\n5:40 Child's pose"
TIME_LAST = "Warm-up 0:00\nCat-cow 2:15\nChild's pose 5:40"
EXPECTED = [(0.0, "Warm-up"), (135.0, "Cat-cow"), (340.0, "Child's pose")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(TIME_FIRST, EXPECTED, id="time-first"),
        pytest.param(TIME_LAST, EXPECTED, id="time-last"),
        pytest.param(
            "1. Warm-up 0:00\n2. Cat-cow – 2:15\n3) [5:40] Child's pose", EXPECTED, id="mixed"
        ),
        pytest.param(
            "Follow along!\n\nCHAPTERS\n0:00 Warm-up\n\n2:15 Cat-cow\nslow and easy\n"
            "5:40 Child's pose\n\nMusic by someone",
            EXPECTED,
            id="prose-around-and-between",
        ),
        pytest.param(
            "0:00 Warm-up\n2:15 Cat-cow\n5:40 Child's pose\n9:30 Past the end",
            EXPECTED,
            id="time-past-the-end-is-left-out",
        ),
        pytest.param(
            "Last week's class:\n0:00 Old A\n4:00 Old B\n\nToday:\n" + TIME_FIRST,
            EXPECTED,
            id="two-lists-the-longest",
        ),
        pytest.param(
            TIME_FIRST + "\n\nIn the full class:\n0:00 X\n3:00 Y\n",
            EXPECTED,
            id="two-lists-the-longest-first",
        ),
        pytest.param(
            "0:00 Warm-up\n2:15 Cat-cow\n0:30 Oops\n5:40 Child's pose",
            [(0.0, "Warm-up"), (135.0, "Cat-cow")],
            id="a-time-going-back-ends-the-list",
        ),
        pytest.param(
            "0:00 A\n9:00 B\n59:00 C\n1:00:00 D\n1:05:30 E",
            [(0.0, "A"), (540.0, "B"), (3540.0, "C"), (3600.0, "D"), (3930.0, "E")],
            id="m:ss-then-h:mm:ss",
        ),
    ],
)
def test_a_list_is_read(text: str, expected: list[tuple[float, str]]) -> None:
    """A run of lines with increasing times inside the video is one list; the longest wins."""
    assert starts(text, duration=4000 if "1:00:00" in text else 400) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We meet at 10:30 and again from 13:30 on Sundays.", id="sentence"),
        pytest.param("Join us at 10:30\nor from 18:30 online", id="lines-of-prose"),
        pytest.param("Starts around 2:00, the hard part around 5:00 and rest after.", id="prose"),
    ],
)
def test_times_only_in_prose_make_no_steps(text: str) -> None:
    """Times written inside sentences are no list: the video is split equally instead."""
    assert parse_timestamps(text, duration=600) == []
    assert step_sources(video(text))[0] is StepSource.EQUAL
    assert propose_steps(video(text)).source is StepSource.EQUAL


def test_chapters_run_end_to_end() -> None:
    """Each chapter ends where the next begins; the last at the video's end, or open."""
    assert parse_timestamps(TIME_LAST, duration=400) == [
        Chapter(0.0, 135.0, "Warm-up"),
        Chapter(135.0, 340.0, "Cat-cow"),
        Chapter(340.0, 400.0, "Child's pose"),
    ]
    assert parse_timestamps(TIME_LAST)[-1] == Chapter(340.0, None, "Child's pose")


def test_a_list_starting_after_zero_keeps_its_start_behind_a_lead_in() -> None:
    """A first time after 0:00 starts its step there; the lead-in before it starts unticked."""
    proposal = propose_steps(video("Cat-cow 0:45\nBridge 3:00"))
    assert proposal.source is StepSource.DESCRIPTION
    assert proposal.steps == (
        ProposedStep(LEAD_IN, 0.0, 45.0, 45, include=False),
        ProposedStep("Cat-cow", 45.0, 180.0, 135),
        ProposedStep("Bridge", 180.0, 600.0, 420),
    )


def test_pasted_lines_are_read_like_a_description() -> None:
    """The paste box reads time-last lines too, with the same lead-in."""
    proposal = propose_steps(video(), timestamps="Cat-cow 1:00\nBridge 2:00")
    assert proposal.source is StepSource.PASTED
    assert [(s.name, s.start, s.include) for s in proposal.steps] == [
        (LEAD_IN, 0.0, False),
        ("Cat-cow", 60.0, True),
        ("Bridge", 120.0, True),
    ]


def test_pasted_times_past_the_end_say_so() -> None:
    """Pasted lines all past the video's end are refused with that reason."""
    with pytest.raises(ImportFailure) as caught:
        propose_steps(video(duration=60), timestamps="2:00 A\n3:00 B")
    assert caught.value.kind is Failure.NO_TIMESTAMPS
    assert str(caught.value) == "The times in the lines you pasted go past the video's end (1:00)."


@pytest.mark.parametrize(
    ("text", "duration", "why"),
    [
        pytest.param("", 600, "The description has no timestamps.", id="empty"),
        pytest.param(
            "Gentle stretches for the lower back.",
            600,
            "The description has no timestamps.",
            id="no-times",
        ),
        pytest.param(
            "Join us from 13:30 outside.",
            600,
            "The description mentions times only within sentences, not as a list.",
            id="prose",
        ),
        pytest.param(
            "1:30 is where it gets hard",
            600,
            "The description has only one timestamp line, which is not a list.",
            id="one-line",
        ),
        pytest.param(
            "0:00 A\n20:00 B\n25:00 C",
            600,
            "The times in the description go past the video's end (10:00).",
            id="past-the-end",
        ),
        pytest.param(
            "5:00 A\n3:00 B\n1:00 C",
            600,
            "The times in the description do not increase from one line to the next.",
            id="decreasing",
        ),
    ],
)
def test_why_no_list_is_one_sentence(text: str, duration: float, why: str) -> None:
    """A description without a list says why in one sentence."""
    assert len(find_timestamps(text, duration=duration).chapters) < 2
    assert why_no_timestamps(text, duration=duration, where="the description") == why
