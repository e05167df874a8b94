"""yt-dlp as a library: the guarded YoutubeDL, its options, reading a video, what went wrong."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from limber.importer.config import Settings
from limber.importer.failures import Failure, ImportFailure
from limber.importer.url_guard import _AddressGuard, _BlockedAddress, _BlockedScheme, check_url
from limber.importer.video_info import VideoInfo, video_info
from limber.model import (
    youtube_id,
)

if TYPE_CHECKING:
    from yt_dlp import YoutubeDL

log = logging.getLogger("limber.importer")


@functools.cache
def _guarded_youtube_dl() -> type:
    """yt-dlp's YoutubeDL whose every request goes through the address guard.

    Built on first use, so importing this module does not import yt-dlp.
    """
    import http.client
    import urllib.error
    import urllib.request

    from yt_dlp import YoutubeDL
    from yt_dlp.networking._urllib import UrllibRH

    class CheckedHTTPHandler(urllib.request.AbstractHTTPHandler):
        """Opens http(s) connections through the guard; placed before yt-dlp's own handler."""

        handler_order = 499  # yt-dlp's HTTPHandler has 500; ours answers first

        def __init__(self, guard: _AddressGuard, context: Any):
            super().__init__()
            self._guard = guard
            self._context = context

        def _connection(self, base: type) -> Callable[..., http.client.HTTPConnection]:
            def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
                connection = base(host, **kwargs)
                # http.client opens its socket through this attribute; yt-dlp sets it the same way.
                connection._create_connection = self._guard.create_connection
                return connection

            return make

        def http_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(self._connection(http.client.HTTPConnection), req)

        def https_open(self, req: urllib.request.Request) -> Any:
            return self.do_open(
                self._connection(http.client.HTTPSConnection), req, context=self._context
            )

        def ftp_open(self, req: urllib.request.Request) -> Any:
            # urllib follows redirects to ftp://; only http(s) is read, so refuse.
            raise urllib.error.URLError(_BlockedScheme("only http(s) is read"))

    class LimberGuardedRH(UrllibRH):
        """yt-dlp's urllib request handler with every connection address-checked; no proxies."""

        _SUPPORTED_URL_SCHEMES = ("http", "https")
        _SUPPORTED_PROXY_SCHEMES = ()
        RH_NAME = "limber-guarded"

        def __init__(self, *, guard: _AddressGuard, **kwargs: Any):
            super().__init__(**kwargs)
            self._guard = guard

        def _create_instance(self, proxies: Any, cookiejar: Any, legacy_ssl_support: Any = None):
            opener = super()._create_instance(proxies, cookiejar, legacy_ssl_support)
            context = self._make_sslcontext(legacy_ssl_support=legacy_ssl_support)
            opener.add_handler(CheckedHTTPHandler(self._guard, context))
            return opener

    class GuardedYoutubeDL(YoutubeDL):
        """YoutubeDL whose request director holds only the guarded handler."""

        def __init__(self, params: dict[str, Any], guard: _AddressGuard):
            self._limber_guard = guard
            super().__init__(params)

        def build_request_director(self, handlers: Any, preferences: Any = None) -> Any:
            guarded = functools.partial(LimberGuardedRH, guard=self._limber_guard)
            return super().build_request_director([guarded], preferences=set())

    return GuardedYoutubeDL


class _YtdlpLog:
    """Takes yt-dlp's output: nothing is printed; warnings and errors are kept for the failure."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def debug(self, message: str) -> None:
        log.debug("yt-dlp: %s", message)

    def info(self, message: str) -> None:
        log.debug("yt-dlp: %s", message)

    def warning(self, message: str) -> None:
        self.messages.append(message)
        log.info("yt-dlp warning: %s", message)

    def error(self, message: str) -> None:
        self.messages.append(message)
        log.info("yt-dlp error: %s", message)


def _params(settings: Settings, logger: _YtdlpLog) -> dict[str, Any]:
    cache = str(settings.video_cache)
    return {
        "logger": logger,
        "quiet": True,
        "noprogress": True,
        "noplaylist": True,
        "extract_flat": "in_playlist",  # a playlist is reported, never walked
        "socket_timeout": settings.socket_timeout,
        "retries": settings.retries,
        "extractor_retries": settings.retries,
        "fragment_retries": settings.retries,
        "cachedir": False,
        "cookiefile": None,
        "proxy": "",
        "paths": {"home": cache, "temp": cache},
        "outtmpl": {"default": "%(id)s.%(ext)s"},
        "overwrites": True,
        "continuedl": False,
        "updatetime": False,
        "fixup": "never",
        "check_formats": False,
        # YouTube's player scripts run in Deno (with yt-dlp-ejs's solver); name the binary,
        # since yt-dlp looks for it on PATH, which under `make run` has no .venv/bin.
        "js_runtimes": {"deno": {"path": settings.deno} if settings.deno else {}},
    }


def youtube_dl(settings: Settings, params: Mapping[str, Any] | None = None) -> YoutubeDL:
    """A guarded YoutubeDL with the importer's options (plus ``params``); use it in ``with``."""
    options = _params(settings, _YtdlpLog()) | dict(params or {})
    return _guarded_youtube_dl()(options, _AddressGuard(settings.extra_hosts))


def deno_starts(ydl: YoutubeDL) -> bool:
    """Whether the YoutubeDL's Deno starts and is a version yt-dlp supports (it runs
    ``deno --version`` once, no network)."""
    runtime = ydl._js_runtimes.get("deno")  # yt-dlp's own check; no public accessor
    info = runtime.info if runtime is not None else None
    return bool(info and info.supported)


def _without_deno(failure: ImportFailure, url: str, settings: Settings) -> ImportFailure:
    """A YouTube download that failed for want of Deno says so; other failures stay."""
    if youtube_id(url) is None or failure.kind not in _DENO_MAY_EXPLAIN:
        return failure
    with youtube_dl(settings) as ydl:
        return failure if deno_starts(ydl) else ImportFailure(Failure.NO_JS_RUNTIME)


_DENO_MAY_EXPLAIN = frozenset(
    {Failure.NO_DOWNLOAD, Failure.UNREADABLE, Failure.SITE_ERROR, Failure.NO_VIDEO}
)
"""What a YouTube download without a JS runtime looks like to us: no usable format."""


_AGE = re.compile(r"confirm your age|age[- ]restrict|inappropriate for some users", re.IGNORECASE)


_GONE = re.compile(
    r"private video|video is private|video unavailable|video is unavailable|has been removed"
    r"|no longer available|does not exist|members[- ]only",
    re.IGNORECASE,
)


def _causes(error: BaseException) -> list[BaseException]:
    """The error and everything it wraps: causes, contexts, yt-dlp's .cause and .exc_info."""
    seen: set[int] = set()
    todo: list[object] = [error]
    found: list[BaseException] = []
    while todo:
        item = todo.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        found.append(item)
        todo += [item.__cause__, item.__context__, getattr(item, "cause", None)]
        todo.append(getattr(item, "reason", None))
        exc_info = getattr(item, "exc_info", None)
        if isinstance(exc_info, tuple) and len(exc_info) > 1:
            todo.append(exc_info[1])
    return found


def _failure(
    error: BaseException, guard: _AddressGuard, messages: Sequence[str], *, started: bool
) -> ImportFailure:
    """Turn whatever yt-dlp raised into one sentence; ``started``: bytes of the video had come.

    The kind comes from the classes in the chain (DownloadError's ``exc_info``
    included). Text is read only where yt-dlp has no class: a private, removed
    or age-restricted video, no format to keep, and a timeout its downloader
    reports as text.
    """
    import urllib.error

    from yt_dlp.networking.exceptions import HTTPError, IncompleteRead, TransportError
    from yt_dlp.utils import (
        ContentTooShortError,
        GeoRestrictedError,
        UnavailableVideoError,
        UnsupportedError,
    )

    log.info("import failed: %s", error, exc_info=error)
    chain = _causes(error)

    def any_of(*kinds: type[BaseException]) -> bool:
        return any(isinstance(e, kinds) for e in chain)

    text = " ".join([*(str(e) for e in chain), *messages])
    statuses = [e.status for e in chain if isinstance(e, HTTPError)]
    statuses += [e.code for e in chain if isinstance(e, urllib.error.HTTPError)]
    if guard.blocked or any_of(_BlockedAddress):
        kind = Failure.PRIVATE_ADDRESS
    elif any_of(_BlockedScheme):
        kind = Failure.UNSUPPORTED_SITE
    elif any_of(TimeoutError) or re.search(r"timed? ?out", text, re.I):
        kind = Failure.TIMED_OUT
    elif any_of(GeoRestrictedError):
        kind = Failure.GEO_RESTRICTED
    elif _AGE.search(text):
        kind = Failure.AGE_RESTRICTED
    elif (
        any(s in (401, 404, 410) for s in statuses)
        or any_of(UnavailableVideoError)
        or _GONE.search(text)
    ):
        kind = Failure.UNAVAILABLE
    elif "requested format is not available" in text.lower():
        kind = Failure.NO_DOWNLOAD
    elif started or any_of(ContentTooShortError, IncompleteRead):
        kind = Failure.INTERRUPTED
    elif statuses:
        kind = Failure.SITE_ERROR
    elif any_of(UnsupportedError):
        kind = Failure.NO_VIDEO
    elif any_of(OSError, TransportError):
        kind = Failure.NO_NETWORK
    else:
        kind = Failure.UNREADABLE
    return ImportFailure(kind)


def read_video(url: str, *, settings: Settings | None = None) -> VideoInfo:
    """Read a video's title, channel, length, thumbnail, chapters and description.

    No video is downloaded; a video with no downloadable format still reads.
    Raises ImportFailure with one sentence on any failure.
    """
    settings = settings or Settings()
    checked = check_url(url, settings=settings)
    guard, logger = _AddressGuard(settings.extra_hosts), _YtdlpLog()
    params = _params(settings, logger) | {"skip_download": True, "ignore_no_formats_error": True}
    try:
        with _guarded_youtube_dl()(params, guard) as ydl:
            info = ydl.sanitize_info(ydl.extract_info(checked, download=False))
    except Exception as error:  # every failure inside yt-dlp becomes one sentence
        raise _failure(error, guard, logger.messages, started=False) from None
    if not isinstance(info, dict):
        raise ImportFailure(Failure.NO_VIDEO)
    if info.get("_type") in {"playlist", "multi_video"}:
        raise ImportFailure(Failure.PLAYLIST)
    return video_info(info, url=checked)
