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


# ------------------------------------------------------------------ formats

SUFFIX_FORMATS = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig"}  # file suffix → format
RDFLIB_NAMES = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig"}
LINE_FORMATS = {"nq": "N-Quads", "nt": "N-Triples", "trig": "TriG"}


def format_of(path: str | os.PathLike, default: str | None = "ttl") -> str | None:
    """kg's name for a file's RDF format (``ttl``, ``nt``, ``nq``, ``trig``), from its suffix."""
    return SUFFIX_FORMATS.get(Path(path).suffix.lower(), default)


# ------------------------------------------------------------------ the fast path: pyoxigraph line formats


_IRIS: dict = {}  # rdflib IRI → pyoxigraph IRI, kept across documents (predicates, classes, concepts recur)


def _converter():
    """rdflib term → pyoxigraph term, memoised (the same IRIs recur on every other line)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if len(_IRIS) > 200_000:
        _IRIS.clear()  # bounded: a long run's document IRIs must not pile up
    cache: dict = {}

    def term(t):
        found = cache.get(t) or _IRIS.get(t)
        if found is not None:
            return found
        if isinstance(t, URIRef):
            found = _IRIS[t] = ox.NamedNode(str(t))
        elif isinstance(t, Literal):
            if t.language:
                found = ox.Literal(str(t), language=t.language)
            elif t.datatype is not None:
                found = ox.Literal(str(t), datatype=term(t.datatype))
            else:
                found = ox.Literal(str(t))
        elif isinstance(t, BNode):
            found = ox.BlankNode(str(t))
        else:
            raise TypeError(f"cannot convert {t!r} to pyoxigraph")
        cache[t] = found
        return found

    return term


def to_oxigraph(g: Graph) -> list:
    """The graph's triples as pyoxigraph triples (kg mints no blank nodes, so none are expected)."""
    import pyoxigraph as ox

    term = _converter()
    return [ox.Triple(term(s), term(p), term(o)) for s, p, o in g]


def document_quads(g: Graph) -> list:
    """One document's graph as quads: its own statements in the named graph of its IRI, the nodes that several
    documents share (countries, places, named actors, days, concepts) in the shared graph — the layout of
    ``kg push``, so a store's union default graph does not count a shared triple once per article.

    kg's own output for one document takes a fast path: a subject is the document's when its IRI starts with
    the document IRI or carries the document's content key, or when it is the run that used the document (a
    test checks this gives what :func:`kg.store.endpoint.split_documents` gives); anything else goes through
    ``split_documents``."""
    import pyoxigraph as ox
    from rdflib import RDF, URIRef

    from kg.rdf.namespaces import PROV, SCHEMA
    from kg.store.endpoint import SHARED_GRAPH, split_documents

    article, used = (RDF.type, SCHEMA.NewsArticle), PROV.used
    docs, uses = [], []  # one pass; tuple and set lookups hash instead of calling rdflib's __eq__ per triple
    for s, p, o in g:
        if (p, o) == article:
            docs.append(s)
        elif p == used:
            uses.append((s, o))
    if len(docs) != 1 or not isinstance(docs[0], URIRef):
        return [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(part.graph))
                for part in split_documents(to_oxigraph(g)) for t in part.triples]
    doc = str(docs[0])
    key = doc.rstrip("/").rsplit("/", 1)[-1]
    runs = {s for s, o in uses if o == docs[0]}
    own, shared = ox.NamedNode(doc), ox.NamedNode(SHARED_GRAPH)
    term = _converter()
    owner: dict = {}
    quads = []
    for s, p, o in g:
        graph = owner.get(s)
        if graph is None:
            iri = str(s)
            graph = owner[s] = own if (iri.startswith(doc) or key in iri or s in runs) else shared
        quads.append(ox.Quad(term(s), term(p), term(o), graph))
    return quads


def line_format(g, fmt: str) -> bytes:
    """Serialise one document's graph (an rdflib Graph or a set of triples) as N-Quads, N-Triples or TriG with pyoxigraph, lines sorted so the same
    graph always gives the same bytes. Blocks for successive documents can simply be concatenated."""
    import pyoxigraph as ox

    if fmt == "nt":
        data = ox.serialize(to_oxigraph(g), format=ox.RdfFormat.N_TRIPLES)
    elif fmt == "nq":
        data = ox.serialize(document_quads(g), format=ox.RdfFormat.N_QUADS)
    elif fmt == "trig":
        quads = sorted(document_quads(g), key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate),
                                                         str(q.object)))
        return ox.serialize(quads, format=ox.RdfFormat.TRIG)
    else:
        raise ValueError(f"unknown line format {fmt!r} (one of {', '.join(LINE_FORMATS)})")
    return b"".join(sorted(data.splitlines(keepends=True)))



def read_graph(files) -> Graph:
    """One rdflib graph from Turtle, N-Triples, N-Quads or TriG files (by suffix; named graphs are merged).
    Raises UsageError naming the file that cannot be read or parsed."""
    from rdflib import Dataset

    from kg.errors import UsageError

    g = bind_prefixes(Graph())
    for f in files:
        fmt = RDFLIB_NAMES[format_of(f)]
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
