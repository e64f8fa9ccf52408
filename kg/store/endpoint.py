"""Publish kg's Turtle to SPARQL 1.1 stores: ``push`` it over HTTP, or ``serve`` it from a local Oxigraph.

push: one named graph per article
---------------------------------
``push`` sends each source document's statements to its own named graph with
the Graph Store HTTP Protocol (``PUT <gsp>?graph=<doc IRI>``, text/turtle), so
pushing an article again REPLACES what the store held for it.  The graph IRI is
the document's IRI, the subject typed schema:NewsArticle / nif:Context
(``https://w3id.org/kg-conflict/id/doc/<key>``).  A subject belongs to document
D when it is D, a span of D (``D#char=b,e``) or any IRI under D; when it is
linked to D by prov:wasDerivedFrom, nif:referenceContext or prov:used; when its
IRI carries D's content key (kg mints ``event/<key>-b-e``, ``…/<key>-b-e/time``,
``actor/<key>-…``); when it sits under such an IRI (``X/…``, ``X#…``); or when it
is a blank node reachable from D alone.

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
URL, or from the KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD environment variables;
HTTP Basic and Digest both work (the server's challenge picks one).  They are
never part of an error message.

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
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from typing import Self
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError

SHARED_GRAPH = "https://w3id.org/kg-conflict/id/graph/shared"
ENV_USER, ENV_PASSWORD = "KG_ENDPOINT_USER", "KG_ENDPOINT_PASSWORD"
USER_AGENT = "kg (conflict news to linked data)"
DEFAULT_PORT = 7878

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DOC_CLASSES = {
    ox.NamedNode("https://schema.org/NewsArticle"),
    ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context"),
}
_DOC_LINKS = {
    ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"),
    ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext"),
    ox.NamedNode("http://www.w3.org/ns/prov#used"),
}
_CONTENT_KEY = re.compile(r"[0-9a-f]{12,64}")  # kg's document keys are 16 hex digits of the text's SHA-256
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


def redact(url: str) -> str:
    """The URL without any ``user:password@`` part (safe to print)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _userinfo(url: str) -> Auth | None:
    parts = urlsplit(url)
    if parts.username is None:
        return None
    from urllib.parse import unquote

    return unquote(parts.username), unquote(parts.password or "")


def credentials(user: str | None = None, password: str | None = None) -> Auth | None:
    """(user, password) from the arguments, else from KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD; None without a user."""
    user = user if user is not None else os.environ.get(ENV_USER)
    if not user:
        if password:
            raise UsageError(f"a password needs a user name (--user or {ENV_USER})")
        return None
    return user, password if password is not None else os.environ.get(ENV_PASSWORD, "")


# --------------------------------------------------------------------------------------------- HTTP


def http_request(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None,
                 auth: Auth | None = None, timeout: float = 60.0) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request; every failure becomes an EndpointError that names the URL (never the credentials)."""
    auth = auth or _userinfo(url)
    url = redact(url)
    where = url.split("?", 1)[0]
    req = urllib.request.Request(url, data=data, method=method, headers={"User-Agent": USER_AGENT, **(headers or {})})
    handlers: list[urllib.request.BaseHandler] = []
    if auth:
        parts = urlsplit(url)
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, f"{parts.scheme}://{parts.netloc}/", auth[0], auth[1])
        handlers += [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except HTTPError as e:
        if e.code == 401:
            hint = ("it did not accept the credentials" if auth else
                    f"it needs credentials: set {ENV_USER} and {ENV_PASSWORD} (or --user)")
            raise EndpointError(f"{where} answered HTTP 401 Unauthorized: {hint}") from None
        detail = _excerpt(e)
        raise EndpointError(f"{where} answered HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")) from None
    except URLError as e:
        raise EndpointError(_unreachable(where, e.reason, timeout)) from None
    except TimeoutError:
        raise EndpointError(f"{where} did not answer within {timeout:g} s (timeout)") from None
    except (HTTPException, OSError, ValueError) as e:
        raise EndpointError(f"cannot talk to {where}: {type(e).__name__}: {e}") from None


def _unreachable(url: str, reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"{url} did not answer within {timeout:g} s (timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused (is the server running?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host {urlsplit(url).hostname!r}"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"cannot reach {url}: {text}"


def _excerpt(e: HTTPError, limit: int = 300) -> str:
    try:
        body = e.read().decode("utf-8", "replace")
    except (OSError, HTTPException, ValueError):  # the body is only a hint
        return ""
    if "html" in (e.headers.get("Content-Type") or ""):
        body = re.sub(r"<[^>]+>", " ", body)
    body = " ".join(body.split())
    return body if len(body) <= limit else body[: limit - 1] + "…"


def sparql_select(url: str, query: str, *, auth: Auth | None = None, timeout: float = 60.0) -> dict:
    """Run a query through SPARQLWrapper (SPARQL 1.1 Protocol, URL-encoded POST) and return the JSON results.

    Credentials go as HTTP Basic first; if the server refuses Basic, the query is sent again with
    Digest through urllib (SPARQLWrapper's Digest support needs the server's realm in advance and
    changes a process-wide opener). Every failure becomes an EndpointError that names the URL, never
    the credentials.
    """
    from SPARQLWrapper import BASIC, JSON, POST, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import (EndPointInternalError, EndPointNotFound, QueryBadFormed,
                                                SPARQLWrapperException, Unauthorized, URITooLong)

    _check_url(url)
    auth = auth or _userinfo(url) or credentials()
    where = redact(url).split("?", 1)[0]
    path = urlsplit(url).path.rstrip("/")
    hint = ""
    if not path or path.endswith(("/store", "/update")):
        hint = f" (is this the query URL? For Oxigraph it is {store_urls(redact(url)).query})"

    def attempt(scheme: str | None):
        client = SPARQLWrapper(redact(url), agent=USER_AGENT)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setQuery(query)
        client.setReturnFormat(JSON)
        client.setTimeout(max(1, int(timeout)))
        if scheme and auth:
            client.setHTTPAuth(scheme)
            client.setCredentials(auth[0], auth[1])
        result = client.query()
        return result.response.headers.get("content-type", ""), result.response.read()

    try:
        try:
            ctype, body = attempt(BASIC if auth else None)
        except Unauthorized:
            if not auth:
                raise EndpointError(f"{where} answered HTTP 401 Unauthorized: it needs credentials: "
                                    f"set {ENV_USER} and {ENV_PASSWORD} (or --user)") from None
            _, headers, body = http_request(
                url, method="POST", data=urlencode({"query": query}).encode("utf-8"), auth=auth, timeout=timeout,
                headers={"Content-Type": "application/x-www-form-urlencoded",
                         "Accept": "application/sparql-results+json, application/json;q=0.9"})
            ctype = headers.get("content-type", "")
    except HTTPError as e:
        detail = _excerpt(e)
        raise EndpointError(f"{where} answered HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "") + hint) from None
    except URLError as e:
        raise EndpointError(_unreachable(where, e.reason, timeout)) from None
    except TimeoutError:
        raise EndpointError(f"{where} did not answer within {timeout:g} s (timeout)") from None
    except SPARQLWrapperException as e:
        code = {QueryBadFormed: "400 Bad Request", EndPointNotFound: "404 Not Found", URITooLong: "414 URI Too Long",
                EndPointInternalError: "500 Internal Server Error"}.get(type(e), "error")
        detail = str(e).split("Response:", 1)[-1].strip() if "Response:" in str(e) else ""
        detail = " ".join(detail.replace("\\n", " ").split())[:300]
        raise EndpointError(f"{where} answered HTTP {code}" + (f": {detail}" if detail else "") + hint) from None
    except (HTTPException, OSError, ValueError, TypeError) as e:
        raise EndpointError(f"cannot talk to {where}: {type(e).__name__}: {e}{hint}") from None
    try:
        data = json.loads(body.decode("utf-8"))
        if not (isinstance(data, dict) and "head" in data and ("results" in data or "boolean" in data)):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise EndpointError(f"{where} did not answer with SPARQL JSON results "
                            f"(got {ctype.split(';')[0] or 'no content type'}){hint}") from None
    return data


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
    """Every triple of every file (format from the extension, Turtle by default), duplicates dropped.

    Graph names in TriG / N-Quads input are ignored: push derives the graphs itself.
    """
    seen: dict[ox.Triple, None] = {}
    for f in files:
        path = Path(f)
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
        try:
            for item in ox.parse(path=str(path), format=fmt, rename_blank_nodes=True):
                seen[item.triple if isinstance(item, ox.Quad) else item] = None
        except SyntaxError as e:
            raise UsageError(f"cannot parse {path}: {e}") from None
        except (OSError, ValueError) as e:
            raise UsageError(f"cannot read {path}: {e}") from None
    return list(seen)


def documents(triples: Iterable[ox.Triple]) -> list[str]:
    """IRIs of the subjects typed schema:NewsArticle or nif:Context, sorted."""
    return sorted({t.subject.value for t in triples
                   if t.predicate == _RDF_TYPE and t.object in _DOC_CLASSES and isinstance(t.subject, ox.NamedNode)})


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
    docs = documents(triples)
    if not docs:
        raise NoDocumentError("the data holds no document (a subject typed schema:NewsArticle or nif:Context) "
                              "to name a graph after; pass --graph IRI to push it all into one named graph")
    owner = _owners(triples, docs)
    by_subject: dict[object, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject].append(t)
    per_doc: dict[str, list[ox.Triple]] = {d: [] for d in docs}
    rest: list[ox.Triple] = []
    for t in triples:
        d = owner.get(t.subject)
        (per_doc[d] if d else rest).append(t)
    if shared == "copy" and rest:
        copied: set = set()
        for d in docs:
            reached = _reach((t.object for t in per_doc[d]), by_subject, skip=owner)
            copied |= reached
            per_doc[d] += [t for s in reached for t in by_subject[s]]
        rest = [t for t in rest if t.subject not in copied]
    parts = [Part(d, per_doc[d], True) for d in docs]
    if rest:
        parts.append(Part(SHARED_GRAPH, rest, False))
    return parts


def _owners(triples: Sequence[ox.Triple], docs: list[str]) -> dict[object, str]:
    """Subject → the one document it belongs to (subjects shared by several documents, or none, are absent)."""
    doc_set = set(docs)
    keys: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        key = re.split(r"[/#]", d.rstrip("/"))[-1]
        if _CONTENT_KEY.fullmatch(key):
            keys[key].add(d)
    candidates: dict[object, set[str]] = defaultdict(set)
    subjects = list(dict.fromkeys(t.subject for t in triples))
    for t in triples:
        if t.predicate in _DOC_LINKS and isinstance(t.object, ox.NamedNode) and t.object.value in doc_set:
            candidates[t.subject].add(t.object.value)
    for s in subjects:
        if not isinstance(s, ox.NamedNode):
            continue
        iri = s.value
        if iri in doc_set:
            candidates[s] = {iri}
            continue
        for prefix in _prefixes(iri):
            if prefix in doc_set:
                candidates[s].add(prefix)
        rest = iri.split("://", 1)[-1]
        for token in re.split(r"[/#\-,=;.?&:]", rest):
            if len(keys.get(token, ())) == 1:
                candidates[s] |= keys[token]
    owner = {s: next(iter(c)) for s, c in candidates.items() if len(c) == 1}
    # IRIs under an owned IRI (X/… or X#…) go with it
    for s in subjects:
        if isinstance(s, ox.NamedNode) and s not in candidates:
            for prefix in _prefixes(s.value):
                d = owner.get(ox.NamedNode(prefix))
                if d:
                    owner[s] = d
                    break
    # blank nodes: with the one document that reaches them, or shared
    edges: dict[object, list] = defaultdict(list)
    for t in triples:
        if isinstance(t.object, ox.BlankNode):
            edges[t.subject].append(t.object)
    if edges:
        reach: dict[object, set] = defaultdict(set)
        queue = deque((s, owner.get(s)) for s in subjects if s in edges and not isinstance(s, ox.BlankNode))
        while queue:
            s, d = queue.popleft()
            for o in edges.get(s, ()):
                if d not in reach[o]:
                    reach[o].add(d)
                    queue.append((o, d))
        for b, ds in reach.items():
            if len(ds) == 1 and None not in ds:
                owner[b] = next(iter(ds))
    return owner


def _prefixes(iri: str) -> Iterable[str]:
    """The IRI cut at each '/' or '#' after its authority, longest first."""
    start = iri.find("://")
    start = iri.find("/", start + 3) if start >= 0 else 0
    for i in range(len(iri) - 1, max(start, 0), -1):
        if iri[i] in "/#":
            yield iri[:i]


def _reach(objects: Iterable, by_subject: dict, *, skip: dict) -> set:
    """Subjects (not owned by a document) reachable from ``objects`` through subjects' objects."""
    seen: set = set()
    queue = deque(o for o in objects if o in by_subject and o not in skip)
    while queue:
        s = queue.popleft()
        if s in seen:
            continue
        seen.add(s)
        queue.extend(t.object for t in by_subject[s] if t.object in by_subject and t.object not in skip
                     and t.object not in seen)
    return seen


# --------------------------------------------------------------------------------------------- push


@dataclass
class PushReport:
    gsp_url: str
    query_url: str | None
    triples: int
    graphs: list[tuple[str, int, bool]] = field(default_factory=list)  # (graph IRI, triples sent, replaced?)

    @property
    def documents(self) -> int:
        return sum(1 for _, _, replaced in self.graphs if replaced)


def _serialization_prefixes() -> dict[str, str]:
    from kg.rdf.namespaces import PREFIXES

    return {p: str(ns) for p, ns in PREFIXES.items()}


def graph_url(gsp_url: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (``<gsp>?graph=<IRI>``, indirect identification)."""
    return f"{gsp_url}{'&' if '?' in gsp_url else '?'}graph={quote(graph, safe='')}"


def push(files: Iterable[str | os.PathLike], endpoint: str | None = None, graph: str | None = None,
         auth: Auth | None = None, timeout: float = 60.0, *, gsp_url: str | None = None,
         query_url: str | None = None, shared: str = "graph") -> PushReport:
    """Load Turtle files into a SPARQL 1.1 store, one named graph per document (see the module docstring).

    ``endpoint`` is the store's base URL (Oxigraph layout); ``gsp_url`` names the Graph Store
    endpoint directly.  Raises UsageError for bad input and EndpointError when the store fails.
    """
    urls = store_urls(endpoint, gsp_url=gsp_url, query_url=query_url)
    auth = auth or _userinfo(urls.gsp) or credentials()
    if graph is not None:
        _check_graph_iri(graph)
    triples = read_triples(files)
    parts = split_documents(triples, graph=graph, shared=shared)
    prefixes = _serialization_prefixes()
    report = PushReport(redact(urls.gsp), urls.query and redact(urls.query), len(triples))
    for part in parts:
        body = ox.serialize(part.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        try:
            http_request(graph_url(urls.gsp, part.graph), method="PUT" if part.replace else "POST", data=body,
                         headers={"Content-Type": "text/turtle; charset=utf-8"}, auth=auth, timeout=timeout)
        except EndpointError as e:
            context = []
            if "answered HTTP" in str(e):
                context.append(f"{'replacing' if part.replace else 'merging into'} graph <{part.graph}>")
            if report.graphs:
                context.append(f"{len(report.graphs)} of {len(parts)} graph(s) were written before")
            raise EndpointError(f"{e} ({'; '.join(context)})" if context else str(e)) from None
        report.graphs.append((part.graph, len(part.triples), part.replace))
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


class OxigraphServer:
    """``oxigraph serve`` on a fresh store in a temporary directory (deleted by :meth:`stop`).

    The default graph is the union of all graphs (``--union-default-graph``), so the bundled
    queries see every pushed document, as they do on the embedded store.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, executable: str | None = None):
        self.host = host
        self.port = port
        self.executable = executable
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
        self.directory = tempfile.mkdtemp(prefix="kg-serve-")
        self._log = open(Path(self.directory, "server.log"), "w+b")  # noqa: SIM115 - closed by stop()
        data = Path(self.directory, "data")
        try:
            self.process = subprocess.Popen(
                [exe, "serve", "--location", str(data), "--bind", f"{self.host}:{self.port}", "--union-default-graph"],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches kg only; kg stops the server in order
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
          echo: Callable[[str], None] = print, shared: str = "graph") -> int:
    """Serve FILES from a local Oxigraph until SIGINT/SIGTERM/SIGHUP; returns the number of triples loaded.

    Prints the SPARQL endpoint, Graph Store and web UI URLs once the data is loaded; on a signal
    stops the server and deletes its temporary directory (also when loading fails).
    """
    if files:  # fail on unreadable input before starting anything
        for f in files:
            if not Path(f).is_file():
                raise UsageError(f"no such file: {f}")
    server = OxigraphServer(host, port)
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
    try:
        server.start()
        if files:
            try:
                report = push(files, server.base_url, shared=shared)
            except NoDocumentError:  # no article at all (an ontology, say): serve it anyway
                report = push(files, server.base_url, graph=SHARED_GRAPH)
            loaded = report.triples
            echo(f"kg: loaded {report.triples} triples from {len(files)} file(s) into "
                 f"{len(report.graphs)} named graph(s) ({report.documents} document(s))")
        urls = server.urls
        if host not in ("127.0.0.1", "localhost", "::1"):
            echo(f"kg: WARNING: the server listens on {host} and accepts writes from anyone who can reach it")
        echo(f"SPARQL endpoint: {urls.query}")
        echo(f"Graph Store:     {urls.gsp}")
        echo(f"Web UI:          {server.base_url}/")
        echo(f"Data directory:  {server.directory} (deleted on exit)")
        echo("Press Ctrl-C to stop.")
        proc = server.process
        code = proc.wait()
        raise EndpointError(f"oxigraph serve stopped by itself with code {code}: {server.log_tail()}")
    except (_Stop, KeyboardInterrupt):
        echo("kg: stopping the server")
    finally:
        for sig in previous:  # a second Ctrl-C must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return loaded
