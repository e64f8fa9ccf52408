"""The push spool: graphs that ``kg push --spool DIR`` could not write, kept on disk until they are re-pushed.

One file per named graph, ``DIR/<first 24 hex digits of SHA-256(graph IRI)>.nq``: N-Quads (every line
carries the graph IRI, so nothing depends on prefixes or a base IRI) after a comment header that
records how to send it::

    # kg push spool v1: re-push with kg push --from-spool DIR --endpoint URL
    # graph: <https://w3id.org/kg-conflict/id/doc/...>
    # method: PUT (replace the graph)
    # failed: cannot reach http://127.0.0.1:7878/store: connection refused (is the server running?)

``PUT`` replaces the graph, ``POST`` merges into it (the shared graph).  Files are written atomically
(a temporary file in DIR, fsync, rename), so a crash leaves either the old file or the new one.  When a
graph is spooled again, a PUT replaces the file (the store would hold only the newer version) and a
POST is merged into it (both merges are still owed).  ``kg push --spool DIR`` also deletes the spooled
file of a graph it has just replaced successfully, so an older version can never overwrite a newer one.

One push at a time uses a spool directory: :func:`locked` holds an exclusive lock on ``DIR/.kg-spool.lock``
(``flock``, released by the system if the process dies), so a second ``kg push --spool DIR`` or
``--from-spool DIR`` stops at once with a clear error instead of interleaving its files with the first's.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import UsageError
from kg.store.serialize import atomic_write

try:
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms kg is tested on (Windows has no flock)
    fcntl = None

SUFFIX = ".nq"
MAGIC = "# kg push spool v1"
LOCK = ".kg-spool.lock"
_HEADER = re.compile(r"^# (graph|method|failed): (.*)$")


@dataclass
class Spooled:
    path: Path
    graph: str
    replace: bool  # PUT (True) or POST (False)
    triples: list[ox.Triple]
    reason: str = ""


def file_for(directory: Path, graph: str) -> Path:
    return Path(directory) / (hashlib.sha256(graph.encode("utf-8")).hexdigest()[:24] + SUFFIX)


def prepare(directory: str | os.PathLike) -> Path:
    """Create the spool directory if needed and check that kg can write into it (before anything is sent)."""
    path = Path(directory)
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".kg-spool-check-"):
            pass
    except OSError as e:
        raise UsageError(f"cannot use the spool directory {path}: {e.strerror or e}") from None
    return path


@contextmanager
def locked(directory: str | os.PathLike) -> Iterator[None]:
    """Hold the spool directory for one push (see the module docstring); UsageError if another process holds it.
    Where the system has no ``flock`` (Windows), nothing is locked."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = Path(directory) / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise UsageError(f"cannot use the spool directory {path.parent}: {e.strerror or e}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise UsageError(f"the spool directory {path.parent} is in use by another kg push"
                             f"{f' (process {holder})' if holder.isdigit() else ''}: wait for it to end, "
                             "or give this push another --spool directory") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def pending(directory: str | os.PathLike) -> list[Path]:
    """The spooled files in DIR, sorted by name."""
    path = Path(directory)
    if not path.is_dir():
        raise UsageError(f"no such spool directory: {path}")
    return sorted(p for p in path.iterdir() if p.suffix == SUFFIX and p.is_file() and not p.name.startswith("."))


def read(path: str | os.PathLike) -> Spooled:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read spool file {path}: {getattr(e, 'strerror', None) or e}") from None
    lines = text.splitlines()
    if not lines or not lines[0].startswith(MAGIC):
        raise UsageError(f"{path} is not a kg push spool file")
    header: dict[str, str] = {}
    for line in lines[1:]:
        m = _HEADER.match(line)
        if not m:
            break
        header[m.group(1)] = m.group(2)
    graph, method = header.get("graph", ""), header.get("method", "").split(" ", 1)[0]
    if not (graph.startswith("<") and graph.endswith(">")) or method not in ("PUT", "POST"):
        raise UsageError(f"spool file {path} has no valid graph / method header")
    graph = graph[1:-1]
    try:
        quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as e:
        raise UsageError(f"spool file {path} is damaged: {e}") from None
    if any(not isinstance(q.graph_name, ox.NamedNode) or q.graph_name.value != graph for q in quads):
        raise UsageError(f"spool file {path} holds quads outside its graph <{graph}>")
    return Spooled(path, graph, method == "PUT", [q.triple for q in quads], header.get("failed", ""))


def write(directory: str | os.PathLike, graph: str, triples: list[ox.Triple], replace: bool,
          reason: str = "") -> Path:
    """Spool one graph (atomically); merges with a POST already spooled for it (see the module docstring)."""
    path = file_for(Path(directory), graph)
    if not replace and path.exists():
        earlier = read(path)
        triples = list(dict.fromkeys([*earlier.triples, *triples]))
        replace = earlier.replace  # a spooled PUT followed by a merge is a PUT of the union
    name = ox.NamedNode(graph)
    reason = " ".join(reason.split())
    head = (f"{MAGIC}: re-push with kg push --from-spool {Path(directory)} --endpoint URL\n"
            f"# graph: <{graph}>\n"
            f"# method: {'PUT (replace the graph)' if replace else 'POST (merge into the graph)'}\n"
            + (f"# failed: {reason}\n" if reason else ""))
    body = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples],
                        format=ox.RdfFormat.N_QUADS) or b""
    atomic_write_bytes(path, head.encode("utf-8") + body)
    return path


def discard(directory: str | os.PathLike, graph: str) -> bool:
    """Delete the spooled file of ``graph`` (True if there was one)."""
    path = file_for(Path(directory), graph)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    _sync_dir(path.parent)
    return True


def remove(path: Path) -> None:
    path.unlink()
    _sync_dir(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """:func:`kg.store.serialize.atomic_write`, then the directory synced so the rename itself survives a crash."""
    atomic_write(path, data)
    _sync_dir(path.parent)


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
