"""Deterministic Turtle and atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.rdf.namespaces import bind_prefixes


def turtle(g: Graph) -> str:
    """Turtle grouped by subject, sorted, with kg's prefixes: the same graph always gives the same bytes."""
    bind_prefixes(g)
    return g.serialize(format="longturtle")


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
