"""``kg describe``: a VoID and DCAT description of kg output."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import write_output
from kg.errors import UsageError
from kg.store.describe import describe as describe_files


@click.command()
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
    try:
        graph = describe_files(files, license_iri=license_iri, title=title, download_url=download_url)
    except OSError as e:
        raise UsageError(f"cannot read {e.filename}: {e.strerror or e}") from None
    write_output(graph.serialize(format="turtle"), output)
