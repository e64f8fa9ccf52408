"""Namespaces kg writes, with the prefixes bound in every graph it produces."""

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.rdf._kgo import KGO

KGR = Namespace("https://w3id.org/kg-conflict/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
SCHEMA = Namespace("https://schema.org/")
GEONAMES = Namespace("https://sws.geonames.org/")

# The named graph of the nodes that several documents share (countries, places, named actors, days, concepts);
# each document's own statements are in the graph named by the document's IRI.
SHARED_GRAPH = f"{KGR}graph/shared"

PREFIXES = {
    "kgo": Namespace(str(KGO._NS)),
    "kgr": KGR,
    "sem": SEM,
    "prov": PROV,
    "time": TIME,
    "geo": GEO,
    "schema": SCHEMA,
    "skos": SKOS,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "gaf": GAF,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}


def bind_prefixes(g: Graph) -> Graph:
    """Bind kg's prefixes (replacing rdflib's defaults) so output always reads the same."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


__all__ = ["KGO", "KGR", "SEM", "NIF", "ITSRDF", "GAF", "GEO", "SCHEMA", "GEONAMES", "SHARED_GRAPH", "PREFIXES", "bind_prefixes"]
