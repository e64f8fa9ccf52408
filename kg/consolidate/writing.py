"""Incidents (:mod:`kg.consolidate.grouping`) as RDF: a ``kgo:Incident`` for each group of reports, with the type,
place and time all its reports allow, the attacker they agree on, links to the reports and their documents, and
kg's record that its consolidation found it."""

from __future__ import annotations

import hashlib

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import __version__
from kg.codes import EVENT_TYPES
from kg.consolidate.grouping import Incident
from kg.rdf.mapping import concept_node, day_node
from kg.rdf.namespaces import KGO, KGR, PROV, SCHEMA, SEM, TIME, bind_prefixes
from kg.rdf.records import statement_record
from kg.rdf.terms import RDFLIB

EXTRACTOR = f"kg.consolidate {__version__}"


def incident_iri(incident: Incident) -> URIRef:
    return KGR[f"incident/{incident.key}"]


def incidents_graph(incidents: list[Incident], labels: dict[str, str] | None = None) -> Graph:
    """The incidents as triples; ``labels`` gives place labels (IRI → label) for readable incident labels."""
    g = bind_prefixes(Graph())

    def add(s, p, o) -> None:
        g.add((s, p, o))

    labels = labels or {}
    software = KGR[f"software/kg-{__version__}"]
    run = KGR[f"run/consolidation-{hashlib.sha256('|'.join(i.key for i in incidents).encode()).hexdigest()[:16]}"]
    if incidents:
        g.add((run, RDF.type, PROV.Activity))
        g.add((run, PROV.wasAssociatedWith, software))
        g.add((run, KGO.extractor, Literal(EXTRACTOR)))
        g.add((software, RDF.type, PROV.SoftwareAgent))  # kg's package: consolidation reads no text
        g.add((software, RDFS.label, Literal(f"kg {__version__}")))
        g.add((software, SCHEMA.softwareVersion, Literal(__version__)))
    for inc in incidents:
        iri = incident_iri(inc)
        for cls in (KGO.Incident, *RDFLIB.aligned[KGO.Incident]):  # sem:Event, schema:Event, prov:Entity
            g.add((iri, RDF.type, cls))
        g.add((iri, SEM.eventType, concept_node(add, EVENT_TYPES[inc.type])))
        when = inc.start.isoformat() if inc.start == inc.end else f"{inc.start.isoformat()}/{inc.end.isoformat()}"
        place = labels.get(inc.place, inc.place.rsplit("/", 1)[-1])
        g.add((iri, RDFS.label, Literal(f"{EVENT_TYPES[inc.type].label} in {place}, {when} ({len(inc.documents)} reports)",
                                        lang="en")))
        g.add((iri, SEM.hasPlace, URIRef(inc.place)))
        g.add((iri, SCHEMA.location, URIRef(inc.place)))
        first, last = Literal(inc.start.isoformat(), datatype=XSD.date), Literal(inc.end.isoformat(), datatype=XSD.date)
        for p, o in ((SCHEMA.startDate, first), (SCHEMA.endDate, last), (SEM.hasBeginTimeStamp, first),
                     (SEM.hasEndTimeStamp, last)):
            g.add((iri, p, o))
        node = URIRef(f"{iri}/time")  # the dates all reports allow, with the words each report used
        g.add((iri, SEM.hasTime, node))
        words = sorted({r.time_text for r in inc.reports if r.time_text})
        g.add((node, KGO.timeText, Literal(" | ".join(words) or when)))
        if inc.start == inc.end:
            g.add((node, RDF.type, TIME.Instant))
            g.add((node, TIME.inXSDDate, Literal(inc.start.isoformat(), datatype=XSD.date)))
        else:
            g.add((node, RDF.type, TIME.Interval))
            g.add((node, TIME.hasBeginning, day_node(add, inc.start)))
            g.add((node, TIME.hasEnd, day_node(add, inc.end)))
        if inc.attacker:
            g.add((iri, SEM.hasActor, URIRef(inc.attacker)))
        for r in inc.reports:
            g.add((iri, KGO.hasReport, URIRef(r.event)))
        for d in inc.documents:
            g.add((iri, SCHEMA.subjectOf, URIRef(d)))
            g.add((run, PROV.used, URIRef(d)))
        # the incident is the world's attack; that kg's consolidation found it is kg's record, a prov:Entity made
        # from kg's records of the reports
        statement_record(add, URIRef(f"{iri}/statement/type"), (iri, RDF.type, KGO.Incident), RDFLIB,
                         classes=(PROV.Entity,), extractor=EXTRACTOR, run=run,
                         sources=[URIRef(f"{r.event}/statement/type") for r in inc.reports])
    return g
