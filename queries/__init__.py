"""Data package: the bundled SPARQL competency queries (installed as kg.queries)."""
