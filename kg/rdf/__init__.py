"""The RDF side of kg: mapping extractions onto the conflict ontology, and which document's named graph each
statement belongs to (rdflib, no spaCy)."""

from kg.rdf.mapping import to_graph

__all__ = ["to_graph"]
