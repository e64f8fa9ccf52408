"""A corpus, one document at a time: read → parse → extract → map to RDF, on one process or several.

:mod:`kg.job` (a ``kg extract`` run), :mod:`kg.distributed` (Dask) and the benchmarks call this module; it holds
no output choice, signal handling or UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.extract import extract
from kg.io import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, read_inputs
from kg.model import Document, Extraction
from kg.nlp import DEFAULT_MODEL, load_pipeline, parse_texts, parse_view
from kg.rdf import to_graph
from kg.rdf.mapping import to_quads
from kg.rdf.namespaces import bind_prefixes


@dataclass
class RunSummary:
    ok: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    triples: int = 0
    unresolved_times: int = 0
    resumed: int = 0

    def add(self, result: DocResult) -> None:
        self.ok += 1
        self.events += result.events
        self.claims += result.claims
        self.triples += result.triples
        self.unresolved_times += result.unresolved_times


def _parse_all(nlp, docs: list[Document], batch_size: int) -> list:
    """spaCy docs for ``docs``; when the batch fails, each document is parsed alone and one that fails is an
    exception in its place, so that one bad document never takes its batch with it."""
    try:
        return parse_texts(nlp, [parse_view(d.text) for d in docs], batch_size)
    except Exception:
        out = []
        for d in docs:
            try:
                out.append(parse_texts(nlp, [parse_view(d.text)])[0])
            except Exception as e:
                out.append(e)
        return out


PARSE_CHARS = 200_000
"""How much text is parsed (``nlp.pipe``, in batches of ``batch_size``) before the documents parsed are extracted
from: parsing a few hundred articles at a stretch rather than one batch at a time, between extractions, made one
process's whole run 6% faster on the benchmark corpus (279 articles: 17.5 s against 18.7 s, bare spaCy 14.5 s; the
same output). The parses held meanwhile are tens of megabytes, whatever the corpus's size."""


def extract_documents(
    documents: Iterable[Document | ReadFailure | ReadNote], *, model: str = DEFAULT_MODEL, batch_size: int = 16,
) -> Iterator[Extraction | ReadFailure | ReadNote]:
    """Extractions in input order; failures and notes pass through (and a document that crashes the parser or
    the extractor becomes a failure)."""
    nlp = load_pipeline(model)
    pending: list[Document | ReadFailure | ReadNote] = []

    def flush():
        docs = [d for d in pending if isinstance(d, Document)]
        parsed = iter(_parse_all(nlp, docs, batch_size))
        for item in pending:
            if not isinstance(item, Document):
                yield item
                continue
            spacy_doc = next(parsed)
            if isinstance(spacy_doc, Exception):
                e = spacy_doc
                yield ReadFailure(item.id, f"parsing failed: {type(e).__name__}: {e}", item.source)
                continue
            try:
                yield extract(item, spacy_doc)
            except Exception as e:  # one bad document never kills a corpus run
                yield ReadFailure(item.id, f"extraction failed: {type(e).__name__}: {e}", item.source)
        pending.clear()

    held = 0  # characters read and not yet parsed
    for item in documents:
        pending.append(item)
        held += len(item.text) if isinstance(item, Document) else 0
        if len(pending) >= batch_size and held >= PARSE_CHARS:
            yield from flush()
            held = 0
    yield from flush()


@dataclass
class DocResult:
    """One document's RDF and its counts: what a worker sends back to the process that writes."""

    id: str
    key: str
    source: str | None
    events: int
    claims: int
    triples: int
    unresolved_times: int
    data: bytes | None = None  # serialised, for sinks that write bytes
    graph: Graph | None = None  # or the graph, for sinks that merge
    quads: list | None = None  # or N-Triples text quads, for the sink that streams Turtle


def _render(item: Extraction, fmt: str, text: str = "full") -> DocResult:
    from kg.store.serialize import line_format
    from kg.store.turtle import document_turtle

    # a graph of its own, so a mapping that fails half-way leaves nothing behind; other formats get N-Triples text
    graph = to_graph(item, text=text) if fmt in ("graph", "jsonld") else to_quads(item, text)
    d = item.document
    result = DocResult(d.id, d.key, d.source, len(item.events), len(item.claims), len(graph),
                       sum(1 for e in item.events if e.time and e.time.unresolved))
    if fmt == "graph":
        result.graph = graph
    elif fmt == "quads":
        result.quads = graph
    elif fmt == "ttl":
        result.data = document_turtle(graph).encode("utf-8")
    elif fmt == "jsonld":
        from kg.store.serialize import jsonld

        result.data = jsonld(graph).encode("utf-8")
    else:
        result.data = line_format(graph, fmt)
    return result


def process_documents(documents: Iterable[Document | ReadFailure | ReadNote], *, fmt: str = "nq",
                      model: str = DEFAULT_MODEL, batch_size: int = 16, text: str = "full"
                      ) -> Iterator[DocResult | ReadFailure | ReadNote]:
    """Documents in, their RDF out, in order: the one pure step of a corpus run (a document's output depends on
    that document alone). ``fmt`` is ``nq``, ``nt``, ``trig``, ``ttl``, ``jsonld`` (bytes) or ``graph`` (an rdflib
    Graph);
    ``text`` how much of each article's text goes into its graph (``full``, ``evidence`` or ``none``).
    Worker processes and the distributed path run exactly this."""
    for item in extract_documents(documents, model=model, batch_size=batch_size):
        if not isinstance(item, Extraction):
            yield item
            continue
        try:
            yield _render(item, fmt, text)
        except Exception as e:  # one bad document never kills a corpus run
            d = item.document
            yield ReadFailure(d.id, f"RDF mapping failed: {type(e).__name__}: {e}", d.source)


_WORKER: dict = {}


def _init_worker(model: str) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker must not run the parent's handler
    _exit_with_parent()
    load_pipeline(model)  # a forked worker has it already
    _WORKER["model"] = model


def _exit_with_parent() -> None:
    """End this worker when the process that started it dies, even by SIGKILL (a forked worker would otherwise
    wait on its task queue forever: it holds the queue's other end itself)."""
    import multiprocessing
    import os
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="kg-exit-with-parent", daemon=True).start()


def _worker_context(model: str):
    """How worker processes start. Forked from this process once it has loaded the model, so that a worker
    starts at once and shares the model's memory, when that is safe: the platform forks and this process runs no
    other thread (a thread holding a lock at the fork would leave it locked in the worker; the CLI turns tqdm's
    monitor thread off for this). Otherwise forked from a fork server that has imported kg and spaCy (a worker then
    only loads the model), or spawned where there is no fork server. Workers reset the parent's signal handlers; they never
    write to the parent's files (a worker ends with os._exit, which flushes nothing)."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        _warm_up(model)
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.corpus"])
    return ctx


def _warm_up(model: str) -> None:
    """Load the model and the tables kg reads on first use (gazetteer, dateparser's locales, ~1 s) by extracting
    one short invented article, so that workers forked afterwards start warm."""
    from datetime import date

    text = ("Rebel fighters shelled a market in Goma on Monday, killing at least three people, the provincial "
            "governor said. The army said its drones had struck rebel positions near the town.")
    list(process_documents([Document(id="kg-warm-up", text=text, published=date(2024, 3, 6))], model=model))


def _work(batch: list[Document], fmt: str, batch_size: int, text: str = "full") -> list:
    return list(process_documents(batch, fmt=fmt, model=_WORKER["model"], batch_size=batch_size, text=text))


def stream(items: Iterable[Document | ReadFailure | ReadNote], *, fmt: str = "nq", model: str = DEFAULT_MODEL,
           processes: int = 1, batch_size: int = 16, text: str = "full") -> Iterator[DocResult | ReadFailure | ReadNote]:
    """:func:`process_documents` over a stream of any length, in input order, on ``processes`` processes: this
    one and ``processes - 1`` workers. A batch goes to the workers while fewer than two per worker are queued;
    otherwise this process does it itself, so no core waits while another works (and a worker that is still
    starting up costs nothing). Memory stays flat: at most ``2 × processes`` batches are in flight, and input is
    read only as fast as the batches are done."""
    if processes <= 1:
        yield from process_documents(items, fmt=fmt, model=model, batch_size=batch_size, text=text)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    workers = processes - 1
    # in input order: items passed through, (future, batch) of a worker's batch, or a list of results done here
    window: deque = deque()
    batch: list[Document] = []
    passthrough = (ReadFailure, ReadNote)

    def results(head) -> list:
        if isinstance(head, list):
            return head
        future, docs = head
        try:
            return future.result()
        except Exception as e:  # a worker that died takes only its batch with it
            return [ReadFailure(d.id, f"worker process failed: {type(e).__name__}: {e}", d.source) for d in docs]

    def drain(limit: int) -> Iterator:
        while window and (isinstance(window[0], passthrough + (list,))
                          or sum(1 for w in window if not isinstance(w, passthrough)) > limit):
            head = window.popleft()
            yield from ([head] if isinstance(head, passthrough) else results(head))

    def dispatch(pool, docs: list[Document]) -> None:
        queued = sum(1 for w in window if isinstance(w, tuple) and not w[0].done())
        if queued < 2 * workers:
            window.append((pool.submit(_work, docs, fmt, batch_size, text), docs))
        else:
            window.append(list(process_documents(docs, fmt=fmt, model=model, batch_size=batch_size, text=text)))

    with ProcessPoolExecutor(workers, mp_context=_worker_context(model),
                             initializer=_init_worker, initargs=(model,)) as pool:
        try:
            for item in items:
                if isinstance(item, Document):
                    batch.append(item)
                if batch and (len(batch) >= batch_size or not isinstance(item, Document)):
                    dispatch(pool, batch)
                    batch = []
                if not isinstance(item, Document):
                    window.append(item)
                yield from drain(2 * processes)
            if batch:
                dispatch(pool, batch)
            yield from drain(0)
        except BaseException:  # interrupted, or the writer failed: the work in hand is abandoned, workers too
            for proc in list((getattr(pool, "_processes", None) or {}).values()):  # CPython's pool keeps them here
                proc.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def run(inputs: Iterable[str], *, model: str = DEFAULT_MODEL,
        max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Graph, RunSummary]:
    """Extract every input into one graph; documents over ``max_chars`` characters are refused."""
    graph = bind_prefixes(Graph())
    summary = RunSummary()
    for item in process_documents(read_inputs(inputs, max_chars=max_chars), fmt="graph", model=model):
        if isinstance(item, ReadFailure):
            summary.failed.append(item)
        elif isinstance(item, ReadNote):
            summary.notes.append(item)
        else:
            graph += item.graph
            summary.add(item)
    return graph, summary


def evaluate(gold_dir: str | Path, articles_dir: str | Path, *, model: str = DEFAULT_MODEL):
    """Extract every article that has a gold file, query the RDF with the bundled queries, and score it."""
    import pyoxigraph as ox

    from kg.errors import UsageError
    from kg.evaluate import Scores, load_gold, score_document
    from kg.store.query import query_store
    from kg.store.resources import load_query
    from kg.store.serialize import turtle

    gold = load_gold(Path(gold_dir))
    if not gold:
        raise UsageError(f"no gold files (*.json) in {gold_dir}")
    paths = []
    for name in gold:
        p = Path(articles_dir) / f"{name}.txt"
        if not p.exists():
            raise UsageError(f"gold file {name}.json has no article {p}")
        paths.append(str(p))
    q_events, q_claims, q_evidence = load_query("events"), load_query("claims"), load_query("evidence")
    scores = []
    for item in extract_documents(read_inputs(paths), model=model):
        if isinstance(item, ReadFailure):
            raise UsageError(f"cannot evaluate {item.doc_id}: {item.reason}")
        if isinstance(item, ReadNote):
            continue
        store = ox.Store()
        store.load(turtle(to_graph(item)).encode("utf-8"), format=ox.RdfFormat.TURTLE)
        events = query_store(store, q_events).rows
        claims = query_store(store, q_claims).rows
        sentences: dict[str, str] = {}
        for row in query_store(store, q_evidence).rows:
            sentences.setdefault(row["statement"], row["sentence"] or row["words"])
        scores.append(score_document(item.document.id, gold[item.document.id], events, claims, sentences))
    return Scores(scores)
