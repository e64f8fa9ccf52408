"""``kg report``: one self-contained HTML report from kg output."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import write_output
from kg.report.build import build_report


@click.command("report")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="Where to write the HTML (atomically).")
@click.option("--title", default=None, help="The report's title [default: the article's title, or a generic one].")
def report(data: tuple[Path, ...], output: Path, title: str | None) -> None:
    """Build one self-contained HTML report from Turtle DATA files.

    The Turtle is loaded into an embedded Oxigraph store and the page is made
    from SPARQL queries over it: an events table with the casualty figures as
    the text qualifies them (≥ 2, 30, > 45; 0 for an explicit none) and
    totals that never add lower bounds into an exact number, each event's
    claims (hedged and negated ones marked), a timeline, the places on a
    longitude/latitude plot, and the source articles with every evidence span
    highlighted. Filters by type, place, actor and date need JavaScript; the
    tables do not. The file loads nothing from the network.

    \b
    Example:
      kg extract examples/dnipro-2023-05-27.txt -o dnipro.ttl
      kg report dnipro.ttl -o report.html
    """
    write_output(build_report(data, title=title), output)
    click.echo(f"kg: report of {len(data)} file(s) → {output}", err=True)
