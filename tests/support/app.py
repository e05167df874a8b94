"""Start the app with `streamlit run` on 127.0.0.1, and find Debian's Chromium: for e2e tests and benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def chromium_path() -> str:
    """Debian's Chromium, or CHROMIUM_PATH; never Playwright's own download."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(
            "Chromium not found: run `make test` (installs Debian's chromium) or set CHROMIUM_PATH"
        )
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """A running `streamlit run app.py`, with the folders and settings a test gave it.

    ``stop()`` and ``start()`` take the same server down and up again on the same
    port, as a restarted laptop server would be: the page reconnects to a new process.
    """

    def __init__(
        self,
        env: dict[str, str],
        log: Path,
        script: Path = ROOT / "app.py",
        cpus: set[int] | None = None,
    ):
        self.script = script
        self.cpus = cpus
        """The cores the process may run on (``taskset -c``); None: any."""
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        log.write_text("")
        self.start()

    def start(self) -> None:
        """Start the server (again) and wait until it answers its health check."""
        # As `make run` starts it (a benchmark's bare app the same way).
        command = [sys.executable, "-m", "streamlit", "run", str(self.script)]
        command += ["--server.port", str(self.port), "--server.address", "127.0.0.1"]
        command += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
        command += ["--server.fileWatcherType", "none"]
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=os.environ | self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=None if self.cpus is None else self._pin,
            )
        self._wait_healthy()

    def _pin(self) -> None:
        """In the child before exec: every thread it starts inherits the cores."""
        assert self.cpus is not None
        os.sched_setaffinity(0, self.cpus)

    def _wait_healthy(self, timeout: float = 60) -> None:
        assert self.process is not None
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
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
