"""One ``kg extract`` job: where its output goes, how it stops, how it goes on.

:func:`open_sink` turns the output options into a sink (:mod:`kg.store.sinks`), refusing combinations that
cannot work. :func:`run` streams the inputs through :func:`kg.corpus.stream` into the sink, skipping what an
earlier, interrupted run already wrote (``resume``), and ends the run the one way the situation calls for:
committed, interrupted (the sink keeps what it holds for ``--resume``), or refused because nothing could be read.
SIGINT and SIGTERM stop the work in hand at once, not once the batch in hand is done: a huge document may take
minutes. The command line only parses options and prints what this module reports.
"""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.corpus import DocResult, RunSummary, stream
from kg.errors import OutputError, UsageError
from kg.io import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, read_inputs
from kg.model import Document
from kg.nlp import DEFAULT_MODEL
from kg.store.serialize import atomic_write
from kg.store.sinks import (DocumentFiles, StreamFile, StreamStdout, TurtleGraph, TurtleStdout, TurtleStream,
                            Written, format_for)


def open_sink(output: Path | None, out_dir: Path | None, fmt: str | None, *, resume: bool = False,
              link: bool = False, validate: bool = False, force: bool = False) -> tuple[object, str]:
    """The sink for these output options and the format it writes: one streamed file or stdout, one file per
    document, or one graph (JSON-LD and ``link`` need the whole graph). Raises :class:`UsageError` for options that cannot go
    together and :class:`OutputError` when the output cannot be opened."""
    try:
        if output and out_dir:
            raise UsageError("give -o/--output or --out-dir, not both")
        fmt = format_for(output, fmt) if not out_dir else (fmt or "ttl")
        if resume and not (output or out_dir):
            raise UsageError("--resume needs an output file or --out-dir, not stdout")
        if validate and not output:
            raise UsageError("--validate checks the output file: give -o FILE")
        if output and not force and output.is_file() and not output.stat().st_mode & 0o222:
            raise UsageError(f"{output} is read-only; pass --force to replace it")
        if out_dir:
            return DocumentFiles(out_dir, fmt, resume=resume), fmt
        if fmt == "jsonld":
            if resume or link:
                raise UsageError("JSON-LD is written as one document at the end of the run: no --resume or --link "
                                 "(write Turtle, or one file per article with --out-dir)")
            return TurtleGraph(output, "jsonld"), fmt
        if link:
            if fmt != "ttl" or resume:
                raise UsageError("--link links one Turtle graph built in memory (no --resume); link streamed "
                                 "output afterwards with `kg link`")
            return TurtleGraph(output), fmt
        if fmt == "ttl":
            return (TurtleStream(output, resume=resume) if output else TurtleStdout()), fmt
        return (StreamFile(output, resume=resume) if output else StreamStdout()), fmt
    except OSError as e:
        raise OutputError.of(e, output or out_dir) from None


@dataclass
class Link:
    """Link the run's graph to Wikidata before it is written (``kg extract --link``)."""

    endpoint: str | None = None
    cache: Path | None = None


@dataclass
class Outcome:
    """How a run ended: its summary, the signal that interrupted it (else None), its duration, its triples and
    the Wikidata links made (with ``link``)."""

    summary: RunSummary
    interrupted: int | None
    seconds: float
    triples: int
    linked: object | None = None


class _Interrupted(BaseException):
    """SIGINT or SIGTERM: raised by the signal handler to stop the work in hand at once."""


def _failure_record(f: ReadFailure) -> str:
    return json.dumps(f.record(), ensure_ascii=False) + "\n"


def run(inputs: Iterable[str], sink, *, fmt: str, model: str = DEFAULT_MODEL, processes: int = 1,
        batch_size: int = 16, text: str = "full", max_chars: int = DEFAULT_MAX_CHARS, resume: bool = False,
        errors_path: Path | None = None, link: Link | None = None,
        on_item: Callable[[DocResult | ReadFailure | ReadNote, RunSummary], None] | None = None) -> Outcome:
    """Extract ``inputs`` into ``sink`` and end the run; ``on_item`` sees every result, failure and note as it
    comes (with the summary so far). The failures go to ``errors_path`` (JSON lines) whatever happens. Raises
    :class:`UsageError` when no document could be read and :class:`OutputError` when the output cannot be
    written."""
    summary = RunSummary()
    started = time.perf_counter()
    stop: list[int] = []

    def on_signal(signum, frame):
        stop.append(signum)
        if len(stop) == 1:  # at once: nothing checks ``stop`` in between
            raise _Interrupted(signum)

    previous: dict = {}
    try:
        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        for item in stream(_pending(inputs, sink, summary, max_chars=max_chars, resume=resume),
                           fmt=sink.needs if sink.needs in ("graph", "quads") else fmt, model=model,
                           processes=processes, batch_size=batch_size, text=text):
            if isinstance(item, ReadNote):
                summary.notes.append(item)
            elif isinstance(item, ReadFailure):
                summary.failed.append(item)
            else:
                sink.write(Written(item.id, item.key, item.data, item.graph, item.quads))
                summary.add(item)
            if on_item:
                on_item(item, summary)
    except _Interrupted:
        pass  # what is written is recorded; the documents in hand are done again by --resume
    except OSError as e:
        raise OutputError.of(e, sink.where) from None
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    linked = None
    try:
        if errors_path:
            atomic_write(errors_path, "".join(_failure_record(f) for f in summary.failed))
        if stop:
            sink.interrupt()
        elif summary.ok == 0 and summary.resumed == 0:
            sink.interrupt()
            raise UsageError("no readable input documents")
        else:
            if link is not None and isinstance(sink, TurtleGraph):
                linked = _link(sink.graph, link)
            sink.commit()
    except OSError as e:
        raise OutputError.of(e, sink.where) from None
    triples = len(sink.graph) if isinstance(sink, TurtleGraph) else summary.triples
    return Outcome(summary, stop[0] if stop else None, time.perf_counter() - started, triples, linked)


def _pending(inputs: Iterable[str], sink, summary: RunSummary, *, max_chars: int, resume: bool) -> Iterator:
    """The inputs the sink does not hold yet; a document changed since an earlier run wrote it is refused."""
    for item in read_inputs(inputs, max_chars=max_chars):
        if isinstance(item, Document) and sink.is_done(item.key, item.id):
            summary.resumed += 1
            continue
        if isinstance(item, Document) and resume and sink.changed(item.key, item.id):
            yield ReadFailure(item.id, f"changed since it was written to {sink.where}: --resume keeps the "
                                       "version written there; run without --resume to replace it")
            continue
        yield item


def _link(graph, link: Link):
    """Wikidata links for the run's graph (an endpoint that fails is reported, never fatal)."""
    from kg.link.client import WIKIDATA_ENDPOINT  # only with --link: extraction stays offline otherwise
    from kg.link.graph import link_graph

    return link_graph(graph, endpoint=link.endpoint or WIKIDATA_ENDPOINT, cache_path=link.cache)
