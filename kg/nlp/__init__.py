"""The spaCy side of kg: the pipeline and kg's own components."""

from kg.nlp.pipeline import DATELINE, DEFAULT_MODEL, STAMP, load_pipeline, parse_texts, parse_view

__all__ = ["DATELINE", "DEFAULT_MODEL", "STAMP", "load_pipeline", "parse_texts", "parse_view"]
