"""Unit-test fixtures: a local HTTP server with a small MP4, importer settings, saved info dicts."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from limber import importer
from tests.support import videos
from tests.support.http_server import LocalServer
from tests.support.media import make_mp4

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _address(host: object) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(str(host).split("%")[0])
    except ValueError:
        return None


def _loopback(host: object) -> bool:
    address = _address(host)
    return address.is_loopback if address is not None else host == "localhost"


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests reach loopback only: other connections fail at once, and no name is looked up
    (except localhost)."""
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            raise ConnectionRefusedError(f"unit tests may not connect to {address[0]}")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is None or host == "localhost" or _address(host) is not None:
            return real_getaddrinfo(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, f"unit tests do not look up {host}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture(scope="session")
def sample_mp4(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 3-second MP4 (test pattern + tone), made once per test session with ffmpeg."""
    return make_mp4(tmp_path_factory.mktemp("media") / "sample.mp4")


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A fresh local HTTP server on 127.0.0.1, stopped after the test."""
    with LocalServer() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> importer.Settings:
    """Importer settings for tests: 127.0.0.1 allowed, folders in tmp_path, short timeout, no retries."""
    return importer.Settings(
        extra_hosts=("127.0.0.1",),
        user_routines=tmp_path / "routines" / "my",
        video_cache=tmp_path / "videos",
        socket_timeout=0.5,
        retries=0,
    )


@pytest.fixture
def saved_info() -> Callable[[str], dict[str, Any]]:
    """Load a saved info dict (tests/fixtures/<name>.json) as yt-dlp would give it, offline."""
    return videos.saved_info
