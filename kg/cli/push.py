"""``kg push``: load kg output into a SPARQL 1.1 store, one named graph per article."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import password_option, user_option
from kg.errors import UsageError
from kg.store.httpclient import RetryPolicy, credentials
from kg.store.push import push as push_files
from kg.store.push import push_spool
from kg.store.sparql import default_graph_hint


@click.command()
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
    def landed(iri: str, n: int, replaced: bool) -> None:
        click.echo(f"{'replaced' if replaced else 'merged into'} <{iri}>: {n} triples")

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
    where = f"; query it at {report.query_url}" if report.query_url else ""
    source = f"the spool {from_spool}" if from_spool is not None else f"{len(files)} file(s)"
    click.echo(f"kg: pushed {report.triples} triples from {source} into {len(report.graphs)} graph(s) "
               f"({report.documents} replaced) at {report.gsp_url}{where}", err=True)
    if report.query_url and report.graphs:  # push writes named graphs: can the queries see them?
        hint = default_graph_hint(report.query_url, auth=auth, timeout=timeout, retry=retry)
        if hint:
            click.echo(f"kg: warning: {hint}", err=True)
