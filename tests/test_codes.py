"""Adding an event type is a change to the ontology and the extraction rule, nothing else: a fictitious type added
to a copy of the ontology goes through the generator (tools/gen_namespace.py) into the registry of codes, and from
there into the RDF mapping, the shapes, consolidation and the report, with no other code touched."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

import kg.codes as codes
from kg.consolidate.grouping import AttackReport, incidents
from kg.consolidate.writing import incidents_graph
from kg.corpus import extract_documents
from kg.model import Document
from kg.rdf import to_graph
from kg.report.build import build_report
from kg.store.serialize import turtle

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from gen_namespace import render_codes, render_shapes  # noqa: E402

KGO = "https://w3id.org/kg-conflict/ontology#"
SEM_EVENT_TYPE = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/eventType")
#: the whole change to the ontology: one concept in the event-type scheme
NEW_TYPE = """
kgo:NavalStrike a skos:Concept , sem:EventType ;
    rdfs:label "attack from the sea"@en ;
    skos:prefLabel "attack from the sea"@en ;
    skos:notation "naval_strike" ;
    skos:definition "An attack by warships firing guns or missiles at a target on land or at sea (a test fiction)."@en ;
    skos:inScheme kgo:EventTypeScheme ;
    skos:topConceptOf kgo:EventTypeScheme ;
    rdfs:isDefinedBy <https://w3id.org/kg-conflict/ontology> .
"""
TEXT = ("date 2024-03-06\nRebel fighters shelled a market in Goma on Monday, killing at least three people, the "
        "provincial governor said.\n")


@pytest.fixture(scope="module")
def ontology(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ontology") / "conflict.ttl"
    path.write_text((ROOT / "ontology" / "conflict.ttl").read_text(encoding="utf-8") + NEW_TYPE, encoding="utf-8")
    return path


@pytest.fixture
def registry(ontology, monkeypatch):
    """The registry as the generator writes it from the changed ontology, put in place of kg.codes' tables
    (the same dict objects, so every module that imported them sees the new code)."""
    generated: dict = {}
    exec(compile(render_codes(ontology), "codes.py", "exec"), generated)
    new = generated["EVENT_TYPES"]["naval_strike"]
    assert new == ("naval_strike", "NavalStrike", "attack from the sea", "EventTypeScheme")
    monkeypatch.setitem(codes.EVENT_TYPES, "naval_strike", codes.Code(*new))
    return codes.EVENT_TYPES["naval_strike"]


@pytest.fixture(scope="module")
def extraction():
    """A real extraction whose attack the (fictitious) extraction rule calls a naval strike."""
    doc = Document(id="goma", text=TEXT.split("\n", 1)[1], published=date(2024, 3, 6))
    (x,) = extract_documents([doc])
    assert x.events, "the invented sentence gives an attack"
    return x


def _naval(x):
    return replace(x, events=[replace(ev, type="naval_strike") for ev in x.events])


def test_the_mapping_writes_the_new_type(registry, extraction):
    g = to_graph(_naval(extraction))
    naval = URIRef(KGO + "NavalStrike")
    assert set(g.objects(None, SEM_EVENT_TYPE)) == {naval}
    assert (naval, SKOS.notation, Literal("naval_strike")) in g
    assert (naval, SKOS.prefLabel, Literal("attack from the sea", lang="en")) in g
    assert (naval, SKOS.inScheme, URIRef(KGO + "EventTypeScheme")) in g


def test_the_generated_shapes_accept_the_new_type_and_the_old_shapes_do_not(registry, extraction, ontology):
    data = to_graph(_naval(extraction))
    onto = Graph().parse(ontology)
    shapes_text = render_shapes(ROOT / "ontology" / "shapes.ttl", ontology)
    assert "kgo:NavalStrike" in shapes_text
    conforms, _, text = validate(data, shacl_graph=Graph().parse(data=shapes_text, format="turtle"), ont_graph=onto,
                                 inference="rdfs", advanced=True, allow_warnings=True)
    assert conforms, text
    old = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    conforms, _, text = validate(data, shacl_graph=old, ont_graph=onto, inference="rdfs", advanced=True,
                                 allow_warnings=True)
    assert not conforms and "eventType" in text


def test_consolidation_and_its_rdf_take_the_new_type(registry):
    reports = [AttackReport(event=f"e{i}", doc=f"d{i}", type="naval_strike", place="https://example.org/odesa",
                            start=date(2024, 3, 6), end=date(2024, 3, 6)) for i in (1, 2)]
    (inc,) = incidents(reports)
    g = incidents_graph([inc], {"https://example.org/odesa": "Odesa"})
    labels = {str(o) for o in g.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert "attack from the sea in Odesa, 2024-03-06 (2 reports)" in labels


def test_the_report_shows_the_new_type_by_its_label(registry, extraction, tmp_path):
    path = tmp_path / "naval.ttl"
    path.write_text(turtle(to_graph(_naval(extraction))), encoding="utf-8")
    html = build_report([path])
    assert "attack from the sea" in html and "naval strike" not in html


def test_without_the_new_code_the_mapping_refuses_the_type(extraction):
    with pytest.raises(KeyError):
        to_graph(_naval(extraction))


def test_the_registry_is_what_the_ontology_says():
    """Every code's IRI is a concept of its scheme (or an actor class) in the shipped ontology, with that label."""
    store = ox.Store()
    store.load(path=str(ROOT / "ontology" / "conflict.ttl"), format=ox.RdfFormat.TURTLE)
    for table in (codes.EVENT_TYPES, codes.CLAIM_KINDS, codes.QUALIFIERS, codes.WEAPONS):
        for c in table.values():
            assert store.query(f'ASK {{ <{c.iri}> <{SKOS.notation}> "{c.notation}" ; <{SKOS.inScheme}> '
                               f'<{KGO}{c.scheme}> ; <{SKOS.prefLabel}> "{c.label}"@en }}'), c
    assert list(codes.ACTOR_KINDS) == ["state", "armed_force", "armed_group", "organisation", "person", "actor"]


def test_extraction_tables_speak_in_registry_codes():
    """The rule tables that give an attack its type and weapon name only codes the registry knows."""
    from kg.lexicon import TRIGGER_TYPES, WEAPON_WORDS

    assert set(TRIGGER_TYPES.values()) <= set(codes.EVENT_TYPES)
    assert {weapon for weapon, _ in WEAPON_WORDS.values()} <= set(codes.WEAPONS)
    assert {etype for _, etype in WEAPON_WORDS.values()} <= set(codes.EVENT_TYPES)
