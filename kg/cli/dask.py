"""``kg dask``: extract JSONL archives as a map over partitions on Dask (:mod:`kg.distributed`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import max_chars_option, model_option, one_line
from kg.distributed import run_dask
from kg.errors import EXIT_OK, EXIT_PARTIAL, UsageError
from kg.nlp import DEFAULT_MODEL


@click.command("dask")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Write part-NNNNN.nq (and part-NNNNN.errors.jsonl) here.")
@click.option("--scheduler", default="processes", show_default=True,
              help="processes, threads, synchronous, or a dask.distributed address (tcp://host:8786).")
@click.option("--workers", type=click.IntRange(min=1), help="Local worker count [default: Dask's].")
@click.option("--blocksize", default="16MB", show_default=True, help="Bytes of JSONL per partition.")
@model_option
@max_chars_option
def dask(inputs: tuple[str, ...], out_dir: Path, scheduler: str, workers: int | None, blocksize: str,
         model: str | None, max_chars: int) -> None:
    """Extract JSONL archives as a map over partitions on Dask.

    INPUTS are JSONL files (paths, globs or fsspec URLs such as s3://bucket/news-*.jsonl,
    one article per line with an `id`). Each partition becomes one N-Quads file
    (one named graph per article) that any triple store bulk-loads; its failed
    documents are listed next to it. Needs `pip install 'kg-conflict[dask]'`
    (and `distributed` for a cluster). Exits 1 when some documents failed.

    \b
    Example:
      kg dask archive.jsonl --out-dir parts/ --workers 2
      kg dask 's3://news/2024-*.jsonl' --out-dir /shared/parts --scheduler tcp://10.0.0.5:8786
    """
    results = run_dask(list(inputs), out_dir, scheduler=scheduler, workers=workers, blocksize=blocksize,
                       model=model or DEFAULT_MODEL, max_chars=max_chars)
    failed = sum(len(r.failed) for r in results)
    for r in results:
        for f in r.failed:
            click.echo(f"kg: skipped {one_line(f['id'])}: {one_line(f['reason'])}", err=True)
    click.echo(f"kg: {len(results)} partition(s), {sum(r.ok for r in results)} document(s) ok, {failed} failed; "
               f"{sum(r.events for r in results)} event(s), {sum(r.claims for r in results)} claim(s), "
               f"{sum(r.triples for r in results)} triples → {out_dir}", err=True)
    if sum(r.ok for r in results) == 0:
        raise UsageError("no readable input documents")
    sys.exit(EXIT_PARTIAL if failed else EXIT_OK)
