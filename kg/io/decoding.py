"""A file's bytes as text: what is no text at all (binary files, named by their magic bytes), and which
encoding the text is in (UTF-8, UTF-16/32, or a legacy encoding such as cp1252, detected with
charset-normalizer), with a note when it was not plain UTF-8."""

from __future__ import annotations

import codecs
import re

from kg.errors import InputError

# Magic bytes of files that are not text, with the name used in the failure reason.
MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\x1f\x8b", "gzip"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx, .odt or .epub"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"7z\xbc\xaf'\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office .doc/.xls"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
]
BZIP2 = re.compile(rb"\ABZh[1-9]1AY&SY")
# Legacy encodings that decode the same bytes to the same text: name the one English news most likely used.
PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
WINDOWS_PUNCTUATION = {0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0}


def binary_kind(data: bytes) -> str | None:
    """The kind of a non-text file from its first bytes ("PDF", "PNG image", "gzip", ...), or None."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if BZIP2.match(data):
        return "bzip2"
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime video"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``head`` looks like ASCII-range text in UTF-16 without a byte-order mark."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul >= 0.7 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.7 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def legacy_encoding(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) for bytes in a legacy single- or multi-byte encoding, detected by charset-normalizer."""
    from charset_normalizer import from_bytes

    high = {b for b in data if b >= 0x80}
    if high and high <= WINDOWS_PUNCTUATION:
        # only Windows "smart" punctuation (’ “ ” – — … € nbsp): cp1252, however little text there is to go on
        return "cp1252", data.decode("cp1252")
    best = from_bytes(data).best()
    if best is None:
        return None
    same = set(best.could_be_from_charset)
    encoding = next((e for e in PREFERRED_ENCODINGS if e in same), best.encoding)
    try:
        return codecs.lookup(encoding).name, data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return best.encoding, str(best)


def decode_bytes(data: bytes, doc_id: str) -> tuple[str, str | None]:
    """The text in ``data`` and a note when it was not plain UTF-8; raises InputError for binary data.

    UTF-8 (with or without a byte-order mark) is read as is; UTF-16/32 with a byte-order mark, UTF-16
    without one, and legacy encodings (cp1252, latin-1, ...; detected with charset-normalizer) are decoded
    with a note naming the encoding; UTF-8 with a few broken bytes keeps its text, the broken bytes becoming
    U+FFFD.
    """
    kind = binary_kind(data)
    if kind:
        raise InputError(doc_id, f"binary file ({kind}), not text")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), f"decoded as {encoding}"
            except UnicodeDecodeError as e:
                raise InputError(doc_id, f"not valid {encoding.upper()} (byte {e.start})") from None
    head = data[:4096]
    if b"\x00" in head:
        encoding = _utf16_without_bom(head)
        if encoding:
            try:
                return data.decode(encoding), f"decoded as {encoding}"
            except UnicodeDecodeError:
                pass
        raise InputError(doc_id, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        first_bad = e.start
    text = data.decode("utf-8-sig", errors="replace")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in text):
        # Real UTF-8 with some damage: reading it as cp1252 would garble every other non-ASCII character.
        bad = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
        return text, f"not valid UTF-8 at byte {first_bad}: {bad} invalid byte sequence(s) replaced with U+FFFD"
    found = legacy_encoding(data)
    if found is None:
        raise InputError(doc_id, f"not valid UTF-8 (byte {first_bad}) and not text in any other encoding")
    encoding, text = found
    return text, f"decoded as {encoding} (not valid UTF-8)"

