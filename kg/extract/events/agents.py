"""Who attacks: the doer of a verb, whether a doer is armed, the side a self-reference stands for, and the one
attacker a story names for attacks told without one."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.entities import Entities
from kg.extract.events.syntax import head_noun, norm_lemma
from kg.extract.events.weapons import laden_with, weapon_of
from kg.extract.phrases import headline_passive
from kg.lexicon import (ARMED_SUBJECTS, ATTACK_NOUNS, ATTEMPT_VERBS, FORCE_WORDS, MADE_VERBS, REPORTING,
                        SELF_POSSESSIVES, SELF_SUBJECTS, SUPPLIED_VERBS, WEAPON_WORDS)
from kg.model import Event


def doer_of(tok: Token) -> Token | None:
    """Who or what does a verb: agent of a passive, subject of an active verb, or the main
    clause's subject for a "by"-gerund ("by hitting clinics, Russian terrorists ...")."""
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return head_noun(agent)
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if subjects and headline_passive(tok):
        return None  # "16 Turkish troops killed, 6 wounded in Kurdish attack": the troops are the dead
    if subjects:  # the nearest one: a wire dateline ("BAMAKO, Mali (AP) —") can parse as a second subject
        return head_noun(min(subjects, key=lambda c: abs(tok.i - c.i)))  # "a series of strikes hit"
    if tok.dep_ in ("xcomp", "advcl") and tok.head.lemma_.lower() in ("use", "deploy") and (
            tool := next((c for c in tok.head.children if c.dep_ == "dobj"), None)) is not None and weapon_of(tool):
        return tool  # "using drones to drop explosives": the drones drop them
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "claim":
        # "Shabaab claimed to have killed 26 soldiers": who claims the act did it
        return next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ATTEMPT_VERBS:
        # "gunmen tried to storm a police post": who tried did it (an attempt is an attack)
        return head_noun(next((c for c in tok.head.children if c.dep_ == "nsubj"), None))
    if tok.dep_ == "pcomp" and tok.head.lower_ == "by":
        return next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB" and tok.head.i < tok.i and not any(
            c.dep_ == "nsubjpass" for c in tok.children):
        # "Rockets fired by jihadists hit a residential area", "gunmen stormed a village and burned homes":
        # the coordinated verbs share their subject
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        return head_noun(subj) if subj is not None else doer_of(tok.head)
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and weapon_of(tok.head):
        return tok.head  # "reported a missile exploding in the water"
    if (carrier := reduced_relative_head(tok)) is not None:
        return head_noun(next(c for c in carrier.children if c.dep_ == "nsubj"))
    return None


def possessor_subject(trig: Token) -> Token | None:
    """The named subject an attack noun's "its" or "their" refers to: "as Azerbaijan pushed its offensive" (not
    the speaker's side, as in "the army said its strikes hit ...")."""
    verb = trig.head if trig.dep_ in ("dobj", "attr") else trig.head.head if trig.dep_ == "pobj" else None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return subj if subj is not None and subj.pos_ == "PROPN" else None


def reduced_relative_head(tok: Token) -> Token | None:
    """ "a guided bomb dropped by a warplane hit the market", parsed with "dropped" as the main verb and "hit"
    hanging from it without a subject: the participle is only a description of the weapon, whose subject is the
    real doer of "hit"."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
        return None
    head = tok.head
    if head.tag_ not in ("VBD", "VBN") or not any(c.dep_ == "agent" for c in head.children):
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return head if subj is not None and weapon_of(head_noun(subj)) is not None else None


def armed(doer: Token, ents: Entities) -> bool:
    """Is a doer a weapon or an armed or state actor ("missiles", "gunmen", "Russian forces", "Russia")?"""
    dl = norm_lemma(doer)
    if dl in WEAPON_WORDS or doer.lower_ in ARMED_SUBJECTS or dl in ARMED_SUBJECTS or dl in ATTACK_NOUNS:
        return True
    if any(c.lemma_.lower() in WEAPON_WORDS or c.lower_ == "armed" for c in doer.children
           if c.dep_ in ("compound", "amod")):
        return True  # "mortar fire", "artillery shells", "armed men"
    if any(c.lower_ in ARMED_SUBJECTS for c in doer.children if c.dep_ == "compound"):
        return True  # "gang members", "militia members"
    if laden_with(doer) is not None:
        return True  # "a motorcycle packed with explosives"
    if dl in FORCE_WORDS:
        return True  # "its forces", "the troops": armed whoever they belong to
    actor = ents.actor_for(doer)
    if actor and ents.actors[actor].kind in ("state", "armed_force", "armed_group"):
        return True
    return False


def maker(t: Token) -> bool:
    """ "Iranian-made drones", "U.S.-supplied missiles": the state that built a weapon, not who used it."""
    return t.head.lemma_.lower() in SUPPLIED_VERBS or (
        t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-" and t.doc[t.i + 2].lemma_.lower() in MADE_VERBS)


def self_speaker(doer: Token, verb: Token, ents: Entities) -> str | None:
    """The speaker a self-reference stands for: "the army said its aircraft struck", "X said it had carried
    out ..." → the army, X (the subject of the reporting verb the clause hangs from)."""
    if not (doer.lower_ in SELF_SUBJECTS or any(c.dep_ == "poss" and c.lower_ in SELF_POSSESSIVES for c in doer.children)):
        return None
    v = verb
    for _ in range(3):
        if v.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or v.head.i == v.i:
            return None
        v = v.head
        if v.lemma_.lower() in REPORTING:
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                return None
            return ents.actor_for(subj)
    return None


STORY_ATTACKER = "kg.attackers.v1"  # the name provenance gives the pass that attributes an attack by its story


def attribute_by_story(events: list[Event], ents: Entities) -> None:
    """An attack whose own words name no attacker, in a story whose attacks name exactly one identifiable attacker
    (a named group, or a state or an arm of one), is that attacker's: a story says once who strikes and then goes
    on telling the strikes ("The rebels shelled X on Monday. ... Two shells also hit Y"). A story naming two sides
    as attackers, or only descriptions ("gunmen"), leaves the others unattributed; an attack is never its own
    target's, nor a state's on its own soil (a story of one state's strikes that also tells a strike on that state
    tells the other side's). Provenance names this pass, and the supporting words stand outside the attack's own
    sentences."""
    identified = {ev.attacker for ev in events if ev.attacker and (
        ents.is_named(ev.attacker) or ents.state_of(ev.attacker))}
    if len(identified) != 1:
        return
    (only,) = identified
    home = ents.state_of(only)
    for ev in events:
        if ev.attacker is None and ev.target != only and not (
                home and ev.place and ents.places[ev.place].country == home):
            ev.attacker = only
            ev.decided_by["attacker"] = STORY_ATTACKER
