"""The browser-test harness: the app served by `streamlit run` on 127.0.0.1, driven in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.support.app import CHROMIUM_ARGS, AppServer, chromium_path
from tests.support.history import NOW
from tests.support.http_server import LocalServer
from tests.support.media import make_mp4

CLIP_SECONDS = 8

# Every wait is for a condition, so a longer limit costs nothing when the app is
# right; it only keeps a busy CI machine (two cores, Chromium and the server
# sharing them) from failing a test that is merely slow.
expect.set_options(timeout=15_000)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, so fixtures can tell a failed test."""
    del call
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an e2e test."""
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def e2e_dir() -> Iterator[Path]:
    """A scratch folder for this run's servers: logs, user routines, video cache."""
    with tempfile.TemporaryDirectory(prefix="limber-e2e-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
def user_routines(e2e_dir: Path) -> Path:
    """The user routine folder, holding the test routines (and the MP4 one of them plays)."""
    folder = e2e_dir / "my-routines"
    folder.mkdir()
    for source in (Path(__file__).parent / "routines").glob("*.yaml"):
        shutil.copy(source, folder / source.name)
    make_mp4(folder / "e2e-clip.mp4", seconds=8)
    return folder


@pytest.fixture(scope="session")
def app_server(e2e_dir: Path, user_routines: Path) -> Iterator[AppServer]:
    """The app on the bundled library plus the test routines, imports allowed from 127.0.0.1 only."""
    env = {
        "LIMBER_USER_ROUTINES": str(user_routines),
        "LIMBER_VIDEO_CACHE": str(e2e_dir / "videos"),
        "LIMBER_ALLOWED_HOSTS": "127.0.0.1",
        "LIMBER_NOW": NOW.isoformat(),  # the browsers' clocks stand there too
    }
    server = AppServer(env, e2e_dir / "app.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def video_site(e2e_dir: Path) -> Iterator[LocalServer]:
    """A local web server on 127.0.0.1 (the app allows it) for the MP4s the tests import."""
    clip = make_mp4(e2e_dir / "import-clip.mp4", seconds=CLIP_SECONDS)
    with LocalServer() as server:
        server.clip = clip  # type: ignore[attr-defined]
        yield server


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    """Base URL of the running app."""
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    try:
        executable = chromium_path()
    except RuntimeError as err:
        pytest.exit(str(err))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest, app_server: AppServer) -> Iterator[Page]:
    """A fresh page in a fresh context (empty localStorage), failing the test on page errors.

    When the test fails, what the page showed and the end of the app's log are
    printed with the failure, since CI keeps only the output.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_default_timeout(20_000)
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        describe_failure(page, app_server)
    context.close()
    assert not errors, f"the page raised: {errors}"


def describe_failure(page: Page, app_server: AppServer) -> None:
    """Print the page's URL, script state, text and the app log's tail (captured with the failure)."""
    try:
        state = page.evaluate(
            "() => document.querySelector('[data-testid=stApp]')"
            "?.getAttribute('data-test-script-state')"
        )
        text = page.evaluate("() => document.body.innerText")
    except Exception as err:  # a closed or crashed page: its log is still printed
        state, text = None, f"(page not readable: {err})"
    print(f"--- page {page.url} (script {state}) ---")
    print(text[:3000])
    print("--- app log (end) ---")
    print(app_server.log.read_text(errors="replace")[-3000:])
