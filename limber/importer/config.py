"""What the importer may reach and where it writes (:class:`Settings`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from limber.importer.hosts import _normal_host

log = logging.getLogger("limber.importer")


PROJECT_ROOT = Path(__file__).resolve().parents[2]


SCHEMA_FILE = PROJECT_ROOT / "routines" / "schema.json"
"""The JSON Schema that routine files point editors at."""


DEFAULT_USER_ROUTINES = PROJECT_ROOT / "routines" / "my"


DEFAULT_VIDEO_CACHE = PROJECT_ROOT / ".cache" / "videos"


VIDEO_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com")
"""Hosts accepted by default; each also covers its subdomains (www., m., player. …)."""


@dataclass(frozen=True)
class Settings:
    """What the importer may reach and where it writes. Read from the environment by
    :func:`settings_from_env`; tests build their own."""

    extra_hosts: tuple[str, ...] = ()
    """Hosts (names or IP addresses) allowed on top of the video sites; these may be private.
    A name covers its subdomains; an address only itself. ValueError for one that is neither."""
    user_routines: Path = DEFAULT_USER_ROUTINES
    """The folder imported routines are saved in."""
    video_cache: Path = DEFAULT_VIDEO_CACHE
    """The folder offline copies of videos are kept in."""
    socket_timeout: float = 20.0
    """Seconds to wait for a site to answer before giving up."""
    retries: int = 3
    """How often yt-dlp retries a failed request or download."""
    max_height: int = 720
    """The tallest video kept for offline use, in pixels."""
    offline_copies: bool = True
    """Whether copies of videos may be kept on this computer (off on a shared server)."""
    deno: str | None = field(default_factory=lambda: deno_path())
    """The Deno binary yt-dlp runs YouTube's scripts with (the ``deno`` package's, found by
    path, as ``.venv/bin`` may not be on PATH); None leaves yt-dlp to look for one."""

    def __post_init__(self) -> None:
        # Compare hosts in one form: "[::1]" and "::1", "Example.org." and "example.org".
        hosts = tuple(dict.fromkeys(_normal_host(h) for h in self.extra_hosts))
        object.__setattr__(self, "extra_hosts", hosts)

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """The video sites plus the extra hosts."""
        return VIDEO_HOSTS + self.extra_hosts


def deno_path() -> str | None:
    """The Deno binary the ``deno`` package installed; None when there is none."""
    try:
        import deno
    except ImportError:
        return None
    try:
        return deno.find_deno_bin()
    except FileNotFoundError:
        return None


def settings_from_env(env: Mapping[str, str]) -> Settings:
    """The settings this environment asks for: :func:`limber.settings.importer_settings`."""
    from limber.settings import importer_settings  # limber.settings imports this module

    return importer_settings(env)
