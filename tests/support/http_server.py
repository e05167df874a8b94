"""A local HTTP server for tests, on 127.0.0.1 and a free port: no test needs the internet.

Each path is given a behaviour before (or while) the server runs::

    with LocalServer() as server:
        video = server.file("/video.mp4", mp4_path)          # 200, Range requests too
        gone = server.status("/gone", 404)                   # any status, optional body
        moved = server.redirect("/old", "http://10.0.0.1/")  # 301/302/303/307/308
        stuck = server.hang("/slow")                         # reads the request, never answers
        cut = server.truncated("/cut.mp4", data, send=1000)  # promises all, sends 1000 bytes
        page = server.page("/watch", "<html>…</html>")

Every request is recorded in ``server.requests`` (method, path, headers), so a
test can assert what a client asked for. A hanging handler is released when
the server stops, and the server answers HTTP/1.0 (one request per
connection), which keeps truncation and hangs easy to reason about.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

__all__ = ["LocalServer", "RecordedRequest"]

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    """GET, HEAD, …"""
    path: str
    """The path with its query string, as sent."""
    headers: dict[str, str] = field(repr=False)
    """The request headers (last value wins for repeated names)."""


Behaviour = Callable[["_Handler"], None]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        self.server.owner.requests.append(
            RecordedRequest(self.command, self.path, dict(self.headers.items()))
        )
        behaviour = self.server.owner.routes.get(self.path.split("?", 1)[0])
        if behaviour is None:
            self.send_answer(404, b"not found", "text/plain")
        else:
            behaviour(self)

    def send_answer(
        self,
        code: int,
        body: bytes,
        content_type: str,
        extra: dict[str, str] | None = None,
        *,
        length: int | None = None,
    ) -> None:
        """Send a status, headers (Content-Length is ``length`` or the body's) and the body."""
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: pytest shows failures, not access logs."""


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    owner: LocalServer


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 whose paths serve files, errors, redirects or hangs."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Behaviour] = {}
        """What each path does; a path not listed answers 404."""
        self.requests: list[RecordedRequest] = []
        """Every request received, in order."""
        self._release = threading.Event()
        self._server = _Server((host, 0), _Handler)
        self._server.owner = self
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port the server listens on (chosen free by the system)."""
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, without a trailing slash."""
        return f"http://{self._server.server_address[0]}:{self.port}"

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base_url + path

    # -- behaviours ---------------------------------------------------------

    def file(self, path: str, source: Path | bytes, content_type: str = "video/mp4") -> str:
        """Serve a file (or bytes) at ``path``, honouring single ``Range: bytes=a-b`` requests."""
        data = source if isinstance(source, bytes) else Path(source).read_bytes()

        def serve(handler: _Handler) -> None:
            wanted = _RANGE.match(handler.headers.get("Range", "").strip())
            extra = {"Accept-Ranges": "bytes"}
            if not wanted or wanted.groups() == ("", ""):
                handler.send_answer(200, data, content_type, extra)
                return
            first, last = wanted.groups()
            if first:
                start, end = int(first), min(int(last) if last else len(data) - 1, len(data) - 1)
            else:  # "bytes=-N": the last N bytes
                start, end = max(0, len(data) - int(last)), len(data) - 1
            if start >= len(data) or start > end:
                extra["Content-Range"] = f"bytes */{len(data)}"
                handler.send_answer(416, b"", content_type, extra)
                return
            extra["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
            handler.send_answer(206, data[start : end + 1], content_type, extra)

        return self.add(path, serve)

    def page(self, path: str, html: str) -> str:
        """Serve an HTML page at ``path``."""
        body = html.encode("utf-8")
        return self.add(path, lambda h: h.send_answer(200, body, "text/html; charset=utf-8"))

    def status(
        self, path: str, code: int, body: bytes = b"", content_type: str = "text/plain"
    ) -> str:
        """Answer ``path`` with a bare status code (404, 410, 500 …) and an optional body."""
        return self.add(path, lambda h: h.send_answer(code, body, content_type))

    def redirect(self, path: str, location: str, code: int = 302) -> str:
        """Redirect ``path`` to ``location`` (absolute or relative) with the given status."""
        return self.add(
            path, lambda h: h.send_answer(code, b"", "text/plain", {"Location": location})
        )

    def hang(self, path: str) -> str:
        """Read the request at ``path`` and never answer, until the server stops.

        The client's own timeout is what ends the wait; nothing here sleeps.
        """
        return self.add(path, lambda h: self._release.wait())

    def truncated(
        self, path: str, data: bytes, *, send: int, content_type: str = "video/mp4"
    ) -> str:
        """Promise ``len(data)`` bytes at ``path``, send only the first ``send``, then close."""

        def serve(handler: _Handler) -> None:
            handler.send_answer(200, data[:send], content_type, length=len(data))
            handler.wfile.flush()
            handler.close_connection = True

        return self.add(path, serve)

    def add(self, path: str, behaviour: Behaviour) -> str:
        """Give ``path`` any behaviour (a function of the request handler); return its URL."""
        if not path.startswith("/"):
            raise ValueError(f"a path starts with '/': {path!r}")
        self.routes[path] = behaviour
        return self.url(path)

    # -- life cycle ---------------------------------------------------------

    def start(self) -> LocalServer:
        """Start serving in a background thread."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.02},  # how soon stop() is noticed; not a wait in a test
                name=f"local-http-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests, stop serving and close the socket."""
        self._release.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
