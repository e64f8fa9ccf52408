"""Casualty outcomes: killed / injured / missing with qualified counts, from the parse.

Each count is read from the victim phrase the casualty word governs (or that
governs it): "killing at least two people", "12 people were killed",
"left 30 people injured", "injured dozens more", "no contact with three
people", "no casualties" (an explicit zero, distinct from "not reported"),
"at least seven deaths", "the death of four rebels", "shot dead a farmer",
"four killed and 9 injured"; a victim named as a person counts one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.extract import doccache
from kg.extract.numbers import parse_quantity
from kg.extract.phrases import perfect_tense, text_span, told_over_time
from kg.lexicon import CASUALTY_ZERO, INJURE, KILL, MISSING
from kg.model import Count, Evidence

EXTRACTOR = "kg.outcomes.v1"

ZERO_WORDS = CASUALTY_ZERO | {"nobody", "one"}  # the words _zero starts from
COUNT_WORDS = KILL | INJURE | MISSING | {"contact", "lose"}  # the lemmas or words find_counts starts from
COUNTED_NOUNS = {"death", "fatality", "injury"}  # nouns that are the count: "five deaths", "the death of two"


def _kind(tok: Token) -> str | None:
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if lemma in KILL or lower in KILL:
        return "killed"
    if lemma == "lose" and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() == "life" for c in tok.children):
        return "killed"  # "nine lives were lost"
    if lemma in INJURE or lower in INJURE:
        return "injured"
    if lemma in MISSING or lower in MISSING:
        return "missing"
    return None


def _number_phrase(victim: Token) -> Span | None:
    """The count phrase of a victim noun: "at least two" in "at least two people"."""
    doc = victim.doc
    if victim.like_num or victim.lower_ in ("dozens", "hundreds", "scores", "several", "many"):
        toks = [t for t in victim.subtree if t.i <= victim.i]
        return doc[toks[0].i : victim.i + 1]
    for c in victim.lefts:
        if c.dep_ in ("nummod", "quantmod") or (c.dep_ in ("amod", "compound") and c.like_num):  # "Thirteen Marines"
            toks = sorted(c.subtree, key=lambda t: t.i)
            return doc[toks[0].i : toks[-1].i + 1]
    for c in victim.lefts:
        if c.dep_ == "det" and c.lower_ in ("a", "an", "one") and victim.tag_ == "NN":
            return doc[c.i : c.i + 1]
    return None


def _victim_of(tok: Token) -> Token | None:
    """The noun counted by a casualty word."""
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in COUNTED_NOUNS:
        if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in tok.lefts):
            return tok  # "at least five deaths", "21 fatalities"
        return next((g for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), None)  # "the death of four rebels"
    if tok.pos_ in ("VERB",) or tok.tag_ in ("VBN", "VBD", "VBG"):
        # "left 30 people injured": injured is an acl of people
        if tok.dep_ in ("acl", "amod", "oprd") and tok.head.pos_ in ("NOUN", "NUM", "PRON") and not any(
                c.dep_ == "dobj" for c in tok.children):  # not "fire ..., killing 11 people": its object counts
            return tok.head
        for dep in ("dobj", "nsubjpass", "nsubj"):
            c = next((c for c in tok.children if c.dep_ == dep), None)
            if c is not None and (dep != "nsubj" or tok.lemma_ in ("die", "perish") or (
                    tok.tag_ == "VBN" and c.like_num)):  # "four killed and 9 injured"
                return c
            if c is not None and tok.dep_ == "conj" and tok.tag_ == "VBN" and (
                    c.like_num or c.lower_ in ("others", "more") or _number_phrase(c) is not None):
                return c  # "two were killed and five wounded": the elided passive's own count
        if tok.dep_ == "conj":
            return _victim_of(tok.head)
    if tok.pos_ == "ADJ" or tok.lower_ in ("dead", "missing", "wounded", "injured"):
        if tok.dep_ in ("amod",):
            return tok.head
        obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        if tok.dep_ in ("acomp", "oprd", "advmod") and obj is not None:
            return obj  # "shot dead a farmer", "leaving 14 people dead": the object, not the doer
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if tok.dep_ in ("acomp", "attr", "oprd") and subj is not None:  # "four persons have been shot dead"
            return subj
        c = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
        if c is not None:
            return c
        if tok.head.like_num:
            return tok.head
    return None


def _zero(sent: Span) -> Iterator[tuple[str, Token, Span]]:
    """Explicit zeros: "no casualties", "no one was hurt", "nobody was killed"."""
    cols = doccache.columns(sent.doc)
    for i in range(sent.start, sent.end):
        if cols.lower[i] not in ZERO_WORDS:
            continue
        tok = cols.tokens[i]
        if tok.lower_ in CASUALTY_ZERO and any(c.lower_ in ("no", "without") for c in tok.children) or (
            tok.lower_ in CASUALTY_ZERO and tok.head.lower_ == "without"
        ):
            phrase = sent.doc[min(c.i for c in tok.subtree) : tok.i + 1]
            if tok.lower_ in ("deaths", "fatalities"):
                yield "killed", tok, phrase
            elif tok.lower_ == "injuries":
                yield "injured", tok, phrase
            else:
                yield "killed", tok, phrase
                yield "injured", tok, phrase
        if tok.lower_ in ("nobody", "one") and (tok.lower_ == "nobody" or any(c.lower_ == "no" for c in tok.lefts)):
            verb = tok.head
            kind = _kind(verb)
            if kind:
                phrase = sent.doc[min(c.i for c in tok.subtree) : verb.i + 1]
                yield kind, verb, phrase
                if kind == "injured":
                    yield "killed", verb, phrase


def find_counts(sent: Span) -> Iterator[tuple[Count, Token]]:
    """Counts in one sentence, each with the token that anchors it in the parse."""
    for kind, anchor, phrase in _zero(sent):
        yield Count(kind, 0, 0, "exact", phrase.text,
                    Evidence(text_span(phrase), text_span(sent), 0.85, EXTRACTOR)), anchor
    cols = doccache.columns(sent.doc)
    for i in range(sent.start, sent.end):
        if cols.lemma[i] not in COUNT_WORDS and cols.lower[i] not in COUNT_WORDS:
            continue
        tok = cols.tokens[i]
        kind = _kind(tok)
        victim = None
        if kind is None and tok.lower_ == "contact" and any(c.lower_ == "no" for c in tok.children):
            kind = "missing"
            victim = next((g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
        if kind is None:
            continue
        victim = victim or _victim_of(tok)
        if victim is None:
            continue
        if any(c.lower_ in ("no", "nobody") for c in victim.lefts) or victim.lower_ in ("nobody", "none"):
            continue  # handled by _zero
        num = _number_phrase(victim)
        if num is None and kind == "killed" and victim.ent_type_ == "PERSON":
            # "Ahmed Basri, a teacher, was killed": one person named (and each named with them)
            names = [victim, *(c for c in victim.conjuncts if c.ent_type_ == "PERSON")]
            phrase = sent.doc[min(n.left_edge.i for n in names): max(n.i for n in names) + 1]
            yield Count(kind, len(names), len(names), "exact", phrase.text,
                        Evidence(text_span(phrase), text_span(sent), 0.8, EXTRACTOR)), tok
            continue
        if num is None:
            continue
        parsed = parse_quantity(num.text)
        if parsed is None:
            continue
        lo, hi, qualifier = parsed
        if _a_toll_over_time(tok, lo):
            continue  # "more than 40,000 people have been killed since 1984": the war's toll, no attack's
        if victim.like_num or victim.lower_ in ("dozens", "hundreds", "scores"):
            # "injured dozens more"
            end = max([victim.i] + [c.i for c in victim.rights if c.dep_ == "advmod"])
            phrase = sent.doc[num.start : end + 1]
        else:
            phrase = sent.doc[num.start : victim.i + 1]
        if phrase.start <= tok.i <= phrase.end + 1 or abs(tok.i - phrase.end) <= 1:
            phrase = sent.doc[min(phrase.start, tok.i) : max(phrase.end, tok.i + 1)]
        conf = 0.9 if qualifier != "vague" else 0.7
        yield Count(kind, lo, hi, qualifier, phrase.text,
                    Evidence(text_span(phrase), text_span(sent), conf, EXTRACTOR)), tok


def _a_toll_over_time(tok: Token, low: int | None) -> bool:
    """A war's or a campaign's toll, not one attack's: a perfect tense told "since" a time ("more than 40,000 people
    have been killed since 1984"; not "two more have died since the strike"), or thousands dead in a perfect tense
    or over a year ("the fighting has killed more than 10,000", "4,000 people were killed last year")."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head if tok.head.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    if told_over_time(verb):
        return True
    return low is not None and low >= 1000 and (perfect_tense(verb) or any(
        t.lemma_.lower() in ("year", "decade") and t.head.i == verb.i for t in verb.subtree))
