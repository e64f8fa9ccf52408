"""Run SPARQL queries: on the embedded Oxigraph store, or at any SPARQL 1.1 endpoint.

Parameters are never pasted into the query text as strings: they become a
``VALUES`` block of RDF literals serialised by rdflib (which escapes quotes,
braces and newlines), placed at the start of the WHERE clause, the same way
for the embedded store and for a remote endpoint.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal as RLiteral

from kg.errors import UsageError
from kg.store.formats import format_of, ox_format
from kg.store.httpclient import Auth, RetryPolicy
from kg.store.resources import QueryInfo
from kg.store.sparql import sparql_select

_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Result:
    columns: list[str]
    rows: list[dict[str, str | None]]

    def as_set(self) -> set[tuple]:
        return {tuple(r.get(c) for c in self.columns) for r in self.rows}


def check_params(info: QueryInfo, params: dict[str, str]) -> None:
    for name in params:
        if not _PARAM_NAME.match(name):
            raise UsageError(f"invalid parameter name {name!r}")
        if info.params and name not in info.params:
            raise UsageError(f"query {info.name!r} takes {', '.join(info.params) or 'no parameters'}, not {name!r}")
    missing = [p for p in info.params if p not in params]
    if missing:
        raise UsageError(f"query {info.name!r} needs --param {missing[0]}=VALUE")




def load_store(files: Iterable[str | Path]) -> ox.Store:
    """An in-memory Oxigraph store with every Turtle file loaded into the default graph."""
    store = ox.Store()
    for f in files:
        path = Path(f)
        try:
            store.bulk_load(path=str(path), format=ox_format(format_of(path)))
        except FileNotFoundError:
            raise UsageError(f"no such file: {path}") from None
        except (SyntaxError, ValueError, OSError) as e:
            raise UsageError(f"cannot load {path}: {e}") from None
        except MemoryError as e:  # pyoxigraph's parser holds one term or line in a buffer of at most 16 MiB
            raise UsageError(f"cannot load {path}: a term or line is too large for the parser ({e})") from None
    return store


def _term_str(term) -> str | None:
    if term is None:
        return None
    return term.value


def query_store(store: ox.Store, info: QueryInfo, params: dict[str, str] | None = None) -> Result:
    params = params or {}
    check_params(info, params)
    try:
        solutions = store.query(with_values(info.text, params), use_default_graph_as_union=True)
    except SyntaxError as e:
        raise UsageError(f"query {info.name!r} is not valid SPARQL: {e}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise UsageError(f"query {info.name!r} is not a SELECT query")
    columns = [v.value for v in solutions.variables]
    rows = [{c: _term_str(sol[c]) for c in columns} for sol in solutions]
    return Result(columns, rows)


def with_values(text: str, params: dict[str, str]) -> str:
    """The query with a VALUES block of typed literals at the start of its WHERE clause."""
    if not params:
        return text
    names = sorted(params)
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(
        RLiteral(params[n]).n3() for n in names) + ") }\n"
    m = re.search(r"\bWHERE\s*\{", text, re.I)
    if not m:
        raise UsageError("cannot bind parameters: the query has no WHERE clause")
    return text[: m.end()] + "\n  " + block + text[m.end():]


def query_endpoint(url: str, info: QueryInfo, params: dict[str, str] | None = None, *, timeout: float = 60.0,
                   auth: Auth | None = None, retry: RetryPolicy | None = None) -> Result:
    """Run a SELECT query at a SPARQL 1.1 query endpoint (for Oxigraph: ``<base>/query``), JSON results.

    The request is a SPARQL 1.1 Protocol POST made by kg.store.sparql, with the same HTTP client as
    ``kg push``: credentials come from ``auth``, ``user:password@`` in the URL, the
    KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD environment variables or netrc (Basic or Digest), and a
    stopped server, an HTTP error, a timeout or a non-SPARQL answer all raise EndpointError.
    ``retry`` is a kg.store.httpclient.RetryPolicy (default: 3 retries with backoff).
    """
    params = params or {}
    check_params(info, params)
    data = sparql_select(url, with_values(info.text, params), auth=auth, timeout=timeout, retry=retry)
    if "results" not in data:
        raise UsageError(f"query {info.name!r} is not a SELECT query")
    columns = data["head"].get("vars", [])
    rows = [{c: (b[c]["value"] if c in b else None) for c in columns} for b in data["results"].get("bindings", [])]
    return Result(columns, rows)


def format_result(result: Result, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps({"columns": result.columns, "rows": result.rows}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(result.columns)
        for r in result.rows:
            w.writerow(["" if r[c] is None else r[c] for c in result.columns])
        return buf.getvalue()
    return _table(result.columns, [[_short(r[c]) for c in result.columns] for r in result.rows])


def _short(v: str | None, width: int = 60) -> str:
    if v is None:
        return ""
    v = v.replace("https://w3id.org/kg-conflict/id/", "kgr:").replace("\n", " ")
    return v if len(v) <= width else v[: width - 1] + "…"


def _table(columns: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
