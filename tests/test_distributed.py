"""The distributed path: Dask's local scheduler, one N-Quads file per partition, the same triples as one
process."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("dask")
pytestmark = pytest.mark.model

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Ten articles with ids as JSONL, one bad line among them."""
    lines = []
    for p in sorted((DATA / "dev2").glob("*.txt"))[:10]:
        head, _, text = p.read_text(encoding="utf-8").partition("\n")
        lines.append(json.dumps({"id": p.stem, "published": head.split()[1], "text": text.lstrip("\n")}))
    lines.insert(4, '{"id": "broken", "text": ""}')
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quads(paths) -> set:
    return {q for p in paths for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)}


@pytest.mark.parametrize("scheduler", ["synchronous", "processes"])
def test_partitions_hold_the_same_quads_as_a_single_process_run(archive, tmp_path, scheduler):
    from kg.distributed import run_dask
    from kg.corpus import process_documents
    from kg.io import read_inputs

    results = run_dask([str(archive)], tmp_path / "parts", scheduler=scheduler, workers=2, blocksize="3KB")
    assert len(results) >= 3  # the archive really was split
    parts = sorted((tmp_path / "parts").glob("part-*.nq"))
    assert [Path(r.path) for r in results] == parts
    assert sum(r.ok for r in results) == 10
    assert [f["id"] for r in results for f in r.failed] == ["broken"]
    errors = list((tmp_path / "parts").glob("*.errors.jsonl"))
    assert len(errors) == 1 and "missing or empty 'text'" in errors[0].read_text()
    single = b"".join(x.data for x in process_documents(read_inputs([str(archive)]), fmt="nq")
                      if hasattr(x, "data"))
    (tmp_path / "single.nq").write_bytes(single)
    assert _quads(parts) == _quads([tmp_path / "single.nq"])


def test_dask_command(archive, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["dask", str(archive), "--out-dir", str(tmp_path / "p"), "--scheduler",
                                       "synchronous", "--blocksize", "16KB"])
    assert result.exit_code == 1, result.output  # one document failed
    assert "skipped broken" in result.output and "10 document(s) ok, 1 failed" in result.output
    store = ox.Store()
    for p in sorted((tmp_path / "p").glob("*.nq")):
        store.bulk_load(path=str(p), format=ox.RdfFormat.N_QUADS)
    docs = list(store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a <https://schema.org/NewsArticle> } }"))
    assert docs[0]["n"].value == "10"
