"""The browser-test harness: the app served by `streamlit run` on 127.0.0.1, driven in Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is an e2e test."""
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str:
    """Debian's Chromium, or CHROMIUM_PATH; never Playwright's own download."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.exit(
            "Chromium not found: run `make test` (installs Debian's chromium) or set CHROMIUM_PATH"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A running `streamlit run app.py`, with the folders and settings a test gave it."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
        command += ["--server.port", str(self.port), "--server.address", "127.0.0.1"]
        command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
        command += ["--server.fileWatcherType", "none"]
        with log.open("w") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=os.environ | env, stdout=out, stderr=subprocess.STDOUT
            )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)  # polling the health endpoint, not waiting for a result
        raise RuntimeError(f"the app did not answer in {timeout} s: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def e2e_dir() -> Iterator[Path]:
    """A scratch folder for this run's servers: logs, user routines, video cache."""
    with tempfile.TemporaryDirectory(prefix="limber-e2e-") as tmp:
        yield Path(tmp)


@pytest.fixture(scope="session")
def app_server(e2e_dir: Path) -> Iterator[AppServer]:
    """The app on the bundled library, with imports allowed from 127.0.0.1 only."""
    env = {
        "LIMBER_USER_ROUTINES": str(e2e_dir / "my-routines"),
        "LIMBER_VIDEO_CACHE": str(e2e_dir / "videos"),
        "LIMBER_ALLOWED_HOSTS": "127.0.0.1",
    }
    server = AppServer(env, e2e_dir / "app.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    """Base URL of the running app."""
    return app_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a fresh context (empty localStorage), failing the test on page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not errors, f"the page raised: {errors}"
