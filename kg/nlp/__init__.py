"""The spaCy side of kg: the pipeline and kg's own components."""

from kg.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
