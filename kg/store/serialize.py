"""Write kg's graphs as files: deterministic Turtle, JSON-LD and line formats, and atomic writes; read RDF files into
one rdflib graph (formats by suffix, :mod:`kg.store.formats`)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import UsageError
from kg.rdf.namespaces import PREFIXES, bind_prefixes
from kg.store.formats import FORMATS, format_of
from kg.store.turtle import block, header


def turtle(g: Graph) -> str:
    """An rdflib graph as kg's Turtle (:mod:`kg.store.turtle`: grouped by subject, sorted, kg's prefixes): the same
    graph always gives the same bytes, and the same bytes as a corpus run that wrote the same triples."""
    nt = g.serialize(format="nt", encoding="utf-8")
    triples = {(str(t.subject), str(t.predicate), str(t.object)) for t in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)}
    return header() + block(triples)


def jsonld_context() -> dict:
    """kg's JSON-LD context (shipped as ``ontology/context.jsonld``): its prefixes."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def jsonld(g: Graph) -> str:
    """An rdflib graph as compacted JSON-LD with kg's context inline (so a reader needs no network): one object per
    node in ``@graph``, nodes sorted by ``@id``, keys and multiple values sorted, so the same graph always gives the
    same bytes (kg writes no RDF lists, so no order is lost)."""
    doc = json.loads(g.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    body = {"@context": jsonld_context(), "@graph": sorted((_sorted(n) for n in nodes), key=lambda n: n.get("@id", ""))}
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted(value):
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over ``path``. The file gets the mode of
    the one it replaces, or the usual mode of a new file (0666 less the umask), not the temporary file's 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
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


def _umask() -> int:
    """This process's umask: read from /proc where there is one (setting it to read it back is not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------ line formats, from the terms pyoxigraph wrote

LINE_FORMATS = {"nq": "N-Quads", "nt": "N-Triples", "trig": "TriG"}


def line_format(quads, fmt: str) -> bytes:
    """Write one document's quads (:func:`kg.rdf.mapping.to_quads`: N-Triples term text) as N-Quads, N-Triples or
    TriG, lines sorted so the same document always gives the same bytes. Blocks for successive documents can
    simply be concatenated. (Sorting text sorts the UTF-8 bytes the same way: UTF-8 keeps code-point order.)"""
    if fmt == "nq":
        lines = [f"{s} {p} {o} {g} .\n" for s, p, o, g in quads]
    elif fmt == "nt":
        lines = [f"{s} {p} {o} .\n" for s, p, o, _ in quads]
    elif fmt == "trig":
        parsed = ox.parse(line_format(quads, "nq"), format=ox.RdfFormat.N_QUADS)
        return ox.serialize(sorted(parsed, key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate),
                                                          str(q.object))), format=ox.RdfFormat.TRIG)
    else:
        raise ValueError(f"unknown line format {fmt!r} (one of {', '.join(LINE_FORMATS)})")
    lines.sort()
    return "".join(lines).encode("utf-8")


def read_graph(files) -> Graph:
    """One rdflib graph from Turtle, N-Triples, N-Quads or TriG files (by suffix; named graphs are merged).
    Raises UsageError naming the file that cannot be read or parsed."""
    g = bind_prefixes(Graph())
    for f in files:
        fmt = FORMATS[format_of(f)].rdflib
        try:
            if fmt in ("nquads", "trig"):
                ds = Dataset()
                ds.parse(f, format=fmt)
                for s, p, o, _ in ds.quads((None, None, None, None)):
                    g.add((s, p, o))
            else:
                g.parse(f, format=fmt)
        except FileNotFoundError:
            raise UsageError(f"no such file: {f}") from None
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"cannot read {f}: {getattr(e, 'strerror', None) or e}") from None
        except Exception as e:  # rdflib raises many parser error types
            raise UsageError(f"cannot parse {f} as {fmt}: {e}") from None
    return g
