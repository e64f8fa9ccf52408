"""Where a corpus run's RDF goes: one streamed file, one file per document, or one Turtle graph.

Every sink writes so that killing the run (SIGINT, SIGTERM, even SIGKILL) never leaves a truncated output:

* :class:`StreamFile` appends each document's N-Quads / N-Triples / TriG block to ``OUT.partial`` and records
  it in ``OUT.kg-state`` (one JSON line per document: key, id, byte offset where its block ends) only once
  the block is flushed.  When the run completes, ``OUT.partial`` is fsynced and renamed over ``OUT``, so
  ``OUT`` is always either the previous output or a complete one.  ``--resume`` cuts ``OUT.partial`` back
  to the last recorded offset (a block half-written when the process was killed goes) and skips the
  recorded documents; after a completed run it copies ``OUT`` to ``OUT.partial`` and appends to that.
* :class:`DocumentFiles` writes ``DIR/<id>-<key8>.<ext>`` atomically (temporary file + rename); ``--resume``
  skips documents whose file exists.
* :class:`TurtleStream` is a :class:`StreamFile` for Turtle: one ``@prefix`` block, then each document's
  triples grouped by subject (:mod:`kg.store.turtle`); a statement about a shared node is written by the first
  document that makes it, and each state line lists the hashes of the shared statements its block wrote, so
  ``--resume`` knows what the file holds. :class:`TurtleStdout` streams the same to stdout.
* :class:`TurtleGraph` merges the documents' graphs in memory and writes them as Turtle at the end; only
  ``--link``, which needs the whole graph, uses it.
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from kg.errors import UsageError
from kg.rdf.namespaces import bind_prefixes
from kg.store.formats import FORMATS, format_of
from kg.store.serialize import atomic_write, jsonld, turtle
from kg.store.turtle import SharedSeen, header

STATE_SUFFIX = ".kg-state"
PARTIAL_SUFFIX = ".partial"


def format_for(path: Path | None, fmt: str | None) -> str:
    """The output format: given, or named by the file's suffix, or Turtle."""
    if fmt:
        return fmt
    if path is not None:
        found = format_of(path, None)
        if found is None:
            raise UsageError(f"cannot tell the format of {path} from its suffix; pass --format "
                             f"({', '.join(sorted(FORMATS))})")
        return found
    return "ttl"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _create(path: Path) -> BinaryIO:
    """A new regular file at ``path`` for writing: whatever was there (a symbolic link included) is removed, not
    followed, and the file is created exclusively, so nothing but a new file is ever written."""
    path.unlink(missing_ok=True)
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666), "wb")


def _reopen(path: Path) -> BinaryIO:
    """An existing regular file, for reading and writing, never through a symbolic link."""
    return os.fdopen(os.open(path, os.O_RDWR | _NOFOLLOW), "r+b")


@dataclass
class Written:
    """What a sink needs of one processed document."""

    id: str
    key: str
    data: bytes | None = None  # the document's block in the sink's format
    graph: Graph | None = None  # or its graph, for a sink that merges
    quads: list | None = None  # or its N-Triples text quads, for a Turtle stream


class StreamFile:
    """One N-Quads / N-Triples / TriG file, appended document by document (see the module docstring)."""

    needs = "bytes"

    def __init__(self, path: Path, *, resume: bool = False, sync_every: int = 64):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + PARTIAL_SUFFIX)
        self.state_path = self.path.with_name(self.path.name + STATE_SUFFIX)
        self.sync_every = sync_every
        self.done: set[str] = set()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # the file it replaces keeps its mode (a read-only output stays read-only, a shared one shared)
        self.mode = self.path.stat().st_mode & 0o7777 if self.path.is_file() and not self.path.is_symlink() else None
        for p in (self.partial, self.state_path) if resume else ():
            if p.is_symlink():  # a new run replaces its scratch files; a resumed one would have to write into them
                raise UsageError(f"{p} is a symbolic link; kg does not write through links (remove it)")
        records: list[dict] = []
        if resume and self.partial.exists() and self.state_path.exists():
            records = self._read_state(self.partial)
        elif resume and self.path.exists() and self.state_path.exists():
            records = self._read_state(self.path)
            with open(self.path, "rb") as src, _create(self.partial) as dst:
                shutil.copyfileobj(src, dst)  # OUT itself stays as it is until the run completes
        end = records[-1]["end"] if records else 0
        self.done = {r["key"] for r in records}
        self.written = {r["id"]: r["key"] for r in records}  # id → content key of the version in the file
        self.resumed(records)
        self.out: BinaryIO = _reopen(self.partial) if records else _create(self.partial)
        self.out.truncate(end)  # a block the killed run had half written goes
        self.out.seek(end)
        if not records:
            self.out.write(self.start())
        self.state = io.TextIOWrapper(_reopen(self.state_path) if records else _create(self.state_path),
                                      encoding="utf-8")
        self.state.seek(0, os.SEEK_END)
        self._since_sync = 0

    def _read_state(self, data: Path) -> list[dict]:
        """Recorded documents whose block is wholly in ``data`` (a torn last line is ignored)."""
        size = data.stat().st_size
        records, good_bytes = [], 0
        with open(self.state_path, "rb") as f:
            for line in f:
                try:
                    r = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    break
                if not line.endswith(b"\n") or r.get("end", size + 1) > size:
                    break
                records.append(r)
                good_bytes += len(line)
        with _reopen(self.state_path) as f:
            f.truncate(good_bytes)
        return records

    def start(self) -> bytes:
        """What a new file begins with (nothing for the line formats)."""
        return b""

    def resumed(self, records: list[dict]) -> None:
        """Called with the state records of the documents a resumed file already holds."""

    def block(self, item: Written) -> tuple[bytes, dict]:
        """One document's bytes, and what its state line records beyond key, id and end."""
        return item.data or b"", {}

    def is_done(self, key: str, doc_id: str = "") -> bool:
        return key in self.done

    def changed(self, key: str, doc_id: str) -> bool:
        """Does the file already hold another version of this document (same id, other text)? Its block cannot be
        taken out of a stream, and a second one would give the id two graphs."""
        return self.written.get(doc_id, key) != key

    def write(self, item: Written) -> None:
        data, extra = self.block(item)
        self.out.write(data)
        self.out.flush()
        self.state.write(json.dumps({"key": item.key, "id": item.id, "end": self.out.tell(), **extra},
                                    ensure_ascii=False) + "\n")
        self.state.flush()
        self.done.add(item.key)
        self._since_sync += 1
        if self._since_sync >= self.sync_every:
            self._sync()

    def _sync(self) -> None:
        os.fsync(self.out.fileno())
        os.fsync(self.state.fileno())
        self._since_sync = 0

    def commit(self) -> None:
        self._sync()
        if self.mode is not None:
            os.fchmod(self.out.fileno(), self.mode)
        self.out.close()
        self.state.close()
        os.replace(self.partial, self.path)

    def interrupt(self) -> None:
        self._sync()
        self.out.close()
        self.state.close()
        if not self.done:  # nothing was ever written: leave no empty files behind
            self.partial.unlink(missing_ok=True)
            self.state_path.unlink(missing_ok=True)

    @property
    def where(self) -> str:
        return str(self.path)


class TurtleStream(StreamFile):
    """One Turtle file, appended document by document (see the module docstring)."""

    needs = "quads"

    def start(self) -> bytes:
        return header().encode("utf-8")

    def resumed(self, records: list[dict]) -> None:
        self.seen = SharedSeen(h for r in records for h in r.get("shared", ()))

    def block(self, item: Written) -> tuple[bytes, dict]:
        text, new = self.seen.document(item.quads or ())
        return text.encode("utf-8"), {"shared": new}


class TurtleStdout:
    """Turtle streamed to stdout as documents finish."""

    needs = "quads"
    where = "stdout"

    def __init__(self):
        self.seen = SharedSeen()
        self.started = False

    def is_done(self, key: str, doc_id: str = "") -> bool:
        return False

    def write(self, item: Written) -> None:
        text, _ = self.seen.document(item.quads or ())
        if not self.started:
            text, self.started = header() + text, True
        sys.stdout.write(text)
        sys.stdout.flush()

    def commit(self) -> None:
        if not self.started:
            sys.stdout.write(header())
            sys.stdout.flush()

    def interrupt(self) -> None:
        pass


def _safe_name(doc_id: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(doc_id).name if "/" in doc_id else doc_id).strip("._")
    return (name or "document")[:80]


class DocumentFiles:
    """One file per document, ``DIR/<id>-<key8>.<fmt>``, each written atomically."""

    needs = "bytes"

    def __init__(self, directory: Path, fmt: str, *, resume: bool = False):
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise UsageError(f"--out-dir {directory} exists and is not a directory")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.resume = resume

    def file_for(self, doc_id: str, key: str) -> Path:
        return self.directory / f"{_safe_name(doc_id)}-{key[:8]}.{self.fmt}"

    def is_done(self, key: str, doc_id: str = "") -> bool:
        return self.resume and self.file_for(doc_id, key).exists()

    def changed(self, key: str, doc_id: str) -> bool:
        return False  # write() replaces an earlier version's file

    def write(self, item: Written) -> None:
        path = self.file_for(item.id, item.key)
        atomic_write(path, item.data or b"")
        if self.resume:  # the same document with other text: its new file replaces the old one
            for old in self.directory.glob(f"{glob.escape(_safe_name(item.id))}-{'[0-9a-f]' * 8}.{self.fmt}"):
                if old != path:
                    old.unlink(missing_ok=True)

    def commit(self) -> None:
        pass

    def interrupt(self) -> None:
        pass

    @property
    def where(self) -> str:
        return str(self.directory)


class TurtleGraph:
    """All documents merged into one graph, written at the end (to a file, atomically, or to stdout): Turtle for
    ``--link``, which needs the whole graph, and JSON-LD, which is one document however many articles it holds."""

    needs = "graph"

    def __init__(self, path: Path | None, fmt: str = "ttl"):
        self.path = path
        self.fmt = fmt
        self.graph = bind_prefixes(Graph())

    def is_done(self, key: str, doc_id: str = "") -> bool:
        return False

    def write(self, item: Written) -> None:
        self.graph += item.graph

    def commit(self) -> None:
        data = jsonld(self.graph) if self.fmt == "jsonld" else turtle(self.graph)
        if self.path:
            atomic_write(self.path, data)
        else:
            sys.stdout.write(data)
            sys.stdout.flush()

    def interrupt(self) -> None:
        pass  # nothing written: the previous output stays

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "stdout"


class StreamStdout:
    """Line formats streamed to stdout as documents finish."""

    needs = "bytes"

    def is_done(self, key: str, doc_id: str = "") -> bool:
        return False

    def write(self, item: Written) -> None:
        sys.stdout.buffer.write(item.data or b"")
        sys.stdout.buffer.flush()

    def commit(self) -> None:
        pass

    def interrupt(self) -> None:
        pass

    where = "stdout"
