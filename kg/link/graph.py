"""Link the actors and places of kg's RDF to Wikidata: read them from an rdflib Graph, add the links.

What is written, for an entity ``E`` (a kgr: IRI) and an item ``wd:Q``:

* a link: ``E skos:exactMatch wd:Q`` (as places already link to GeoNames);
* for that link, and for each candidate recorded when nothing was linked, a qualified node with a
  content-derived IRI ``<E>/wikidata/Q`` (no blank nodes)::

      <E/wikidata/Q> a rdf:Statement , prov:Entity ;
          rdf:subject E ; rdf:predicate skos:exactMatch ; rdf:object wd:Q ;
          itsrdf:taConfidence 0.9 ;                 # the score, 0..1
          kgo:extractor "kg.link.wikidata.v1" ;     # the method, versioned
          rdfs:comment "label, type, key, country UA" ;   # the evidence that scored
          dcterms:source <https://query.wikidata.org/sparql> ;  # the endpoint
          dcterms:date "2026-05-01"^^xsd:date ;     # when the endpoint's facts were fetched
          prov:wasAttributedTo kgr:software/kg-0.1.0 .

  A statement whose triple is not asserted (no ``E skos:exactMatch wd:Q``) is a candidate that was not
  linked.  Re-linking replaces an entity's earlier links and candidates.

Document-scoped actors ("officials", ``kgr:actor/{doc key}-...``) and bare kgo:Actor are never linked.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

import kg.link.scoring as scoring
import kg.link.wikidata as wikidata
from kg import __version__
from kg.link.client import USER_AGENT, WIKIDATA_ENDPOINT, LinkCache, Lookups, SparqlClient
from kg.link.curated import CURATED
from kg.link.scoring import MARGIN, THRESHOLD, Entity, Scored
from kg.rdf.namespaces import ITSRDF, KGO, KGR, NIF
from kg.store.httpclient import redact

WD = Namespace(wikidata.WD)
METHOD = "kg.link.wikidata.v1"
GEONAMES_IRI = re.compile(r"^https?://sws\.geonames\.org/(\d+)/?$")
_DOC_SCOPED = re.compile(r"^actor/[0-9a-f]{16}-")
_ACTOR_KINDS = ((KGO.ArmedForce, "armed_force"), (KGO.ArmedGroup, "armed_group"), (KGO.Person, "person"),
                (KGO.Organisation, "organisation"))


@dataclass
class Decision:
    """What became of one entity: ``status`` is linked, ambiguous, below_threshold, no_candidate or unavailable
    (the endpoint could not be asked and the cache did not know)."""

    iri: str
    label: str
    kind: str
    status: str
    qid: str | None = None
    score: float | None = None
    candidates: list[Scored] = field(default_factory=list)


@dataclass
class LinkReport:
    endpoint: str
    threshold: float
    decisions: list[Decision] = field(default_factory=list)
    requests: int = 0  # HTTP attempts, retries included
    cache_hits: int = 0  # lookups answered from the cache
    missing: int = 0  # lookups neither cached nor fetched (offline, or after a failure)
    errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.decisions)

    @property
    def links(self) -> dict[str, str]:
        return {d.iri: d.qid for d in self.decisions if d.status == "linked"}

    def summary(self) -> str:
        parts = [f"{self.count('linked')} of {len(self.decisions)} actor(s)/place(s) linked"]
        for status, what in (("ambiguous", "ambiguous"), ("below_threshold", "below the threshold"),
                             ("no_candidate", "without a candidate"), ("unavailable", "not looked up")):
            if n := self.count(status):
                parts.append(f"{n} {what}")
        return (", ".join(parts) + f"; {self.requests} request(s), {self.cache_hits} cache hit(s)"
                + (f", {self.missing} lookup(s) missing" if self.missing else ""))


# ------------------------------------------------------------------------------------------ reading


def _local(iri: URIRef) -> str | None:
    s = str(iri)
    return s[len(str(KGR)):] if s.startswith(str(KGR)) else None


def read_entities(g: Graph) -> list[Entity]:
    """The actors and places of ``g`` that can be linked, sorted by IRI."""
    doc_countries: dict[URIRef, set[str]] = defaultdict(set)
    docs_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for span, target in g.subject_objects(ITSRDF.taIdentRef):
        doc = g.value(span, NIF.referenceContext)
        if doc is not None:
            docs_of[target].add(doc)
            if cc := g.value(target, KGO.countryCode):
                doc_countries[doc].add(str(cc))
    out = []
    for s in sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        local = _local(s)
        label = g.value(s, RDFS.label)
        if local is None or label is None or _DOC_SCOPED.match(local):
            continue
        types = set(g.objects(s, RDF.type))
        e = Entity(iri=str(s), kind="", label=str(label))
        cc = g.value(s, KGO.countryCode)
        if cc is None and (aff := g.value(s, KGO.affiliation)) is not None:
            cc = g.value(aff, KGO.countryCode)
            e.country_name = str(g.value(aff, RDFS.label) or "") or None
        e.country = str(cc) if cc else None
        if local.startswith(("country/", "state/")) and (KGO.Country in types or KGO.State in types):
            e.kind, e.iso = "country", local.split("/", 1)[1]  # a state and its territory: one Wikidata item
        elif kind := next((k for cls, k in _ACTOR_KINDS if cls in types), None):
            e.kind = kind
            e.role = str(g.value(s, KGO.role) or "") or None
        elif KGO.Place in types and local.startswith("place/"):
            key = local[len("place/"):]
            if key.startswith("geonames-"):
                e.kind, e.geonames = "settlement", key[len("geonames-"):]
            elif key.startswith("iso-"):
                e.kind, e.iso_region = "region", key[len("iso-"):]
            else:
                e.kind = "place"
        else:
            continue
        for m in g.objects(s, SKOS.exactMatch):
            if (gn := GEONAMES_IRI.match(str(m))) and e.kind != "country":
                e.geonames = e.geonames or gn.group(1)
        e.context = frozenset(set().union(*(doc_countries[d] for d in docs_of.get(s, ()))) - ({e.country} - {None}))
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------ linking


def link_graph(graph: Graph, *, endpoint: str = WIKIDATA_ENDPOINT, cache_path: str | os.PathLike | None = None,
               threshold: float = THRESHOLD, margin: float = MARGIN, offline: bool = False,
               curated: Mapping[str, str] | None = None, timeout: float = 30.0, min_interval: float = 1.0,
               retries: int = 3, backoff: float = 2.0, user_agent: str = USER_AGENT, batch_size: int = 50,
               max_candidates: int = 5, client: SparqlClient | None = None) -> LinkReport:
    """Add Wikidata links (and, below the threshold, candidates) for the actors and places in ``graph``.

    Looks everything up at ``endpoint`` (any SPARQL endpoint with Wikidata-shaped data) through the
    cache at ``cache_path`` (JSON; created or updated, written atomically); ``offline`` uses the cache
    only.  An endpoint that fails does not raise: the entities it was needed for are left alone
    (status ``unavailable``) and ``report.errors`` says why.  ``curated`` (default: the bundled
    :data:`kg.link.curated.CURATED`, keyed by IRI under kgr:) proposes Q-ids that are checked like any
    other candidate.
    """
    client = client or SparqlClient(endpoint, user_agent=user_agent, timeout=timeout, min_interval=min_interval,
                                    retries=retries, backoff=backoff)
    cache = LinkCache(cache_path)
    lookups = Lookups(client, cache, batch_size=batch_size, offline=offline)
    report = LinkReport(endpoint=redact(client.endpoint), threshold=threshold)
    curated = CURATED if curated is None else curated
    try:
        entities = read_entities(graph)
        names = {e.iri: scoring.variants(e) for e in entities}
        hits = wikidata.by_name(lookups, {n for ns in names.values() for n in ns})
        keys = {kind: wikidata.by_key(lookups, kind, {getattr(e, kind) for e in entities if getattr(e, kind)})
                for kind in ("iso", "iso_region", "geonames")}
        cands: dict[str, set[str]] = {}
        complete: dict[str, bool] = {}
        for e in entities:
            found, ok = set(), True
            for n in names[e.iri]:
                if n in hits:
                    found.update(hits[n])
                else:
                    ok = False
            for kind, table in keys.items():
                if code := getattr(e, kind):
                    if code in table:
                        found.update(table[code])
                    else:
                        ok = False
            local = _local(URIRef(e.iri)) or ""
            if q := curated.get(local) or (curated.get(f"country/{e.iso}") if e.kind == "country" else None):
                found.add(q)  # the table keys states by their territory's IRI: one Wikidata item for both
            cands[e.iri], complete[e.iri] = found, ok
        items = wikidata.facts(lookups, {q for qs in cands.values() for q in qs})
        classes = wikidata.superclasses(lookups, {t for it in items.values() for t in it.types}, scoring.ROOTS)
        for e in entities:
            qs = cands[e.iri]
            known = all(q in items and all(t in classes for t in items[q].types) for q in qs)
            if not (complete[e.iri] and known):
                report.decisions.append(Decision(e.iri, e.label, e.kind, "unavailable"))
                continue
            scored = sorted((scoring.score(e, items[q], classes) for q in qs), key=lambda s: (-s.raw, int(s.qid[1:])))
            best, status = scoring.decide(scored, threshold, margin)
            d = Decision(e.iri, e.label, e.kind, status, candidates=scored)
            if best is not None:
                d.qid, d.score = best.qid, best.score
            report.decisions.append(d)
            _write(graph, e, d, items, report.endpoint, max_candidates)
        if any(d.status != "unavailable" for d in report.decisions):
            graph.bind("wd", WD)
            _software(graph)
    finally:
        cache.save()
        report.requests, report.cache_hits, report.missing = client.requests, lookups.hits, lookups.missing
        report.errors = list(dict.fromkeys(lookups.errors))
    return report


def _software(g: Graph) -> URIRef:
    node = KGR[f"software/kg-{__version__}"]
    g.add((node, RDF.type, PROV.SoftwareAgent))
    g.set((node, RDFS.label, Literal(f"kg {__version__}")))
    g.set((node, URIRef("https://schema.org/softwareVersion"), Literal(__version__)))
    return node


def _clear(g: Graph, subject: URIRef) -> None:
    """Remove the Wikidata links and candidate statements an earlier run wrote for ``subject``."""
    prefix = f"{subject}/wikidata/"
    for node in {s for s in g.subjects(RDF.subject, subject) if str(s).startswith(prefix)}:
        g.remove((node, None, None))
    for o in list(g.objects(subject, SKOS.exactMatch)):
        if str(o).startswith(str(WD)):
            g.remove((subject, SKOS.exactMatch, o))


def _write(g: Graph, e: Entity, d: Decision, items: dict, endpoint: str, max_candidates: int) -> None:
    subject = URIRef(e.iri)
    _clear(g, subject)
    if d.status == "linked":
        g.add((subject, SKOS.exactMatch, WD[d.qid]))
        record = [c for c in d.candidates if c.qid == d.qid]
    else:
        record = [c for c in d.candidates if c.rejected is None][:max_candidates]
    software = KGR[f"software/kg-{__version__}"]
    for c in record:
        node = URIRef(f"{subject}/wikidata/{c.qid}")
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, SKOS.exactMatch))
        g.add((node, RDF.object, WD[c.qid]))
        g.add((node, ITSRDF.taConfidence, Literal(Decimal(f"{c.score:.2f}"), datatype=XSD.decimal)))
        g.add((node, KGO.extractor, Literal(METHOD)))
        g.add((node, RDFS.comment, Literal(", ".join(c.evidence))))
        g.add((node, DCTERMS.source, URIRef(endpoint)))
        if fetched := items[c.qid].fetched:
            g.add((node, DCTERMS.date, Literal(fetched[:10], datatype=XSD.date)))
        g.add((node, PROV.wasAttributedTo, software))
