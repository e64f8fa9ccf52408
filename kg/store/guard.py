"""A guard in front of the local SPARQL server of ``kg serve``: it answers only requests addressed to it by name
and sent from its own pages.

Oxigraph's server checks neither the ``Host`` nor the ``Origin`` of a request. Any web page open in a browser on
the same machine can then send it a form (a cross-origin ``POST``: an update when the store is writable), and a
page whose own domain name is re-pointed at 127.0.0.1 (DNS rebinding) can read the data as if it were its own.
The guard listens where the user asked, forwards to Oxigraph on a private port, and refuses with 403:

* a request whose ``Host`` is not the address the guard serves (``127.0.0.1:PORT``, ``localhost:PORT``,
  ``[::1]:PORT``, or the address given with ``--host``) — only checked on a loopback address, where the names a
  browser can use are known;
* a request with an ``Origin`` header other than the guard's own (``http://`` + its ``Host``): the web UI,
  served by the guard, is same-origin; command-line clients send no ``Origin``.

Responses are streamed through unchanged (HTTP/1.0, the connection closed after each), so a large result set
costs the guard no memory.
"""

from __future__ import annotations

import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# headers that concern one connection, not the request: never forwarded
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host"}
CHUNK = 1 << 16


class Guard:
    """Listens on ``host:port`` and forwards what it accepts to ``127.0.0.1:backend_port``."""

    def __init__(self, host: str, port: int, backend_port: int):
        self.backend_port = backend_port
        guard = self

        class Handler(_Forward):
            def target(self) -> int:
                return guard.backend_port

            def allowed_hosts(self) -> set[str] | None:
                return guard.allowed

        family = ThreadingHTTPServer
        if ":" in host:
            family = type("Server6", (ThreadingHTTPServer,), {"address_family": socket.AF_INET6})
        self.server = family((host, port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        names = {f"{h}:{self.port}" for h in ("127.0.0.1", "localhost", "[::1]")}
        names.add(f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}")
        self.allowed = names if host in LOOPBACK else None  # None: any Host (the user chose a public address)
        self._thread: threading.Thread | None = None

    def start(self) -> Guard:
        self._thread = threading.Thread(target=self.server.serve_forever, name="kg-serve-guard", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server.server_close()


class _Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def target(self) -> int:  # pragma: no cover - set by Guard
        raise NotImplementedError

    def allowed_hosts(self) -> set[str] | None:  # pragma: no cover - set by Guard
        raise NotImplementedError

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # kg serve prints its own lines; requests are not logged

    def _refuse(self, why: str) -> None:
        body = f"kg serve: refused: {why}\n".encode()
        self.send_response(403, "Forbidden")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _forward(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        allowed = self.allowed_hosts()
        if allowed is not None and host not in allowed:
            return self._refuse(f"the request is addressed to {host or 'no host'!r}, not to this server")
        origin = self.headers.get("Origin")
        if origin is not None and origin.strip().lower() != f"http://{host}":
            return self._refuse(f"a request from another site ({origin})")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        conn = http.client.HTTPConnection("127.0.0.1", self.target(), timeout=300)
        try:
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
            except OSError as e:
                return self.send_error(502, f"the SPARQL server did not answer: {e}")
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                while chunk := resp.read(CHUNK):
                    self.wfile.write(chunk)
        finally:
            conn.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward
