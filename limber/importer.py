"""Bring your own video: a video link becomes a routine whose steps are its chapters.

    check_url -> read_video -> propose_steps -> make_routine -> save_routine
                                download_video (optional copy for offline use)

yt-dlp does the reading, as a library. It is imported only inside the
functions that use it, so the app starts fast. Every failure leaves this
module as one :class:`ImportFailure` carrying one plain sentence for the
person; what yt-dlp said goes to the ``limber.importer`` logger at INFO.

Safety. Only http(s) links to the allowed hosts are read (:func:`check_url`).
Every connection yt-dlp opens, each redirect included, passes an address
check first: yt-dlp runs with a request director holding one handler of ours,
a subclass of its urllib handler whose HTTP(S) connections resolve the host,
refuse loopback, private, link-local and other non-public addresses (unless
LIMBER_ALLOWED_HOSTS names them) and connect to the very address that was
checked. No proxies, no cookies from files or browsers, no yt-dlp cache dir;
downloads are written to the video cache folder only.

YouTube downloads run YouTube's player scripts (yt-dlp-ejs) in Deno: the
binary of the ``deno`` package, named to yt-dlp by path (``Settings.deno``).
Where it cannot start, a YouTube download fails with a sentence that says so.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import logging
import math
import numbers
import os
import re
import socket
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

from limber.library import Entry, RoutineFileError, parse_routine
from limber.model import (
    ID_PATTERN,
    Focus,
    Level,
    Routine,
    Style,
    format_clock,
    parse_clock,
    youtube_id,
)
from limber.settings import folders

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = PROJECT_ROOT / "routines" / "schema.json"
"""The JSON Schema that routine files point editors at."""
DEFAULT_USER_ROUTINES = PROJECT_ROOT / "routines" / "my"
DEFAULT_VIDEO_CACHE = PROJECT_ROOT / ".cache" / "videos"
VIDEO_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com")
"""Hosts accepted by default; each also covers its subdomains (www., m., player. …)."""
DEFAULT_INSTRUCTIONS = "Follow the video."
MAX_PARTS = 60
"""The most equal parts a video can be split into."""


# -- settings ---------------------------------------------------------------


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
    """Read the settings from environment variables; a missing or unreadable one keeps its default.

    LIMBER_ALLOWED_HOSTS   comma-separated host names or IP addresses, extending the video sites
    LIMBER_USER_ROUTINES   folder for imported routines (as :func:`limber.settings.folders` reads it)
    LIMBER_VIDEO_CACHE     folder for offline copies (default .cache/videos/ in the project)
    LIMBER_SOCKET_TIMEOUT  seconds to wait for an answer (default 20)
    LIMBER_RETRIES         retries of a failed request or download (default 3)
    """
    hosts = []
    for entry in env.get("LIMBER_ALLOWED_HOSTS", "").split(","):
        if entry.strip():
            try:
                hosts.append(_normal_host(entry))
            except ValueError:
                log.warning("LIMBER_ALLOWED_HOSTS: %r is not a host name or address", entry)

    def number(name: str, default: float, kind: type = float) -> Any:
        try:
            value = kind(env[name])
        except (KeyError, ValueError):
            return default
        return value if math.isfinite(value) and value >= 0 else default

    return Settings(
        extra_hosts=tuple(hosts),
        user_routines=folders(env).user,
        video_cache=Path(env.get("LIMBER_VIDEO_CACHE") or DEFAULT_VIDEO_CACHE),
        socket_timeout=number("LIMBER_SOCKET_TIMEOUT", Settings.socket_timeout) or 20.0,
        retries=number("LIMBER_RETRIES", Settings.retries, int),
    )


# -- failures ---------------------------------------------------------------


class Failure(StrEnum):
    """Why an import failed: each kind has one sentence for the person."""

    NOT_A_LINK = "not-a-link"
    BAD_LINK = "bad-link"
    UNSUPPORTED_SITE = "unsupported-site"
    PRIVATE_ADDRESS = "private-address"
    PLAYLIST = "playlist"
    NO_VIDEO = "no-video"
    UNAVAILABLE = "unavailable"
    AGE_RESTRICTED = "age-restricted"
    NO_NETWORK = "no-network"
    TIMED_OUT = "timed-out"
    SITE_ERROR = "site-error"
    UNREADABLE = "unreadable"
    NO_DOWNLOAD = "no-download"
    NO_JS_RUNTIME = "no-js-runtime"
    INTERRUPTED = "interrupted"
    NEEDS_LENGTH = "needs-length"
    BAD_LENGTH = "bad-length"
    NO_TIMESTAMPS = "no-timestamps"
    NO_STEPS = "no-steps"
    BAD_STEP = "bad-step"
    BAD_ID = "bad-id"
    INVALID = "invalid"
    EXISTS = "exists"
    CANNOT_WRITE = "cannot-write"


MESSAGES = {
    Failure.NOT_A_LINK: "That is not a video link: it must start with http:// or https://.",
    Failure.BAD_LINK: "That link is not valid: copy the video's address again and paste it whole.",
    Failure.UNSUPPORTED_SITE: "That site is not supported: use a YouTube or Vimeo link.",
    Failure.PRIVATE_ADDRESS: "That link leads to a private network address, which is not allowed.",
    Failure.PLAYLIST: "That link is a playlist or a channel: use the link of a single video.",
    Failure.NO_VIDEO: "No video was found at that link.",
    Failure.UNAVAILABLE: "The video is private or has been removed.",
    Failure.AGE_RESTRICTED: "The video is age-restricted and cannot be read without signing in.",
    Failure.NO_NETWORK: "The video site could not be reached: check the network connection.",
    Failure.TIMED_OUT: "The video site did not answer in time: try again later.",
    Failure.SITE_ERROR: "The video site answered with an error: try again later.",
    Failure.UNREADABLE: "The video could not be read.",
    Failure.NO_DOWNLOAD: "This video has no single-file MP4 that can be kept for offline use.",
    Failure.NO_JS_RUNTIME: "YouTube videos cannot be kept for offline use here: Deno, "
    "which yt-dlp needs for them, could not start (reading chapters still works).",
    Failure.INTERRUPTED: "The download was interrupted and the partial file was removed.",
    Failure.NEEDS_LENGTH: "The video's length is not known: enter it to divide the video into steps.",
    Failure.BAD_LENGTH: "Write the video's length in minutes and seconds, like 12:30.",
    Failure.NO_TIMESTAMPS: "No timestamps were found: write one per line, like 2:15 Cat-cow.",
    Failure.NO_STEPS: "Choose at least one step to include.",
    Failure.BAD_STEP: "Each step needs a name and a whole number of seconds greater than 0.",
    Failure.BAD_ID: "A routine's file name must be lower-case words joined by hyphens, "
    "like hip-openers.",
    Failure.INVALID: "The routine is not valid.",
    Failure.EXISTS: "A routine with that name is already saved: choose another title, "
    "or replace it.",
    Failure.CANNOT_WRITE: "The routine could not be saved: the folder cannot be written to.",
}


class ImportFailure(Exception):
    """An import that failed, with one plain sentence saying why (``str(error)``)."""

    def __init__(self, kind: Failure, message: str | None = None):
        self.kind = kind
        self.message = message or MESSAGES[kind]
        super().__init__(self.message)


# -- text from the internet -------------------------------------------------

# C0/C1 controls (tab and newline are handled apart), zero-width and bidi controls
# (they can make a title read differently from what it is). ZWJ (U+200D) stays: emoji.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def clean_line(value: object, limit: int = 200) -> str:
    """Metadata as one line of plain text: controls removed, spaces collapsed, at most ``limit``."""
    if value is None:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)).replace("\t", " "))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean_text(value: object, limit: int = 20_000) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_INVISIBLE.sub("", line.replace("\t", " ")).rstrip() for line in text.split("\n"))
    return "\n".join(lines).strip()[:limit]


def _web_url(value: object) -> str | None:
    """A URL from metadata, kept only if it is plain http(s)."""
    if not isinstance(value, str) or not re.match(r"^https?://[^\s\\]+$", value, re.IGNORECASE):
        return None
    return value


def _positive(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


# -- hosts and addresses ----------------------------------------------------


def _normal_host(text: str) -> str:
    """A host as compared: lower case, no brackets or trailing dot, addresses in canonical form."""
    host = text.strip().lower().removeprefix("[").removesuffix("]").removesuffix(".")
    if not host or not host.isascii():
        raise ValueError(f"not a host: {text!r}")
    ip = _ip(host)
    if ip is not None:
        return str(ip)
    if not re.fullmatch(
        r"[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*", host
    ):
        raise ValueError(f"not a host: {text!r}")
    return host


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for an address on the public internet; IPv4 inside IPv6 is judged as IPv4."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            ip = embedded
    return ip.is_global and not ip.is_multicast


def _matches(host: str, entries: Iterable[str]) -> bool:
    """The host is an entry, or a subdomain of an entry that is a name."""
    for entry in entries:
        if host == entry or (_ip(entry) is None and host.endswith("." + entry)):
            return True
    return False


_UNSAFE = re.compile(r"[\s\\\x00-\x1f\x7f]")  # parsers disagree about these; no real link has them


def check_url(url: str, *, settings: Settings | None = None) -> str:
    """The link, stripped, if it may be read: http(s), an allowed host, no tricks.

    Raises ImportFailure otherwise. This looks at the text only (no network);
    the addresses a host resolves to are checked when yt-dlp connects.
    """
    settings = settings or Settings()
    text = url.strip() if isinstance(url, str) else ""
    if not re.match(r"^https?://", text, re.IGNORECASE):
        raise ImportFailure(Failure.NOT_A_LINK)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
        if _UNSAFE.search(text) or "@" in parts.netloc or not parts.hostname:
            raise ValueError("userinfo, whitespace or no host")
        host = _normal_host(parts.hostname)
    except ValueError:
        raise ImportFailure(Failure.BAD_LINK) from None
    ip = _ip(host)
    if _matches(host, settings.extra_hosts):
        return text
    if ip is not None and not _is_public(ip):
        raise ImportFailure(Failure.PRIVATE_ADDRESS)
    if ip is not None or not _matches(host, VIDEO_HOSTS):
        raise ImportFailure(Failure.UNSUPPORTED_SITE)
    return text


class _BlockedAddress(OSError):
    """A connection the address check refused (raised inside yt-dlp's networking)."""


class _BlockedScheme(OSError):
    """A redirect to a scheme other than http(s), refused (raised inside yt-dlp's networking)."""


@dataclass
class _AddressGuard:
    """Opens yt-dlp's connections, refusing non-public addresses that the settings do not allow."""

    extra_hosts: tuple[str, ...]
    blocked: list[str] = field(default_factory=list)
    """Each connection refused for its address, so a failure can say why even where yt-dlp
    reports the error as text only (its downloader does)."""

    def allows(self, host: str, address: str) -> bool:
        ip = _ip(address)
        if ip is None:
            return False
        if _is_public(ip) or _matches(str(ip), self.extra_hosts):
            return True
        try:
            return _matches(_normal_host(host), self.extra_hosts)
        except ValueError:
            return False

    def create_connection(
        self,
        address: tuple[str, int],
        timeout: float | None = None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        """Like socket.create_connection, but each resolved address is checked before use."""
        host, port = address
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in socket.getaddrinfo(
            host, port, 0, socket.SOCK_STREAM
        ):
            if not self.allows(host, sockaddr[0]):
                error = _BlockedAddress(f"{host} resolves to {sockaddr[0]}, which is not allowed")
                continue
            sock = socket.socket(family, kind, proto)
            try:
                if isinstance(timeout, int | float):
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
            except OSError as err:
                sock.close()
                error = err
                continue
            return sock
        if isinstance(error, _BlockedAddress):
            self.blocked.append(str(error))
        raise error or OSError(f"no address found for {host}")


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


def youtube_dl(settings: Settings, params: Mapping[str, Any] | None = None) -> Any:
    """A guarded YoutubeDL with the importer's options (plus ``params``); use it in ``with``."""
    options = _params(settings, _YtdlpLog()) | dict(params or {})
    return _guarded_youtube_dl()(options, _AddressGuard(settings.extra_hosts))


def deno_starts(ydl: Any) -> bool:
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


# -- what went wrong --------------------------------------------------------

_DENO_MAY_EXPLAIN = frozenset(
    {Failure.NO_DOWNLOAD, Failure.UNREADABLE, Failure.SITE_ERROR, Failure.NO_VIDEO}
)
"""What a YouTube download without a JS runtime looks like to us: no usable format."""

_AGE = re.compile(r"confirm your age|age[- ]restrict|inappropriate for some users", re.IGNORECASE)
_GONE = re.compile(
    r"private video|video is private|video unavailable|video is unavailable|has been removed"
    r"|no longer available|does not exist|members[- ]only|HTTP Error 40[14]\b|HTTP Error 410\b",
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


def _http_status(error: BaseException) -> int | None:
    if type(error).__name__ != "HTTPError":
        return None
    status = getattr(error, "status", None) or getattr(error, "code", None)
    return status if isinstance(status, int) else None


def _failure(
    error: BaseException, guard: _AddressGuard, messages: Sequence[str], *, started: bool
) -> ImportFailure:
    """Turn whatever yt-dlp raised into one sentence; ``started``: bytes of the video had come."""
    log.info("import failed: %s", error, exc_info=error)
    chain = _causes(error)
    text = " ".join([*(str(e) for e in chain), *messages])
    statuses = [s for s in map(_http_status, chain) if s is not None]
    if guard.blocked or any(isinstance(e, _BlockedAddress) for e in chain):
        kind = Failure.PRIVATE_ADDRESS
    elif any(isinstance(e, _BlockedScheme) for e in chain):
        kind = Failure.UNSUPPORTED_SITE
    elif any(isinstance(e, TimeoutError) for e in chain) or re.search(r"timed? ?out", text, re.I):
        kind = Failure.TIMED_OUT
    elif _AGE.search(text):
        kind = Failure.AGE_RESTRICTED
    elif any(s in (401, 404, 410) for s in statuses) or _GONE.search(text):
        kind = Failure.UNAVAILABLE
    elif "requested format is not available" in text.lower():
        kind = Failure.NO_DOWNLOAD
    elif started:
        kind = Failure.INTERRUPTED
    elif statuses:
        kind = Failure.SITE_ERROR
    elif any(isinstance(e, OSError) for e in chain):
        kind = Failure.NO_NETWORK
    elif re.search(r"unsupported url|no video (could be )?found", text, re.I):
        kind = Failure.NO_VIDEO
    else:
        kind = Failure.UNREADABLE
    return ImportFailure(kind)


# -- reading a video --------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """A titled part of a video, from its chapters or from timestamp lines."""

    start: float
    """Seconds from the video's start."""
    end: float | None
    """Where it ends; None for the last one when the video's length is unknown."""
    title: str
    """The chapter's name, as plain text."""


@dataclass(frozen=True)
class VideoInfo:
    """What the importer knows about one video, all of it plain text or numbers."""

    title: str
    """The video's title."""
    channel: str | None
    """The channel or uploader, if known."""
    duration: float | None
    """Length in seconds, if known (a direct MP4 link often has none)."""
    thumbnail: str | None
    """An http(s) URL of a thumbnail image, if any."""
    url: str
    """The link as given (checked)."""
    webpage_url: str
    """The video's own page (canonical for YouTube), or the link itself."""
    chapters: tuple[Chapter, ...]
    """The video's chapters, in order; empty if it has none."""
    description: str
    """The video's description, as plain text."""
    video_id: str | None = None
    """The site's id for the video, if any."""


_UNTITLED = re.compile(r"^<Untitled Chapter (\d+)>$")


def _chapters(raw: object, duration: float | None) -> tuple[Chapter, ...]:
    if not isinstance(raw, list):
        return ()
    found: dict[float, Chapter] = {}
    for index, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            continue
        start = 0.0 if item.get("start_time") == 0 else _positive(item.get("start_time"))
        end = _positive(item.get("end_time"))
        if start is None or (duration is not None and start >= duration):
            continue
        if duration is not None:
            end = min(end, duration) if end is not None else duration
        if end is not None and end <= start:
            continue
        title = clean_line(item.get("title"), 120)
        untitled = _UNTITLED.match(title)
        if untitled or not title:
            title = f"Part {untitled.group(1) if untitled else index}"
        found.setdefault(start, Chapter(start, end, title))
    return tuple(sorted(found.values(), key=lambda c: c.start))


def video_info(info: Mapping[str, Any], *, url: str) -> VideoInfo:
    """A VideoInfo from a yt-dlp info dict (after ``sanitize_info``); ``url`` is the link given."""
    duration = _positive(info.get("duration"))
    return VideoInfo(
        title=clean_line(info.get("title")) or "Untitled video",
        channel=clean_line(info.get("channel") or info.get("uploader") or info.get("creator"), 120)
        or None,
        duration=duration,
        thumbnail=_web_url(info.get("thumbnail")),
        url=url,
        webpage_url=_web_url(info.get("webpage_url")) or url,
        chapters=_chapters(info.get("chapters"), duration),
        description=_clean_text(info.get("description")),
        video_id=clean_line(info.get("id"), 64) or None,
    )


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


# -- timestamps and proposed steps ------------------------------------------
#
# One reader for every list of timestamps: a video's description, the lines a
# person pastes on the Import page, the CLI. A line is a timestamp line when a
# time opens it or closes it (bullets, numbering, brackets, emoji and a
# bracketed note aside); a list is a run of such lines whose times increase and
# stay inside the video. Times inside sentences are never read.

_TIME = r"(?:(?P<{p}h>\d{{1,2}}):)?(?P<{p}m>\d{{1,3}}):(?P<{p}s>[0-5]\d)"
_OPEN = re.compile(
    r"^[\[(]?" + _TIME.format(p="a") + r"[\])]?"
    r"(?:\s*[-–—~]\s*[\[(]?" + _TIME.format(p="b") + r"[\])]?)?"  # a range: 0:00-2:15
)
_AFTER_OPENING = (" ", "\u00a0", "-", "–", "—", "|", ":", ".", ")", "]")
"""What may follow a time that opens a line without brackets ("0:00Warm-up" is not a line)."""
_CLOSE = re.compile(
    r"(?:^|(?<=[^0-9A-Za-z:=/.?&#]))[\[(]?" + _TIME.format(p="a") + r"[\])]?"
    r"(?P<rest>(?:\s*[\[(][^\[\]()]*[\])])?[^0-9:]*)$"
)
_NUMBERING = re.compile(r"^(?:\d{1,3}\s*[.)]|\d{1,3}\s+[-–—]|#\d{1,3})(?=\s|[^\d:])\s*")
_SEPARATORS = "-–—|:•●◦▪▫■□➤➔→▶►‣⁃·~"
_NOTE = re.compile(r"^\s*[\[(]([^\[\]()]*)[\])]")
_PROSE_ENDS = re.compile(
    r"\b(at|from|until|till|by|around|about|before|after|since|to|ab|um|bis|à|dès|vers|alle)$",
    re.IGNORECASE,
)
"""A time after one of these words is part of a sentence ("join us at 10:30")."""


def _decoration(char: str) -> bool:
    """Bullets, separators, emoji and their modifiers: what dresses a line, never its words."""
    return (
        char.isspace()
        or char in _SEPARATORS
        or (
            unicodedata.category(char) in {"So", "Sk", "Mn", "Cf", "Co", "Pd", "Po"}
            and char not in "'’!?&%#@\".*/\\"
        )
    )


def _trim_start(text: str) -> str:
    """Text without the bullets, separators and emoji it begins with (brackets stay)."""
    start = 0
    while start < len(text) and (_decoration(text[start]) or text[start] in ".*"):
        start += 1
    return text[start:]


def _trim(text: str) -> str:
    """A title without the separators, bullets and emoji around it."""
    start, end = 0, len(text)
    while start < end and (_decoration(text[start]) or text[start] in ".*"):
        start += 1
    while end > start and _decoration(text[end - 1]):
        end -= 1
    return text[start:end]


def _seconds(match: re.Match[str], part: str) -> int | None:
    hours, minutes, seconds = (int(match[f"{part}{k}"] or 0) for k in "hms")
    if match[f"{part}h"] is not None and minutes >= 60:
        return None
    return hours * 3600 + minutes * 60 + seconds


def _timestamp_line(line: str) -> tuple[int, str] | None:
    """The start and title of one timestamp line; None for any other line."""
    text = _INVISIBLE.sub("", line).strip()
    lead = _trim_start(_NUMBERING.sub("", _trim_start(text), count=1))
    opening = _OPEN.match(lead)
    if opening and (
        lead[opening.end() - 1] in ")]" or lead[opening.end() :][:1] in ("", *_AFTER_OPENING)
    ):
        start = _seconds(opening, "a")
        title = _trim(lead[opening.end() :])
        return None if start is None else (start, title)
    closing = _CLOSE.search(text)
    if not closing:
        return None
    rest = closing["rest"]
    note = _NOTE.match(rest)
    after = rest[note.end() :] if note else rest
    if any(not _decoration(c) for c in after) or any(c in ".!?," for c in after):
        return None  # words after the time: a sentence
    before = _trim(_NUMBERING.sub("", _trim(text[: closing.start()]), count=1))
    start = _seconds(closing, "a")
    if start is None or not before or _PROSE_ENDS.search(before) or len(before) > 120:
        return None
    if note and note[1].strip():
        before = f"{before} ({note[1].strip()})"
    return start, before


@dataclass(frozen=True)
class TimestampSearch:
    """What a text's timestamps came to: the longest valid list, and why there is none."""

    chapters: tuple[Chapter, ...]
    """The longest run of timestamp lines with increasing times inside the video."""
    lines: int
    """How many lines read as timestamp lines (in or out of the list)."""
    past_end: int
    """How many of them lie at or past the video's end."""
    mentions: int
    """How many times (like 13:30) appear in the text at all, sentences included."""


_ANY_TIME = re.compile(r"(?<![\d:])\d{1,3}:[0-5]\d(?![\d])")


def find_timestamps(text: str, *, duration: float | None = None) -> TimestampSearch:
    """Read the chapter list in ``text`` (see :func:`parse_timestamps`), with what else was seen."""
    runs: list[list[tuple[int, str]]] = [[]]
    lines = past_end = gap = 0
    for line in (text or "").splitlines():
        found = _timestamp_line(line)
        if found is None:
            gap += bool(line.strip())
            continue
        lines += 1
        start, title = found
        if duration is not None and start >= duration:
            past_end += 1
            runs.append([])
            continue
        if runs[-1] and (start <= runs[-1][-1][0] or gap > 2):
            runs.append([])
        runs[-1].append((start, clean_line(title, 120)))
        gap = 0
    best = max(runs, key=len)  # the first of the longest
    chapters = []
    for index, (start, title) in enumerate(best):
        end = best[index + 1][0] if index + 1 < len(best) else duration
        chapters.append(
            Chapter(
                float(start), float(end) if end is not None else None, title or f"Part {index + 1}"
            )
        )
    mentions = len(_ANY_TIME.findall(text or ""))
    return TimestampSearch(tuple(chapters), lines, past_end, mentions)


def parse_timestamps(text: str, *, duration: float | None = None) -> list[Chapter]:
    """Chapters from a list of timestamp lines, however the uploader wrote them.

    The time may open the line (``2:15 Cat-cow``, ``[0:00] Warm-up``,
    ``• 1:02:03 - Rest``) or close it (``Cat–cow 2:15``, ``1. Warm-up 0:00``,
    ``Plank 1:02:10 (hold longer)``, the note kept in brackets); bullets,
    numbering, emoji and separators around the title are dropped. Times are
    ``m:ss`` to ``hh:mm:ss``. A list is a run of such lines whose times
    increase and lie before ``duration``; of several, the longest is read (the
    first of equals). Each chapter ends where the next begins, the last at
    ``duration`` (None if unknown). Times inside sentences are not read.
    """
    return list(find_timestamps(text, duration=duration).chapters)


def why_no_timestamps(text: str, *, duration: float | None = None, where: str) -> str:
    """One sentence saying why ``text`` (named by ``where``, like "the description") gives
    no list of two or more timestamps."""
    search = find_timestamps(text, duration=duration)
    if search.past_end and search.past_end >= search.lines - 1 and duration is not None:
        return f"The times in {where} go past the video's end ({format_clock(duration)})."
    if search.lines == 1:
        return f"{where.capitalize()} has only one timestamp line, which is not a list."
    if search.lines > 1:
        return f"The times in {where} do not increase from one line to the next."
    if search.mentions:
        return f"{where.capitalize()} mentions times only within sentences, not as a list."
    return f"{where.capitalize()} has no timestamps."


class StepSource(StrEnum):
    """Where the proposed steps came from."""

    CHAPTERS = "chapters"
    DESCRIPTION = "description"
    PASTED = "pasted"
    EQUAL = "equal"

    @property
    def label(self) -> str:
        """How the source is named to a person."""
        return {
            StepSource.CHAPTERS: "the video's chapters",
            StepSource.DESCRIPTION: "timestamps in the video's description",
            StepSource.PASTED: "the timestamps you gave",
            StepSource.EQUAL: "equal parts of the video",
        }[self]


@dataclass(frozen=True)
class ProposedStep:
    """A step as proposed from the video, for the person to edit before saving."""

    name: str
    """The step's name (the chapter title)."""
    start: float
    """Where the step begins in the video, in seconds."""
    end: float
    """Where it ends in the video, in seconds."""
    seconds: int
    """How long the step lasts: the chapter's length unless edited."""
    include: bool = True
    """Whether the step goes into the routine (intros and outros start unticked)."""
    sides: Literal["both"] | None = None
    """"both" for a step done on the left, then on the right."""
    rest_after: int = 0
    """Seconds of rest after the step."""
    instructions: str = DEFAULT_INSTRUCTIONS
    """What the step's card says."""


@dataclass(frozen=True)
class Proposal:
    """The proposed steps and where they came from."""

    source: StepSource
    steps: tuple[ProposedStep, ...]


_NOT_EXERCISE = re.compile(
    r"^(intro|introduction|lead-in|outro|welcome|credits|end|end screen|ending|thanks|thank you"
    r"|thanks for watching|subscribe)[.!]?$",
    re.IGNORECASE,
)


def _steps(chapters: Sequence[Chapter], length: float | None) -> tuple[ProposedStep, ...]:
    steps = []
    for index, chapter in enumerate(chapters):
        end = chapter.end
        if end is None and index + 1 == len(chapters):
            end = length
        if end is None:
            raise ImportFailure(Failure.NEEDS_LENGTH)
        if end <= chapter.start:
            continue
        steps.append(
            ProposedStep(
                name=chapter.title,
                start=round(chapter.start, 3),
                end=round(end, 3),
                seconds=max(1, round(end - chapter.start)),
                include=not _NOT_EXERCISE.match(chapter.title),
            )
        )
    return tuple(steps)


LEAD_IN = "Lead-in"
"""The name of the step before a list's first time, when that is later than 0:00."""


def _with_lead_in(chapters: Sequence[Chapter]) -> tuple[Chapter, ...]:
    """A list whose first time is after 0:00 keeps it, behind a lead-in step that starts
    unticked: what comes before the first timestamp is the person's to keep or leave."""
    if not chapters or chapters[0].start <= 0:
        return tuple(chapters)
    return (Chapter(0.0, chapters[0].start, LEAD_IN), *chapters)


def default_parts(length: float) -> int:
    """How many equal steps a video without chapters is split into: one per two minutes, 1–12."""
    return max(1, min(12, round(length / 120)))


def propose_steps(
    info: VideoInfo,
    *,
    equal_parts: int | None = None,
    duration: float | None = None,
    timestamps: str | None = None,
) -> Proposal:
    """Propose steps: from pasted ``timestamps`` if given, else the video's chapters, else
    timestamp lines in its description (two or more), else equal parts.

    ``equal_parts`` forces a split into that many equal steps (fewer for a
    video shorter than that many seconds). ``duration`` gives the length when
    the site did not; without any length, a split raises NEEDS_LENGTH.
    """
    length = _positive(duration) or info.duration
    if equal_parts is None:
        if timestamps is not None and timestamps.strip():
            pasted = find_timestamps(timestamps, duration=length)
            if not pasted.chapters and not pasted.lines:
                raise ImportFailure(Failure.NO_TIMESTAMPS)
            if not pasted.chapters:
                why = why_no_timestamps(timestamps, duration=length, where="the lines you pasted")
                raise ImportFailure(Failure.NO_TIMESTAMPS, why)
            return Proposal(StepSource.PASTED, _steps(_with_lead_in(pasted.chapters), length))
        if info.chapters:
            return Proposal(StepSource.CHAPTERS, _steps(info.chapters, length))
        described = parse_timestamps(info.description, duration=length)
        if len(described) >= 2:
            return Proposal(StepSource.DESCRIPTION, _steps(_with_lead_in(described), length))
    elif not 1 <= equal_parts <= MAX_PARTS:
        raise ValueError(f"equal_parts must be from 1 to {MAX_PARTS}, not {equal_parts}")
    if length is None:
        raise ImportFailure(Failure.NEEDS_LENGTH)
    parts = max(1, min(equal_parts or default_parts(length), math.floor(length)))
    bounds = [round(length * i / parts, 3) for i in range(parts + 1)]
    chapters = [Chapter(bounds[i], bounds[i + 1], f"Part {i + 1}") for i in range(parts)]
    return Proposal(StepSource.EQUAL, _steps(chapters, length))


# -- the routine ------------------------------------------------------------


@dataclass(frozen=True)
class RoutineDetails:
    """What the person says about the routine; the rest comes from the video."""

    title: str
    """The routine's title (the video's, unless changed)."""
    focus: tuple[Focus, ...] = (Focus.LOWER_BACK,)
    level: Level = Level.GENTLE
    style: Style = Style.STRETCH
    equipment: tuple[str, ...] = ()
    caution: str = ""
    """One caution line for the whole routine, if any."""
    summary: str = ""
    """One line saying what the routine is for; made from the video when empty."""
    routine_id: str = ""
    """The id (and file name); made from the title when empty."""


_GUESSES: tuple[tuple[str, object], ...] = (
    (r"pilates", Style.PILATES),
    (r"breath|relax|meditat|calm|sleep", Style.BREATHING),
    (r"mobility|mobilit|flow|cat.?cow", Style.MOBILITY),
    (r"neck|shoulder|upper back|thoracic|posture", Focus.UPPER_BACK_NECK),
    (r"hip|glute|piriformis|sciatica", Focus.HIPS),
    (r"\bcore\b|\babs\b|abdominal|plank", Focus.CORE),
    (r"breath|relax|calm|sleep", Focus.RELAXATION),
    (r"lower back|low back|lumbar|back pain", Focus.LOWER_BACK),
    (r"advanced|intense|hard\b|challenging", Level.CHALLENGING),
    (r"intermediate", Level.MODERATE),
)


def guess_details(info: VideoInfo) -> RoutineDetails:
    """First guesses for the routine's details, from the video's title and chapter names."""
    words = " ".join([info.title, *(c.title for c in info.chapters)]).casefold()
    hits = [value for pattern, value in _GUESSES if re.search(pattern, words)]
    focus = tuple(dict.fromkeys(v for v in hits if isinstance(v, Focus))) or (Focus.LOWER_BACK,)
    style = next((v for v in hits if isinstance(v, Style)), Style.STRETCH)
    level = next((v for v in hits if isinstance(v, Level)), Level.GENTLE)
    return RoutineDetails(title=info.title, focus=focus, level=level, style=style)


_RESERVED_NAMES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(10)),
}
"""Names Windows will not give a file, whatever the extension."""


def slugify(title: str, *, limit: int = 60) -> str:
    """An id from a title: lower-case ASCII words joined by hyphens; never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    slug = slug or (words[0][:limit] if words else "my-routine")
    return f"{slug}-routine" if slug in _RESERVED_NAMES else slug


def make_routine(
    info: VideoInfo, steps: Iterable[ProposedStep], details: RoutineDetails
) -> Routine:
    """A validated routine from the video, the chosen steps and the person's details.

    Validation is the library's own (:func:`limber.library.parse_routine`), so a
    saved routine loads like a bundled one. Raises ImportFailure when no step is
    included or the routine is not valid.
    """
    chosen = [s for s in steps if s.include]
    if not chosen:
        raise ImportFailure(Failure.NO_STEPS)
    title = clean_line(details.title) or clean_line(info.title) or "My routine"
    routine_id = details.routine_id or slugify(title)
    if not re.fullmatch(ID_PATTERN, routine_id):
        raise ImportFailure(Failure.BAD_ID)
    video_title, channel = clean_line(info.title), clean_line(info.channel, 120)
    by = f" by {channel}" if channel else ""
    summary = clean_line(details.summary) or clean_line(f"Follow along with “{video_title}”{by}.")
    source = {"title": video_title, "author": channel, "url": info.webpage_url}
    data = {
        "id": routine_id,
        "title": title,
        "summary": summary,
        "focus": [Focus(f).value for f in details.focus],
        "level": Level(details.level).value,
        "style": Style(details.style).value,
        "equipment": [clean_line(e, 60) for e in details.equipment if clean_line(e, 60)],
        "prepare_seconds": 10,
        "rest_seconds": 0,  # the video runs on from one chapter to the next
        "cautions": [clean_line(details.caution, 300)] if clean_line(details.caution) else [],
        "video": info.webpage_url,
        "source": {k: v for k, v in source.items() if v},
        "steps": [
            {
                "name": clean_line(s.name, 120),
                "seconds": s.seconds,
                "sides": s.sides,
                "rest_seconds": s.rest_after or None,
                "instructions": clean_line(s.instructions, 500) or DEFAULT_INSTRUCTIONS,
                "video": {"start": round(s.start, 3), "end": round(s.end, 3)},
            }
            for s in chosen
        ],
    }
    for step in data["steps"]:
        for key in [k for k, v in step.items() if v is None]:
            del step[key]
    try:
        return parse_routine(data, shown_as=f"{routine_id}.yaml")
    except RoutineFileError as error:
        reasons = "; ".join(
            f"{p.field}: {p.reason}" if p.field else p.reason for p in error.problems
        )
        raise ImportFailure(Failure.INVALID, f"The routine is not valid: {reasons}.") from None


def _clock(seconds: float) -> str | float:
    """Whole seconds as ``m:ss`` (as routine authors write them), others as a number."""
    return format_clock(seconds) if float(seconds).is_integer() else seconds


def schema_ref(folder: Path) -> str:
    """How a routine file in ``folder`` points at routines/schema.json (``../schema.json``
    for routines/my/)."""
    try:
        return Path(os.path.relpath(SCHEMA_FILE, Path(folder).resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return SCHEMA_FILE.as_uri()


def routine_yaml(routine: Routine, *, schema: str = "../schema.json") -> str:
    """The routine as a YAML file: a schema comment, then its fields in the model's order.

    All text goes through yaml.safe_dump, so a title like ``<b>`` or ``!!python``
    stays a plain string.
    """
    data = routine.model_dump(mode="json", exclude_none=True)
    for key in ("equipment", "cautions"):
        if not data.get(key):
            data.pop(key, None)
    for step in data["steps"]:
        for key in ("cues", "cautions"):
            if not step.get(key):
                step.pop(key, None)
        if "video" in step:
            step["video"] = {k: _clock(v) for k, v in step["video"].items()}
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def save_routine(
    routine: Routine, folder: Path, *, overwrite: bool = False, taken: Iterable[str] = ()
) -> Path:
    """Write ``<id>.yaml`` into ``folder`` (created if missing) and return its path.

    An existing file, or an id in ``taken`` (the library's other routines), is
    refused unless ``overwrite``. The text is checked to load back as the same
    routine before it is written.
    """
    folder = Path(folder)
    if not re.fullmatch(ID_PATTERN, routine.id):  # an id is never a path
        raise ImportFailure(Failure.BAD_ID)
    path = folder / f"{routine.id}.yaml"
    if not overwrite and routine.id in set(taken):
        raise ImportFailure(Failure.EXISTS)
    text = routine_yaml(routine, schema=schema_ref(folder))
    try:
        again = parse_routine(yaml.safe_load(text), shown_as=path.name, text=text, stem=routine.id)
    except RoutineFileError as error:
        raise ImportFailure(Failure.INVALID, f"The routine is not valid: {error}.") from None
    if again != routine:
        raise ImportFailure(Failure.INVALID)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if overwrite:
            temporary = folder / f".{routine.id}.yaml.tmp"
            temporary.write_text(text, encoding="utf-8", newline="\n")
            os.replace(temporary, path)
        else:
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
    except FileExistsError:
        raise ImportFailure(Failure.EXISTS) from None
    except OSError:
        raise ImportFailure(Failure.CANNOT_WRITE) from None
    return path


# -- offline copies ---------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far a download has got, as yt-dlp's progress hooks report it."""

    status: Literal["downloading", "finished"]
    downloaded_bytes: int
    total_bytes: int | None
    """The file's size, or yt-dlp's estimate of it; None if unknown."""
    speed: float | None
    """Bytes per second, if known."""
    eta: float | None
    """Seconds left, if known."""

    @property
    def percent(self) -> float | None:
        """0–100, if the size is known."""
        if not self.total_bytes:
            return None
        return min(100.0, 100.0 * self.downloaded_bytes / self.total_bytes)


def download_format(max_height: int) -> str:
    """yt-dlp's format spec for one MP4 file with both video and audio (no ffmpeg merge),
    over plain http(s), at most ``max_height`` pixels tall. Unknown codecs or height pass."""
    return (
        f"best[ext=mp4][acodec!=?none][vcodec!=?none][height<=?{int(max_height)}]"
        "[protocol~='^https?$']"
    )


def cache_key(url_or_id: str) -> str | None:
    """The file name (without .mp4) of a video's offline copy; None for anything else.

    A YouTube link in any form gives its video id; another link a hash of it;
    a bare id is taken as it is if it is safe as a file name.
    """
    text = (url_or_id or "").strip()
    if re.match(r"^https?://", text, re.IGNORECASE):
        return youtube_id(text) or "v-" + hashlib.sha256(text.encode()).hexdigest()[:20]
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", text) else None


def cached_video(url_or_id: str, cache_dir: Path) -> Path | None:
    """The offline copy of a video, if one is kept."""
    key = cache_key(url_or_id)
    if key is None:
        return None
    path = Path(cache_dir) / f"{key}.mp4"
    return path if path.is_file() else None


def _remove_files(cache_dir: Path, key: str) -> None:
    """Remove the copy and yt-dlp's partial files (``.part``, ``.ytdl``) of one video."""
    for leftover in Path(cache_dir).glob(f"{key}.*"):
        leftover.unlink(missing_ok=True)


def delete_cached(url_or_id: str, cache_dir: Path) -> bool:
    """Delete a video's offline copy (and any partial download); True if a copy was deleted."""
    key = cache_key(url_or_id)
    if key is None:
        return False
    existed = (Path(cache_dir) / f"{key}.mp4").is_file()
    _remove_files(cache_dir, key)
    return existed


def _progress(report: Mapping[str, Any]) -> Progress | None:
    status = report.get("status")
    if status not in ("downloading", "finished"):
        return None
    total = report.get("total_bytes") or report.get("total_bytes_estimate")
    return Progress(
        status=status,
        downloaded_bytes=int(report.get("downloaded_bytes") or 0),
        total_bytes=int(total) if total else None,
        speed=_positive(report.get("speed")),
        eta=_positive(report.get("eta")),
    )


def download_video(
    url: str,
    *,
    settings: Settings | None = None,
    max_height: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> Path:
    """Keep a single-file MP4 copy of a video in the cache folder and return its path.

    Pass the routine's ``video`` link, so the copy is found again with
    :func:`cached_video`. A copy already kept is returned without any network.
    ``on_progress`` is called with each progress report; an exception from it
    stops the download. On any failure the partial file is removed and
    ImportFailure is raised.
    """
    settings = settings or Settings()
    checked = check_url(url, settings=settings)
    key = cache_key(checked)
    assert key is not None  # a checked link always has one
    cache = Path(settings.video_cache)
    kept = cached_video(key, cache)
    if kept is not None:
        return kept
    guard, logger = _AddressGuard(settings.extra_hosts), _YtdlpLog()
    reports: list[Progress] = []

    def hook(report: dict[str, Any]) -> None:
        progress = _progress(report)
        if progress is not None:
            reports.append(progress)
            if on_progress is not None:
                on_progress(progress)

    params = _params(settings, logger) | {
        "format": download_format(max_height or settings.max_height),
        "outtmpl": {"default": f"{key}.%(ext)s"},
        "progress_hooks": [hook],
    }
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with _guarded_youtube_dl()(params, guard) as ydl:
            info = ydl.extract_info(checked, download=True)
    except Exception as error:  # every failure inside yt-dlp becomes one sentence
        _remove_files(cache, key)
        failure = _failure(error, guard, logger.messages, started=bool(reports))
        raise _without_deno(failure, checked, settings) from None
    if isinstance(info, dict) and info.get("_type") in {"playlist", "multi_video"}:
        raise ImportFailure(Failure.PLAYLIST)
    path = cache / f"{key}.mp4"
    if not path.is_file():
        _remove_files(cache, key)
        raise _without_deno(ImportFailure(Failure.NO_DOWNLOAD), checked, settings)
    return path


# -- for the Import page: step choices, the steps table, lengths, progress ---

MAX_STEP_SECONDS = 3600
"""The longest a step may be held, in seconds."""
MAX_REST_SECONDS = 600
"""The longest rest after a step, in seconds."""
SIDES_CHOICES = ("none", "both")
"""How the steps table names a step's sides: one side (``none``) or left then right."""


def step_sources(info: VideoInfo) -> tuple[StepSource, ...]:
    """The ways the steps can be made for this video, the best first.

    Its chapters, else the timestamps in its description (two or more), then
    equal parts (they need nothing typed), then timestamps the person pastes.
    """
    if info.chapters:
        found: tuple[StepSource, ...] = (StepSource.CHAPTERS,)
    elif len(parse_timestamps(info.description, duration=info.duration)) >= 2:
        found = (StepSource.DESCRIPTION,)
    else:
        found = ()
    return (*found, StepSource.EQUAL, StepSource.PASTED)


def why_no_chapters(info: VideoInfo) -> str | None:
    """Why the video's own steps cannot be read, in one sentence; None when they can."""
    if StepSource.CHAPTERS in step_sources(info) or StepSource.DESCRIPTION in step_sources(info):
        return None
    why = why_no_timestamps(info.description, duration=info.duration, where="the description")
    return f"The video has no chapters, and {why[0].lower()}{why[1:]}"


def proposal_for(
    info: VideoInfo,
    source: StepSource,
    *,
    equal_parts: int | None = None,
    duration: float | None = None,
    timestamps: str = "",
) -> Proposal:
    """The steps made the way the person chose (see :func:`step_sources`).

    PASTED with no timestamp lines raises NO_TIMESTAMPS; EQUAL without
    ``equal_parts`` splits into :func:`default_parts`; a split without any
    length raises NEEDS_LENGTH.
    """
    if source is StepSource.PASTED:
        if not timestamps.strip():
            raise ImportFailure(Failure.NO_TIMESTAMPS)
        return propose_steps(info, timestamps=timestamps, duration=duration)
    if source is StepSource.EQUAL:
        length = _positive(duration) or info.duration
        if length is None:
            raise ImportFailure(Failure.NEEDS_LENGTH)
        parts = equal_parts or default_parts(length)
        return propose_steps(info, equal_parts=parts, duration=length)
    return propose_steps(info, duration=duration)


def parse_length(text: str) -> float | None:
    """A video's length typed as ``m:ss``, ``h:mm:ss`` or seconds; None when nothing is typed.

    Raises ImportFailure (BAD_LENGTH) for anything else, zero and lengths over a day.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = parse_clock(text)
    except ValueError:
        value = None
    if not isinstance(value, int | float) or not math.isfinite(value) or not 0 < value <= 86_400:
        raise ImportFailure(Failure.BAD_LENGTH)
    return float(value)


def step_rows(steps: Iterable[ProposedStep]) -> list[dict[str, Any]]:
    """The steps as rows of the Import page's table: include, name, start, end (as m:ss),
    seconds, sides (``none`` or ``both``) and rest_after."""
    return [
        {
            "include": step.include,
            "name": step.name,
            "start": format_clock(step.start),
            "end": format_clock(step.end),
            "seconds": step.seconds,
            "sides": step.sides or "none",
            "rest_after": step.rest_after,
        }
        for step in steps
    ]


def _number(value: object) -> float | None:
    """A number from a table cell (numpy numbers included); None for blank, NaN or text."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _ticked(value: object) -> bool:
    """A checkbox cell: ticked when it holds a true value (numpy's bool too), not when blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    try:
        return bool(value)
    except (TypeError, ValueError):  # pandas' NA has no truth value
        return False


def edited_steps(
    steps: Sequence[ProposedStep], rows: Sequence[Mapping[str, Any]]
) -> tuple[ProposedStep, ...]:
    """The proposed steps with the person's edits from the table (rows as :func:`step_rows`).

    Start and end stay as proposed. A step left out keeps its proposed values;
    an included step with no name, or seconds or rest out of range, raises
    ImportFailure (BAD_STEP) naming the step by its number.
    """
    if len(rows) != len(steps):
        raise ValueError(f"{len(rows)} rows for {len(steps)} steps")
    edited = []
    for number, (step, row) in enumerate(zip(steps, rows, strict=True), start=1):
        if not _ticked(row.get("include")):
            edited.append(ProposedStep(**{**step.__dict__, "include": False}))
            continue
        name = clean_line(row.get("name") if isinstance(row.get("name"), str) else "", 120)
        if not name:
            raise ImportFailure(Failure.BAD_STEP, f"Step {number} needs a name.")
        seconds = _number(row.get("seconds"))
        if seconds is None or not 1 <= round(seconds) <= MAX_STEP_SECONDS:
            raise ImportFailure(
                Failure.BAD_STEP,
                f"Step {number} needs a whole number of seconds from 1 to {MAX_STEP_SECONDS}.",
            )
        rest = _number(row.get("rest_after"))
        rest = 0.0 if rest is None else rest
        if not 0 <= round(rest) <= MAX_REST_SECONDS:
            raise ImportFailure(
                Failure.BAD_STEP,
                f"Step {number} needs a rest from 0 to {MAX_REST_SECONDS} seconds.",
            )
        edited.append(
            ProposedStep(
                name=name,
                start=step.start,
                end=step.end,
                seconds=round(seconds),
                include=True,
                sides="both" if row.get("sides") == "both" else None,
                rest_after=round(rest),
                instructions=step.instructions,
            )
        )
    return tuple(edited)


def ids_taken_elsewhere(entries: Iterable[Entry], folder: Path) -> frozenset[str]:
    """The ids of library routines that are not a file ``<id>.yaml`` right in ``folder``:
    saving under one of them would make two routines with one id, so it is never replaced."""
    folder = Path(folder).resolve()
    return frozenset(e.routine.id for e in entries if e.path != folder / f"{e.routine.id}.yaml")


def describe_size(size: float) -> str:
    """A number of bytes as a person reads it: ``850 bytes``, ``12.3 kB``, ``4.5 MB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{int(size)} bytes"


def describe_progress(progress: Progress) -> str:
    """A download's progress as one sentence: how far, of how much, how fast."""
    if progress.status == "finished":
        return f"Done: {describe_size(progress.downloaded_bytes)} kept for offline use."
    if progress.percent is not None and progress.total_bytes:
        text = f"Downloading: {progress.percent:.0f}% of {describe_size(progress.total_bytes)}"
    else:
        text = f"Downloading: {describe_size(progress.downloaded_bytes)} so far"
    if progress.speed:
        text += f" at {describe_size(progress.speed)}/s"
    return text + "."
