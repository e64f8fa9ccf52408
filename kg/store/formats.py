"""The RDF formats kg reads and writes, in one table: a file's suffix names its format, and the format its name in
rdflib and in pyoxigraph (whose media type is the one kg publishes)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str  # kg's name: ``--format``, the key of FORMATS
    suffixes: tuple[str, ...]
    rdflib: str  # rdflib's parser and serializer name
    ox: ox.RdfFormat  # pyoxigraph's parser and serializer format; ``.media_type`` is its IANA media type


FORMATS = {f.name: f for f in (
    Format("ttl", (".ttl", ".turtle"), "turtle", ox.RdfFormat.TURTLE),
    Format("nt", (".nt",), "nt", ox.RdfFormat.N_TRIPLES),
    Format("nq", (".nq",), "nquads", ox.RdfFormat.N_QUADS),
    Format("trig", (".trig",), "trig", ox.RdfFormat.TRIG),
    Format("jsonld", (".jsonld",), "json-ld", ox.RdfFormat.JSON_LD),
)}
_BY_SUFFIX = {suffix: f.name for f in FORMATS.values() for suffix in f.suffixes}


def format_of(path: str | os.PathLike, default: str | None = "ttl") -> str | None:
    """kg's name for a file's RDF format (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``), from its suffix."""
    return _BY_SUFFIX.get(Path(path).suffix.lower(), default)


def ox_format(fmt: str) -> ox.RdfFormat:
    """pyoxigraph's format for one of kg's formats."""
    return FORMATS[fmt].ox
