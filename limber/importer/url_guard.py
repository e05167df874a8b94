"""Which links may be read (:func:`check_url`), and the address check on every connection."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from limber.importer.config import VIDEO_HOSTS, Settings
from limber.importer.failures import Failure, ImportFailure
from limber.importer.hosts import _ip, _is_public, _matches, _normal_host

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
