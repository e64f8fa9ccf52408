"""Text spans and noun phrases of the parse: the spaCy side of a :class:`kg.model.Span`.

Every extractor cites the words it read as a ``kg.model.Span`` (offsets and text), and reads an argument as the
noun phrase a token heads.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract import doccache
from kg.lexicon import INJURE, KILL, LOCATING_PREPS, ROLE_WORDS
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


ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ash", "as", "an", "ar", "az", "at", "adh", "ath"})
ELIDED_NAME = re.compile(r"^(?:[A-Z]|[dlDL]['’][A-Z])")


def repaired_places(doc: Doc) -> tuple[Span, ...]:
    """The entities, with four tagger slips mended: a place name cut at a hyphen ("Saut" of "Saut-d'Eau"), before
    its Arabic article ("Wad" of "Wad al-Noura") or into two names ("Dera" and "Ismail Khan", when the gazetteer
    knows the whole) is whole again, and a name the tagger took for a person is a place where only a place can
    stand ("near al-Shaddadi")."""
    out = []
    n = len(doc)
    for e in doc.ents:
        if e.label_ in ("GPE", "LOC") and e.end + 2 < n and doc[e.end].lower_ in ARABIC_ARTICLES \
                and not doc[e.end].whitespace_ and doc[e.end + 1].text == "-" and not doc[e.end + 1].whitespace_ \
                and doc[e.end + 2].text[:1].isupper() and not any(doc[i].ent_type_ for i in range(e.end, e.end + 3)):
            e = Span(doc, e.start, e.end + 3, label=e.label_)  # "Wad" of "Wad al-Noura": the name goes on
        elif e.label_ in ("GPE", "LOC") and e.end + 1 < n and not doc[e.end - 1].whitespace_ \
                and doc[e.end].text == "-" and not doc[e.end].whitespace_ and ELIDED_NAME.match(doc[e.end + 1].text) \
                and not doc[e.end + 1].ent_type_:
            e = Span(doc, e.start, e.end + 2, label=e.label_)
        elif e.label_ == "PERSON" and e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATING_PREPS \
                and e.root.head.head.pos_ in ("NOUN", "VERB") and e.root.head.head.lemma_.lower() not in ROLE_WORDS:
            e = Span(doc, e.start, e.end, label="GPE")
        if out and out[-1].end == e.start and out[-1].label_ in ("GPE", "LOC") and \
                e.label_ in ("GPE", "LOC", "PERSON", "ORG") and doc[e.start - 1].whitespace_ and \
                gazetteer.is_known_place(doc[out[-1].start : e.end].text, primary_only=True):
            e = Span(doc, out.pop().start, e.end, label="GPE")  # "Dera" + "Ismail Khan": one town's name
        out.append(e)
    return tuple(out)


CASUALTY_LEMMAS = KILL | INJURE  # asked of every verb with a subject: made once

# one attack a count or a history can run from: "two more have died since the strike"
ONE_ATTACK_NOUNS = frozenset({"attack", "strike", "airstrike", "air-strike", "bombing", "explosion", "blast", "raid",
                              "assault", "ambush", "shelling", "shooting", "massacre", "stabbing"})


def since_a_time(since: Token) -> bool:
    """Does a "since" count from a time — "since 1984", "since the start of the war", "since the war began" —
    rather than from one attack: "two more have died since the strike", "since Friday's attack" (a date in the
    phrase makes it a time again: "since the October 2023 attack")?"""
    obj = next((c for c in since.children if c.dep_ == "pobj"), None)
    # a day's name ("Friday's attack", "yesterday's strike") keeps it one attack; a month or a year opens a period
    return obj is None or obj.tag_ != "NN" or obj.lemma_.lower() not in ONE_ATTACK_NOUNS or any(
        t.ent_type_ == "DATE" and not t.lower_.endswith("day") for t in obj.subtree)


def perfect_tense(verb: Token) -> bool:
    """Is a verb in a present perfect ("have been killed", "has struck")?"""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)


def told_over_time(verb: Token, *, times: bool = False) -> bool:
    """Is a verb told as a history rather than one event: a perfect tense with a "since" of a time hanging on it
    (not on a relative clause inside it: "near X, which has been held since 2008") — "more than 40,000 people have
    been killed since 1984", "have launched scores of attacks since November" — or, with ``times``, "several
    times" ("Israel, which has struck Yemen several times")?"""
    if not perfect_tense(verb):
        return False
    return any((times and t.lower_ == "times") or (
        t.lower_ == "since" and not in_relative_clause(t, verb) and since_a_time(t)) for t in verb.subtree)


def in_relative_clause(tok: Token, top: Token) -> bool:
    """Does ``tok`` hang from ``top`` through a relative clause?"""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


def headline_passive(tok: Token) -> bool:
    """A casualty participle without its auxiliary or an object, as headlines write the passive: "Nine troops
    killed in ambush" (the small model gives it a subject). Other verbs' participles are too often a past tense the
    model mistagged ("the Russians deliberately aimed at homes")."""
    return tok.tag_ == "VBN" and tok.lemma_.lower() in CASUALTY_LEMMAS and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children)
