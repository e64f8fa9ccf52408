"""Facts about a parsed document that spaCy recomputes on every access, computed once while kg extracts from it.

``Token.sent``, ``Span.sent`` and ``Doc.sents`` find the sentence boundaries again each time, ``Span.text``
joins its tokens again, and the extractors ask for these thousands of times per article. :func:`prepared`
installs spaCy user hooks and a per-document table in ``Doc.user_data`` for the duration of one extraction,
and takes them away afterwards, so the Doc leaves as it came (its user data stays serialisable).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc

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
