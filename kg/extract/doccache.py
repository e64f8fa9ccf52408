"""Facts about a parsed document that spaCy recomputes on every access, computed once while kg extracts from it.

``Token.sent``, ``Span.sent`` and ``Doc.sents`` find the sentence boundaries again each time, ``Span.text``
joins its tokens again, ``doc[i]`` and iterating a span make a new Token object each time, and every string
attribute of a token is a lookup in the vocabulary: the extractors ask for these thousands of times per
article. :func:`prepared` installs spaCy user hooks and a per-document table in ``Doc.user_data`` for the
duration of one extraction, and takes them away afterwards, so the Doc leaves as it came (its user data stays
serialisable). :func:`columns` gives the rules that sweep whole sentences each token's words as plain lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc, Span

KEY = "kg.extract"


@contextmanager
def prepared(doc: Doc, text: str) -> Iterator[None]:
    """``text`` is the text ``doc`` is the parse of (what ``Doc.text`` would build from its tokens)."""
    if len(doc) and not text.startswith(doc[0].text, doc[0].idx):
        raise ValueError("the parse is not of this text")
    sents = list(doc.sents)
    sentence_of: list = [None] * len(doc)
    for sent in sents:
        sentence_of[sent.start:sent.end] = [sent] * len(sent)
    last = len(doc) - 1
    doc.user_hooks["sents"] = lambda d: iter(sents)
    doc.user_token_hooks["sent"] = lambda tok: sentence_of[tok.i]
    doc.user_span_hooks["sent"] = lambda span: sentence_of[min(span.start, last)]
    doc.user_data[KEY] = {"text": text}
    try:
        yield
    finally:
        for hooks, name in ((doc.user_hooks, "sents"), (doc.user_token_hooks, "sent"),
                            (doc.user_span_hooks, "sent"), (doc.user_data, KEY)):
            hooks.pop(name, None)


def computed(doc: Doc, name: str, compute):
    """``compute(doc)``, once per extraction (computed afresh each time outside one)."""
    tables = doc.user_data.get(KEY)
    if tables is None:
        return compute(doc)
    if name not in tables:
        tables[name] = compute(doc)
    return tables[name]


def text(doc: Doc) -> str | None:
    """The document's text as the parse has it (``Doc.text``, built once), or None outside an extraction."""
    found = doc.user_data.get(KEY)
    return found["text"] if found is not None else None


class Columns:
    """One document's tokens and their attributes as lists indexed by ``Token.i``: ``tokens`` (the Token objects,
    made once), ``head`` (``head.i``), ``lower`` (``lower_``), ``lemma`` (``lemma_.lower()``), ``pos``, ``tag``,
    ``dep`` and ``ent_type`` (``pos_``, ``tag_``, ``dep_``, ``ent_type_``)."""

    __slots__ = ("tokens", "head", "lower", "lemma", "pos", "tag", "dep", "ent_type")

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings

        def words(column: list[int], lower: bool = False) -> list[str]:
            name = {h: strings[h].lower() if lower else strings[h] for h in set(column)}
            return [name[h] for h in column]

        self.tokens = list(doc)
        self.head = [i + h for i, h in enumerate(doc.to_array([HEAD]).astype("int64").tolist())]  # offsets stored
        arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE]).T.tolist() if len(doc) else [[]] * 6
        self.lower, self.lemma = words(arr[0]), words(arr[1], lower=True)
        self.pos, self.tag, self.dep, self.ent_type = (words(c) for c in arr[2:])


def columns(doc: Doc) -> Columns:
    """The document's :class:`Columns`, made once per extraction."""
    return computed(doc, "columns", Columns)


def in_subtree(doc: Doc, i: int, root: int) -> bool:
    """Is token ``i`` in the subtree of token ``root`` (itself included)? Walks the heads: ``Token.is_ancestor``
    compares subtree edges, which is not the same in a non-projective parse."""
    head = columns(doc).head
    while i != root:
        if head[i] == i:
            return False
        i = head[i]
    return True


def span_text(span: Span) -> str:
    """``span.text`` without joining its tokens again (inside an extraction)."""
    whole = text(span.doc)
    return span.text if whole is None else whole[span.start_char:span.end_char]
