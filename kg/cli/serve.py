"""``kg serve``: a local, read-only Oxigraph SPARQL server over kg output."""

from __future__ import annotations

from pathlib import Path

import click

from kg.store.server import serve as serve_files


@click.command()
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
    serve_files(files, host=host, port=port, echo=click.echo, writable=writable)
