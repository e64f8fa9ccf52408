"""The whole job, one document at a time: read → parse → extract → map to RDF.

The CLI and the benchmarks call this module; it holds no format or UI logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.extract import extract
from kg.io import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, read_inputs
from kg.model import Document, Extraction
from kg.nlp import DEFAULT_MODEL, load_pipeline, parse_view
from kg.rdf import to_graph
from kg.rdf.namespaces import bind_prefixes


@dataclass
class RunSummary:
    ok: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    unresolved_times: int = 0


def _parse_all(nlp, docs: list[Document], batch_size: int) -> list:
    """spaCy docs for ``docs``; when the batch fails, each document is parsed alone and one that fails is an
    exception in its place, so that one bad document never takes its batch with it."""
    try:
        return list(nlp.pipe((parse_view(d.text) for d in docs), batch_size=batch_size))
    except Exception:
        out = []
        for d in docs:
            try:
                out.append(nlp(parse_view(d.text)))
            except Exception as e:
                out.append(e)
        return out


def extract_documents(
    documents: Iterable[Document | ReadFailure | ReadNote], *, model: str = DEFAULT_MODEL, batch_size: int = 16,
) -> Iterator[Extraction | ReadFailure | ReadNote]:
    """Extractions in input order; failures and notes pass through (and a document that crashes the parser or
    the extractor becomes a failure)."""
    nlp = load_pipeline(model)
    pending: list[Document | ReadFailure | ReadNote] = []

    def flush():
        docs = [d for d in pending if isinstance(d, Document)]
        longest = max((len(d.text) for d in docs), default=0)
        if longest >= nlp.max_length:
            nlp.max_length = longest + 1  # the readers' --max-chars limit is the one that applies
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

    for item in documents:
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def run(inputs: Iterable[str], *, model: str = DEFAULT_MODEL,
        max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Graph, RunSummary]:
    """Extract every input into one graph; documents over ``max_chars`` characters are refused."""
    graph = bind_prefixes(Graph())
    summary = RunSummary()
    for item in extract_documents(read_inputs(inputs, max_chars=max_chars), model=model):
        if isinstance(item, ReadFailure):
            summary.failed.append(item)
            continue
        if isinstance(item, ReadNote):
            summary.notes.append(item)
            continue
        try:
            doc_graph = to_graph(item)  # a graph of its own: a mapping that fails half-way leaves nothing behind
        except Exception as e:  # one bad document never kills a corpus run
            d = item.document
            summary.failed.append(ReadFailure(d.id, f"RDF mapping failed: {type(e).__name__}: {e}", d.source))
            continue
        graph += doc_graph
        summary.ok += 1
        summary.events += len(item.events)
        summary.claims += len(item.claims)
        summary.unresolved_times += sum(1 for e in item.events if e.time and e.time.unresolved)
    return graph, summary


def evaluate(gold_dir: str | Path, articles_dir: str | Path, *, model: str = DEFAULT_MODEL):
    """Extract every article that has a gold file, query the RDF with the bundled queries, and score it."""
    import pyoxigraph as ox

    from kg.errors import UsageError
    from kg.evaluate import Report, load_gold, score_document
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
    return Report(scores)
