"""The extraction's speed-ups change nothing: the per-document caches of kg.extract.doccache and the early
reject of _is_trigger give the same extraction as the plain code paths, on real development articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.io import read_inputs
from kg.nlp import parse_view

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
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
    from kg.extract import extract
    from kg.extract.events import triggers as events

    with_filter = [extract(document, doc) for document, doc in parsed]
    monkeypatch.setattr(events, "_CANDIDATE_TRIGGERS", _Everything())
    assert [extract(document, doc) for document, doc in parsed] == with_filter


def test_the_token_columns_are_spacys_attributes(parsed):
    """doccache.columns reads the parse's arrays once: each column must hold what the Token attribute says, and
    the normalised lemmas what norm_lemma's definition gives token by token."""
    from kg.extract import doccache
    from kg.extract.events.syntax import _norm_lemmas
    from kg.lexicon import ARMED_SUBJECTS, NOUN_TRIGGERS, WEAPON_WORDS

    def norm_lemma(t):  # the definition, one Token at a time
        if t.pos_ == "PROPN" and (t.is_sent_start or t.i == 0 or t.doc[t.i - 1].is_space):
            word = t.lower_
            for cand in (word, word[:-1] if word.endswith("s") else word):
                if cand in WEAPON_WORDS or cand in NOUN_TRIGGERS or cand in ARMED_SUBJECTS:
                    return cand
        return t.lemma_.lower()

    proper_first = 0
    for document, doc in parsed:
        cols = doccache.columns(doc)
        assert [t.i for t in cols.tokens] == list(range(len(doc)))
        for name, attr in (("lower", "lower_"), ("pos", "pos_"), ("tag", "tag_"), ("dep", "dep_"),
                           ("ent_type", "ent_type_")):
            assert getattr(cols, name) == [getattr(t, attr) for t in doc], (document.id, name)
        assert cols.lemma == [t.lemma_.lower() for t in doc], document.id
        assert cols.head == [t.head.i for t in doc], document.id
        assert _norm_lemmas(doc) == [norm_lemma(t) for t in doc], document.id
        proper_first += sum(norm_lemma(t) != t.lemma_.lower() for t in doc)
        for span in [*doc.sents, *doc.ents]:
            with doccache.prepared(doc, parse_view(document.text)):
                assert doccache.span_text(span) == span.text
    assert proper_first > 0  # the articles exercise the capitalised-first-word branch


def test_entity_lookups_by_position_are_the_linear_scans(parsed):
    """Entities.ent_at and spans_over (bisection over the entities, which are in order and never overlap) find
    what a pass over all of them finds."""
    from kg.extract.entities import Entities

    for document, doc in parsed:
        ents = Entities(document, doc)
        spans = ents.spans
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:])), document.id
        for i in range(len(doc)):
            assert ents.ent_at(i) is next((e for e in spans if e.start <= i < e.end), None)
        for lo in range(0, len(doc), 7):
            for hi in (lo, lo + 3, lo + 40):
                assert ents.spans_over(lo, hi) == [e for e in spans if not (e.end <= lo or e.start > hi)]


def test_the_parse_is_freed_as_soon_as_the_extraction_is_done(nlp):
    """No reference cycle holds a parsed Doc: a corpus run frees each one at once, by reference counting, rather
    than leaving every Doc (with its tensors) for the cycle collector. (Mentions that listed themselves in their
    own group used to make every Doc cyclic garbage, and a 1,000-article run peaked at 650 MB instead of 400.)"""
    import gc

    from spacy.tokens import Doc

    from kg.extract import extract

    document = next(read_inputs([str(DATA / "sample")]))
    gc.collect()
    gc.disable()
    try:
        before = sum(isinstance(o, Doc) for o in gc.get_objects())
        x = extract(document, nlp(parse_view(document.text)))
        assert x.events and x.claims  # a real extraction, with grouped mentions
        assert sum(isinstance(o, Doc) for o in gc.get_objects()) == before
    finally:
        gc.enable()


@pytest.mark.slow  # a property test over many generated sentences
def test_clause_tokens_are_the_subtree_filter(nlp):
    """_clause_tokens scans the verb's span of tokens instead of walking its subtree: the same tokens, in text order,
    for every token of 111 invented articles and 14 real ones (when ../shared is there) taken as the verb (nouns and verbs inside coordinations included; a few of
    these parses are non-projective, where a token between a verb's edges need not be in its subtree)."""
    from kg.extract import doccache
    from kg.extract.events.syntax import clause_tokens as _clause_tokens, clause_verb_i as _clause_verb_i
    from kg.model import Document

    batches = [str(DATA / b) for b in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "heldout")]
    wikievents = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")) / "wikievents"  # real text, not in the repo
    docs = [d for d in read_inputs([*batches, *map(str, sorted(wikievents.glob("*.txt")))]) if isinstance(d, Document)]
    assert len(docs) > 100
    unordered = 0  # verbs whose subtree walk is not in text order: the non-projective cases
    for document, doc in zip(docs, nlp.pipe(parse_view(d.text) for d in docs)):
        with doccache.prepared(doc, parse_view(document.text)):
            for verb in doc:
                verbs = {verb.i} | {c.i for c in verb.conjuncts if c.pos_ in ("VERB", "AUX")}
                walked = [t.i for t in verb.subtree]
                unordered += walked != sorted(walked)
                expected = sorted(i for i in walked if _clause_verb_i(doc[i]) in verbs)
                assert [t.i for t in _clause_tokens(verb)] == expected, (document.id, verb.i)
                assert all(doccache.in_subtree(doc, i, verb.i) == (i in walked) for i in range(
                    max(verb.left_edge.i - 2, 0), min(verb.right_edge.i + 3, len(doc))))
    assert unordered > 0
