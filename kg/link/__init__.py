"""Link actors and places of kg's RDF to Wikidata through SPARQL, with an offline cache.

``link_graph(graph, endpoint=..., cache_path=...)`` adds ``skos:exactMatch wd:Q...`` links with
their provenance, or records the candidates when no item is good enough.  Uses rdflib and
SPARQLWrapper only (no spaCy): see :mod:`kg.link.graph` for what is written, :mod:`kg.link.scoring`
for how candidates are scored, :mod:`kg.link.client` for the polite client and the cache.
"""

from kg.link.client import USER_AGENT, WIKIDATA_ENDPOINT, LinkCache, SparqlClient
from kg.link.graph import METHOD, Decision, LinkReport, link_graph, read_entities
from kg.link.scoring import MARGIN, THRESHOLD

__all__ = [
           "MARGIN",
           "METHOD",
           "THRESHOLD",
           "USER_AGENT",
           "WIKIDATA_ENDPOINT",
           "Decision",
           "LinkCache",
           "LinkReport",
           "SparqlClient",
           "link_graph",
           "read_entities",
]
