"""Issue 8, bad documents: every kind of bad input in one directory next to a good article.

Each bad document is named on stderr with a clear reason and listed once in --errors; the good ones
(including a cp1252 file, an HTML page and a 50,000-character sentence) are extracted; the exit code is 1.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

GOOD = ("date 2023-05-27\nKYIV, Ukraine: A Russian missile strike hit a medical clinic in Dnipro on Friday, "
        "killing two people and injuring 30, regional governor Serhiy Lysak said.\n")
CP1252 = "date 2023-05-27\nKyiv \u2013 Russian missiles hit Dnipro, killing two people.\n"
HTML = """<!DOCTYPE html>
<html><head><title>Drones hit Odesa | Example News</title>
<script>var tracker = "SCRIPT-TEXT"; document.write("SCRIPT-TEXT");</script>
<style>p { color: red } /* STYLE-TEXT */</style></head>
<body>
<nav><a href="/">NAV-TEXT Home</a> | <a href="/world">World</a></nav>
<header>HEADER-TEXT Breaking news</header>
<article>
<p>Russian drones hit the port of Odesa on Thursday,
   killing three people, the regional governor said.</p>
<p>Ukraine's air force said it shot down 20 of the 25 drones launched overnight.</p>
</article>
<footer>FOOTER-TEXT &copy; Example News</footer>
</body></html>
"""
# A real (tiny) PDF, the first bytes of a PNG, and gzip-compressed text.
PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82")
MAX_CHARS = 60_000


def long_sentence(n: int = 50_000) -> str:
    """One 'sentence' of about ``n`` characters: an attack, then a run-on list of clauses and no full stop."""
    unit = "officials in Kyiv and Lviv met delegates from Poland and Germany to discuss grain exports and rail links, "
    body = ("Russian missiles hit Dnipro and " + unit * (n // len(unit) + 1))[: n - 1].rstrip(" ,")
    return body + "."


def build_corpus(d: Path) -> dict[str, str]:
    """Write every kind of bad input (and some good ones) into ``d``; return {failed doc id: expected reason}."""
    future = date.today() + timedelta(days=30)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "legacy.txt").write_bytes(CP1252.encode("cp1252"))
    (d / "page.html").write_text(HTML, encoding="utf-8")
    (d / "bom.txt").write_bytes("\ufeffdate 2024-03-01\nRussian drones hit Odesa on Thursday.".encode("utf-8"))
    (d / "long.txt").write_text(long_sentence(), encoding="utf-8")
    (d / "report.pdf").write_bytes(PDF)
    (d / "scan.txt").write_bytes(PNG)  # an image saved under a text name
    (d / "feed.gz").write_bytes(gzip.compress(b"Shelling killed two people in Kherson."))
    (d / "blank.txt").write_text("date 2024-01-01\n  \n\t\n", encoding="utf-8")
    (d / "impossible.txt").write_text("date 2023-02-30\nShelling killed two people in Kherson.", encoding="utf-8")
    (d / "tomorrow.txt").write_text(f"date {future.isoformat()}\nShelling killed two people in Kherson.")
    (d / "huge.txt").write_text("Shelling continued in Kherson. " * (80_000 // 31 + 1), encoding="utf-8")
    (d / "menu.html").write_text("<html><body><nav>Home | World</nav><script>x()</script></body></html>")
    (d / "feed.jsonl").write_text(
        json.dumps({"id": "wire-1", "text": "Shelling killed three people in Kherson on Monday.",
                    "published": "2024-11-19"}) + "\n"
        + "{broken json\n"
        + json.dumps({"id": "wire-3", "title": "no text"}) + "\n",
        encoding="utf-8")
    sub = d / "nested"
    sub.mkdir()
    os.symlink(sub / "deleted.txt", sub / "dangling.txt")
    locked = sub / "locked.txt"
    locked.write_text("date 2024-02-01\nA drone strike hit Kharkiv on Thursday.", encoding="utf-8")
    locked.chmod(0)
    expected = {
        "report": "binary file (PDF), not text",
        "scan": "binary file (PNG image), not text",
        "feed": "binary file (gzip), not text",
        "blank": "empty document",
        "impossible": "invalid publication date '2023-02-30'",
        "tomorrow": f"publication date {future.isoformat()} is in the future",
        "huge": "too large: 80,",
        "menu": "HTML page with no article text",
        "feed.jsonl:2": "malformed JSON",
        "wire-3": "missing or empty 'text'",
        "dangling": "broken symbolic link",
    }
    if not IS_ROOT:  # root reads a file whatever its mode
        expected["locked"] = "Permission denied"
    return expected


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, nlp):
    d = tmp_path_factory.mktemp("bad-input")
    corpus = d / "corpus"
    corpus.mkdir()
    expected = build_corpus(corpus)
    out, errors = d / "out.ttl", d / "errors.jsonl"
    res = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out), "--errors", str(errors),
                                    "--max-chars", str(MAX_CHARS)])
    (corpus / "nested" / "locked.txt").chmod(0o644)  # let pytest clean up
    return res, expected, out, errors, corpus


def test_exit_code_1_and_no_traceback(bad_run):
    res, *_ = bad_run
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output


def test_good_article_is_written(bad_run):
    _, _, out, _, _ = bad_run
    ttl = out.read_text(encoding="utf-8")
    assert "medical clinic in Dnipro" in ttl
    assert "Shelling killed three people in Kherson on Monday." in ttl  # the good JSONL line
    Graph().parse(data=ttl, format="turtle")


def test_each_bad_document_is_named_on_stderr_with_its_reason(bad_run):
    res, expected, *_ = bad_run
    lines = res.stderr.splitlines()
    for doc_id, reason in expected.items():
        hits = [line for line in lines if line.startswith(f"kg: skipped {doc_id}: ")]
        assert len(hits) == 1, (doc_id, res.stderr)
        assert reason in hits[0], (doc_id, hits[0])
    skipped = [line for line in lines if line.startswith("kg: skipped ")]
    assert len(skipped) == len(expected), res.stderr
    assert f"{len(expected)} failed" in res.stderr


def test_errors_file_lists_each_failure_once(bad_run):
    _, expected, _, errors, corpus = bad_run
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(expected)
    for r in records:
        assert set(r) == {"id", "reason", "source"}
        assert expected[r["id"]] in r["reason"]
        assert r["source"].startswith(str(corpus))
    by_id = {r["id"]: r for r in records}
    assert by_id["feed.jsonl:2"]["source"] == f"{corpus / 'feed.jsonl'}:2"
    assert by_id["dangling"]["source"] == str(corpus / "nested" / "dangling.txt")
    assert str(corpus / "nested" / "dangling.txt") in by_id["dangling"]["reason"]  # the reason names the path


def test_cp1252_is_decoded_extracted_and_noted(bad_run):
    res, _, out, _, _ = bad_run
    assert "kg: note: legacy: decoded as cp1252" in res.stderr
    ttl = out.read_text(encoding="utf-8")
    assert "Kyiv \u2013 Russian missiles hit Dnipro, killing two people." in ttl
    assert "\u0096" not in ttl and "\ufffd" not in ttl


def test_html_page_is_extracted_without_scripts_or_navigation(bad_run):
    _, _, out, _, _ = bad_run
    ttl = out.read_text(encoding="utf-8")
    assert "Russian drones hit the port of Odesa on Thursday, killing three people" in ttl
    assert "shot down 20 of the 25 drones" in ttl
    assert '"Drones hit Odesa | Example News"' in ttl  # <title> is the document's title
    for junk in ("SCRIPT-TEXT", "STYLE-TEXT", "NAV-TEXT", "HEADER-TEXT", "FOOTER-TEXT", "<p>"):
        assert junk not in ttl


def test_long_sentence_and_bom_file_are_extracted(bad_run):
    res, _, out, _, _ = bad_run
    ttl = out.read_text(encoding="utf-8")
    assert "discuss grain exports and rail links, officials in Kyiv" in ttl  # the 50,000-character sentence
    assert "skipped long" not in res.stderr and "skipped bom" not in res.stderr
    assert "Russian drones hit Odesa on Thursday." in ttl


def test_unreadable_file(bad_run):
    res, _, _, _, corpus = bad_run
    if IS_ROOT:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    assert f"cannot read {corpus / 'nested' / 'locked.txt'}: Permission denied" in res.stderr


def test_stdin_in_cp1252_and_an_empty_errors_file(tmp_path, nlp):
    errors = tmp_path / "errors.jsonl"
    errors.write_text("stale\n")
    res = CliRunner().invoke(main, ["extract", "-", "--errors", str(errors)], input=CP1252.encode("cp1252"))
    assert res.exit_code == 0, res.output
    assert "kg: note: stdin: decoded as cp1252" in res.stderr
    assert "Kyiv \u2013 Russian missiles hit Dnipro" in res.stdout
    assert errors.read_text() == ""  # no failures: the file is rewritten empty


def test_hostile_ids_and_reasons_stay_on_one_line(tmp_path, nlp):
    f = tmp_path / "c.jsonl"
    evil = "evil\nkg: skipped nothing\x1b[2J"
    f.write_text(json.dumps({"id": evil}) + "\n" + json.dumps({"id": "ok", "text": "Shelling hit Kherson."}) + "\n")
    errors = tmp_path / "errors.jsonl"
    res = CliRunner().invoke(main, ["extract", str(f), "--errors", str(errors)])
    assert res.exit_code == 1
    assert "kg: skipped evil\\nkg: skipped nothing\\x1b[2J: missing or empty 'text'" in res.stderr.splitlines()
    assert "\x1b" not in res.stderr
    (rec,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert rec["id"] == evil  # the JSON keeps it exactly


@pytest.mark.parametrize("stage,target", [("extraction", "kg.corpus.extract"),
                                          ("RDF mapping", "kg.corpus.to_quads")])
def test_a_document_that_crashes_a_stage_is_a_failure(tmp_path, nlp, monkeypatch, stage, target):
    import kg.corpus

    real = getattr(kg.corpus, target.rsplit(".", 1)[1])

    def boom(x, *args):
        text = (x.document if hasattr(x, "document") else x).text
        if "BOOM" in text:
            raise RuntimeError("BOOM\nsecond line")
        return real(x, *args)

    monkeypatch.setattr(target, boom)
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("Shelling hit Kherson. BOOM")
    out, errors = tmp_path / "out.ttl", tmp_path / "errors.jsonl"
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out), "--errors", str(errors)])
    assert res.exit_code == 1, res.output
    assert f"kg: skipped b: {stage} failed: RuntimeError: BOOM\\nsecond line" in res.stderr.splitlines()
    assert "medical clinic in Dnipro" in out.read_text() and "Kherson" not in out.read_text()
    (rec,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert rec == {"id": "b", "reason": f"{stage} failed: RuntimeError: BOOM\nsecond line",
                   "source": str(tmp_path / "b.txt")}


def test_documents_longer_than_spacys_max_length_are_parsed(tmp_path, nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 1_000)  # spaCy's own default is 1,000,000, below --max-chars' default
    (tmp_path / "a.txt").write_text(GOOD + " The governor said the clinic was hit again." * 40)
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt")])
    assert res.exit_code == 0, res.output
    assert "medical clinic in Dnipro" in res.stdout


# --- usage errors and --debug -------------------------------------------------------------------------------


def test_missing_input_is_a_usage_error_without_traceback(tmp_path, nlp):
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt"), "--errors", str(tmp_path / "e.jsonl")])
    assert res.exit_code == 2
    assert "Error: no readable input documents" in res.stderr and "Traceback" not in res.output
    (rec,) = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert rec["id"] == str(tmp_path / "missing.txt") and "no such file" in rec["reason"]


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "x.txt", "--max-chars", "0"],
    ["extract", "x.txt", "--no-such-option"],
])
def test_bad_options_exit_2(args):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert "Error:" in res.stderr and "Traceback" not in res.output


def test_unwritable_errors_file_is_an_error_not_a_traceback(tmp_path, nlp):
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "a-file").write_text("")
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "good.txt"), "-o", str(tmp_path / "out.ttl"),
                                    "--errors", str(tmp_path / "a-file" / "errors.jsonl")])
    assert res.exit_code == 2
    assert "Error: cannot write" in res.stderr and "Traceback" not in res.output
    assert not isinstance(res.exception, OSError)


def _kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_debug_shows_a_traceback_and_plain_run_does_not(tmp_path):
    missing = str(tmp_path / "missing.txt")
    plain = _kg("extract", missing, cwd=tmp_path)
    assert plain.returncode == 2
    assert "Error: no readable input documents" in plain.stderr and "Traceback" not in plain.stderr
    debug = _kg("--debug", "extract", missing, cwd=tmp_path)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr and "no readable input documents" in debug.stderr


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_a_run_never_writes_through_a_symbolic_link(tmp_path, fmt):
    """A neighbour's links where the run keeps its partial output and state must not make it overwrite what they
    point to: without --resume they are replaced by new files, with --resume the run refuses."""
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    victims = [tmp_path / "victim", tmp_path / "victim2"]
    for v in victims:
        v.write_text("precious\n", encoding="utf-8")
    out = tmp_path / f"s.{fmt}"
    (tmp_path / f"s.{fmt}.partial").symlink_to(victims[0])
    (tmp_path / f"s.{fmt}.kg-state").symlink_to(victims[1])
    p = _kg("extract", "one.txt", "-o", out.name, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [v.read_text(encoding="utf-8") for v in victims] == ["precious\n"] * 2
    assert not out.is_symlink() and out.stat().st_size > 1000
    assert not (tmp_path / f"s.{fmt}.kg-state").is_symlink()
    # --resume with a link where the partial output would be: refused, nothing written
    (tmp_path / f"s.{fmt}.kg-state").unlink()
    (tmp_path / f"s.{fmt}.kg-state").symlink_to(victims[1])
    p = _kg("extract", "one.txt", "-o", out.name, "--resume", cwd=tmp_path)
    assert p.returncode == 2 and "symbolic link" in p.stderr, p.stderr
    assert [v.read_text(encoding="utf-8") for v in victims] == ["precious\n"] * 2


# Runs a command and prints its peak RSS in KiB. Started from this small launcher, not from pytest: a child's
# ru_maxrss starts from the high-water mark of the process it was forked from (Linux keeps it across exec).
_PEAK = """
import os, subprocess, sys
stdin = open(sys.argv[1], "rb") if sys.argv[1] != "-" else subprocess.DEVNULL
proc = subprocess.Popen(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
_, status, usage = os.wait4(proc.pid, 0)
sys.stdout.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}\\n" + err.decode())
"""


def _peak(args: list[str], cwd: Path, stdin: str = "-") -> tuple[int, float, str]:
    """Exit code, peak RSS (MB) and stderr of ``kg ARGS`` run as its own process."""
    out = subprocess.run([sys.executable, "-c", _PEAK, stdin, sys.executable, "-m", "kg", *args],
                         capture_output=True, text=True, cwd=cwd, timeout=300).stdout
    head, _, err = out.partition("\n")
    code, kib = head.split()
    return int(code), int(kib) / 1024, err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS from wait4 as Linux reports it")
def test_a_huge_jsonl_line_or_stdin_is_refused_in_bounded_memory(tmp_path):
    """A JSONL line (or a document on stdin) far over --max-chars is skipped without being held in memory."""
    good = json.dumps({"id": "good", "text": GOOD.split("\n", 1)[1], "published": "2023-05-27"})
    huge = tmp_path / "huge.jsonl"
    with open(huge, "w", encoding="utf-8") as f:
        f.write('{"id": "huge", "text": "' + "x" * (300 << 20) + '"}\n' + good + "\n")
    code, mb, err = _peak(["extract", str(huge), "-o", "out.nq", "--max-chars", "20000"], tmp_path)
    assert code == 1 and "huge.jsonl:1: too large" in err and "1 document(s) ok" in err, err
    # the model and the pipeline take ~400 MB; holding the 300 MB line once (and its decoded copy) would add more
    assert mb < 600, mb
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"Shelling hit Kherson. " * (300 << 20 >> 5))
    code, mb, err = _peak(["extract", "-", "--max-chars", "20000"], tmp_path, stdin=str(blob))
    assert code == 2 and "stdin: too large" in err, err
    assert mb < 600, mb


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS from wait4 as Linux reports it")
def test_a_long_document_is_parsed_in_bounded_memory(tmp_path):
    """A 400,000-character article (the invented development stories, again and again) raised to --max-chars:
    parsed a segment at a time, it costs about what the model does, not gigabytes (1.5 GB parsed whole)."""
    dev = Path(__file__).resolve().parents[1] / "data" / "dev"
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted(dev.glob("*.txt"))]
    text = ("\n\n".join(texts) * 40)[:400_000]
    (tmp_path / "long.jsonl").write_text(json.dumps({"id": "long", "text": text, "published": "2024-01-01"}) + "\n",
                                         encoding="utf-8")
    code, mb, err = _peak(["extract", "long.jsonl", "-o", "out.nq", "--max-chars", "500000"], tmp_path)
    assert code == 0 and "1 document(s) ok" in err, err
    assert mb < 650, mb


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS from wait4 as Linux reports it")
def test_validate_reads_pathological_turtle_in_linear_memory(tmp_path):
    """20,000 @prefix lines, and a 200,000-item RDF collection (400,000 triples, all blank nodes): kg validate
    reads them with pyoxigraph, linear in their size (the rdflib path took 54 s on the prefixes and 5.6 GB on
    a million items)."""
    (tmp_path / "prefixes.ttl").write_text("".join(f"@prefix p{i}: <http://e.org/{i}/> .\n" for i in range(20_000))
                                           + '<http://e.org/a> <http://e.org/b> "x" .\n', encoding="utf-8")
    code, _, err = _peak(["validate", "prefixes.ttl"], tmp_path)
    assert code == 0, err
    items = " ".join(f'"{i}"' for i in range(200_000))
    (tmp_path / "list.ttl").write_text(f"<http://e.org/a> <http://e.org/b> ({items}) .\n", encoding="utf-8")
    code, mb, err = _peak(["validate", "list.ttl"], tmp_path)
    assert code == 0, err
    assert mb < 450, mb
