"""Where the text gives each argument of an attack: the span that supports each statement.

An attack's attacker, target, place and time were read from words of the text; this pass finds those words once the
whole article is read (the event builder merges mentions from several sentences, so an argument may come from any of
them). The support of an argument is its mention nearest to one of the attack's own mentions: in a sentence that
tells the attack when there is one, else the closest in the text. The time is the expression the attack's time was
read from when the event builder kept it, else the nearest occurrence of its words.

Confidence of an argument: the attack's own where the supporting words share a sentence with one of its mentions,
else four fifths of it (the argument was carried over from elsewhere in the story). Plain model code: no spaCy.
"""

from __future__ import annotations

from bisect import bisect_left

from kg.model import Evidence, Extraction, Span

CARRIED_OVER = 0.8  # confidence factor of an argument whose words are in no sentence telling the attack


def _distance(a: Span, b: Span) -> int:
    return 0 if a.start < b.end and b.start < a.end else min(abs(a.start - b.end), abs(b.start - a.end))


def ground(x: Extraction) -> None:
    """Fill ``Event.support`` for every attack of ``x``. Each lookup bisects the value's mentions, sorted once: a
    long article with thousands of attacks and mentions costs no quadratic pass."""
    text = x.document.text
    sorted_spans: dict[tuple[str, str], list[Span]] = {}

    def mentions_of(kind: str, key: str, spans) -> list[Span]:
        found = sorted_spans.get((kind, key))
        if found is None:
            found = sorted_spans[(kind, key)] = sorted(spans())
        return found

    for ev in x.events:
        anchors = [ev.evidence.span, *ev.mentions]
        told_in = {x.sentence_of(a) for a in anchors} - {None}
        candidates: dict[str, list[Span]] = {}
        if ev.attacker in x.actors:
            candidates["attacker"] = mentions_of("actor", ev.attacker, lambda: x.actors[ev.attacker].mentions)
        if ev.target in x.facilities:
            candidates["target"] = mentions_of("facility", ev.target, lambda: x.facilities[ev.target].mentions)
        elif ev.target in x.actors:
            candidates["target"] = mentions_of("actor", ev.target, lambda: x.actors[ev.target].mentions)
        if ev.place in x.places:
            candidates["place"] = mentions_of("place", ev.place, lambda: x.place_mentions(ev.place))
        if ev.time is not None:
            candidates["time"] = [ev.time.span] if ev.time.span else sorted(_occurrences(text, ev.time.text, told_in))
        for role, spans in candidates.items():
            best = _nearest(spans, anchors, told_in)
            if best is None:
                continue
            sentence = x.sentence_of(best)
            confidence = ev.evidence.confidence if sentence in told_in else round(
                ev.evidence.confidence * CARRIED_OVER, 2)
            ev.support[role] = Evidence(best, sentence or best, confidence,
                                        ev.decided_by.get(role, ev.evidence.extractor))


def ground_quotes(x: Extraction) -> None:
    """Fill ``Claim.quote_span``: where a claim's quote stands in its sentence, word for word."""
    text = x.document.text
    for c in x.claims:
        if c.quote:
            s = c.evidence.sentence
            at = text.find(c.quote, s.start, s.end)
            if at >= 0:
                c.quote_span = Span(at, at + len(c.quote), c.quote)


def _nearest(spans: list[Span], anchors: list[Span], told_in: set[Span]) -> Span | None:
    """Of ``spans`` (sorted), the one in a sentence that tells the attack nearest to one of its ``anchors``; else
    the nearest anywhere."""
    if not spans:
        return None
    starts = [sp.start for sp in spans]
    inside = [sp for s in told_in for sp in spans[bisect_left(starts, s.start):bisect_left(starts, s.end)]
              if sp.end <= s.end]
    if not inside:  # the neighbours of each anchor: the nearest span before it, and those from it on
        inside = [spans[j] for a in anchors for i in (bisect_left(starts, a.start),) for j in (i - 1, i, i + 1)
                  if 0 <= j < len(spans)]
    return min(inside, key=lambda sp: (min(_distance(sp, a) for a in anchors), sp.start))


def _occurrences(text: str, words: str, sentences: set[Span]) -> list[Span]:
    """Where ``words`` occur in the sentences telling the attack (a time phrase the builder kept without a span)."""
    found = []
    for s in sentences:
        at = text.find(words, s.start, s.end)
        if at >= 0:
            found.append(Span(at, at + len(words), words))
    return found
