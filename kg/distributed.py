"""Archives that outgrow one machine: extraction as a map over partitions on Dask.

Why Dask: it is pure Python (``pip install 'kg-conflict[dask]'``), runs the same code on a laptop
(``scheduler="processes"``), in one process for debugging (``"synchronous"``) and on a cluster
(``dask.distributed``: pass the scheduler's ``tcp://host:8786`` address) without a JVM (PySpark) or a
separate object store and runtime (Ray); ``dask.bag.read_text`` splits JSONL into line-aligned partitions
by byte blocks, locally or on S3/HDFS/GCS through fsspec, so no worker ever holds more than its block.

Each partition is one task running :func:`kg.corpus.process_documents` — the same pure per-document
function as a local run — and writing ``part-NNNNN.nq`` (N-Quads, one named graph per article, shared nodes
in the shared graph) atomically, plus ``part-NNNNN.errors.jsonl`` when documents failed. Any triple store
bulk-loads the directory (see the README). A task that is retried rewrites the same file, so a rerun is
idempotent.

Documents are identified by the JSONL ``id`` field; a line without one is named by its partition and line
(``part-00003:17``), which is stable only for the same block size.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.io.readers import DEFAULT_MAX_CHARS, ReadFailure, ReadNote, jsonl_documents
from kg.nlp import DEFAULT_MODEL


@dataclass
class PartitionResult:
    partition: int
    path: str
    ok: int = 0
    failed: list[dict] = field(default_factory=list)
    events: int = 0
    claims: int = 0
    triples: int = 0


def run_partition(lines: list[str], partition: int, out_dir: str, model: str = DEFAULT_MODEL,
                  max_chars: int = DEFAULT_MAX_CHARS) -> PartitionResult:
    """Extract one partition of JSONL lines into ``out_dir/part-NNNNN.nq``."""
    from kg.corpus import process_documents
    from kg.store.serialize import atomic_write

    name = f"part-{partition:05d}"
    out = Path(out_dir) / f"{name}.nq"
    result = PartitionResult(partition, str(out))
    docs = jsonl_documents((line.rstrip("\n").rstrip("\r") for line in lines), name, max_chars=max_chars)
    blocks: list[bytes] = []
    for item in process_documents(docs, fmt="nq", model=model):
        if isinstance(item, ReadNote):
            continue
        if isinstance(item, ReadFailure):
            result.failed.append(item.record())
            continue
        blocks.append(item.data)
        result.ok += 1
        result.events += item.events
        result.claims += item.claims
        result.triples += item.triples
    atomic_write(out, b"".join(blocks))
    errors = Path(out_dir) / f"{name}.errors.jsonl"
    if result.failed:
        atomic_write(errors, "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in result.failed))
    elif errors.exists():
        errors.unlink()
    return result


def run_dask(inputs: list[str], out_dir: str | Path, *, scheduler: str = "processes", workers: int | None = None,
             blocksize: str | int = "16MB", model: str = DEFAULT_MODEL,
             max_chars: int = DEFAULT_MAX_CHARS) -> list[PartitionResult]:
    """Extract JSONL ``inputs`` (paths or fsspec URLs, globs allowed) into one N-Quads file per partition."""
    try:
        import dask
        import dask.bag as db
    except ImportError:
        raise UsageError("the distributed path needs Dask: pip install 'kg-conflict[dask]'") from None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    try:
        bag = db.read_text(list(inputs), blocksize=blocksize, linedelimiter="\n")
    except (OSError, ValueError) as e:
        raise UsageError(f"cannot read {', '.join(inputs)}: {e}") from None
    tasks = [dask.delayed(run_partition)(part, i, str(out), model, max_chars)
             for i, part in enumerate(bag.to_delayed())]
    if scheduler.startswith(("tcp://", "tls://")):
        from dask.distributed import Client  # a cluster: pip install distributed

        with Client(scheduler):
            return list(dask.compute(*tasks))
    return list(dask.compute(*tasks, scheduler=scheduler, num_workers=workers))
