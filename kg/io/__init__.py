"""Readers: turn paths, JSONL and stdin into :class:`kg.model.Document` values."""

from kg.io.readers import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, parse_text_file, read_inputs

__all__ = ["DEFAULT_MAX_CHARS", "ReadFailure", "ReadNote", "parse_text_file", "read_inputs"]
