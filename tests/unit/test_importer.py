"""The importer's pure parts: link checks, settings, timestamps, proposed steps, the routine file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from limber import library
from limber.importer import (
    DEFAULT_USER_ROUTINES,
    MESSAGES,
    SCHEMA_FILE,
    Chapter,
    Failure,
    ImportFailure,
    Progress,
    ProposedStep,
    RoutineDetails,
    Settings,
    StepSource,
    VideoInfo,
    cache_key,
    cached_video,
    check_url,
    clean_line,
    delete_cached,
    describe_progress,
    describe_size,
    download_format,
    edited_steps,
    guess_details,
    ids_taken_elsewhere,
    make_routine,
    parse_length,
    proposal_for,
    propose_steps,
    routine_id_for,
    routine_yaml,
    save_routine,
    schema_ref,
    settings_from_env,
    slugify,
    step_rows,
    step_sources,
)
from limber.model import Focus, Level, Style

ROOT = Path(__file__).resolve().parents[2]
YT = "https://www.youtube.com/watch?v=L1mberBack0"


def info(
    *,
    title: str = "Gentle Back Stretches",
    duration: float | None = 600,
    chapters: tuple[Chapter, ...] = (),
    description: str = "",
    channel: str | None = "Calm Spine Studio",
) -> VideoInfo:
    return VideoInfo(
        title=title,
        channel=channel,
        duration=duration,
        thumbnail=None,
        url=YT,
        webpage_url=YT,
        chapters=chapters,
        description=description,
        video_id="L1mberBack0",
    )


def failure_of(call) -> ImportFailure:
    with pytest.raises(ImportFailure) as caught:
        call()
    return caught.value


# -- links ------------------------------------------------------------------

GOOD_LINKS = [
    "https://www.youtube.com/watch?v=L1mberBack0",
    "https://youtube.com/watch?v=L1mberBack0&t=42s",
    "https://m.youtube.com/watch?v=L1mberBack0",
    "https://music.youtube.com/watch?v=L1mberBack0",
    "https://youtu.be/L1mberBack0",
    "https://www.youtube.com/shorts/L1mberBack0",
    "https://www.youtube-nocookie.com/embed/L1mberBack0",
    "https://vimeo.com/123456789",
    "https://player.vimeo.com/video/123456789",
    "HTTPS://WWW.YOUTUBE.COM/watch?v=L1mberBack0",
    "http://youtube.com:443/watch?v=L1mberBack0",
    "https://www.youtube.com./watch?v=L1mberBack0",
]


@pytest.mark.parametrize("url", GOOD_LINKS)
def test_video_site_links_are_accepted(url: str) -> None:
    """Links to YouTube (every form) and Vimeo pass the check unchanged."""
    assert check_url(url) == url


def test_a_link_is_stripped_of_surrounding_spaces() -> None:
    """Spaces around a pasted link are dropped."""
    assert check_url("  https://youtu.be/L1mberBack0\n") == "https://youtu.be/L1mberBack0"


BAD_LINKS = [
    pytest.param("", Failure.NOT_A_LINK, id="empty"),
    pytest.param("youtube.com/watch?v=L1mberBack0", Failure.NOT_A_LINK, id="no-scheme"),
    pytest.param("//youtube.com/watch?v=L1mberBack0", Failure.NOT_A_LINK, id="scheme-relative"),
    pytest.param("ftp://youtube.com/video", Failure.NOT_A_LINK, id="ftp"),
    pytest.param("file:///etc/passwd", Failure.NOT_A_LINK, id="file"),
    pytest.param("javascript:alert(1)", Failure.NOT_A_LINK, id="javascript"),
    pytest.param("data:text/html,<b>hi</b>", Failure.NOT_A_LINK, id="data"),
    pytest.param("https://youtube.com@10.0.0.1/", Failure.BAD_LINK, id="userinfo-trick"),
    pytest.param("https://user:secret@youtube.com/watch", Failure.BAD_LINK, id="password"),
    pytest.param("https://youtube.com\\@10.0.0.1/", Failure.BAD_LINK, id="backslash-trick"),
    pytest.param("https://you tube.com/", Failure.BAD_LINK, id="space-in-host"),
    pytest.param("https://youtube.com/watch?v=a\nb", Failure.BAD_LINK, id="newline"),
    pytest.param("https://youtube.com:99999/", Failure.BAD_LINK, id="port-out-of-range"),
    pytest.param("https://[::1/", Failure.BAD_LINK, id="broken-ipv6"),
    pytest.param("https:///watch?v=L1mberBack0", Failure.BAD_LINK, id="no-host"),
    pytest.param("https://ｙｏｕｔｕｂｅ.com/watch", Failure.BAD_LINK, id="fullwidth-host"),
    pytest.param("https://youtube.com.evil.example/watch", Failure.UNSUPPORTED_SITE, id="suffix"),
    pytest.param("https://evilyoutube.com/watch", Failure.UNSUPPORTED_SITE, id="lookalike"),
    pytest.param("https://example.com/video.mp4", Failure.UNSUPPORTED_SITE, id="other-site"),
    pytest.param("http://localhost:8501/", Failure.UNSUPPORTED_SITE, id="localhost-name"),
    pytest.param("http://8.8.8.8/video.mp4", Failure.UNSUPPORTED_SITE, id="public-ip"),
    pytest.param("http://2130706433/", Failure.UNSUPPORTED_SITE, id="decimal-ip"),
    pytest.param("http://0x7f.0.0.1/", Failure.UNSUPPORTED_SITE, id="hex-ip"),
    pytest.param("http://127.1/", Failure.UNSUPPORTED_SITE, id="short-ip"),
    pytest.param("http://127.0.0.1/v.mp4", Failure.PRIVATE_ADDRESS, id="loopback"),
    pytest.param("http://10.0.0.1/", Failure.PRIVATE_ADDRESS, id="private-10"),
    pytest.param("http://192.168.1.1/", Failure.PRIVATE_ADDRESS, id="private-192"),
    pytest.param("http://169.254.169.254/latest/", Failure.PRIVATE_ADDRESS, id="link-local"),
    pytest.param("http://0.0.0.0/", Failure.PRIVATE_ADDRESS, id="unspecified"),
    pytest.param("http://[::1]:8000/", Failure.PRIVATE_ADDRESS, id="ipv6-loopback"),
    pytest.param("http://[fe80::1]/", Failure.PRIVATE_ADDRESS, id="ipv6-link-local"),
    pytest.param("http://[fd00::1]/", Failure.PRIVATE_ADDRESS, id="ipv6-unique-local"),
    pytest.param("http://[::ffff:10.0.0.1]/", Failure.PRIVATE_ADDRESS, id="ipv4-mapped"),
]


@pytest.mark.parametrize(("url", "kind"), BAD_LINKS)
def test_bad_links_are_refused_with_their_sentence(url: str, kind: Failure) -> None:
    """Other schemes, tricks, other sites and private addresses are refused, each with its sentence."""
    failure = failure_of(lambda: check_url(url))
    assert failure.kind is kind
    assert str(failure) == MESSAGES[kind]


def test_the_sentences_are_the_ones_people_read() -> None:
    """The link sentences are exactly these."""
    assert MESSAGES[Failure.NOT_A_LINK] == (
        "That is not a video link: it must start with http:// or https://."
    )
    assert MESSAGES[Failure.UNSUPPORTED_SITE] == (
        "That site is not supported: use a YouTube or Vimeo link."
    )
    assert MESSAGES[Failure.PRIVATE_ADDRESS] == (
        "That link leads to a private network address, which is not allowed."
    )


@pytest.mark.parametrize(
    ("extra", "url", "kind"),
    [
        pytest.param(("127.0.0.1",), "http://127.0.0.1:8765/v.mp4", None, id="listed-ip"),
        pytest.param(
            ("127.0.0.1",), "http://127.0.0.2/v.mp4", Failure.PRIVATE_ADDRESS, id="next-ip"
        ),
        pytest.param(("127.0.0.1",), "http://localhost/v.mp4", Failure.UNSUPPORTED_SITE, id="name"),
        pytest.param(("::1",), "http://[::1]:8765/v.mp4", None, id="listed-ipv6"),
        pytest.param(
            ("videos.example.org",), "https://cdn.videos.example.org/a", None, id="subdomain"
        ),
        pytest.param(
            ("videos.example.org",), "https://example.org/a", Failure.UNSUPPORTED_SITE, id="parent"
        ),
        pytest.param(("127.0.0.1",), YT, None, id="video-sites-still"),
    ],
)
def test_extra_hosts_widen_the_list(extra: tuple[str, ...], url: str, kind: Failure | None) -> None:
    """Hosts from the setting are accepted (addresses exactly, names with their subdomains)."""
    settings = Settings(extra_hosts=extra)
    if kind is None:
        assert check_url(url, settings=settings) == url
    else:
        assert failure_of(lambda: check_url(url, settings=settings)).kind is kind


# -- settings ---------------------------------------------------------------


def test_settings_come_from_the_environment(tmp_path: Path) -> None:
    """LIMBER_* variables set the hosts, folders, timeout and retries."""
    env = {
        "LIMBER_ALLOWED_HOSTS": " 127.0.0.1, [::1] ,Videos.Example.org., not a host,127.0.0.1",
        "LIMBER_USER_ROUTINES": str(tmp_path / "mine"),
        "LIMBER_VIDEO_CACHE": str(tmp_path / "videos"),
        "LIMBER_SOCKET_TIMEOUT": "2.5",
        "LIMBER_RETRIES": "1",
    }
    settings = settings_from_env(env)
    assert settings.extra_hosts == ("127.0.0.1", "::1", "videos.example.org")
    assert settings.user_routines == tmp_path / "mine"
    assert settings.video_cache == tmp_path / "videos"
    assert (settings.socket_timeout, settings.retries) == (2.5, 1)
    assert settings.allowed_hosts[:2] == ("youtube.com", "youtu.be")


def test_settings_default_without_environment() -> None:
    """With no variables: video sites only, routines/my/, .cache/videos/, 20 s, 3 retries."""
    settings = settings_from_env({})
    assert settings.extra_hosts == ()
    assert settings.user_routines == ROOT / "routines" / "my"
    assert settings.video_cache == ROOT / ".cache" / "videos"
    assert (settings.socket_timeout, settings.retries) == (20.0, 3)


def test_unreadable_numbers_keep_their_defaults() -> None:
    """A timeout or retry count that is not a number (or negative) is ignored."""
    settings = settings_from_env({"LIMBER_SOCKET_TIMEOUT": "soon", "LIMBER_RETRIES": "-1"})
    assert (settings.socket_timeout, settings.retries) == (20.0, 3)


# -- text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("  Cat\t–  cow \n", "Cat – cow", id="spaces"),
        pytest.param("Stretch\u202eevil\u202c", "Stretchevil", id="bidi-override"),
        pytest.param("Zero\u200bwidth\x00nul\x1b[31m", "Zerowidthnul[31m", id="controls"),
        pytest.param(
            "<script>alert(1)</script>", "<script>alert(1)</script>", id="markup-stays-text"
        ),
        pytest.param("Family 👨\u200d👩\u200d👧", "Family 👨\u200d👩\u200d👧", id="emoji-zwj"),
        pytest.param(None, "", id="none"),
    ],
)
def test_metadata_becomes_one_line_of_plain_text(raw: object, clean: str) -> None:
    """Controls and invisible direction marks go; markup is kept as the text it is."""
    assert clean_line(raw) == clean


def test_long_metadata_is_cut_with_an_ellipsis() -> None:
    """A line longer than its limit ends in an ellipsis, within the limit."""
    assert clean_line("x" * 300, 10) == "x" * 9 + "…"


# -- proposed steps ---------------------------------------------------------

CHAPTERS = (
    Chapter(0.0, 30.0, "Intro"),
    Chapter(30.0, 150.0, "Cat-cow"),
    Chapter(150.0, 330.5, "Child's pose"),
    Chapter(330.5, 600.0, "Thanks for watching!"),
)


def test_chapters_become_steps() -> None:
    """Each chapter is a step with its span and length; intro and outro start unticked."""
    proposal = propose_steps(info(chapters=CHAPTERS))
    assert proposal.source is StepSource.CHAPTERS
    assert proposal.steps == (
        ProposedStep("Intro", 0.0, 30.0, 30, include=False),
        ProposedStep("Cat-cow", 30.0, 150.0, 120),
        ProposedStep("Child's pose", 150.0, 330.5, 180),
        ProposedStep("Thanks for watching!", 330.5, 600.0, 270, include=False),
    )


def test_description_timestamps_are_used_without_chapters() -> None:
    """Without chapters, two or more timestamp lines in the description give the steps."""
    text = "Follow along!\n0:00 Warm-up\n2:15 Cat-cow\n4:00 Rest\nMusic by someone"
    proposal = propose_steps(info(description=text, duration=300))
    assert proposal.source is StepSource.DESCRIPTION
    assert [(s.name, s.start, s.end, s.seconds) for s in proposal.steps] == [
        ("Warm-up", 0.0, 135.0, 135),
        ("Cat-cow", 135.0, 240.0, 105),
        ("Rest", 240.0, 300.0, 60),
    ]


def test_one_timestamp_in_a_description_is_not_a_chapter_list() -> None:
    """A lone timestamp line in a description does not count; the video is split equally."""
    proposal = propose_steps(info(description="1:30 is where it gets hard", duration=240))
    assert proposal.source is StepSource.EQUAL
    assert [s.name for s in proposal.steps] == ["Part 1", "Part 2"]


def test_without_chapters_or_timestamps_the_video_is_split_equally() -> None:
    """One equal part per two minutes, each with its span and rounded length."""
    proposal = propose_steps(info(duration=610))
    assert proposal.source is StepSource.EQUAL
    assert [(s.start, s.end, s.seconds) for s in proposal.steps] == [
        (0.0, 122.0, 122),
        (122.0, 244.0, 122),
        (244.0, 366.0, 122),
        (366.0, 488.0, 122),
        (488.0, 610.0, 122),
    ]


def test_equal_parts_can_be_chosen_even_with_chapters() -> None:
    """equal_parts forces a split into that many steps."""
    proposal = propose_steps(info(chapters=CHAPTERS, duration=600), equal_parts=3)
    assert proposal.source is StepSource.EQUAL
    assert [(s.name, s.start, s.end) for s in proposal.steps] == [
        ("Part 1", 0.0, 200.0),
        ("Part 2", 200.0, 400.0),
        ("Part 3", 400.0, 600.0),
    ]


def test_a_very_short_video_gets_no_more_parts_than_seconds() -> None:
    """Parts are at least a second long: a 3-second video gives at most 3."""
    assert len(propose_steps(info(duration=3.2), equal_parts=10).steps) == 3


@pytest.mark.parametrize("parts", [0, -1, 61])
def test_equal_parts_out_of_range_is_a_programming_error(parts: int) -> None:
    """equal_parts outside 1–60 raises ValueError (the page's input prevents it)."""
    with pytest.raises(ValueError, match="equal_parts must be from 1 to 60"):
        propose_steps(info(), equal_parts=parts)


def test_pasted_timestamps_take_precedence() -> None:
    """Lines the person pastes replace the video's chapters."""
    proposal = propose_steps(info(chapters=CHAPTERS), timestamps="0:00 Breathe\n1:00 Stretch")
    assert proposal.source is StepSource.PASTED
    assert [(s.name, s.end) for s in proposal.steps] == [("Breathe", 60.0), ("Stretch", 600.0)]


def test_pasted_text_without_timestamps_is_refused() -> None:
    """Pasted text with no timestamp line says how to write one."""
    failure = failure_of(lambda: propose_steps(info(), timestamps="warm up then stretch"))
    assert str(failure) == "No timestamps were found: write one per line, like 2:15 Cat-cow."


@pytest.mark.parametrize(
    "video",
    [
        pytest.param(info(duration=None), id="equal-split"),
        pytest.param(info(duration=None, description="0:00 A\n1:00 B"), id="last-timestamp"),
    ],
)
def test_an_unknown_length_is_asked_for(video: VideoInfo) -> None:
    """Without a length, splitting (or ending the last step) asks for it."""
    failure = failure_of(lambda: propose_steps(video))
    assert failure.kind is Failure.NEEDS_LENGTH
    assert str(failure) == (
        "The video's length is not known: enter it to divide the video into steps."
    )


def test_a_given_length_completes_the_steps() -> None:
    """The length the person enters ends the last step and sizes equal parts."""
    video = info(duration=None, description="0:00 A\n1:00 B")
    assert propose_steps(video, duration=90).steps[-1].end == 90.0
    assert len(propose_steps(info(duration=None), duration=3).steps) == 1


# -- the routine ------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        pytest.param("Gentle Lower Back | 12 Minutes", "gentle-lower-back-12-minutes", id="plain"),
        pytest.param("Étirements du dos — 10 min", "etirements-du-dos-10-min", id="accents"),
        pytest.param("../../etc/passwd", "etc-passwd", id="path"),
        pytest.param("C:\\Windows\\system32", "c-windows-system32", id="windows-path"),
        pytest.param("🧘‍♀️ 🙏", "my-routine", id="emoji-only"),
        pytest.param("   ", "my-routine", id="blank"),
        pytest.param("CON", "con-routine", id="windows-reserved"),
        pytest.param("word " * 30, "-".join(["word"] * 12), id="long"),
        pytest.param("x" * 80, "x" * 60, id="one-long-word"),
    ],
)
def test_ids_are_made_from_titles(title: str, slug: str) -> None:
    """An id is lower-case ASCII words and hyphens, at most 60 characters, never a path."""
    assert slugify(title) == slug


def details(**changes) -> RoutineDetails:
    return RoutineDetails(
        title=changes.pop("title", "Gentle Back Stretches"),
        focus=(Focus.LOWER_BACK, Focus.HIPS),
        level=Level.GENTLE,
        style=Style.STRETCH,
        **changes,
    )


def chapter_steps() -> tuple[ProposedStep, ...]:
    return propose_steps(info(chapters=CHAPTERS)).steps


def test_a_routine_is_made_from_the_included_steps() -> None:
    """The routine has the included steps, the video, the source and the person's details."""
    steps = list(chapter_steps())
    steps[1] = ProposedStep("Cat-cow", 30.0, 150.0, 60, sides="both", rest_after=15)
    routine = make_routine(
        info(chapters=CHAPTERS), steps, details(caution="Stop if pain shoots down a leg.")
    )
    assert routine.id == "gentle-back-stretches"
    assert routine.title == "Gentle Back Stretches"
    assert routine.summary == "Follow along with “Gentle Back Stretches” by Calm Spine Studio."
    assert routine.focus == (Focus.LOWER_BACK, Focus.HIPS)
    assert routine.cautions == ("Stop if pain shoots down a leg.",)
    assert routine.video == YT
    assert routine.source is not None
    assert (routine.source.title, routine.source.author, routine.source.url) == (
        "Gentle Back Stretches",
        "Calm Spine Studio",
        YT,
    )
    assert [s.name for s in routine.steps] == ["Cat-cow", "Child's pose"]
    first = routine.steps[0]
    assert (first.seconds, first.sides, first.rest_seconds) == (60, "both", 15)
    assert first.instructions == "Follow the video."
    assert first.video is not None and (first.video.start, first.video.end) == (30.0, 150.0)


def test_a_routine_needs_a_step() -> None:
    """With every step unticked, the person is asked to choose one."""
    steps = [ProposedStep("A", 0, 10, 10, include=False)]
    failure = failure_of(lambda: make_routine(info(), steps, details()))
    assert str(failure) == "Choose at least one step to include."


@pytest.mark.parametrize("routine_id", ["../escape", "a/b", "Upper", "with space", "-x"])
def test_a_given_id_must_be_safe(routine_id: str) -> None:
    """An id that is not lower-case words and hyphens is refused (it would be a path)."""
    failure = failure_of(
        lambda: make_routine(info(), chapter_steps(), details(routine_id=routine_id))
    )
    assert str(failure) == (
        "A routine's file name must be lower-case words joined by hyphens, like hip-openers."
    )


def test_an_invalid_routine_says_which_field() -> None:
    """The library's validation runs, and its reasons reach the sentence."""
    bad = RoutineDetails(title="T", focus=(), level=Level.GENTLE, style=Style.STRETCH)
    failure = failure_of(lambda: make_routine(info(), chapter_steps(), bad))
    assert str(failure) == "The routine is not valid: focus: must not be empty."


def test_a_title_of_only_symbols_gets_a_default_id() -> None:
    """A title with no letters still makes a valid routine."""
    assert make_routine(info(), chapter_steps(), details(title="!!!")).id == "my-routine"


def test_details_are_guessed_from_the_title_and_chapters() -> None:
    """Words in the title and chapters suggest focus, style and level."""
    video = info(
        title="Advanced Pilates for Neck and Hips",
        chapters=(Chapter(0, 60, "Core plank"),),
    )
    guess = guess_details(video)
    assert guess.title == "Advanced Pilates for Neck and Hips"
    assert guess.focus == (Focus.UPPER_BACK_NECK, Focus.HIPS, Focus.CORE)
    assert (guess.style, guess.level) == (Style.PILATES, Level.CHALLENGING)


def test_guesses_default_to_a_gentle_lower_back_stretch() -> None:
    """With no telling words: lower back, gentle, stretch."""
    guess = guess_details(info(title="Morning routine"))
    assert (guess.focus, guess.level, guess.style) == (
        (Focus.LOWER_BACK,),
        Level.GENTLE,
        Style.STRETCH,
    )


# -- the file ---------------------------------------------------------------


def test_the_yaml_points_at_the_schema_and_writes_spans_as_clock_times() -> None:
    """The file starts with the schema comment; whole-second spans read as m:ss."""
    routine = make_routine(info(chapters=CHAPTERS), chapter_steps(), details())
    text = routine_yaml(routine)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema.json"
    data = yaml.safe_load(text)
    assert list(data)[:6] == ["id", "title", "summary", "focus", "level", "style"]
    assert data["steps"][0]["video"] == {"start": "0:30", "end": "2:30"}
    assert data["steps"][1]["video"] == {"start": "2:30", "end": 330.5}
    assert data["source"] == {
        "title": "Gentle Back Stretches",
        "author": "Calm Spine Studio",
        "url": YT,
    }


@pytest.mark.parametrize(
    "name",
    [
        pytest.param('<img src=x onerror="alert(1)">', id="html"),
        pytest.param("</script><script>alert(1)</script>", id="script"),
        pytest.param("!!python/object/apply:os.system ['echo hi']", id="yaml-tag"),
        pytest.param("steps: []\nid: hacked", id="yaml-keys"),
        pytest.param("{{ 7*7 }} & &amp; 'quotes' \"double\"", id="template-and-entities"),
    ],
)
def test_hostile_chapter_titles_stay_plain_text_in_the_yaml(name: str) -> None:
    """A chapter title that looks like markup or YAML is written and read back as the same text."""
    steps = [ProposedStep(name, 0, 60, 60)]
    routine = make_routine(info(title=name), steps, details(title=name))
    data = yaml.safe_load(routine_yaml(routine))
    expected = clean_line(name)
    assert data["steps"][0]["name"] == expected
    assert data["title"] == expected
    assert data["source"]["title"] == expected
    assert set(data) >= {"id", "steps"} and data["id"] == routine.id


def test_the_schema_path_is_relative_to_the_folder(tmp_path: Path) -> None:
    """routines/my/ points at ../schema.json; any other folder at a path that reaches the schema."""
    assert schema_ref(DEFAULT_USER_ROUTINES) == "../schema.json"
    elsewhere = tmp_path / "a" / "b"
    assert (elsewhere / schema_ref(elsewhere)).resolve() == SCHEMA_FILE


def test_a_saved_routine_loads_like_a_bundled_one(tmp_path: Path) -> None:
    """save_routine creates the folder, writes <id>.yaml, and the library loads it cleanly."""
    routine = make_routine(info(chapters=CHAPTERS), chapter_steps(), details())
    folder = tmp_path / "routines" / "my"
    path = save_routine(routine, folder)
    assert path == folder / "gentle-back-stretches.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    loaded = library.load(folder)
    assert loaded.problems == ()
    assert [e.routine for e in loaded.entries] == [routine]


def test_an_existing_routine_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    """A second save refuses and leaves the file as it was; overwrite=True replaces it."""
    video = info(chapters=CHAPTERS)
    first = make_routine(video, chapter_steps(), details())
    path = save_routine(first, tmp_path)
    before = path.read_text(encoding="utf-8")
    second = make_routine(video, chapter_steps()[1:2], details())
    failure = failure_of(lambda: save_routine(second, tmp_path))
    assert str(failure) == (
        "A routine with that name is already saved: choose another title, or replace it."
    )
    assert path.read_text(encoding="utf-8") == before
    save_routine(second, tmp_path, overwrite=True)
    assert library.load_file(path, path.name) == second
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_an_id_the_library_already_has_is_refused(tmp_path: Path) -> None:
    """An id in ``taken`` (a bundled routine's) is refused like an existing file."""
    routine = make_routine(info(), chapter_steps(), details(title="Cat-cow flow"))
    failure = failure_of(lambda: save_routine(routine, tmp_path, taken={"cat-cow-flow"}))
    assert failure.kind is Failure.EXISTS
    assert not (tmp_path / "cat-cow-flow.yaml").exists()


def test_an_unwritable_folder_is_one_sentence(tmp_path: Path) -> None:
    """A folder that cannot be made (a file is in the way) gives the cannot-write sentence."""
    (tmp_path / "blocked").write_text("a file, not a folder")
    routine = make_routine(info(), chapter_steps(), details())
    failure = failure_of(lambda: save_routine(routine, tmp_path / "blocked" / "my"))
    assert str(failure) == "The routine could not be saved: the folder cannot be written to."


# -- offline copies ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=L1mberBack0",
        "https://youtu.be/L1mberBack0",
        "https://www.youtube.com/shorts/L1mberBack0",
        "L1mberBack0",
    ],
)
def test_a_youtube_video_has_one_cache_key_in_every_form(url: str) -> None:
    """Every form of a YouTube link, and the bare id, name the same copy."""
    assert cache_key(url) == "L1mberBack0"


def test_other_links_are_cached_under_a_hash() -> None:
    """A non-YouTube link gets a stable hashed name, safe as a file name."""
    key = cache_key("https://vimeo.com/123456789")
    assert key == cache_key("https://vimeo.com/123456789")
    assert key is not None and key.startswith("v-") and len(key) == 22


@pytest.mark.parametrize("value", ["../secret", "a/b", "", "x" * 65, "C:\\video"])
def test_unsafe_ids_have_no_cache_key(value: str) -> None:
    """Anything that could be a path is not a cache key."""
    assert cache_key(value) is None
    assert cached_video(value, Path("/")) is None
    assert delete_cached(value, Path("/")) is False


def test_a_cached_copy_is_found_and_deleted(tmp_path: Path) -> None:
    """cached_video finds the kept copy; delete_cached removes it with any partial file."""
    assert cached_video(YT, tmp_path) is None
    (tmp_path / "L1mberBack0.mp4").write_bytes(b"mp4")
    (tmp_path / "L1mberBack0.mp4.part").write_bytes(b"mp")
    (tmp_path / "Other000000.mp4").write_bytes(b"mp4")
    assert cached_video(YT, tmp_path) == tmp_path / "L1mberBack0.mp4"
    assert delete_cached(YT, tmp_path) is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Other000000.mp4"]
    assert delete_cached(YT, tmp_path) is False


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [(0, 200, 0.0), (50, 200, 25.0), (200, 200, 100.0), (250, 200, 100.0), (10, None, None)],
)
def test_progress_has_a_percent_when_the_size_is_known(
    done: int, total: int | None, percent: float | None
) -> None:
    """Percent is downloaded over total, capped at 100; unknown without a size."""
    assert Progress("downloading", done, total, None, None).percent == percent


def test_the_download_format_needs_no_merge() -> None:
    """One MP4 with audio and video over plain http(s), capped in height."""
    assert download_format(480) == (
        "best[ext=mp4][acodec!=?none][vcodec!=?none][height<=?480][protocol~='^https?$']"
    )


# -- conventions ------------------------------------------------------------


def test_every_failure_has_one_plain_sentence() -> None:
    """Each kind of failure has a message that is one sentence ending in a full stop."""
    assert set(MESSAGES) == set(Failure)
    for message in MESSAGES.values():
        assert message.endswith(".") and message.count(". ") == 0
        assert str(ImportFailure(Failure.NO_VIDEO)) == MESSAGES[Failure.NO_VIDEO]


def test_importing_the_importer_does_not_import_yt_dlp() -> None:
    """yt-dlp loads only when a video is read, so the app starts fast."""
    code = "import sys, limber.importer; print('yt_dlp' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- for the Import page ----------------------------------------------------


def test_step_sources_put_the_video_s_own_first() -> None:
    """Chapters, else two description timestamps, come first; equal parts and pasting always follow."""
    chapters = (Chapter(0, 60, "Cat-cow"), Chapter(60, 600, "Child's pose"))
    described = "0:00 Warm up\n2:00 Bridges\n"
    assert step_sources(info(chapters=chapters, description=described)) == (
        StepSource.CHAPTERS,
        StepSource.EQUAL,
        StepSource.PASTED,
    )
    assert step_sources(info(description=described))[0] is StepSource.DESCRIPTION
    assert step_sources(info(description="1:00 only one")) == (StepSource.EQUAL, StepSource.PASTED)


def test_a_proposal_follows_the_chosen_source() -> None:
    """Each choice makes its own steps; pasting nothing or splitting without a length says why."""
    video = info(chapters=(Chapter(0, 300, "Cat-cow"), Chapter(300, 600, "Bridges")))
    assert proposal_for(video, StepSource.CHAPTERS).source is StepSource.CHAPTERS
    pasted = proposal_for(video, StepSource.PASTED, timestamps="0:00 A\n5:00 B\n9:00 C")
    assert [s.name for s in pasted.steps] == ["A", "B", "C"]
    equal = proposal_for(video, StepSource.EQUAL, equal_parts=4)
    assert (equal.source, len(equal.steps)) == (StepSource.EQUAL, 4)
    assert len(proposal_for(video, StepSource.EQUAL).steps) == 5  # one per two minutes
    assert failure_of(lambda: proposal_for(video, StepSource.PASTED, timestamps=" ")).kind is (
        Failure.NO_TIMESTAMPS
    )
    unknown = info(duration=None)
    assert failure_of(lambda: proposal_for(unknown, StepSource.EQUAL)).kind is Failure.NEEDS_LENGTH
    given = proposal_for(unknown, StepSource.EQUAL, equal_parts=2, duration=90)
    assert [(s.start, s.end) for s in given.steps] == [(0.0, 45.0), (45.0, 90.0)]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        pytest.param("", None, id="blank"),
        pytest.param("  ", None, id="spaces"),
        pytest.param("12:30", 750.0, id="m:ss"),
        pytest.param("1:02:03", 3723.0, id="h:mm:ss"),
        pytest.param("95", 95.0, id="seconds"),
        pytest.param(" 0:08 ", 8.0, id="padded"),
    ],
)
def test_a_typed_length_is_read(text: str, seconds: float | None) -> None:
    """A length is typed as m:ss, h:mm:ss or seconds; nothing typed is no length."""
    assert parse_length(text) == seconds


@pytest.mark.parametrize("text", ["abc", "0", "0:00", "-5", "12:75", "inf", "nan", "25:00:00"])
def test_a_wrong_length_says_how_to_write_it(text: str) -> None:
    """Anything but a positive length up to a day gets one sentence saying how to write it."""
    failure = failure_of(lambda: parse_length(text))
    assert (failure.kind, str(failure)) == (
        Failure.BAD_LENGTH,
        "Write the video's length in minutes and seconds, like 12:30.",
    )


STEPS = (
    ProposedStep(name="Intro", start=0, end=30, seconds=30, include=False),
    ProposedStep(name="Cat-cow", start=30, end=95.5, seconds=66),
)


def test_steps_become_table_rows() -> None:
    """Each step is a row with times as m:ss and sides as none/both."""
    assert step_rows(STEPS) == [
        {"include": False, "name": "Intro", "start": "0:00", "end": "0:30", "seconds": 30,
         "sides": "none", "rest_after": 0},
        {"include": True, "name": "Cat-cow", "start": "0:30", "end": "1:36", "seconds": 66,
         "sides": "none", "rest_after": 0},
    ]  # fmt: skip


def test_unedited_rows_give_the_proposed_steps() -> None:
    """Reading the table back without edits changes nothing."""
    assert edited_steps(STEPS, step_rows(STEPS)) == STEPS


def test_edits_in_the_table_change_the_steps() -> None:
    """Name, seconds, sides, rest and inclusion come from the table; the video span does not."""
    import numpy as np

    rows = step_rows(STEPS)
    rows[0]["include"] = np.bool_(True)
    rows[1] |= {
        "name": "  Cat–cow, slowly ",
        "seconds": np.float64(120.0),
        "sides": "both",
        "rest_after": np.int64(15),
        "start": "9:99",
    }
    intro, cat = edited_steps(STEPS, rows)
    assert intro == ProposedStep(name="Intro", start=0, end=30, seconds=30, include=True)
    assert cat == ProposedStep(
        name="Cat–cow, slowly", start=30, end=95.5, seconds=120, sides="both", rest_after=15
    )


def test_a_step_left_out_keeps_its_proposed_values() -> None:
    """Unticking a step ignores whatever else is in its row, even blanks."""
    rows = step_rows(STEPS)
    rows[1] |= {"include": None, "name": "", "seconds": float("nan")}
    assert edited_steps(STEPS, rows) == (
        STEPS[0],
        ProposedStep(**{**STEPS[1].__dict__, "include": False}),
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        pytest.param({"name": "  "}, "Step 2 needs a name.", id="blank-name"),
        pytest.param({"name": None}, "Step 2 needs a name.", id="no-name"),
        pytest.param(
            {"seconds": 0}, "Step 2 needs a whole number of seconds from 1 to 3600.", id="zero"
        ),
        pytest.param(
            {"seconds": float("nan")},
            "Step 2 needs a whole number of seconds from 1 to 3600.",
            id="blank-seconds",
        ),
        pytest.param(
            {"seconds": 3601}, "Step 2 needs a whole number of seconds from 1 to 3600.", id="long"
        ),
        pytest.param(
            {"seconds": "60"}, "Step 2 needs a whole number of seconds from 1 to 3600.", id="text"
        ),
        pytest.param({"rest_after": -1}, "Step 2 needs a rest from 0 to 600 seconds.", id="rest"),
    ],
)
def test_a_wrong_cell_names_its_step(edit: dict, message: str) -> None:
    """An included step with no name, or seconds or rest out of range, is refused by number."""
    rows = step_rows(STEPS)
    rows[1] |= edit
    failure = failure_of(lambda: edited_steps(STEPS, rows))
    assert (failure.kind, str(failure)) == (Failure.BAD_STEP, message)


def test_blank_rest_is_no_rest() -> None:
    """An emptied rest cell means no rest after the step."""
    rows = step_rows(STEPS)
    rows[1]["rest_after"] = None
    assert edited_steps(STEPS, rows)[1].rest_after == 0


def test_rows_must_match_the_steps() -> None:
    """A table with a different number of rows is a programming error, not a person's."""
    with pytest.raises(ValueError, match="1 rows for 2 steps"):
        edited_steps(STEPS, step_rows(STEPS[:1]))


def test_ids_taken_elsewhere_are_those_not_in_the_folder(tmp_path: Path) -> None:
    """A routine saved as <id>.yaml in the user folder may be replaced; any other may not."""
    (tmp_path / "routines" / "my" / "sub").mkdir(parents=True)
    (tmp_path / "routines" / "bundled.yaml").write_text(routine_file("bundled"))
    (tmp_path / "routines" / "my" / "mine.yaml").write_text(routine_file("mine"))
    (tmp_path / "routines" / "my" / "sub" / "nested.yaml").write_text(routine_file("nested"))
    lib = library.load(tmp_path / "routines")
    assert len(lib.entries) == 3
    assert ids_taken_elsewhere(lib.entries, tmp_path / "routines" / "my") == {"bundled", "nested"}


def routine_file(routine_id: str) -> str:
    routine = make_routine(
        info(chapters=(Chapter(0, 60, "Cat-cow"),)),
        propose_steps(info(chapters=(Chapter(0, 60, "Cat-cow"),))).steps,
        RoutineDetails(title=routine_id),
    )
    return routine_yaml(routine)


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 kB"), (12_345, "12.3 kB"),
     (4_500_000, "4.5 MB"), (2_000_000_000, "2.0 GB")],
)  # fmt: skip
def test_sizes_read_as_people_say_them(size: int, text: str) -> None:
    """Bytes are shown in the largest decimal unit, with one decimal."""
    assert describe_size(size) == text


@pytest.mark.parametrize(
    ("progress", "text"),
    [
        pytest.param(
            Progress("downloading", 2_250_000, 5_000_000, 1_200_000, 3),
            "Downloading: 45% of 5.0 MB at 1.2 MB/s.",
            id="known-size",
        ),
        pytest.param(
            Progress("downloading", 0, 5_000_000, None, None),
            "Downloading: 0% of 5.0 MB.",
            id="starting",
        ),
        pytest.param(
            Progress("downloading", 300_000, None, 50_000, None),
            "Downloading: 300.0 kB so far at 50.0 kB/s.",
            id="unknown-size",
        ),
        pytest.param(
            Progress("finished", 5_000_000, 5_000_000, None, None),
            "Done: 5.0 MB kept for offline use.",
            id="done",
        ),
    ],
)
def test_progress_reads_as_one_sentence(progress: Progress, text: str) -> None:
    """How far, of how much and how fast, as one sentence; done says so."""
    assert describe_progress(progress) == text


def test_the_routine_id_is_the_one_the_routine_gets() -> None:
    """The id the Import page shows is the made routine's: from the title, else the video's."""
    video = info(title="Hüft-Öffner: 10 Minuten")
    for details in (
        RoutineDetails(title="  "),
        RoutineDetails(title="Evening unwind"),
        RoutineDetails(title="x", routine_id="my-own"),
    ):
        routine = make_routine(video, [ProposedStep("A", 0.0, 60.0, 60)], details)
        assert routine_id_for(video, details) == routine.id
    assert routine_id_for(video, RoutineDetails(title="")) == "huft-offner-10-minuten"


@pytest.mark.parametrize("module", ["limber.settings", "limber.library", "limber.importer"])
def test_the_importer_and_its_neighbours_import_first(module: str) -> None:
    """Each module imports in a fresh interpreter as the first one loaded (no import cycle)."""
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT, check=True)
