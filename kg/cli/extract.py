"""``kg extract``: articles in, RDF out (the run itself is :mod:`kg.job`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from kg.cli.common import max_chars_option, model_option, one_line
from kg.errors import EXIT_OK, EXIT_PARTIAL
from kg.io import DEFAULT_MAX_CHARS, ReadFailure, ReadNote
from kg.job import Link, open_sink, run
from kg.nlp import DEFAULT_MODEL


class _Bar(tqdm):
    """A progress bar without tqdm's monitor thread (it only nudges stalled bars): a process that runs no other
    thread can fork its workers warm (see kg.corpus)."""

    monitor_interval = 0


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of to stdout (`-`: stdout); the suffix names the format: .ttl, "
                   ".nq, .nt, .trig (all streamed, document by document) or .jsonld (JSON-LD, written at the end).")
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write one file per document into this directory (DIR/<id>-<key>.<format>).")
@click.option("--format", "fmt", type=click.Choice(["ttl", "nq", "nt", "trig", "jsonld"]),
              help="Output format [default: from the -o suffix; ttl for stdout and --out-dir]. N-Quads and TriG put "
                   "each article in a named graph (its document IRI) and shared nodes in one shared graph.")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that extract (this one and N-1 workers; each loads the model once).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Documents per nlp.pipe batch (and per task sent to a worker).")
@click.option("--resume", is_flag=True,
              help="Go on with an interrupted run: skip the documents already written to the .nq/.nt/.trig output "
                   "or --out-dir.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: when stderr is a terminal].")
@click.option("--link", "link_to", is_flag=True,
              help="Also link actors and places to Wikidata (as `kg link` does; one Turtle graph only). Off by "
                   "default, so that extraction stays offline.")
@click.option("--link-endpoint", metavar="URL", help="SPARQL endpoint for --link [default: Wikidata's].")
@click.option("--link-cache", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="JSON cache for --link lookups (a second run makes no request).")
@model_option
@click.option("--validate/--no-validate", default=False,
              help="Also check the output against the SHACL shapes (one Turtle graph only).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every document that failed here as JSON lines: id, reason, source (atomically).")
@max_chars_option
@click.option("--force", is_flag=True, help="Replace an output file even when it is read-only (mode without w).")
@click.option("--text", "text_policy", type=click.Choice(["full", "evidence", "none"]), default="full",
              show_default=True,
              help="How much of each article's text goes into the graph: all of it (nif:isString), only the sentences "
                   "that support a statement and the claims' quotes, or none (the words of each span only).")
def extract(inputs: tuple[str, ...], output: Path | None, model: str | None, validate: bool,
            errors_path: Path | None = None, max_chars: int = DEFAULT_MAX_CHARS, out_dir: Path | None = None,
            fmt: str | None = None, processes: int = 1, batch_size: int = 16, resume: bool = False,
            progress: bool | None = None, link_to: bool = False, link_endpoint: str | None = None,
            link_cache: Path | None = None, force: bool = False, text_policy: str = "full") -> None:
    """Extract events, casualties and claims from articles into RDF.

    INPUTS are .txt files (an optional first line `date YYYY-MM-DD` gives the
    publication date), .html pages (the article text is kept; scripts and
    navigation are dropped), directories (read recursively), JSONL files (one
    article per line: id, text, published, optional url and title) or `-` for
    stdin. Without a publication date, relative dates ("on Friday") stay
    unresolved and are flagged kgo:unresolved in the output.

    A document that cannot be read (binary, empty, a date in the future, over
    --max-chars, ...) is named on stderr with the reason and the run goes on;
    text that is not UTF-8 is decoded (cp1252, latin-1, ...) with a note.
    Exits 1 when some documents failed (the output holds the rest) and 2 when
    none could be read.

    Corpus runs stream: with -o X.nq (or .nt, .trig) or --out-dir, memory stays
    flat whatever the corpus size. Interrupted (Ctrl-C, SIGTERM, even kill -9),
    such a run leaves the previous X.nq untouched and the documents done so far
    in X.nq.partial with X.nq.kg-state; run the same command with --resume to
    go on (exit 130 when interrupted).

    \b
    Example:
      kg extract examples/dnipro-2023-05-27.txt -o dnipro.ttl
      kg extract articles/ -o out.ttl --errors failed.jsonl
      kg extract archive.jsonl -o archive.nq --processes 2 --resume
    """
    if output is not None and str(output) == "-":
        output = None  # "-o -": stdout, as without -o
    sink, fmt = open_sink(output, out_dir, fmt, resume=resume, link=link_to, validate=validate, force=force)
    bar = _Bar(unit=" doc", file=sys.stderr, disable=not (sys.stderr.isatty() if progress is None else progress),
               dynamic_ncols=True, leave=False)

    def show(item, summary) -> None:
        if isinstance(item, ReadNote):
            bar.write(f"kg: note: {one_line(item.doc_id)}: {one_line(item.message)}", file=sys.stderr)
            return
        if isinstance(item, ReadFailure):
            bar.write(f"kg: skipped {one_line(item.doc_id)}: {one_line(item.reason)}", file=sys.stderr)
        bar.update(1)
        bar.set_postfix(failed=len(summary.failed), refresh=False)

    try:
        outcome = run(inputs, sink, fmt=fmt, model=model or DEFAULT_MODEL, processes=processes,
                      batch_size=batch_size, text=text_policy, max_chars=max_chars, resume=resume,
                      errors_path=errors_path, link=Link(link_endpoint, link_cache) if link_to else None,
                      on_item=show)
    finally:
        bar.close()
    summary = outcome.summary
    if outcome.interrupted:
        click.echo(f"kg: interrupted after {summary.ok} document(s) ({summary.resumed} done before); "
                   f"run the same command with --resume to go on", err=True)
        sys.exit(128 + outcome.interrupted)
    seconds = outcome.seconds
    note = (f", {summary.unresolved_times} relative date(s) left unresolved (no publication date)"
            if summary.unresolved_times else "")
    resumed = f", {summary.resumed} already written" if summary.resumed else ""
    click.echo(f"kg: {summary.ok} document(s) ok, {len(summary.failed)} failed{resumed}; "
               f"{summary.events} event(s), {summary.claims} claim(s), {outcome.triples} triples{note}; "
               f"{seconds:.1f} s ({summary.ok / seconds if seconds else 0:.1f} docs/s)"
               + (f" → {sink.where}" if sink.where != "stdout" else "")
               + (f"; failures listed in {errors_path}" if errors_path and summary.failed else ""), err=True)
    linked = outcome.linked
    if linked is not None:
        click.echo(f"kg: {linked.summary()}", err=True)
        for err in linked.errors:
            click.echo(f"kg: endpoint error: {one_line(err)}", err=True)
    if validate:
        from kg.store.validate import check_files  # only with --validate: pySHACL and pyrudof cost 0.14 s to load

        result = check_files([output])
        if not result.conforms:
            click.echo(result.text(), err=True)
            sys.exit(EXIT_PARTIAL)
    sys.exit(EXIT_PARTIAL if summary.failed or (linked is not None and linked.errors) else EXIT_OK)
