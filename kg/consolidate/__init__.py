"""Consolidation across articles: the attacks that several documents report become one ``kgo:Incident`` each.

Three steps, the decision in the middle in plain Python: :mod:`kg.consolidate.reading` reads the attack reports
out of kg's RDF with SPARQL (pyoxigraph), :mod:`kg.consolidate.grouping` decides which reports are one incident
(no rdflib, no pyoxigraph), :mod:`kg.consolidate.writing` writes the incidents as RDF (rdflib). :func:`run` does
the three for data files; ``kg consolidate`` calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from kg.consolidate.grouping import Incident, incidents
from kg.consolidate.reading import read_reports
from kg.consolidate.writing import incidents_graph
from kg.store.query import load_store


def run(files: Iterable[str | Path]) -> tuple[Graph, list[Incident]]:
    """Incidents across the documents in ``files`` (Turtle, N-Triples, N-Quads, TriG): the graph of
    ``kgo:Incident`` nodes, and the incidents."""
    reports, labels = read_reports(load_store(files))
    found = incidents(reports)
    return incidents_graph(found, labels), found


__all__ = ["run"]
