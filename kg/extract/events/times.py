"""When an attack happened: the time a clause gives it, the one day its sentence gives when no clause dates it, and
whether two times may be one attack's."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extract import doccache, timex
from kg.extract.entities import Entities
from kg.extract.phrases import text_span
from kg.lexicon import (ANAPHORIC_DETS, CLAIM_VERBS, NOUN_TRIGGERS, OPEN_BOUNDS, PUBLISHING, REPORTING,
                        SETTLEMENT_WORDS, SITE_WORDS, TIME_BOUND_WORDS, TIME_WORDS)
from kg.model import Event, TimeRef


def _resolved(span: Span, ents: Entities) -> TimeRef | None:
    """A time phrase resolved against the publication date, with the words that give it."""
    ref = timex.resolve(span.text, ents.document.published)
    return ref and replace(ref, span=text_span(span))


def _time_word(cols: doccache.Columns, i: int) -> bool:
    """A time word the NER does not tag ("overnight", "yesterday")."""
    return cols.lower[i] in TIME_WORDS and not cols.ent_type[i]


def _a_bound(ent: Span) -> bool:
    """A time phrase that bounds a period ("since November", "until Friday", "before the war"), or dates what
    opened one ("the deadliest assault since renewed fighting erupted in July"), not a day."""
    before = ent.doc[ent.start - 1].lower_ if ent.start else ""
    if before in OPEN_BOUNDS or ent.root.head.lower_ in OPEN_BOUNDS:
        return True
    t = ent.root
    for _ in range(6):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "mark" and c.lower_ in OPEN_BOUNDS for c in t.children):
                return True
            break
    return _after_an_open_bound(ent)


def _after_an_open_bound(ent: Span) -> bool:
    """The words before the time, back to a comma or a clause's "and", hold "since" with at most one verb between:
    "since renewed fighting between the rebels and the army erupted in July" (the parse hangs "since" on the noun
    before and the clause on the main verb)."""
    doc = ent.doc
    sent_start = ent.sent.start
    verbs = 0
    for i in range(ent.start - 1, max(sent_start, ent.start - 16) - 1, -1):
        tok = doc[i]
        if tok.text in (",", ";", ":") or tok.dep_ == "cc" and tok.head.pos_ in ("VERB", "AUX"):
            return False
        if tok.lower_ in OPEN_BOUNDS - {"before"}:
            return True
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):  # "renewed fighting" is a noun's
            verbs += 1
            if verbs > 1:
                return False
    return False


def _names_the_attack(ent: Span, trigger: Token | None) -> bool:
    """A year or day that modifies the attack noun ``trigger`` itself is that attack's, "since" or not: "the worst
    attack since the 2019 bombing of the market" dates the bombing (and only bounds the clause around it)."""
    head = ent.root.head
    return trigger is not None and head.i == trigger.i and ent.root.dep_ in ("nummod", "compound", "amod", "nmod") \
        and head.pos_ == "NOUN" and head.lemma_.lower() in NOUN_TRIGGERS


def time_of(tokens, ents: Entities, trigger: Token | None = None) -> TimeRef | None:
    """The time among the tokens (indices): a DATE or TIME entity, else a time word, resolved to a day or a span.
    ``trigger``: the attack word the time is sought for, whose own year ("the 2019 bombing") dates it."""
    for ent in ents.spans_over(min(tokens), max(tokens)) if tokens else ():
        if ent.label_ in ("DATE", "TIME") and any(i in tokens for i in range(ent.start, ent.end)):
            named = _names_the_attack(ent, trigger)
            if _a_bound(ent) and not named:
                continue  # "the first fatal strike since November": not the strike's day
            ref = _resolved(ent, ents)
            if ref is None and named and (ref := timex.year(ent.text, ents.document.published)) is not None:
                ref = replace(ref, span=text_span(ent))  # "the 2019 bombing"
            if ref is not None:
                return ref
    cols = doccache.columns(ents.doc)
    for i in sorted(tokens):
        if _time_word(cols, i):
            return _resolved(ents.doc[i:i + 1], ents)
    return None


def times_compatible(a: TimeRef | None, b: TimeRef | None) -> bool:
    """May two times be the same attack's (an unknown time is compatible with any)?"""
    if a is None or b is None:
        return True
    if a.unresolved or b.unresolved:
        return a.text.lower() == b.text.lower()
    if (a.day is None) != (b.day is None):
        return False
    ba, bb = timex.bounds(a), timex.bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def _times_in(sent: Span, ents: Entities) -> dict[tuple, TimeRef] | None:
    """The times a sentence gives an event, by their bounds (the first phrase giving each), leaving out the day of
    a statement; None when it gives a bound ("since October", "after Friday's attack"). "Three guards were killed
    in a drone attack near Tartus early on Tuesday" dates its attack though "on Tuesday" hangs on "killed"."""
    found: dict[tuple, TimeRef] = {}
    cols = doccache.columns(ents.doc)
    for ent in ents.ents_in(sent):
        if ent.label_ not in ("DATE", "TIME") or ent.start_char < ents.dateline_end:
            continue
        before = ent.doc[ent.start - 1].lower_ if ent.start > sent.start else ""
        if before in TIME_BOUND_WORDS or ent.root.head.lower_ in TIME_BOUND_WORDS or _a_bound(ent):
            return None
        if in_clause_about_a_place(ent.root):
            continue  # "an attack on a market that reopened last year"
        gov = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        lemma = gov.lemma_.lower()
        if lemma in CLAIM_VERBS or lemma in REPORTING or lemma in PUBLISHING:
            continue  # "a group said Wednesday", "denied on Thursday", "published a list on Thursday": when said
        ref = _resolved(ent, ents)
        if ref is not None and not ref.unresolved:
            found.setdefault(timex.bounds(ref), ref)
    for i in range(sent.start, sent.end):
        ref = _resolved(ents.doc[i:i + 1], ents) if _time_word(cols, i) else None
        if ref is not None and not ref.unresolved:
            found.setdefault(timex.bounds(ref), ref)
    return found


def in_clause_about_a_place(tok: Token) -> bool:
    """Is ``tok`` in a relative clause about a place ("a market that reopened last year", "Kidal,
    which rebels held in 2012"), not about the attack ("the attack, which began on Friday") or its victims ("two
    soldiers, who were killed on Friday")?"""
    t = tok
    for _ in range(12):
        if t.dep_ == "relcl":
            head = t.head
            return head.lemma_.lower() in SETTLEMENT_WORDS | SITE_WORDS or head.ent_type_ in ("GPE", "LOC", "FAC")
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def date_listed(events: list[Event], ents: Entities, listed: set[str] | frozenset[str]) -> None:
    """The attacks a list of places splits a definite mention into ("The truce breaches were recorded at A, B
    and C", "the strikes hit X, Y and Z"), undated, take the time of the attack told last before them: the one the
    mention refers back to."""
    doc = ents.doc
    first = {ev.id: min(ev.mentions or [ev.evidence.span], key=lambda m: m.start) for ev in events}
    # in telling order (two events told from one word keep their order: times do not compare)
    dated = sorted(((first[ev.id].start, ev.time) for ev in events if ev.time is not None), key=lambda x: x[0])
    for ev in events:
        if ev.time is not None or ev.id not in listed:
            continue
        m = first[ev.id]
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is None or not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in sp.root.children):
            continue
        before = [time for at, time in dated if at < m.start]
        if before:
            ev.time = before[-1]


def date_undated(events: list[Event], ents: Entities) -> None:
    """An attack no clause dated takes the one time of the first sentence telling it that gives a time, if it
    gives one: a headline seldom dates its attack, the lead under it does. A sentence giving two times, or a bound
    ("since April 15"), ends the search."""
    doc = ents.doc
    for ev in events:
        if ev.time is not None:
            continue
        seen = set()
        for m in sorted(ev.mentions or [ev.evidence.span], key=lambda m: m.start):
            sp = doc.char_span(m.start, m.end, alignment_mode="expand")
            if sp is None or sp.sent.start in seen:
                continue
            seen.add(sp.sent.start)
            found = _times_in(sp.sent, ents)
            if found is None or len(found) > 1:
                break
            if found:
                ev.time = next(iter(found.values()))
                break
