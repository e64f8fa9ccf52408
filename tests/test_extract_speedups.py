"""The extraction's speed-ups change nothing: the per-document caches of kg.extract.doccache and the early
reject of _is_trigger give the same extraction as the plain code paths, on real development articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.io import read_inputs
from kg.nlp import parse_view

DATA = Path(__file__).parent / "data"
# a spread of styles: a claim-heavy batch, the harder-style batch and the blind one
ARTICLES = [p for batch in ("dev3", "dev4", "dev6") for p in sorted((DATA / batch).glob("*.txt"))[:3]]


class _Everything:
    def __contains__(self, item) -> bool:
        return True


@pytest.fixture(scope="module")
def parsed(nlp):
    docs = list(read_inputs([str(p) for p in ARTICLES]))
    return [(d, nlp(parse_view(d.text))) for d in docs]


def test_the_articles_are_there():
    assert len(ARTICLES) == 9


def test_the_document_caches_change_nothing(parsed):
    """extract() runs with spaCy user hooks and per-document tables; _extract() alone uses spaCy's own
    Token.sent, Span.text and head walks."""
    from kg.extract import _extract, extract

    for document, doc in parsed:
        fast = extract(document, doc)
        assert not doc.user_hooks and not doc.user_token_hooks and not doc.user_span_hooks  # taken away after
        assert fast == _extract(document, doc), document.id


def test_the_early_reject_of_trigger_words_changes_nothing(parsed, monkeypatch):
    """_CANDIDATE_TRIGGERS must list every lemma some branch of _is_trigger accepts: with it, the extraction is
    the same as when every word goes through all the tests."""
    from kg.extract import events, extract

    with_filter = [extract(document, doc) for document, doc in parsed]
    monkeypatch.setattr(events, "_CANDIDATE_TRIGGERS", _Everything())
    assert [extract(document, doc) for document, doc in parsed] == with_filter
