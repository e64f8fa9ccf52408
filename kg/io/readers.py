"""Read articles from ``.txt`` and ``.html`` files, directories, JSONL and stdin.

Readers never raise for one bad document: they yield a :class:`ReadFailure`
naming the document and the reason, and go on with the next one.  Something
worth knowing about a document that *was* read (it was not UTF-8 and was
decoded as cp1252, say) comes as a :class:`ReadNote` just before it.

What counts as bad, and what happens to it:

- empty or whitespace-only text, a binary file (PDF, PNG, gzip, ... named by
  its magic bytes), an HTML page with no text left once scripts and
  navigation are dropped, an invalid or future publication date, a document
  over ``max_chars`` characters, a JSONL line that is not a JSON object with
  a ``text``, a file that cannot be read (permissions, a broken symbolic
  link): a ReadFailure;
- text in a legacy encoding (cp1252, latin-1, ...): decoded (the encoding is
  detected with charset-normalizer) and kept, with a ReadNote;
- an HTML page: its article text is kept (``<title>`` becomes the title;
  script, style, nav, header, footer and aside are dropped).

This module reads the sources (files, directories, JSONL streams, stdin) and makes the documents;
:mod:`kg.io.decoding` turns a file's bytes into text and :mod:`kg.io.htmltext` a page into an article's text.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.io.decoding import binary_kind, decode_bytes, legacy_encoding
from kg.io.htmltext import html_to_text, looks_like_html
from kg.model import Document, storable

DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*(?:\r?\n)?")
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Not readable, but read from a directory anyway so that they are reported instead of silently left out.
UNSUPPORTED_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".gz", ".bz2", ".xz", ".zst", ".zip"}
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | UNSUPPORTED_SUFFIXES

DEFAULT_MAX_CHARS = 200_000  # extraction time grows fast with document length (see the issue 8 notes)
"""The longest document read by default, in characters (``kg extract --max-chars`` raises it)."""
BYTES_PER_CHAR = 4  # a file of more than 4 x max_chars bytes has more than max_chars characters in any encoding
FUTURE_TOLERANCE = timedelta(days=1)  # "tomorrow" is today somewhere: time zones, not a wrong date

IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')  # code points an IRI may not hold as they are
IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def iri_of(url: str) -> tuple[str | None, str | None]:
    """A document URL as an IRI: spaces and other code points IRIs forbid percent-encoded. Returns (IRI, None),
    or (None, why) for a URL that is no absolute IRI even so (a relative path, no scheme)."""
    iri = IRI_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", storable(url.strip()))
    if not IRI_SCHEME.match(iri):
        return None, f"url {url[:80]!r} left out: not an absolute IRI (no scheme such as https:)"
    return iri, None


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read; ``doc_id`` names it, ``reason`` says why, ``source`` where it was."""

    doc_id: str
    reason: str
    source: str | None = None

    def record(self) -> dict[str, str | None]:
        """The failure as kg lists it (``kg extract --errors``, a Dask partition's errors file): id, reason,
        source."""
        return {"id": self.doc_id, "reason": self.reason, "source": self.source}


@dataclass(frozen=True)
class ReadNote:
    """Something worth knowing about a document that was read (it comes just before the document)."""

    doc_id: str
    message: str
    source: str | None = None


ReadItem = Document | ReadFailure | ReadNote


def _parse_date(value: str, doc_id: str, today: date | None = None) -> date:
    try:
        d = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(doc_id, f"invalid publication date {value!r} (expected YYYY-MM-DD)") from None
    today = today or date.today()
    if d > today + FUTURE_TOLERANCE:
        raise InputError(doc_id, f"publication date {d.isoformat()} is in the future (today is {today.isoformat()})")
    return d


def _too_large(doc_id: str, n_chars: int, max_chars: int) -> InputError:
    return InputError(doc_id, f"too large: {n_chars:,} characters > limit of {max_chars:,}; "
                              f"use --max-chars to raise it")


def _read_document(raw: str, doc_id: str, *, source: str | None, html: bool | None, max_chars: int,
                   today: date | None = None) -> tuple[Document, list[str]]:
    """The Document in a file's text, and notes about it; raises InputError when there is none."""
    notes: list[str] = []
    raw = raw.lstrip("\ufeff")
    published = None
    m = DATE_HEADER.match(raw)
    if m:
        published = _parse_date(m.group(1), doc_id, today)
        raw = raw[m.end():]
    title = None
    if html or (html is None and looks_like_html(raw)):
        title, raw, meta_date = html_to_text(raw)
        if not raw.strip():
            raise InputError(doc_id, "HTML page with no article text (only markup, scripts or navigation)")
        if published is None and meta_date:
            try:
                published = _parse_date(meta_date[:10], doc_id, today)
            except InputError as e:
                if "future" in e.reason:
                    raise
                notes.append(f"ignored the page's unreadable publication date {meta_date!r}")
    if not raw.strip():
        raise InputError(doc_id, "empty document (no text after the header)")
    if len(raw) > max_chars:
        raise _too_large(doc_id, len(raw), max_chars)
    return Document(id=doc_id, text=storable(raw), published=published, title=title,
                    source=source), notes


def parse_text_file(raw: str, doc_id: str, source: str | None = None, *, max_chars: int = DEFAULT_MAX_CHARS,
                    html: bool | None = None) -> Document:
    """Build a Document from a text file's content; a leading ``date YYYY-MM-DD`` header sets the publication date.

    ``html=None`` treats text that starts like an HTML page as one (``True``/``False`` force it).
    """
    return _read_document(raw, doc_id, source=source, html=html, max_chars=max_chars)[0]


def _read_bytes(path: Path, doc_id: str, max_chars: int | None) -> bytes:
    """A file's bytes; refuses (InputError) one too large to hold ``max_chars`` characters, without reading it all."""
    with open(path, "rb") as f:
        if max_chars is None:
            return f.read()
        limit = max_chars * BYTES_PER_CHAR
        data = f.read(limit + 1)
        if len(data) > limit:
            size = os.fstat(f.fileno()).st_size
            size_text = f"{size:,} bytes" if size > limit else f"more than {limit:,} bytes"
            raise InputError(doc_id, f"too large: {size_text}, more than the limit of {max_chars:,} characters; "
                                     f"use --max-chars to raise it")
    return data


def _oserror(path: Path, e: OSError) -> str:
    return f"cannot read {path}: {e.strerror or e}"


def _read_text_path(path: Path, max_chars: int) -> Iterator[ReadItem]:
    doc_id, source = path.stem, str(path)
    try:
        data = _read_bytes(path, doc_id, max_chars)
        if not data:
            raise InputError(doc_id, "empty file (0 bytes)")
        text, note = decode_bytes(data, doc_id)
        doc, notes = _read_document(text, doc_id, source=source, max_chars=max_chars,
                                    html=True if path.suffix.lower() in HTML_SUFFIXES else None)
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason, source)
        return
    except OSError as e:
        yield ReadFailure(doc_id, _oserror(path, e), source)
        return
    for message in ([note] if note else []) + notes:
        yield ReadNote(doc_id, message, source)
    yield doc


def _jsonl_documents(lines: Iterable[str], origin: str, *, source: str | None = None,
                     max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadItem]:
    source = source or origin
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        at = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadFailure(where, f"malformed JSON ({e.msg} at column {e.colno})", at)
            continue
        except RecursionError:
            yield ReadFailure(where, "malformed JSON (nested too deeply)", at)
            continue
        if not isinstance(obj, dict):
            yield ReadFailure(where, "a JSONL line must be an object", at)
            continue
        doc_id = str(obj.get("id") or where)
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadFailure(doc_id, "missing or empty 'text'", at)
            continue
        if len(text) > max_chars:
            e = _too_large(doc_id, len(text), max_chars)
            yield ReadFailure(e.doc_id, e.reason, at)
            continue
        try:
            published = _parse_date(obj["published"], doc_id) if obj.get("published") else None
        except InputError as e:
            yield ReadFailure(e.doc_id, e.reason, at)
            continue
        title, url = obj.get("title"), obj.get("url")
        if url:
            url, note = iri_of(str(url))
            if note:
                yield ReadNote(doc_id, note, at)
        yield Document(
            id=doc_id,
            text=storable(text),  # JSON may escape NUL or half a surrogate pair
            published=published,
            url=url or None,
            title=str(title) if title else None,
            source=origin,
        )


jsonl_documents = _jsonl_documents  # for readers of their own, such as the distributed path's partitions


def _jsonl_lines(text: str) -> list[str]:
    # Only \n ends a line: str.splitlines() would also split at U+2028, U+0085 ..., which JSON strings may hold.
    return [line.rstrip("\r") for line in text.split("\n")]


def _read_jsonl_path(path: Path, max_chars: int) -> Iterator[ReadItem]:
    """JSONL line by line, so that an archive of any size is read in constant memory. A line that is not UTF-8
    is decoded on its own (see :func:`decode_bytes`), with a note; UTF-16/32 files are read whole."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError as e:
        yield ReadFailure(path.name, _oserror(path, e), str(path))
        return
    if not (head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head):
        yield from _stream_jsonl_path(path, max_chars)
        return
    try:
        text, note = decode_bytes(_read_bytes(path, path.name, None), path.name)
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason, str(path))
        return
    except OSError as e:
        yield ReadFailure(path.name, _oserror(path, e), str(path))
        return
    if note:
        yield ReadNote(path.name, note, str(path))
    yield from _jsonl_documents(_jsonl_lines(text.lstrip("\ufeff")), path.name, source=str(path),
                                max_chars=max_chars)


def _line_limit(max_chars: int) -> int:
    """The longest JSONL line read, in bytes: a text of ``max_chars`` characters, each escaped as ``\\uXXXX`` at
    worst, and room for the other fields."""
    return 6 * max_chars + (1 << 16)


def _stream_jsonl_path(path: Path, max_chars: int) -> Iterator[ReadItem]:
    try:
        with open(path, "rb") as f:
            yield from _stream_jsonl(f, path.name, str(path), max_chars)
    except OSError as e:
        yield ReadFailure(path.name, _oserror(path, e), str(path))


def _stream_jsonl(f: BinaryIO, name: str, source: str, max_chars: int) -> Iterator[ReadItem]:
    """JSONL from a binary stream, line by line, each line read with a bound (:func:`_line_limit`), so that memory
    stays flat whatever the input: a longer line is skipped unread and named. Lines that are not UTF-8 are decoded
    in the input's legacy encoding, detected once, from the first such line and (in a file) the megabyte after it
    (one short line is too little to tell cp1252 from its cousins)."""
    notes: list[ReadItem] = []
    legacy: list[str] = []
    limit = _line_limit(max_chars)

    def decode(raw: bytes, lineno: int) -> str:
        if not legacy:
            kind = binary_kind(raw)
            if kind:
                raise InputError(f"{name}:{lineno}", f"binary data ({kind}), not text")
            sample = raw
            if f.seekable():
                here = f.tell()
                sample = raw + b"\n" + f.read(1 << 20)
                f.seek(here)
            found = legacy_encoding(sample)
            if found is None:
                raise InputError(f"{name}:{lineno}", "not valid UTF-8 and not text in any other encoding")
            legacy.append(found[0])
            notes.append(ReadNote(name, f"line {lineno} and other lines that are not valid UTF-8 decoded as "
                                        f"{found[0]}", f"{source}:{lineno}"))
        return raw.decode(legacy[0], errors="replace")

    def lines() -> Iterator[str]:
        lineno = 0
        while raw := f.readline(limit + 1):
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (more := f.readline(1 << 20)) and not more.endswith(b"\n"):
                    pass  # the rest of the line, read and dropped a megabyte at a time
                notes.append(ReadFailure(f"{name}:{lineno}", f"too large: a line of more than {limit:,} bytes, "
                                         f"more than the limit of {max_chars:,} characters; use --max-chars to "
                                         f"raise it", f"{source}:{lineno}"))
                yield ""
                continue
            raw = raw.rstrip(b"\n").rstrip(b"\r")
            if lineno == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield decode(raw, lineno)
                except InputError as e:
                    notes.append(ReadFailure(e.doc_id, e.reason, f"{source}:{lineno}"))
                    yield ""

    for item in _jsonl_documents(lines(), name, source=source, max_chars=max_chars):
        yield from notes
        notes.clear()
        yield item
    yield from notes


def _read_stdin(max_chars: int) -> Iterator[ReadItem]:
    """stdin: JSONL (its first character ``{``) is streamed line by line like a file; anything else is one
    document, read up to the size ``max_chars`` allows and refused beyond it."""
    stream = sys.stdin.buffer
    head = stream.peek(1 << 12)[: 1 << 12] if hasattr(stream, "peek") else b""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and not utf16:
        yield from _stream_jsonl(stream, "stdin", "stdin", max_chars)
        return
    limit = _line_limit(max_chars) if utf16 else max_chars * BYTES_PER_CHAR
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ReadFailure("stdin", f"too large: more than {limit:,} bytes, more than the limit of {max_chars:,} "
                                   f"characters; use --max-chars to raise it", "stdin")
        return
    try:
        text, note = decode_bytes(data, "stdin")
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason, "stdin")
        return
    if note:
        yield ReadNote("stdin", note, "stdin")
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        yield from _jsonl_documents(_jsonl_lines(text.lstrip("\ufeff")), "stdin", max_chars=max_chars)
        return
    try:
        doc, notes = _read_document(text, "stdin", source="stdin", html=None, max_chars=max_chars)
    except InputError as e:
        yield ReadFailure(e.doc_id, e.reason, "stdin")
        return
    for message in notes:
        yield ReadNote("stdin", message, "stdin")
    yield doc


def _directory_files(root: Path) -> Iterator[Path | ReadFailure]:
    """The files kg reads under ``root`` (recursively, in sorted order; symbolic links to directories are not
    followed), and a failure for each subdirectory that cannot be listed."""
    unreadable: list[OSError] = []
    files = []
    for dirpath, _dirs, names in os.walk(root, onerror=unreadable.append):
        files.extend(p for name in names if (p := Path(dirpath, name)).suffix.lower() in DIRECTORY_SUFFIXES)
    for e in unreadable:
        where = Path(e.filename) if e.filename else root
        yield ReadFailure(str(where), f"cannot read directory {where}: {e.strerror or e}", str(where))
    yield from sorted(files)


def _read_path(path: Path, max_chars: int, *, in_directory: bool = False) -> Iterator[ReadItem]:
    doc_id = path.stem if in_directory else str(path)
    try:
        is_dir, is_link, exists, is_file = path.is_dir(), path.is_symlink(), path.exists(), path.is_file()
        target = os.readlink(path) if is_link and not exists else None
    except OSError as e:  # e.g. a path inside a directory we may not search
        yield ReadFailure(doc_id, _oserror(path, e), str(path))
        return
    if is_dir:
        for f in _directory_files(path):
            if isinstance(f, ReadFailure):
                yield f
            else:
                yield from _read_path(f, max_chars, in_directory=True)
    elif target is not None:
        yield ReadFailure(doc_id, f"cannot read {path}: broken symbolic link (to {target})", str(path))
    elif not exists:
        yield ReadFailure(str(path), "no such file or directory", str(path))
    elif in_directory and not is_file:
        yield ReadFailure(doc_id, f"cannot read {path}: not a regular file", str(path))
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl_path(path, max_chars)
    else:
        yield from _read_text_path(path, max_chars)


def read_inputs(inputs: Iterable[str], *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[ReadItem]:
    """Documents from every input: a file, a directory (recursive), a JSONL file, or ``-`` for stdin.

    Yields a :class:`ReadFailure` for each document that cannot be read and a :class:`ReadNote` before a
    document that was read with something worth knowing (an encoding other than UTF-8, ...).
    Documents longer than ``max_chars`` characters are refused.
    """
    for item in inputs:
        if item == "-":
            yield from _read_stdin(max_chars)
        else:
            yield from _read_path(Path(item), max_chars)
