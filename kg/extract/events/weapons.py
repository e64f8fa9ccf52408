"""The means of an attack: the weapon a word names, and what a vehicle or a weapon carries."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.syntax import norm_lemma
from kg.lexicon import LADEN, SUICIDE_ACTS, WEAPON_WORDS


def weapon_of(t: Token) -> tuple[str, str] | None:
    """(instrument code, event type) a word names: "missiles" → missile; "suicide bomber" → explosive."""
    lemma = norm_lemma(t)
    if lemma == "air" and t.head.lemma_.lower() in ("strike", "raid", "attack", "force", "forces"):
        lemma = "airstrike"
    if lemma == "suicide" and t.dep_ in ("compound", "amod", "nmod") and t.head.lemma_.lower() in SUICIDE_ACTS:
        return "explosive_device", "bombing"  # "a suicide attack", "a suicide blast": a bomber's explosives
    if lemma not in WEAPON_WORDS or (t.pos_ == "VERB" and lemma in ("bomb", "shell")):
        return None
    code, etype = WEAPON_WORDS[lemma]
    mods = {c.lower_ for c in t.children}
    if lemma in ("rocket", "grenade") and "propelled" in t.doc[max(t.i - 3, 0) : t.i + 3].text.lower():
        return "firearm", "armed_clash"  # a rocket-propelled grenade is an infantry weapon
    if lemma == "bomber" and mods & {"suicide", "car"}:
        return ("vehicle_bomb" if "car" in mods else "explosive_device"), "bombing"
    if lemma == "bomb" and (t.head.lemma_.lower() in ("car", "truck") or mods & {"car", "truck"}):
        return "vehicle_bomb", "bombing"
    if lemma == "bomb" and mods & {"guided", "glide", "aerial", "barrel", "cluster", "air-dropped"}:
        return "aircraft", "air_strike"  # dropped from aircraft
    if t.dep_ == "compound" and t.head.lemma_.lower() in ("car", "truck"):
        return "vehicle_bomb", "bombing"
    return code, etype


def modifies_weapon(t: Token) -> bool:
    """ "explosive-laden drones", "bomb-carrying drones": an explosive modifying a weapon that delivers it; the
    head names the means (but "mortar bombs" are mortars)."""
    found = weapon_of(t)
    if found is None or found[1] != "bombing":
        return False
    h = t
    for _ in range(2):
        if h.dep_ not in ("amod", "compound", "npadvmod") or h.head.i == h.i:
            return False
        h = h.head
        if weapon_of(h):
            return True
    return False


def laden_with(t: Token) -> Token | None:
    """The weapon a vehicle or object carries: "a motorcycle packed with explosives" → explosives."""
    for c in t.children:
        if c.dep_ in ("acl", "amod") and c.lemma_.lower() in LADEN:
            w = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod") and g.i < c.i
                      and weapon_of(g)), None)
            if w is not None:
                return w  # "an explosives-laden minibus"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "with":
                    w = next((g for g in p.children if g.dep_ == "pobj" and weapon_of(g)), None)
                    if w is not None:
                        return w
    return None
