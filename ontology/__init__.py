"""Data package: the conflict ontology and SHACL shapes (installed as kg.ontology)."""
