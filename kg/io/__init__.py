"""Readers: turn paths, JSONL and stdin into :class:`kg.model.Document` values."""

from kg.io.readers import ReadFailure, parse_text_file, read_inputs

__all__ = ["ReadFailure", "parse_text_file", "read_inputs"]
