"""The environment, read in one place: where Limber finds its routines, and what the
importer may reach and where it writes."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from limber.importer.config import Settings as ImporterSettings

log = logging.getLogger(__name__)
_N = TypeVar("_N", int, float)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Mode(StrEnum):
    """What this server may keep on its disk (``LIMBER_MODE``)."""

    PERSONAL = "personal"
    """One person's own computer (``make run``): offline copies of videos may be kept."""
    SHARED = "shared"
    """A server many people use: nothing a visitor does is written to its disk."""


def mode(env: Mapping[str, str]) -> Mode:
    """The mode this environment asks for: personal when unset. A value that is neither
    is taken as shared, the mode that keeps nothing, and logged."""
    value = (env.get("LIMBER_MODE") or Mode.PERSONAL.value).strip().lower()
    try:
        return Mode(value)
    except ValueError:
        log.warning("LIMBER_MODE=%r is not personal or shared: serving as shared", value)
        return Mode.SHARED


@dataclass(frozen=True)
class Folders:
    """The routine folders the library loads."""

    routines: Path
    """The bundled library (``LIMBER_ROUTINES``, default ``routines/``)."""
    user: Path
    """Routine files of this computer's own (``LIMBER_USER_ROUTINES``, default ``routines/my/``),
    e.g. written by ``python -m limber import URL --out FILE``; loaded like the bundled ones."""

    @property
    def to_load(self) -> tuple[Path, ...]:
        """The folders to read; the user folder only when it is not already inside the library."""
        if self.user.resolve().is_relative_to(self.routines.resolve()):
            return (self.routines,)
        return (self.routines, self.user)


def fixed_now(env: Mapping[str, str]) -> datetime | None:
    """The moment the app takes as now, if ``LIMBER_NOW`` sets one (ISO 8601 with an offset):
    for tests and demonstrations that must not depend on the day they run. None when it is
    unset; an unreadable value is logged and ignored."""
    value = env.get("LIMBER_NOW")
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        log.warning(
            "LIMBER_NOW=%r is not an ISO time with an offset: the real clock is used", value
        )
        return None
    return moment


def folders(env: Mapping[str, str]) -> Folders:
    """The routine folders this environment asks for."""
    routines = Path(env.get("LIMBER_ROUTINES") or PROJECT_ROOT / "routines")
    user = Path(env.get("LIMBER_USER_ROUTINES") or routines / "my")
    return Folders(routines, user)


def importer_settings(env: Mapping[str, str]) -> ImporterSettings:
    """The importer's settings from environment variables; a missing or unreadable one keeps
    its default. Read once for each set of ``LIMBER_*`` values, so pages may ask on every run.

    LIMBER_MODE            personal (default) or shared: shared keeps no offline copies
    LIMBER_ALLOWED_HOSTS   comma-separated host names or IP addresses, extending the video sites
    LIMBER_USER_ROUTINES   folder for routine files of this computer (as :func:`folders` reads it)
    LIMBER_VIDEO_CACHE     folder for offline copies (default .cache/videos/ in the project)
    LIMBER_SOCKET_TIMEOUT  seconds to wait for an answer (default 20)
    LIMBER_RETRIES         retries of a failed request or download (default 3)
    """
    return _importer_settings(tuple(sorted((k, v) for k, v in env.items() if k[:7] == "LIMBER_")))


@functools.lru_cache(maxsize=16)
def _importer_settings(limber_env: tuple[tuple[str, str], ...]) -> ImporterSettings:
    # Imported here: the importer loads the library, which reads this module.
    from limber.importer.config import DEFAULT_VIDEO_CACHE
    from limber.importer.config import Settings as ImporterSettings
    from limber.importer.hosts import _normal_host

    env = dict(limber_env)
    hosts = []
    for entry in env.get("LIMBER_ALLOWED_HOSTS", "").split(","):
        if entry.strip():
            try:
                hosts.append(_normal_host(entry))
            except ValueError:
                log.warning("LIMBER_ALLOWED_HOSTS: %r is not a host name or address", entry)

    def number(name: str, default: _N, kind: Callable[[str], _N]) -> _N:
        try:
            value = kind(env[name])
        except (KeyError, ValueError):
            return default
        return value if math.isfinite(value) and value >= 0 else default

    return ImporterSettings(
        extra_hosts=tuple(hosts),
        user_routines=folders(env).user,
        video_cache=Path(env.get("LIMBER_VIDEO_CACHE") or DEFAULT_VIDEO_CACHE),
        socket_timeout=number("LIMBER_SOCKET_TIMEOUT", ImporterSettings.socket_timeout, float)
        or 20.0,
        retries=number("LIMBER_RETRIES", ImporterSettings.retries, int),
        offline_copies=mode(env) is Mode.PERSONAL,
    )
