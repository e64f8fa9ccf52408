"""``kg push``: send kg's RDF files to a SPARQL 1.1 store, one named graph per article.

``push`` sends each source document's statements to its own named graph with
the Graph Store HTTP Protocol (``PUT <gsp>?graph=<doc IRI>``, text/turtle), so
pushing an article again REPLACES what the store held for it.  The graph IRI is
the document's IRI, the subject typed schema:NewsArticle / nif:Context
(``https://w3id.org/kg-conflict/id/doc/<key>``).  Which subjects are a document's
is :mod:`kg.rdf.ownership`'s rule, the one kg follows when it writes the line formats.

Everything else is a node with a global key that several articles share:
countries, GeoNames places, named actors, days, the kgo: concepts, the software
agent.  By default (``shared="graph"``) those go to ONE shared graph,
:data:`SHARED_GRAPH`, with ``POST`` (which merges, so pushing twice adds
nothing).  They are not copied into each document graph because a store's
"union default graph" is not always a set: Oxigraph's ``--union-default-graph``
(like its ``use_default_graph_as_union``) matches a triple once per graph that
holds it, so a country copied into two article graphs doubles every row that
joins through it and every SUM/COUNT over those rows.  With ``shared="copy"``
each document graph is self-contained (shared nodes copied into every document
graph that references them) — right for stores whose union graph is a set, and
for fetching one article with ``GET <gsp>?graph=<doc IRI>``.

``graph=IRI`` overrides all of this: everything goes into that graph (``PUT``).

Where the store takes the graphs, and with which credentials, is :mod:`kg.store.sparql` and
:mod:`kg.store.httpclient`.

Faults
------
Requests go through :mod:`kg.store.httpclient`: PUTs are retried with
exponential backoff after connection errors, timeouts and HTTP 429/500/502/503/504
(honouring Retry-After); a POST is retried only when it cannot have reached the
store (see there).  ``push(..., spool=DIR)`` writes every graph that was not
written, the failed one and all after it, to DIR (:mod:`kg.store.spool`), and
:func:`push_spool` sends them later, deleting each file only once the store has
accepted it.
"""

from __future__ import annotations

import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import SHARED_GRAPH
from kg.rdf.ownership import documents, owners
from kg.store import spool as spooling
from kg.store.formats import format_of, ox_format
from kg.store.httpclient import Auth, RetryPolicy, credentials, redact
from kg.store.sparql import StoreURLs, send_graph, store_urls

# --------------------------------------------------------------------------------------------- reading and splitting


class NoDocumentError(UsageError):
    """The data holds no article to name a graph after (and no --graph was given)."""


@dataclass
class Part:
    """Triples bound for one named graph; ``replace``: PUT (replace the graph) rather than POST (merge into it)."""

    graph: str
    triples: list[ox.Triple]
    replace: bool = True


def read_triples(files: Iterable[str | os.PathLike]) -> list[ox.Triple]:
    """Every triple of every file (format from the suffix, :mod:`kg.store.formats`), duplicates dropped.

    Graph names in TriG / N-Quads input are ignored: push derives the graphs itself.
    """
    seen: dict[ox.Triple, None] = {}
    for f in files:
        path = Path(f)
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        try:
            for item in ox.parse(path=str(path), format=ox_format(format_of(path)), rename_blank_nodes=True):
                seen[item.triple if isinstance(item, ox.Quad) else item] = None
        except SyntaxError as e:
            raise UsageError(f"cannot parse {path}: {e}") from None
        except (OSError, ValueError) as e:
            raise UsageError(f"cannot read {path}: {e}") from None
    return list(seen)


def split_documents(triples: Sequence[ox.Triple], *, graph: str | None = None, shared: str = "graph") -> list[Part]:
    """The named graphs to write: one per document (replaced), plus the shared graph (merged) if needed.

    ``shared="graph"`` puts nodes that belong to no single document into :data:`SHARED_GRAPH`;
    ``shared="copy"`` copies them into every document graph that reaches them (only nodes that no
    document reaches still go to the shared graph).  ``graph`` puts everything into that one graph.
    """
    if shared not in ("graph", "copy"):
        raise UsageError(f"shared must be 'graph' or 'copy', not {shared!r}")
    if not triples:
        raise UsageError("no triples to push")
    if graph:
        return [Part(graph, list(triples), True)]
    text = [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]  # as kg.rdf.ownership reads them
    docs = documents(text)
    if not docs:
        raise NoDocumentError("the data holds no document (a subject typed schema:NewsArticle or nif:Context) "
                              "to name a graph after; pass --graph IRI to push it all into one named graph")
    owner = owners(text, docs)
    subjects = [s for s, _, _ in text]
    per_doc: dict[str, list[ox.Triple]] = {d: [] for d in docs}
    rest: list[ox.Triple] = []
    for t, s in zip(triples, subjects, strict=True):
        d = owner.get(s)
        (per_doc[d] if d else rest).append(t)
    if shared == "copy" and rest:
        by_subject: dict[str, list[ox.Triple]] = defaultdict(list)
        for t, s in zip(triples, subjects, strict=True):
            by_subject[s].append(t)
        copied: set[str] = set()
        for d in docs:
            reached = _reach((str(t.object) for t in per_doc[d]), by_subject, skip=owner)
            copied |= reached
            per_doc[d] += [t for s in reached for t in by_subject[s]]
        rest = [t for t in rest if str(t.subject) not in copied]
    parts = [Part(d, per_doc[d], True) for d in docs]
    if rest:
        parts.append(Part(SHARED_GRAPH, rest, False))
    return parts


def _reach(objects: Iterable[str], by_subject: dict[str, list[ox.Triple]], *, skip: dict[str, str]) -> set[str]:
    """Subjects (not owned by a document) reachable from ``objects`` through subjects' objects (N-Triples text)."""
    seen: set[str] = set()
    queue = deque(o for o in objects if o in by_subject and o not in skip)
    while queue:
        s = queue.popleft()
        if s in seen:
            continue
        seen.add(s)
        queue.extend(o for o in (str(t.object) for t in by_subject[s]) if o in by_subject and o not in skip
                     and o not in seen)
    return seen


# --------------------------------------------------------------------------------------------- push


@dataclass
class PushReport:
    gsp_url: str
    query_url: str | None
    triples: int
    graphs: list[tuple[str, int, bool]] = field(default_factory=list)  # (graph IRI, triples sent, replaced?)
    spooled: list[Path] = field(default_factory=list)  # files written to (or left in) the spool

    @property
    def documents(self) -> int:
        return sum(1 for _, _, replaced in self.graphs if replaced)


class PushError(EndpointError):
    """The store failed part-way; ``report`` says what was written and what was spooled."""

    def __init__(self, message: str, report: PushReport):
        super().__init__(message)
        self.report = report


Progress = Callable[[str, int, bool], None]  # (graph IRI, triples, replaced?) after each graph is written


def _repush_hint(directory: Path, endpoint: str | None, urls: StoreURLs) -> str:
    where = f"--endpoint {redact(endpoint)}" if endpoint else f"--gsp-url {redact(urls.gsp)}"
    return f"kg push --from-spool {directory} {where}"


def push(files: Iterable[str | os.PathLike], endpoint: str | None = None, graph: str | None = None,
         auth: Auth | None = None, timeout: float = 60.0, *, gsp_url: str | None = None,
         query_url: str | None = None, shared: str = "graph", retry: RetryPolicy | None = None,
         spool: str | os.PathLike | None = None, progress: Progress | None = None) -> PushReport:
    """Load Turtle files into a SPARQL 1.1 store, one named graph per document (see the module docstring).

    ``endpoint`` is the store's base URL (Oxigraph layout); ``gsp_url`` names the Graph Store
    endpoint directly.  ``retry`` sets the retry policy (kg.store.httpclient; default 3 retries).
    Graphs are sent one after the other and ``progress`` is called after each one is written.  The
    first graph that fails for good stops the push: with ``spool=DIR`` it and every graph not yet
    sent are written to DIR first (also on Ctrl-C), and a successfully replaced graph's older spooled
    copy is deleted.  Raises UsageError for bad input and PushError (an EndpointError) when the store
    fails.
    """
    urls = store_urls(endpoint, gsp_url=gsp_url, query_url=query_url)
    auth = auth or credentials(url=urls.gsp)
    if graph is not None:
        _check_graph_iri(graph)
    triples = read_triples(files)
    parts = split_documents(triples, graph=graph, shared=shared)
    spool_dir = spooling.prepare(spool) if spool is not None else None
    with spooling.locked(spool_dir) if spool_dir is not None else nullcontext():
        return _push_parts(parts, urls, endpoint, auth, timeout, retry, spool_dir, progress, len(triples))


def _push_parts(parts: Sequence[Part], urls: StoreURLs, endpoint: str | None, auth: Auth | None, timeout: float,
                retry: RetryPolicy | None, spool_dir: Path | None, progress: Progress | None,
                n_triples: int) -> PushReport:
    report = PushReport(redact(urls.gsp), urls.query and redact(urls.query), n_triples)
    for i, part in enumerate(parts):
        try:
            send_graph(urls.gsp, part.graph, part.triples, part.replace, auth=auth, timeout=timeout, retry=retry)
        except EndpointError as e:
            context = [f"{'replacing' if part.replace else 'merging into'} graph <{part.graph}>"]
            if report.graphs:
                context.append(f"{len(report.graphs)} of {len(parts)} graph(s) were written before")
            if spool_dir is not None:
                _spool_rest(spool_dir, parts[i:], str(e), report)
                context.append(f"{len(parts) - i} graph(s) not written are saved in {spool_dir}: "
                               f"re-push them with {_repush_hint(spool_dir, endpoint, urls)}")
            raise PushError(f"{e} ({'; '.join(context)})", report) from None
        except BaseException:  # Ctrl-C: keep what was not (certainly) written
            if spool_dir is not None:
                _spool_rest(spool_dir, parts[i:], "interrupted", report)
            raise
        report.graphs.append((part.graph, len(part.triples), part.replace))
        if spool_dir is not None and part.replace:
            spooling.discard(spool_dir, part.graph)  # an older spooled version must not overwrite this one
        if progress:
            progress(part.graph, len(part.triples), part.replace)
    return report


def _spool_rest(directory: Path, parts: Sequence[Part], reason: str, report: PushReport) -> None:
    try:
        for part in parts:
            report.spooled.append(spooling.write(directory, part.graph, part.triples, part.replace, reason))
    except OSError as e:
        raise EndpointError(f"{reason}; and the graphs not written could not be saved in {directory}: "
                            f"{e.strerror or e} (push the input files again)") from None


def push_spool(directory: str | os.PathLike, endpoint: str | None = None, auth: Auth | None = None,
               timeout: float = 60.0, *, gsp_url: str | None = None, query_url: str | None = None,
               retry: RetryPolicy | None = None, progress: Progress | None = None) -> PushReport:
    """Send every graph spooled in ``directory`` (kg.store.spool), deleting each file once it is written.

    Stops at the first graph that fails for good; it and the rest stay in the spool.
    """
    urls = store_urls(endpoint, gsp_url=gsp_url, query_url=query_url)
    auth = auth or credentials(url=urls.gsp)
    directory = Path(directory)
    spooling.pending(directory)  # UsageError if there is no such directory
    with spooling.locked(directory):
        return _push_spooled(directory, urls, auth, timeout, retry, progress)


def _push_spooled(directory: Path, urls: StoreURLs, auth: Auth | None, timeout: float, retry: RetryPolicy | None,
                  progress: Progress | None) -> PushReport:
    items = [spooling.read(p) for p in spooling.pending(directory)]  # check every file before sending any
    report = PushReport(redact(urls.gsp), urls.query and redact(urls.query), sum(len(x.triples) for x in items))
    for i, item in enumerate(items):
        try:
            send_graph(urls.gsp, item.graph, item.triples, item.replace, auth=auth, timeout=timeout, retry=retry)
        except EndpointError as e:
            report.spooled = [x.path for x in items[i:]]
            written = f"{i} of {len(items)} spooled graph(s) were written before; " if i else ""
            raise PushError(f"{e} ({'replacing' if item.replace else 'merging into'} graph <{item.graph}> "
                            f"from {item.path}; {written}{len(items) - i} graph(s) stay in {directory})",
                            report) from None
        try:
            spooling.remove(item.path)
        except OSError as e:
            raise EndpointError(f"graph <{item.graph}> was written but {item.path} cannot be deleted: "
                                f"{e.strerror or e}; delete it before the next --from-spool") from None
        report.graphs.append((item.graph, len(item.triples), item.replace))
        if progress:
            progress(item.graph, len(item.triples), item.replace)
    return report


def _check_graph_iri(iri: str) -> None:
    try:
        ox.NamedNode(iri)  # an absolute IRI: pyoxigraph wants its scheme
    except ValueError as e:
        raise UsageError(f"not a valid graph IRI: {iri!r} ({e})") from None
