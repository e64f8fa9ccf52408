"""``kg link``: add Wikidata links to the actors and places of existing kg output (:mod:`kg.link`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import one_line, write_output
from kg.errors import EXIT_OK, EXIT_PARTIAL
from kg.link.client import WIKIDATA_ENDPOINT
from kg.link.graph import link_graph
from kg.link.scoring import THRESHOLD
from kg.store.serialize import read_graph, turtle


@click.command("link")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the linked Turtle here (atomically) instead of to stdout.")
@click.option("--endpoint", default=WIKIDATA_ENDPOINT, show_default=True, metavar="URL",
              help="SPARQL endpoint with Wikidata-shaped data (labels, aliases, wdt:P31, wdt:P17, ...).")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="JSON cache of lookups: read first, updated after each request; a second run makes no request.")
@click.option("--offline", is_flag=True, help="Use the cache only; make no request.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=THRESHOLD, show_default=True,
              help="Lowest score that links; below it the candidates are recorded instead.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds to wait for each request.")
@click.option("--min-interval", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests (rate limit).")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Retries (with exponential backoff) on HTTP 429/5xx, timeouts and network errors.")
def link(data: tuple[Path, ...], output: Path | None, endpoint: str, cache_path: Path | None, offline: bool,
         threshold: float, timeout: float, min_interval: float, retries: int) -> None:
    """Link the actors and places in Turtle DATA files to Wikidata.

    States, armed forces, armed groups, organisations, people and places get
    `skos:exactMatch wd:Q...` when one item fits well enough (name, type,
    GeoNames id / ISO code, country, co-occurring countries); each link carries
    its score, method, endpoint and date. Below --threshold, or when two items
    fit equally, nothing is linked and the candidates are recorded instead.
    Exits 1 when the endpoint failed (the output is still written, without the
    links it was needed for).

    \b
    Example:
      kg link dnipro.ttl -o dnipro-linked.ttl --cache wikidata-cache.json
      kg link dnipro.ttl --cache wikidata-cache.json --offline
    """
    g = read_graph(data)
    report = link_graph(g, endpoint=endpoint, cache_path=cache_path, threshold=threshold, offline=offline,
                        timeout=timeout, min_interval=min_interval, retries=retries)
    write_output(turtle(g), output)
    for d in report.decisions:
        if d.status == "linked":
            click.echo(f"kg: linked {one_line(d.label)} → wd:{d.qid} ({d.score:.2f})", err=True)
        elif d.status in ("ambiguous", "below_threshold"):
            best = ", ".join(f"wd:{c.qid} {c.score:.2f}" for c in d.candidates if c.rejected is None)
            click.echo(f"kg: not linked ({d.status.replace('_', ' ')}): {one_line(d.label)}: {best}", err=True)
    for err in report.errors:
        click.echo(f"kg: endpoint error: {one_line(err)}", err=True)
    click.echo(f"kg: {report.summary()}" + (f" → {output}" if output else ""), err=True)
    sys.exit(EXIT_PARTIAL if report.errors else EXIT_OK)
