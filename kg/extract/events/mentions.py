"""A mention: one trigger with the arguments the parse gives it (type, attacker, target, place, time, weapons).

:func:`build_mention` reads them from the trigger's clause: a verb's doer and object, a noun's modifiers and
prepositions ("a Russian strike on X", "shelling by the RSF"), and where those say nothing, the clause the noun is
in or the sentence around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg import actornames, gazetteer
from kg.extract import doccache
from kg.extract.entities import Entities
from kg.extract.events.agents import doer_of, maker, possessor_subject, reduced_relative_head, self_speaker
from kg.extract.events.places import (choose_place, coordinated_places, locative, places_in,
                                      relative_clauses_above, under_other_attack)
from kg.extract.events.syntax import NOMINAL_DEPS, clause_tokens, clause_verb, clause_verb_i, head_noun, norm_lemma
from kg.extract.events.times import time_of
from kg.extract.events.triggers import opened_fire, plural_anaphor, rammed
from kg.extract.events.weapons import laden_with, modifies_weapon, weapon_of
from kg.extract.phrases import np_span, strip_det
from kg.lexicon import (ACCUSE, ANAPHORIC_DETS, ARMED_SUBJECTS, ATTACKER_NOUNS, ATTACK_NOUNS, BLAST_WORDS,
                        CASUALTY_VERBS, CLAIM_VERBS, GROUND_FORCES, INJURE, KILL, LAUNCH_VERBS, LIGHT_VERBS,
                        LOCATIVE_PREPS, MOB_ATTACKERS, NOUN_TRIGGERS, PART_NOUNS, RAM_VERBS, SELF_POSSESSIVES,
                        SIDE_ADJECTIVES, TIME_WORDS, TOLL_NOUNS, TRIGGER_TYPES, USE_VERBS, WEAPON_WORDS)
from kg.model import TimeRef


@dataclass
class Mention:
    """One trigger and its arguments; ``tokens`` are the words of its clause, which claims and counts point at."""

    trigger: Token
    sent: Span
    sent_index: int
    type: str = "strike"
    specific: bool = False  # type comes from a trigger word or instrument, not the default
    attacker: str | None = None
    target: str | None = None
    target_text: str | None = None
    place: str | None = None
    place_country: str | None = None
    time: TimeRef | None = None
    instruments: list[str] = field(default_factory=list)
    instrument_text: list[str] = field(default_factory=list)
    definite: bool = False
    tokens: set[int] = field(default_factory=set)
    hints: set[str] = field(default_factory=set)  # countries the sentence names, other than the attacker's
    # the other mentions of one clause this one stands for (not itself: a Mention that held itself would make
    # every parsed Doc cyclic garbage, freed only when the collector gets round to it)
    others: list["Mention"] = field(default_factory=list)
    self_report: bool = False  # "the army said its aircraft struck ...": the speaker tells of its own attack
    reference: bool = False  # "Hours after the bombing, ...": the attack told before, as a time for another
    also_at: list[tuple[str, str | None]] = field(default_factory=list)  # "in the cities of X, Y and Z": Y, Z
    victims_only: bool = False  # "two guards were killed at X": no doer, no attack word; the attack told


def _time_reference(tok: Token) -> bool:
    """ "Hours after the bombing, fighters attacked a base": a definite attack noun that only dates the clause's
    own attack; it is the attack told before, not part of this one."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in (
        "after", "before", "since", "following") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                         for c in tok.children) and not any(
        c.dep_ in ("relcl", "acl", "prep") for c in tok.children)


def _kind_of_casualty(verb: Token) -> bool:
    """Is a verb (or a verb it is coordinated with) a casualty word: "were killed and five wounded"?"""
    return any(v.lemma_.lower() in KILL | INJURE or v.lower_ in KILL | INJURE for v in (verb, *verb.conjuncts))


def _instruments(tokens, m: Mention) -> None:
    for t in tokens:
        if modifies_weapon(t):
            continue
        found = weapon_of(t)
        if found:
            code, etype = found
            if code not in m.instruments:
                m.instruments.append(code)
                m.instrument_text.append(np_span(t).text if t.pos_ == "NOUN" else t.text)
                if not m.specific:
                    m.type, m.specific = etype, True


def _owner_state(tok: Token, ents: Entities) -> str | None:
    """The state the phrase headed by ``tok`` names as an owner ("Russian missiles", "Ukraine's drone"), not as a
    maker ("US-made missiles")."""
    return next((i for t in np_span(tok) if (i := ents.demonym_or_country(t)) and not maker(t)), None)


def _weapon_owner(weapon: Token, ents: Entities) -> str | None:
    """Whose the weapon that did it was: "Russian missiles", "U.S. fighter jets", "Ukraine's drone" → the state;
    "a Houthi missile", "an Islamic State (IS) suicide bomber" → the group; "army warplanes" → the army."""
    phrase = np_span(weapon)
    iso = _owner_state(weapon, ents)
    if iso:
        return ents.state(iso)
    group = next((t for t in phrase if t.i != weapon.i and t.text.lower() in actornames.KNOWN_ARMED_GROUPS), None)
    if group is not None:
        return ents.actor_for(group)
    if (named := ents.known_group(phrase[:-1])) is not None:
        return named
    owner = next((c for c in weapon.children if c.dep_ in ("compound", "nmod", "poss") and c.lower_ in ATTACKER_NOUNS),
                 None)
    return ents.actor_for(owner) if owner is not None else None


def _doer_actor(doer: Token, ents: Entities) -> str | None:
    """The actor a doer stands for: itself, or the body it is a part of ("a band of X rebels", "members of the
    group Y" fired on a patrol: the rebels, the group)."""
    if doer.lower_ in PART_NOUNS:
        whole = next((g for c in doer.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), None)
        if whole is not None and (actor := ents.actor_for(whole)) is not None:
            return actor
    return ents.actor_for(doer)


def _doer_weapon_type(doer: Token, m: Mention) -> None:
    """The doer's own weapon decides the type: "warplanes bombed" is an air strike, "explosive-laden
    drones" a drone strike."""
    laden = laden_with(doer)
    found = weapon_of(doer) or next(
        (w for c in doer.children if c.dep_ == "compound" and (w := weapon_of(c))), None) or (
        ("vehicle_bomb", "bombing") if laden is not None and weapon_of(laden)[1] == "bombing" else None)
    if found:
        code, etype = found
        if code in m.instruments:
            m.instruments.remove(code)
        m.instruments.insert(0, code)
        m.type, m.specific = etype, True


def _sentence_countries(sent: Span, ents: Entities) -> frozenset[str]:
    """Countries a sentence is about, for anaphora ("Ukrainian President Zelensky ... after the attack"),
    not those of armed actors or weapons ("Russian forces", "Russian missiles"); once per sentence."""
    cols = doccache.columns(sent.doc)
    return ents.memo("sentence_countries", sent.start, lambda: frozenset(
        iso for t in cols.tokens[sent.start:sent.end] if t.idx >= ents.dateline_end
        and (iso := ents.demonym_or_country(t)) and not (
            cols.lower[h := cols.head[t.i]] in ARMED_SUBJECTS or cols.lemma[h] in ARMED_SUBJECTS
            or weapon_of(cols.tokens[h]))))


def _described_doer(tok: Token) -> Token | None:
    """Who an attack noun's description says did it: "an assault carried out by settlers", "a drone strike believed
    to have been carried out by the army", "an attack the army has blamed on guerrillas"."""
    for c in tok.children:
        if c.dep_ not in ("acl", "relcl"):
            continue
        verb = c if c.lemma_.lower() in LIGHT_VERBS else next(
            (x for x in c.children if x.dep_ in ("xcomp", "ccomp") and x.lemma_.lower() in LIGHT_VERBS), None)
        by = next((g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"),
                  None) if verb is not None else None
        if by is None and c.lemma_.lower() in ACCUSE:
            by = next((g for p in c.children if p.dep_ == "prep" and p.lower_ == "on" for g in p.children
                       if g.dep_ == "pobj"), None)
        if by is not None:
            return head_noun(by)
    return None


def _own_time(tok: Token, scope: list[Token], ents: Entities):
    """The time the words around an attack word give it, not the time of a relative clause about another noun in its
    phrase: "an attack on a market that reopened last year" was not last year. (A sentence's
    time read for an attack no clause dated leaves out only clauses about places: times.in_clause_about_a_place.)"""
    told_apart = {t.i for x in tok.subtree if x.i != tok.i and x.pos_ in ("NOUN", "PROPN")
                  for c in x.children if c.dep_ == "relcl" for t in c.subtree}
    return time_of({t.i for t in scope if t.i not in told_apart}, ents, tok)


def build_mention(tok: Token, sent_index: int, ents: Entities) -> Mention:
    sent = tok.sent
    m = Mention(trigger=tok, sent=sent, sent_index=sent_index, tokens={tok.i}, reference=_time_reference(tok))
    lemma = tok.lemma_.lower()
    if lemma in TRIGGER_TYPES:
        m.type, m.specific = TRIGGER_TYPES[lemma], True
    if lemma in BLAST_WORDS:
        m.type, m.specific = "strike", False  # "an explosion", "detonated": a bomb, a shell or a drone; a weapon says
    if lemma in ("strike", "raid", "attack", "bombardment", "assault") and any(
            c.lower_ in ("air", "aerial") for c in tok.children if c.dep_ in ("compound", "amod", "nmod")):
        m.type, m.specific = "air_strike", True  # "an air raid", "the coalition's aerial bombardment"
    if lemma in ("bombing", "bombardment", "barrage", "raid") and (w := next(
            (found for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i
             and (found := weapon_of(c)) is not None and found[1] in ("shelling", "missile_strike", "drone_strike")),
            None)) is not None:
        # "the artillery bombing", "a drone raid", "a missile barrage": the weapon's type (not "a plane bombing": a
        # plane is as often what was bombed)
        m.type, m.specific = w[1], True
    if opened_fire(tok):
        m.type = "armed_clash"  # "a shooter opened fire at ...": small arms, unless a weapon is named
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    m.definite = det is not None and (det.lower_ in ANAPHORIC_DETS or (
        det.dep_ == "poss" and (det.ent_type_ in ("DATE", "TIME") or det.lower_ in TIME_WORDS)))
    # "Friday's bombing", "last week's attack": the attack of that day, told before
    nominal = tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in NOMINAL_DEPS
    doer_tokens: set[int] = set()
    if not nominal:  # "The districts had been attacked": an anaphoric target
        patient = next((c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")), None)
        m.definite = patient is not None and any(c.dep_ in ("det", "poss") and c.lower_ in ANAPHORIC_DETS
                                                 for c in patient.children) and not any(
            t.ent_type_ in ("GPE", "LOC", "FAC") for t in patient.subtree)  # "attacked the town of X": not anaphoric
        doer = doer_of(tok)
        m.victims_only = doer is None and lemma == "kill" and patient is not None and patient.dep_ == "nsubjpass"
        if doer is not None:
            doer_tokens = {t.i for t in np_span(doer)}
            _instruments(doer.subtree, m)
            if doer.lemma_.lower() in WEAPON_WORDS or any(
                    c.dep_ == "compound" and c.lemma_.lower() in WEAPON_WORDS for c in doer.children):
                m.attacker = _weapon_owner(doer, ents)
                if m.attacker is None and (agent := _described_doer(doer)) is not None and not weapon_of(agent):
                    m.attacker = _doer_actor(agent, ents)  # "shells the rebels were said to have fired"
                _doer_weapon_type(doer, m)
            else:
                m.attacker = _doer_actor(doer, ents)
                if any(c.dep_ == "compound" and c.lower_ == "air" for c in doer.children):
                    _doer_weapon_type(doer, m)  # "the air force bombed the depot": from the air
            if m.attacker is None and (own := self_speaker(doer, tok, ents)) is not None:
                m.attacker, m.self_report = own, True
        for c in tok.children:  # "Ukrainian shelling killed two people" parsed with "shelling" as an auxiliary
            if c.dep_ == "aux" and c.tag_ == "VBG" and c.lower_ in TRIGGER_TYPES and not m.specific:
                m.type, m.specific = TRIGGER_TYPES[c.lower_], True
        scope = [t for t in tok.subtree if clause_verb_i(t) == tok.i and t.i not in doer_tokens]
        # "opened fire on X, using artillery and mortars": the means the participle names are this attack's
        scope += [t for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in USE_VERBS
                  for t in c.subtree]
        if patient is not None and patient.dep_ == "dobj" and lemma not in (*LAUNCH_VERBS, "use", "deploy"):
            # "destroyed two drone boats and a missile launcher": weapons in the object are what was hit
            hit = {t.i for t in patient.subtree}
            scope = [t for t in scope if t.i not in hit]
        # "gunmen opened fire on a plane", "fired at a helicopter": what is aimed at is hit, not used
        aimed = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "toward", "towards")
                 for g in c.children if g.dep_ == "pobj" for t in g.subtree}
        scope = [t for t in scope if t.i not in aimed]
        _instruments(scope, m)
        if lemma == "bomb" and m.type == "bombing" and "aircraft" not in m.instruments and any(
                (w := weapon_of(t)) is not None and w[0] == "aircraft" for t in sent):
            m.type = "air_strike"  # "the town was bombed, when a military jet struck a market": from the air
        if lemma == "open" and not m.specific:
            m.type = "armed_clash"  # "gunmen opened fire on a van": small arms, unless a weapon is named
        if lemma in RAM_VERBS and rammed(tok, doer, patient, ents) and not any(
                t is not None and laden_with(t) is not None for t in (doer, patient, tok.head)) and not any(
                t.lemma_.lower() in ("bomb", "explosive", "explosives") for t in sent):
            m.type, m.specific = "other_attack", True  # "a truck ploughed into a crowd": a vehicle, no bomb
        if not m.specific and doer is not None and norm_lemma(doer) in GROUND_FORCES:
            m.type = "armed_clash"  # "gunmen attacked a checkpoint"; a guess, so it does not block merging
        mob = doer is not None and norm_lemma(head_noun(doer)) in MOB_ATTACKERS
        if mob and (not m.specific or lemma == "assault"):
            m.type = "other_attack"  # "dozens of settlers attacked the village": arson and beatings, a guess
        if patient is not None and lemma not in CASUALTY_VERBS | {"open", "set"} and not weapon_of(patient):
            _set_target(m, patient, ents)
        elif lemma in (*LAUNCH_VERBS, "fall", "land", "open", "set"):
            # "rockets were fired at a base", "bombs dropped on a market", "set fire to a police station"
            aim = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "toward", "towards", "into", "to")
                        for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")), None)
            if aim is not None:
                _set_target(m, aim, ents)
        place_scope = [t for t in clause_tokens(tok) if t.i not in doer_tokens] or list(tok.subtree)
        m.tokens |= {t.i for t in place_scope}
        m.time = _own_time(tok, place_scope, ents)
        if m.time is None and (carrier := reduced_relative_head(tok)) is not None:
            # "On Saturday, a bomb dropped by a warplane hit the market": the day hangs off the misparsed participle
            m.time = time_of({t.i for t in clause_tokens(carrier) if t.i not in m.tokens}, ents)
        if m.attacker is None and (carrier := reduced_relative_head(tok)) is not None:
            by = next((g for c in carrier.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if by is not None:  # "dropped by a Russian warplane": whose the aircraft was
                iso = _owner_state(by, ents)
                m.attacker = ents.state(iso) if iso else (None if weapon_of(by) else ents.actor_for(by))
        if m.time is None and tok.dep_ == "advcl" and tok.tag_ == "VBG" and lemma in CASUALTY_VERBS:
            # "its troops had advanced in X on Monday, killing dozens": the time and place of the head clause
            head_clause = [t for t in clause_tokens(tok.head) if t.i not in doer_tokens and t.i not in m.tokens]
            m.time = time_of({t.i for t in head_clause}, ents)
            place_scope = place_scope + [t for t in head_clause if t.ent_type_ in ("GPE", "LOC", "FAC")]
        if m.time is None and tok.dep_ == "advcl" and tok.head.i != tok.i and _kind_of_casualty(tok.head) and any(
                c.lower_ in ("when", "as", "after") and c.dep_ in ("advmod", "mark") for c in tok.children):
            # "two people were killed on Tuesday when shells slammed into X": the day the casualties were told
            m.time = time_of({t.i for t in clause_tokens(tok.head) if t.i not in m.tokens}, ents)
    else:
        # "artillery, mortar and drone attacks": the coordinated modifiers head the conj chain
        coord, t = [], tok
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
            coord.append(t)
        _instruments(sorted(coord + list(tok.subtree), key=lambda x: x.i), m)
        # "Russian warplanes carried out eight air strikes": the light verb's subject is the doer
        head = tok.head
        if tok.dep_ == "nsubj" and head.lemma_.lower() in ("appear", "seem"):
            # "the attack appeared to have been carried out by Iran-backed militias"
            light = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_.lower() in LIGHT_VERBS), None)
            if light is not None:
                head = light
        if tok.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj") and head.lemma_.lower() in LIGHT_VERBS:
            lsubj = doer_of(head)
            if lsubj is not None:
                doer_tokens |= {t.i for t in np_span(lsubj)}
                if weapon_of(lsubj):
                    _doer_weapon_type(lsubj, m)
                    iso = _owner_state(lsubj, ents)
                    m.attacker = ents.state(iso) if iso else None
                else:
                    m.attacker = ents.actor_for(lsubj)
                if m.attacker is None and (own := self_speaker(lsubj, head, ents)) is not None:
                    m.attacker, m.self_report = own, True  # "it had carried out 'precision strikes'"
        # "a Russian strike", "its strikes", "shelling by the RSF"
        if tok.dep_ in ("nmod", "compound") and tok.head.lower_ in ATTACKER_NOUNS and tok.head.i < tok.i:
            m.attacker = ents.actor_for(tok.head)  # "government shelling" parsed the other way round
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and (iso := ents.demonym_or_country(c)):
                m.attacker = ents.state(iso, c)
            elif c.dep_ in ("compound", "nmod", "poss") and m.attacker is None and c.lower_ in ATTACKER_NOUNS:
                m.attacker = ents.actor_for(c)  # "government shelling", "an army air strike", "the army's strike"
            elif c.dep_ in ("amod", "compound") and m.attacker is None and c.lower_ in SIDE_ADJECTIVES:
                m.attacker = ents.side(c)  # "a jihadist attack", "a rebel raid": the jihadists', the rebels'
            elif c.dep_ == "compound" and m.attacker is None and (owner := next(
                    (g for g in c.children if g.dep_ == "compound" and g.lower_ in ATTACKER_NOUNS), None)):
                m.attacker = ents.actor_for(owner)  # "army air strikes" parsed as ((army air) strikes)
            elif c.dep_ == "compound" and m.attacker is None and c.pos_ == "PROPN" and (
                    group := ents.actor_for(c)) is not None and ents.actors[group].kind == "armed_group":
                m.attacker = group  # "an Islamic State attack", "a Taliban raid": the group's
            elif c.dep_ == "poss" and m.attacker is None and c.lower_ in SELF_POSSESSIVES and (
                    subj := possessor_subject(tok)) is not None:
                m.attacker = ents.actor_for(subj)  # "as Azerbaijan pushed its offensive"
            elif c.dep_ == "poss" and m.attacker is None and (owner := ents.actor_for(c)) is not None and \
                    ents.actors[owner].kind in ("state", "armed_force", "armed_group"):
                m.attacker = owner  # "the Houthis' first fatal strike", "India's air strike"
                doer_tokens |= {t.i for t in c.subtree}
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "targeting"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    _set_target(m, obj, ents)
            if c.dep_ == "prep" and c.lower_ == "by":
                by = next((g for g in c.children if g.dep_ == "pobj"), None)
                if by is not None and any(g.dep_ == "case" for g in by.children):
                    # "Shelling by Sudan's paramilitary RSF" parsed with Sudan as the agent: the possessed noun
                    owned = next((g for g in tok.children if g.dep_ in ("dobj", "npadvmod", "appos") and g.i > by.i), None)
                    if owned is not None:
                        doer_tokens |= {t.i for t in by.subtree} | {t.i for t in owned.subtree}
                        by = owned
                if by is not None:
                    doer_tokens |= {t.i for t in by.subtree}
                    if by.lemma_.lower() in WEAPON_WORDS:
                        _instruments(by.subtree, m)
                        m.attacker = m.attacker or _weapon_owner(by, ents)  # "an attack by Ukraine's drone"
                    else:
                        m.attacker = _doer_actor(by, ents)
        if not m.specific and any(c.dep_ in ("amod", "compound") and norm_lemma(c) in MOB_ATTACKERS
                                  for c in tok.children):
            m.type = "other_attack"  # "settler attacks on the villages of X and Y": a guess, as for a doer
        if m.attacker is None and (agent := _described_doer(tok)) is not None:
            doer_tokens |= {t.i for t in agent.subtree}
            m.attacker = _weapon_owner(agent, ents) if weapon_of(agent) else _doer_actor(agent, ents)
        for c in tok.children:
            if c.dep_ == "conj" and (norm_lemma(c) in NOUN_TRIGGERS | ATTACK_NOUNS or plural_anaphor(c)):
                doer_tokens |= {t.i for t in c.subtree}  # "the fighting in X and the drone strikes in Y"
        own = {t.i for t in tok.subtree}
        place_scope = [t for t in tok.subtree if t.i not in doer_tokens]
        m.tokens |= own
        m.time = _own_time(tok, place_scope, ents)
        head_verb = clause_verb(tok.head) if tok.head.i != tok.i else None
        holder = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of", "in") else None
        if m.time is None and holder is not None and holder.pos_ == "NOUN" and holder.lemma_.lower() in TOLL_NOUNS:
            # "the death toll from a strike on X on May 14 has risen": the date hangs off the toll
            m.time = time_of({c.i for p in holder.children if p.dep_ == "prep" and p.i != tok.head.i
                               for c in p.subtree}, ents)
        killer = holder if holder is not None and tok.head.lower_ == "in" else None
        if m.time is None and killer is not None and killer.pos_ == "VERB" and killer.lemma_.lower() in \
                CASUALTY_VERBS | {"die", "hurt"}:
            # "three guards were killed in a drone attack near X early on Tuesday": the day hangs off "killed"
            m.time = time_of({t.i for t in clause_tokens(killer) if t.i not in own}, ents)
        if head_verb is not None and tok.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj"):
            # "A Russian strike on ... killed 12 people in X on Monday": place and time hang off the verb
            direct = [t for t in clause_tokens(head_verb) if t.i not in own]
            direct = [t for t in direct if t.dep_ not in ("nsubj",) or t.i == tok.i]
            if m.time is None and head_verb.lemma_.lower() not in CLAIM_VERBS | {"condemn", "confirm"}:
                # not "X claimed the attack on Monday": the day of the statement, not of the attack
                m.time = time_of({t.i for t in direct}, ents)
            place_scope = place_scope + [t for t in direct if places_in([t], ents)]
    if tok.pos_ == "VERB" and (doer := doer_of(tok)) is not None and norm_lemma(doer) in GROUND_FORCES and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in doer.children):
        m.definite = True  # "the attackers had set fire to dozens of shelters": the attack just told
    attacker_state = ents.state_of(m.attacker)
    m.hints = _sentence_countries(sent, ents) - {attacker_state}
    cands = [(e, r) for e, r in places_in([t for t in place_scope if t.i not in doer_tokens], ents)
             if not under_other_attack(e.root, tok)]
    if not cands and m.reference:
        return m  # "Hours after the bombing, fighters attacked a base in X": the bombing told before, not at X
    if not cands:
        # the clause around a noun ("... blamed Russia for the attack"): only places after "in", "near"...
        verb = clause_verb(tok.head if nominal else tok)
        if verb is not None:
            cands = [(e, r) for e, r in places_in([t for t in clause_tokens(verb) if t.i not in doer_tokens], ents)
                     if (e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATIVE_PREPS
                         or e.root.head.dep_ == "pobj" and e.root.head.head.lower_ in LOCATIVE_PREPS)
                     and not under_other_attack(e.root, tok)]
    if not cands:
        # last resort: a place the sentence locates things in ("In the Russian-occupied town of X, officials
        # said a drone hit ...", "a centre sheltering displaced people in Khan Younis")
        own_relcl = {a.i for a in tok.ancestors if a.dep_ in ("relcl", "acl")} | {
            # "abducted 50 women who had gone to gather fruit near the town of X": where the victims were
            r.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for r in c.children if r.dep_ == "relcl"}
        cands = [(e, r) for e, r in places_in([t for t in sent if t.i not in doer_tokens], ents)
                 if locative(e.root) and relative_clauses_above(e, ents) <= own_relcl
                 and not under_other_attack(e.root, tok)]
    if any(c.lower_ in ("city", "town") and any(g.lower_ == "the" for g in c.children)
           for e, _ in cands for n in (e.root, e.root.head) for c in n.children if c.dep_ == "poss"):
        m.place = ents.recent_city(sent.start_char)  # "near the city's Nasser Hospital": in the city
        m.place_country = ents.places[m.place].country if m.place else None
        return m
    m.place, m.place_country = choose_place(cands, ents)
    if m.place is not None:
        # the sentence's places, read once for all the mentions it holds
        around = ents.memo("sentence_places", sent.start,
                           lambda: places_in(doccache.columns(sent.doc).tokens[sent.start:sent.end], ents))
        m.also_at = coordinated_places(cands, m.place, ents, around)
    if m.place is None and any(t.lower_ in ("city", "town") and any(c.lower_ == "the" for c in t.children)
                               for t in place_scope):
        m.place = ents.recent_city(sent.start_char)  # "on the city's outskirts"
    if m.place is None and m.target and m.target in ents.places:
        m.place, m.place_country = m.target, ents.places[m.target].country
    return m


def _set_target(m: Mention, obj: Token, ents: Entities) -> None:
    if obj.ent_type_ in ("DATE", "TIME"):
        return  # "an attack by rebels on Thursday": when, not what
    phrase = np_span(obj)
    ent = ents.ent_at(obj.i)
    ent = ent if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") else None
    if ent is not None:
        region = ent.end < len(ents.doc) and ents.doc[ent.end].lower_ in ("region", "province", "oblast")
        m.target = ents.place_for(ent, region_hint=region)
        m.target_text = strip_det(phrase).text
        return
    if obj.lemma_.lower() in WEAPON_WORDS or obj.pos_ == "PRON":
        return
    actor = ents.actor_for(obj)
    m.target_text = strip_det(phrase).text
    if actor:
        m.target = actor
    else:
        # "a medical clinic in the central Ukrainian city of Dnipro": the place inside the target phrase
        cands = places_in(list(obj.subtree), ents)
        place, _ = choose_place(cands, ents)
        m.target = ents.facility(phrase, place)
        if place and m.place is None:
            m.place = place
