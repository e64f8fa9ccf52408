"""Build one self-contained HTML report from Turtle files.

The report is a view of the graph: the Turtle is loaded into an embedded Oxigraph store
(:func:`kg.store.query.load_store`) and everything shown comes from SPARQL SELECT queries
(:mod:`kg.report.views`). Casualty figures and their totals say no more than the texts do
(:mod:`kg.report.figures`). The page is rendered with the standard library, self-contained and loading nothing
from the network (:mod:`kg.report.page`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from kg.report.page import render
from kg.report.views import collect
from kg.store.query import load_store


def build_report(files: Iterable[str | Path], title: str | None = None) -> str:
    """Load Turtle ``files`` into an embedded store and return the report's HTML."""
    return render(collect(load_store(files)), title)
