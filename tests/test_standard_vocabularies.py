"""Generic queries on raw `kg extract` output: a user who knows SEM, schema.org, PROV-O, OWL-Time and GeoSPARQL (and
RDFS/SKOS for labels), but neither kg's ontology nor a reasoner, gets every event, actor and place back.

The data is the sample and the invented development set, extracted once by the real CLI and loaded alone into an
embedded Oxigraph store (no ontology). What kg itself calls an attack, an actor and a place is read with kgo terms;
every generic query must find exactly those nodes, with their places, days and labels.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = """
PREFIX kgo: <https://w3id.org/kg-conflict/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
KGO_ACTOR_CLASSES = "kgo:Actor kgo:State kgo:ArmedForce kgo:ArmedGroup kgo:Organisation kgo:Person"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    out = tmp_path_factory.mktemp("std") / "out.ttl"
    files = [str(ROOT / "examples" / "dnipro-2023-05-27.txt"), *map(str, sorted((ROOT / "tests/data/dev").glob("*.txt")))]
    res = CliRunner().invoke(main, ["extract", *files, "-o", str(out)])
    assert res.exit_code == 0, res.output
    s = ox.Store()
    s.bulk_load(path=str(out), format=ox.RdfFormat.TURTLE)
    return s


def nodes(store: ox.Store, where: str) -> set[str]:
    return {row[0].value for row in store.query(PREFIXES + f"SELECT DISTINCT ?x WHERE {{ {where} }}")}


def rows(store: ox.Store, select: str) -> set[tuple]:
    return {tuple(None if v is None else v.value for v in row) for row in store.query(PREFIXES + select)}


@pytest.fixture(scope="module")
def kg_events(store) -> set[str]:
    found = nodes(store, "?x a kgo:Attack")
    assert len(found) > 50  # the sample and 27 invented articles
    return found


def test_every_event_is_a_sem_and_schema_event(store, kg_events):
    assert nodes(store, "?x a sem:Event") == kg_events
    assert nodes(store, "?x a schema:Event") == kg_events


def test_every_actor_is_a_prov_agent_and_a_sem_actor(store):
    actors = nodes(store, f"VALUES ?c {{ {KGO_ACTOR_CLASSES} }} ?x a ?c")
    assert len(actors) > 50
    assert nodes(store, "?x a prov:Agent") == actors
    assert actors <= nodes(store, "?x a sem:Actor")  # SEM's actors also take in the facilities hit (sem:Object)
    people = nodes(store, "?x a kgo:Person")
    assert people and nodes(store, "?x a schema:Person") == people == nodes(store, "?x a prov:Person")
    # every attacker and target is there with SEM's own property
    assert nodes(store, "?e kgo:attacker ?x") | nodes(store, "?e kgo:target ?x") == nodes(store, "?e sem:hasActor ?x")


def test_every_place_is_a_geosparql_feature_a_sem_place_and_a_schema_place(store):
    places = nodes(store, "?x a kgo:Place")
    assert len(places) > 30
    assert nodes(store, "?x a geo:Feature") == places
    assert nodes(store, "?x a sem:Place") == places
    assert places <= nodes(store, "?x a schema:Place")  # as are the facilities hit (buildings are places)
    with_point = nodes(store, "?x geo:hasGeometry/geo:asWKT ?wkt")
    assert with_point and with_point <= places


def test_each_event_has_its_place_day_type_and_label_in_standard_terms(store, kg_events):
    kg_view = rows(store, """SELECT ?e ?p ?first ?last ?type WHERE {
        ?e a kgo:Attack ; sem:eventType/skos:notation ?type .
        OPTIONAL { ?e sem:hasPlace ?p }
        OPTIONAL { ?e sem:hasTime ?t .
                   OPTIONAL { ?t time:inXSDDate ?day }
                   OPTIONAL { ?t time:hasBeginning/time:inXSDDate ?b . ?t time:hasEnd/time:inXSDDate ?en } }
        BIND(COALESCE(?day, ?b) AS ?first) BIND(COALESCE(?day, ?en) AS ?last) }""")
    generic = rows(store, """SELECT ?e ?p ?first ?last ?type WHERE {
        ?e a schema:Event ; sem:eventType/skos:prefLabel ?label ; rdfs:label ?name .
        OPTIONAL { ?e schema:location ?p }
        OPTIONAL { ?e schema:startDate ?first ; schema:endDate ?last }
        OPTIONAL { ?e sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?en FILTER(?b = ?first && ?en = ?last) }
        BIND(REPLACE(STR(?label), " ", "_") AS ?type) }""")
    assert len(kg_view) == len(kg_events)
    assert generic == kg_view
    dated = {r for r in generic if r[2] is not None}
    assert len(dated) > len(generic) / 2  # most invented attacks have a day: the check above is not vacuous


def test_every_event_actor_and_place_has_a_label(store):
    unlabelled = nodes(store, """{ ?x a sem:Event } UNION { ?x a prov:Agent } UNION { ?x a geo:Feature }
                                 FILTER NOT EXISTS { ?x rdfs:label ?l }""")
    assert unlabelled == set()


def test_claims_are_prov_entities_about_events(store):
    claims = nodes(store, "?x a kgo:Claim")
    assert claims and nodes(store, "?x a prov:Entity ; prov:wasAttributedTo ?who") >= claims
    assert nodes(store, "?x kgo:aboutEvent ?e") == nodes(store, "?x schema:about ?e")


def test_casualty_counts_are_schema_quantitative_values(store):
    counts = nodes(store, "?x a kgo:CasualtyCount")
    assert counts and nodes(store, "?x a schema:QuantitativeValue") == counts
    assert rows(store, "SELECT ?x ?v WHERE { ?x kgo:minValue ?v }") == rows(store, "SELECT ?x ?v WHERE { ?x schema:minValue ?v }")
    assert rows(store, "SELECT ?x ?v WHERE { ?x kgo:maxValue ?v }") == rows(store, "SELECT ?x ?v WHERE { ?x schema:maxValue ?v }")
