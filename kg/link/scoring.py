"""Which names to look up for an entity, and how well a Wikidata item fits it.

The score adds up evidence; an item is a candidate only if its type fits the entity's kind
(``wdt:P31``/``wdt:P279*`` reaches a required class and no forbidden one) and it contradicts
nothing kg knows offline (another GeoNames id, ISO code or country).  Weights:

=====================================================  ======
the entity's label is the item's English label          0.45
... one of its English aliases                          0.40
a name variant ("Kharkiv Oblast" for "Kharkiv region")  0.30
type fits                                               0.25
same key: GeoNames id, ISO 3166-1 or ISO 3166-2 code    0.30
same country as the entity's own (kgo:countryCode)      0.20
a country of a co-occurring entity (same article)       0.15
a person with a role (kgo:role) holding a position      0.05
=====================================================  ======

The score shown is ``min(1, sum)``.  A link needs the best score at or above the threshold
(default 0.8) and a lead of at least ``margin`` (default 0.1, on the unclipped sums) over the
runner-up; otherwise nothing is linked and the candidates are recorded.  So a name and a type
alone (0.70) never link: some offline evidence (key, country, co-occurrence) must agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.gazetteer import DEMONYMS, fold
from kg.lexicon import REGION_WORDS
from kg.link.wikidata import Item

W_LABEL, W_ALIAS, W_VARIANT = 0.45, 0.40, 0.30
W_TYPE, W_KEY, W_COUNTRY, W_CONTEXT, W_POSITION = 0.25, 0.30, 0.20, 0.15, 0.05
THRESHOLD, MARGIN = 0.8, 0.1

# Wikidata classes (Q-ids) the types are checked against.
HUMAN = "Q5"
ORGANIZATION = "Q43229"
COUNTRY, SOVEREIGN_STATE = "Q6256", "Q3624078"
HUMAN_SETTLEMENT, CITY, TOWN, VILLAGE, BIG_CITY, CAPITAL = "Q486972", "Q515", "Q3957", "Q532", "Q1549591", "Q5119"
ADMIN_ENTITY, FIRST_LEVEL_SUBDIVISION = "Q56061", "Q10864048"
MILITARY, MILITARY_UNIT = "Q8473", "Q176799"

COUNTRIES = frozenset({COUNTRY, SOVEREIGN_STATE})
SETTLEMENTS = frozenset({HUMAN_SETTLEMENT, CITY, TOWN, VILLAGE, BIG_CITY, CAPITAL})
REGIONS = frozenset({ADMIN_ENTITY, FIRST_LEVEL_SUBDIVISION})
MILITARIES = frozenset({MILITARY, MILITARY_UNIT})

# kind → (an item must be an instance of one of these, and of none of these)
TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "country": (COUNTRIES, frozenset({HUMAN})),
    "settlement": (SETTLEMENTS, COUNTRIES | {HUMAN}),
    "region": (REGIONS, SETTLEMENTS | COUNTRIES | {HUMAN}),
    "place": (SETTLEMENTS | REGIONS, COUNTRIES | {HUMAN}),
    "armed_force": (MILITARIES, COUNTRIES | SETTLEMENTS | {HUMAN}),
    "armed_group": (frozenset({ORGANIZATION}) | MILITARIES, COUNTRIES | SETTLEMENTS | {HUMAN}),
    "organisation": (frozenset({ORGANIZATION}), COUNTRIES | SETTLEMENTS | MILITARIES | {HUMAN}),
    "person": (frozenset({HUMAN}), COUNTRIES | SETTLEMENTS | {ORGANIZATION}),
}
ROOTS = frozenset().union(*(req | no for req, no in TYPES.values()))

_COUNTRY_DEMONYM = {}
for _word, _iso in DEMONYMS.items():
    _COUNTRY_DEMONYM.setdefault(_iso, _word)
_SMALL = {"of", "the", "and", "for", "in", "on", "de", "al"}
_REGION_SUFFIX = re.compile(r"\s+(?:" + "|".join(REGION_WORDS) + r")$", re.IGNORECASE)


@dataclass
class Entity:
    """An actor or place of kg's RDF that may be linked."""

    iri: str
    kind: str  # a key of TYPES
    label: str
    country: str | None = None  # its own ISO alpha-2 (kgo:countryCode, or its affiliation's)
    geonames: str | None = None
    iso: str | None = None  # ISO 3166-1 alpha-2, for countries
    iso_region: str | None = None  # ISO 3166-2, for regions
    role: str | None = None
    context: frozenset[str] = frozenset()  # ISO alpha-2 of entities in the same articles
    country_name: str | None = None  # for name variants of armed forces


@dataclass
class Scored:
    qid: str
    score: float  # min(1, raw)
    raw: float
    evidence: list[str] = field(default_factory=list)
    rejected: str | None = None  # why the item cannot be this entity


def title(text: str) -> str:
    words = text.split()
    return " ".join(w if (i and w.lower() in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def variants(e: Entity) -> list[str]:
    """Names to look up besides the label itself, most specific first."""
    label = e.label.strip()
    base = re.sub(r"^the\s+", "", label, flags=re.IGNORECASE)
    out = [base, title(base), base[:1].upper() + base[1:]]
    if e.kind in ("region", "place"):
        stem = _REGION_SUFFIX.sub("", base).strip()
        if stem and stem != base:
            out += [f"{stem} {w}" for w in ("Oblast", "Region", "region", "Province", "Governorate", "Krai")]
            out.append(stem)
    if e.kind == "armed_force" and e.country:
        demonym = _COUNTRY_DEMONYM.get(e.country)
        names = [n for n in (e.country_name,) if n]
        out += [f"Armed Forces of {n}" for n in names] + [f"Armed Forces of the {n}" for n in names]
        if demonym:
            out += [f"{demonym} Armed Forces", f"{demonym} armed forces", f"{demonym} Army"]
    seen, result = set(), []
    for v in out:
        if v and v not in seen:
            seen.add(v)
            result.append(v)
    return result


def score(e: Entity, item: Item, classes: dict[str, set[str]]) -> Scored:
    """How well ``item`` fits ``e``; ``classes`` maps each type of the item to the root classes it reaches."""
    s = Scored(item.qid, 0.0, 0.0)
    required, forbidden = TYPES[e.kind]
    reached = set().union(*(classes.get(t, set()) for t in item.types)) if item.types else set()
    if not reached & required:
        s.rejected = f"type: not a {e.kind.replace('_', ' ')}"
        return s
    if reached & forbidden:
        s.rejected = f"type: also a {', '.join(sorted(reached & forbidden))}"
        return s
    # contradictions with what kg knows offline
    for mine, theirs, what in ((e.geonames, item.geonames, "GeoNames id"), (e.iso, item.iso, "ISO 3166-1 code"),
                               (e.iso_region, item.iso_region, "ISO 3166-2 code")):
        if mine and theirs and mine not in theirs:
            s.rejected = f"{what} {', '.join(sorted(theirs))}, not {mine}"
            return s
    if e.country and item.countries and e.country not in item.countries:
        s.rejected = f"country {', '.join(sorted(item.countries))}, not {e.country}"
        return s
    raw = W_TYPE
    s.evidence.append("type")
    label = fold(e.label)
    names = {fold(v) for v in variants(e)}
    if label in {fold(x) for x in item.labels}:
        raw += W_LABEL
        s.evidence.append("label")
    elif label in {fold(x) for x in item.aliases}:
        raw += W_ALIAS
        s.evidence.append("alias")
    elif names & {fold(x) for x in item.labels | item.aliases}:
        raw += W_VARIANT
        s.evidence.append("name variant")
    if any(mine and mine in theirs for mine, theirs in (
            (e.geonames, item.geonames), (e.iso, item.iso), (e.iso_region, item.iso_region))):
        raw += W_KEY
        s.evidence.append("key")
    if e.country and e.country in item.countries:
        raw += W_COUNTRY
        s.evidence.append(f"country {e.country}")
    elif not e.country and item.countries & e.context:
        raw += W_CONTEXT
        s.evidence.append(f"co-occurring {', '.join(sorted(item.countries & e.context))}")
    if e.kind == "person" and e.role and item.positions:
        raw += W_POSITION
        s.evidence.append("holds a position")
    s.raw = round(raw, 4)
    s.score = round(min(1.0, raw), 2)
    return s


def decide(scored: list[Scored], threshold: float = THRESHOLD, margin: float = MARGIN) -> tuple[Scored | None, str]:
    """The item to link (or None) and the status: linked, ambiguous, below_threshold or no_candidate."""
    ok = sorted((s for s in scored if s.rejected is None), key=lambda s: (-s.raw, int(s.qid[1:])))
    if not ok:
        return None, "no_candidate"
    best = ok[0]
    if best.score + 1e-9 < threshold:
        return None, "below_threshold"
    if len(ok) > 1 and best.raw - ok[1].raw + 1e-9 < margin:
        return None, "ambiguous"
    return best, "linked"
