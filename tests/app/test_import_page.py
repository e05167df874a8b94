"""The Import page's logic, run by AppTest: saved info dicts stand in for yt-dlp, no network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from app_pages.parts.cards import OFFLINE, OWN
from app_pages.parts.text import plain
from limber import importer, library
from limber.importer import MESSAGES, Chapter, Failure, ImportFailure, Progress, VideoInfo
from limber.model import Routine
from tests.support.cards import cards
from tests.support.store import BrowserStore
from tests.support.videos import saved_info

IMPORT_PAGE = "app_pages/import_video.py"
LINK = "https://www.youtube.com/watch?v=L1mberBack0"


def saved_video(name: str) -> VideoInfo:
    """tests/fixtures/<name>.json as read_video gives it (yt-dlp's own processing, offline)."""
    return importer.video_info(saved_info(name), url=LINK)


MP4 = VideoInfo(
    title="morning-stretch",
    channel=None,
    duration=None,
    thumbnail=None,
    url="http://127.0.0.1:9/morning-stretch.mp4",
    webpage_url="http://127.0.0.1:9/morning-stretch.mp4",
    chapters=(),
    description="",
)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The user routines folder (set by the app fixture) and a scratch video cache."""
    monkeypatch.setenv("LIMBER_VIDEO_CACHE", str(tmp_path / "videos"))
    return tmp_path / "my", tmp_path / "videos"


@pytest.fixture
def read_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[VideoInfo | Exception], None]:
    """Make importer.read_video answer with this video (or raise this error), without network."""

    def use(answer: VideoInfo | Exception) -> None:
        def read_video(url: str, *, settings: importer.Settings | None = None) -> VideoInfo:
            if isinstance(answer, Exception):
                raise answer
            return answer

        monkeypatch.setattr(importer, "read_video", read_video)

    return use


@pytest.fixture
def store() -> BrowserStore:
    """This browser's store, as the Import page reads and writes it."""
    return BrowserStore()


def open_import(app, store: BrowserStore | None = None) -> AppTest:
    """The Import page, with the browser's store read (an empty one unless given)."""
    at = app().run()
    at.switch_page(IMPORT_PAGE)
    return (store or BrowserStore()).show(at).run()


def save(at: AppTest, store: BrowserStore) -> AppTest:
    """Press Save, and let the browser apply what the page asks."""
    return store.answer(click(at, "Save to my library"))


def click(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    return button.click().run()


def read(at: AppTest, link: str = LINK) -> AppTest:
    at.text_input(key="import.link").input(link)
    return click(at, "Read video")


def field(widgets, label: str):
    """The one widget with this label (the page keys them per video read)."""
    [widget] = [w for w in widgets if w.label == label]
    return widget


def save_button(at: AppTest):
    return next(b for b in at.button if b.label == "Save to my library")


def rows(at: AppTest) -> list[dict]:
    return at.data_editor[0].value.to_dict("records")


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


@pytest.mark.usefixtures("folders")
def test_chapters_become_table_rows(app, read_as) -> None:
    """A video's chapters are the rows of the steps table; intro and outro start unticked."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app))
    assert not at.exception and not at.error
    assert [(r["include"], r["name"], r["start"], r["end"], r["seconds"]) for r in rows(at)] == [
        (False, "Intro", "0:00", "0:45", 45),
        (True, "Cat-cow", "0:45", "2:45", 120),
        (True, "Child's pose", "2:45", "4:45", 120),
        (True, "Knee to chest", "4:45", "7:00", 135),
        (True, "Pelvic tilts", "7:00", "9:00", 120),
        (True, "Supine twist", "9:00", "11:00", 120),
        (False, "Outro", "11:00", "12:00", 60),
    ]
    assert field(at.radio, "Make the steps from").value is importer.StepSource.CHAPTERS
    assert "come from the video\\'s chapters" in at.caption[1].value
    assert at.subheader[0].value == plain("Gentle Lower Back Stretches for Beginners | 12 Minutes")
    assert at.text[0].value == "Channel: Calm Spine Studio\nLength: 12:00"
    assert at.get("image")[0].value == [
        "https://i.ytimg.com/vi_webp/L1mberBack0/maxresdefault.webp"
    ]
    assert field(at.text_input, "Title").value.startswith("Gentle Lower Back Stretches")


def test_saving_keeps_a_valid_routine_in_the_browser_that_the_library_lists(
    app, read_as, folders: tuple[Path, Path], store: BrowserStore
) -> None:
    """Save keeps the routine with the edited steps in the browser (nothing on the server's
    disk); the Library lists it as the person's."""
    user, cache = folders
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app, store))
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {1: {"seconds": 200, "sides": "both"}, 6: {"include": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    field(at.text_input, "Title").input("Gentle back ease").run()
    field(at.text_input, "Caution").input("Stop if pain shoots down a leg").run()
    field(at.text_input, "Equipment").input("cushion, , strap").run()
    assert at.caption[-1].value == plain(
        "Its id is gentle-back-ease: it is kept in this browser, with your history."
    )
    at = save(at, store)
    assert not at.exception and not at.error
    assert not user.exists() and not cache.exists()
    routine = Routine.model_validate(store.routine("gentle-back-ease"))
    assert routine.title == "Gentle back ease"
    assert routine.video == LINK and routine.cautions == ("Stop if pain shoots down a leg",)
    assert routine.equipment == ("cushion", "strap")
    assert [s.name for s in routine.steps] == [
        "Cat-cow", "Child's pose", "Knee to chest", "Pelvic tilts", "Supine twist", "Outro",
    ]  # fmt: skip
    assert (routine.steps[0].seconds, routine.steps[0].sides) == (200, "both")
    assert at.success[0].value == plain(
        "Saved “Gentle back ease” in your library, kept in this browser."
    )
    [link] = at.get("page_link")
    assert (link.proto.label, link.proto.query_string) == (
        "Open the routine",
        "routine=gentle-back-ease",
    )
    assert at.header[-1].value == "Keep a copy for offline use"

    at.switch_page("app_pages/library.py")
    at.session_state["q"] = "gentle back ease"
    at.run()
    [card] = [c for c in cards(at) if c["id"] == "gentle-back-ease"]
    assert card["title"] == "Gentle back ease" and OWN in card["notes"]


@pytest.mark.usefixtures("folders")
def test_the_download_is_the_routine_that_is_kept(app, read_as, store: BrowserStore) -> None:
    """Download YAML offers a routine file that loads as exactly the routine Save keeps."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app, store))
    field(at.text_input, "Title").input("Same file").run()
    [download] = at.get("download_button")
    at = save(at, store)
    kept = Routine.model_validate(store.routine("same-file"))
    text = importer.routine_yaml(kept)
    assert library.parse_routine(yaml.safe_load(text), shown_as="same-file.yaml") == kept
    assert download.proto.label == "Download YAML"


@pytest.mark.usefixtures("folders")
def test_an_existing_routine_is_replaced_only_when_asked(app, read_as, store: BrowserStore) -> None:
    """Saving over a routine already kept asks first; without the tick it stays as it was."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app, store))
    field(at.text_input, "Title").input("Twice").run()
    at = save(at, store)
    first = store.routine("twice")
    assert not at.warning  # the one there is the one just saved: no alarm, but still a tick

    at = read(open_import(app, store))  # another visit, the same video and title
    field(at.text_input, "Title").input("Twice").run()
    field(at.text_input, "Caution").input("Changed").run()
    assert at.warning[0].value == plain("Your library already has a routine called twice.")
    at = click(at, "Save to my library")
    assert errors(at) == [plain(MESSAGES[Failure.EXISTS])]
    at = store.answer(at)
    assert store.routine("twice") == first

    at.checkbox(key=replace_key(at)).check().run()
    at = save(at, store)
    assert not at.error
    assert store.routine("twice")["cautions"] == ["Changed"]
    assert at.success[0].value == plain("Replaced “Twice” in your library, kept in this browser.")
    assert at.checkbox(key=replace_key(at)).value is False  # the next save asks again


def replace_key(at: AppTest) -> str:
    [box] = [c for c in at.checkbox if c.label == "Replace the existing routine"]
    return box.key


@pytest.mark.usefixtures("folders")
def test_a_bundled_routine_s_id_cannot_be_taken(app, read_as) -> None:
    """A title whose id a bundled routine has gets a warning, and Save stays disabled."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app))
    field(at.text_input, "Title").input("Cat-cow flow").run()
    assert "Another routine in the library is already called cat" in at.warning[0].value
    [save] = [b for b in at.button if b.label == "Save to my library"]
    assert save.disabled
    assert not [c for c in at.checkbox if c.label == "Replace the existing routine"]


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        pytest.param(ImportFailure(Failure.UNAVAILABLE), Failure.UNAVAILABLE, id="site"),
        pytest.param(RuntimeError("boom\nTraceback"), Failure.UNREADABLE, id="bug"),
    ],
)
@pytest.mark.usefixtures("folders")
def test_a_read_failure_is_one_sentence(app, read_as, answer: Exception, kind: Failure) -> None:
    """A link that cannot be read shows its one sentence, and no traceback, and no old video."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app))
    assert at.data_editor
    read_as(answer)
    at = read(at)
    assert not at.exception
    assert errors(at) == [plain(MESSAGES[kind])]
    assert not at.data_editor and not at.subheader


@pytest.mark.usefixtures("folders")
def test_a_link_that_is_not_a_link_says_so(app) -> None:
    """The real check refuses a non-http link with its sentence, before any network."""
    at = read(open_import(app), "ftp://youtube.com/video")
    assert errors(at) == [plain(MESSAGES[Failure.NOT_A_LINK])]


@pytest.mark.usefixtures("folders")
def test_markup_in_metadata_is_shown_as_text(app, read_as, store: BrowserStore) -> None:
    """Markdown and HTML in a video's title, channel and chapters reach the page as characters."""
    title = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    chapters = (Chapter(0, 300, "<img src=x onerror=alert(1)>"), Chapter(300, 600, "_em_"))
    video = replace(
        saved_video("youtube-plain"),
        title=title,
        channel="<b>Chan</b> *nel*",
        chapters=chapters,
        thumbnail=None,
    )
    read_as(video)
    at = read(open_import(app, store))
    assert not at.exception
    assert at.subheader[0].value == plain(title)
    assert at.text[0].value.startswith("Channel: <b>Chan</b> *nel*\n")
    assert [r["name"] for r in rows(at)] == ["<img src=x onerror=alert(1)>", "_em_"]
    assert field(at.text_input, "Title").value == title
    markdown = [m.value for m in [*at.markdown, *at.caption, *at.subheader, *at.success]]
    assert not any("<script>" in text or "**Bold**" in text for text in markdown)
    field(at.text_input, "Title").input(title).run()
    at = save(at, store)
    assert "alert\\(1\\)" in at.success[0].value and "<script>" not in at.success[0].value


@pytest.mark.usefixtures("folders")
def test_description_timestamps_are_used_without_chapters(app, read_as) -> None:
    """Without chapters, timestamp lines in the description become the steps."""
    read_as(saved_video("youtube-description"))
    at = read(open_import(app))
    assert field(at.radio, "Make the steps from").value is importer.StepSource.DESCRIPTION
    assert len(rows(at)) >= 2
    assert "timestamps in the video\\'s description" in at.caption[1].value


@pytest.mark.usefixtures("folders")
def test_without_chapters_steps_are_pasted_or_equal_parts(app, read_as) -> None:
    """A plain video is split equally by default; pasted timestamp lines can replace the split."""
    read_as(saved_video("youtube-plain"))
    at = read(open_import(app))
    source = field(at.radio, "Make the steps from")
    assert source.options == ["Equal parts", "Timestamps I paste"]
    assert source.value is importer.StepSource.EQUAL
    default = len(rows(at))
    field(at.number_input, "Number of equal parts").set_value(3).run()
    assert [r["name"] for r in rows(at)] == ["Part 1", "Part 2", "Part 3"]
    assert default != 3

    field(at.radio, "Make the steps from").set_value(importer.StepSource.PASTED).run()
    assert not at.data_editor
    assert at.info[-1].value == "Paste one timestamp per line, like 2:15 Cat-cow."
    field(at.text_area, "Timestamp lines").input("no times here").run()
    assert errors(at) == [plain(MESSAGES[Failure.NO_TIMESTAMPS])]
    field(at.text_area, "Timestamp lines").input("0:00 Warm-up\n1:30 Bridges\n").run()
    assert [(r["name"], r["start"]) for r in rows(at)] == [("Warm-up", "0:00"), ("Bridges", "1:30")]
    assert "the timestamps you gave" in at.caption[1].value


@pytest.mark.usefixtures("folders")
def test_a_video_without_a_length_asks_for_it(app, read_as) -> None:
    """A direct MP4 with no length asks for one (m:ss) before it can be split; junk says how."""
    read_as(MP4)
    at = read(open_import(app))
    assert at.info[-1].value == plain(MESSAGES[Failure.NEEDS_LENGTH])
    assert at.text[0].value == "Length: not given by the site"
    assert not at.get("image")
    [save] = [b for b in at.button if b.label == "Save to my library"]
    assert save.disabled
    field(at.text_input, "Video length (m:ss)").input("ten minutes").run()
    assert errors(at) == [plain(MESSAGES[Failure.BAD_LENGTH])]
    field(at.text_input, "Video length (m:ss)").input("0:08").run()
    assert [(r["start"], r["end"]) for r in rows(at)] == [
        ("0:00", "0:02"), ("0:02", "0:04"), ("0:04", "0:06"), ("0:06", "0:08"),
    ]  # fmt: skip


@pytest.mark.usefixtures("folders")
def test_a_wrong_cell_or_no_step_is_one_sentence(app, read_as) -> None:
    """A step without seconds, or no step included, says so in a sentence and cannot be saved."""
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app))
    key = at.data_editor[0].key
    at.session_state[key] = {
        "edited_rows": {2: {"seconds": None}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert errors(at) == [plain("Step 3 needs a whole number of seconds from 1 to 3600.")]
    assert save_button(at).disabled
    at.session_state[key] = {
        "edited_rows": {i: {"include": False} for i in range(7)},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert errors(at) == [plain(MESSAGES[Failure.NO_STEPS])]
    assert save_button(at).disabled


def fake_download(cache: Path, calls: list) -> Callable[..., Path]:
    """A download_video that writes a small file and reports progress, without network."""

    def download(url, *, settings=None, max_height=None, on_progress=None) -> Path:
        calls.append((url, max_height))
        for done in (0, 500_000, 1_000_000):
            on_progress(Progress("downloading", done, 1_000_000, 250_000.0, 2.0))
        on_progress(Progress("finished", 1_000_000, 1_000_000, None, None))
        cache.mkdir(parents=True, exist_ok=True)
        path = cache / f"{importer.cache_key(url)}.mp4"
        path.write_bytes(b"\0" * 1_000_000)
        return path

    return download


def test_a_copy_is_kept_then_marked_and_deleted(
    app, read_as, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, store: BrowserStore
) -> None:
    """Keep a copy downloads with a progress bar; the Library marks it; the routine page deletes it."""
    _, cache = folders
    calls: list = []
    monkeypatch.setattr(importer, "download_video", fake_download(cache, calls))
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app, store))
    field(at.text_input, "Title").input("Offline ease").run()
    at = save(at, store)
    assert at.radio(key="offline.height.import").value == 480
    at.radio(key="offline.height.import").set_value(360).run()
    at = click(at, "Keep a copy")
    assert not at.exception and not at.error
    assert calls == [(LINK, 360)]
    [bar] = at.get("progress")
    assert (bar.value, bar.proto.text) == (100, "Done: 1.0 MB kept for offline use.")
    assert importer.cached_video(LINK, cache) is not None

    at.switch_page("app_pages/library.py")
    at.session_state["q"] = "offline ease"
    at.run()
    [card] = cards(at)
    assert OFFLINE in card["notes"]

    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "offline-ease"
    at.run()
    assert not at.exception
    assert "is kept on this computer" in at.caption[-1].value
    at = click(at, "Delete the offline copy")
    assert (
        at.success[0].value == "The offline copy was deleted: the video plays from the web again."
    )
    assert importer.cached_video(LINK, cache) is None
    assert [b.label for b in at.button if b.label == "Keep a copy"] == ["Keep a copy"]


def test_a_failed_download_is_one_sentence(
    app, read_as, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A download that fails shows its one sentence, and no progress bar is left behind."""

    def fail(url, **kwargs) -> Path:
        raise ImportFailure(Failure.NO_DOWNLOAD)

    monkeypatch.setattr(importer, "download_video", fail)
    read_as(saved_video("youtube-chapters"))
    store = BrowserStore()
    at = read(open_import(app, store))
    field(at.text_input, "Title").input("No copy").run()
    at = click(save(at, store), "Keep a copy")
    assert not at.exception
    assert errors(at) == [MESSAGES[Failure.NO_DOWNLOAD]]
    assert not at.get("progress")


def test_a_routine_page_offers_a_copy_of_its_web_video(app, folders: tuple[Path, Path]) -> None:
    """A routine with a YouTube link offers Keep a copy on its page; one with no video does not."""
    user, _ = folders
    video = saved_video("youtube-chapters")
    routine = importer.make_routine(
        video, importer.propose_steps(video).steps, importer.RoutineDetails(title="Web video")
    )
    importer.save_routine(routine, user)
    at = app().run()
    at.switch_page("app_pages/routine.py")
    at.query_params["routine"] = "web-video"
    at.run()
    assert not at.exception
    assert "Offline use" in [s.value for s in at.subheader]
    assert [b.label for b in at.button if b.label == "Keep a copy"] == ["Keep a copy"]

    at.query_params["routine"] = "spasm-relief"
    at.run()
    assert "Offline use" not in [s.value for s in at.subheader]


@pytest.mark.usefixtures("folders")
def test_without_chapters_the_page_says_why_in_one_sentence(app, read_as) -> None:
    """A video with no chapters and times only in prose says so, and offers equal parts or pasting."""
    plain_video = saved_video("youtube-plain")
    read_as(replace(plain_video, description="Live class every Sunday: join us at 10:30."))
    at = read(open_import(app))
    assert at.info[0].value == plain(
        "The video has no chapters, and the description mentions times only within sentences, "
        "not as a list."
    )
    assert field(at.radio, "Make the steps from").options == ["Equal parts", "Timestamps I paste"]


@pytest.mark.usefixtures("folders")
def test_pasted_lines_may_have_the_time_last(app, read_as) -> None:
    """The paste box reads lines written with the time at the end, as the description does."""
    read_as(saved_video("youtube-plain"))
    at = read(open_import(app))
    field(at.radio, "Make the steps from").set_value(importer.StepSource.PASTED).run()
    field(at.text_area, "Timestamp lines").input("1. Warm-up 0:00\n2. Bridges 1:30\n").run()
    assert [(r["name"], r["start"]) for r in rows(at)] == [("Warm-up", "0:00"), ("Bridges", "1:30")]


def test_a_shared_server_keeps_the_routine_in_the_browser_and_no_copy(
    app, read_as, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, store: BrowserStore
) -> None:
    """In shared mode Save works as ever (the browser keeps it); the offline copy is off, in one
    sentence, and nothing is written to the server's disk."""
    user, cache = folders
    monkeypatch.setenv("LIMBER_MODE", "shared")
    read_as(saved_video("youtube-chapters"))
    at = read(open_import(app, store))
    field(at.text_input, "Title").input("Shared ease").run()
    at = save(at, store)
    assert at.success[0].value == plain(
        "Saved “Shared ease” in your library, kept in this browser."
    )
    assert MESSAGES[Failure.COPIES_OFF] in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label == "Keep a copy"]
    assert not user.exists() and not cache.exists()
