"""Find the ontology, shapes and bundled queries, from a wheel or a checkout alike.

Both ``ontology/`` and ``queries/`` sit at the repository's top level and are
mapped into the ``kg.ontology`` and ``kg.queries`` packages by pyproject.toml,
so ``importlib.resources`` finds them the same way in every install.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from kg.errors import UsageError


def ontology_file(name: str = "conflict.ttl") -> Traversable:
    return resources.files("kg.ontology") / name


def shapes_file() -> Traversable:
    return ontology_file("shapes.ttl")


@dataclass(frozen=True)
class QueryInfo:
    name: str
    text: str
    summary: str
    params: tuple[str, ...]
    columns: tuple[str, ...]


_HEADER = re.compile(r"^#\+\s*(\w+):\s*(.*)$")


def parse_header(name: str, text: str) -> QueryInfo:
    """Read the grlc-style ``#+ key: value`` header of a query file."""
    meta: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            meta[m.group(1)] = m.group(2).strip()
    split = lambda v: tuple(x.strip() for x in v.split(",") if x.strip()) if v else ()
    return QueryInfo(name, text, meta.get("summary", ""), split(meta.get("params", "")), split(meta.get("columns", "")))


def bundled_queries() -> dict[str, QueryInfo]:
    out = {}
    for f in sorted(resources.files("kg.queries").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            name = f.name[:-3]
            out[name] = parse_header(name, f.read_text(encoding="utf-8"))
    return out


def load_query(name_or_path: str) -> QueryInfo:
    """A bundled query by name (``events``) or any ``.rq`` file by path."""
    p = Path(name_or_path)
    if name_or_path.endswith(".rq") or p.exists():
        try:
            return parse_header(p.stem, p.read_text(encoding="utf-8"))
        except OSError as e:
            raise UsageError(f"cannot read query file {name_or_path}: {e.strerror or e}") from None
    queries = bundled_queries()
    if name_or_path not in queries:
        raise UsageError(f"no bundled query named {name_or_path!r}; try one of: {', '.join(queries)}")
    return queries[name_or_path]
