"""Check RDF against kg's SHACL shapes (ontology/shapes.ttl).

Two engines, one verdict:

* :func:`check_files` / :func:`check_graph` — the fast engine, pyrudof (the Rust rudof SHACL validator), used by
  ``kg validate`` and ``kg extract --validate``. A corpus is read with pyoxigraph into per-subject N-Triples
  (no rdflib graph) and validated in chunks of subjects, on several processes when it is large. A chunk holds
  its subjects' statements, the whole description of every node they point to, and the ``rdf:type`` of the
  nodes those point to; the ontology is merged in, so ``sh:class`` sees the subclass axioms. A violation counts
  when its focus node is described in full in the chunk (a node seen only by its type is checked in its own
  chunk); the same violation found in two chunks is reported once.
* :func:`validate` — pySHACL with RDFS inference, the reference engine. The tests check that both engines give
  every example in ``ontology/examples/`` the same verdict and the same shape.

The shapes use nothing that needs more than this: their property paths are at most two steps long
(``time:hasBeginning/time:inXSDDate``, a span's ``nif:referenceContext`` then its document's text), and a node
that is the target of ``sh:targetObjectsOf`` is always described in the chunk of the subject that points to it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pyrudof

from kg.errors import UsageError
from kg.store.formats import format_of, ox_format
from kg.store.resources import ontology_file, shapes_file

if TYPE_CHECKING:
    from rdflib import Graph  # the reference engine's; imported when it runs (the workers of the fast one never do)

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDF_SUBJECT = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
GAF_DENOTED_BY = "<http://groundedannotationframework.org/gaf#denotedBy>"
CONTENT_HASH = "<https://w3id.org/kg-conflict/ontology#contentHash>"
REFERENCE_CONTEXT = f"<{NIF}referenceContext>"
SHAPES_NS = "https://w3id.org/kg-conflict/shapes#"
CHUNK_SUBJECTS = 4000  # subjects per chunk: small enough to spread over processes, large enough to pay rudof's start
PARALLEL_FROM = 50_000  # statements; below this one process is faster than starting workers


# ------------------------------------------------------------------ the reference engine (pySHACL)

@lru_cache(maxsize=1)
def _ontology() -> Graph:
    from rdflib import Graph

    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    from rdflib import Graph

    return Graph().parse(data=shapes_file().read_text(encoding="utf-8"), format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, str]:
    """``(conforms, report_graph, report_text)`` for ``data`` against ontology/shapes.ttl, by pySHACL."""
    import pyshacl

    conforms, report, text = pyshacl.validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs", advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), report, text


# ------------------------------------------------------------------ the fast engine (pyrudof)

@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, its terms in N-Triples text (``document`` is the article the focus node belongs to)."""

    document: str
    focus: str
    shape: str
    path: str
    value: str
    message: str
    component: str = field(default="", compare=False)


@dataclass
class Result:
    conforms: bool
    triples: int
    violations: list[Violation]

    def text(self) -> str:
        """A readable report: one block per violation, terms shortened with kg's prefixes."""
        lines = [f"Validation report: {'conforms' if self.conforms else 'does not conform'}, "
                 f"{len(self.violations)} violation(s) in {self.triples} triples"]
        for v in self.violations:
            lines += [f"Constraint violation in {_short(v.shape)} ({_short(v.component)}):",
                      f"\tDocument: {_short(v.document) if v.document else '(a node several documents share)'}",
                      f"\tFocus Node: {_short(v.focus)}"]
            if v.path:
                lines.append(f"\tResult Path: {_short(v.path)}")
            if v.value:
                lines.append(f"\tValue: {_short(v.value)}")
            lines.append(f"\tMessage: {v.message}")
        return "\n".join(lines)


def _short(text: str) -> str:
    from kg.store.turtle import TURTLE_PREFIXES  # its import pulls rdflib in: only for a report of violations

    iri = text.strip("<>")
    for prefix, ns in (("kgsh", SHAPES_NS), ("sh", "http://www.w3.org/ns/shacl#"), *TURTLE_PREFIXES.items()):
        if iri.startswith(ns) and "/" not in iri[len(ns):] and "#" not in iri[len(ns):]:
            return f"{prefix}:{iri[len(ns):]}"
    return text


class Statements:
    """A dataset read into per-subject N-Triples lines (graphs merged), with the graph each subject was seen in."""

    def __init__(self):
        self.by_subject: dict[str, dict[str, None]] = {}
        self.objects: dict[str, list[str]] = {}
        self.records: dict[str, list[str]] = {}  # a node → the rdf:Statement records whose rdf:subject it is
        self.graph_of: dict[str, str] = {}
        self.count = 0

    def add(self, quads: Iterable) -> None:
        for q in quads:
            s, p, o = str(q.subject), str(q.predicate), str(q.object)
            lines = self.by_subject.setdefault(s, {})
            line = f"{s} {p} {o} .\n"
            if line in lines:
                continue
            lines[line] = None
            self.count += 1
            if not isinstance(q.object, ox.Literal):
                self.objects.setdefault(s, []).append(o)
                if p == RDF_SUBJECT:
                    self.records.setdefault(o, []).append(s)
            graph = getattr(q, "graph_name", None)
            if isinstance(graph, ox.NamedNode) and s not in self.graph_of:
                self.graph_of[s] = str(graph)

    def chunks(self, size: int | None = None) -> Iterator[tuple[str, list[str]]]:
        """``(N-Triples, the subjects this chunk checks)`` for each chunk of subjects, in sorted order. A chunk holds
        its own subjects, the nodes they point at and the records (rdf:Statement) about them, each in full, and
        the types of the nodes those point at: what the shapes read around a subject. Each subject is checked in its
        own chunk only; a node that is only context in another chunk lacks the context it would need there."""
        size = size or CHUNK_SUBJECTS
        subjects = sorted(self.by_subject)
        for i in range(0, len(subjects), size):
            own = subjects[i:i + size]
            full = dict.fromkeys(own)
            for s in own:
                for o in self.objects.get(s, ()):
                    if o in self.by_subject:
                        full.setdefault(o)
                for r in self.records.get(s, ()):
                    full.setdefault(r)
            typed: dict[str, None] = {}
            for s in full:
                for o in self.objects.get(s, ()):
                    if o not in full:
                        typed.update((line, None) for line in self.by_subject.get(o, ())
                                     if line.split(" ", 2)[1] == RDF_TYPE)
            text = "".join(line for s in full for line in self.by_subject[s]) + "".join(typed)
            yield text, own

    def document_of(self, node: str) -> str:
        """The article a node belongs to: its named graph, or the document its span (or it) refers to."""
        graph = self.graph_of.get(node, "")
        if graph and not graph.endswith("/graph/shared>"):
            return graph
        for line in self.by_subject.get(node, ()):
            _, p, o = line[:-3].split(" ", 2)
            if p == REFERENCE_CONTEXT:
                return o
            if p == GAF_DENOTED_BY:
                return self.document_of(o) if o != node else ""
            if p == CONTENT_HASH:  # a document is its own
                return node
        return ""


_ENGINE: dict = {}


def _engine():
    """One pyrudof session per process, with the shapes read once."""
    if "rudof" not in _ENGINE:
        r = pyrudof.Rudof(pyrudof.RudofConfig())
        r.read_shacl(shapes_file().read_text(encoding="utf-8"))
        _ENGINE["rudof"] = r
        _ENGINE["ontology"] = ontology_file().read_text(encoding="utf-8")
        _ENGINE["nt"] = pyrudof.RDFFormat.NTriples
    return _ENGINE["rudof"]


def _check_chunk(args: tuple[str, list[str]]) -> list[tuple]:
    data, own = args
    r = _engine()
    r.read_data(_ENGINE["ontology"], merge=False)
    r.read_data(data, format=_ENGINE["nt"], merge=True)
    report = r.validate_shacl()
    if report.conforms:
        return []
    checked = set(own)
    out = []
    for v in report.violations:
        focus = _nt(v.focus_node)
        if focus in checked:
            out.append((focus, _nt(v.source_shape), _nt(v.path), _nt(v.value), str(v.message).strip('"'),
                        _nt(v.constraint_component)))
    return out


def _nt(term) -> str:
    """rudof prints IRIs bare or in angle brackets, literals quoted: N-Triples-like text for either."""
    if term is None:
        return ""
    text = str(term)
    if text.startswith(("http://", "https://", "urn:")):
        return f"<{text}>"
    return text


def _validate(statements: Statements, processes: int | None) -> Result:
    chunks = statements.chunks()
    found: set[tuple] = set()
    workers = processes if processes is not None else min(2, os.cpu_count() or 1)
    if workers > 1 and statements.count >= PARALLEL_FROM:
        # spawned, not forked: a process that has run rudof holds its runtime's threads, which a fork would copy
        # with their locks held
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            for rows in pool.map(_check_chunk, chunks):
                found.update(rows)
    else:
        for chunk in chunks:
            found.update(_check_chunk(chunk))
    violations = sorted(Violation(statements.document_of(f), f, shape, path, value, message, component)
                        for f, shape, path, value, message, component in found)
    return Result(not violations, statements.count, violations)


def check_files(files: Iterable[str | os.PathLike], *, processes: int | None = None) -> Result:
    """Validate Turtle, N-Triples, N-Quads or TriG files (by suffix) together, as one dataset whose graphs are
    merged. Raises UsageError naming a file that cannot be read or parsed."""
    statements = Statements()
    for f in files:
        fmt = format_of(f)
        try:
            with open(f, "rb") as stream:
                statements.add(ox.parse(stream, format=ox_format(fmt)))
        except FileNotFoundError:
            raise UsageError(f"no such file: {f}") from None
        except OSError as e:
            raise UsageError(f"cannot read {f}: {e.strerror or e}") from None
        except SyntaxError as e:
            raise UsageError(f"cannot parse {f} as {fmt}: {e}") from None
    return _validate(statements, processes)


def check_graph(graph: Graph, *, processes: int | None = 1) -> Result:
    """Validate an rdflib graph with the fast engine."""
    statements = Statements()
    statements.add(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return _validate(statements, processes)


__all__ = ["Result", "Violation", "check_files", "check_graph", "validate"]
