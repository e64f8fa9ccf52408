"""Map a :class:`kg.model.Extraction` onto the conflict ontology.

IRIs are derived from content only (document key + span offsets, or a
global key for actors and places), so the same article always gives the same
graph, and no blank nodes are ever written.  Provenance follows NIF 2.0 and
GAF: every span is ``<doc IRI>#char=b,e``; events, counts and claims point
to their spans with ``gaf:denotedBy``; entity mentions point to the entity
with ``itsrdf:taIdentRef``.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.model import Actor, Claim, Count, Document, Event, Evidence, Extraction, Place, Span, TimeRef, storable
from kg.rdf.namespaces import GAF, GEO, GEONAMES, ITSRDF, KGO, KGR, NIF, SCHEMA, SEM, bind_prefixes

EVENT_TYPE = {
    "missile_strike": KGO.MissileStrike, "drone_strike": KGO.DroneStrike, "air_strike": KGO.AirStrike,
    "shelling": KGO.Shelling, "bombing": KGO.Bombing, "armed_clash": KGO.ArmedClash, "strike": KGO.Strike,
    "other_attack": KGO.OtherAttack,
}
CLAIM_KIND = {
    "responsibility": KGO.Responsibility, "accusation": KGO.Accusation, "denial": KGO.Denial,
    "report": KGO.Report, "threat": KGO.Threat,
}
QUALIFIER = {
    "exact": KGO.Exact, "at_least": KGO.AtLeast, "more_than": KGO.MoreThan, "at_most": KGO.AtMost,
    "approximately": KGO.Approximately, "vague": KGO.Vague,
}
WEAPON = {
    "missile": KGO.Missile, "drone": KGO.Drone, "artillery": KGO.Artillery, "mortar": KGO.Mortar,
    "rocket": KGO.Rocket, "aircraft": KGO.Aircraft, "firearm": KGO.Firearm,
    "explosive_device": KGO.ExplosiveDevice, "vehicle_bomb": KGO.VehicleBomb,
}
ACTOR_CLASS = {
    "state": KGO.State, "armed_force": KGO.ArmedForce, "armed_group": KGO.ArmedGroup,
    "organisation": KGO.Organisation, "person": KGO.Person, "actor": KGO.Actor,
}
COUNT_PROPERTY = {"killed": KGO.killed, "injured": KGO.injured, "missing": KGO.missing}
TYPE_LABEL = {k: k.replace("_", " ") for k in EVENT_TYPE}


def _lit(text: str) -> Literal:
    return Literal(storable(text))  # everything else rdflib escapes


def doc_iri(doc: Document) -> URIRef:
    return KGR[f"doc/{doc.key}"]


def actor_iri(key: str) -> URIRef:
    if key.startswith("country-"):
        return KGR[f"country/{key[len('country-'):]}"]
    return KGR[f"actor/{key}"]


def place_iri(key: str) -> URIRef:
    if key.startswith("country-"):
        return KGR[f"country/{key[len('country-'):]}"]
    return KGR[f"place/{key}"]


SCHEMES = (
    (EVENT_TYPE, KGO.EventTypeScheme), (CLAIM_KIND, KGO.ClaimKindScheme),
    (QUALIFIER, KGO.QualifierScheme), (WEAPON, KGO.WeaponScheme),
)
NOTATION = {iri: (code, scheme) for table, scheme in SCHEMES for code, iri in table.items()}


def concept_node(add, iri: URIRef) -> URIRef:
    """A concept from the ontology's schemes, with its notation, so queries need no ontology loaded.
    ``add(s, p, o)`` writes a triple."""
    code, scheme = NOTATION[iri]
    add(iri, RDF.type, SKOS.Concept)
    add(iri, SKOS.notation, Literal(code))
    add(iri, SKOS.inScheme, scheme)
    return iri


def day_node(add, d) -> URIRef:
    """The shared node of a calendar day (``kgr:day/YYYY-MM-DD``), a time:Instant."""
    iri = KGR[f"day/{d.isoformat()}"]
    add(iri, RDF.type, TIME.Instant)
    add(iri, TIME.inXSDDate, Literal(d.isoformat(), datatype=XSD.date))
    return iri


class _Mapper:
    def __init__(self, x: Extraction, g: Graph):
        self.x = x
        self.g = g
        self.doc = doc_iri(x.document)
        version = x.extractor_version.split()[-1]
        self.software = KGR[f"software/kg-{version}"]
        self.run = KGR[f"run/{hashlib.sha256((x.document.content_hash + version).encode()).hexdigest()[:16]}"]

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def concept(self, iri: URIRef) -> URIRef:
        return concept_node(self.add, iri)

    # ----- spans -----
    def span(self, sp: Span, sentence: Span | None = None) -> URIRef:
        iri = URIRef(f"{self.doc}#char={sp.start},{sp.end}")
        self.add(iri, RDF.type, NIF.String)
        self.add(iri, RDF.type, NIF.RFC5147String)
        self.add(iri, NIF.referenceContext, self.doc)
        self.add(iri, NIF.beginIndex, Literal(sp.start, datatype=XSD.nonNegativeInteger))
        self.add(iri, NIF.endIndex, Literal(sp.end, datatype=XSD.nonNegativeInteger))
        self.add(iri, NIF.anchorOf, _lit(self.x.document.text[sp.start:sp.end]))
        if sentence is not None and sentence != sp:
            self.add(iri, NIF.sentence, self.sentence(sentence))
        return iri

    def sentence(self, sp: Span) -> URIRef:
        iri = self.span(sp)
        self.add(iri, RDF.type, NIF.Sentence)
        return iri

    def sentence_of(self, sp: Span) -> Span | None:
        return next((s for s in self.x.sentences if s.start <= sp.start and sp.end <= s.end), None)

    def provenance(self, node: URIRef, ev: Evidence, extra_spans: list[Span] = ()) -> None:
        self.add(node, GAF.denotedBy, self.span(ev.span, ev.sentence))
        for sp in extra_spans:
            self.add(node, GAF.denotedBy, self.span(sp, self.sentence_of(sp)))
        self.add(node, KGO.confidence, Literal(Decimal(str(round(ev.confidence, 2))), datatype=XSD.decimal))
        self.add(node, KGO.extractor, Literal(ev.extractor))
        self.add(node, PROV.wasGeneratedBy, self.run)
        self.add(node, PROV.wasDerivedFrom, self.doc)

    # ----- document and run -----
    def document(self) -> None:
        d = self.x.document
        for cls in (SCHEMA.NewsArticle, NIF.Context, PROV.Entity):
            self.add(self.doc, RDF.type, cls)
        self.add(self.doc, NIF.isString, _lit(d.text))
        self.add(self.doc, DCTERMS.identifier, _lit(d.id))
        self.add(self.doc, KGO.contentHash, Literal(f"sha256:{d.content_hash}"))
        if d.published:
            self.add(self.doc, SCHEMA.datePublished, Literal(d.published.isoformat(), datatype=XSD.date))
        if d.url:
            self.add(self.doc, SCHEMA.url, URIRef(storable(d.url)))
        if d.title:
            self.add(self.doc, DCTERMS.title, _lit(d.title))
        self.add(self.run, RDF.type, PROV.Activity)
        self.add(self.run, PROV.used, self.doc)
        self.add(self.run, PROV.wasAssociatedWith, self.software)
        self.add(self.software, RDF.type, PROV.SoftwareAgent)
        self.add(self.software, RDFS.label, Literal(self.x.extractor_version))
        self.add(self.software, SCHEMA.softwareVersion, Literal(self.x.extractor_version.split()[-1]))

    # ----- entities -----
    def place(self, p: Place) -> None:
        iri = place_iri(p.key)
        self.add(iri, RDF.type, KGO.Place)
        if p.kind == "country":
            self.add(iri, RDF.type, KGO.Country)
        self.add(iri, RDFS.label, _lit(p.label))
        if p.country:
            self.add(iri, KGO.countryCode, Literal(p.country))
            if p.kind != "country":
                self.add(iri, SCHEMA.containedInPlace, KGR[f"country/{p.country}"])
        if p.geonames_id:
            self.add(iri, SKOS.exactMatch, GEONAMES[f"{p.geonames_id}/"])
        if p.lat is not None and p.lon is not None:
            geom = URIRef(f"{iri}/geometry")
            self.add(iri, GEO.hasGeometry, geom)
            self.add(geom, RDF.type, GEO.Geometry)
            self.add(geom, GEO.asWKT, Literal(f"POINT({p.lon} {p.lat})", datatype=GEO.wktLiteral))
        self.mentions(iri, p.mentions)

    def actor(self, a: Actor) -> None:
        iri = actor_iri(a.key)
        self.add(iri, RDF.type, ACTOR_CLASS.get(a.kind, KGO.Actor))
        self.add(iri, RDFS.label, _lit(a.label))
        if a.kind == "state":
            self.add(iri, RDF.type, KGO.Country)
        if a.country:
            self.add(iri, KGO.countryCode, Literal(a.country))
        if a.role:
            self.add(iri, KGO.role, _lit(a.role))
        if a.affiliation:
            self.add(iri, KGO.affiliation, actor_iri(a.affiliation))
        self.mentions(iri, a.mentions)

    def mentions(self, iri: URIRef, spans: list[Span]) -> None:
        for sp in spans:
            self.add(self.span(sp, self.sentence_of(sp)), ITSRDF.taIdentRef, iri)

    def facility(self, key: str) -> URIRef:
        f = self.x.facilities[key]
        iri = KGR[f"facility/{key}"]
        self.add(iri, RDF.type, KGO.Facility)
        self.add(iri, RDFS.label, _lit(f.label))
        if f.place:
            self.add(iri, SCHEMA.containedInPlace, place_iri(f.place))
        self.mentions(iri, f.mentions)
        return iri

    # ----- events -----
    def event_iri(self, ev_id: str) -> URIRef:
        return KGR[f"event/{self.x.document.key}-{ev_id}"]

    def time(self, node: URIRef, t: TimeRef) -> None:
        self.add(node, KGO.timeText, _lit(t.text))
        if t.day:
            self.add(node, RDF.type, TIME.Instant)
            self.add(node, TIME.inXSDDate, Literal(t.day.isoformat(), datatype=XSD.date))
        elif t.start and t.end:
            self.add(node, RDF.type, TIME.Interval)
            self.add(node, TIME.hasBeginning, self.day(t.start))
            self.add(node, TIME.hasEnd, self.day(t.end))
        else:
            self.add(node, RDF.type, TIME.TemporalEntity)
            self.add(node, KGO.unresolved, Literal(True))

    def day(self, d) -> URIRef:
        return day_node(self.add, d)

    def count(self, node: URIRef, c: Count) -> None:
        self.add(node, RDF.type, KGO.CasualtyCount)
        if c.min is not None:
            self.add(node, KGO.minValue, Literal(c.min))
        if c.max is not None:
            self.add(node, KGO.maxValue, Literal(c.max))
        self.add(node, KGO.qualifier, self.concept(QUALIFIER[c.qualifier]))
        self.add(node, KGO.countText, _lit(c.text))
        self.provenance(node, c.evidence)

    def event(self, ev: Event) -> None:
        iri = self.event_iri(ev.id)
        self.add(iri, RDF.type, KGO.Attack)
        self.add(iri, SEM.eventType, self.concept(EVENT_TYPE[ev.type]))
        self.add(iri, RDFS.label, _lit(self.event_label(ev)))
        if ev.attacker:
            self.add(iri, KGO.attacker, actor_iri(ev.attacker))
        if ev.target:
            if ev.target in self.x.facilities:
                self.add(iri, KGO.target, self.facility(ev.target))
            elif ev.target in self.x.actors:
                self.add(iri, KGO.target, actor_iri(ev.target))
            # a place as target is the event's place; its words stay in kgo:targetText
        if ev.target_text:
            self.add(iri, KGO.targetText, _lit(ev.target_text))
        if ev.place:
            self.add(iri, SEM.hasPlace, place_iri(ev.place))
        if ev.time:
            node = URIRef(f"{iri}/time")
            self.add(iri, SEM.hasTime, node)
            self.time(node, ev.time)
        for code in ev.instruments:
            self.add(iri, KGO.instrument, self.concept(WEAPON[code]))
        for text in ev.instrument_text:
            self.add(iri, KGO.instrumentText, _lit(text))
        for kind, c in sorted(ev.counts.items()):
            node = URIRef(f"{iri}/{kind}")
            self.add(iri, COUNT_PROPERTY[kind], node)
            self.count(node, c)
        self.provenance(iri, ev.evidence, [m for m in ev.mentions if m != ev.evidence.span])

    def event_label(self, ev: Event) -> str:
        label = TYPE_LABEL[ev.type]
        if ev.place and ev.place in self.x.places:
            label += f" in {self.x.places[ev.place].label}"
        if ev.time and ev.time.day:
            label += f", {ev.time.day.isoformat()}"
        elif ev.time and ev.time.start:
            label += f", {ev.time.start.isoformat()}/{ev.time.end.isoformat()}"
        return label

    # ----- claims -----
    def claim(self, c: Claim) -> None:
        iri = KGR[f"claim/{self.x.document.key}-{c.id}"]
        self.add(iri, RDF.type, KGO.Claim)
        self.add(iri, KGO.claimKind, self.concept(CLAIM_KIND[c.kind]))
        self.add(iri, PROV.wasAttributedTo, actor_iri(c.speaker))
        if c.event:
            self.add(iri, KGO.aboutEvent, self.event_iri(c.event))
        if c.accused and c.kind == "accusation":
            self.add(iri, KGO.accused, actor_iri(c.accused))
        self.add(iri, KGO.hedged, Literal(c.hedged))
        self.add(iri, KGO.negated, Literal(c.negated))
        if c.quote:
            self.add(iri, KGO.quote, _lit(c.quote))
        self.provenance(iri, c.evidence)

    def run_all(self) -> None:
        self.document()
        for p in self.x.places.values():
            self.place(p)
        for a in self.x.actors.values():
            self.actor(a)
        for ev in self.x.events:
            self.event(ev)
        for c in self.x.claims:
            self.claim(c)


class TripleSet(set):
    """A plain set of rdflib triples that the mapping can write into like a graph (``add``): twice as fast as
    an rdflib Graph, for output that goes straight to a line format (N-Quads, N-Triples) and is never queried."""

    def add(self, triple) -> None:  # set.add under the name rdflib's Graph.add has
        super().add(triple)


def to_triples(extraction: Extraction) -> TripleSet:
    """One article's extraction as a set of triples: the same triples as :func:`to_graph`."""
    triples = TripleSet()
    _Mapper(extraction, triples).run_all()
    return triples


def to_graph(extraction: Extraction, graph: Graph | None = None) -> Graph:
    """Add one article's extraction to ``graph`` (a new one by default) and return it."""
    g = bind_prefixes(graph if graph is not None else Graph())
    _Mapper(extraction, g).run_all()
    return g
