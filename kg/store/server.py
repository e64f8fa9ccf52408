"""``kg serve``: run a local Oxigraph SPARQL server on kg's data, behind :mod:`kg.store.guard`.

:class:`OxigraphServer` runs ``oxigraph serve`` (the ``oxigraph`` PyPI package) on a fresh store in a temporary
directory; :func:`serve` pushes the files into it (:mod:`kg.store.push`), prints its URLs and keeps it up until
SIGINT/SIGTERM, then stops the server and deletes the data.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Self
from urllib.parse import urlencode

from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import SHARED_GRAPH
from kg.store.guard import Guard
from kg.store.httpclient import NO_RETRY, request
from kg.store.push import NoDocumentError, push
from kg.store.sparql import StoreURLs, store_urls

DEFAULT_PORT = 7878


def find_oxigraph() -> str:
    """The ``oxigraph`` server executable: next to this Python, else on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("oxigraph", "oxigraph.exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise UsageError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6' "
                         "(or install kg with its test extras)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_in_use(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _die_with_parent() -> None:
    """In the server's process before it runs: the kernel sends it SIGTERM when kg dies, even by ``kill -9``
    (Linux's parent-death signal; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _sweep_stale_folders() -> None:
    """Delete the temporary folders of servers whose kg process died without cleaning up (``kill -9``): each
    holds the pid of the kg that made it."""
    for folder in Path(tempfile.gettempdir()).glob("kg-serve-*"):
        try:
            pid = int((folder / "kg.pid").read_text())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # alive, someone else's


def _new_folder() -> str:
    _sweep_stale_folders()
    folder = tempfile.mkdtemp(prefix="kg-serve-")
    Path(folder, "kg.pid").write_text(str(os.getpid()))
    return folder


def stop_process(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """End ``proc``: SIGTERM, then SIGKILL if it has not exited after ``grace`` seconds; nothing if it has ended."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class OxigraphServer:
    """``oxigraph serve`` on a fresh store in a temporary directory (deleted by :meth:`stop`).

    With ``location`` the store lives in that directory instead and outlives :meth:`stop`, so a
    server can be stopped and started again on the same data.

    The default graph is the union of all graphs (``--union-default-graph``), so the bundled
    queries see every pushed document, as they do on the embedded store; ``union_default_graph=False``
    serves a plain store, whose default graph is a graph of its own.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, executable: str | None = None,
                 location: str | os.PathLike | None = None, read_only: bool = False,
                 union_default_graph: bool = True):
        self.host = host
        self.union_default_graph = union_default_graph
        self.port = port
        self.read_only = read_only  # ``oxigraph serve-read-only``: no SPARQL update, no Graph Store write
        self.executable = executable
        self.location = Path(location) if location is not None else None  # kept by stop(), unlike directory
        self.directory: str | None = None
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def urls(self) -> StoreURLs:
        return store_urls(self.base_url)

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        exe = self.executable or find_oxigraph()
        if self.port == 0:
            self.port = free_port(self.host)
        elif _port_in_use(self.host, self.port):
            raise EndpointError(f"port {self.port} on {self.host} is already in use; pass --port 0 to pick a free one")
        self.directory = _new_folder()
        self._log = open(Path(self.directory, "server.log"), "w+b")  # noqa: SIM115 - closed by stop()
        data = self.location if self.location is not None else Path(self.directory, "data")
        try:
            self.process = subprocess.Popen(
                [exe, "serve-read-only" if self.read_only else "serve", "--location", str(data),
                 "--bind", f"{self.host}:{self.port}", *(["--union-default-graph"] if self.union_default_graph else [])],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches kg only; kg stops the server in order
                preexec_fn=_die_with_parent,
            )
        except OSError as e:
            self.stop()
            raise EndpointError(f"cannot start {exe}: {e.strerror or e}") from None
        deadline = time.monotonic() + timeout
        probe = self.urls.query + "?" + urlencode({"query": "ASK {}"})
        while True:
            if self.process.poll() is not None:
                log = self.log_tail()
                code = self.process.returncode
                self.stop()
                raise EndpointError(f"oxigraph serve exited with code {code}" + (f": {log}" if log else ""))
            try:
                request(probe, headers={"Accept": "application/sparql-results+json"}, timeout=1, retry=NO_RETRY)
                return self
            except EndpointError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise EndpointError(f"oxigraph serve did not answer at {self.base_url} within {timeout:g} s")
            time.sleep(0.05)

    def log_tail(self, limit: int = 500) -> str:
        if not self._log or self._log.closed:
            return ""
        self._log.flush()
        self._log.seek(0)
        text = " ".join(self._log.read().decode("utf-8", "replace").split())
        return text[-limit:]

    def stop(self) -> None:
        """Terminate the server (kill it after 10 s) and delete its directory; safe to call twice."""
        proc, self.process = self.process, None
        if proc is not None:
            stop_process(proc)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.directory:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def __enter__(self) -> Self:
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


class _Stop(Exception):
    pass


def serve(files: Sequence[str | os.PathLike] = (), host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
          echo: Callable[[str], None] = print, shared: str = "graph", writable: bool = False) -> int:
    """Serve FILES from a local Oxigraph until SIGINT/SIGTERM/SIGHUP; returns the number of triples loaded.

    Read-only unless ``writable``: FILES are pushed into a store that a private server (a free port on
    127.0.0.1) fills, then the store is served by ``oxigraph serve-read-only``, so no web page, DNS-rebound
    host or neighbour can drop the data or make the server ``LOAD`` a URL. Either way Oxigraph listens on a
    private port and :class:`kg.store.guard.Guard` on ``host:port``, answering only requests addressed to the
    server and sent from its own pages (``Host``, ``Origin``). Prints the SPARQL endpoint,
    Graph Store and web UI URLs once the data is loaded; on a signal stops the server and deletes its
    temporary directory (also when loading fails).
    """
    if files:  # fail on unreadable input before starting anything
        for f in files:
            if not Path(f).is_file():
                raise UsageError(f"no such file: {f}")
    elif not writable:
        raise UsageError("without FILES a read-only store stays empty: give FILES, or --writable to push into it")
    if port and _port_in_use(host, port):  # before loading anything
        raise EndpointError(f"port {port} on {host} is already in use; pass --port 0 to pick a free one")
    folder = Path(_new_folder())
    # Oxigraph listens on a private port; the guard (kg.store.guard) where the user asked, checking Host and Origin
    server = OxigraphServer("127.0.0.1", 0, location=folder / "data", read_only=not writable)
    guard = None
    previous = {}

    def _on_signal(signum, frame):
        raise _Stop(signum)

    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            try:
                previous[sig] = signal.signal(sig, _on_signal)
            except ValueError:  # not the main thread: the caller handles signals
                break
    loaded = 0
    loader = server if writable else OxigraphServer("127.0.0.1", 0, location=folder / "data")
    try:
        try:
            guard = Guard(host, port, 0)
        except OSError as e:
            raise EndpointError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
        loader.start()
        if files:
            try:
                report = push(files, loader.base_url, shared=shared)
            except NoDocumentError:  # no article at all (an ontology, say): serve it anyway
                report = push(files, loader.base_url, graph=SHARED_GRAPH)
            loaded = report.triples
            echo(f"kg: loaded {report.triples} triples from {len(files)} file(s) into "
                 f"{len(report.graphs)} named graph(s) ({report.documents} document(s))")
        if loader is not server:
            loader.stop()  # the store stays in folder/data; now serve it read-only
            server.start()
        guard.backend_port = server.port
        guard.start()
        base = f"http://[{host}]:{guard.port}" if ":" in host else f"http://{host}:{guard.port}"
        urls = store_urls(base)
        if not writable:
            echo("kg: read-only: SPARQL updates and Graph Store writes are refused (--writable accepts them)")
        elif host not in ("127.0.0.1", "localhost", "::1"):
            echo(f"kg: WARNING: the server listens on {host} and accepts writes from anyone who can reach it")
        echo(f"SPARQL endpoint: {urls.query}")
        echo(f"Graph Store:     {urls.gsp}")
        echo(f"Web UI:          {base}/")
        echo(f"Data directory:  {folder} (deleted on exit)")
        echo("Press Ctrl-C to stop.")
        proc = server.process
        code = proc.wait()
        raise EndpointError(f"oxigraph serve stopped by itself with code {code}: {server.log_tail()}")
    except (_Stop, KeyboardInterrupt):
        echo("kg: stopping the server")
    finally:
        for sig in previous:  # a second Ctrl-C must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        if guard is not None:
            guard.stop()
        server.stop()
        loader.stop()
        shutil.rmtree(folder, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return loaded
