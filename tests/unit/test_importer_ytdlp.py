"""The importer with real yt-dlp code: saved info dicts, and a local server on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from limber import importer, library
from limber.importer import (
    MESSAGES,
    Chapter,
    Failure,
    ImportFailure,
    Progress,
    Settings,
    StepSource,
    cached_video,
    delete_cached,
    download_video,
    make_routine,
    propose_steps,
    read_video,
    routine_yaml,
    save_routine,
    url_guard,
    video_info,
    ytdlp,
)
from tests.support.http_server import LocalServer
from tests.support.videos import processed

SavedInfo = Callable[[str], dict[str, Any]]


def failure_of(call: Callable[[], object]) -> ImportFailure:
    with pytest.raises(ImportFailure) as caught:
        call()
    return caught.value


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- saved info dicts, through yt-dlp's own processing ----------------------


def test_a_youtube_video_with_chapters_is_read(saved_info: SavedInfo) -> None:
    """Title, channel, length, thumbnail, page and chapters come from the info dict."""
    data = saved_info("youtube-chapters")
    video = video_info(data, url="https://youtu.be/L1mberBack0")
    assert video.title == "Gentle Lower Back Stretches for Beginners | 12 Minutes"
    assert video.channel == "Calm Spine Studio"
    assert video.duration == 720.0
    assert video.thumbnail == "https://i.ytimg.com/vi_webp/L1mberBack0/maxresdefault.webp"
    assert video.webpage_url == "https://www.youtube.com/watch?v=L1mberBack0"
    assert video.url == "https://youtu.be/L1mberBack0"
    assert video.video_id == "L1mberBack0"
    assert video.chapters[:2] == (Chapter(0.0, 45.0, "Intro"), Chapter(45.0, 165.0, "Cat-cow"))


def test_chapters_become_the_proposed_steps(saved_info: SavedInfo) -> None:
    """Each chapter is a step; Intro and Outro are proposed but unticked."""
    video = video_info(saved_info("youtube-chapters"), url="https://youtu.be/L1mberBack0")
    proposal = propose_steps(video)
    assert proposal.source is StepSource.CHAPTERS
    assert [(s.name, s.start, s.end, s.seconds, s.include) for s in proposal.steps] == [
        ("Intro", 0.0, 45.0, 45, False),
        ("Cat-cow", 45.0, 165.0, 120, True),
        ("Child's pose", 165.0, 285.0, 120, True),
        ("Knee to chest", 285.0, 420.0, 135, True),
        ("Pelvic tilts", 420.0, 540.0, 120, True),
        ("Supine twist", 540.0, 660.0, 120, True),
        ("Outro", 660.0, 720.0, 60, False),
    ]


def test_the_description_is_the_fallback(saved_info: SavedInfo) -> None:
    """Without chapters (and without formats) the description's timestamp lines give the steps."""
    data = saved_info("youtube-description")
    assert not data.get("formats")
    video = video_info(data, url=data["webpage_url"])
    assert video.chapters == ()
    proposal = propose_steps(video)
    assert proposal.source is StepSource.DESCRIPTION
    assert [(s.name, s.start, s.end, s.include) for s in proposal.steps] == [
        ("Welcome", 0.0, 40.0, False),
        ("Neck rolls", 40.0, 130.0, True),
        ("Shoulder shrugs", 130.0, 210.0, True),
        ("Ear to shoulder", 210.0, 315.0, True),
        ("Thread the needle", 315.0, 465.0, True),
        ("Chin tucks", 465.0, 540.0, True),
        ("Breathing", 540.0, 600.0, True),
    ]


def test_a_plain_video_is_split_equally(saved_info: SavedInfo) -> None:
    """No chapters, no timestamps: 15 minutes become 8 equal parts."""
    video = video_info(saved_info("youtube-plain"), url="https://youtu.be/Pl41nFl0w_9")
    proposal = propose_steps(video)
    assert proposal.source is StepSource.EQUAL
    assert [s.name for s in proposal.steps] == [f"Part {n}" for n in range(1, 9)]
    assert [s.start for s in proposal.steps] == [112.5 * n for n in range(8)]
    assert proposal.steps[-1].end == 900.0


def test_yt_dlp_fills_a_missing_first_chapter_and_ends(saved_info: SavedInfo) -> None:
    """Chapters starting late and without ends are completed by yt-dlp, then named by us."""
    raw = saved_info("youtube-chapters")
    raw["chapters"] = [{"start_time": 30.0, "title": "Warm-up"}, {"start_time": 400.0, "title": ""}]
    data = processed(raw)
    video = video_info(data, url=data["webpage_url"])
    assert video.chapters == (
        Chapter(0.0, 30.0, "Part 1"),
        Chapter(30.0, 400.0, "Warm-up"),
        Chapter(400.0, 720.0, "Part 3"),
    )


def test_a_saved_video_routine_loads_in_the_library(saved_info: SavedInfo, tmp_path: Path) -> None:
    """From info dict to file: the routine saved loads like a bundled one, with its source."""
    video = video_info(saved_info("youtube-chapters"), url="https://youtu.be/L1mberBack0")
    routine = make_routine(video, propose_steps(video).steps, importer.guess_details(video))
    path = save_routine(routine, tmp_path / "routines" / "my")
    loaded = library.load(tmp_path / "routines")
    assert loaded.problems == ()
    entry = loaded.get("gentle-lower-back-stretches-for-beginners-12-minutes")
    assert entry is not None and entry.routine == routine
    assert entry.routine.steps[0].name == "Cat-cow"
    assert entry.routine.source is not None
    assert entry.routine.source.author == "Calm Spine Studio"
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={importer.schema_ref(path.parent)}"


def test_a_hostile_chapter_title_stays_text_after_yt_dlp(saved_info: SavedInfo) -> None:
    """An XSS-ish chapter title survives yt-dlp's processing and the YAML file as plain text."""
    import yaml

    title = '<img src=x onerror="alert(document.cookie)">'
    raw = saved_info("youtube-chapters")
    raw["chapters"][1]["title"] = title
    data = processed(raw)
    video = video_info(data, url=data["webpage_url"])
    routine = make_routine(video, propose_steps(video).steps, importer.guess_details(video))
    text = routine_yaml(routine)
    assert yaml.safe_load(text)["steps"][0]["name"] == title


# -- a local server: the generic extractor reads and downloads --------------


def test_a_direct_mp4_link_is_read(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """yt-dlp reads a direct MP4 link: a title from the file name, no length, no chapters."""
    url = server.file("/morning-stretch.mp4", sample_mp4)
    video = read_video(url, settings=settings)
    assert (video.title, video.url, video.webpage_url) == ("morning-stretch", url, url)
    assert (video.duration, video.chapters, video.channel) == (None, (), None)


def test_a_direct_mp4_link_asks_for_its_length(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """Without a length the steps cannot be made; with one, the video is split."""
    video = read_video(server.file("/v.mp4", sample_mp4), settings=settings)
    assert failure_of(lambda: propose_steps(video)).kind is Failure.NEEDS_LENGTH
    proposal = propose_steps(video, duration=3)
    assert [(s.start, s.end) for s in proposal.steps] == [(0.0, 3.0)]


def test_a_redirect_within_allowed_hosts_is_followed(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """A redirect to an allowed address is followed; the page URL is where it landed."""
    target = server.file("/v.mp4", sample_mp4)
    video = read_video(server.redirect("/short", "/v.mp4"), settings=settings)
    assert video.webpage_url == target


def test_an_offline_copy_is_downloaded_with_progress(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """The MP4 lands in the cache folder whole, and progress is reported up to 100 %."""
    url = server.file("/v.mp4", sample_mp4)
    reports: list[Progress] = []
    path = download_video(url, settings=settings, on_progress=reports.append)
    size = sample_mp4.stat().st_size
    assert path.parent == settings.video_cache
    assert path.read_bytes() == sample_mp4.read_bytes()
    assert cached_video(url, settings.video_cache) == path
    assert reports[0].status == "downloading"
    assert reports[-1].status == "finished"
    assert (reports[-1].downloaded_bytes, reports[-1].total_bytes) == (size, size)
    assert reports[-1].percent == 100.0
    done = [r.downloaded_bytes for r in reports]
    assert done == sorted(done)
    assert all(r.total_bytes == size for r in reports)
    assert sorted(p.name for p in settings.video_cache.iterdir()) == [path.name]


def test_a_kept_copy_is_not_downloaded_again(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """Once kept, the copy is returned without a request; deleting it frees the space."""
    url = server.file("/v.mp4", sample_mp4)
    path = download_video(url, settings=settings)
    asked = len(server.requests)
    assert download_video(url, settings=settings) == path
    assert len(server.requests) == asked
    assert delete_cached(url, settings.video_cache) is True
    assert cached_video(url, settings.video_cache) is None


def test_a_playlist_page_is_refused(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """A page with several videos is a playlist: the person is asked for one video."""
    server.file("/a.mp4", sample_mp4)
    server.file("/b.mp4", sample_mp4)
    page = server.page(
        "/two", '<html><body><video src="/a.mp4"></video><video src="/b.mp4"></video></body></html>'
    )
    failure = failure_of(lambda: read_video(page, settings=settings))
    assert str(failure) == "That link is a playlist or a channel: use the link of a single video."


# -- errors, produced for real -----------------------------------------------

READ_ERRORS = [
    pytest.param(
        lambda s: f"http://127.0.0.1:{free_port()}/v.mp4", Failure.NO_NETWORK, id="refused"
    ),
    pytest.param(lambda s: s.status("/gone", 404), Failure.UNAVAILABLE, id="404"),
    pytest.param(lambda s: s.status("/removed", 410), Failure.UNAVAILABLE, id="410"),
    pytest.param(lambda s: s.status("/broken", 500), Failure.SITE_ERROR, id="500"),
    pytest.param(lambda s: s.hang("/slow"), Failure.TIMED_OUT, id="hang"),
    pytest.param(lambda s: s.page("/p", "<p>No video here.</p>"), Failure.NO_VIDEO, id="no-video"),
    pytest.param(
        lambda s: s.redirect("/r", "http://10.0.0.1/v.mp4"), Failure.PRIVATE_ADDRESS, id="to-10"
    ),
    pytest.param(
        lambda s: s.redirect("/r", f"http://127.0.0.2:{s.port}/v.mp4"),
        Failure.PRIVATE_ADDRESS,
        id="to-127.0.0.2",
    ),
    pytest.param(
        lambda s: s.redirect("/r", "http://[::1]/v.mp4", 301), Failure.PRIVATE_ADDRESS, id="to-::1"
    ),
    pytest.param(
        lambda s: s.redirect("/r", "http://169.254.169.254/latest/meta-data/", 307),
        Failure.PRIVATE_ADDRESS,
        id="to-metadata",
    ),
    pytest.param(
        lambda s: s.redirect("/r", "ftp://127.0.0.1/v.mp4"), Failure.UNSUPPORTED_SITE, id="to-ftp"
    ),
]


@pytest.mark.parametrize(("make_url", "kind"), READ_ERRORS)
def test_read_errors_become_one_sentence(
    server: LocalServer,
    settings: Settings,
    make_url: Callable[[LocalServer], str],
    kind: Failure,
) -> None:
    """Refused, missing, broken, hanging, video-less and redirected-away links each get their sentence."""
    url = make_url(server)
    failure = failure_of(lambda: read_video(url, settings=settings))
    assert (failure.kind, str(failure)) == (kind, MESSAGES[kind])


def test_the_read_sentences_are_these() -> None:
    """The sentences for network failures are exactly these."""
    assert MESSAGES[Failure.NO_NETWORK] == (
        "The video site could not be reached: check the network connection."
    )
    assert MESSAGES[Failure.UNAVAILABLE] == "The video is private or has been removed."
    assert MESSAGES[Failure.TIMED_OUT] == "The video site did not answer in time: try again later."
    assert MESSAGES[Failure.INTERRUPTED] == (
        "The download was interrupted and the partial file was removed."
    )


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        pytest.param(
            "Sign in to confirm your age. This video may be inappropriate for some users.",
            Failure.AGE_RESTRICTED,
            id="age",
        ),
        pytest.param(
            "Private video. Sign in if you've been granted access to this video",
            Failure.UNAVAILABLE,
            id="private",
        ),
        pytest.param(
            "Video unavailable. This video has been removed by the uploader",
            Failure.UNAVAILABLE,
            id="removed",
        ),
        pytest.param(
            "Join this channel to get access to members-only content like this video.",
            Failure.UNAVAILABLE,
            id="members-only",
        ),
        pytest.param("Something new went wrong", Failure.UNREADABLE, id="unknown"),
    ],
)
def test_site_refusals_are_named(message: str, kind: Failure) -> None:
    """YouTube's refusals, raised as yt-dlp raises them, map to their sentences."""
    # These need the real site, so the errors are built here and mapped by the private _failure.
    from yt_dlp.utils import DownloadError, ExtractorError

    cause = ExtractorError(message, expected=True, video_id="L1mberBack0", ie="youtube")
    error = DownloadError(f"ERROR: [youtube] L1mberBack0: {message}", (ExtractorError, cause, None))
    guard = url_guard._AddressGuard(())
    failure = ytdlp._failure(error, guard, [f"ERROR: {message}"], started=False)
    assert (failure.kind, str(failure)) == (kind, MESSAGES[kind])


def _classed_errors() -> list[Any]:
    from yt_dlp.networking.exceptions import IncompleteRead, TransportError
    from yt_dlp.utils import (
        ContentTooShortError,
        GeoRestrictedError,
        UnavailableVideoError,
        UnsupportedError,
    )

    return [
        pytest.param(UnsupportedError("https://vimeo.com/"), Failure.NO_VIDEO, id="unsupported"),
        pytest.param(GeoRestrictedError("nope"), Failure.GEO_RESTRICTED, id="geo"),
        pytest.param(UnavailableVideoError(), Failure.UNAVAILABLE, id="unavailable"),
        pytest.param(ContentTooShortError(10, 100), Failure.INTERRUPTED, id="too-short"),
        pytest.param(IncompleteRead(10, 100), Failure.INTERRUPTED, id="incomplete"),
        pytest.param(TransportError("reset"), Failure.NO_NETWORK, id="transport"),
        pytest.param(ValueError("a bug"), Failure.UNREADABLE, id="other"),
    ]


@pytest.mark.parametrize(("cause", "kind"), _classed_errors())
def test_failures_are_classified_by_yt_dlp_s_classes(cause: Exception, kind: Failure) -> None:
    """The class yt-dlp raised, inside DownloadError's exc_info, names the failure; not its text."""
    from yt_dlp.utils import DownloadError

    error = DownloadError("ERROR: something", (type(cause), cause, None))
    failure = ytdlp._failure(error, url_guard._AddressGuard(()), [], started=False)
    assert (failure.kind, str(failure)) == (kind, MESSAGES[kind])


def test_a_youtube_link_without_network_says_so(settings: Settings) -> None:
    """With no name lookup possible (as offline), YouTube's extractor fails as no network."""
    failure = failure_of(
        lambda: read_video("https://www.youtube.com/watch?v=L1mberBack0", settings=settings)
    )
    assert str(failure) == "The video site could not be reached: check the network connection."


def test_an_allowed_name_allows_only_itself(
    server: LocalServer, sample_mp4: Path, tmp_path: Path
) -> None:
    """Listing localhost lets it be read; a redirect from it to 127.0.0.1 (not listed) is refused."""
    settings = Settings(extra_hosts=("LocalHost.",), video_cache=tmp_path, socket_timeout=0.5)
    url = server.file("/v.mp4", sample_mp4).replace("127.0.0.1", "localhost")
    assert read_video(url, settings=settings).title == "v"
    server.redirect("/r", server.url("/v.mp4"))
    failure = failure_of(lambda: read_video(url.replace("/v.mp4", "/r"), settings=settings))
    assert failure.kind is Failure.PRIVATE_ADDRESS


def test_a_truncated_download_is_removed(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """A download cut short is reported as interrupted and leaves no partial file."""
    data = sample_mp4.read_bytes()
    url = server.truncated("/cut.mp4", data, send=len(data) // 3)
    reports: list[Progress] = []
    failure = failure_of(lambda: download_video(url, settings=settings, on_progress=reports.append))
    assert str(failure) == "The download was interrupted and the partial file was removed."
    assert reports and reports[-1].downloaded_bytes < len(data)
    assert list(settings.video_cache.iterdir()) == []


def test_a_download_stopped_by_the_progress_callback_is_removed(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """An exception from on_progress stops the download; nothing is left in the cache."""
    url = server.file("/v.mp4", sample_mp4)

    def stop(progress: Progress) -> None:
        raise RuntimeError("cancelled by the person")

    failure = failure_of(lambda: download_video(url, settings=settings, on_progress=stop))
    assert failure.kind is Failure.INTERRUPTED
    assert list(settings.video_cache.iterdir()) == []


class _Rerun(BaseException):
    """Like Streamlit's rerun and stop: a BaseException that is not an error."""


def test_a_download_left_by_a_rerun_is_removed(
    server: LocalServer, sample_mp4: Path, settings: Settings
) -> None:
    """A BaseException (Streamlit's rerun or stop) passes through, and no partial file stays."""
    url = server.file("/v.mp4", sample_mp4)

    def rerun(progress: Progress) -> None:
        raise _Rerun

    with pytest.raises(_Rerun):
        download_video(url, settings=settings, on_progress=rerun)
    assert list(settings.video_cache.iterdir()) == []


DOWNLOAD_ERRORS = [
    pytest.param(lambda s, data: s.status("/gone.mp4", 404), Failure.UNAVAILABLE, id="404"),
    pytest.param(lambda s, data: s.hang("/slow.mp4"), Failure.TIMED_OUT, id="hang"),
    pytest.param(
        lambda s, data: s.redirect("/r.mp4", "http://10.0.0.1/v.mp4"),
        Failure.PRIVATE_ADDRESS,
        id="redirect-private",
    ),
    pytest.param(
        lambda s, data: s.file("/song.mp3", data, content_type="audio/mpeg"),
        Failure.NO_DOWNLOAD,
        id="audio-only",
    ),
]


@pytest.mark.parametrize(("make_url", "kind"), DOWNLOAD_ERRORS)
def test_download_errors_become_one_sentence(
    server: LocalServer,
    sample_mp4: Path,
    settings: Settings,
    make_url: Callable[[LocalServer, bytes], str],
    kind: Failure,
) -> None:
    """Failed downloads get their sentence and leave the cache folder empty."""
    url = make_url(server, sample_mp4.read_bytes())
    failure = failure_of(lambda: download_video(url, settings=settings))
    assert (failure.kind, str(failure)) == (kind, MESSAGES[kind])
    assert not settings.video_cache.exists() or list(settings.video_cache.iterdir()) == []


def test_yt_dlp_writes_nothing_outside_the_cache(
    server: LocalServer,
    sample_mp4: Path,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading and downloading leave the working folder and home untouched."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    url = server.file("/v.mp4", sample_mp4)
    read_video(url, settings=settings)
    download_video(url, settings=settings)
    assert list(work.iterdir()) == []
    assert list(home.iterdir()) == []
    assert len(list(settings.video_cache.iterdir())) == 1


def test_only_the_guarded_handler_sends_requests(settings: Settings) -> None:
    """yt-dlp's request director holds our address-checking handler and nothing else."""
    guard = url_guard._AddressGuard(settings.extra_hosts)
    with ytdlp._guarded_youtube_dl()({"quiet": True}, guard) as ydl:
        assert list(ydl._request_director.handlers) == ["LimberGuarded"]


# -- Deno, for YouTube downloads ----------------------------------------------


def test_the_importer_s_youtube_dl_runs_the_packaged_deno(settings: Settings) -> None:
    """A YoutubeDL built by the importer names the deno package's binary, which starts; and
    yt-dlp finds yt_dlp_ejs, the scripts it runs there."""
    import deno
    from yt_dlp.dependencies import yt_dlp_ejs

    assert settings.deno == deno.find_deno_bin()
    with importer.youtube_dl(settings) as ydl:
        assert ydl.params["js_runtimes"] == {"deno": {"path": deno.find_deno_bin()}}
        assert importer.deno_starts(ydl)
    assert yt_dlp_ejs is not None


def test_the_packaged_deno_is_found_without_path(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no .venv/bin on PATH (as under make run), the importer's Deno still starts."""
    monkeypatch.setenv("PATH", "/nonexistent")
    with importer.youtube_dl(Settings(video_cache=settings.video_cache)) as ydl:
        assert importer.deno_starts(ydl)


def test_a_deno_that_cannot_start_still_reads_chapters(
    server: LocalServer, sample_mp4: Path, settings: Settings, tmp_path: Path
) -> None:
    """A Deno that does not start is reported as such, and a video is still read."""
    broken = replace(settings, deno=str(tmp_path / "no-such-deno"))
    with importer.youtube_dl(broken) as ydl:
        assert not importer.deno_starts(ydl)
    url = server.file("/v.mp4", sample_mp4)
    assert read_video(url, settings=broken).url == url


YT = "https://www.youtube.com/watch?v=L1mberBack0"


@pytest.mark.parametrize(
    ("url", "kind", "deno_works", "said"),
    [
        pytest.param(YT, Failure.NO_DOWNLOAD, False, Failure.NO_JS_RUNTIME, id="youtube-no-deno"),
        pytest.param(YT, Failure.UNREADABLE, False, Failure.NO_JS_RUNTIME, id="unreadable-no-deno"),
        pytest.param(YT, Failure.NO_DOWNLOAD, True, Failure.NO_DOWNLOAD, id="youtube-with-deno"),
        pytest.param(YT, Failure.NO_NETWORK, False, Failure.NO_NETWORK, id="network-first"),
        pytest.param(YT, Failure.UNAVAILABLE, False, Failure.UNAVAILABLE, id="removed-first"),
        pytest.param(
            "https://vimeo.com/76979871",
            Failure.NO_DOWNLOAD,
            False,
            Failure.NO_DOWNLOAD,
            id="vimeo",
        ),
    ],
)
def test_a_youtube_download_without_deno_says_so(
    settings: Settings, tmp_path: Path, url: str, kind: Failure, deno_works: bool, said: Failure
) -> None:
    """A YouTube download that found nothing to keep blames a Deno that cannot start, in one
    sentence; network and removed videos say what they are, and other sites never blame Deno."""
    deno = settings.deno if deno_works else str(tmp_path / "no-such-deno")
    failure = ytdlp._without_deno(ImportFailure(kind), url, replace(settings, deno=deno))
    assert failure.kind is said
    if said is Failure.NO_JS_RUNTIME:
        assert str(failure) == (
            "YouTube videos cannot be kept for offline use here: Deno, which yt-dlp needs for "
            "them, could not start (reading chapters still works)."
        )
