"""The readers on each kind of bad document, without the NLP model: what is refused, what is kept, and why."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import zipfile
from datetime import date, timedelta

import pytest

from kg.io import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, read_inputs
from kg.io.htmltext import html_to_text
from kg.io.readers import parse_text_file
from kg.model import Document

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def read(*paths, **kw):
    items = list(read_inputs([str(p) for p in paths], **kw))
    docs = [i for i in items if isinstance(i, Document)]
    failures = {i.doc_id: i.reason for i in items if isinstance(i, ReadFailure)}
    notes = {i.doc_id: i.message for i in items if isinstance(i, ReadNote)}
    return docs, failures, notes


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (gzip.compress(b"Missiles hit Kharkiv.", mtime=0), "gzip"),  # mtime=0: the same test id in every worker
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    (_zip_bytes(), "ZIP archive"),
    (b"\x7fELF\x02\x01\x01", "ELF executable"),
])
def test_binary_files_are_named_by_type(tmp_path, data, kind):
    (tmp_path / "doc.txt").write_bytes(data)
    docs, failures, _ = read(tmp_path / "doc.txt")
    assert docs == [] and failures["doc"].startswith(f"binary file ({kind}")
    assert failures["doc"].endswith("not text")


def test_unknown_binary_with_nul_bytes(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    _, failures, _ = read(tmp_path / "blob.txt")
    assert failures["blob"] == "binary file (contains NUL bytes), not text"


@pytest.mark.parametrize("text,encoding,named", [
    ("Kyiv \u2013 Russian missiles hit Dnipro, killing two people.", "cp1252", "cp1252"),
    ("The mayor of Kharkiv said the caf\u00e9 on the square was destroyed.", "latin-1", "cp1252"),
    ("\u201cWe will respond,\u201d said the mayor of Dnipro \u2014 twice.", "cp1252", "cp1252"),
    ("\u0420\u043e\u0441\u0441\u0438\u0439\u0441\u043a\u0438\u0435 \u0440\u0430\u043a\u0435\u0442\u044b "
     "\u043f\u043e\u0440\u0430\u0437\u0438\u043b\u0438 \u0414\u043d\u0435\u043f\u0440 \u0432 "
     "\u043f\u044f\u0442\u043d\u0438\u0446\u0443, \u043f\u043e\u0433\u0438\u0431\u043b\u0438 "
     "\u0434\u0432\u0430 \u0447\u0435\u043b\u043e\u0432\u0435\u043a\u0430, \u0437\u0430\u044f\u0432\u0438\u043b "
     "\u0433\u0443\u0431\u0435\u0440\u043d\u0430\u0442\u043e\u0440.", "cp1251", "cp1251"),
])
def test_legacy_encodings_are_decoded_and_noted(tmp_path, text, encoding, named):
    (tmp_path / "old.txt").write_bytes(("date 2023-05-27\n" + text).encode(encoding))
    docs, failures, notes = read(tmp_path / "old.txt")
    assert failures == {}
    (doc,) = docs
    assert doc.text == text and doc.published == date(2023, 5, 27)
    assert notes["old"].startswith(f"decoded as {named}")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_utf16_and_utf32_are_decoded(tmp_path, encoding):
    text = "Kyiv \u2013 Russian missiles hit Dnipro."
    (tmp_path / "wide.txt").write_bytes(text.encode(encoding))
    (doc,), _, notes = read(tmp_path / "wide.txt")
    assert doc.text == text and "decoded as utf-" in notes["wide"]


def test_utf8_with_one_broken_byte_keeps_its_text(tmp_path):
    data = "Kyiv \u2013 missiles hit Dnipro; caf\u00e9 destroyed. ".encode() + b"\xff" + b" More text."
    (tmp_path / "damaged.txt").write_bytes(data)
    (doc,), _, notes = read(tmp_path / "damaged.txt")
    assert "Kyiv \u2013 missiles hit Dnipro; caf\u00e9 destroyed. \ufffd More text." == doc.text
    assert "1 invalid byte sequence(s) replaced" in notes["damaged"]


def test_utf8_and_bom_need_no_note(tmp_path):
    (tmp_path / "a.txt").write_text("Kyiv \u2013 text.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(codecs.BOM_UTF8 + b"date 2024-01-01\nText.")
    docs, failures, notes = read(tmp_path)
    assert [d.id for d in docs] == ["a", "b"] and failures == {} and notes == {}
    assert docs[1].text == "Text." and docs[1].published == date(2024, 1, 1)


HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta property="article:published_time" content="2023-05-27T09:00:00+03:00">
<title> Missiles hit
 Dnipro </title><script>alert("SCRIPT")</script><style>.a{}</style></head>
<body><nav><ul><li>NAV</li></ul></nav><header><h1>HEADER</h1></header>
<main><h1>Missiles hit Dnipro</h1>
<p>Russian missiles hit <b>Dnipro</b> on Friday,&nbsp;killing two &amp; injuring 30.</p>
<div class="ad"><p>Second   paragraph
 here.<br>After a break.</p></div><aside>ASIDE</aside><noscript>NOSCRIPT</noscript></main>
<footer>FOOTER</footer></body></html>"""


def test_html_article_text():
    title, text, published = html_to_text(HTML)
    assert title == "Missiles hit Dnipro"
    assert text == ("Missiles hit Dnipro\n\nRussian missiles hit Dnipro on Friday, killing two & injuring 30."
                    "\n\nSecond paragraph here.\n\nAfter a break.")
    assert published == "2023-05-27T09:00:00+03:00"


def test_html_files_and_html_text_become_documents(tmp_path):
    (tmp_path / "page.htm").write_text(HTML, encoding="utf-8")
    (tmp_path / "saved.txt").write_text("\n  " + HTML, encoding="utf-8")  # an HTML page under a .txt name
    (tmp_path / "fragment.html").write_text("<p>Shelling hit <i>Kherson</i>.</p>", encoding="utf-8")
    docs, failures, _ = read(tmp_path)
    assert failures == {}
    by_id = {d.id: d for d in docs}
    for name in ("page", "saved"):
        d = by_id[name]
        assert d.title == "Missiles hit Dnipro" and d.published == date(2023, 5, 27)
        assert "SCRIPT" not in d.text and "NAV" not in d.text and "FOOTER" not in d.text and "<" not in d.text
    assert by_id["fragment"].text == "Shelling hit Kherson."


def test_html_without_text_is_refused(tmp_path):
    (tmp_path / "shell.html").write_text("<html><head><script>app()</script></head><body><nav>Menu</nav></body>"
                                         "</html>")
    _, failures, _ = read(tmp_path)
    assert failures["shell"].startswith("HTML page with no article text")


def test_plain_text_mentioning_html_is_not_parsed_as_html():
    d = parse_text_file("The <html> tag starts a page; Russia hit Kyiv.", "x")
    assert d.text == "The <html> tag starts a page; Russia hit Kyiv."


def test_future_dates_are_refused_with_a_days_grace(tmp_path):
    today = date.today()
    (tmp_path / "tomorrow.txt").write_text(f"date {today + timedelta(days=1)}\nText.")
    (tmp_path / "later.txt").write_text(f"date {today + timedelta(days=2)}\nText.")
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "j", "text": "T.", "published": (today + timedelta(days=400)).isoformat()}) + "\n")
    docs, failures, _ = read(tmp_path)
    assert [d.id for d in docs] == ["tomorrow"]
    assert failures["later"] == (f"publication date {today + timedelta(days=2)} is in the future "
                                 f"(today is {today})")
    assert "in the future" in failures["j"]


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("a" * 100_001)
    docs, _, _ = read(tmp_path)  # the default limit is far above
    assert len(docs[0].text) == 100_001 and DEFAULT_MAX_CHARS == 200_000
    _, failures, _ = read(tmp_path, max_chars=100_000)
    assert failures["big"] == "too large: 100,001 characters > limit of 100,000; use --max-chars to raise it"
    (tmp_path / "big.txt").write_bytes(b"a" * 400_001)  # more bytes than any 100,000 characters take: not read
    _, failures, _ = read(tmp_path, max_chars=100_000)
    assert failures["big"].startswith("too large: 400,001 bytes") and "--max-chars" in failures["big"]
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "long", "text": "b" * 200}) + "\n")
    _, failures, _ = read(f, max_chars=100)
    assert failures["long"].startswith("too large: 200 characters")


def test_jsonl_keeps_line_separators_inside_strings(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "One\u2028two\x85three."}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "b", "text": "Four."}) + "\r\n", encoding="utf-8")
    docs, failures, _ = read(f)
    assert failures == {} and [d.text for d in docs] == ["One\u2028two\x85three.", "Four."]


def test_jsonl_odd_values_are_failures_not_crashes(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join([
        "[" * 100_000,
        json.dumps({"id": "n", "text": "T.", "published": 20240101}),
        json.dumps([1, 2]),
        json.dumps({"id": "t", "text": 42}),
    ]))
    _, failures, _ = read(f)
    assert failures["c.jsonl:1"].startswith("malformed JSON")
    assert failures["n"].startswith("invalid publication date 20240101")
    assert failures["c.jsonl:3"] == "a JSONL line must be an object"
    assert failures["t"] == "missing or empty 'text'"


def test_directory_reports_broken_links_fifos_and_unsupported_files(tmp_path):
    (tmp_path / "good.txt").write_text("Missiles hit Kharkiv.")
    (tmp_path / "notes.md").write_text("not an article: ignored")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.5\n")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "good.txt", tmp_path / "alias.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")  # reading it would block for ever
    docs, failures, _ = read(tmp_path)
    assert sorted(d.id for d in docs) == ["alias", "good"]
    assert failures["paper"] == "binary file (PDF), not text"
    link, target = tmp_path / "link.txt", tmp_path / "nowhere.txt"
    assert failures["link"] == f"cannot read {link}: broken symbolic link (to {target})"
    if hasattr(os, "mkfifo"):
        assert failures["pipe"] == f"cannot read {tmp_path / 'pipe.txt'}: not a regular file"


def test_broken_link_given_by_name(tmp_path):
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "link.txt")
    _, failures, _ = read(tmp_path / "link.txt")
    assert "broken symbolic link" in failures[str(tmp_path / "link.txt")]


@pytest.mark.skipif(IS_ROOT, reason="root reads files and directories whatever their mode")
def test_unreadable_file_and_directory(tmp_path):
    (tmp_path / "ok.txt").write_text("Missiles hit Kharkiv.")
    (tmp_path / "locked.txt").write_text("Secret.")
    (tmp_path / "locked.txt").chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text("Hidden.")
    closed.chmod(0)
    try:
        docs, failures, _ = read(tmp_path, closed / "inside.txt")
    finally:
        closed.chmod(0o755)
        (tmp_path / "locked.txt").chmod(0o644)
    assert [d.id for d in docs] == ["ok"]
    assert failures["locked"] == f"cannot read {tmp_path / 'locked.txt'}: Permission denied"
    assert failures[str(closed)] == f"cannot read directory {closed}: Permission denied"
    inside = closed / "inside.txt"  # given by name, inside a directory we may not search
    assert failures[str(inside)] == f"cannot read {inside}: Permission denied"


def test_failures_say_where_they_come_from(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    f = tmp_path / "c.jsonl"
    f.write_text('{"id": "x"}\n')
    items = [i for i in read_inputs([str(tmp_path)]) if isinstance(i, ReadFailure)]
    assert {(i.doc_id, i.source) for i in items} == {("x", f"{f}:1"), ("empty", str(tmp_path / "empty.txt"))}
    assert all("\n" not in i.reason for i in items)


def test_nul_characters_become_replacement_characters(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Missiles hit Kharkiv. " * 300 + b"\x00 Text.")  # NUL after the sniffed head
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "j", "text": "A\u0000B \ud800 C"}) + "\n")
    docs, failures, _ = read(tmp_path)
    assert failures == {}
    assert docs[0].text.endswith("\ufffd Text.") and docs[1].text == "A\ufffdB \ufffd C"
