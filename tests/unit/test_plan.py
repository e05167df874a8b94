"""The timeline the player runs: prepare, exercise per side with a switch, rests between steps,
and what the voice says when."""

import json
from pathlib import Path

import pytest

from limber import library
from limber.model import SWITCH_SECONDS, Routine
from limber.plan import (
    CHARS_PER_SECOND,
    SPOKEN_LEVELS,
    Kind,
    Plan,
    Segment,
    VoiceLevel,
    build,
    count_word,
    key_instruction,
    mirrored,
    setup_line,
    step_time,
    total_seconds,
)
from limber.poses import Base, Pose


def routine(**overrides: object) -> Routine:
    data: dict = {
        "id": "test",
        "title": "Test",
        "summary": "A test routine.",
        "focus": ["core"],
        "level": "gentle",
        "style": "pilates",
        "prepare_seconds": 10,
        "rest_seconds": 15,
        "steps": [
            {"name": "Hold", "seconds": 30, "instructions": "Hold still.", "cues": ["Breathe"]},
            {
                "name": "Side lying",
                "seconds": 20,
                "sides": "both",
                "instructions": "Lie on your side.",
                "video": {"start": 10, "end": 25},
            },
            {"name": "Tilts", "reps": 8, "seconds_per_rep": 5, "instructions": "Tilt."},
        ],
    }
    data.update(overrides)
    return Routine.model_validate(data)


def test_the_timeline_prepares_then_runs_each_side_with_rests_between_steps() -> None:
    """Prepare, then each step (left, switch, right for two-sided), with rests between steps only."""
    plan = build(routine())
    assert [(s.kind, s.label, s.side, s.seconds) for s in plan.segments] == [
        (Kind.PREPARE, "Get ready", None, 10),
        (Kind.EXERCISE, "Hold", None, 30),
        (Kind.REST, "Rest", None, 15),
        (Kind.EXERCISE, "Side lying", "left", 20),
        (Kind.SWITCH, "Switch sides", "right", SWITCH_SECONDS),
        (Kind.EXERCISE, "Side lying", "right", 20),
        (Kind.REST, "Rest", None, 15),
        (Kind.EXERCISE, "Tilts", None, 40),
    ]


def test_rests_name_the_next_step() -> None:
    """A rest says what comes next, and belongs to the next step."""
    rests = [s for s in build(routine()).segments if s.kind is Kind.REST]
    assert [(r.next_label, r.step) for r in rests] == [("Side lying", 1), ("Tilts", 2)]


def test_both_sides_carry_the_video_span() -> None:
    """Each side of a two-sided step plays the step's video span."""
    sides = [s for s in build(routine()).segments if s.label == "Side lying"]
    assert [(s.video_start, s.video_end) for s in sides] == [(10, 25), (10, 25)]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param({}, 10 + 30 + 15 + 20 + 5 + 20 + 15 + 40, id="default"),
        pytest.param({"prepare_seconds": 0}, 30 + 15 + 20 + 5 + 20 + 15 + 40, id="no-prepare"),
        pytest.param({"rest_seconds": 0}, 10 + 30 + 20 + 5 + 20 + 40, id="no-rest"),
    ],
)
def test_the_total_is_every_segment_rests_and_switches_included(
    overrides: dict, expected: int
) -> None:
    """The total is the sum of every segment, rests and switches included."""
    assert total_seconds(routine(**overrides)) == expected


@pytest.mark.parametrize(
    "entry",
    library.load(Path(__file__).resolve().parents[2] / "routines").entries,
    ids=lambda e: e.routine.id,
)
def test_the_total_added_up_is_the_timeline_s(entry: library.Entry) -> None:
    """The library's quick total is exactly the laid-out timeline's, for every bundled routine."""
    assert total_seconds(entry.routine) == build(entry.routine, voice=False).total_seconds
    assert entry.seconds == total_seconds(entry.routine)


def test_step_switch_seconds_replace_the_default() -> None:
    """A step's own switch time (rolling over takes longer) sets its switch segment and the total."""
    base = routine().model_dump()
    base["steps"][1]["switch_seconds"] = 12
    plan = build(Routine.model_validate(base))
    switches = [s.seconds for s in plan.segments if s.kind is Kind.SWITCH]
    assert switches == [12]
    assert plan.total_seconds == total_seconds(routine()) - SWITCH_SECONDS + 12


def test_per_step_rest_overrides_default() -> None:
    """A step's own rest replaces the routine's default; zero means no rest segment."""
    base = routine().model_dump()
    base["steps"][0]["rest_seconds"] = 45
    base["steps"][1]["rest_seconds"] = 0
    rests = [s.seconds for s in build(Routine.model_validate(base)).segments if s.kind is Kind.REST]
    assert rests == [45]


def test_no_rest_after_last_step() -> None:
    """The timeline ends with the last exercise, not with a rest."""
    assert build(routine()).segments[-1].kind is Kind.EXERCISE


def test_rep_steps_carry_reps_and_tempo() -> None:
    """A rep step lasts reps × seconds_per_rep and tells the player both numbers."""
    tilts = build(routine()).segments[-1]
    assert (tilts.reps, tilts.seconds_per_rep, tilts.seconds) == (8, 5, 40)


@pytest.mark.parametrize(
    ("index", "shown"),
    [(0, "0:30"), (1, "0:20 each side"), (2, "8 reps · about 0:40")],
)
def test_each_steps_time_reads_plainly(index: int, shown: str) -> None:
    """Each step's time reads plainly in the step list."""
    assert step_time(routine().steps[index]) == shown


def test_plan_data_is_json_ready() -> None:
    """The player receives plain data with the total included."""
    data = build(routine()).to_data()
    assert data["total_seconds"] == total_seconds(routine())
    assert data["segments"][0]["kind"] == "prepare"


# --- the voice schedule ------------------------------------------------------------

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
LONG_CUE = "Breathe in and lengthen through the crown of the head."
LONG_FIRST_SENTENCE = (
    "Lie on your back with your knees bent and your feet flat, hip-width apart, "
    "arms long beside you, palms down, shoulders soft and away from your ears, "
    "and the back of your neck long."
)


COUNT_WORDS = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"]


def step(**fields: object) -> dict:
    """A step for the schedule tables: a 10-second hold unless the fields say otherwise."""
    return {
        "name": "Bridge",
        "seconds": 10,
        "instructions": "Lie down. Lift the hips. Lower slowly.",
    } | fields


def said(segment: Segment, level: VoiceLevel) -> list[tuple[float, str]]:
    """What the voice says at this level during the segment, as (offset, text)."""
    return [(u.at, u.text) for u in segment.speech if level in u.levels]


def one_step(*, rest: int = 10, prepare: int = 10, **fields: object) -> Plan:
    """A routine of the given step, then a short hold (so there is a rest between them)."""
    following = step(name="Rest pose", instructions="Lie still. Breathe.")
    return build(
        routine(prepare_seconds=prepare, rest_seconds=rest, steps=[step(**fields), following])
    )


def exercise(plan: Plan, nth: int = 0) -> Segment:
    return [s for s in plan.segments if s.kind is Kind.EXERCISE][nth]


@pytest.mark.parametrize(
    ("fields", "level", "expected"),
    [
        pytest.param(
            {"cues": ["Breathe"]},
            VoiceLevel.FULL,
            [(0, "Bridge. Lower slowly."), (2.21, "Breathe")],
            id="short-hold-full",
        ),
        pytest.param(
            {"cues": ["Breathe"]},
            VoiceLevel.CUES,
            [(0, "Bridge"), (0.85, "Breathe")],
            id="short-hold-cues",
        ),
        pytest.param(
            {"seconds": 20},
            VoiceLevel.FULL,
            [(0, "Bridge. Lower slowly.")],
            id="hold-of-20-no-countdown",
        ),
        pytest.param(
            {"seconds": 20},
            VoiceLevel.CUES,
            [(0, "Bridge"), (10, "Halfway")],
            id="hold-of-20-cues-halfway-as-before",
        ),
        pytest.param(
            {"seconds": 21},
            VoiceLevel.FULL,
            [
                (0, "Bridge. Lower slowly."),
                (11, "Ten seconds"),
                (18, "Three"),
                (19, "Two"),
                (20, "One"),
            ],
            id="hold-of-21-countdown-no-halfway",
        ),
        pytest.param(
            {"seconds": 50},
            VoiceLevel.FULL,
            [
                (0, "Bridge. Lower slowly."),
                (25, "Halfway"),
                (40, "Ten seconds"),
                (47, "Three"),
                (48, "Two"),
                (49, "One"),
            ],
            id="long-hold-full",
        ),
        pytest.param(
            {"seconds": None, "reps": 3, "seconds_per_rep": 4},
            VoiceLevel.FULL,
            [(0, "Bridge. 3 reps. Lower slowly."), (3, "One"), (7, "Two"), (11, "Three")],
            id="reps-counted-by-default",
        ),
        pytest.param(
            {"seconds": None, "reps": 3, "seconds_per_rep": 4, "count": True},
            VoiceLevel.CUES,
            [(0, "Bridge. 3 reps")],
            id="reps-not-counted-with-cues-only",
        ),
        pytest.param(
            {"seconds": None, "reps": 3, "seconds_per_rep": 4, "count": False},
            VoiceLevel.FULL,
            [(0, "Bridge. 3 reps. Lower slowly.")],
            id="reps-count-false",
        ),
        pytest.param(
            {"seconds": None, "reps": 4, "seconds_per_rep": 0.6},
            VoiceLevel.FULL,
            [
                (0, "Bridge. 4 reps. Lower slowly."),
                *[(0.3, "One"), (0.9, "Two"), (1.5, "Three"), (1.7, "Four")],
            ],
            id="fast-reps-counted-within-a-step-rounded-down",
        ),
        pytest.param(
            {"seconds": None, "reps": 8, "seconds_per_rep": 6, "cues": [LONG_CUE]},
            VoiceLevel.FULL,
            [
                (0, "Bridge. 8 reps. Lower slowly."),
                (5, "One"),
                (5.57, LONG_CUE),
                *[(11, "Two"), (17, "Three"), (23, "Four"), (29, "Five")],
                *[(35, "Six"), (41, "Seven"), (47, "Eight")],
            ],
            id="cue-waits-for-a-gap-between-counts",
        ),
        pytest.param(
            {"seconds": 30, "cues": ["Breathe", "Soften the jaw", "Stay long"]},
            VoiceLevel.FULL,
            [
                (0, "Bridge. Lower slowly."),
                (2.21, "Breathe"),
                (10, "Soften the jaw"),
                (20, "Ten seconds"),
                (21.3, "Stay long"),
                (27, "Three"),
                (28, "Two"),
                (29, "One"),
            ],
            id="cues-spread-and-moved-past-timed-lines",
        ),
        pytest.param(
            {"cues": ["A cue far too long to be said in the two seconds it is shown for"] * 5},
            VoiceLevel.CUES,
            [(0, "Bridge")],
            id="cue-that-cannot-fit-is-left-out",
        ),
        pytest.param(
            {"cues": []},
            VoiceLevel.CUES,
            [(0, "Bridge")],
            id="no-cues",
        ),
    ],
)
def test_each_voice_level_says_its_lines_at_their_moments(
    fields: dict, level: VoiceLevel, expected: list
) -> None:
    """Each level says the right lines at the right moments of a step."""
    assert said(exercise(one_step(**fields)), level) == [(float(a), t) for a, t in expected]


@pytest.mark.parametrize(
    ("n", "word"),
    [
        *[pytest.param(n, w, id=w) for n, w in enumerate(COUNT_WORDS)],
        pytest.param(13, "Thirteen", id="teen"),
        pytest.param(20, "Twenty", id="round-ten"),
        pytest.param(42, "Forty-two", id="compound"),
        pytest.param(100, "100", id="digits-from-100"),
    ],
)
def test_counts_are_said_as_words(n: int, word: str) -> None:
    """Counts are said as words."""
    assert count_word(n) == word


@pytest.mark.parametrize(
    ("fields", "setup", "key"),
    [
        pytest.param(
            {"instructions": "Lie down. Lift the hips."},
            "Lie down. Lift the hips.",
            None,
            id="two-short-sentences-and-nothing-after",
        ),
        pytest.param({}, "Lie down. Lift the hips.", "Lower slowly.", id="first-two-then-the-key"),
        pytest.param(
            {"instructions": f"{LONG_FIRST_SENTENCE} Press into the feet."},
            LONG_FIRST_SENTENCE,
            "Press into the feet.",
            id="long-first-sentence-alone",
        ),
        pytest.param(
            {"instructions": "Lie down and breathe"},
            "Lie down and breathe",
            None,
            id="no-full-stop",
        ),
        pytest.param(
            {"setup": "Lie on your back,\n knees bent."},
            "Lie on your back, knees bent.",
            "Lie down.",
            id="own-setup-line-then-first-sentence",
        ),
        pytest.param(
            {"setup": "Lie down.", "instructions": "Lie down. Lift the hips."},
            "Lie down.",
            "Lift the hips.",
            id="own-setup-line-not-said-twice",
        ),
    ],
)
def test_setup_line_and_key_instruction(fields: dict, setup: str, key: str | None) -> None:
    """The set-up is the step's own line or its first sentence or two; the key instruction comes next."""
    the_step = routine(steps=[step(**fields)]).steps[0]
    assert (setup_line(the_step), key_instruction(the_step)) == (setup, key)


@pytest.mark.parametrize(
    ("fields", "level", "text", "short"),
    [
        pytest.param(
            {},
            VoiceLevel.FULL,
            "Rest. Next: Rest pose. Lie still. Breathe.",
            "Rest. Next: Rest pose",
            id="full-adds-the-setup",
        ),
        pytest.param({}, VoiceLevel.CUES, "Rest. Next: Rest pose", None, id="cues-names-it"),
    ],
)
def test_rest_names_the_next_step(fields: dict, level: VoiceLevel, text: str, short: str) -> None:
    """A rest says what comes next, and with full guidance how to get into position."""
    rest = next(s for s in one_step(**fields).segments if s.kind is Kind.REST)
    [line] = [u for u in rest.speech if level in u.levels]
    assert (line.at, line.text, line.short) == (0, text, short)


def test_very_long_setup_has_a_short_form() -> None:
    """A set-up line too long for a short rest still names the step in its short form."""
    plan = build(
        routine(
            prepare_seconds=5,
            steps=[step(instructions=f"{LONG_FIRST_SENTENCE} Press into the feet.")],
        )
    )
    [line] = [u for u in plan.segments[0].speech if VoiceLevel.FULL in u.levels]
    assert line.text == f"Get ready. First: Bridge. {LONG_FIRST_SENTENCE}"
    assert line.short == "Get ready. First: Bridge"


@pytest.mark.parametrize(
    ("prepare", "rest", "nth", "text", "short"),
    [
        pytest.param(
            10, 10, 1, "Bridge. Lower slowly.", "Bridge", id="after-a-rest-the-key-instruction"
        ),
        pytest.param(
            10, 0, 1, "Bridge. Lie down. Lift the hips.", "Bridge", id="rest-of-0-the-setup-instead"
        ),
        pytest.param(0, 10, 0, "Hug. Hold the knees.", "Hug", id="no-get-ready-the-setup"),
        pytest.param(10, 10, 0, "Hug", None, id="nothing-left-to-say-but-the-name"),
    ],
)
def test_start_of_a_step(prepare: int, rest: int, nth: int, text: str, short: str | None) -> None:
    """A step starts with its name and key instruction, or its set-up if nothing announced it."""
    plan = build(
        routine(
            prepare_seconds=prepare,
            rest_seconds=rest,
            steps=[
                step(name="Hug", instructions="Hold the knees."),
                step(instructions="Lie down. Lift the hips. Lower slowly."),
            ],
        )
    )
    first = next(u for u in exercise(plan, nth).speech if VoiceLevel.FULL in u.levels)
    assert (first.at, first.text, first.short) == (0, text, short)


def test_two_sided_step_names_each_side() -> None:
    """Each side starts with its side's name; the switch says which side comes next."""
    plan = build(routine(steps=[step(sides="both", cues=[])]))
    full = [said(s, VoiceLevel.FULL) for s in plan.segments[1:4]]
    cues = [said(s, VoiceLevel.CUES) for s in plan.segments[1:4]]
    assert full == [
        [(0, "Left side. Bridge. Lower slowly.")],
        [(0, "Switch sides — now the right")],
        [(0, "Right side. Bridge. Lower slowly.")],
    ]
    assert cues == [[(0, "Left side. Bridge")], [(0, "Switch sides")], [(0, "Right side. Bridge")]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The left knee lifts.", "The right knee lifts.", id="left"),
        pytest.param(
            "Left ankle over the right knee.", "Right ankle over the left knee.", id="both-capital"
        ),
        pytest.param(
            "Leftover breath, bright light.", "Leftover breath, bright light.", id="words"
        ),
        pytest.param("Knees at right angles, left.", "Knees at right angles, right.", id="angle"),
    ],
)
def test_mirrored_swaps_left_and_right(text: str, expected: str) -> None:
    """Mirroring swaps whole words "left" and "right", keeping capitals, and nothing else."""
    assert mirrored(text) == expected


def test_second_side_hears_its_own_limbs() -> None:
    """A two-sided step written for the left says "right" where it said "left" on the right side."""
    plan = build(
        routine(
            steps=[
                step(
                    sides="both",
                    seconds=30,
                    setup="Lie on your side.",
                    instructions="Lie on your side. The left knee lifts.",
                    cues=["Lying on your right side; the left knee lifts."],
                )
            ]
        )
    )
    left, right = plan.segments[1], plan.segments[3]
    assert left.cues == ("Lying on your right side; the left knee lifts.",)
    assert right.cues == ("Lying on your left side; the right knee lifts.",)
    assert "Right side. Bridge. The right knee lifts." in [
        t for _, t in said(right, VoiceLevel.FULL)
    ]
    assert "Lying on your left side; the right knee lifts." in [
        text for _, text in said(right, VoiceLevel.CUES)
    ]


def test_cues_level_says_what_the_player_always_said() -> None:
    """With cues only, the announcements are today's: no set-up lines, no counts."""
    plan = build(routine())
    assert [said(s, VoiceLevel.CUES)[0][1] for s in plan.segments] == [
        "Get ready. First: Hold",
        "Hold",
        "Rest. Next: Side lying",
        "Left side. Side lying",
        "Switch sides",
        "Right side. Side lying",
        "Rest. Next: Tilts",
        "Tilts. 8 reps",
    ]


def test_well_done_closes_the_routine() -> None:
    """ "Well done" is said at the end, with cues and with full guidance."""
    assert [(u.text, u.levels) for u in build(routine()).closing] == [
        ("Well done", (VoiceLevel.CUES, VoiceLevel.FULL))
    ]


def test_speech_is_in_the_plan_data() -> None:
    """The player receives each segment's utterances as plain data."""
    data = build(routine()).to_data()
    assert data["segments"][0]["speech"] == [
        {"at": 0.0, "text": "Get ready. First: Hold", "short": None, "levels": ["cues"]},
        {
            "at": 0.0,
            "text": "Get ready. First: Hold. Hold still.",
            "short": "Get ready. First: Hold",
            "levels": ["full"],
        },
    ]
    assert data["closing"] == [
        {"at": 0.0, "text": "Well done", "short": None, "levels": ["cues", "full"]}
    ]
    json.dumps(data)


BUNDLED = library.routine_files(ROUTINES)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_schedules_keep_to_their_segments(path: Path) -> None:
    """In every bundled routine, each level's lines come in order, inside their segment, and a
    cue ends (at a slow voice's speed) before the next line starts."""
    plan = build(library.load_file(path, path.name))
    for segment in plan.segments:
        for u in segment.speech:
            assert 0 <= u.at < segment.seconds
            assert u.levels and VoiceLevel.OFF not in u.levels
            assert u.short is None or len(u.short) < len(u.text)
        for level in SPOKEN_LEVELS:
            lines = [u for u in segment.speech if level in u.levels]
            assert lines and lines[0].at == 0
            ats = [u.at for u in lines]
            assert ats == sorted(set(ats))
            for line, after in zip(lines, [*lines[1:], None], strict=True):
                if line.text in segment.cues:
                    end = after.at if after else segment.seconds
                    assert line.at + len(line.text) / CHARS_PER_SECOND < end


def test_speech_leaves_timing_alone() -> None:
    """Steps with set-up lines and counts last exactly as long as before."""
    plain = routine()
    data = plain.model_dump()
    data["steps"][0]["setup"] = "Lie on your back."
    data["steps"][2]["count"] = False
    assert total_seconds(Routine.model_validate(data)) == total_seconds(plain)


def pose(name: str) -> Pose:
    """A pose for the demo tests; only its name matters here."""
    return Pose(name=name, label=name.replace("-", " "), base=Base.LYING_BACK, angles={}, props=())


POSES = {name: pose(name) for name in ("hook-lying", "pelvic-tilt", "side-lying")}


def demo_names(segment: Segment) -> list[str] | None:
    return [p["name"] for p in segment.demo["poses"]] if segment.demo else None


def test_segments_carry_the_figure_demo() -> None:
    """Each exercise carries its step's poses, and Get ready, Rest and Switch the step they lead to."""
    plan = build(
        routine(
            steps=[
                step(demo=["hook-lying", "pelvic-tilt"]),
                step(name="Side", sides="both", demo=["side-lying"]),
                step(name="No demo"),
            ]
        ),
        POSES,
    )
    assert [(s.kind, s.side, demo_names(s)) for s in plan.segments] == [
        (Kind.PREPARE, None, ["hook-lying", "pelvic-tilt"]),
        (Kind.EXERCISE, None, ["hook-lying", "pelvic-tilt"]),
        (Kind.REST, None, ["side-lying"]),
        (Kind.EXERCISE, "left", ["side-lying"]),
        (Kind.SWITCH, "right", ["side-lying"]),
        (Kind.EXERCISE, "right", ["side-lying"]),
        (Kind.REST, None, None),
        (Kind.EXERCISE, None, None),
    ]


def test_a_demo_with_an_unknown_pose_is_left_out_and_the_step_still_plays() -> None:
    """A step naming a pose that does not exist has no demo; its timing is unchanged."""
    plan = build(routine(steps=[step(demo=["hook-lying", "no-such-pose"])]), POSES)
    assert [(s.kind, s.seconds, s.demo) for s in plan.segments] == [
        (Kind.PREPARE, 10, None),
        (Kind.EXERCISE, 10, None),
    ]


def test_without_poses_there_is_no_demo() -> None:
    """Built without the pose file (totals, benchmarks), no segment carries a demo."""
    assert all(s.demo is None for s in build(routine(steps=[step(demo=["hook-lying"])])).segments)


def test_timing_alone_matches_the_full_plan() -> None:
    """Built without the voice (for totals), a plan has the same segments and length, no speech."""
    full, bare = build(routine()), build(routine(), voice=False)
    assert [(s.kind, s.seconds) for s in bare.segments] == [
        (s.kind, s.seconds) for s in full.segments
    ]
    assert bare.total_seconds == full.total_seconds == total_seconds(routine())
    assert all(s.speech == () for s in bare.segments) and bare.closing == ()
