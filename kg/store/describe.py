"""A VoID and DCAT description of kg output: what a run produced, from what, by which kg, under which licence.

``kg describe FILES`` reads kg's output files and writes one ``void:Dataset`` / ``dcat:Dataset`` node: its size
(triples, entities, one class partition per kg class), the articles it was made from (``dcterms:source``: their URL
when known, else their document IRI), the runs and the kg version that made it, the ontology it conforms to, the
vocabularies it uses, and one ``dcat:Distribution`` per file (format, media type, size; a download URL when given).
Everything is computed from the data, with no clock: the same files always give the same description, and its
IRI is a hash of the documents and versions it describes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from kg.errors import UsageError
from kg.rdf.namespaces import KGO, KGR, PROV
from kg.rdf.terms import is_iri
from kg.store.formats import format_of, ox_format
from kg.store.query import load_store

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ONTOLOGY = URIRef("https://w3id.org/kg-conflict/ontology")

# the classes a reader counts first, each a void:classPartition
PARTITIONS = ("Attack", "Incident", "Claim", "CasualtyCount", "State", "ArmedForce", "ArmedGroup", "Organisation",
              "Person", "Actor", "Place", "Country", "Facility")
VOCABULARIES = ("https://w3id.org/kg-conflict/ontology#", "http://semanticweb.cs.vu.nl/2009/11/sem/",
                "http://www.w3.org/ns/prov#", "http://www.w3.org/2006/time#", "http://www.opengis.net/ont/geosparql#",
                "https://schema.org/", "http://www.w3.org/2004/02/skos/core#",
                "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "http://www.w3.org/2005/11/its/rdf#",
                "http://groundedannotationframework.org/gaf#", "http://purl.org/dc/terms/")


def _select(store: ox.Store, query: str) -> list[list]:
    prefixes = f"PREFIX kgo: <{KGO._NS}> PREFIX prov: <{PROV}> PREFIX schema: <https://schema.org/>\n"
    return [[None if v is None else v for v in row]
            for row in store.query(prefixes + query, use_default_graph_as_union=True)]


def _count(store: ox.Store, query: str) -> int:
    return int(_select(store, query)[0][0].value)


def describe(files: Sequence[str | Path], *, license_iri: str | None = None, title: str | None = None,
             download_url: str | None = None) -> Graph:
    """The VoID/DCAT description of kg output ``files`` (any format kg writes), as an rdflib graph (rdflib's Turtle
    writer sorts subjects and predicates: with no blank node, the same graph gives the same bytes). Raises
    :class:`UsageError` when ``license_iri`` or ``download_url`` is not an absolute IRI."""
    for iri in (license_iri, download_url):
        if iri is not None and not (is_iri(iri) and ("://" in iri or iri.startswith("urn:"))):
            raise UsageError(f"not an absolute IRI: {iri!r}")
    store = load_store(files)
    docs = sorted(_select(store, "SELECT ?d ?url WHERE { ?d kgo:contentHash ?h OPTIONAL { ?d schema:url ?url } }"),
                  key=lambda r: r[0].value)
    versions = sorted({r[0].value for r in _select(
        store, "SELECT DISTINCT ?v WHERE { ?s a prov:SoftwareAgent ; schema:softwareVersion ?v }")})
    runs = sorted({r[0].value for r in _select(store, "SELECT DISTINCT ?r WHERE { ?r a prov:Activity }")})
    key = hashlib.sha256("\n".join([d[0].value for d in docs] + versions).encode()).hexdigest()[:16]
    ds = KGR[f"dataset/{key}"]

    g = Graph(bind_namespaces="none")
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("kgo", KGO._NS), ("prov", PROV),
                       ("xsd", XSD), ("kgr", KGR)):
        g.bind(prefix, ns)
    add = g.add
    add((ds, RDF.type, VOID.Dataset))
    add((ds, RDF.type, DCAT.Dataset))
    add((ds, DCTERMS.title, Literal(title or f"Attacks, casualties and claims read by kg from {len(docs)} news "
                                             f"article(s)", lang="en")))
    add((ds, DCTERMS.description, Literal(
        "Attack events with attacker, target, place, time and weapons, qualified casualty counts, and the claims "
        "actors made about them, each with the words of the article that support it, extracted by kg.", lang="en")))
    if license_iri:
        add((ds, DCTERMS.license, URIRef(license_iri)))
    add((ds, DCTERMS.conformsTo, ONTOLOGY))
    for v in versions:
        add((ds, DCTERMS.creator, KGR[f"software/kg-{v}"]))
    for r in runs:
        add((ds, PROV.wasGeneratedBy, URIRef(r)))
    for d, url in docs:
        add((ds, DCTERMS.source, URIRef(url.value if url is not None else d.value)))
    triples = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    add((ds, VOID.triples, Literal(triples, datatype=XSD.integer)))
    entities = _count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                             f"\"{KGR}\")) }}")
    add((ds, VOID.entities, Literal(entities, datatype=XSD.integer)))
    add((ds, VOID.uriSpace, Literal(str(KGR))))
    used = {r[0].value for r in _select(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    used |= {r[0].value for r in _select(store, "SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    for ns in VOCABULARIES:
        if any(u.startswith(ns) for u in used):
            add((ds, VOID.vocabulary, URIRef(ns)))
    for name in PARTITIONS:
        n = _count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a kgo:{name} }}")
        if n:
            part = URIRef(f"{ds}/class/{name}")
            add((ds, VOID.classPartition, part))
            add((part, VOID["class"], KGO[name]))
            add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    example = _select(store, "SELECT ?e WHERE { ?e a kgo:Attack } ORDER BY ?e LIMIT 1")
    if example:
        add((ds, VOID.exampleResource, URIRef(example[0][0].value)))
    for i, f in enumerate(files, 1):
        path, fmt = Path(f), format_of(f)
        dist = URIRef(f"{ds}/distribution/{i}")
        add((ds, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCTERMS.title, Literal(path.name)))
        media_type = ox_format(fmt).media_type
        add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        add((dist, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
        if license_iri:
            add((dist, DCTERMS.license, URIRef(license_iri)))
        if download_url and len(files) == 1:
            add((dist, DCAT.downloadURL, URIRef(download_url)))
    return g
