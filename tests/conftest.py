"""Shared fixtures: the real spaCy model (loaded once), the bundled sample, and an extract-to-RDF helper."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.extract import extract
from kg.nlp import parse_view
from kg.model import Document
from kg.rdf import to_graph
from kg.store.serialize import turtle

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "dnipro-2023-05-27.txt"
# Modules whose tests run kg as a separate process (the CLI end to end, signals, resume, worker processes), serve
# HTTP or score whole evaluation sets: with the tests marked server or browser, the `slow` tier.
SLOW_MODULES = {"test_corpus.py", "test_distributed.py", "test_eval.py", "test_bad_documents.py",
                "test_endpoint_faults.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in SLOW_MODULES or item.get_closest_marker("server") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def run_text(nlp):
    """Extract an article's text (with an optional publication date) and return (extraction, graph)."""

    def _run(text: str, published: date | None = None, doc_id: str = "test"):
        from kg.store.validate import check_graph

        doc = Document(id=doc_id, text=text, published=published)
        x = extract(doc, nlp(parse_view(text)))
        graph = to_graph(x)
        result = check_graph(graph)  # every test that produces RDF also validates it (the fast engine)
        assert result.conforms, result.text()
        return x, graph

    return _run


def select(graph, sparql: str) -> list[dict]:
    """Run SPARQL over a graph's Turtle in pyoxigraph (the same engine kg query uses)."""
    store = ox.Store()
    store.load(turtle(graph).encode("utf-8"), format=ox.RdfFormat.TURTLE)
    res = store.query(sparql)
    cols = [v.value for v in res.variables]
    return [{c: (s[c].value if s[c] is not None else None) for c in cols} for s in res]


PREFIXES = """
PREFIX kgo: <https://w3id.org/kg-conflict/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

EVENTS = PREFIXES + """
SELECT ?e ?type ?place ?cc ?date ?start ?end ?attacker ?kmin ?kmax ?imin ?imax WHERE {
  ?e a kgo:Attack ; sem:eventType/skos:notation ?type .
  OPTIONAL { ?e sem:hasPlace ?p . ?p rdfs:label ?place . OPTIONAL { ?p kgo:countryCode ?cc } }
  OPTIONAL { ?e sem:hasTime/time:inXSDDate ?date }
  OPTIONAL { ?e sem:hasTime/time:hasBeginning/time:inXSDDate ?start . ?e sem:hasTime/time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?e kgo:attacker/kgo:countryCode ?attacker }
  OPTIONAL { ?e kgo:killed ?k . OPTIONAL { ?k kgo:minValue ?kmin } OPTIONAL { ?k kgo:maxValue ?kmax } }
  OPTIONAL { ?e kgo:injured ?i . OPTIONAL { ?i kgo:minValue ?imin } OPTIONAL { ?i kgo:maxValue ?imax } }
}"""

CLAIMS = PREFIXES + """
SELECT ?c ?kind ?speaker ?event ?accused ?hedged WHERE {
  ?c a kgo:Claim ; kgo:claimKind/skos:notation ?kind ; prov:wasAttributedTo/rdfs:label ?speaker ; kgo:hedged ?hedged .
  OPTIONAL { ?c kgo:aboutEvent ?event }
  OPTIONAL { ?c kgo:accused ?a . OPTIONAL { ?a kgo:countryCode ?accused } }
}"""
