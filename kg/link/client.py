"""A polite SPARQL client with an on-disk JSON cache of lookups.

SPARQLWrapper sends each query; kg's one retry loop and policy (:mod:`kg.store.httpclient`, the same as
``kg push`` and ``kg query --endpoint``) decide whether to send it again.  Politeness, as the Wikidata Query
Service asks of bots (https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual#Query_limits):

* a descriptive User-Agent that names the software and where to read about it;
* one request at a time, at least ``min_interval`` seconds apart;
* many keys per request (``VALUES`` batches of ``batch_size``);
* a ``timeout`` on every request;
* retries after connection errors, timeouts and HTTP 429/500/502/503/504, with exponential backoff (without
  jitter: ``backoff``, ``2*backoff``, … capped at ``max_wait``) or after the ``Retry-After`` the server asked
  for, giving up at once when it asks for more than ``max_wait`` seconds;
* after a request has failed for good, no further request in the same run (the rest is read from the cache).

The cache maps (endpoint, lookup kind, key) to the result rows for that key, so a key asked once is
never asked again, however the batches of a later run are cut; keys the endpoint had nothing for are
cached too (as no rows).  The file is JSON, written atomically.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from http import HTTPStatus
from http.client import HTTPException
from pathlib import Path

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper import __version__ as _sparqlwrapper_version
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    Unauthorized,
    URITooLong,
)

from kg import __version__
from kg.errors import EndpointError, UsageError
from kg.store.httpclient import Failure, RequestError, RetryPolicy, failure_of, redact, retrying
from kg.store.serialize import atomic_write

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = (f"kg-conflict/{__version__} (conflict news to linked data; entity linking; "
              f"https://w3id.org/kg-conflict) SPARQLWrapper/{_sparqlwrapper_version}")
CACHE_FORMAT = "kg-link-cache/1"
# SPARQLWrapper turns these answers into its own exceptions, without their headers
_STATUS_OF = {QueryBadFormed: 400, Unauthorized: 401, EndPointNotFound: 404, URITooLong: 414,
              EndPointInternalError: 500}

Row = dict[str, str]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class LinkCache:
    """Lookup results on disk: ``{"format": ..., "endpoints": {URL: {"KIND\\tKEY": {"rows": [...], "fetched": T}}}}``.

    ``path=None`` keeps the cache in memory only.  A file that is not a kg link cache is an error
    (it is never overwritten); a missing file is an empty cache.
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else None
        self.data: dict[str, dict[str, dict]] = {}
        self.dirty = False
        if self.path is not None and self.path.exists():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
                raise UsageError(f"cannot read the link cache {self.path}: {e}") from None
            if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or not isinstance(raw.get("endpoints"), dict):
                raise UsageError(f"{self.path} is not a kg link cache (format {CACHE_FORMAT})")
            self.data = raw["endpoints"]

    def get(self, endpoint: str, kind: str, key: str) -> dict | None:
        return self.data.get(endpoint, {}).get(f"{kind}\t{key}")

    def put(self, endpoint: str, kind: str, key: str, rows: list[Row], fetched: str) -> None:
        self.data.setdefault(endpoint, {})[f"{kind}\t{key}"] = {"rows": rows, "fetched": fetched}
        self.dirty = True

    def __len__(self) -> int:
        return sum(len(v) for v in self.data.values())

    def save(self) -> None:
        """Write the cache atomically (temporary file in the same folder, fsync, rename); no-op if unchanged."""
        if self.path is None or not self.dirty:
            return
        body = json.dumps({"format": CACHE_FORMAT, "endpoints": self.data}, ensure_ascii=False, sort_keys=True,
                          indent=1)
        atomic_write(self.path, body)
        self.dirty = False


class SparqlClient:
    """SELECT queries against one endpoint, politely; ``requests`` counts HTTP attempts made."""

    def __init__(self, endpoint: str = WIKIDATA_ENDPOINT, *, user_agent: str = USER_AGENT, timeout: float = 30.0,
                 min_interval: float = 1.0, retries: int = 3, backoff: float = 2.0, max_wait: float = 60.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        if not endpoint.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) SPARQL endpoint URL: {endpoint}")
        self.endpoint = endpoint
        self.user_agent = user_agent
        self.timeout = timeout
        self.min_interval = min_interval
        self.retry = RetryPolicy(retries=retries, backoff=backoff, max_backoff=max_wait, jitter=0,
                                 max_retry_after=max_wait, sleep=sleep)
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None
        self.requests = 0
        self.failure: str | None = None  # set when a request failed for good: no more requests this run

    def _rate_limit(self) -> None:
        if self._last is not None:
            wait = self.min_interval - (self._clock() - self._last)
            if wait > 0:
                self._sleep(wait)
        self._last = self._clock()

    def _wrapper(self, query: str) -> SPARQLWrapper:
        w = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        w.setReturnFormat(JSON)
        w.setMethod(POST)  # VALUES batches make long queries; POST has no URL length limit
        w.setTimeout(max(1, round(self.timeout)))
        w.setQuery(query)
        return w

    def _attempt(self, query: str) -> dict:
        """One request, after the pause the rate limit asks for; a failure as kg's retry loop reads it."""
        self._rate_limit()
        self.requests += 1
        try:
            return self._wrapper(query).queryAndConvert()
        except tuple(_STATUS_OF) as e:
            status = _STATUS_OF[type(e)]
            raise Failure("http", f"answered HTTP {status} {HTTPStatus(status).phrase}", status) from None
        except (OSError, HTTPException, ValueError) as e:
            raise failure_of(e, self.endpoint, self.timeout, None) from None

    def select(self, query: str) -> list[Row]:
        """Run a SELECT; rows map variable names to the values' lexical forms (IRIs as strings)."""
        if self.failure:
            raise EndpointError(self.failure)
        try:
            result = retrying(lambda: self._attempt(query), method="POST", url=self.endpoint, idempotent=True,
                              retry=self.retry)
        except RequestError as e:
            self.failure = f"{redact(self.endpoint)} failed after {e.attempts} attempt(s): {e.reason}{e.note}"
            raise EndpointError(self.failure) from None
        if not isinstance(result, dict) or "results" not in result:
            raise EndpointError(f"{redact(self.endpoint)} did not answer with SPARQL JSON results")
        return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


class Lookups:
    """Cached, batched lookups: ``fetch(kind, keys, make_query, key_of)`` → key → rows.

    ``make_query(batch)`` gives one SELECT for a batch of keys (with a ``VALUES`` clause) and
    ``key_of(row)`` says which key a row answers.  Keys the cache holds are not asked; keys the
    endpoint returns nothing for are cached as empty.  ``offline`` (or an earlier failure) means the
    cache only: keys it lacks are left out of the answer and counted in ``missing``.
    """

    def __init__(self, client: SparqlClient, cache: LinkCache, *, batch_size: int = 50, offline: bool = False):
        self.client = client
        self.cache = cache
        self.batch_size = batch_size
        self.offline = offline
        self.hits = 0
        self.missing = 0
        self.errors: list[str] = []
        self.fetched: dict[tuple[str, str], str] = {}  # (kind, key) → when the rows were fetched

    @property
    def endpoint(self) -> str:
        return self.client.endpoint

    def fetch(self, kind: str, keys: Iterable[str], make_query: Callable[[Sequence[str]], str],
              key_of: Callable[[Row], str | None]) -> dict[str, list[Row]]:
        out: dict[str, list[Row]] = {}
        todo = []
        for key in sorted(set(keys)):
            entry = self.cache.get(self.endpoint, kind, key)
            if entry is not None:
                self.hits += 1
                out[key] = entry["rows"]
                self.fetched[(kind, key)] = entry["fetched"]
            else:
                todo.append(key)
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i:i + self.batch_size]
            if self.offline or self.client.failure:
                self.missing += len(batch)
                continue
            try:
                rows = self.client.select(make_query(batch))
            except EndpointError as e:
                self.errors.append(str(e))
                self.missing += len(batch)
                continue
            when = _now()
            grouped: dict[str, list[Row]] = {k: [] for k in batch}
            for row in rows:
                k = key_of(row)
                if k in grouped and row not in grouped[k]:
                    grouped[k].append(row)
            for k, krows in grouped.items():
                krows.sort(key=lambda r: sorted(r.items()))
                self.cache.put(self.endpoint, kind, k, krows, when)
                self.fetched[(kind, k)] = when
                out[k] = krows
            self.cache.save()  # what was fetched survives a later failure
        return out
