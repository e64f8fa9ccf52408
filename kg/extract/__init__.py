"""Extraction: a parsed spaCy Doc of one article → a :class:`kg.model.Extraction`.

This is the only layer that reads spaCy objects and writes model dataclasses.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract import doccache
from kg.extract.claims.builder import ClaimBuilder
from kg.extract.entities import Entities
from kg.extract.events.agents import attribute_by_story
from kg.extract.events.coreference import EventBuilder
from kg.extract.events.placing import rank_places
from kg.extract.events.times import date_listed, date_undated
from kg.extract.grounding import ground, ground_quotes
from kg.extract.outcomes import find_counts
from kg.extract.phrases import text_span
from kg.extract.version import EXTRACTOR_VERSION
from kg.model import Document, Extraction
from kg.nlp import parse_view


def _ancestor_event(tok, events: EventBuilder):
    t = tok
    for _ in range(12):
        ev = events.event_for_token(t)
        if ev is not None:
            return ev
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent"):
                ev = events.event_for_token(c)
                if ev is not None:
                    return ev
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _default_country(ents: Entities) -> dict[str, str]:
    """A place the gazetteer does not know and the text does not locate ("the village of Karimama") is in
    the country the story is about: the state it names most often, when one clearly leads. A place keyed by its
    name alone gets the country in its key too (``name-karimama`` → ``name-karimama-BJ``), as one located by the
    text does: a node other documents share must not take each one's country. Returns old key → new key."""
    if not ents.countries:
        return {}
    ranked = sorted(ents.countries.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return {}
    iso = ranked[0][0]
    if iso not in ents.named_countries:
        return {}  # the only hint is a small town's namesake ("Fano" in a story from Amhara is no Italian town)
    renamed: dict[str, str] = {}
    for key, place in list(ents.places.items()):
        if place.country is None and place.kind != "country":
            ents.country_place(iso)
            if key.startswith("name-"):
                new = f"{key}-{iso}"
                del ents.places[key]
                ents.places[new] = replace(place, key=new, country=iso)
                renamed[key] = new
            else:
                place.country = iso
    return renamed


def extract(document: Document, doc: Doc, *, trace: dict[str, list] | None = None) -> Extraction:
    """Everything kg finds in one article: actors, places, events with counts, claims.

    ``doc`` is spaCy's parse of ``kg.nlp.parse_view(document.text)``: offsets must match the document's.
    ``trace`` (training kg's learned models, ``tools/train.py``) collects what a model would decide on, for each
    list it holds, and leaves that decision to the rules: ``trace["places"]`` gets each event with its place
    candidates and their features.
    """
    covered = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # doc.text would rebuild the string
    if covered != len(document.text):
        raise ValueError(f"{document.id}: the parse does not cover the document text (use kg.nlp.parse_view)")
    with doccache.prepared(doc, parse_view(document.text)):
        return _extract(document, doc, trace)


def _extract(document: Document, doc: Doc, trace: dict[str, list] | None = None) -> Extraction:
    ents = Entities(document, doc)
    events = EventBuilder(ents)
    claims = ClaimBuilder(ents, events)
    sentences = []
    for i, sent in enumerate(doc.sents):
        sentences.append(text_span(sent))
        touched = events.add_sentence(sent, i)
        counts_events = []
        for count, anchor in find_counts(sent):
            ev = _ancestor_event(anchor, events) or (touched[0] if touched else events.salient(i))
            counts_events.append((anchor, ev))
            if ev is not None:
                events.touch(ev, i)
            if ev is not None and count.kind not in ev.counts:
                ev.counts[count.kind] = count
        claims.add_sentence(sent, i, counts_events)
    claims.fill_attackers()
    named = ents.name_the_group()
    for ev in events.events:
        ev.attacker = named.get(ev.attacker, ev.attacker)
    for claim in claims.claims:
        claim.speaker = named.get(claim.speaker, claim.speaker)
        claim.accused = named.get(claim.accused, claim.accused)
    folded = events.settle()
    for claim in claims.claims:
        if claim.event in folded:
            claim.event = folded[claim.event]
    date_listed(events.events, ents, events.listed)
    date_undated(events.events, ents)
    rank_places(events.events, ents, trace=(trace or {}).get("places"), settled=events.listed)
    again = events.fold_same_place()  # the places are final now: accounts at one town that nothing tells apart
    for claim in claims.claims:
        if claim.event in again:
            claim.event = again[claim.event]
    attribute_by_story(events.events, ents)
    renamed = _default_country(ents)
    for ev in events.events:
        ev.place = renamed.get(ev.place, ev.place)
    for facility in ents.facilities.values():
        facility.place = renamed.get(facility.place, facility.place)
    x = Extraction(
        document=document,
        extractor_version=EXTRACTOR_VERSION,
        actors=ents.actors,
        places=ents.places,
        facilities=ents.facilities,
        events=events.events,
        claims=claims.claims,
        sentences=sentences,
    )
    ground(x)
    ground_quotes(x)
    return x
