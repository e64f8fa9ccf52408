"""Where each attack happened, decided once the article is read: a learned ranking of the places it names.

The rules (:mod:`kg.extract.events.places`) read a place off the clause of each mention. On real news the place
an attack is filed under is often named elsewhere, or the clause names only the country or the province. After
coreference, :func:`rank_places` scores every place the article names against each event — how close it stands to
the event's trigger words, how it is introduced ("in", "near", "the village of"), how precise it is, whether the
rules chose it — with a linear model trained on real wire copy (``tools/train.py``), and keeps the best. The
rules' choice is one feature among the others: the model learned when to overrule it, mostly where the rules
found no place or only a country ("in southern Thailand", then "outside Rangae"). It never moves an attack to a
place in another country than the rules read: that is another attack's place.

Before ranking, :func:`told_places` reads what says outright where an attack happened — a sentence ("The attack
took place in Aranpur area of Dantewada", "The incident occurred at a check post in Mir Ali tehsil") or the
village an attack word takes as its object ("attacked the remote villages of Runyonyi and Chanzu"): such an event
takes that place, and the ranker leaves it alone.

The candidates of an event are the places named within ``WINDOW`` sentences of a sentence that tells it, in
the headline, or chosen by the rules; what does not depend on the event is computed once per place, so a long
article costs about as many feature sets as it has events times the places named around each.

The weights are a small JSON file shipped in the package (``kg/extract/weights/places.json``); scoring is a dot
product, so the same article gives the same places, with or without the training tools installed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg import gazetteer
from kg.extract import doccache
from kg.extract.entities import Entities
from kg.extract.events.places import PLACE_RANK, bare_name, locative, places_in, said_to_be_in
from kg.extract.events.syntax import norm_lemma
from kg.extract.learned import linear, model
from kg.lexicon import ATTACK_WORDS, NOUN_TRIGGERS, REGION_NOUNS, SETTLEMENT_WORDS, SITE_WORDS
from kg.model import Event

COMPONENT = "kg.places.v1"  # the name provenance gives the pass that chose an event's place
WINDOW = 20  # sentences either side of the event's own in which a place is a candidate: a bound on a long
# document's cost, wider than any train-split article's distance between an event and its place


@dataclass
class PlaceCandidate:
    """A place the article names: every span that names it, the sentences they stand in, and the features that do
    not depend on the event."""

    key: str
    order: int
    spans: list[Span] = field(default_factory=list)
    span_sentences: list[int] = field(default_factory=list)  # the sentence of each span
    sentences: list[int] = field(default_factory=list)  # sorted, each once
    locative_in: set[int] = field(default_factory=set)  # sentences where it follows "in", "near", "at"...
    attack_in: set[int] = field(default_factory=set)  # sentences where it hangs on an attack word
    within: set[str] = field(default_factory=set)  # the places the article says it is in or near
    static: dict[str, float] = field(default_factory=dict)
    rank: float = 1.0  # how precise it is, lower is finer (:func:`_rank`)


def _sentence_of(starts: list[int], i: int) -> int:
    return bisect_right(starts, i) - 1


def _bucket(n: int, edges: tuple[int, ...]) -> int:
    return next((k for k, e in enumerate(edges) if n <= e), len(edges))


def _contains_another(span: Span, roots: dict[int, str]) -> tuple[str | None, set[str]]:
    """(the place that holds this one, the places this one holds), as the parse tells: "the Barmal district of
    Paktika province" — Paktika holds Barmal; "Bule village, in Ituri" — Ituri holds Bule. ``roots``: head token
    of every place name → its key."""
    root = span.root
    holder = root.head.head if root.dep_ == "pobj" and root.head.lower_ in ("of", "in") else None
    held: set[str] = set()
    if holder is not None and not span.start <= holder.i < span.end:
        t = holder
        while t.dep_ == "compound" and t.head.i != t.i:
            t = t.head
        if t.i in roots:
            held.add(roots[t.i])
        elif t.lower_ in SETTLEMENT_WORDS:
            held |= {roots[c.i] for c in t.children if c.i in roots}
    heads = [root, root.head] if root.head.lower_ in SETTLEMENT_WORDS else [root]
    located = next((roots[g.i] for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                    for g in c.children if g.i in roots), None)
    return located, held


ATTACK_HEADS = ATTACK_WORDS | NOUN_TRIGGERS | {"storm", "ambush", "raid"}


def _where_an_attack_is(span: Span) -> bool:
    """The place hangs on an attack word, whatever event it tells: "the attack in Ali Abad district", "attacked the
    remote villages of Runyonyi", "the airstrike was reported at the Tajoura center" (an attack noun as the verb's
    subject)."""
    t = span.root
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("pobj", "prep", "dobj", "compound", "appos", "npadvmod"):
            return False
        t = t.head
        if t.lemma_.lower() in ATTACK_HEADS:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ATTACK_HEADS for c in t.children)
    return False


def candidates(ents: Entities, starts: list[int]) -> list[PlaceCandidate]:
    """Every place the article names outside its dateline, keyed as the rules key it, in order of first mention,
    with its event-independent features."""
    doc = ents.doc
    found: dict[str, PlaceCandidate] = {}
    for span, region in places_in(doccache.columns(doc).tokens, ents, skip_origin=False):
        key = ents.place_for(span, region_hint=region)
        if key is not None:
            found.setdefault(key, PlaceCandidate(key, len(found))).spans.append(span)
    roots = {sp.root.i: c.key for c in found.values() for sp in c.spans}
    firsts = {sp.start: c.key for c in found.values() for sp in c.spans}
    for c in found.values():
        place = ents.places[c.key]
        f = c.static
        f["bias"] = 1.0
        f[f"kind={place.kind}"] = 1.0
        if place.lat is not None:
            f["geocoded"] = 1.0
        c.span_sentences = [_sentence_of(starts, sp.start) for sp in c.spans]
        c.sentences = sorted(set(c.span_sentences))
        if c.sentences[0] == 0:
            f["in_first_sentence"] = 1.0
        f[f"mentions={_bucket(len(c.spans), (1, 2))}"] = 1.0
        f[f"order={_bucket(c.order, (0, 1, 3))}"] = 1.0
        for sp, sentence in zip(c.spans, c.span_sentences):
            if locative(sp.root):
                f["locative"] = 1.0
                c.locative_in.add(sentence)
            before = doc[sp.start - 1].lower_ if sp.start else ""
            after = doc[sp.end].lower_ if sp.end < len(doc) else ""
            if after in SETTLEMENT_WORDS or (before == "of" and sp.start >= 2
                                             and doc[sp.start - 2].lower_ in SETTLEMENT_WORDS):
                f["settlement_word"] = 1.0
            if after in REGION_NOUNS:
                f["region_word"] = 1.0
            if sp.root.dep_ in ("nsubj", "nsubjpass", "poss"):
                f["subject_or_owner"] = 1.0
            if _where_an_attack_is(sp):
                f["attack_word"] = 1.0
                c.attack_in.add(sentence)
            located, held = _contains_another(sp, roots)
            located = located or said_to_be_in(sp, firsts)
            if held:
                f["locates_another"] = 1.0
            if located and located != c.key:
                f["located_by_another"] = 1.0
                c.within.add(located)
            for key in held - {c.key}:
                found[key].within.add(c.key)
        f[f"label={c.spans[0].label_}"] = 1.0
        if (words := gazetteer.fold(place.label).split()) and words[-1] in SITE_WORDS:
            f["site"] = 1.0  # "Mitiga International Airport": the attack is the town's
        c.rank = _rank(place)
    return list(found.values())


def _rank(place) -> float:
    """How precise a place is (PLACE_RANK); a city named like the first-level region it is in, not its state's
    capital ("in Kaduna", "in Narathiwat"), may mean either: between a town and a region."""
    if place.kind == "city" and not gazetteer.capital_country(place.label) and (
            region := gazetteer.region_named(place.label)) is not None and region.country == place.country:
        return 1.5
    return PLACE_RANK.get(place.kind, 1)


def _namesakes(a, b) -> bool:
    """A region and the city named like it, or two readings of one name ("Kirkuk" and "the Kirkuk region")."""
    return a.country == b.country and bare_name(a.label) == bare_name(b.label)


def features(ev: Event, cand: PlaceCandidate, ents: Entities, ev_sents: list[int],
             anchors: list[tuple[int, int]], within: dict[str, set[str]]) -> dict[str, float]:
    """What the ranker knows of one place for one event; names are the weights' keys. ``ev_sents``: the sentences
    telling the event, sorted; ``anchors``: its trigger tokens with their sentences; ``within``: each place →
    the places the article puts it in. The two places compared are ranked alike (:func:`_rank`)."""
    place = ents.places[cand.key]
    f = dict(cand.static)
    if cand.key == ev.place:
        f["rules_choice"] = 1.0
    if ev.place is None:
        f["rules_none"] = 1.0
    elif cand.key != ev.place:
        chosen = ents.places[ev.place]
        diff = cand.rank - _rank(chosen)
        f["finer_than_rules" if diff < 0 else "coarser_than_rules" if diff > 0 else "as_fine_as_rules"] = 1.0
        if chosen.kind == "country" and diff < 0 and place.country in (None, chosen.country):
            f["in_the_rules_country"] = 1.0  # "in southern Thailand", then "outside Rangae"
        if ev.place in cand.within or any(_namesakes(ents.places[w], chosen) for w in cand.within):
            f["within_rules_place"] = 1.0  # "a town in Kirkuk" when the rules read "the Kirkuk region"
        elif cand.key in within.get(ev.place, ()):
            f["holds_rules_place"] = 1.0
        if place.country and place.country == chosen.country:
            f["rules_country"] = 1.0
        elif place.country and chosen.country:
            f["other_country"] = 1.0
    dist = 99
    for s in ev_sents:  # the nearest sentence naming the place, for each sentence telling the event
        i = bisect_left(cand.sentences, s)
        for j in (i - 1, i):
            if 0 <= j < len(cand.sentences):
                dist = min(dist, abs(cand.sentences[j] - s))
    f[f"sent_dist={_bucket(dist, (0, 1, 3))}"] = 1.0
    if ev_sents and cand.sentences[0] < ev_sents[0]:
        f["named_before"] = 1.0
    if not cand.locative_in.isdisjoint(ev_sents):
        f["locative_near"] = 1.0
    if not cand.attack_in.isdisjoint(ev_sents):
        f["attack_word_near"] = 1.0
    near = min((abs(sp.root.i - a) for a, sa in anchors for sp, s in zip(cand.spans, cand.span_sentences) if s == sa),
               default=None) if dist == 0 else None
    if near is not None:
        f[f"token_dist={_bucket(near, (3, 8, 20))}"] = 1.0
    return f


INCIDENT_NOUNS = frozenset({"incident", "attack", "blast", "explosion", "bombing", "strike", "airstrike", "ambush",
                            "raid", "assault", "shooting", "shelling", "massacre"})
TOLD_BEFORE = 2  # sentences back to the attack "the incident" refers to, when it is no mention of one


def _says_where(verb: Token) -> bool:
    """ "occurred", "happened", "took place", "was carried out": a verb that, with an incident as its subject,
    tells where it happened."""
    lemma = verb.lemma_.lower()
    if lemma in ("occur", "happen"):
        return True
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    return lemma == "carry" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children) and any(
        c.dep_ == "auxpass" for c in verb.children)


def _where_verb_says(tok: Token, verb: Token) -> bool:
    """Does a place name locate the verb itself — "took place in X", "occurred outside an office in Kabul's X
    area" — not a clause or another attack inside its complement ("on the day clashes broke out in X", "after a
    meeting was held in X")?"""
    if not (locative(tok) or tok.dep_ == "poss" and locative(tok.head)):
        return False
    t = tok
    while t.i != verb.i:
        if t.dep_ not in ("pobj", "prep", "poss", "appos", "compound", "conj", "amod") or t.head.i == t.i:
            return False
        t = t.head
        if t.i != verb.i and norm_lemma(t) in NOUN_TRIGGERS | {"meeting", "protest"}:
            return False
    return True


def told_places(events: list[Event], ents: Entities) -> dict[str, str]:
    """Event id → the place the text says it happened at. A sentence: "The attack took place in Aranpur area of
    Dantewada", "The incident occurred at a check post in Mir Ali tehsil" — the attack the subject is a mention
    of, or for "the incident", "it", the one told last within ``TOLD_BEFORE`` sentences; the finest place that
    locates the verb (the first of two as fine: "X area of Y" names X first). Else the village one of the event's
    attack words takes as its object (:func:`_struck_settlement`). Never a country, nor a place in another country
    than the one the rules read (another attack's)."""
    if not events:
        return {}
    doc = ents.doc
    sent_starts = [s.start_char for s in doc.sents]
    mentions = sorted((m.start, m.end, n) for n, ev in enumerate(events) for m in ev.mentions or [ev.evidence.span])
    out: dict[str, str] = {}
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or not _says_where(verb):
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        n = next((n for a, b, n in mentions if a <= subj.idx < b), None)  # "another attack took place in X"
        if n is None:
            if not (subj.lower_ == "it" or norm_lemma(subj) in INCIDENT_NOUNS and any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children)):
                continue
            here = bisect_right(sent_starts, verb.idx) - 1
            n = next((n for a, _, n in reversed(mentions) if a < sent_starts[here]
                      and here - (bisect_right(sent_starts, a) - 1) <= TOLD_BEFORE), None)
        if n is None:
            continue
        ev = events[n]
        keys = [ents.place_for(sp, region_hint=region)
                for sp, region in places_in([t for t in verb.subtree if t.i > verb.i], ents)
                if sp.label_ != "FAC" and _where_verb_says(sp.root, verb)]
        keys = [k for k in keys if k is not None and ents.places[k].kind != "country"]
        if not keys:
            continue
        best = min(keys, key=lambda k: _rank(ents.places[k]))  # min keeps the first of equals
        if _in_rules_state(ev, best, ents):
            out[ev.id] = best
    for ev in events:
        if ev.id in out:
            continue
        for m in ev.mentions or [ev.evidence.span]:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            key = _struck_settlement(span.root, ents) if span is not None else None
            if key is not None and _in_rules_state(ev, key, ents):
                out[ev.id] = key
                break
    return out


def _in_rules_state(ev: Event, key: str, ents: Entities) -> bool:
    """Is a place in the state of the place the rules read for the event (or is either in none)?"""
    home = ents.places[ev.place].country if ev.place else None
    return home is None or ents.places[key].country in (None, home)


VILLAGE_WORDS = frozenset({"village", "town", "community", "settlement", "hamlet", "neighbourhood", "neighborhood",
                           "suburb"})


def _struck_settlement(trigger: Token, ents: Entities) -> str | None:
    """The village or town an attack word takes as its object: "attacked the remote villages of X and Y",
    "invaded X and Y communities", "raided X village", "the attack on the town of X" — the first place the object
    names as such (not one that only locates it, "communities in the Far North region", nor a city the object is,
    "the attack on Tripoli", which may tell a district of it next)."""
    if trigger.pos_ == "VERB":
        objs = [c for c in trigger.children if c.dep_ == "dobj"]
    else:
        objs = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                for g in c.children if g.dep_ == "pobj"]
    doc = ents.doc
    for obj in objs:
        for sp, region in places_in(list(obj.subtree), ents):
            root = sp.root
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head  # "the villages of X and Y", "X and Y communities"
            after = doc[sp.end] if sp.end < len(doc) else None
            names_it = root.head.lemma_.lower() in VILLAGE_WORDS and root.dep_ == "compound" or (
                after is not None and after.lemma_.lower() in VILLAGE_WORDS) or (
                root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in VILLAGE_WORDS)
            key = ents.place_for(sp, region_hint=region) if names_it and sp.label_ != "FAC" else None
            if key is not None and ents.places[key].kind != "country":
                return key
    return None


def rank_places(events: list[Event], ents: Entities, trace: list | None = None,
                settled: set[str] | frozenset[str] = frozenset()) -> None:
    """Give each event the best-scoring place the article names. ``trace`` (training) collects, per event,
    the event and its candidates (``Place``, features), and leaves the events as the rules placed them.
    ``settled``: the ids of events whose place is not the ranker's to change (one attack per place of a list,
    "strikes hit the towns of X, Y and Z")."""
    weights = model("places").get("weights", {})
    if not events or (not weights and trace is None):
        return
    told = {key: len(p.mentions) for key, p in ents.places.items()}  # looking places up registers mentions
    doc = ents.doc
    moved_to = set()
    # told outright: not the ranker's to change (training still learns from these events, as the rules placed them)
    stated = told_places([ev for ev in events if ev.id not in settled], ents) if trace is None else {}
    for ev in events:
        if ev.id in stated and ev.place != stated[ev.id]:
            ev.place = stated[ev.id]
            ev.decided_by["place"] = COMPONENT
            moved_to.add(ev.place)
    settled = {*settled, *stated}
    starts = [s.start for s in doc.sents]
    cands = candidates(ents, starts)
    index = {c.key: n for n, c in enumerate(cands)}
    within = {c.key: c.within for c in cands}
    by_sentence: dict[int, list[int]] = {}
    for n, c in enumerate(cands):
        for s in c.sentences:
            by_sentence.setdefault(s, []).append(n)
    for ev in events:
        if ev.id in settled:
            continue
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in (ev.mentions or [ev.evidence.span])]
        anchors = [(sp.root.i, _sentence_of(starts, sp.root.i)) for sp in spans if sp is not None]
        ev_sents = sorted({s for _, s in anchors})
        near = {n for s in ev_sents for k in range(s - WINDOW, s + WINDOW + 1) for n in by_sentence.get(k, ())}
        near |= set(by_sentence.get(0, ()))
        if ev.place in index:
            near.add(index[ev.place])
        home = ents.places[ev.place].country if ev.place else None
        if home is not None and ents.places[ev.place].kind in ("city", "place") and \
                home not in ents.spelled_countries and ents.spelled_countries:
            home = None  # a city whose state the story never names, in a story naming others: a namesake abroad
            # (a street named after a foreign capital, in a story from Somalia)
        # a place in another country than the rules read is another attack's: "Drone strike kills two in Syria"
        # over a story from Kharkiv
        rows = [(cands[n].key, features(ev, cands[n], ents, ev_sents, anchors, within)) for n in sorted(near)
                if home is None or ents.places[cands[n].key].country in (None, home)]
        if trace is not None:
            trace.append((ev, [(ents.places[k], f) for k, f in rows]))
            continue
        if not rows:
            continue
        best = max(rows, key=lambda r: (linear(weights, r[1]), r[0] == ev.place))
        if best[0] != ev.place:
            ev.place = best[0]
            ev.decided_by["place"] = COMPONENT
            moved_to.add(ev.place)
    # what was looked up only to be ranked is not published; a place an event moved to keeps the words that name
    # it, except words that already name something else (one span identifies one entity)
    named = {(m.start, m.end) for key, p in ents.places.items() for m in p.mentions[:told.get(key, 0)]}
    named |= {(m.start, m.end) for a in ents.actors.values() for m in a.mentions}
    kept = {f"country-{p.country}" for key, p in ents.places.items() if p.country and (key in told or key in moved_to)}
    for key in list(ents.places):
        place = ents.places[key]
        if key in moved_to or (key in kept and key not in told):
            place.mentions[told.get(key, 0):] = [m for m in place.mentions[told.get(key, 0):]
                                                 if (m.start, m.end) not in named]
        elif key in told:
            del place.mentions[told[key]:]
        else:
            del ents.places[key]
