"""The whole job, one document at a time: read → parse → extract → map to RDF.

The CLI and the benchmarks call this module; it holds no format or UI logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph

from kg.extract import extract
from kg.io import ReadFailure, read_inputs
from kg.model import Document, Extraction
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.rdf import to_graph
from kg.rdf.namespaces import bind_prefixes


@dataclass
class RunSummary:
    ok: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    unresolved_times: int = 0


def extract_documents(
    documents: Iterable[Document | ReadFailure], *, model: str = DEFAULT_MODEL, batch_size: int = 16,
) -> Iterator[Extraction | ReadFailure]:
    """Extractions in input order; failures pass through (and a document that crashes the extractor becomes one)."""
    nlp = load_pipeline(model)
    pending: list[Document | ReadFailure] = []

    def flush():
        docs = [d for d in pending if isinstance(d, Document)]
        parsed = iter(nlp.pipe((d.text for d in docs), batch_size=batch_size))
        for item in pending:
            if isinstance(item, ReadFailure):
                yield item
                continue
            spacy_doc = next(parsed)
            try:
                yield extract(item, spacy_doc)
            except Exception as e:  # one bad document never kills a corpus run
                yield ReadFailure(item.id, f"extraction failed: {type(e).__name__}: {e}")
        pending.clear()

    for item in documents:
        pending.append(item)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()


def run(inputs: Iterable[str], *, model: str = DEFAULT_MODEL) -> tuple[Graph, RunSummary]:
    """Extract every input into one graph."""
    graph = bind_prefixes(Graph())
    summary = RunSummary()
    for item in extract_documents(read_inputs(inputs), model=model):
        if isinstance(item, ReadFailure):
            summary.failed.append(item)
            continue
        to_graph(item, graph)
        summary.ok += 1
        summary.events += len(item.events)
        summary.claims += len(item.claims)
        summary.unresolved_times += sum(1 for e in item.events if e.time and e.time.unresolved)
    return graph, summary
