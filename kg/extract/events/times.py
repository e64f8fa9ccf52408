"""When an attack happened: the time a clause gives it, and whether two times may be one attack's."""

from __future__ import annotations

from dataclasses import replace

from kg.extract import doccache, timex
from kg.extract.entities import Entities
from kg.extract.phrases import text_span
from kg.lexicon import TIME_WORDS
from kg.model import TimeRef


def time_of(tokens, ents: Entities) -> TimeRef | None:
    """The time among the tokens (indices): a DATE or TIME entity, else a time word, resolved to a day or a span."""
    for ent in ents.spans_over(min(tokens), max(tokens)) if tokens else ():
        if ent.label_ in ("DATE", "TIME") and any(i in tokens for i in range(ent.start, ent.end)):
            ref = timex.resolve(ent.text, ents.document.published)
            if ref is not None:
                return replace(ref, span=text_span(ent))
    cols = doccache.columns(ents.doc)
    for i in sorted(tokens):  # time words the NER does not tag
        if cols.lower[i] in TIME_WORDS and not cols.ent_type[i]:
            ref = timex.resolve(ents.doc[i].text, ents.document.published)
            return ref and replace(ref, span=text_span(ents.doc[i:i + 1]))
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

