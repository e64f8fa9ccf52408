"""Publish kg's Turtle to SPARQL 1.1 stores: ``push`` it over HTTP, or ``serve`` it from a local Oxigraph.

push: one named graph per article
---------------------------------
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

URLs
----
``endpoint`` is the store's base URL, laid out like Oxigraph's: Graph Store
``<base>/store``, queries ``<base>/query``, updates ``<base>/update`` (a URL
already ending in one of these is accepted too).  Other stores name them
differently; pass their Graph Store URL as ``gsp_url``:

* Apache Jena Fuseki: ``http://host:3030/DATASET/data`` (query: ``/DATASET/query``)
* GraphDB: ``http://host:7200/repositories/REPO/rdf-graphs/service`` (query: ``/repositories/REPO``)
* Virtuoso: ``http://host:8890/sparql-graph-crud-auth`` (query: ``/sparql``)

Credentials come from ``auth=(user, password)``, from ``user:password@`` in the
URL, from the KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD environment variables, or
from the netrc file (``$NETRC`` or ``~/.netrc``) entry for the store's host;
HTTP Basic and Digest both work (the server's challenge picks one).  They are
never part of an error message or a log record.

Faults
------
Requests go through :mod:`kg.store.httpclient`: PUTs and queries are retried with
exponential backoff after connection errors, timeouts and HTTP 429/500/502/503/504
(honouring Retry-After); a POST is retried only when it cannot have reached the
store (see there).  ``push(..., spool=DIR)`` writes every graph that was not
written, the failed one and all after it, to DIR (:mod:`kg.store.spool`), and
:func:`push_spool` sends them later, deleting each file only once the store has
accepted it.

serve
-----
``serve`` runs ``oxigraph serve`` (the ``oxigraph`` PyPI package) on a fresh
store in a temporary directory, pushes the files into it, prints its URLs and
keeps it up until SIGINT/SIGTERM, then stops the server and deletes the data.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from typing import Self
from urllib.error import URLError
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import SHARED_GRAPH
from kg.rdf.ownership import documents, owners
from kg.store import spool as spooling
from kg.store.formats import format_of, ox_format
from kg.store.httpclient import (  # noqa: F401
    ENV_PASSWORD,
    ENV_USER,
    NO_RETRY,
    USER_AGENT,
    RequestError,
    RetryPolicy,
    redact,
    request,
)
from kg.store.httpclient import userinfo as _userinfo

DEFAULT_PORT = 7878

_OXIGRAPH_PATHS = ("/query", "/store", "/update")

Auth = tuple[str, str]


# --------------------------------------------------------------------------------------------- URLs


@dataclass(frozen=True)
class StoreURLs:
    """Where a store takes Graph Store requests, queries and updates (the last two None when unknown)."""

    gsp: str
    query: str | None = None
    update: str | None = None


def store_urls(endpoint: str | None = None, *, gsp_url: str | None = None, query_url: str | None = None) -> StoreURLs:
    """The Oxigraph layout under a base URL (``<base>/store``, ``/query``, ``/update``); explicit URLs win."""
    if not endpoint and not gsp_url:
        raise UsageError("give the store's base URL (--endpoint URL) or its Graph Store URL (--gsp-url URL)")
    base = None
    if endpoint:
        base = _check_url(endpoint).rstrip("/")
        for suffix in _OXIGRAPH_PATHS:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
    return StoreURLs(
        gsp=_check_url(gsp_url) if gsp_url else f"{base}/store",
        query=_check_url(query_url) if query_url else (f"{base}/query" if base else None),
        update=f"{base}/update" if base else None,
    )


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) URL: {redact(url)}")
    return url


def credentials(user: str | None = None, password: str | None = None, *, url: str | None = None) -> Auth | None:
    """(user, password) for a store, or None; the password is never logged or printed.

    In order: the arguments (``--user`` / ``--password``, which the CLI also fills from
    KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD), ``user:password@`` in ``url``, the environment
    variables, then the netrc file (``$NETRC``, else ``~/.netrc``) entry for ``url``'s host (or its
    ``default`` entry).  A user name without a password takes the netrc password only when the
    netrc login for that host is the same user; otherwise the password is empty.
    """
    if user is None and password is None and url:
        found = _userinfo(url)
        if found:
            return found
    user = user if user is not None else os.environ.get(ENV_USER)
    password = password if password is not None else os.environ.get(ENV_PASSWORD)
    if not user:
        if password:
            raise UsageError(f"a password needs a user name (--user or {ENV_USER})")
        return netrc_credentials(url) if url else None
    if password is None and url:
        entry = netrc_credentials(url)
        if entry and entry[0] == user:
            password = entry[1]
    return user, password or ""


def netrc_credentials(url: str) -> Auth | None:
    """(login, password) for ``url``'s host from ``$NETRC`` or ``~/.netrc`` (stdlib netrc); None if none.

    A malformed file is a UsageError naming the file and line, never its text (it may hold passwords).
    """
    import netrc

    host = urlsplit(url).hostname
    explicit = os.environ.get("NETRC")
    path = Path(explicit).expanduser() if explicit else Path("~/.netrc").expanduser()
    if not host or not path.is_file():
        return None
    try:
        # the default file gets the stdlib's check that only its owner can read it
        entry = netrc.netrc(str(path) if explicit else None).authenticators(host)
    except netrc.NetrcParseError as e:
        if "permissive" in (e.msg or ""):
            raise UsageError(f"{path} can be read by other users; chmod 600 it") from None
        raise UsageError(f"cannot parse the netrc file {e.filename or path}, line {e.lineno}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read the netrc file {path}: {getattr(e, 'strerror', None) or e}") from None
    if not entry or not entry[0]:
        return None
    return entry[0], entry[2] or ""


# --------------------------------------------------------------------------------------------- HTTP


def http_request(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None,
                 auth: Auth | None = None, timeout: float = 60.0, retry: RetryPolicy | None = None,
                 idempotent: bool | None = None) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request, retried when safe (kg.store.httpclient); failures raise an EndpointError naming
    the URL (never the credentials)."""
    resp = request(url, method=method, data=data, headers=headers, auth=auth, timeout=timeout, retry=retry,
                   idempotent=idempotent)
    return resp.status, resp.headers, resp.body


def sparql_select(url: str, query: str, *, auth: Auth | None = None, timeout: float = 60.0,
                  retry: RetryPolicy | None = None) -> dict:
    """Run a query (SPARQL 1.1 Protocol: URL-encoded POST) and return the JSON results.

    A query changes nothing, so it is retried like a GET (see kg.store.httpclient).  Credentials
    (``auth``, else :func:`credentials` for the URL) go as HTTP Basic or Digest, whichever the
    server's challenge asks for.  Every failure becomes an EndpointError that names the URL, never
    the credentials.
    """
    _check_url(url)
    auth = auth or credentials(url=url)
    where = redact(url).split("?", 1)[0]
    path = urlsplit(url).path.rstrip("/")
    hint = ""
    if not path or path.endswith(("/store", "/update")):
        hint = f" (is this the query URL? For Oxigraph it is {store_urls(redact(url)).query})"
    try:
        _, headers, body = http_request(
            url, method="POST", data=urlencode({"query": query}).encode("utf-8"), auth=auth, timeout=timeout,
            retry=retry, idempotent=True,
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Accept": "application/sparql-results+json, application/json;q=0.9"})
    except EndpointError as e:
        raise EndpointError(f"{e}{hint}") from None
    ctype = headers.get("content-type", "")
    try:
        data = json.loads(body.decode("utf-8"))
        if not (isinstance(data, dict) and "head" in data and ("results" in data or "boolean" in data)):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise EndpointError(f"{where} did not answer with SPARQL JSON results "
                            f"(got {ctype.split(';')[0] or 'no content type'}){hint}") from None
    return data


# every document kg writes has a content hash: the cheapest sign that kg's data is there
_KG_IN_DEFAULT = "ASK { ?d <https://w3id.org/kg-conflict/ontology#contentHash> ?h }"
_KG_IN_NAMED = "ASK { GRAPH ?g { ?d <https://w3id.org/kg-conflict/ontology#contentHash> ?h } }"


def default_graph_hint(url: str, *, auth: Auth | None = None, timeout: float = 60.0,
                       retry: RetryPolicy | None = None) -> str | None:
    """Why kg's queries may find nothing at a query endpoint: its default graph holds none of kg's data while
    its named graphs do (``oxigraph serve`` without ``--union-default-graph``, Fuseki without
    ``tdb2:unionDefaultGraph``). Returns the advice, or None when the default graph has kg's data, no graph
    has it, or the endpoint cannot tell (a failed check is no reason to fail the command that asked)."""
    try:
        if sparql_select(url, _KG_IN_DEFAULT, auth=auth, timeout=timeout, retry=retry).get("boolean", True):
            return None
        if not sparql_select(url, _KG_IN_NAMED, auth=auth, timeout=timeout, retry=retry).get("boolean", False):
            return None
    except EndpointError:
        return None
    return ("the endpoint's default graph holds none of kg's data, but its named graphs do, and the bundled "
            "queries read the default graph: serve the store with the union of its graphs as the default graph "
            "(Oxigraph: oxigraph serve --union-default-graph; Fuseki: tdb2:unionDefaultGraph true; GraphDB and "
            "Virtuoso do this already)")


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


def _serialization_prefixes() -> dict[str, str]:
    from kg.rdf.namespaces import PREFIXES

    return {p: str(ns) for p, ns in PREFIXES.items()}


def graph_url(gsp_url: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (``<gsp>?graph=<IRI>``, indirect identification)."""
    return f"{gsp_url}{'&' if '?' in gsp_url else '?'}graph={quote(graph, safe='')}"


def _send(urls: StoreURLs, graph: str, triples: list[ox.Triple], replace: bool, *, auth: Auth | None,
          timeout: float, retry: RetryPolicy | None, prefixes: dict[str, str]) -> None:
    """PUT (replace) or POST (merge) one graph.  A POST of ground triples is idempotent (an RDF graph is a
    set), so it is retried like a PUT; a POST carrying blank nodes would add a second copy, so it is not."""
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    idempotent = replace or not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                    for t in triples)
    http_request(graph_url(urls.gsp, graph), method="PUT" if replace else "POST", data=body,
                 headers={"Content-Type": "text/turtle; charset=utf-8"}, auth=auth, timeout=timeout,
                 retry=retry, idempotent=idempotent)


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
    prefixes = _serialization_prefixes()
    report = PushReport(redact(urls.gsp), urls.query and redact(urls.query), n_triples)
    for i, part in enumerate(parts):
        try:
            _send(urls, part.graph, part.triples, part.replace, auth=auth, timeout=timeout, retry=retry,
                  prefixes=prefixes)
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
    prefixes = _serialization_prefixes()
    report = PushReport(redact(urls.gsp), urls.query and redact(urls.query), sum(len(x.triples) for x in items))
    for i, item in enumerate(items):
        try:
            _send(urls, item.graph, item.triples, item.replace, auth=auth, timeout=timeout, retry=retry,
                  prefixes=prefixes)
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
        ox.NamedNode(iri)
    except ValueError as e:
        raise UsageError(f"not a valid graph IRI: {iri!r} ({e})") from None
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        raise UsageError(f"not an absolute graph IRI: {iri!r}")


# --------------------------------------------------------------------------------------------- serve


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
        import ctypes

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
                with urllib.request.urlopen(urllib.request.Request(
                        probe, headers={"Accept": "application/sparql-results+json"}), timeout=1) as resp:
                    if resp.status == 200:
                        return self
            except (URLError, OSError, HTTPException):
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
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
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
        from kg.store.guard import Guard

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
