"""Corpus runs: streamed N-Quads / N-Triples, one file per document, worker processes, and --resume after a
real process is killed mid-run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.model


def _kg(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert p.returncode == 0, p.stderr
    return p


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Eight development articles plus one bad file, in a directory."""
    root = tmp_path_factory.mktemp("corpus")
    for p in sorted((DATA / "dev").glob("*.txt"))[:8]:
        shutil.copy(p, root / p.name)
    (root / "broken.txt").write_bytes(b"%PDF-1.7 not an article")
    return root


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The corpus as one N-Quads file, written by one process."""
    out = tmp_path_factory.mktemp("ref") / "corpus.nq"
    p = _kg("extract", str(corpus), "-o", str(out), cwd=out.parent, check=False)
    assert p.returncode == 1, p.stderr  # the PDF failed, the rest was written
    assert "skipped broken: binary file (PDF)" in p.stderr and "8 document(s) ok, 1 failed" in p.stderr
    return out


def _quads(path: Path) -> set:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_nquads_put_each_article_in_its_own_named_graph(reference):
    quads = _quads(reference)
    graphs = {q.graph_name.value for q in quads}
    docs = {q.subject.value for q in quads if q.predicate.value.endswith("#type")
            and q.object.value == "https://schema.org/NewsArticle"}
    assert len(docs) == 8
    assert graphs == docs | {"https://w3id.org/kg-conflict/id/graph/shared"}
    for q in quads:  # a document's statements are in its own graph
        if q.subject.value in docs:
            assert q.graph_name.value == q.subject.value


def test_streamed_output_holds_the_same_triples_as_one_turtle_graph(corpus, reference, tmp_path):
    _kg("extract", str(corpus), "-o", str(tmp_path / "all.ttl"), cwd=tmp_path, check=False)
    turtle = Graph().parse(tmp_path / "all.ttl")
    triples = {(q.subject, q.predicate, q.object) for q in _quads(reference)}
    assert len(triples) == len(turtle)
    ds = Dataset()
    ds.parse(reference, format="nquads")
    union = Graph()
    for s, p, o, _ in ds.quads():
        union.add((s, p, o))
    assert isomorphic(union, turtle)


def test_two_worker_processes_write_the_same_bytes_as_one(corpus, reference, tmp_path):
    out = tmp_path / "two.nq"
    p = _kg("extract", str(corpus), "-o", str(out), "--processes", "2", "--batch-size", "3", cwd=tmp_path,
            check=False)
    assert p.returncode == 1 and "skipped broken" in p.stderr
    assert out.read_bytes() == reference.read_bytes()


def test_one_file_per_document(corpus, reference, tmp_path):
    out = tmp_path / "docs"
    _kg("extract", str(corpus), "--out-dir", str(out), cwd=tmp_path, check=False)
    files = sorted(out.glob("*.ttl"))
    assert len(files) == 8
    union = Graph()
    for f in files:
        g = Graph().parse(f)
        docs = set(g.subjects(predicate=None, object=None))
        assert docs
        union += g
    triples = {(q.subject, q.predicate, q.object) for q in _quads(reference)}
    assert len(union) == len(triples)
    # a second run with --resume writes nothing new
    p = _kg("extract", str(corpus), "--out-dir", str(out), "--resume", cwd=tmp_path, check=False)
    assert "0 document(s) ok" in p.stderr and "8 already written" in p.stderr


def test_the_bundled_queries_read_streamed_output(reference, tmp_path):
    p = _kg("query", "events", str(reference), "--format", "csv", cwd=tmp_path)
    rows = p.stdout.strip().splitlines()
    assert rows[0].startswith("event,type,place")
    assert len(rows) - 1 >= 8


def _wait_for_documents(state: Path, n: int, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state.exists() and state.read_text(encoding="utf-8").count("\n") >= n:
            return
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be interrupted: {proc.stderr.read()}")
        time.sleep(0.02)
    pytest.fail("the run wrote nothing")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killed_run_leaves_previous_output_and_resumes_to_the_same_bytes(corpus, reference, tmp_path, sig):
    out = tmp_path / "corpus.nq"
    out.write_text("# the previous run's output\n", encoding="utf-8")
    # a larger corpus so that the run is still going when it is killed
    big = tmp_path / "big"
    big.mkdir()
    for p in sorted(corpus.iterdir()):
        shutil.copy(p, big / p.name)
    for p in sorted((DATA / "dev2").glob("*.txt")):
        shutil.copy(p, big / p.name)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "extract", str(big), "-o", str(out), "--batch-size", "1"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    state = tmp_path / "corpus.nq.kg-state"
    _wait_for_documents(state, 2, proc)
    proc.send_signal(sig)
    proc.wait(timeout=120)
    stderr = proc.stderr.read()
    assert proc.returncode in (128 + sig, -sig), stderr
    if sig == signal.SIGTERM:
        assert "--resume" in stderr
    # the previous output is untouched; what was done is in the partial file and the state
    assert out.read_text(encoding="utf-8") == "# the previous run's output\n"
    partial = tmp_path / "corpus.nq.partial"
    records = [json.loads(line) for line in state.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert records and len(records) < 23
    assert partial.stat().st_size >= records[-1]["end"]
    # what the state vouches for is complete N-Quads, one named graph per recorded document
    head = partial.read_bytes()[:records[-1]["end"]]
    quads = list(ox.parse(head, format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads} - {"https://w3id.org/kg-conflict/id/graph/shared"}
    assert {g.rsplit("/", 1)[-1] for g in graphs} == {r["key"] for r in records}
    # resuming finishes the run; the result is exactly an uninterrupted run's
    p = _kg("extract", str(big), "-o", str(out), "--batch-size", "1", "--resume", cwd=tmp_path, check=False)
    assert p.returncode == 1, p.stderr  # the PDF, again
    assert f"{len(records)} already written" in p.stderr
    fresh = tmp_path / "fresh.nq"
    _kg("extract", str(big), "-o", str(fresh), "--batch-size", "1", cwd=tmp_path, check=False)
    assert out.read_bytes() == fresh.read_bytes()
    assert not partial.exists()


def _children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_run_is_killed(corpus, tmp_path):
    """kill -9 of a run with worker processes leaves no worker behind (a forked worker holds its own task queue
    open, so without a watch on its parent it would wait forever)."""
    big = tmp_path / "big"
    big.mkdir()
    for p in sorted((DATA / "dev").glob("*.txt")) + sorted((DATA / "dev2").glob("*.txt")):
        shutil.copy(p, big / p.name)
    out = tmp_path / "corpus.nq"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "extract", str(big), "-o", str(out), "--processes", "2",
                             "--batch-size", "1"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_documents(tmp_path / "corpus.nq.kg-state", 2, proc)
    workers = _children(proc.pid)
    assert workers, "the run started no worker process"
    proc.kill()
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, f"worker processes outlived the killed run: {left}"


def test_resume_needs_an_output_file(corpus, tmp_path):
    p = _kg("extract", str(corpus), "--resume", cwd=tmp_path, check=False)
    assert p.returncode == 2 and "--resume needs an output file" in p.stderr and "Traceback" not in p.stderr


def _turtle_counts(path: Path) -> tuple[int, int, int]:
    """Triples as rdflib, pyoxigraph's parser (every statement, repeats included) and its store count them."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return len(Graph().parse(path)), len(list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))), len(store)


def test_streamed_turtle_is_the_same_bytes_on_two_processes_and_after_resume(corpus, reference, tmp_path):
    """-o X.ttl streams: the same bytes with 1 or 2 processes and after --resume of a run stopped half-way; each
    statement once (shared nodes are written by the first document that states them), as many triples as the
    N-Quads hold."""
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    _kg("extract", str(corpus), "-o", str(one), "--batch-size", "3", cwd=tmp_path, check=False)
    _kg("extract", str(corpus), "-o", str(two), "--batch-size", "3", "--processes", "2", cwd=tmp_path, check=False)
    assert one.read_bytes() == two.read_bytes()
    triples = {(q.subject, q.predicate, q.object) for q in _quads(reference)}
    assert _turtle_counts(one) == (len(triples),) * 3
    text = one.read_text(encoding="utf-8")
    assert text.startswith("@prefix") and "\\/" not in text and "event:" in text
    # a run stopped after three documents, then resumed: the same bytes as the uninterrupted run
    half = tmp_path / "half.ttl"
    state = tmp_path / "half.ttl.kg-state"
    _kg("extract", str(corpus), "-o", str(half), "--batch-size", "3", cwd=tmp_path, check=False)
    records = state.read_text(encoding="utf-8").splitlines()[:3]
    state.write_text("".join(r + "\n" for r in records), encoding="utf-8")
    half.rename(tmp_path / "half.ttl.partial")
    with open(tmp_path / "half.ttl.partial", "ab") as f:
        f.write(b"<https://example.org/torn> <https://example.org/p")  # a block the killed run half wrote
    p = _kg("extract", str(corpus), "-o", str(half), "--batch-size", "3", "--resume", cwd=tmp_path, check=False)
    assert "3 already written" in p.stderr
    assert half.read_bytes() == one.read_bytes()


def test_jsonl_is_read_line_by_line_with_bad_lines_reported(tmp_path):
    lines = []
    for i, p in enumerate(sorted((DATA / "dev").glob("*.txt"))[:3]):
        text = p.read_text(encoding="utf-8").split("\n", 2)[2]
        lines.append(json.dumps({"id": f"doc-{i}", "text": text, "published": "2024-03-01"}).encode())
    lines.insert(1, b"{not json")
    lines.insert(2, json.dumps({"id": "cp1252", "text": "Shelling hit Kherson.\u2019"}, ensure_ascii=False).encode()
                 .replace("\u2019".encode(), b"\x92"))
    src = tmp_path / "archive.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "archive.nt"
    p = _kg("extract", str(src), "-o", str(out), "--errors", str(tmp_path / "errors.jsonl"), cwd=tmp_path,
            check=False)
    assert p.returncode == 1
    assert "archive.jsonl:2" in p.stderr and "malformed JSON" in p.stderr
    assert "line 3 and other lines that are not valid UTF-8 decoded as cp1252" in p.stderr  # with a note
    assert "4 document(s) ok, 1 failed" in p.stderr
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))) > 100
    errors = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["archive.jsonl:2"]


def test_progress_bar_and_summary_on_stderr(corpus, tmp_path):
    p = _kg("extract", str(corpus), "-o", str(tmp_path / "x.nq"), "--progress", cwd=tmp_path, check=False)
    assert " doc/s" in p.stderr and "failed=" in p.stderr  # the bar: documents, rate, failures
    assert "8 document(s) ok, 1 failed" in p.stderr and "docs/s" in p.stderr and "triples" in p.stderr
    quiet = _kg("extract", str(corpus), "-o", str(tmp_path / "y.nq"), cwd=tmp_path, check=False)
    assert " doc/s" not in quiet.stderr  # stderr is not a terminal: no bar unless asked
    assert os.path.exists(tmp_path / "x.nq")


def test_a_shared_node_has_one_label_across_a_corpus(tmp_path):
    """Actors, places and countries keep their IRI across documents (stable keys), so their labels must not
    depend on how one article wrote them ("The United Nations" at the start of a sentence, "al-Shabaab"
    tagged as a person, "Russia's defence ministry" vs "the Russian defense ministry"): otherwise every query
    that returns a label would give a row per spelling."""
    out = tmp_path / "all.nq"
    folders = [str(DATA / d) for d in ("dev", "dev2", "dev3", "heldout", "sample", "consolidation")]
    p = _kg("extract", *folders, "-o", str(out), "--processes", "2", cwd=tmp_path, check=False)
    assert p.returncode == 0, p.stderr
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query("""SELECT ?s (GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?labels) WHERE {
        ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } GROUP BY ?s HAVING (COUNT(DISTINCT ?l) > 1)""",
                            use_default_graph_as_union=True))
    assert [(r["s"].value, r["labels"].value) for r in rows] == []


def test_resume_after_a_completed_run_only_adds_new_documents(tmp_path):
    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir()
    more.mkdir()
    articles = sorted((DATA / "dev").glob("*.txt"))[:4]
    for p in articles[:2]:
        shutil.copy(p, first / p.name)
    for p in articles[2:]:
        shutil.copy(p, more / p.name)
    out = tmp_path / "corpus.nq"
    _kg("extract", str(first), "-o", str(out), cwd=tmp_path)
    p = _kg("extract", str(first), str(more), "-o", str(out), "--resume", cwd=tmp_path)
    assert "2 document(s) ok, 0 failed, 2 already written" in p.stderr
    fresh = tmp_path / "fresh.nq"
    _kg("extract", str(first), str(more), "-o", str(fresh), cwd=tmp_path)
    assert _quads(out) == _quads(fresh)
    assert out.read_bytes() == fresh.read_bytes()  # same input order: the same bytes


@pytest.mark.parametrize("fmt", ["nq", "ttl"])
def test_resume_does_not_add_a_second_version_of_an_edited_document(tmp_path, fmt):
    """An article edited after it was written (same id, other text): a streamed file keeps the version it holds
    and names the article; --out-dir replaces the article's file. Never two graphs for one id."""
    src = tmp_path / "a"
    src.mkdir()
    for p in sorted((DATA / "dev").glob("*.txt"))[:2]:
        shutil.copy(p, src / p.name)
    out = tmp_path / f"s.{fmt}"
    _kg("extract", str(src), "-o", str(out), cwd=tmp_path)
    _kg("extract", str(src), "--out-dir", str(tmp_path / "d"), "--format", fmt, cwd=tmp_path)
    before = out.read_bytes()
    edited = sorted(src.iterdir())[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA later paragraph added by the editors.\n",
                      encoding="utf-8")
    p = _kg("extract", str(src), "-o", str(out), "--resume", cwd=tmp_path, check=False)
    assert p.returncode == 1 and "changed since it was written" in p.stderr and edited.stem in p.stderr, p.stderr
    assert out.read_bytes() == before
    p = _kg("extract", str(src), "--out-dir", str(tmp_path / "d"), "--format", fmt, "--resume", cwd=tmp_path)
    files = sorted(f.name for f in (tmp_path / "d").iterdir() if f.name.startswith(edited.stem))
    assert len(files) == 1 and "A later paragraph" in (tmp_path / "d" / files[0]).read_text(encoding="utf-8")


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_signal_stops_a_run_within_seconds_in_the_middle_of_a_huge_document(tmp_path, processes):
    """SIGINT while a 600,000-character article is being parsed (a minute of work): the run stops within seconds,
    the previous output untouched, and --resume would do the article again."""
    texts = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted((DATA / "dev").glob("*.txt"))]
    (tmp_path / "huge.jsonl").write_text(
        json.dumps({"id": "huge", "text": ("\n\n".join(texts) * 60)[:600_000], "published": "2024-01-01"}) + "\n",
        encoding="utf-8")
    out = tmp_path / "out.nq"
    out.write_text("# before\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "extract", "huge.jsonl", "-o", "out.nq", "--max-chars",
                             "700000", "--processes", processes], cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    time.sleep(8)  # started, model loaded, parsing
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    code = proc.wait(timeout=30)
    assert time.monotonic() - sent < 5, "the signal was not honoured within seconds"
    assert code == 130 and "--resume" in proc.stderr.read()
    assert out.read_text(encoding="utf-8") == "# before\n"


def test_parsing_ahead_of_extraction_changes_nothing_but_the_pace(monkeypatch):
    """Documents are parsed PARSE_CHARS at a time before they are extracted from; a run that parses one batch at a
    time gives the same extractions, in the same order, failures and notes in their places."""
    from kg import corpus as C
    from kg.io import ReadFailure
    from kg.model import Document
    from kg.rdf.mapping import to_quads

    docs = [Document(id=f"d{i}", text=f"Drones struck a depot in Kamsar on Monday, killing {i + 2} guards.")
            for i in range(40)]
    items = [*docs[:17], ReadFailure("bad", "unreadable", None), *docs[17:]]

    def run(chars):
        monkeypatch.setattr(C, "PARSE_CHARS", chars)
        return [(x.doc_id, None) if isinstance(x, ReadFailure) else (x.document.id, list(to_quads(x)))
                for x in C.extract_documents(iter(items), batch_size=4)]

    ahead, one_batch = run(10**6), run(0)
    assert [k for k, _ in ahead] == [*(d.id for d in docs[:17]), "bad", *(d.id for d in docs[17:])]
    assert ahead == one_batch
