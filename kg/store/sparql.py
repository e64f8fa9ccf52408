"""A SPARQL 1.1 store's endpoints, and what kg asks of them over HTTP (:mod:`kg.store.httpclient`).

URLs
----
``endpoint`` is the store's base URL, laid out like Oxigraph's: Graph Store
``<base>/store``, queries ``<base>/query``, updates ``<base>/update`` (a URL
already ending in one of these is accepted too).  Other stores name them
differently; pass their Graph Store URL as ``gsp_url``:

* Apache Jena Fuseki: ``http://host:3030/DATASET/data`` (query: ``/DATASET/query``)
* GraphDB: ``http://host:7200/repositories/REPO/rdf-graphs/service`` (query: ``/repositories/REPO``)
* Virtuoso: ``http://host:8890/sparql-graph-crud-auth`` (query: ``/sparql``)

Requests
--------
:func:`sparql_select` runs a query (SPARQL 1.1 Protocol: URL-encoded POST, JSON results), for ``kg query
--endpoint`` and :func:`default_graph_hint`; :func:`send_graph` replaces or merges one named graph (Graph Store
HTTP Protocol, Turtle), for ``kg push``.  Both are retried as :mod:`kg.store.httpclient` says: queries and PUTs
like any idempotent request, a POST only when repeating it cannot change the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import KGO, PREFIXES
from kg.store.httpclient import Auth, RetryPolicy, credentials, redact, request

_OXIGRAPH_PATHS = ("/query", "/store", "/update")
_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}  # kg's, in the Turtle sent to a store


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
        base = check_url(endpoint).rstrip("/")
        for suffix in _OXIGRAPH_PATHS:
            if base.endswith(suffix):
                base = base[: -len(suffix)]
                break
    return StoreURLs(
        gsp=check_url(gsp_url) if gsp_url else f"{base}/store",
        query=check_url(query_url) if query_url else (f"{base}/query" if base else None),
        update=f"{base}/update" if base else None,
    )


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host; else a UsageError (naming it without credentials)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"not an http(s) URL: {redact(url)}")
    return url


def graph_url(gsp_url: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (``<gsp>?graph=<IRI>``, indirect identification)."""
    return f"{gsp_url}{'&' if '?' in gsp_url else '?'}graph={quote(graph, safe='')}"


def send_graph(gsp_url: str, graph: str, triples: list[ox.Triple], replace: bool, *, auth: Auth | None,
              timeout: float, retry: RetryPolicy | None) -> None:
    """PUT (replace) or POST (merge) one graph as Turtle.  A POST of ground triples is idempotent (an RDF graph is a
    set), so it is retried like a PUT; a POST carrying blank nodes would add a second copy, so it is not."""
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES)
    idempotent = replace or not any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                    for t in triples)
    request(graph_url(gsp_url, graph), method="PUT" if replace else "POST", data=body,
            headers={"Content-Type": "text/turtle; charset=utf-8"}, auth=auth, timeout=timeout, retry=retry,
            idempotent=idempotent)


def sparql_select(url: str, query: str, *, auth: Auth | None = None, timeout: float = 60.0,
                  retry: RetryPolicy | None = None) -> dict:
    """Run a query (SPARQL 1.1 Protocol: URL-encoded POST) and return the JSON results.

    A query changes nothing, so it is retried like a GET (see kg.store.httpclient).  Credentials
    (``auth``, else :func:`~kg.store.httpclient.credentials` for the URL) go as HTTP Basic or Digest,
    whichever the server's challenge asks for.  Every failure becomes an EndpointError that names the
    URL, never the credentials.
    """
    check_url(url)
    auth = auth or credentials(url=url)
    where = redact(url).split("?", 1)[0]
    path = urlsplit(url).path.rstrip("/")
    hint = ""
    if not path or path.endswith(("/store", "/update")):
        hint = f" (is this the query URL? For Oxigraph it is {store_urls(redact(url)).query})"
    try:
        resp = request(url, method="POST", data=urlencode({"query": query}).encode("utf-8"), auth=auth,
                       timeout=timeout, retry=retry, idempotent=True,
                       headers={"Content-Type": "application/x-www-form-urlencoded",
                                "Accept": "application/sparql-results+json, application/json;q=0.9"})
    except EndpointError as e:
        raise EndpointError(f"{e}{hint}") from None
    ctype = resp.headers.get("content-type", "")
    try:
        data = json.loads(resp.body.decode("utf-8"))
        if not (isinstance(data, dict) and "head" in data and ("results" in data or "boolean" in data)):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise EndpointError(f"{where} did not answer with SPARQL JSON results "
                            f"(got {ctype.split(';')[0] or 'no content type'}){hint}") from None
    return data


# every document kg writes has a content hash: the cheapest sign that kg's data is there
_KG_IN_DEFAULT = f"ASK {{ ?d <{KGO.contentHash}> ?h }}"
_KG_IN_NAMED = f"ASK {{ GRAPH ?g {{ ?d <{KGO.contentHash}> ?h }} }}"


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
