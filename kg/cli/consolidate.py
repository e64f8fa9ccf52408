"""``kg consolidate``: reports of one attack in several articles become one incident."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import write_output
from kg.consolidate import run as run_consolidation
from kg.store.serialize import turtle


@click.command()
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
    graph, found = run_consolidation(data)
    write_output(turtle(graph), output)
    reports = sum(len(i.reports) for i in found)
    click.echo(f"kg: {len(found)} incident(s) from {reports} reports"
               + (f" → {output}" if output else ""), err=True)
