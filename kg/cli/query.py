"""``kg query``: a bundled query (or any .rq file) over local files or at a SPARQL endpoint."""

from __future__ import annotations

import click

from kg.cli.common import format_option, parse_params, password_option, user_option
from kg.errors import UsageError
from kg.store.httpclient import RetryPolicy, credentials
from kg.store.query import format_result, load_store, query_endpoint, query_store
from kg.store.resources import bundled_queries, load_query
from kg.store.sparql import default_graph_hint


@click.command()
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
    if list_queries:
        for name, info in bundled_queries().items():
            extra = f"  [params: {', '.join(info.params)}]" if info.params else ""
            click.echo(f"{name}: {info.summary}{extra}")
        return
    info = load_query(query)
    bound = parse_params(params)
    if endpoint:
        auth = credentials(user, password, url=endpoint)
        retry = RetryPolicy(retries=retries)
        result = query_endpoint(endpoint, info, bound, timeout=timeout, auth=auth, retry=retry)
        if not result.rows:
            hint = default_graph_hint(endpoint, auth=auth, timeout=timeout, retry=retry)
            if hint:
                click.echo(f"kg: no rows; {hint}", err=True)
    else:
        if not data:
            raise UsageError("give Turtle DATA files to query, or --endpoint URL")
        result = query_store(load_store(data), info, bound)
    click.echo(format_result(result, fmt), nl=False)
