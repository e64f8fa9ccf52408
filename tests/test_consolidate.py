"""Consolidation across articles: reports of one attack become one incident; near misses stay apart."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph

from kg.consolidate.grouping import AttackReport, incidents, same_incident

DATA = Path(__file__).parent / "data" / "consolidation"
SAME_STRIKE = {"kharkiv-wire-2024-05-15", "kharkiv-daily-2024-05-14", "kharkiv-weekly-2024-05-18"}
NEAR_MISS = "kharkiv-nearmiss-2024-05-17"
D = date.fromisoformat


def report(event, doc, type="missile_strike", place="kharkiv", start="2024-05-14", end=None, attacker="RU",
           state="RU"):
    return AttackReport(event=event, doc=doc, type=type, place=place, start=D(start) if start else None,
                        end=D(end or start) if start else None, attacker=attacker, attacker_state=state)


# ------------------------------------------------------------------------------------------ the rules alone


def test_reports_of_one_attack_from_three_documents_are_one_incident():
    found = incidents([report("e1", "a"), report("e2", "b"), report("e3", "c", start="2024-05-13", end="2024-05-15")])
    assert len(found) == 1
    inc = found[0]
    assert {r.event for r in inc.reports} == {"e1", "e2", "e3"}
    assert (inc.start, inc.end) == (D("2024-05-14"), D("2024-05-14"))  # what every report allows


def test_same_city_another_day_stays_apart():
    assert incidents([report("e1", "a"), report("e2", "b", start="2024-05-16")]) == []


def test_two_attacks_in_one_document_are_never_one_incident():
    assert incidents([report("e1", "a"), report("e2", "a")]) == []


def test_a_chain_of_overlaps_is_not_merged_into_one_incident():
    # Mon–Tue and Tue–Wed overlap, Mon–Tue and Wed do not: the Wednesday report may not join through the middle
    found = incidents([report("e1", "a", start="2024-05-13", end="2024-05-14"),
                       report("e2", "b", start="2024-05-14", end="2024-05-15"),
                       report("e3", "c", start="2024-05-15")])
    assert [sorted(r.event for r in i.reports) for i in found] == [["e1", "e2"]]


def test_attackers_must_agree_when_both_are_named():
    assert not same_incident(report("e1", "a", attacker="RU", state="RU"), report("e2", "b", attacker="UA", state="UA"))
    # "Russian forces" and "Russia": different actors of the same state
    assert same_incident(report("e1", "a", attacker="armed-forces-RU", state="RU"), report("e2", "b", attacker="RU"))
    assert same_incident(report("e1", "a", attacker=None, state=None), report("e2", "b"))


def test_types_must_agree_but_a_generic_strike_joins_a_specific_one():
    assert not same_incident(report("e1", "a", type="shelling"), report("e2", "b", type="missile_strike"))
    assert same_incident(report("e1", "a", type="strike"), report("e2", "b", type="drone_strike"))
    assert not same_incident(report("e1", "a", type="strike"), report("e2", "b", type="bombing"))
    assert incidents([report("e1", "a", type="strike"), report("e2", "b")])[0].type == "missile_strike"


def test_reports_without_place_or_date_are_never_merged():
    assert incidents([report("e1", "a", place=None), report("e2", "b", place=None)]) == []
    assert incidents([report("e1", "a", start=None), report("e2", "b", start=None)]) == []


def test_incidents_do_not_depend_on_the_order_of_the_reports():
    reports = [report(f"e{i}", f"d{i}", start="2024-05-14" if i % 2 else "2024-05-20") for i in range(8)]
    expected = [(i.key, sorted(r.event for r in i.reports)) for i in incidents(reports)]
    assert len(expected) == 2
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [(i.key, sorted(r.event for r in i.reports)) for i in incidents(shuffled)] == expected


# ------------------------------------------------------------------------------------------ extracted articles


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Each article extracted on its own into a Turtle file, as separate runs would write them."""
    from kg.corpus import run
    from kg.store.serialize import turtle

    out = tmp_path_factory.mktemp("consolidation")
    files = []
    for path in sorted(DATA.glob("*.txt")):
        graph, summary = run([str(path)])
        assert summary.ok == 1
        files.append(out / f"{path.stem}.ttl")
        files[-1].write_text(turtle(graph), encoding="utf-8")
    return files


def _doc_ids(graph: Graph) -> dict[str, str]:
    rows = graph.query("SELECT ?doc ?id WHERE { ?doc <http://purl.org/dc/terms/identifier> ?id }")
    return {str(d): str(i) for d, i in rows}


@pytest.mark.model
def test_three_outlets_one_incident_and_the_near_miss_alone(extracted):
    from kg.consolidate import run as consolidate

    graph, found = consolidate(extracted)
    data = Graph()
    for f in extracted:
        data.parse(f)
    ids = _doc_ids(data)
    assert len(found) == 1, [[r.doc for r in i.reports] for i in found]
    inc = found[0]
    assert {ids[d] for d in inc.documents} == SAME_STRIKE
    assert (inc.type, inc.start, inc.end) == ("missile_strike", D("2024-05-14"), D("2024-05-14"))
    reported = {r.event for r in inc.reports}
    near_miss_events = {str(e) for e, d in data.query(
        "SELECT ?e ?d WHERE { ?e a <https://w3id.org/kg-conflict/ontology#Attack> ; "
        "<https://schema.org/subjectOf> ?d }") if ids[str(d)] == NEAR_MISS}
    assert near_miss_events and not near_miss_events & reported


@pytest.mark.model
def test_incidents_conform_to_the_shapes_and_count_each_attack_once(extracted, tmp_path):
    from kg.consolidate import run as consolidate
    from kg.store.query import load_store, query_store
    from kg.store.resources import load_query
    from kg.store.serialize import turtle
    from kg.store.validate import check_graph

    graph, _ = consolidate(extracted)
    out = tmp_path / "incidents.ttl"
    out.write_text(turtle(graph), encoding="utf-8")
    union = Graph()
    for f in [*extracted, out]:
        union.parse(f)
    result = check_graph(union)
    assert result.conforms, result.text()
    store = load_store([*extracted, out])
    counts = query_store(store, load_query("attack-count")).rows
    assert counts == [{"type": "missile_strike", "attacks": "2", "reports": "4"}]
    rows = query_store(store, load_query("incidents")).rows
    assert [(r["place"], r["date"], r["reports"], r["documents"]) for r in rows] == [("Kharkiv", "2024-05-14", "3", "3")]
    # under PROV-O's domains the incident, like its reports, is the world's attack and no record of kg's: only
    # kg's records (the consolidation's and each report's) are prov:Entity
    inferred = list(store.query(
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT DISTINCT ?x WHERE { { ?x prov:wasGeneratedBy ?a } UNION "
        "{ ?x prov:wasDerivedFrom ?b } UNION { ?x prov:wasAttributedTo ?c } }", use_default_graph_as_union=True))
    entities = {row[0].value for row in inferred}
    incidents = {row[0].value for row in store.query(
        "SELECT ?i WHERE { ?i a <https://w3id.org/kg-conflict/ontology#Incident> }", use_default_graph_as_union=True)}
    assert incidents and not incidents & entities
    assert {i + "/statement/type" for i in incidents} <= entities


@pytest.mark.model
def test_consolidation_is_deterministic_and_ignores_file_order(extracted):
    from kg.consolidate import run as consolidate
    from kg.store.serialize import turtle

    first = turtle(consolidate(extracted)[0])
    assert turtle(consolidate(list(reversed(extracted)))[0]) == first


@pytest.mark.model
def test_consolidate_command(extracted, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "incidents.ttl"
    result = CliRunner().invoke(main, ["consolidate", *map(str, extracted), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 incident(s) from 3 reports" in result.output
    assert len(list(Graph().parse(out).subjects(predicate=None, object=None))) > 0
