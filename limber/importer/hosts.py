"""Host names and addresses as compared: one normal form, public or not, allowed or not."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable


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
