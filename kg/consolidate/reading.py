"""Read the attack reports of a store for consolidation (:mod:`kg.consolidate.grouping`), with SPARQL."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from kg.consolidate.grouping import AttackReport
from kg.rdf.namespaces import PREFIXES

USED_PREFIXES = ("kgo", "sem", "skos", "rdfs", "time", "prov", "schema")
REPORTS = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in USED_PREFIXES) + """
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


def read_reports(store: ox.Store) -> tuple[list[AttackReport], dict[str, str]]:
    """Every attack in the store as an :class:`AttackReport` (one per event: the first row wins when an optional
    value has several), and the place labels."""
    reports: dict[str, AttackReport] = {}
    labels: dict[str, str] = {}
    for row in store.query(REPORTS, use_default_graph_as_union=True):
        event = row["event"].value
        if event in reports:
            continue
        day = _date(row["date"])
        place = row["place"].value if row["place"] is not None else None
        if place and row["placeLabel"] is not None:
            labels.setdefault(place, row["placeLabel"].value)
        reports[event] = AttackReport(
            event=event, doc=row["doc"].value, type=row["type"].value, place=place,
            start=day or _date(row["start"]), end=day or _date(row["end"]),
            time_text=row["timeText"].value if row["timeText"] is not None else None,
            attacker=row["attacker"].value if row["attacker"] is not None else None,
            attacker_state=row["attackerState"].value if row["attackerState"] is not None else None,
        )
    return [reports[k] for k in sorted(reports)], labels
