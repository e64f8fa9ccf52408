"""Which words tell an attack: the trigger test, and the words that refer back to attacks told before.

A trigger is a verb ("struck", "shelled", "killed") or a noun ("strike", "bombing") that tells an attack that
happened: not a hypothetical one ("could trigger an assault"), not attacks in general ("their attacks on
shipping"), not a labour strike, an exercise or a history ("has struck Yemen several times").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import doccache
from kg.extract.entities import Entities
from kg.extract.events.agents import armed, doer_of
from kg.extract.events.syntax import NOMINAL_DEPS, clause_verb, head_noun, norm_lemma, norm_lemmas
from kg.extract.events.times import time_of
from kg.extract.events.weapons import laden_with, weapon_of
from kg.extract.numbers import parse_quantity
from kg.extract.phrases import told_over_time
from kg.lexicon import (ABSTRACT_DOERS, ACCIDENT_WORDS, AERIAL_WEAPONS, AMBIGUOUS_NOUNS, ARMED_SUBJECTS, ATTACK_NOUNS,
                        CASUALTY_NOUNS, CASUALTY_VERBS, CLAIM_VERBS, DURATION_UNITS, FIGURATIVE_OBJECTS, FIRE_NOUNS,
                        FLEE_VERBS, HELD_PLACES, INJURE, INTERCEPT_VERBS, KILL, LAUNCH_VERBS, LIGHT_VERBS, MASS_KILLING,
                        MODALS, NON_EVENT_CONTEXT, NON_EVENT_MODIFIERS, NOUN_TRIGGERS, ORDINAL_MODS,
                        PLURAL_ANAPHOR_NOUNS, PREVENT_VERBS, QUANTITY_HEADS, RAM_TARGETS, RAM_VEHICLES, RAM_VERBS,
                        SELF_SUBJECTS, TAKE_OVER, TRUCE_WORDS, USE_VERBS, VERB_TRIGGERS, VICTIMS, WEAPON_WORDS)


def _conflict_context(tok: Token, ents: Entities) -> bool:
    """Does the sentence around an ambiguous noun ("attack", "strike") speak of armed violence?"""
    for t in tok.sent:
        low, lemma = t.lower_, t.lemma_.lower()
        if lemma in WEAPON_WORDS or low in ARMED_SUBJECTS or lemma in INJURE or (
                lemma in KILL and not any(c.dep_ == "prt" for c in t.children)
                and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "off")):  # not "killed off plans"
            return True
        if t.ent_type_ == "NORP" and t.head.i == tok.i:  # "a Russian strike"
            return True
    return _place_after(tok, ("on", "against", "in"))


def _place_after(tok: Token, preps: tuple[str, ...] | None = None) -> bool:
    """Does a preposition of ``tok`` (one of ``preps``, or any) lead to a named place: "attacks on Kharkiv",
    "used drones against the village of X", "attacked off the port of X"?"""
    return any(c.dep_ == "prep" and (preps is None or c.lower_ in preps)
               and any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree) for c in tok.children)


def _hypothetical(tok: Token) -> bool:
    """A trigger in a clause that does not assert it happened: "could trigger an assault",
    "does not usually comment on strikes", "vowed to strike"."""
    verb = clause_verb(tok)
    for v in filter(None, (tok if tok.pos_ == "VERB" else None, verb)):
        auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
        if auxes & MODALS and "have" not in auxes:
            return True
        if any(c.dep_ == "neg" for c in v.children) and v.lemma_.lower() not in CLAIM_VERBS:
            return True
        if v.dep_ == "xcomp" and v.head.lemma_ in ("vow", "threaten", "plan", "promise", "want", "warn", "seek"):
            return True
        if v.lemma_ in ("deny", "reject") or (v.lemma_ == "rule" and any(c.lower_ == "out" for c in v.children)):
            return v.i != tok.i  # "ruled out an air strike by its forces": denied, not reported
        if v.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and v.head.lemma_ in ("deny", "reject"):
            return True  # "the group denied shelling the camp": the gerund is what was denied
    return False


def _killed_at_a_place(tok: Token, patient: Token | None, ents: Entities) -> bool:
    """ "Two guards were killed on Friday at a post outside X", "one man was killed and four wounded in the town
    of Y": people killed at a named place, told in the simple past with no doer, are an attack's victims in a story
    about a conflict; not "have been killed in X" (a toll summed up), not "killed in a car crash"."""
    if patient is None or patient.dep_ != "nsubjpass" or tok.tag_ != "VBN":
        return False
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if not auxes & {"was", "were"} or auxes & {"has", "have", "had", "been"}:
        return False
    if not any(_place_after(v, ("in", "at", "near", "outside")) for v in (tok, *tok.conjuncts)):
        return False
    if any(c.dep_ == "advcl" and any(g.dep_ in ("mark", "advmod") and g.lower_ in ("when", "as", "after")
                                     for g in c.children) for c in tok.children):
        return False  # "a woman was killed in X region when a drone dropped a bomb near Y": the clause tells it
    _, lemmas = _sentence_words(tok, ents)
    return lemmas.isdisjoint(ACCIDENT_WORDS)


def rammed(tok: Token, doer: Token | None, patient: Token | None, ents: Entities) -> bool:
    """ "A truck ploughed into a crowd", "a man drove a van into pedestrians", "a lorry mowed through shoppers": a
    vehicle driven into or through people or a checkpoint, and no accident the sentence tells."""
    driver = tok.head if tok.dep_ == "acl" else doer  # "a truck ploughed into ...", parsed as "a truck (that) ploughed"
    vehicle = any(t is not None and t.lemma_.lower() in RAM_VEHICLES for t in (driver, patient))
    hit = any(c.dep_ == "prep" and c.lower_ in ("into", "through") and any(
        g.dep_ == "pobj" and g.lower_ in RAM_TARGETS for g in c.children) for c in tok.children)
    return vehicle and hit and _sentence_words(tok, ents)[1].isdisjoint(ACCIDENT_WORDS | {"lose", "brake"})


def _sentence_words(tok: Token, ents: Entities) -> tuple[frozenset[str], frozenset[str]]:
    """(lower-cased words, lemmas) of a token's sentence, computed once per sentence: the trigger tests ask
    about the whole sentence for every token, which must not cost a pass over it each time."""
    sent = tok.sent
    doc = tok.doc

    def words():
        lemmas = norm_lemmas(doc)
        return (frozenset(doccache.columns(doc).lower[sent.start:sent.end]),
                frozenset(lemmas[sent.start:sent.end]))

    return ents.memo("sentence_words", sent.start, words)


def plural_anaphor(tok: Token) -> int | None:
    """How many attacks told before a plural reference points back to: "both attacks", "either attack",
    "the three attacks", "all four bombings" → 2, 2, 3, 4; None for anything else."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in PLURAL_ANAPHOR_NOUNS:
        return None
    mods = [c for c in tok.children if c.dep_ in ("det", "predet", "nummod", "amod", "preconj", "quantmod")]
    words = {c.lower_ for c in mods}
    if words & {"both", "either", "neither"}:
        return 2
    num = next((c for c in mods if c.dep_ == "nummod" and c.like_num), None)
    if num is not None and tok.tag_ == "NNS" and words & {"the", "these", "those", "all"}:
        parsed = parse_quantity(num.text)
        return parsed[0] if parsed and parsed[0] and 2 <= parsed[0] <= 6 else None
    return None


def _interception(tok: Token, patient: Token | None) -> bool:
    """ "air defences destroyed 19 drones over X", "shot down two missiles": the defender stopping an attack,
    not an attack of its own."""
    if tok.lemma_.lower() not in INTERCEPT_VERBS or patient is None:
        return False
    return norm_lemma(patient) in AERIAL_WEAPONS or any(
        norm_lemma(c) in AERIAL_WEAPONS for c in patient.children if c.dep_ == "conj")


def _told_before(tok: Token, mods: set[str]) -> bool:
    """A noun that names the attack being told, not a new one: "It was the second attack on police this week",
    "in the latest strike to test the ceasefire"."""
    if not mods & ORDINAL_MODS:
        return False
    if tok.dep_ == "attr":
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "as") and "latest" in mods


def _history_noun(tok: Token, ents: Entities) -> bool:
    """Plural attacks a perfect tense sums up, with no day: "the group has staged bombings in the south",
    "the Houthis have launched scores of attacks on ships since November"; and attacks people fled
    ("many fled earlier fighting"): the background, not one event."""
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in FLEE_VERBS and not any(
            c.dep_ in ("det", "poss") for c in tok.children):
        return True
    if tok.tag_ != "NNS":
        return False
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in QUANTITY_HEADS - {"pair", "couple"}:
        t = t.head.head
        if any(c.like_num for c in t.children):
            return False
    elif any(c.like_num for c in tok.children):
        return False
    v = t.head
    if t.dep_ != "dobj" or v.lemma_.lower() not in LIGHT_VERBS:
        return False
    if not {c.lower_ for c in v.children if c.dep_ == "aux"} & {"has", "have"}:
        return False
    if any(c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in CASUALTY_VERBS and any(
            g.like_num for o in c.children if o.dep_ == "dobj" for g in o.subtree) for c in v.children):
        return False  # "has carried out several air strikes in Rafah, killing four people": a toll makes it one event
    when = time_of({x.i for x in v.subtree}, ents)
    return when is None or when.day is None


def _summed_up(tok: Token) -> bool:
    """Attacks a clause sums up over a period, in the perfect tense with "since", "so far" or "for months": "76
    civilians have been killed in airstrikes since March", "the attacks have killed 3,500 people since then",
    "has conducted over 1,000 attacks so far this year"; and fighting that bounds a period ("killed since fighting
    started", unless a day is given). The background of a story, not one of its events."""
    bound = next((a for a in tok.ancestors if a.lower_ == "since" and a.dep_ in ("prep", "mark")), None)
    if bound is not None:  # "since fighting started" (a period's start), but "since the clashes on Friday" (a day)
        return not any(t.ent_type_ == "DATE" for t in bound.subtree)
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ != "NNS":
        return False  # one attack: "three people have been killed in a strike since Monday morning" is told
    verb = tok if tok.pos_ in ("VERB", "AUX") else clause_verb(tok)
    for _ in range(3):  # "have been killed and 182 others injured in airstrikes": the tense of the head verb
        if verb is None or any(c.dep_ in ("aux", "auxpass") for c in verb.children) or verb.dep_ not in (
                "acl", "conj", "advcl", "xcomp") or verb.head.i == verb.i:
            break
        verb = clause_verb(verb.head)
    if verb is None or not {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")} & {"has", "have"}:
        return False
    for t in verb.subtree:
        if t.lower_ == "since" and t.dep_ in ("prep", "mark") and t.head.pos_ in ("VERB", "AUX"):
            return True
        if t.lower_ == "far" and t.head.i == verb.i and any(c.lower_ == "so" for c in t.children):
            return True
        if t.lower_ == "for" and t.head.i == verb.i and any(g.lemma_.lower() in DURATION_UNITS for g in t.children):
            return True
    return False


def _lasting(tok: Token) -> bool:
    """An attack noun given a length: "Moscow's two-year offensive", "months-long fighting": a campaign (not "an
    attack last week", a day in a week)."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in DURATION_UNITS and any(
                g.like_num for g in c.children):
            return True  # "two-year"
        if c.dep_ == "amod" and (c.lower_.endswith("-long") or c.lower_ == "long" and any(
                g.lemma_.lower() in DURATION_UNITS for g in c.children)):
            return True  # "months-long", "year-long"
    return False


def opened_fire(tok: Token) -> bool:
    """ "A shooter opened fire at a synagogue", which the small model parses as an adjective before the noun:
    the noun "fire" with "opened" as its modifier tells a shooting as the verb does."""
    return tok.lower_ == "fire" and tok.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lower_ in ("opened", "opens") for c in tok.children)


def _under_fire(tok: Token) -> bool:
    """ "A patrol came under heavy fire from rebels", "an exchange of fire between troops and rebels": shots told
    as a noun."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN":
        return False
    if lemma in FIRE_NOUNS:
        return tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.lemma_.lower() == "come"
    return lemma == "exchange" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
        g.lemma_.lower() in FIRE_NOUNS for g in c.children if g.dep_ == "pobj") for c in tok.children)


def triggers_in(sent: Span, ents: Entities) -> list[Token]:
    """The words of a sentence that tell an attack, in text order."""
    lemmas = norm_lemmas(sent.doc)
    cols = doccache.columns(sent.doc)
    tokens = cols.tokens
    return [tokens[i] for i in range(sent.start, sent.end)
            if lemmas[i] in _CANDIDATE_TRIGGERS and not (i and cols.lower[i - 1] == "#")  # "#bombing": a hashtag
            and _is_trigger(tokens[i], ents)]


def _is_trigger(tok: Token, ents: Entities) -> bool:
    lemma = norm_lemma(tok)
    if lemma not in _CANDIDATE_TRIGGERS:
        return False  # most words: no test below can make them a trigger
    if plural_anaphor(tok):
        return False  # "blamed both attacks on X": the attacks already told, not a new one
    lowers, lemmas = _sentence_words(tok, ents)
    if not lowers.isdisjoint(NON_EVENT_CONTEXT):
        return False  # military exercises: fire without an attack
    nominal = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "VERB" and tok.dep_ in NOMINAL_DEPS and tok.tag_ == "VBG")
    if opened_fire(tok):
        return True
    if _under_fire(tok):
        # as guarded as any attack noun: not "the plan came under fire from critics", not "could come under fire",
        # not "has come under fire several times since 2015"
        verb = clause_verb(tok)
        return (lemma != "fire" or _conflict_context(tok, ents)) and not _hypothetical(tok) and not (
            verb is not None and told_over_time(verb, times=True))
    if nominal and lemma in NOUN_TRIGGERS | {"shell"} and (lemma != "shell" or tok.tag_ == "VBG"):
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):  # "attack drones"
            return False
        if lemma == "violation" and not any(c.lower_ in TRUCE_WORDS for c in tok.children):
            return False  # "rights violations"; not "truce violations were recorded near X"
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "det", "compound")}
        # "near-nightly missile and drone attacks": a modifier of the weapon word before the noun counts too
        mods |= {g.lower_ for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i
                 for g in c.children if g.dep_ == "amod"}
        if mods & NON_EVENT_MODIFIERS and not (mods & NON_EVENT_MODIFIERS == {"similar"} and "a" in mods):
            return False  # "further attacks", "similar attacks"; not "two guards died in a similar attack last week"
        if _told_before(tok, mods):
            return False
        if _history_noun(tok, ents) or _summed_up(tok) or _lasting(tok):
            return False
        if lemma == "strike" and (tok.head.lemma_ in ("go", "call", "stage") or (
                tok.head.lower_ == "on" and tok.head.head.lemma_ in ("go", "be", "stay", "remain"))):
            return False  # a labour strike
        if lemma in AMBIGUOUS_NOUNS and not _conflict_context(tok, ents):
            return False
        if ((tok.dep_ == "dobj" and tok.head.lemma_.lower() in PREVENT_VERBS) or (
                tok.dep_ == "conj" and tok.head.dep_ == "dobj" and tok.head.head.lemma_.lower() in PREVENT_VERBS)) \
                and not (tok.head.lemma_.lower() == "condemn" and tok.tag_ == "NN"):
            return False  # "strikes aimed at halting the group's attacks on shipping": attacks in general (but
            # "condemned the air strike that hit a school" condemns one)
        pobjs = {g.lemma_.lower() for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"}
        if pobjs & FIGURATIVE_OBJECTS:
            return False
        if lemma == "bomb" and tok.head.lemma_ not in ("explode", "detonate", "go"):
            return False
        if tok.tag_ == "NNS" and tok.dep_ == "nsubj" and (tok.head.tag_ in ("VBP", "VBZ") or tok.head.lemma_ in (
                "become", "remain")) and not any(c.like_num for c in tok.children):
            return False  # "their attacks on shipping are in solidarity", "kidnappings have become a business":
            # attacks in general, not one
        return not _hypothetical(tok)
    if tok.pos_ != "VERB" or _hypothetical(tok):
        return False
    if told_over_time(tok, times=True):
        return False  # "have launched scores of attacks since November", "has struck Yemen several times"
    if _summed_up(tok):
        return False  # "have targeted ships so far this year"
    doer = doer_of(tok)
    patient = head_noun(next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None))
    if lemma in USE_VERBS:
        # "the enemy used drones against the village", "troops have been using mortars near X since Monday": a
        # weapon used at a named place; not "opened fire, using artillery" (the means of the head verb's attack),
        # nor "the front is using drones to kill our police" (no place)
        return tok.dep_ not in ("advcl", "xcomp", "acl") and doer is not None and armed(doer, ents) and \
            patient is not None and weapon_of(patient) is not None and (_place_after(tok) or _place_after(patient))
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if tok.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have", "had"}:
        return False  # "Niger has been battling insurgencies for a decade": an ongoing campaign, not an event
    if doer is not None and norm_lemma(doer) in ABSTRACT_DOERS:
        return False  # "gang violence killed more than 5,600 people in 2024"
    if _interception(tok, patient):
        return False
    if doer is not None and doer.lower_ in SELF_SUBJECTS and tok.dep_ == "ccomp" and (
            lemma in CASUALTY_VERBS | VERB_TRIGGERS):
        # "the Israeli military said it killed / struck ...": the speaker is the doer
        speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and armed(speaker, ents):
            return lemma not in LAUNCH_VERBS or (patient is not None and norm_lemma(patient) in set(WEAPON_WORDS) | ATTACK_NOUNS)
    if lemma in CASUALTY_VERBS:
        # "a drone killed two people", "two civilians were wounded by mortar fire",
        # "gunmen stopped a bus and set it on fire, killing 31": the gerund's doer is its head's
        if doer is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
            head = tok.head
            while head.dep_ == "conj" and head.head.i != head.i and doer_of(head) is None:
                head = head.head
            doer = doer_of(head)
        if lemma in MASS_KILLING and (doer is None or doer.dep_ == "pobj") and (
                patient is not None and patient.dep_ == "nsubjpass" or (tok.dep_ == "acl" and tok.tag_ == "VBN")):
            return True  # "civilians (were) massacred on Saturday in X (by men in uniform)": only an armed side
            # massacres
        if doer is None and lemma == "kill" and _killed_at_a_place(tok, patient, ents):
            return True
        # "two soldiers killed" parsed with the dead as the doer; but "soldiers had killed 12 civilians"
        return doer is not None and (doer.lemma_.lower() not in CASUALTY_NOUNS or (
            patient is not None and patient.dep_ == "dobj")) and armed(doer, ents)
    if lemma in ("abduct", "kidnap"):
        return doer is not None and armed(doer, ents)
    if lemma == "throw":  # "an explosive device was thrown at a police barracks", "threw a grenade into a bar"
        return patient is not None and any((w := weapon_of(t)) is not None and w[1] == "bombing"
                                           for t in (patient, *patient.children) if t.i <= patient.i)
    if lemma == "shoot" and doer is None and patient is not None and patient.dep_ == "nsubjpass" and (
            any(c.lower_ == "dead" for c in tok.children) or norm_lemma(patient) in VICTIMS | {"officer", "policeman"}):
        return True  # "two police officers were shot dead at a checkpoint": shot by someone
    if lemma in ("open", "set"):
        # "gunmen opened fire on a police van"; "gunmen set fire to the police station" (an arson attack)
        fire = any(c.dep_ == "dobj" and c.lower_ == "fire" for c in tok.children)
        if lemma == "open":
            return fire
        return (fire or any(c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ == "fire" for g in c.children)
                            for c in tok.children)) and doer is not None and armed(doer, ents)
    if lemma in RAM_VERBS:
        # "a suicide bomber rammed an explosives-laden car into the gate": a bomb driven into something
        into = any(c.dep_ == "prep" and c.lower_ == "into" for c in tok.children)
        if into and ((doer is not None and (w := weapon_of(doer)) is not None and w[1] == "bombing")
                     or (patient is not None and laden_with(patient) is not None)):
            return True
        return rammed(tok, doer, patient, ents)
    if lemma not in VERB_TRIGGERS:
        return False
    if lemma in TAKE_OVER:
        # "its fighters overran a military outpost", "troops seized the town of X"; not "seized weapons"
        return doer is not None and armed(doer, ents) and patient is not None and (
            norm_lemma(patient) in HELD_PLACES or patient.ent_type_ in ("GPE", "LOC", "FAC"))
    if lemma == "aim":  # "the Russians deliberately aimed at homes"
        return doer is not None and any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children) and armed(doer, ents)
    if lemma == "execute" and (patient is None or norm_lemma(patient) not in VICTIMS):
        return False  # "executed 15 civilians", not "executed a strike" (a light verb)
    if lemma == "blow":  # "a suicide bomber blew himself up"
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) and doer is not None and armed(doer, ents)
    if lemma in ("slam", "crash", "smash", "fall", "land", "impact"):  # "drones slammed into", "a missile fell"
        return doer is not None and weapon_of(doer) is not None
    if lemma == "fire" and patient is None and doer is not None and (
            armed(doer, ents) and any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon") for c in tok.children)
            or _place_after(tok, ("at", "on", "upon"))):
        return True  # "gunmen fired at the bus": shots at someone; "the other side fired at the village of X"
    if lemma in LAUNCH_VERBS:
        # "launched drones", "rockets were fired", "dropped bombs": only with a weapon or an attack as the object
        return patient is not None and (norm_lemma(patient) in set(WEAPON_WORDS) | ATTACK_NOUNS)
    sent_has_weapon = not lemmas.isdisjoint(WEAPON_WORDS)
    if doer is not None and armed(doer, ents):
        # "forces destroyed an ammunition depot"; but "missiles damaged" needs no more
        return lemma not in ("damage", "destroy") or sent_has_weapon or norm_lemma(doer) not in WEAPON_WORDS
    if lemma in ("explode", "detonate", "shell", "bombard", "bomb"):
        return True
    if sent_has_weapon and lemma in ("hit", "strike", "target", "attack", "pound", "damage", "destroy"):
        return True
    if lemma in ("attack", "ambush", "raid", "storm", "target") and patient is not None and \
            patient.dep_ == "nsubjpass" and (
            _conflict_context(tok, ents) or _place_after(tok, ("near", "off", "at"))):
        return True  # "a cargo ship was attacked off the port of X": by someone unnamed
    return False


# every lemma that some branch of _is_trigger can accept
_CANDIDATE_TRIGGERS = frozenset(NOUN_TRIGGERS | {"shell"} | CASUALTY_VERBS | VERB_TRIGGERS | RAM_VERBS | USE_VERBS
                                | FIRE_NOUNS | {"abduct", "kidnap", "throw", "shoot", "open", "set", "exchange"})
