"""Read the attack reports of a store for :mod:`kg.consolidate`, and write the incidents found back."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from kg.consolidate import Report

REPORTS = """
PREFIX kgo: <https://w3id.org/kg-conflict/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
SELECT ?event ?doc ?type ?place ?placeLabel ?date ?start ?end ?timeText ?attacker ?attackerState WHERE {
  ?event a kgo:Attack ; sem:eventType/skos:notation ?type ; schema:subjectOf ?doc .
  ?doc a schema:NewsArticle .
  OPTIONAL { ?event sem:hasPlace ?place . OPTIONAL { ?place rdfs:label ?placeLabel } }
  OPTIONAL { ?event sem:hasTime/time:inXSDDate ?date }
  OPTIONAL { ?event sem:hasTime/kgo:timeText ?timeText }
  OPTIONAL { ?event sem:hasTime ?t . ?t time:hasBeginning/time:inXSDDate ?start ; time:hasEnd/time:inXSDDate ?end }
  OPTIONAL { ?event kgo:attacker ?attacker .
             OPTIONAL { ?attacker kgo:countryCode ?ownCode }
             OPTIONAL { ?attacker kgo:affiliation/kgo:countryCode ?stateCode } }
  BIND(COALESCE(?ownCode, ?stateCode) AS ?attackerState)
}
"""


def _date(term) -> date | None:
    try:
        return date.fromisoformat(term.value) if term is not None else None
    except ValueError:
        return None


def read_reports(store: ox.Store) -> tuple[list[Report], dict[str, str]]:
    """Every attack in the store as a :class:`Report` (one per event: the first row wins when an optional
    value has several), and the place labels."""
    reports: dict[str, Report] = {}
    labels: dict[str, str] = {}
    for row in store.query(REPORTS, use_default_graph_as_union=True):
        event = row["event"].value
        if event in reports:
            continue
        day = _date(row["date"])
        place = row["place"].value if row["place"] is not None else None
        if place and row["placeLabel"] is not None:
            labels.setdefault(place, row["placeLabel"].value)
        reports[event] = Report(
            event=event, doc=row["doc"].value, type=row["type"].value, place=place,
            start=day or _date(row["start"]), end=day or _date(row["end"]),
            time_text=row["timeText"].value if row["timeText"] is not None else None,
            attacker=row["attacker"].value if row["attacker"] is not None else None,
            attacker_state=row["attackerState"].value if row["attackerState"] is not None else None,
        )
    return [reports[k] for k in sorted(reports)], labels
