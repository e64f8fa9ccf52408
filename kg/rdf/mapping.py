"""Map a :class:`kg.model.Extraction` onto the conflict ontology.

IRIs are derived from content only (document key + span offsets, or a global key for actors and places), so the
same article always gives the same graph, and no blank nodes are ever written.  Provenance follows NIF 2.0 and
GAF: every span is ``<doc IRI>#char=b,e``; events, counts and claims point to their spans with
``gaf:denotedBy``; entity mentions point to the entity with ``itsrdf:taIdentRef``.

One mapping, two term libraries (:mod:`kg.rdf.terms`): :func:`to_graph` writes rdflib terms into a Graph (Turtle,
in-memory use); :func:`to_quads` writes each term as its N-Triples text, made and checked by pyoxigraph (the line
formats of corpus runs), so a corpus run never makes an rdflib term, nor a quad object only to print it.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, URIRef

from kg.codes import ACTOR_KINDS, CLAIM_KINDS, EVENT_TYPES, ONTOLOGY, QUALIFIERS, WEAPONS, Code
from kg.gazetteer import region_label
from kg.model import (
    Actor,
    Claim,
    Count,
    Event,
    Evidence,
    Extraction,
    Place,
    Span,
    TimeRef,
)
from kg.rdf.namespaces import KGO, KGR, SHARED_GRAPH, bind_prefixes
from kg.rdf.ownership import owners
from kg.rdf.records import generation, statement_record
from kg.rdf.terms import NTRIPLES, RDFLIB, Terms, is_iri

COUNT_PROPERTY = {"killed": KGO.killed, "injured": KGO.injured, "missing": KGO.missing}



def _entity(kind: str, key: str) -> str:
    """The local part of an actor's or place's IRI. A country key names two nodes: the state that acts
    (``state/XX``, a kgo:State) and its territory (``country/XX``, a kgo:Country), linked by kgo:territory."""
    if key.startswith("country-"):
        return f"{'state' if kind == 'actor' else 'country'}/{key[len('country-'):]}"
    return f"{kind}/{key}"


def actor_iri(key: str, t: Terms = RDFLIB):
    return t.KGR[_entity("actor", key)]


def place_iri(key: str, t: Terms = RDFLIB):
    return t.KGR[_entity("place", key)]


def concept_node(add, code: Code, t: Terms = RDFLIB):
    """A concept from the ontology's schemes (a code of :mod:`kg.codes`), with its notation, label and scheme, so
    queries need no ontology loaded. ``add(s, p, o)`` writes a triple of ``t``'s terms."""
    node = t.of(code.iri)
    add(node, t.RDF.type, t.SKOS.Concept)
    add(node, t.SKOS.notation, t.text(code.notation))
    add(node, t.SKOS.prefLabel, t.english(code.label))
    add(node, t.SKOS.inScheme, t.of(ONTOLOGY + code.scheme))
    return node


def day_node(add, d, t: Terms = RDFLIB):
    """The shared node of a calendar day (``kgr:day/YYYY-MM-DD``), a time:Instant."""
    day = d.isoformat()
    node = t.KGR[f"day/{day}"]
    add(node, t.RDF.type, t.TIME.Instant)
    add(node, t.TIME.inXSDDate, t.typed(day, t.XSD.date))
    return node


def _spelling(words: str) -> str:
    """A mention's words as a name: one space between words, no leading article ("the Centre-Nord")."""
    words = " ".join(words.split())
    return words[4:] if words[:4].lower() == "the " else words


def _comparable(name: str) -> str:
    return name.casefold().replace("\u2019", "'")


# How much of an article's text goes into the graph (``kg extract --text``): the whole text as nif:isString, only the
# sentences that support a statement (and the claims' quotes), or neither (the words of each span only).
TEXT_POLICIES = ("full", "evidence", "none")


class _Mapper:
    """Writes one extraction's triples with ``add(s, p, o)``, in terms of the library ``t``."""

    def __init__(self, x: Extraction, add, t: Terms, text: str = "full"):
        if text not in TEXT_POLICIES:
            raise ValueError(f"text policy must be one of {', '.join(TEXT_POLICIES)}, not {text!r}")
        self.x, self.add, self.t, self.text = x, add, t, text
        self.key = x.document.key  # a property that hashes the whole text: once
        self.doc_str = f"{KGR}doc/{self.key}"
        self.doc = t.iri(self.doc_str)
        version = x.extractor_version.split()[-1]
        self.software = t.KGR[f"software/kg-{version}"]
        self.run = t.KGR[f"run/{hashlib.sha256((x.document.content_hash + version).encode()).hexdigest()[:16]}"]
        self.spans: dict = {}  # (start, end) → span node, each span's triples written once
        self.identified: dict = {}  # (start, end) → the entity node a mention span names (itsrdf:taIdentRef)

    def concept(self, code: Code):
        return concept_node(self.add, code, self.t)

    def a(self, node, cls) -> None:
        """``node rdf:type cls``, and the standard classes ``cls`` entails (sem:Event, schema:Place, prov:Agent…)."""
        add, rdf_type = self.add, self.t.RDF.type
        add(node, rdf_type, cls)
        for sup in self.t.aligned.get(cls, ()):
            add(node, rdf_type, sup)

    def link(self, s, p, o) -> None:
        """``s p o``, and the same with each standard property ``p`` entails (kgo:attacker → sem:hasActor)."""
        self.add(s, p, o)
        for sup in self.t.aligned.get(p, ()):
            self.add(s, sup, o)

    def number(self, n: int, datatype):
        return self.t.typed(str(n), datatype)

    def boolean(self, b: bool):
        return self.t.typed("true" if b else "false", self.t.XSD.boolean)

    # ----- spans -----
    def span(self, sp: Span, sentence: Span | None = None):
        node = self.spans.get((sp.start, sp.end))
        if node is None:
            t, add = self.t, self.add
            node = self.spans[(sp.start, sp.end)] = t.iri(f"{self.doc_str}#char={sp.start},{sp.end}")
            add(node, t.RDF.type, t.NIF.String)
            add(node, t.RDF.type, t.NIF.RFC5147String)
            add(node, t.NIF.referenceContext, self.doc)
            add(node, t.NIF.beginIndex, self.number(sp.start, t.XSD.nonNegativeInteger))
            add(node, t.NIF.endIndex, self.number(sp.end, t.XSD.nonNegativeInteger))
            add(node, t.NIF.anchorOf, t.text(self.x.document.text[sp.start:sp.end]))
        if sentence is not None and sentence != sp and self.text != "none":  # "none": no sentence of the article
            self.add(node, self.t.NIF.sentence, self.sentence(sentence))
        return node

    def sentence(self, sp: Span):
        node = self.span(sp)
        self.add(node, self.t.RDF.type, self.t.NIF.Sentence)
        return node

    def denoted_by(self, node, ev: Evidence, extra_spans: list[Span] = ()) -> None:
        """``node gaf:denotedBy`` each span of the text that tells it."""
        t, add = self.t, self.add
        add(node, t.GAF.denotedBy, self.span(ev.span, ev.sentence))
        for sp in extra_spans:
            add(node, t.GAF.denotedBy, self.span(sp, self.x.sentence_of(sp)))

    def evidence(self, node, ev: Evidence, extra_spans: list[Span] = ()) -> None:
        """What supports the record ``node`` kg made of what a document says: its spans and kg's confidence."""
        t = self.t
        self.denoted_by(node, ev, extra_spans)
        self.add(node, t.KGO.confidence, t.typed(str(Decimal(str(round(ev.confidence, 2)))), t.XSD.decimal))

    def provenance(self, node, ev: Evidence, extra_spans: list[Span] = ()) -> None:
        """The record ``node`` kg made of what a document says: its spans, confidence, component, run, document."""
        self.evidence(node, ev, extra_spans)
        generation(self.add, node, self.t, extractor=ev.extractor, run=self.run, sources=(self.doc,))

    # ----- document and run -----
    def document(self) -> None:
        t, add, d, doc = self.t, self.add, self.x.document, self.doc
        for cls in (t.SCHEMA.NewsArticle, t.NIF.Context, t.PROV.Entity):
            add(doc, t.RDF.type, cls)
        if self.text == "full":
            add(doc, t.NIF.isString, t.text(d.text))
        else:  # the text is not published; its hash lets whoever holds a copy check it is the one read
            add(doc, t.KGO.textIncluded, t.text(self.text))
        add(doc, t.DCTERMS.identifier, t.text(d.id))
        add(doc, t.KGO.contentHash, t.text(f"sha256:{d.content_hash}"))
        if d.published:
            add(doc, t.SCHEMA.datePublished, t.typed(d.published.isoformat(), t.XSD.date))
        if d.url and is_iri(d.url):  # the readers escape what they can; anything still invalid is left out
            add(doc, t.SCHEMA.url, t.iri(d.url))
        if d.title:
            add(doc, t.DCTERMS.title, t.english(d.title))
        add(self.run, t.RDF.type, t.PROV.Activity)
        add(self.run, t.PROV.used, doc)
        add(self.run, t.PROV.wasAssociatedWith, self.software)
        add(self.software, t.RDF.type, t.PROV.SoftwareAgent)
        add(self.software, t.RDFS.label, t.text(self.x.extractor_version))
        add(self.software, t.SCHEMA.softwareVersion, t.text(self.x.extractor_version.split()[-1]))

    # ----- entities -----
    def place(self, p: Place) -> None:
        t, add = self.t, self.add
        node = place_iri(p.key, t)
        self.a(node, t.KGO.Place)
        if p.kind == "country":
            self.a(node, t.KGO.Country)
        label = (region_label(p.key.removeprefix("iso-")) if p.key.startswith("iso-") else None) or p.label
        add(node, t.RDFS.label, t.text(label))
        # the article's own spellings ("Kharkov", "Odessa") beside the gazetteer's name, so a search by them finds
        # it; not the label's first words ("Kharkiv" of "the Kharkiv region" is the city's name, not the region's)
        labels = {_comparable(label), _comparable(p.label)}  # the graph's label and the one kg read ("X region")
        for spelling in sorted({_spelling(m.text) for m in p.mentions} - {""}):
            folded = _comparable(spelling)
            if not any(folded == lab or lab.startswith(folded + " ") for lab in labels):
                add(node, t.SKOS.altLabel, t.english(spelling))
        if p.country:
            add(node, t.KGO.countryCode, t.text(p.country))
            if p.kind != "country":
                add(node, t.SCHEMA.containedInPlace, t.KGR[f"country/{p.country}"])
        if p.geonames_id:
            add(node, t.SKOS.exactMatch, t.GEONAMES[f"{p.geonames_id}/"])
        if p.lat is not None and p.lon is not None:
            geom = t.KGR[f"{_entity('place', p.key)}/geometry"]
            add(node, t.GEO.hasGeometry, geom)
            add(geom, t.RDF.type, t.GEO.Geometry)
            add(geom, t.GEO.asWKT, t.typed(f"POINT({p.lon} {p.lat})", t.GEO.wktLiteral))
        self.mentions(node, self.x.place_mentions(p.key))

    def actor(self, a: Actor) -> None:
        t, add = self.t, self.add
        node = actor_iri(a.key, t)
        self.a(node, t.of(ACTOR_KINDS.get(a.kind, ACTOR_KINDS["actor"]).iri))
        add(node, t.RDFS.label, t.english(a.label))
        if a.kind == "state" and a.key.startswith("country-"):
            self.link(node, t.KGO.territory, place_iri(a.key, t))
        if a.country:
            add(node, t.KGO.countryCode, t.text(a.country))
        if a.role:
            add(node, t.KGO.role, t.text(a.role))
            if a.role_span is not None:  # a fact about a shared node: this document's record of it, with its words
                self.statement(t.iri(f"{self.doc_str}/statement/{a.key}/role"), node, t.KGO.role, t.text(a.role),
                               Evidence(a.role_span, self.x.sentence_of(a.role_span) or a.role_span, 0.7,
                                        "kg.entities.v1"))
        if a.affiliation:
            add(node, t.KGO.affiliation, actor_iri(a.affiliation, t))
        self.mentions(node, a.mentions)

    def mentions(self, node, spans: list[Span]) -> None:
        """Each span points to the entity it names; one the extraction gave to two entities ("London" as a place and
        as the state it speaks for) names the first mapped (places are mapped before actors)."""
        for sp in spans:
            if self.identified.setdefault((sp.start, sp.end), node) == node:
                self.add(self.span(sp, self.x.sentence_of(sp)), self.t.ITSRDF.taIdentRef, node)

    def facility(self, key: str):
        t, add = self.t, self.add
        f = self.x.facilities[key]
        node = t.KGR[f"facility/{key}"]
        self.a(node, t.KGO.Facility)
        add(node, t.RDFS.label, t.english(f.label))
        if f.place:
            add(node, t.SCHEMA.containedInPlace, place_iri(f.place, t))
        self.mentions(node, f.mentions)
        return node

    # ----- events -----
    def event_iri(self, ev_id: str) -> str:
        return f"{KGR}event/{self.key}-{ev_id}"

    def time(self, node, t: TimeRef) -> None:
        T, add = self.t, self.add
        add(node, T.KGO.timeText, T.text(t.text))
        if t.day:
            add(node, T.RDF.type, T.TIME.Instant)
            add(node, T.TIME.inXSDDate, T.typed(t.day.isoformat(), T.XSD.date))
        elif t.start and t.end:
            add(node, T.RDF.type, T.TIME.Interval)
            add(node, T.TIME.hasBeginning, day_node(add, t.start, T))
            add(node, T.TIME.hasEnd, day_node(add, t.end, T))
        else:
            add(node, T.RDF.type, T.TIME.TemporalEntity)
            add(node, T.KGO.unresolved, self.boolean(True))

    def dates(self, node, when: TimeRef) -> None:
        """The first and last day as plain dates too (schema.org, SEM time stamps), for generic queries."""
        first, last = (when.day, when.day) if when.day else (when.start, when.end)
        if first is None or last is None:
            return
        t, add = self.t, self.add
        begin, end = t.typed(first.isoformat(), t.XSD.date), t.typed(last.isoformat(), t.XSD.date)
        add(node, t.SCHEMA.startDate, begin)
        add(node, t.SCHEMA.endDate, end)
        add(node, t.SEM.hasBeginTimeStamp, begin)
        add(node, t.SEM.hasEndTimeStamp, end)

    def count(self, node, c: Count) -> None:
        t, add = self.t, self.add
        self.a(node, t.KGO.CasualtyCount)  # and a schema:QuantitativeValue, with schema:minValue/maxValue
        if c.min is not None:
            self.link(node, t.KGO.minValue, self.number(c.min, t.XSD.integer))
        if c.max is not None:
            self.link(node, t.KGO.maxValue, self.number(c.max, t.XSD.integer))
        add(node, t.KGO.qualifier, self.concept(QUALIFIERS[c.qualifier]))
        add(node, t.KGO.countText, t.text(c.text))
        self.provenance(node, c.evidence)

    def event(self, ev: Event) -> None:
        t, add = self.t, self.add
        iri = self.event_iri(ev.id)
        node = t.iri(iri)
        self.a(node, t.KGO.Attack)
        add(node, t.SEM.eventType, self.concept(EVENT_TYPES[ev.type]))
        add(node, t.RDFS.label, t.english(self.event_label(ev)))
        stated = {}  # role → (property, value): the statements whose support is written below
        if ev.attacker:
            stated["attacker"] = (t.KGO.attacker, actor_iri(ev.attacker, t))
            self.link(node, *stated["attacker"])
        if ev.target:
            if ev.target in self.x.facilities:
                stated["target"] = (t.KGO.target, self.facility(ev.target))
            elif ev.target in self.x.actors:
                stated["target"] = (t.KGO.target, actor_iri(ev.target, t))
            if "target" in stated:
                self.link(node, *stated["target"])
            # a place as target is the event's place; its words stay in kgo:targetText
        if ev.target_text:
            add(node, t.KGO.targetText, t.text(ev.target_text))
        if ev.place:
            stated["place"] = (t.SEM.hasPlace, place_iri(ev.place, t))
            add(node, *stated["place"])
            add(node, t.SCHEMA.location, place_iri(ev.place, t))
        if ev.time:
            when = t.iri(f"{iri}/time")
            stated["time"] = (t.SEM.hasTime, when)
            add(node, *stated["time"])
            self.time(when, ev.time)
            self.dates(node, ev.time)
        for code in ev.instruments:
            add(node, t.KGO.instrument, self.concept(WEAPONS[code]))
        for text in ev.instrument_text:
            add(node, t.KGO.instrumentText, t.text(text))
        for kind, c in sorted(ev.counts.items()):
            count = t.iri(f"{iri}/{kind}")
            add(node, t.of(COUNT_PROPERTY[kind]), count)
            self.count(count, c)
        # the attack is a thing in the world: the words that tell it (GAF) and the article about it, but no run
        # or confidence of kg's, which belong to kg's record that the article tells it (its type statement)
        mentions = [m for m in ev.mentions if m != ev.evidence.span]
        self.denoted_by(node, ev.evidence, mentions)
        add(node, t.SCHEMA.subjectOf, self.doc)
        self.statement(t.iri(f"{iri}/statement/type"), node, t.RDF.type, t.KGO.Attack, ev.evidence, mentions)
        for role, (prop, value) in stated.items():
            if role in ev.support:
                self.statement(t.iri(f"{iri}/statement/{role}"), node, prop, value, ev.support[role])

    def statement(self, node, s, p, o, evidence: Evidence, extra_spans: list[Span] = ()) -> None:
        """kg's record of one statement ``s p o`` a document makes (:func:`kg.rdf.records.statement_record`): a
        kgo:Assertion, with the span(s) that support it and its confidence, made by the component that read it
        from the document."""
        t = self.t
        statement_record(self.add, node, (s, p, o), t, classes=(t.KGO.Assertion, *t.aligned[t.KGO.Assertion]),
                         extractor=evidence.extractor, run=self.run, sources=(self.doc,))
        self.evidence(node, evidence, extra_spans)

    def event_label(self, ev: Event) -> str:
        label = EVENT_TYPES[ev.type].label
        if ev.place and ev.place in self.x.places:
            label += f" in {self.x.places[ev.place].label}"
        if ev.time and ev.time.day:
            label += f", {ev.time.day.isoformat()}"
        elif ev.time and ev.time.start:
            label += f", {ev.time.start.isoformat()}/{ev.time.end.isoformat()}"
        return label

    # ----- claims -----
    def claim(self, c: Claim) -> None:
        t, add = self.t, self.add
        node = t.KGR[f"claim/{self.key}-{c.id}"]
        self.a(node, t.KGO.Claim)
        add(node, t.KGO.claimKind, self.concept(CLAIM_KINDS[c.kind]))
        add(node, t.PROV.wasAttributedTo, actor_iri(c.speaker, t))
        if c.event:
            self.link(node, t.KGO.aboutEvent, t.iri(self.event_iri(c.event)))
        if c.accused and c.kind == "accusation":
            add(node, t.KGO.accused, actor_iri(c.accused, t))
        add(node, t.KGO.hedged, self.boolean(c.hedged))
        add(node, t.KGO.negated, self.boolean(c.negated))
        if c.quote and self.text != "none":
            add(node, t.KGO.quote, t.english(c.quote))
        # the claim is told by its cue word and by the words it reports (with offsets, not only as kgo:quote)
        quoted = [c.quote_span] if c.quote_span and self.text != "none" and c.quote_span != c.evidence.span else []
        self.provenance(node, c.evidence, quoted)

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


class Quads(list):
    """One document's statements as ``(subject, predicate, object, graph)`` tuples of N-Triples term text, in the
    mapping's order, each once (:func:`kg.store.serialize.line_format` writes them). The document's own statements
    are in the named graph of its IRI (``doc``); the nodes that several documents share (countries, places, named
    actors, days, concepts, the software) are in :data:`SHARED_GRAPH` — the layout of ``kg push``, so a store's
    union default graph does not count a shared triple once per article."""

    doc: str


def to_quads(extraction: Extraction, text: str = "full") -> Quads:
    """One article's extraction as quads of N-Triples text: the same triples as :func:`to_graph`, for line formats,
    each in the graph :func:`kg.rdf.ownership.owners` gives it (the rule ``kg push`` follows too)."""
    t = NTRIPLES
    m = _Mapper(extraction, None, t, text)
    triples: dict = {}  # a dict keeps the first order and drops repeats

    def add(s, p, o) -> None:
        triples[(s, p, o)] = None

    m.add = add
    m.run_all()
    own, shared = m.doc, t.iri(SHARED_GRAPH)
    owned = owners(list(triples), [m.doc_str])
    quads = Quads((s, p, o, own if s in owned else shared) for s, p, o in triples)
    quads.doc = m.doc_str
    return quads


def to_graph(extraction: Extraction, graph: Graph | None = None, text: str = "full") -> Graph:
    """Add one article's extraction to ``graph`` (a new one by default) and return it; ``text`` is how much of
    the article's text goes in (:data:`TEXT_POLICIES`)."""
    g = bind_prefixes(graph if graph is not None else Graph())

    def add(s, p, o) -> None:
        g.add((s, p, o))

    _Mapper(extraction, add, RDFLIB, text).run_all()
    return g
