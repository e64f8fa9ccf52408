"""Validate graphs against kg's SHACL shapes with pySHACL (the ontology supplies RDFS inference)."""

from __future__ import annotations

from functools import lru_cache

import pyshacl
from rdflib import Graph

from kg.store.resources import ontology_file, shapes_file


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(data=ontology_file().read_text(encoding="utf-8"), format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(data=shapes_file().read_text(encoding="utf-8"), format="turtle")


def validate(data: Graph) -> tuple[bool, Graph, str]:
    """``(conforms, report_graph, report_text)`` for ``data`` against ontology/shapes.ttl."""
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs", advanced=True,
        allow_warnings=True,
    )
    return bool(conforms), report, text
