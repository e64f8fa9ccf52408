"""The RDF side of kg: mapping extractions onto the conflict ontology (rdflib, no spaCy)."""

from kg.rdf.mapping import to_graph

__all__ = ["to_graph"]
