"""Place names to place nodes: what a place mention in the text stands for.

A name the gazetteer knows becomes its GeoNames city, ISO 3166-2 region or country; an unknown one is keyed by its
name and the state the text puts it in ("the Yemeni port city of X", "Sudan's X"), so that one name in one state is
one node. ``ents`` is the document's :class:`kg.extract.entities.Entities` (which imports this module), whose
place index it fills.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg import actornames, gazetteer
from kg.extract.phrases import add_mention
from kg.lexicon import ABROAD_NOUNS, DOER_HEADS, FACILITY_WORDS, GENERIC_AREA_WORDS, REGION_NOUNS
from kg.model import Place


def resolve_place(ents, span: Span, region_hint: bool) -> str | None:
    """The key of the place a place name stands for, made (with its state's) when new: linked to GeoNames or
    ISO 3166-2 when the gazetteer knows it, else keyed by its name and the state the text puts it in."""
    if len(span) > 1 and span[0].text == "the":
        span = span[1:]  # "strikes in the Beit Hanoun and Beit Lahia areas": the place is Beit Hanoun
    name = span.text.strip()
    if gazetteer.demonym_country(name) or gazetteer.news_agency(name) or gazetteer.not_a_place_name(name) or \
            name.lower() in actornames.KNOWN_ARMED_GROUPS:  # "the Boko Haram ambushers" tagged a facility
        return None
    entry = None
    if not region_hint and len(span) > 1 and span[-1].lower_ in REGION_NOUNS:
        stem = span[:-1].text.strip()  # "Kunduz province", "Gao region": the region, not the city of Kunduz
        if gazetteer.resolve_region(stem, ents.countries) or gazetteer.resolve(stem, ents.countries):
            name, region_hint = stem, True
    if region_hint:
        entry = gazetteer.resolve_region(name, ents.countries)
    if entry is None and " and " in name:  # "Jammu and Kashmir": a region's whole name
        entry = gazetteer.region_named(name)
    # "the Gaza Strip" is a place of its own, not the state an actor there speaks for
    territory = gazetteer.country_code(name) if gazetteer.fold(name) in gazetteer.TERRITORIES else None
    if entry is None and territory is None:
        entry = gazetteer.resolve(name, ents.countries)
        if entry is not None and _foreign_namesake(ents, entry, span):
            entry = None  # "the village of Songo" in a story from Mali is not Songo, Angola: a place the gazetteer
            # does not know, in the story's state
        if entry is None and name[:4].lower() == "the " and gazetteer.country_code(name[4:]) and \
                gazetteer.fold(name[4:]) not in gazetteer.TERRITORIES:
            entry = gazetteer.resolve(name[4:])  # "the Democratic Republic of Congo", "the United States"
        if region_hint and entry is not None and entry.kind == "city":
            # "the Gao region": the region named after the city, not the city
            entry = gazetteer.GeoEntry(key=f"region-{gazetteer.slug(name)}-{entry.country}",
                                       label=f"{name} region", kind="region", country=entry.country)
    if entry is None:  # "Pennsylvania", "Gegharkunik": a first-level region by its name, in a state the story names
        entry = gazetteer.region_named(name)  # (not "the Red Sea" in a story from Yemen: a state of Sudan)
        entry = entry if entry is not None and ents.countries.get(entry.country) else None
    if entry is None and all(t.lower_ in FACILITY_WORDS or t.is_lower for t in span[1:]):
        # "Goma airport", "Erbil international airport": a known city heading a facility name (not the
        # first word of a longer name: "Abu Shouk" is not "Abu")
        for end in range(len(span) - 1, 0, -1):
            entry = gazetteer.resolve(span[:end].text, ents.countries)
            if entry is not None and entry.kind == "city":
                break
            entry = None
    if entry is None:
        country = territory or country_near(ents, span)
        if len(span) > 1 and span[-1].lower_ in GENERIC_AREA_WORDS:
            name = span[:-1].text.strip()  # "Banmauk Township", "Mayom County": the place is named Banmauk
        base = f"name-{gazetteer.slug(name)}"
        key = base + (f"-{country}" if country else "")
        # one name, one node in a document: a mention the text places in no state (or in another than the first
        # guess) is the place named so before ("the town of Bint Jbeil", later "Bint Jbeil" near "northern Israel")
        named = [k for k in ents.places if k == base or k.startswith(base + "-") and len(k) == len(base) + 3
                 and k[-2:].isupper()]  # "name-x-LB", not "name-x-al" (the slug of "X Al")
        if key not in ents.places and len(named) == 1 and (country is None or named[0] == base):
            key = named[0]
        settlement = span.start >= 2 and ents.doc[span.start - 1].lower_ == "of" and \
            ents.doc[span.start - 2].lower_ in ("town", "city", "village", "settlement", "camp") or \
            span.end < len(ents.doc) and ents.doc[span.end].lower_ in ("village", "town") or \
            len(span) > 1 and span[-1].lower_ in ("village", "town")  # "Bule village", the word in the span or not
        place = ents.places.setdefault(key, Place(key=key, label=gazetteer.place_label(name), country=country,
                                                  kind="region" if territory else "city" if settlement
                                                  else "place"))
        if settlement and place.kind == "place":
            place.kind = "city"  # named a village or a town in one mention: a settlement in all
    else:
        key = entry.key
        place = ents.places.setdefault(
            key,
            Place(key=key, label=entry.label, country=entry.country, kind=entry.kind,
                  geonames_id=entry.geonames_id, lat=entry.lat, lon=entry.lon),
        )
    if place.country and f"country-{place.country}" not in ents.places and place.kind != "country":
        ents.country_place(place.country)
    add_mention(place.mentions, span)
    return key


def _foreign_namesake(ents, entry, span: Span) -> bool:
    """Is a town the gazetteer found a namesake in a state the story never names, when it names others: small
    (below ``SOLE_NAME_POPULATION``, which names its state by itself) and not put in its state by its own phrase
    ("Songo, Angola")?"""
    return entry.kind == "city" and bool(ents.named_countries) and entry.country not in ents.named_countries and \
        entry.population < gazetteer.SOLE_NAME_POPULATION and country_near(ents, span) != entry.country


def country_near(ents, span: Span) -> str | None:
    """The state an unknown place is in, from its own phrase ("the Yemeni port city of Hodeidah")
    or, failing that, the closest state named before it in the sentence."""
    owner = next((c for c in span.root.children if c.dep_ == "poss" and c.i < span.start), None)
    if owner is not None:  # "Jammu and Kashmir's Poonch", "Sudan's Darfur": the place it is in
        ent = ents.ent_at(owner.i)
        entry = gazetteer.region_named(ent.text) or gazetteer.resolve(ent.text, ents.countries) \
            if ent is not None and ent.label_ in ("GPE", "LOC") else None
        if entry is not None and entry.country:
            return entry.country
    head = span.root.head
    if head.lower_ == "of" and head.head.i != head.i:
        iso = ents._country_of_tokens(list(head.head.lefts))
        if iso:
            return iso
    after = _country_after(ents, span)
    if after:  # "near the town of X in the Central African Republic", "X, Mali"
        return after
    before = [t for t in span.sent if t.i < span.start] if span.sent is not None else []
    for t in reversed(before):
        if t.head.lemma_.lower() in DOER_HEADS and t.dep_ in ("amod", "compound", "nmod", "poss"):
            continue  # "an Israeli strike on a house in the village of X": the attacker's side, not X's
        if t.dep_ in ("nsubj", "nsubjpass", "agent") or t.head.dep_ in ("nsubj", "agent") and t.dep_ in (
                "amod", "compound", "nmod", "poss"):
            continue  # "Israel said its forces struck X", "Israeli forces shelled X": who acted, not where X is
        if t.dep_ in ("amod", "compound", "nmod") and t.head.lemma_.lower() in ABROAD_NOUNS:
            continue  # "a Moroccan peacekeeper was killed near X": people often hit abroad say nothing of X's state
        iso = gazetteer.demonym_country(t.text) or (gazetteer.country_code(t.text) if t.ent_type_ == "GPE" else None)
        if iso:
            return iso
    return None


def _country_after(ents, span: Span) -> str | None:
    """The state the words right after a place name put it in: "X in (the) <state>", "X, <state>"."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in ("in", ","):
        i += 1
    ent = ents.ent_at(i) if i < len(doc) and i > span.end else None
    if ent is None or ent.label_ not in ("GPE", "LOC") or ent.start != i:
        return None
    return gazetteer.country_code(ent.text)
