"""``kg demo``: extract, then answer one competency question, in one command."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.extract import extract
from kg.cli.query import query


@click.command()
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
