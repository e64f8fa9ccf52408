"""Real attack reports (WikiEvents, MIT): attack recall at sentence level, and valid RDF for each."""

import bisect
import json
import os
from pathlib import Path

import pytest

from kg.io import read_inputs
from kg.corpus import extract_documents
from kg.rdf import to_graph
from kg.store.validate import check_graph

# third-party text: read from the shared folder beside the checkout (CI has it there), never copied into the repo
SHARED = Path(os.environ.get("KG_SHARED", Path(__file__).resolve().parents[2] / "shared"))
DATA = SHARED / "wikievents"
TEXTS = sorted(DATA.glob("*.txt"))
pytestmark = pytest.mark.skipif(not TEXTS, reason=f"the WikiEvents texts are not in {DATA} (set KG_SHARED)")


@pytest.fixture(scope="module")
def extractions(nlp):
    docs = list(read_inputs([str(p) for p in TEXTS]))
    return {x.document.id: x for x in extract_documents(docs)}


def _event_lines(x) -> set[int]:
    starts = [0] + [i + 1 for i, ch in enumerate(x.document.text) if ch == "\n"]
    return {bisect.bisect_right(starts, sp.start) - 1 for e in x.events for sp in [e.evidence.span, *e.mentions]}


def test_the_copy_is_complete():
    assert len(TEXTS) == 14
    assert all((DATA / f"{p.stem}.gold.json").exists() for p in TEXTS)


def test_attack_sentences_are_found(extractions):
    found = total = 0
    for p in TEXTS:
        gold = json.loads((DATA / f"{p.stem}.gold.json").read_text())
        attacks = {m["trigger"]["sent_idx"] for m in gold["event_mentions"] if m["event_type"].startswith("Conflict.Attack")}
        ours = _event_lines(extractions[p.stem])
        found += len(attacks & ours)
        total += len(attacks)
    recall = found / total
    # measured 0.79-0.81 while the extractor was tuned; the floor sits a little below
    assert recall >= 0.75, f"sentence-level attack recall fell to {recall:.2f}"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem[:24])
def test_every_real_report_gives_valid_rdf(extractions, path):
    x = extractions[path.stem]
    result = check_graph(to_graph(x))
    assert result.conforms, result.text()
