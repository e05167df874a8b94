"""A lean WebSocket client (RFC 6455) for bench/load_client.py: just what a Streamlit tab needs.

The ``websockets`` package spent about 25 µs of Python on each frame it received,
and a Library run is some 30 frames: with two replicas behind HAProxy on a
2-core machine, the load's own work was a tenth of a replica's, on the same
cores. This client parses every complete frame of a read in one loop and hands
a message over without a task switch when one is waiting.

Enough of the protocol for a benchmark on loopback: one HTTP/1.1 upgrade with
subprotocols and a cookie, binary and text messages (fragmented ones joined),
masked frames out, pings answered, a close answered and reported. No
compression, no TLS, no extensions.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import os
import struct
from urllib.parse import urlsplit

CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


class Closed(ConnectionError):
    """The connection is closed (by either side, or lost)."""


def frame(opcode: int, payload: bytes) -> bytes:
    """One final, masked frame (a client masks every frame it sends)."""
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
    mask = os.urandom(4)
    if size:
        key = (mask * (size // 4 + 1))[:size]
        payload = (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(
            size, "big"
        )
    return head + mask + payload


class Connection(asyncio.Protocol):
    """One WebSocket: ``await connect(…)``, then ``send``, ``recv``, ``wait_closed``, ``close``."""

    def __init__(self, request: bytes):
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.upgraded = False
        self.headers: list[tuple[str, str]] = []
        self.opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.messages: collections.deque[bytes] = collections.deque()
        self.waiter: asyncio.Future[None] | None = None
        self.parts: list[bytes] = []

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self._answer(bytes(self.buffer[:end]).decode("latin-1"))
            del self.buffer[: end + 4]
            if not self.upgraded:
                return
        self._frames()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(Closed(f"connection lost during the upgrade: {exc}"))
        if not self.closed.done():
            self.closed.set_result(None)
        self._wake()

    # the protocol

    def _answer(self, head: str) -> None:
        status, *lines = head.split("\r\n")
        for line in lines:
            name, _, value = line.partition(":")
            self.headers.append((name.strip().lower(), value.strip()))
        if status.split(" ", 2)[1:2] != ["101"]:
            self.opened.set_exception(Closed(f"the server refused the upgrade: {status}"))
            assert self.transport is not None
            self.transport.close()
            return
        self.upgraded = True
        self.opened.set_result(None)

    def _frames(self) -> None:
        buffer = self.buffer
        start = 0
        while len(buffer) - start >= 2:
            first, second = buffer[start], buffer[start + 1]
            size = second & 0x7F
            at = start + 2
            if size == 126:
                if len(buffer) - at < 2:
                    break
                (size,) = struct.unpack_from("!H", buffer, at)
                at += 2
            elif size == 127:
                if len(buffer) - at < 8:
                    break
                (size,) = struct.unpack_from("!Q", buffer, at)
                at += 8
            if len(buffer) - at < size:  # a server's frames are not masked
                break
            payload = bytes(buffer[at : at + size])
            start = at + size
            self._frame(first & 0x80, first & 0x0F, payload)
        del buffer[:start]

    def _frame(self, final: int, opcode: int, payload: bytes) -> None:
        if opcode in (TEXT, BINARY, CONTINUATION):
            self.parts.append(payload)
            if final:
                self.messages.append(
                    self.parts[0] if len(self.parts) == 1 else b"".join(self.parts)
                )
                self.parts = []
                self._wake()
        elif opcode == PING:
            self._write(PONG, payload)
        elif opcode == CLOSE:
            self._write(CLOSE, payload[:2])
            assert self.transport is not None
            self.transport.close()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def _write(self, opcode: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            raise Closed("the connection is closed")
        self.transport.write(frame(opcode, payload))

    # what a tab uses

    def header(self, name: str) -> list[str]:
        """Every value of one response header of the upgrade."""
        return [value for key, value in self.headers if key == name.lower()]

    async def send(self, message: bytes) -> None:
        """Send a binary message."""
        self._write(BINARY, message)

    async def recv(self) -> bytes:
        """The next message; :class:`Closed` once the connection is closed and none is left."""
        while not self.messages:
            if self.closed.done():
                raise Closed("the connection is closed")
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        return self.messages.popleft()

    async def wait_closed(self) -> None:
        """Return when the connection is closed."""
        await asyncio.shield(self.closed)

    async def close(self) -> None:
        """Close (a close frame, then the socket)."""
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(frame(CLOSE, struct.pack("!H", 1000)))
            self.transport.close()
        try:
            await asyncio.wait_for(self.wait_closed(), 10)
        except TimeoutError:
            if self.transport is not None:
                self.transport.abort()


async def connect(
    url: str, *, subprotocols: list[str], headers: dict[str, str], timeout: float
) -> Connection:
    """Open ``ws://host:port/path`` with these subprotocols and extra request headers."""
    parts = urlsplit(url)
    if parts.scheme != "ws" or parts.hostname is None:
        raise ValueError(f"only ws:// URLs: {url}")
    port = parts.port or 80
    lines = [
        f"GET {parts.path or '/'} HTTP/1.1",
        f"Host: {parts.hostname}:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
        "Sec-WebSocket-Version: 13",
        f"Sec-WebSocket-Protocol: {', '.join(subprotocols)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    loop = asyncio.get_running_loop()

    async def opened() -> Connection:
        _, protocol = await loop.create_connection(
            lambda: Connection(request), parts.hostname, port
        )
        await protocol.opened
        return protocol

    return await asyncio.wait_for(opened(), timeout)
