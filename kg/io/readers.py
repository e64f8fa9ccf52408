"""Read articles from ``.txt`` files, directories, JSONL and stdin.

Readers never raise for one bad document: they yield a :class:`ReadFailure`
naming the document and the reason, and go on with the next one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.model import Document

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*(?:\r?\n)?")
TEXT_SUFFIXES = {".txt", ".text"}
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read; ``doc_id`` names it, ``reason`` says why."""

    doc_id: str
    reason: str


def _parse_date(value: str, doc_id: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(doc_id, f"invalid publication date {value!r} (expected YYYY-MM-DD)") from None


def parse_text_file(raw: str, doc_id: str, source: str | None = None) -> Document:
    """Build a Document from a text file's content; a leading ``date YYYY-MM-DD`` header sets the publication date."""
    raw = raw.lstrip("\ufeff")
    published = None
    m = DATE_HEADER.match(raw)
    if m:
        published = _parse_date(m.group(1), doc_id)
        raw = raw[m.end():]
    if not raw.strip():
        raise InputError(doc_id, "empty document (no text after the header)")
    return Document(id=doc_id, text=raw, published=published, source=source)


def _decode(data: bytes, doc_id: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(doc_id, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(doc_id, f"not valid UTF-8 (byte {e.start})") from None


def _read_text_path(path: Path) -> Iterator[Document | ReadFailure]:
    doc_id = path.stem
    try:
        yield parse_text_file(_decode(path.read_bytes(), doc_id), doc_id, source=str(path))
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason)
    except OSError as e:
        yield ReadFailure(doc_id, f"cannot read {path}: {e.strerror or e}")


def _jsonl_documents(lines: Iterable[str], origin: str) -> Iterator[Document | ReadFailure]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadFailure(where, f"malformed JSON ({e.msg})")
            continue
        if not isinstance(obj, dict):
            yield ReadFailure(where, "a JSONL line must be an object")
            continue
        doc_id = str(obj.get("id") or where)
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadFailure(doc_id, "missing or empty 'text'")
            continue
        try:
            published = _parse_date(obj["published"], doc_id) if obj.get("published") else None
        except InputError as e:
            yield ReadFailure(e.doc_id, e.reason)
            continue
        yield Document(
            id=doc_id,
            text=LONE_SURROGATE.sub("\ufffd", text),  # JSON may escape half a surrogate pair
            published=published,
            url=obj.get("url") or None,
            title=obj.get("title") or None,
            source=origin,
        )


def _read_jsonl_path(path: Path) -> Iterator[Document | ReadFailure]:
    try:
        text = _decode(path.read_bytes(), path.name)
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason)
        return
    except OSError as e:
        yield ReadFailure(path.name, f"cannot read {path}: {e.strerror or e}")
        return
    yield from _jsonl_documents(text.splitlines(), path.name)


def _read_stdin() -> Iterator[Document | ReadFailure]:
    data = sys.stdin.buffer.read()
    try:
        text = _decode(data, "stdin")
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason)
        return
    if text.lstrip().startswith("{"):
        yield from _jsonl_documents(text.splitlines(), "stdin")
        return
    try:
        yield parse_text_file(text, "stdin", source="stdin")
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason)


def _read_path(path: Path) -> Iterator[Document | ReadFailure]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
        for f in files:
            yield from _read_path(f)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl_path(path)
    elif path.exists():
        yield from _read_text_path(path)
    else:
        yield ReadFailure(str(path), "no such file or directory")


def read_inputs(inputs: Iterable[str]) -> Iterator[Document | ReadFailure]:
    """Documents from every input: a file, a directory (recursive), a JSONL file, or ``-`` for stdin."""
    for item in inputs:
        if item == "-":
            yield from _read_stdin()
        else:
            yield from _read_path(Path(item))
