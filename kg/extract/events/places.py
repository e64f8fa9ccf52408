"""Where an attack happened: the places a clause names, the most specific of them, and how far apart two are.

A place the text names is an event's place when it locates the attack ("in", "near", "the town of X"), not when it
is the attacker ("Russia struck"), an origin ("launched from X"), a landmark that locates another place ("30km
northwest of the capital") or the place of another attack.
"""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from spacy.tokens import Span, Token

from kg import actornames, gazetteer
from kg.extract.entities import Entities
from kg.extract.events.syntax import norm_lemma
from kg.extract.events.weapons import weapon_of
from kg.gazetteer import fold
from kg.lexicon import (ACTOR_HEADS, ATTACK_NOUNS, BACKING_WORDS, BORDER_NOUNS, COMPASS, DISTANCE_NOUNS, EDGE_NOUNS,
                        LIST_CLOSERS, LOCATING_PLACE_NOUNS, LOCATIVE_PREPS, NOUN_TRIGGERS, QUARTER_NOUNS, REGION_NOUNS,
                        REGION_WORDS, TAKEN_FROM)
from kg.nlp.components import list_gap


def locative(tok: Token) -> bool:
    """Is a place name where something happened: after "in", "near", "at"..., directly or through
    "the northern town of X", "the outskirts of X"?"""
    t = tok
    for _ in range(5):
        if t.dep_ in ("appos", "compound", "conj") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ != "pobj":
            return False
        prep = t.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in LOCATING_PLACE_NOUNS and prep.head.dep_ in ("pobj", "appos"):
            t = prep.head
            continue
        return prep.lower_ in LOCATIVE_PREPS - {"from", "of"}
    return False


def _from_origin(tok: Token) -> bool:
    """ "launched from near Kirkuk": a place things came from; not "the toll from a strike in Kharkiv"."""
    t = tok
    for _ in range(6):
        if t.head.i == t.i or t.pos_ in ("VERB", "AUX"):
            return False
        if t.i != tok.i and norm_lemma(t) in NOUN_TRIGGERS:
            return False  # the place of an attack named further up
        if t.dep_ == "pobj" and t.head.lower_ in ("toward", "towards"):
            return True  # "rocket fire toward northern Israel": a direction, not where it happened
        if t.dep_ == "pobj" and t.head.lower_ == "from":
            holder = t.head.head
            if holder.lemma_.lower() in TAKEN_FROM or (holder.pos_ in ("NOUN", "PROPN") and not weapon_of(holder)
                                                        and norm_lemma(holder) not in ATTACK_NOUNS | NOUN_TRIGGERS):
                return False  # "abducted students from a school in X", "pulled from the rubble": where it happened
            return True
        t = t.head
    return False


def places_in(tokens: list[Token], ents: Entities, skip_origin: bool = True) -> list[tuple[Span, bool]]:
    """GPE/LOC entities among ``tokens``: (span, looks-like-a-region)."""
    out = []
    if not tokens:
        return out
    index = {t.i for t in tokens}
    lo, hi = min(index), max(index)
    for ent in ents.spans_over(lo, hi):
        if ent.label_ not in ("GPE", "LOC", "FAC") or index.isdisjoint(range(ent.start, ent.end)):
            continue
        region = ents.memo("place_reading", (ent.start, ent.end, skip_origin), lambda: _place_reading(ent, ents,
                                                                                                      skip_origin))
        if region is not None:
            out.append((ent, region))
    return out


def _place_reading(ent: Span, ents: Entities, skip_origin: bool) -> bool | None:
    """Whether a place entity looks like a region, or None when it is not where something happened: the same for
    every clause that holds it, so asked once per document."""
    root = ent.root  # Span.root is found anew on each access
    if skip_origin and _from_origin(root):
        return None  # "launched from an area near the city of Kirkuk": where from, not where
    if ent.start_char < ents.dateline_end:
        return None
    if actornames.armed_group_in(ent.text):
        return None  # "Abu Sayyaf's" taken for a place: a group, wherever it fought
    dep, head = root.dep_, root.head
    if dep == "nsubj" or (dep == "pobj" and head.dep_ == "agent"):
        return None  # "Russia struck ...": the attacker, not the place
    if dep in ("compound", "amod") and weapon_of(head):
        return None  # "Katyusha rockets"
    if dep in ("compound", "nmod") and norm_lemma(head) in NOUN_TRIGGERS and gazetteer.country_code(ent.text):
        return None  # "Israel strike kills three in south Lebanon": the state that struck (not "the Kharkiv strike")
    if head.lower_ in BACKING_WORDS:
        return None  # "the Iran-backed movement", "a Gaza-based group": where a backer or a base is
    if dep == "poss" and (head.lower_ in ACTOR_HEADS or head.pos_ == "PROPN"):
        return None  # "Sudan's paramilitary Rapid Support Forces", "Russia's Defense Ministry"
    nxt = ents.doc[ent.end] if ent.end < len(ents.doc) else None
    return nxt is not None and nxt.lower_ in REGION_NOUNS


def under_other_attack(t: Token, trigger: Token) -> bool:
    """Is a place inside the phrase of another attack than the trigger's: "struck a commander responsible
    for rocket fire on northern Israel" (where the commander's rockets went, not where he was struck)?"""
    for _ in range(8):
        if t.i == trigger.i or t.head.i == t.i or t.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
        if t.i != trigger.i and t.pos_ == "NOUN" and norm_lemma(t) in NOUN_TRIGGERS | ATTACK_NOUNS:
            # only when that attack hangs from a description ("responsible for", "whom it described as")
            a = t
            for _ in range(8):
                if a.i == trigger.i or a.head.i == a.i:
                    return False
                a = a.head
                if a.pos_ == "ADJ" or a.dep_ in ("relcl", "acl") and a.i != trigger.i:
                    return True
            return False
    return False


def relative_clauses_above(ent: Span, ents: Entities) -> frozenset[int]:
    """Indices of the relative-clause verbs an entity sits under; memoised, as deep parses make this costly."""
    return ents.memo("relcl_above", ent.start,
                     lambda: frozenset(a.i for a in ent.root.ancestors if a.dep_ == "relcl"))


def _span_head(span: Span) -> Token:
    """The token an entity hangs from the sentence by ("the Black Sea": Sea, not the determiner)."""
    return next((t for t in reversed(span) if t.dep_ != "det" and not span.start <= t.head.i < span.end), span.root)


def _reference_point(root: Token, heads: set[int]) -> bool:
    """Is a place only a landmark that locates another: "Afgoye, a town 30km northwest of the capital,
    Mogadishu", "near X, south of the city of Y", "the X camp on the northern edge of Y"?"""
    t = root
    for _ in range(8):
        if t.dep_ in ("appos", "compound") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ != "pobj":
            return False
        prep, holder = t.head, t.head.head
        if prep.lower_ == "of" and (holder.lower_ in COMPASS or holder.lemma_.lower() in DISTANCE_NOUNS
                                    or holder.lower_ in BORDER_NOUNS):
            return True
        if prep.lower_ == "of" and holder.lemma_.lower() in LOCATING_PLACE_NOUNS | EDGE_NOUNS:
            t = holder
            continue
        return t.i != root.i and prep.lower_ in ("on", "in", "at", "near", "outside") and holder.i in heads \
            and holder.i != root.i  # "X village, near Kismayo": Kismayo only locates X
    return False


RELATION_WORDS = {"in", "of", "near", "outside", "at"}  # "X, in Y", "X, just east of Y", "X near Y"
INSIDE_WORDS = frozenset({"in", "of"})  # of these, the ones that put X inside Y
BETWEEN_WORDS = {"just", "about", "some", "around", "roughly", "nearly", "km", "kilometres", "kilometers", "miles",
                 "the", "a", "northern", "southern", "eastern", "western", "central", "province", "district",
                 "region", "town", "city", "village", "area", "governorate", "state", "suburb", "outskirts"}


def said_to_be_in(span: Span, starts: dict[int, object], relations: frozenset[str] | set[str] = RELATION_WORDS
                  ) -> object | None:
    """The place the words right after a place name put it in or near: "Qusra village, in Nablus", "the Zakia
    area near Damascus", "Runyonyi and Chanzu in Rutshuru", "the Tajoura center for migrants, just east of
    Tripoli", "Madama village (Nablus)" (the parse often hangs such phrases on the verb). ``starts``: the first
    token of every other place name → what to return for it; ``relations``: the words (of RELATION_WORDS) that
    relate the two."""
    doc = span.doc
    i, limit = span.end, min(len(doc), span.end + 5)
    while i < limit and doc[i].pos_ in ("NOUN", "ADJ", "ADP") and doc[i].lower_ not in RELATION_WORDS:
        i += 1  # the place's own head noun and its modifiers: "village", "detention center for migrants"
    related = False
    if i < len(doc) and doc[i].text in (",", "("):
        related = doc[i].text == "("
        i += 1
    for t in doc[i:min(len(doc), i + 7)]:
        if t.i in starts and related:
            return starts[t.i]
        low = t.lower_
        if low in relations:
            related = True
        elif not (low in BETWEEN_WORDS or low in COMPASS or t.like_num):
            return None
    return None


def _told_within(ents: Entities) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(inner, outer) place names the article puts one in the other, as token ranges: "the Novoshakhtinsk oil
    refinery in Russia's southern Rostov region", "the city of Sevastopol in Crimea", "Qusra village, in Nablus".
    Read once per document; which places they name is looked up when asked."""
    def read():
        spans = [e for e in ents.spans if e.label_ in ("GPE", "LOC", "FAC")]
        at = {t.i: e for e in spans for t in e}
        starts = {e.start: e for e in spans}
        pairs = []
        for e in spans:
            heads, h = [e.root], e.root
            while h.dep_ == "compound" and h.head.i != h.i:
                h = h.head
                heads.append(h)
            if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in LOCATING_PLACE_NOUNS:
                heads.append(h.head.head)  # "the city of X in Y"
            for h in heads:
                for g in (g for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                          for g in p.children if g.dep_ == "pobj"):
                    outer = at.get(g.i) or next((at[c.i] for c in g.children if c.dep_ == "compound" and c.i in at),
                                                None)
                    if outer is not None and outer is not e:
                        pairs.append(((e.start, e.end), (outer.start, outer.end)))
            outer = said_to_be_in(e, starts, INSIDE_WORDS)  # not "fleeing X near the village of Y"
            if outer is not None and outer is not e:
                pairs.append(((e.start, e.end), (outer.start, outer.end)))
        return pairs
    return ents.memo("told_within", 0, read)


def told_within(ents: Entities, inner: str, outer: str) -> bool:
    """Does the article put the place ``inner`` in ``outer`` (both keys), in so many words?"""
    return any(ents.resolved_place(*a) == inner and ents.resolved_place(*b) == outer for a, b in _told_within(ents))


def choose_place(cands: list[tuple[Span, bool]], ents: Entities) -> tuple[str | None, str | None]:
    """The most specific place among candidates: city > region > country."""
    roots = {e.start: _span_head(e) for e, _ in cands}
    named = {r.head.head.i for r in roots.values() if r.dep_ == "pobj" and r.head.lower_ == "of"
             and r.lemma_.lower() not in LOCATING_PLACE_NOUNS}
    heads = set()
    for h in roots.values():
        while h.dep_ == "compound" and h.head.i != h.i:
            h = h.head
        heads.add(h.i)
    if len(cands) > 1:
        landmarks = {e.start for e, _ in cands if _reference_point(roots[e.start], heads)}
        starts = {e.start: e.start for e, _ in cands}
        # "the Zakia area near Damascus": Damascus only locates Zakia; not "Kech district, near the city of
        # Turbat", where the town is the finer place
        doc = cands[0][0].doc
        landmarks |= {held for e, _ in cands if not (e.end < len(doc) and doc[e.end].lower_ in REGION_WORDS)
                      and e[-1].lower_ not in REGION_WORDS and (held := said_to_be_in(e, starts)) is not None
                      and held != e.start}
        if landmarks and len(landmarks) < len(cands):
            found = _most_specific([(e, r) for e, r in cands if e.start not in landmarks], roots, heads, named, ents)
            if found is not None and found[0] <= 1:  # a town or a named spot, not only the country around
                return found[1], found[2]
    found = _most_specific(cands, roots, heads, named, ents)
    return (found[1], found[2]) if found else (None, None)


# how precise a kind of place is (lower is more precise); an unknown "place" sits between a city and a region
PLACE_RANK = {"city": 0, "place": 1, "region": 2, "country": 3}


def _most_specific(cands, roots, heads, named, ents: Entities):
    best = None
    for span, region in cands:
        root = roots[span.start]
        held = root.head if root.dep_ == "compound" and root.head.lower_ in REGION_WORDS else root
        if held.dep_ == "pobj" and held.head.lower_ in ("in", "inside") and held.head.head.i in heads \
                and held.head.head.i != root.i:
            continue  # "the Nuseirat refugee camp in central Gaza", "a post at X in Y district": X is finer
        if root.dep_ == "poss" and root.head.i in heads and root.head.i != root.i:
            continue  # "Balochistan's Noshki district": the province only locates the district
        if root.dep_ in ("compound", "nmod") and root.head.i in named \
                and root.head.lemma_.lower() in LOCATING_PLACE_NOUNS:
            continue  # "the Red Sea port of Salif", "the Donetsk regional towns of X and Y": the name only locates
        key = ents.place_for(span, region_hint=region)
        if key is None:
            continue
        p = ents.places[key]
        r = PLACE_RANK.get(p.kind, 1)
        if best is None or r < best[0]:
            best = (r, key, p.country)
    return best


def _listed_with(mine: Span, spans: list[Span]) -> list[Span]:
    """The place names a list puts beside ``mine``, read off the words between names: commas, "and", "as well
    as", "in addition to" and settlement nouns ("the villages of"). A run of names joined by commas alone is an
    address ("the town of Moirang, in Bishnupur district"): a list has an "and" between two of its names, and an
    "in" between two names only within "in addition to" or "as well as in". The parse often misses such lists
    ("the town of X and the villages of Y and Z" coordinates the nouns)."""
    doc = mine.doc
    ordered = sorted({sp.start: sp for sp in spans}.values(), key=lambda sp: sp.start)
    at = next((n for n, sp in enumerate(ordered) if sp.start == mine.start), None)
    if at is None:
        return []

    def gap(a: Span, b: Span) -> set[str] | None:
        between = [t.lower_ for t in doc[a.end:b.start]]
        words = set(between)
        if between[-2:] == ["and", "in"] and between.count("in") == 1:
            words.discard("in")  # "in X and in Y": the preposition said again, still a list
        return words if list_gap(words) else None
    lo = hi = at
    gaps = []
    while lo > 0 and (g := gap(ordered[lo - 1], ordered[lo])) is not None:
        lo -= 1
        gaps.append(g)
    while hi + 1 < len(ordered) and (g := gap(ordered[hi], ordered[hi + 1])) is not None:
        hi += 1
        gaps.append(g)
    if not any(g & LIST_CLOSERS for g in gaps):
        return []
    if any(g & QUARTER_NOUNS for g in gaps):
        return []  # "the Salaam neighbourhood, the Hirja neighbourhood and ...": parts of one town
    return [sp for sp in ordered[lo:hi + 1] if sp.start != mine.start]


def coordinated_places(cands: list[tuple[Span, bool]], chosen: str, ents: Entities,
                       sentence: list[tuple[Span, bool]] = ()) -> list[tuple[str, str | None]]:
    """Places of the same rank coordinated with the chosen one: "strikes hit the cities of X, Y and Z", "the
    villages of X and Y were attacked" tell an attack on each (SCHEMA.md: an event has one place). ``sentence``:
    the places of the whole sentence, where a list goes on past the clause the parse gave the attack ("attacks on
    the villages of X, Y and Z, in addition to W and V")."""
    keyed = [(span, ents.place_for(span, region_hint=region)) for span, region in cands]
    mine = next((span for span, key in keyed if key == chosen), None)
    if mine is None or ents.places[chosen].kind in ("country", "region"):
        return []
    linked = {t.i for t in mine.root.conjuncts}
    if not any(c.dep_ == "cc" for i in linked | {mine.root.i} for c in mine.doc[i].children):
        linked = set()  # "in Tarbo district, Kanto Zone, Amhara region": an address, each part holding the one before
    hints = {sp.start: r for sp, r in (*cands, *sentence)}
    listed = _listed_with(mine, [sp for sp, _ in (*cands, *sentence)])
    linked |= {sp.root.i for sp in listed}
    seen = {span.start for span, _ in keyed}
    # only the names of the list are looked up (looking a place up registers the words as its mention)
    keyed += [(sp, ents.place_for(sp, region_hint=hints[sp.start])) for sp in listed if sp.start not in seen]
    first = min([mine.start] + [span.start for span, _ in keyed if span.root.i in linked])
    if {t.lower_ for t in mine.doc[max(first - 3, 0):first]} & QUARTER_NOUNS:
        return []  # "the neighbourhoods of X, Y and Z": parts of one town, shelled as one
    out = []
    for span, key in keyed:
        if key is None or key == chosen or span.root.i not in linked or any(k == key for k, _ in out):
            continue
        p = ents.places[key]
        if p.kind in ("country", "region"):
            continue
        out.append((key, p.country))
    return out


NEAR_KM = 20.0  # known places this close may be one: a district and its city ("Kyivskyi" in Kharkiv)


def bare_name(label: str) -> str:
    """A place name without "region", "province", "oblast": "Belgorod region" → "belgorod"."""
    return fold(label).replace(" region", "").replace(" province", "").replace(" oblast", "")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))
