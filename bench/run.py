"""kg's benchmarks: every figure is a ratio against the same work done in the same run by bare spaCy or bare
pyoxigraph (or rdflib), so that the machine's speed and load cancel out.

    python bench/run.py                      # everything, the sizes of bench/RESULTS.md (about an hour on 2 cores)
    python bench/run.py --quick              # small sizes, a few minutes: is the harness working?
    python bench/run.py --only throughput    # one section: throughput, memory, triples, queries

Never run by the test suite. Sections:

throughput  kg's per-document work (parse + extract + RDF + N-Quads) vs bare ``nlp.pipe`` with the same model,
            batch size and process count, on the sample repeated plus the development set; documents/s, words/s;
            best of three runs of each, alternating. kg's parse applies the model's attribute ruler by lookup
            (``kg.nlp.attributes``, the same output), so on one process bare spaCy is also timed with that ruler:
            the second ratio is what extraction and RDF cost on their own. Then, on one process, every
            development and WikiEvents article once: many styles and conflicts instead of one long article repeated.
memory      peak RSS of ``kg extract X.jsonl -o X.nq`` (a fresh process each) at N and 10 × N documents.
triples     writing and loading 1,000,000 triples: kg's streamed N-Quads path (the quads the mapping makes, as
            N-Triples text → sorted per document → the output file and its resume state) vs bare pyoxigraph
            serialize / bulk_load of the same quads as pyoxigraph objects, and vs rdflib's Turtle writer.
queries     each bundled query on the embedded store holding those triples.
turtle      the Turtle path end to end, on every article kg has, each once (the development and held-out sets,
            the WikiEvents reports beside the checkout, and the real-text cache ``.realtext/`` when it is there):
            ``kg extract corpus.jsonl -o out.ttl`` in a fresh process vs bare spaCy ``nlp.pipe`` over the same
            texts in a fresh process, start-up (imports, model, gazetteer) included on both sides, best of three,
            alternating; then ``kg validate out.ttl`` (pyrudof) against that extraction's time; then the peak RSS of
            ``-o X.ttl`` at N and 10 × N documents; then 1,000,000 triples written as Turtle by kg's streamed
            writer vs pyoxigraph's Turtle serialiser, and validated by ``kg validate`` vs bare pyrudof on the whole
            file at once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "dnipro-2023-05-27.txt"
DEV = ROOT / "tests" / "data" / "dev"
PARAMS = {"from": "2023-01-01", "to": "2024-12-31", "speaker": "Vyacheslav Gladkov", "place": "Ukraine"}


def corpus(sample_copies: int):
    """The sample repeated (each copy its own id, so its own IRIs) plus the development set, as Documents."""
    from kg.io import read_inputs
    from kg.model import Document

    sample = next(read_inputs([str(SAMPLE)]))
    docs = [Document(id=f"{sample.id}-copy{i}", text=sample.text, published=sample.published)
            for i in range(sample_copies)]
    docs += [d for d in read_inputs([str(DEV)]) if isinstance(d, Document)]
    return docs


def articles():
    """Every development article and WikiEvents report once: many styles and conflicts, shorter articles, many more
    distinct dates and names than the sample-heavy corpus."""
    from kg.io import read_inputs
    from kg.model import Document

    batches = [DEV, *(DEV.parent / f"dev{i}" for i in range(2, 7))]
    wikievents = sorted((ROOT.parent / "shared" / "wikievents").glob("*.txt"))  # real text: beside the checkout
    return [d for d in read_inputs([*map(str, batches), *map(str, wikievents)]) if isinstance(d, Document)]


def every_article():
    """Every article kg has, each once: :func:`articles`, the held-out set, and the real-text cache when present
    (``tools/realtext.py``; third-party text, never committed)."""
    from kg.io import read_inputs
    from kg.model import Document

    heldout = [d for d in read_inputs([str(DEV.parent / "heldout")]) if isinstance(d, Document)]
    real = []
    cache = Path(os.environ.get("KG_REALTEXT", ROOT / ".realtext"))
    if (cache / "texts").is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, str(ROOT / "tools" / "realtext.py"), "materialize", "all", tmp],
                           check=True, capture_output=True)
            real = [d for d in read_inputs([tmp]) if isinstance(d, Document)]
    return articles() + heldout + real


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def line(label: str, value: str) -> None:
    print(f"  {label:<58} {value}", flush=True)


# ------------------------------------------------------------------------------------------------ throughput

def throughput(docs, label: str, batch_size: int, processes: list[int], repeats: int = 3,
               with_stages: bool = True) -> dict:
    import spacy

    from kg.corpus import stream
    from kg.nlp import DEFAULT_MODEL, parse_view
    from kg.nlp.attributes import use_lookup_ruler

    words = sum(len(d.text.split()) for d in docs)
    print(f"throughput: {len(docs)} documents ({label}), {words:,} words, batch size {batch_size}; best of {repeats} "
          "runs each, alternating")
    results = {}
    for n in processes:
        bare_nlp = spacy.load(DEFAULT_MODEL)
        texts = [parse_view(d.text) for d in docs]
        kwargs = {"batch_size": batch_size} | ({"n_process": n} if n > 1 else {})
        list(bare_nlp.pipe(texts[:4], batch_size=batch_size))  # warm up
        if n == 1:  # warm up as for spaCy: the model loaded, dateparser's locales read
            list(stream(iter(docs[:2]), fmt="nq", processes=1))
        sink = open(os.devnull, "wb")

        def run_kg():
            n_ok = sum(sink.write(x.data) > 0 for x in stream(
                iter(docs), fmt="nq", processes=n, batch_size=batch_size) if hasattr(x, "data"))
            assert n_ok == len(docs), n_ok

        # best of `repeats` each, alternating, so that a burst of other work on the machine does not decide the ratio
        t_bare = t_kg = float("inf")
        for _ in range(repeats):
            t_bare = min(t_bare, timed(lambda: sum(1 for _ in bare_nlp.pipe(texts, **kwargs)))[0])
            t_kg = min(t_kg, timed(run_kg)[0])
        ratio = t_bare / t_kg
        line(f"{n} process(es): bare nlp.pipe", f"{len(docs) / t_bare:7.2f} docs/s {words / t_bare:9,.0f} words/s")
        if n == 1:  # kg's parse applies the model's attribute ruler by lookup: what kg adds, with that part equal
            use_lookup_ruler(bare_nlp)
            t_looked = min(timed(lambda: sum(1 for _ in bare_nlp.pipe(texts, **kwargs)))[0] for _ in range(repeats))
            line("1 process(es): bare nlp.pipe, attribute ruler by lookup",
                 f"{len(docs) / t_looked:7.2f} docs/s {words / t_looked:9,.0f} words/s")
        line(f"{n} process(es): kg (parse+extract+RDF+N-Quads)",
             f"{len(docs) / t_kg:7.2f} docs/s {words / t_kg:9,.0f} words/s")
        line(f"{n} process(es): kg throughput / bare spaCy", f"{ratio:.2f}×  (target ≥ 0.8×)")
        results[n] = {"bare_docs_s": len(docs) / t_bare, "kg_docs_s": len(docs) / t_kg, "ratio": ratio}
        if n == 1:
            line("1 process(es): kg / bare spaCy with the ruler by lookup", f"{t_looked / t_kg:.2f}×")
            results[n]["ratio_to_lookup_ruler"] = t_looked / t_kg
    if with_stages:
        results["stages_ms"] = stages(docs, batch_size)
    return results


def stages(docs, batch_size: int) -> dict:
    """Where one process's time goes, per document: kg's parse, extraction, mapping to quads, N-Quads."""
    from kg.extract import extract
    from kg.nlp import load_pipeline, parse_view
    from kg.rdf.mapping import to_quads
    from kg.store.serialize import line_format

    nlp = load_pipeline()
    texts = [parse_view(d.text) for d in docs]
    t_parse, parsed = timed(lambda: list(nlp.pipe(texts, batch_size=batch_size)))
    t_extract, xs = timed(lambda: [extract(d, p) for d, p in zip(docs, parsed)])
    t_map, quads = timed(lambda: [to_quads(x) for x in xs])
    t_nq, _ = timed(lambda: [line_format(q, "nq") for q in quads])
    out = {k: 1000 * v / len(docs) for k, v in
           (("parse", t_parse), ("extract", t_extract), ("to_quads", t_map), ("nquads", t_nq))}
    line("1 process, per document: " + ", ".join(f"{k} {v:.1f} ms" for k, v in out.items()), "")
    return out


# ------------------------------------------------------------------------------------------------ memory

def _jsonl(path: Path, n: int) -> None:
    docs = corpus(max(n - 27, 0))[:n]
    with open(path, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": f"{d.id}-{i}", "text": d.text,
                                "published": d.published.isoformat() if d.published else None}) + "\n")


# Runs a command and prints its peak RSS in KiB. A child's ru_maxrss includes the memory of the process it was
# forked from (Linux carries the old address space's high-water mark across exec), so the measured command is
# started from this small launcher, never from the benchmark process with its models and corpus loaded.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(proc.pid, 0)
code = os.waitstatus_to_exitcode(status)
if code not in (0, 1):
    sys.exit(proc.stderr.read().decode() or f"exit {code}")
print(usage.ru_maxrss)
"""


def _peak_rss_mb(args: list[str]) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of a fresh process, started from a small launcher (see _LAUNCHER)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _LAUNCHER, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return int(out.stdout) / 1024, seconds


def memory(small: int, fmt: str = "nq") -> dict:
    print(f"memory: peak RSS of `kg extract X.jsonl -o X.{fmt}`, {small:,} vs {10 * small:,} documents")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (small, 10 * small):
            src = Path(tmp) / f"c{n}.jsonl"
            _jsonl(src, n)
            rss, seconds = _peak_rss_mb([sys.executable, "-m", "kg", "extract", str(src), "-o",
                                         str(Path(tmp) / f"c{n}.{fmt}"), "--no-progress"])
            line(f"{n:,} documents", f"{rss:7.1f} MB peak, {seconds:6.0f} s ({n / seconds:.1f} docs/s)")
            out[n] = rss
    ratio = out[10 * small] / out[small]
    line(f"peak at {10 * small:,} / peak at {small:,}", f"{ratio:.2f}×  (target ≤ 1.2×)")
    return {"mb": out, "ratio": ratio}


# ------------------------------------------------------------------------------------------------ triples

def _graphs(target: int):
    """Per-document quads totalling about ``target`` triples: real kg output of the corpus (the N-Triples text a
    corpus run writes, :func:`kg.rdf.mapping.to_quads`), copied with each copy's document key changed so that the
    copies are distinct documents."""
    from kg.model import Extraction
    from kg.corpus import extract_documents
    from kg.rdf.mapping import Quads, to_quads

    base = [to_quads(x) for x in extract_documents(iter(corpus(20))) if isinstance(x, Extraction)]
    graphs, total, copy = [], 0, 0
    while total < target:
        for g in base:
            if total >= target:
                break
            if copy == 0:
                graphs.append(g)
            else:  # every IRI holding the document's key (its spans, events, claims, own actors) and its run
                key = g.doc.rsplit("/", 1)[-1]

                def rekey(term: str) -> str:
                    if not term.startswith("<"):
                        return term  # a literal
                    return term.replace(key, f"c{copy}{key}").replace("/run/", f"/run/c{copy}")

                keyed = Quads(tuple(rekey(term) for term in q) for q in g)
                keyed.doc = g.doc.replace(key, f"c{copy}{key}")
                graphs.append(keyed)
            total += len(graphs[-1])
        copy += 1
    return graphs, total


def triples(target: int, rdflib_turtle: bool) -> dict:
    import pyoxigraph as ox
    from rdflib import Graph

    from kg.store.query import load_store
    from kg.store.serialize import line_format, turtle
    from kg.store.sinks import StreamFile, Written

    print(f"triples: building ~{target:,} triples of kg output ...", flush=True)
    graphs, total = _graphs(target)
    # bare pyoxigraph gets the same quads, made into its own objects beforehand (not timed)
    quads = [q for g in graphs for q in ox.parse(line_format(g, "nq"), format=ox.RdfFormat.N_QUADS)]
    print(f"triples: {total:,} triples in {len(graphs):,} document graphs ({len(quads):,} quads)")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        ours, bare = Path(tmp) / "ours.nq", Path(tmp) / "bare.nq"

        def write_ours():
            sink = StreamFile(ours)
            for i, g in enumerate(graphs):
                sink.write(Written(str(i), f"{i:016x}", line_format(g, "nq")))
            sink.commit()

        # best of 3 each, alternating, so that a burst of other work on the machine does not decide the ratio
        t_ours = t_bare = float("inf")
        for _ in range(3):
            t_ours = min(t_ours, timed(write_ours)[0])
            t_bare = min(t_bare, timed(lambda: ox.serialize(quads, str(bare), ox.RdfFormat.N_QUADS))[0])
        line("write: kg streamed N-Quads (the mapping's quads, sorted per document, with resume state), best of 3",
             f"{t_ours:7.2f} s")
        line("write: bare pyoxigraph serialize of the same quads (pyoxigraph objects), best of 3", f"{t_bare:7.2f} s")
        line("write: kg / bare pyoxigraph", f"{t_ours / t_bare:.2f}×  (target ≤ 2×)")
        out["write"] = {"kg_s": t_ours, "pyoxigraph_s": t_bare, "ratio": t_ours / t_bare}
        t_load_ours, store = timed(lambda: load_store([ours]))
        t_load_bare, _ = timed(lambda: ox.Store().bulk_load(path=str(bare), format=ox.RdfFormat.N_QUADS))
        line("load: kg load_store", f"{t_load_ours:7.1f} s")
        line("load: bare pyoxigraph bulk_load", f"{t_load_bare:7.1f} s")
        line("load: kg / bare pyoxigraph", f"{t_load_ours / t_load_bare:.2f}×")
        out["load"] = {"kg_s": t_load_ours, "pyoxigraph_s": t_load_bare, "ratio": t_load_ours / t_load_bare}
        if rdflib_turtle:
            # rdflib's writer on a tenth of the triples: on all of them it had not finished after 25 minutes.
            # It gets the same triples as an rdflib graph (read back from N-Triples, not timed).
            merged, part = Graph(), []
            for g in graphs:
                if len(merged) >= total // 10:
                    break
                merged.parse(data=line_format(g, "nt"), format="nt")
                part.append(g)
            n = len(merged)
            t_rdflib, _ = timed(lambda: turtle(merged))
            t_ours_part, _ = timed(lambda: [line_format(g, "nq") for g in part])
            line(f"write {n:,} triples: rdflib Turtle writer (longturtle, one graph)", f"{t_rdflib:7.1f} s")
            line(f"write {n:,} triples: kg streamed N-Quads", f"{t_ours_part:7.1f} s")
            line("write: rdflib Turtle / kg streamed N-Quads", f"{t_rdflib / t_ours_part:.0f}×")
            out["rdflib_turtle"] = {"triples": n, "rdflib_s": t_rdflib, "kg_s": t_ours_part}
            del merged
        out["queries"] = queries(store, len(store))
    return out


def queries(store, n: int) -> dict:
    from kg.store.query import query_store
    from kg.store.resources import bundled_queries

    print(f"queries: each bundled query on the embedded store ({n:,} quads), best of 3")
    out = {}
    for name, info in sorted(bundled_queries().items()):
        params = {p: PARAMS[p] for p in info.params}
        best, rows = float("inf"), 0
        for _ in range(3):
            t, result = timed(lambda: query_store(store, info, params))
            best, rows = min(best, t), len(result.rows)
        line(f"{name} ({rows:,} rows)", f"{best * 1000:9.0f} ms")
        out[name] = best
    return out


# ------------------------------------------------------------------------------------------------ turtle

_BARE_SPACY = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[2])
with open(sys.argv[1], encoding="utf-8") as f:
    n = sum(1 for _ in nlp.pipe((json.loads(line)["text"] for line in f), batch_size=16))
print(n)
"""


def _write_jsonl(docs, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d.id, "text": d.text,
                                "published": d.published.isoformat() if d.published else None}) + "\n")


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode not in (0, 1):
        raise RuntimeError(out.stderr)
    return seconds


def turtle(docs, repeats: int, memory_small: int, triples_target: int) -> dict:
    """The Turtle path: extraction to Turtle vs bare spaCy, validation vs extraction, memory, 1M triples."""
    from kg.nlp import DEFAULT_MODEL

    words = sum(len(d.text.split()) for d in docs)
    print(f"turtle: {len(docs)} articles, each once, {words:,} words; fresh processes, start-up included; "
          f"best of {repeats}, alternating")
    out: dict = {"documents": len(docs), "words": words}
    with tempfile.TemporaryDirectory() as tmp:
        src, ttl = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.ttl"
        _write_jsonl(docs, src)
        bare_cmd = [sys.executable, "-c", _BARE_SPACY, str(src), DEFAULT_MODEL]
        kg_cmd = [sys.executable, "-m", "kg", "extract", str(src), "-o", str(ttl), "--no-progress"]
        val_cmd = [sys.executable, "-m", "kg", "validate", str(ttl)]
        t_bare = t_kg = t_val = float("inf")
        for _ in range(repeats):
            t_bare = min(t_bare, _run(bare_cmd))
            t_kg = min(t_kg, _run(kg_cmd))
            t_val = min(t_val, _run(val_cmd))
        verdict = subprocess.run(val_cmd, capture_output=True, text=True)
        n_triples = sum(1 for _ in __import__("pyoxigraph").parse(path=str(ttl),
                                                                  format=__import__("pyoxigraph").RdfFormat.TURTLE))
        line("bare spaCy nlp.pipe (fresh process, model load included)", f"{t_bare:7.1f} s")
        line(f"kg extract -o out.ttl ({n_triples:,} triples)", f"{t_kg:7.1f} s")
        line("kg extract to Turtle / bare spaCy (throughput ratio)", f"{t_bare / t_kg:.2f}×  (target ≥ 0.8×)")
        line(f"kg validate out.ttl (exit {verdict.returncode})", f"{t_val:7.1f} s")
        line("kg validate / kg extract", f"{t_val / t_kg:.2f}×  (target ≤ 0.5×)")
        out |= {"bare_s": t_bare, "kg_ttl_s": t_kg, "ratio": t_bare / t_kg, "triples": n_triples,
                "validate_s": t_val, "validate_exit": verdict.returncode, "validate_ratio": t_val / t_kg}
    if memory_small:
        out["memory"] = memory(memory_small, "ttl")
    if triples_target:
        out["million"] = turtle_million(triples_target)
    return out


def turtle_million(target: int) -> dict:
    """About ``target`` triples of kg output as Turtle: kg's streamed writer (one @prefix block, then each document's
    block, shared statements once) vs pyoxigraph's Turtle serialiser on the same triples; then kg validate (pyrudof
    in chunks, two processes) vs bare pyrudof validating the whole file in one go."""
    import pyoxigraph as ox
    import pyrudof

    from kg.store.resources import ontology_file, shapes_file
    from kg.store.serialize import line_format
    from kg.store.sinks import TurtleStream, Written

    graphs, total = _graphs(target)
    triples = list({ox.Triple(q.subject, q.predicate, q.object): None
                    for g in graphs for q in ox.parse(line_format(g, "nq"), format=ox.RdfFormat.N_QUADS)})
    print(f"turtle: {len(triples):,} distinct triples in {len(graphs):,} document graphs")
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        ours, bare = Path(tmp) / "ours.ttl", Path(tmp) / "bare.ttl"

        def write_ours():  # what `kg extract -o X.ttl` does with each document's quads, resume state included
            ours.unlink(missing_ok=True)
            sink = TurtleStream(ours)
            for i, g in enumerate(graphs):
                sink.write(Written(str(i), f"{i:016x}", quads=g))
            sink.commit()

        t_ours = t_bare = float("inf")
        for _ in range(3):
            t_ours = min(t_ours, timed(write_ours)[0])
            t_bare = min(t_bare, timed(lambda: ox.serialize(triples, str(bare), ox.RdfFormat.TURTLE))[0])
        counted = sum(1 for _ in ox.parse(path=str(ours), format=ox.RdfFormat.TURTLE))
        line(f"write Turtle: kg streamed writer ({counted:,} triples read back), best of 3", f"{t_ours:7.2f} s")
        line("write Turtle: bare pyoxigraph serialize of the same triples, best of 3", f"{t_bare:7.2f} s")
        line("write Turtle: kg / bare pyoxigraph", f"{t_ours / t_bare:.2f}×")
        out["write"] = {"kg_s": t_ours, "pyoxigraph_s": t_bare, "ratio": t_ours / t_bare, "triples": counted}

        t_val = _run([sys.executable, "-m", "kg", "validate", str(ours)])

        def bare_rudof():
            r = pyrudof.Rudof(pyrudof.RudofConfig())
            r.read_shacl(shapes_file().read_text(encoding="utf-8"))
            r.read_data(ontology_file().read_text(encoding="utf-8"), merge=False)
            r.read_data(ours.read_text(encoding="utf-8"), merge=True)
            return r.validate_shacl()

        t_rudof, _ = timed(bare_rudof)
        line("validate: kg validate (fresh process, 2 worker processes)", f"{t_val:7.1f} s")
        line("validate: bare pyrudof, whole file at once (in this process)", f"{t_rudof:7.1f} s")
        line("validate: kg / bare pyrudof", f"{t_val / t_rudof:.2f}×")
        out["validate"] = {"kg_s": t_val, "pyrudof_s": t_rudof, "ratio": t_val / t_rudof}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes: checks the harness in a few minutes")
    ap.add_argument("--only", choices=["throughput", "memory", "triples", "turtle"], action="append")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    sections = set(args.only or ["throughput", "memory", "triples", "turtle"])
    cpus = os.cpu_count()
    print(f"machine: {platform.machine()}, {cpus} CPU(s), Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; peak RSS of this process so far: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    results = {}
    if "throughput" in sections:
        copies, repeats = (10, 1) if args.quick else (400, 3)
        results["throughput"] = throughput(corpus(copies), f"{copies} × the sample + 27 dev", 16, [1, 2], repeats)
        many = articles()
        results["throughput_articles"] = throughput(many, f"{len(many)} development and WikiEvents articles, each once",
                                                    16, [1], repeats, with_stages=False)
    if "memory" in sections:
        results["memory"] = memory(50 if args.quick else 1000)
    if "triples" in sections:
        results["triples"] = triples(50_000 if args.quick else 1_000_000, rdflib_turtle=True)
    if "turtle" in sections:
        results["turtle"] = turtle(every_article(), 1 if args.quick else 3, 50 if args.quick else 1000,
                                   50_000 if args.quick else 1_000_000)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
