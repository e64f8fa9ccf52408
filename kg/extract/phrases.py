"""Text spans and noun phrases of the parse: the spaCy side of a :class:`kg.model.Span`.

Every extractor cites the words it read as a ``kg.model.Span`` (offsets and text), and reads an argument as the
noun phrase a token heads.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import doccache
from kg.model import Span as TextSpan


def text_span(span: Span | Token) -> TextSpan:
    """The offsets and words of a token or span of the document."""
    if isinstance(span, Token):
        return TextSpan(span.idx, span.idx + len(span.text), span.text)
    text = doccache.text(span.doc)  # Span.text would join the span's tokens again
    if text is not None:
        return TextSpan(span.start_char, span.end_char, text[span.start_char:span.end_char])
    return TextSpan(span.start_char, span.end_char, span.text)


def add_mention(mentions: list[TextSpan], span: Span | Token) -> None:
    """Add the words of ``span`` to the mentions of a node (once)."""
    ts = text_span(span)
    if ts not in mentions:
        mentions.append(ts)


def strip_det(tokens: Span) -> Span:
    """The noun phrase without leading determiners, numbers and possessives."""
    start = tokens.start
    while start < tokens.end - 1 and tokens.doc[start].dep_ in ("det", "predet", "poss", "nummod", "case") :
        start += 1
    return tokens.doc[start : tokens.end]


def np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its left modifiers and compounds, not clauses or PPs."""
    left = tok
    for child in tok.lefts:
        if child.dep_ in ("det", "predet", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case", "punct"):
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = tok
    for child in tok.rights:
        if child.dep_ in ("appos", "compound") and child.i == right.i + 1:
            right = child.right_edge
    return tok.doc[left.i : right.i + 1]
