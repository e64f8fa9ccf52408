"""``kg validate``: check RDF files against kg's SHACL shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import EXIT_PARTIAL
from kg.store.validate import check_files


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check FILES (Turtle, N-Triples, N-Quads, TriG) against kg's SHACL shapes (ontology/shapes.ttl).

    Exits 0 when the data conforms, 1 when it does not (the violations are
    printed), 2 when a file cannot be read or parsed.

    \b
    Example:
      kg validate dnipro.ttl
    """
    result = check_files(files)
    if result.conforms:
        click.echo(f"conforms: {result.triples} triples in {len(files)} file(s)")
        return
    click.echo(result.text())
    sys.exit(EXIT_PARTIAL)
