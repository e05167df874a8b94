"""bench/wire.py, the load test's WebSocket client: its frames as RFC 6455 has them."""

import asyncio
import struct
import threading
from collections.abc import Coroutine
from typing import Any

import pytest

from bench import wire


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run`` in a thread of its own: the e2e tests' Playwright keeps a loop
    running in this one when the whole suite runs."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as err:  # handed back to the test
            result["error"] = err

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def unmask(data: bytes) -> tuple[int, int, bytes]:
    """(FIN and opcode byte, length, payload) of one masked frame."""
    first, second = data[0], data[1]
    assert second & 0x80, "a client's frame is masked"
    size, at = second & 0x7F, 2
    if size == 126:
        (size,) = struct.unpack_from("!H", data, at)
        at += 2
    elif size == 127:
        (size,) = struct.unpack_from("!Q", data, at)
        at += 8
    mask, payload = data[at : at + 4], data[at + 4 :]
    assert len(payload) == size
    return first, size, bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


@pytest.mark.parametrize("size", [0, 1, 125, 126, 65535, 65536])
def test_a_frame_is_final_masked_and_carries_its_payload(size):
    payload = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    first, length, back = unmask(wire.frame(wire.BINARY, payload))
    assert first == 0x80 | wire.BINARY
    assert length == size
    assert back == payload


def server_frame(opcode: int, payload: bytes, final: bool = True) -> bytes:
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", (0x80 if final else 0) | opcode, size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", (0x80 if final else 0) | opcode, 126, size)
    else:
        head = struct.pack("!BBQ", (0x80 if final else 0) | opcode, 127, size)
    return head + payload


class Transport(asyncio.Transport):
    """What the connection writes, and whether it closed."""

    def __init__(self):
        super().__init__()
        self.written: list[bytes] = []
        self.closing = False

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def is_closing(self) -> bool:
        return self.closing

    def close(self) -> None:
        self.closing = True


def opened(answer: bytes) -> tuple[wire.Connection, Transport]:
    connection = wire.Connection(b"GET / HTTP/1.1\r\n\r\n")
    transport = Transport()
    connection.connection_made(transport)
    connection.data_received(answer)
    return connection, transport


UPGRADE = b"HTTP/1.1 101 Switching Protocols\r\nSet-Cookie: S=app1; Path=/\r\n\r\n"


def test_messages_split_across_reads_and_fragments_arrive_whole_and_in_order():
    async def scenario():
        big = b"x" * 70_000
        stream = (
            UPGRADE
            + server_frame(wire.BINARY, b"one")
            + server_frame(wire.BINARY, b"tw", final=False)
            + server_frame(wire.PING, b"hi")
            + server_frame(wire.CONTINUATION, b"o")
            + server_frame(wire.BINARY, big)
        )
        connection = wire.Connection(b"GET / HTTP/1.1\r\n\r\n")
        transport = Transport()
        connection.connection_made(transport)
        for n in range(0, len(stream), 7):  # seven bytes at a time
            connection.data_received(stream[n : n + 7])
        assert connection.header("set-cookie") == ["S=app1; Path=/"]
        got = [await connection.recv() for _ in range(3)]
        # The request, then a pong with the ping's payload.
        first, _, payload = unmask(transport.written[1])
        return got, first, payload

    got, first, payload = run(scenario())
    assert got == [b"one", b"two", b"x" * 70_000]
    assert (first, payload) == (0x80 | wire.PONG, b"hi")


def test_a_refused_upgrade_fails_the_opening():
    async def scenario():
        connection, _ = opened(b"HTTP/1.1 403 Forbidden\r\n\r\n")
        await connection.opened

    with pytest.raises(wire.Closed, match="403"):
        run(scenario())


def test_a_close_is_answered_and_a_waiting_recv_learns_of_it():
    async def scenario():
        connection, transport = opened(UPGRADE)
        waiting = asyncio.ensure_future(connection.recv())
        await asyncio.sleep(0)  # let recv() start waiting
        connection.data_received(server_frame(wire.CLOSE, struct.pack("!H", 1001)))
        connection.connection_lost(None)
        with pytest.raises(wire.Closed):
            await waiting
        first, _, payload = unmask(transport.written[-1])
        return transport.closing, first, payload

    closing, first, payload = run(scenario())
    assert closing
    assert (first, payload) == (0x80 | wire.CLOSE, struct.pack("!H", 1001))
