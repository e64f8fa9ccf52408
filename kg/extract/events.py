"""Attack events: triggers, their arguments from the dependency parse, and coreference.

A *mention* is one trigger (a verb like "hit" or a noun like "strike") with
the arguments the parse gives it.  Mentions in one clause are one event;
mentions across sentences are merged when they are compatible (type, place,
time, attacker) and anaphoric, otherwise they start a new event.
"""

from __future__ import annotations

from dataclasses import replace, dataclass, field
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kg import gazetteer
from kg.extract import doccache, timex
from kg.extract.entities import Entities, np_span, strip_det, text_span
from kg.model import Evidence, Event, TimeRef

EXTRACTOR = "kg.events.v1"

VERB_TRIGGERS = {"hit", "strike", "shell", "target", "attack", "bomb", "bombard", "pound", "explode",
                 "detonate", "ambush", "raid", "storm", "fire", "launch", "damage", "destroy", "shoot",
                 "fight", "battle", "clash", "slam", "crash", "smash", "blow", "drop", "fall", "land", "impact", "aim",
                 "seize", "capture", "overrun"}
# "throw" (a grenade, an explosive device) is decided in _is_trigger
NOUN_TRIGGERS = {"attack", "strike", "airstrike", "shelling", "bombardment", "bombing", "explosion", "blast",
                 "incursion", "raid", "assault", "clash", "fighting", "ambush", "barrage", "offensive",
                 "firefight", "shootout", "bomb", "air-strike", "onslaught", "counteroffensive",
                 "counter-offensive", "abduction", "kidnapping", "battle", "gunbattle", "gunfight", "skirmish"}
# weapon word (lemma) → (instrument code, event type)
WEAPONS = {
    "missile": ("missile", "missile_strike"), "cruise": ("missile", "missile_strike"),
    "drone": ("drone", "drone_strike"), "uav": ("drone", "drone_strike"), "shahed": ("drone", "drone_strike"),
    "airstrike": ("aircraft", "air_strike"), "warplane": ("aircraft", "air_strike"), "jet": ("aircraft", "air_strike"),
    "helicopter": ("aircraft", "air_strike"), "bomber": ("aircraft", "air_strike"), "aircraft": ("aircraft", "air_strike"),
    "artillery": ("artillery", "shelling"), "mortar": ("mortar", "shelling"), "shell": ("artillery", "shelling"),
    "shelling": ("artillery", "shelling"), "howitzer": ("artillery", "shelling"), "rocket": ("rocket", "shelling"),
    "grad": ("rocket", "shelling"),
    "ied": ("explosive_device", "bombing"), "explosive": ("explosive_device", "bombing"),
    "landmine": ("explosive_device", "bombing"), "mine": ("explosive_device", "bombing"),
    "grenade": ("explosive_device", "bombing"), "bomb": ("explosive_device", "bombing"), "rpg": ("firearm", "armed_clash"),
    "gun": ("firearm", "armed_clash"), "rifle": ("firearm", "armed_clash"), "gunfire": ("firearm", "armed_clash"),
}
TRIGGER_TYPES = {
    "abduct": "other_attack", "kidnap": "other_attack", "fight": "armed_clash", "battle": "armed_clash",
    "blow": "bombing",
    "airstrike": "air_strike", "air-strike": "air_strike", "shelling": "shelling", "bombardment": "shelling",
    "barrage": "shelling", "shell": "shelling", "bombing": "bombing", "bomb": "bombing", "explosion": "bombing",
    "blast": "bombing", "explode": "bombing", "detonate": "bombing", "incursion": "armed_clash",
    "raid": "armed_clash", "clash": "armed_clash", "fighting": "armed_clash", "ambush": "armed_clash",
    "firefight": "armed_clash", "shootout": "armed_clash", "storm": "armed_clash", "assault": "armed_clash",
    "shoot": "armed_clash", "counteroffensive": "armed_clash", "counter-offensive": "armed_clash",
    "abduction": "other_attack", "kidnapping": "other_attack", "execute": "other_attack",
    "seize": "armed_clash", "capture": "armed_clash", "overrun": "armed_clash", "overran": "armed_clash",
    "gunbattle": "armed_clash", "gunfight": "armed_clash", "skirmish": "armed_clash",
    "ram": "bombing", "drive": "bombing", "plough": "bombing", "plow": "bombing", "set": "other_attack",
}
RAM_VERBS = {"ram", "drive", "plough", "plow"}  # a vehicle bomb driven into its target
ARMED_SUBJECTS = {"forces", "force", "troops", "military", "army", "militants", "gunmen", "rebels", "insurgents",
                  "fighters", "terrorists", "jihadists", "militia", "militias", "extremists", "separatists", "jets",
                  "warplanes", "aircraft", "attackers", "bomber", "bombers", "soldiers", "navy", "police",
                  "gang", "gangs", "bandits", "kidnappers", "assailants", "raiders", "pirates", "snipers", "sniper",
                  "commandos", "guerrillas", "paramilitaries", "gunman", "officers", "policemen", "militiamen",
                  "militiaman", "combatants", "shooters"}
NON_EVENT_MODIFIERS = {"any", "further", "future", "possible", "potential", "new", "more", "heart", "hunger", "similar",
                       "general", "cyber", "panic", "verbal", "planned", "feared", "labour", "labor",
                       "daily", "near-daily", "nightly", "constant", "frequent", "regular", "routine"}
FIGURATIVE_OBJECTS = {"democracy", "freedom", "press", "rights", "sovereignty", "deal", "plan", "reform", "record"}
FORCE_WORDS = {"force", "forces", "troop", "troops", "army", "military", "navy", "soldier", "soldiers", "unit", "units"}
GROUND_FORCES = {"fighter", "gunman", "gunmen", "militant", "troop", "soldier", "rebel", "insurgent", "jihadist",
                 "militia", "militiaman", "attacker", "assailant", "commando", "paratrooper", "guerrilla",
                 "gang", "bandit", "kidnapper", "raider", "sniper", "officer", "policeman"}
LOCATIVE_PREPS = {"in", "near", "at", "on", "outside", "around", "across", "inside", "into", "of", "from", "over"}
ACTOR_HEADS = {"forces", "force", "military", "army", "ministry", "government", "troops", "navy", "police",
               "president", "leader", "spokesman", "militia", "militias", "officials", "authorities", "envoy"}
NON_EVENT_CONTEXT = {"exercise", "exercises", "drill", "drills", "rehearsal", "wargame", "wargames", "simulation"}
MODALS = {"could", "would", "might", "may", "will", "should", "must", "can"}
CLAIM_VERBS = {"deny", "reject", "say", "claim", "blame", "accuse", "dismiss"}
CASUALTY_VERBS = {"kill", "wound", "injure", "maim", "neutralise", "neutralize", "execute"}
VICTIMS = {"civilian", "people", "person", "villager", "prisoner", "hostage", "man", "woman", "child", "soldier",
           "resident", "worker", "student", "member", "captive", "detainee"}
CASUALTY_NOUNS = {"people", "person", "civilian", "child", "soldier", "man", "woman"}
ATTACK_NOUNS = {"attack", "strike", "airstrike", "shelling", "bombardment", "barrage", "fire", "gunfire",
                "explosion", "blast", "raid", "assault", "salvo", "volley"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "csubj", "dobj", "pobj", "nmod", "compound", "appos", "conj"}
AMBIGUOUS_NOUNS = {"attack", "strike", "raid", "assault", "offensive", "onslaught", "counteroffensive",
                   "counter-offensive", "battle"}
# nouns that name who attacked when they modify an attack noun ("government shelling", "army air strikes")
ATTACKER_NOUNS = {"government", "army", "military", "regime", "rebel", "militia", "police", "junta", "navy",
                  "coalition", "paramilitary", "insurgent", "jihadist", "militant", "gang"}
ANAPHORIC_DETS = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class Mention:
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


def _time_reference(tok: Token) -> bool:
    """ "Hours after the bombing, fighters attacked a base": a definite attack noun that only dates the clause's
    own attack; it is the attack told before, not part of this one."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in (
        "after", "before", "since", "following") and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                         for c in tok.children) and not any(
        c.dep_ in ("relcl", "acl", "prep") for c in tok.children)


def norm_lemma(t: Token) -> str:
    """Lower-case lemma; a capitalised first word the tagger took for a name ("Drones slammed") is
    read as the common noun it is."""
    return norm_lemmas(t.doc)[t.i]


def norm_lemmas(doc) -> list[str]:
    """:func:`norm_lemma` of every token, once per extraction."""
    return doccache.computed(doc, "norm_lemmas", _norm_lemmas)


def _norm_lemmas(doc) -> list[str]:
    """:func:`norm_lemma` of every token of ``doc``, in one pass over its columns."""
    cols = doccache.columns(doc)
    out = list(cols.lemma)
    for i, pos in enumerate(cols.pos):
        if pos == "PROPN" and (i == 0 or cols.tokens[i].is_sent_start or cols.tokens[i - 1].is_space):
            word = cols.lower[i]
            for cand in (word, word[:-1] if word.endswith("s") else word):
                if cand in WEAPONS or cand in NOUN_TRIGGERS or cand in ARMED_SUBJECTS:
                    out[i] = cand
                    break
    return out


def _same(a: Token | None, b: Token | None) -> bool:
    """Token identity (spaCy makes a new Token object on every access)."""
    return a is not None and b is not None and a.i == b.i


def _doer(tok: Token) -> Token | None:
    """Who or what does a verb: agent of a passive, subject of an active verb, or the main
    clause's subject for a "by"-gerund ("by hitting clinics, Russian terrorists ...")."""
    agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None:
        return _head_noun(agent)
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if subjects:  # the nearest one: a wire dateline ("BAMAKO, Mali (AP) —") can parse as a second subject
        return _head_noun(min(subjects, key=lambda c: abs(tok.i - c.i)))  # "a series of strikes hit"
    if tok.dep_ == "pcomp" and tok.head.lower_ == "by":
        return next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
    if tok.dep_ == "conj" and tok.head.pos_ == "VERB" and tok.head.i < tok.i and not any(
            c.dep_ == "nsubjpass" for c in tok.children):
        # "Rockets fired by jihadists hit a residential area", "gunmen stormed a village and burned homes":
        # the coordinated verbs share their subject
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        return _head_noun(subj) if subj is not None else _doer(tok.head)
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and weapon_of(tok.head):
        return tok.head  # "reported a missile exploding in the water"
    if (carrier := _reduced_relative_head(tok)) is not None:
        return _head_noun(next(c for c in carrier.children if c.dep_ == "nsubj"))
    return None


def _reduced_relative_head(tok: Token) -> Token | None:
    """ "a guided bomb dropped by a warplane hit the market", parsed with "dropped" as the main verb and "hit"
    hanging from it without a subject: the participle is only a description of the weapon, whose subject is the
    real doer of "hit"."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
        return None
    head = tok.head
    if head.tag_ not in ("VBD", "VBN") or not any(c.dep_ == "agent" for c in head.children):
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return head if subj is not None and weapon_of(_head_noun(subj)) is not None else None


NOT_CLAUSE_DEPS = ("amod", "compound", "nmod", "nsubj", "nsubjpass", "csubj", "dobj", "pobj")


def _clause_verb_indices(doc) -> list[int | None]:
    """For every token, the index of the nearest verb above it (itself if it is a verb), or None: one pass over
    the document's columns, each head chain walked once (Token objects are made anew on every access)."""
    cols = doccache.columns(doc)
    head, pos, dep = cols.head, cols.pos, cols.dep
    out: list[int | None] = [None] * len(doc)
    done = [False] * len(doc)
    for i in range(len(doc)):
        path, j = [], i
        while True:
            if done[j]:
                found = out[j]
                break
            path.append(j)
            if pos[j] in ("VERB", "AUX") and dep[j] not in NOT_CLAUSE_DEPS:
                found = j
                break
            if head[j] == j:  # the root
                found = None
                break
            j = head[j]
        for k in path:
            out[k], done[k] = found, True
    return out


def _clause_verb_i(tok: Token) -> int | None:
    """The index of :func:`_clause_verb`'s answer, with no Token made."""
    return doccache.computed(tok.doc, "clause_verbs", _clause_verb_indices)[tok.i]


def _clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token (itself if it is a verb)."""
    i = _clause_verb_i(tok)
    return None if i is None else tok.doc[i]


def _conflict_context(tok: Token, ents: Entities) -> bool:
    """Does the sentence around an ambiguous noun ("attack", "strike") speak of armed violence?"""
    from kg.extract.outcomes import INJURE, KILL

    for t in tok.sent:
        low, lemma = t.lower_, t.lemma_.lower()
        if lemma in WEAPONS or low in ARMED_SUBJECTS or lemma in INJURE or (
                lemma in KILL and not any(c.dep_ == "prt" for c in t.children)
                and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "off")):  # not "killed off plans"
            return True
        if t.ent_type_ == "NORP" and t.head.i == tok.i:  # "a Russian strike"
            return True
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "against", "in"):
            if any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.subtree):
                return True
    return False


def _hypothetical(tok: Token) -> bool:
    """A trigger in a clause that does not assert it happened: "could trigger an assault",
    "does not usually comment on strikes", "vowed to strike"."""
    verb = _clause_verb(tok)
    for v in filter(None, (tok if tok.pos_ == "VERB" else None, verb)):
        auxes = {c.lower_ for c in v.children if c.dep_ == "aux"}
        if auxes & MODALS and "have" not in auxes:
            return True
        if any(c.dep_ == "neg" for c in v.children) and v.lemma_.lower() not in CLAIM_VERBS:
            return True
        if v.dep_ == "xcomp" and v.head.lemma_ in ("vow", "threaten", "plan", "promise", "want", "warn", "seek", "try"):
            return True
        if v.lemma_ in ("deny", "reject") or (v.lemma_ == "rule" and any(c.lower_ == "out" for c in v.children)):
            return v.i != tok.i  # "ruled out an air strike by its forces": denied, not reported
        if v.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and v.head.lemma_ in ("deny", "reject"):
            return True  # "the group denied shelling the camp": the gerund is what was denied
    return False


QUANTITY_HEADS = {"dozens", "dozen", "hundreds", "scores", "number", "barrage", "salvo", "volley", "wave", "swarm",
                  "series", "pair", "couple", "round", "rounds"}
TAKE_OVER = {"seize", "capture", "overrun", "overran"}
HELD_PLACES = {"base", "position", "post", "outpost", "town", "village", "city", "checkpoint", "camp", "airport",
               "barracks", "garrison", "stronghold", "hill", "district", "area", "territory", "headquarters",
               "compound", "airbase", "port", "bridge", "settlement"}
PREVENT_VERBS = {"halt", "stop", "prevent", "deter", "end", "curb", "thwart", "foil", "avert", "counter", "condemn",
                 "abandon", "renounce", "suspend", "cease"}
# abstract subjects of "killed": a conflict as a whole, not one attack ("the insurgency has killed 40,000 people")
ABSTRACT_DOERS = {"insurgency", "violence", "war", "conflict", "crisis", "unrest", "insecurity", "campaign",
                  "fighting", "rebellion", "uprising", "instability"}
LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "unleash", "execute", "perform"}


def _kind_of_casualty(verb: Token) -> bool:
    """Is a verb (or a verb it is coordinated with) a casualty word: "were killed and five wounded"?"""
    from kg.extract.outcomes import INJURE, KILL

    return any(v.lemma_.lower() in KILL | INJURE or v.lower_ in KILL | INJURE for v in (verb, *verb.conjuncts))


def _head_noun(t: Token | None) -> Token | None:
    """ "dozens of Katyusha rockets" → rockets; "a barrage of missiles" → missiles."""
    if t is not None and (t.lower_ in QUANTITY_HEADS or t.like_num):
        of = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            return of
    return t


def _armed(doer: Token, ents: Entities) -> bool:
    """Is a doer a weapon or an armed or state actor ("missiles", "gunmen", "Russian forces", "Russia")?"""
    dl = norm_lemma(doer)
    if dl in WEAPONS or doer.lower_ in ARMED_SUBJECTS or dl in ARMED_SUBJECTS or dl in ATTACK_NOUNS:
        return True
    if any(c.lemma_.lower() in WEAPONS for c in doer.children if c.dep_ in ("compound", "amod")):
        return True  # "mortar fire", "artillery shells"
    if any(c.lower_ in ARMED_SUBJECTS for c in doer.children if c.dep_ == "compound"):
        return True  # "gang members", "militia members"
    if _laden_with(doer) is not None:
        return True  # "a motorcycle packed with explosives"
    if dl in FORCE_WORDS:
        return True  # "its forces", "the troops": armed whoever they belong to
    actor = ents.actor_for(doer)
    if actor and ents.actors[actor].kind in ("state", "armed_force", "armed_group"):
        return True
    return False


LADEN = {"pack", "lade", "laden", "load", "rig", "fill", "stuff", "fit", "strap"}


def _laden_with(t: Token) -> Token | None:
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


PLURAL_ANAPHOR_NOUNS = {"attack", "strike", "airstrike", "bombing", "explosion", "blast", "raid", "assault", "incident",
                        "ambush", "shelling", "killing", "attempt"}


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
        from kg.extract.numbers import parse_quantity

        parsed = parse_quantity(num.text)
        return parsed[0] if parsed and parsed[0] and 2 <= parsed[0] <= 6 else None
    return None


INTERCEPT_VERBS = {"destroy", "down", "intercept", "shoot", "neutralise", "neutralize", "repel", "repulse"}
AERIAL_WEAPONS = {"drone", "uav", "shahed", "missile", "rocket", "projectile"}
ORDINAL_MODS = {"second", "third", "fourth", "fifth", "sixth", "latest"}
FLEE_VERBS = {"flee", "escape", "displace"}


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
    when = _time_of({x.i for x in v.subtree}, ents)
    return when is None or when.day is None


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
    if nominal and lemma in NOUN_TRIGGERS | {"shell"} and (lemma != "shell" or tok.tag_ == "VBG"):
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):  # "attack drones"
            return False
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "det", "compound")}
        # "near-nightly missile and drone attacks": a modifier of the weapon word before the noun counts too
        mods |= {g.lower_ for c in tok.children if c.dep_ in ("nmod", "compound") and c.i < tok.i
                 for g in c.children if g.dep_ == "amod"}
        if mods & NON_EVENT_MODIFIERS:
            return False
        if _told_before(tok, mods):
            return False
        if _history_noun(tok, ents):
            return False
        if lemma == "strike" and (tok.head.lemma_ in ("go", "call", "stage") or (
                tok.head.lower_ == "on" and tok.head.head.lemma_ in ("go", "be", "stay", "remain"))):
            return False  # a labour strike
        if lemma in AMBIGUOUS_NOUNS and not _conflict_context(tok, ents):
            return False
        if (tok.dep_ == "dobj" and tok.head.lemma_.lower() in PREVENT_VERBS) or (
                tok.dep_ == "conj" and tok.head.dep_ == "dobj" and tok.head.head.lemma_.lower() in PREVENT_VERBS):
            return False  # "strikes aimed at halting the group's attacks on shipping": attacks in general
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
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if auxes & {"has", "have"} and any(
            t.lower_ == "times" or (t.lower_ == "since" and t.head.i == tok.i) for t in tok.subtree):
        return False  # "Israel, which has struck Yemen several times", "have launched scores of attacks since
        # November": a history, not an event
    if tok.tag_ == "VBG" and "been" in auxes and auxes & {"has", "have", "had"}:
        return False  # "Niger has been battling insurgencies for a decade": an ongoing campaign, not an event
    doer = _doer(tok)
    if doer is not None and norm_lemma(doer) in ABSTRACT_DOERS:
        return False  # "gang violence killed more than 5,600 people in 2024"
    patient = _head_noun(next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None))
    if _interception(tok, patient):
        return False
    if doer is not None and doer.lower_ in ("it", "they", "we") and tok.dep_ == "ccomp" and (
            lemma in CASUALTY_VERBS | VERB_TRIGGERS):
        # "the Israeli military said it killed / struck ...": the speaker is the doer
        speaker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and _armed(speaker, ents):
            return lemma not in ("launch", "fire", "drop") or (patient is not None and norm_lemma(patient) in set(WEAPONS) | ATTACK_NOUNS)
    if lemma in CASUALTY_VERBS:
        # "a drone killed two people", "two civilians were wounded by mortar fire",
        # "gunmen stopped a bus and set it on fire, killing 31": the gerund's doer is its head's
        if doer is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
            head = tok.head
            while head.dep_ == "conj" and head.head.i != head.i and _doer(head) is None:
                head = head.head
            doer = _doer(head)
        return doer is not None and doer.lemma_.lower() not in CASUALTY_NOUNS and _armed(doer, ents)
    if lemma in ("abduct", "kidnap"):
        return doer is not None and _armed(doer, ents)
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
                            for c in tok.children)) and doer is not None and _armed(doer, ents)
    if lemma in RAM_VERBS:
        # "a suicide bomber rammed an explosives-laden car into the gate": only a bomb driven into something
        return any(c.dep_ == "prep" and c.lower_ == "into" for c in tok.children) and (
            (doer is not None and (w := weapon_of(doer)) is not None and w[1] == "bombing")
            or (patient is not None and _laden_with(patient) is not None))
    if lemma not in VERB_TRIGGERS:
        return False
    if lemma in TAKE_OVER:
        # "its fighters overran a military outpost", "troops seized the town of X"; not "seized weapons"
        return doer is not None and _armed(doer, ents) and patient is not None and (
            norm_lemma(patient) in HELD_PLACES or patient.ent_type_ in ("GPE", "LOC", "FAC"))
    if lemma == "aim":  # "the Russians deliberately aimed at homes"
        return doer is not None and any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children) and _armed(doer, ents)
    if lemma == "execute" and (patient is None or norm_lemma(patient) not in VICTIMS):
        return False  # "executed 15 civilians", not "executed a strike" (a light verb)
    if lemma == "blow":  # "a suicide bomber blew himself up"
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) and doer is not None and _armed(doer, ents)
    if lemma in ("slam", "crash", "smash", "fall", "land", "impact"):  # "drones slammed into", "a missile fell"
        return doer is not None and weapon_of(doer) is not None
    if lemma in ("launch", "fire", "drop"):
        # "launched drones", "rockets were fired", "dropped bombs": only with a weapon or an attack as the object
        return patient is not None and (norm_lemma(patient) in set(WEAPONS) | ATTACK_NOUNS)
    sent_has_weapon = not lemmas.isdisjoint(WEAPONS)
    if doer is not None and _armed(doer, ents):
        # "forces destroyed an ammunition depot"; but "missiles damaged" needs no more
        return lemma not in ("damage", "destroy") or sent_has_weapon or norm_lemma(doer) not in WEAPONS
    if lemma in ("explode", "detonate", "shell", "bombard", "bomb"):
        return True
    if sent_has_weapon and lemma in ("hit", "strike", "target", "attack", "pound", "damage", "destroy"):
        return True
    return False


# every lemma that some branch of _is_trigger can accept
_CANDIDATE_TRIGGERS = frozenset(NOUN_TRIGGERS | {"shell"} | CASUALTY_VERBS | VERB_TRIGGERS | RAM_VERBS
                                | {"abduct", "kidnap", "throw", "shoot", "open", "set"})


def weapon_of(t: Token) -> tuple[str, str] | None:
    """(instrument code, event type) a word names: "missiles" → missile; "suicide bomber" → explosive."""
    lemma = norm_lemma(t)
    if lemma == "air" and t.head.lemma_ in ("strike", "raid", "attack", "force"):
        lemma = "airstrike"
    if lemma not in WEAPONS or (t.pos_ == "VERB" and lemma in ("bomb", "shell")):
        return None
    code, etype = WEAPONS[lemma]
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


def _modifies_weapon(t: Token) -> bool:
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


def _instruments(tokens, m: Mention) -> None:
    for t in tokens:
        if _modifies_weapon(t):
            continue
        found = weapon_of(t)
        if found:
            code, etype = found
            if code not in m.instruments:
                m.instruments.append(code)
                m.instrument_text.append(np_span(t).text if t.pos_ == "NOUN" else t.text)
                if not m.specific:
                    m.type, m.specific = etype, True


TIME_WORDS = {"overnight", "yesterday", "today", "tonight"}


def _time_of(tokens, ents: Entities) -> TimeRef | None:
    for ent in ents.spans_over(min(tokens), max(tokens)) if tokens else ():
        if ent.label_ in ("DATE", "TIME") and any(i in tokens for i in range(ent.start, ent.end)):
            ref = timex.resolve(ent.text, ents.document.published)
            if ref is not None:
                return replace(ref, span=text_span(ent))
    cols = doccache.columns(ents.doc)
    for i in sorted(tokens):  # time words the NER does not tag
        if cols.lower[i] in TIME_WORDS and not cols.ent_type[i]:
            ref = timex.resolve(ents.doc[i].text, ents.document.published)
            return ref and replace(ref, span=text_span(ents.doc[i:i + 1]))
    return None


PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "suburb", "neighbourhood",
               "neighborhood", "camp", "port", "capital", "county", "area", "outskirts", "centre", "center"}


def _locative(tok: Token) -> bool:
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
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS and prep.head.dep_ in ("pobj", "appos"):
            t = prep.head
            continue
        return prep.lower_ in LOCATIVE_PREPS - {"from", "of"}
    return False


TOLL_NOUNS = {"toll", "victim", "casualty", "death", "survivor", "number", "aftermath"}


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


TAKEN_FROM = {"abduct", "kidnap", "seize", "snatch", "take", "grab", "rescue", "evacuate", "pull", "free", "recover"}


def _places_in(tokens: list[Token], ents: Entities, skip_origin: bool = True) -> list[tuple[Span, bool]]:
    """GPE/LOC entities among ``tokens``: (span, looks-like-a-region)."""
    out = []
    if not tokens:
        return out
    index = {t.i for t in tokens}
    lo, hi = min(index), max(index)
    for ent in ents.spans_over(lo, hi):
        if ent.label_ not in ("GPE", "LOC", "FAC") or index.isdisjoint(range(ent.start, ent.end)):
            continue
        if skip_origin and _from_origin(ent.root):
            continue  # "launched from an area near the city of Kirkuk": where from, not where
        if ent.start_char < ents.dateline_end:
            continue
        if ent.root.dep_ == "nsubj" or (ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent"):
            continue  # "Russia struck ...": the attacker, not the place
        head = ent.root.head
        if ent.root.dep_ in ("compound", "amod") and weapon_of(head):
            continue  # "Katyusha rockets"
        if ent.root.dep_ == "poss" and (head.lower_ in ACTOR_HEADS or head.pos_ == "PROPN"):
            continue  # "Sudan's paramilitary Rapid Support Forces", "Russia's Defense Ministry"
        nxt = ents.doc[ent.end] if ent.end < len(ents.doc) else None
        region = nxt is not None and nxt.lower_ in ("region", "province", "oblast", "governorate", "state")
        out.append((ent, region))
    return out


def _under_other_attack(t: Token, trigger: Token) -> bool:
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


def _relative_clauses_above(ent: Span, ents: Entities) -> frozenset[int]:
    """Indices of the relative-clause verbs an entity sits under; memoised, as deep parses make this costly."""
    return ents.memo("relcl_above", ent.start,
                     lambda: frozenset(a.i for a in ent.root.ancestors if a.dep_ == "relcl"))


def _span_head(span: Span) -> Token:
    """The token an entity hangs from the sentence by ("the Black Sea": Sea, not the determiner)."""
    return next((t for t in reversed(span) if t.dep_ != "det" and not span.start <= t.head.i < span.end), span.root)


COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
           "north-west", "south-east", "south-west", "northeastern", "northwestern", "southeastern", "southwestern"}
DISTANCE_NOUNS = {"km", "kilometre", "kilometer", "mile", "metre", "meter", "kms"}
EDGE_NOUNS = {"edge", "outskirts", "fringe", "fringes", "side", "heart", "centre", "center", "part"}


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
                                    or holder.lower_ in ("edge", "outskirts", "fringe", "fringes")):
            return True
        if prep.lower_ == "of" and holder.lemma_.lower() in PLACE_NOUNS | EDGE_NOUNS:
            t = holder
            continue
        return t.i != root.i and prep.lower_ in ("on", "in", "at", "near", "outside") and holder.i in heads \
            and holder.i != root.i  # "X village, near Kismayo": Kismayo only locates X
    return False


def _choose_place(cands: list[tuple[Span, bool]], ents: Entities) -> tuple[str | None, str | None]:
    """The most specific place among candidates: city > region > country."""
    roots = {e.start: _span_head(e) for e, _ in cands}
    named = {r.head.head.i for r in roots.values() if r.dep_ == "pobj" and r.head.lower_ == "of"
             and r.lemma_.lower() not in PLACE_NOUNS}
    heads = set()
    for h in roots.values():
        while h.dep_ == "compound" and h.head.i != h.i:
            h = h.head
        heads.add(h.i)
    if len(cands) > 1:
        landmarks = {e.start for e, _ in cands if _reference_point(roots[e.start], heads)}
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
        if root.dep_ == "pobj" and root.head.lower_ in ("in", "inside") and root.head.head.i in heads \
                and root.head.head.i != root.i:
            continue  # "the Nuseirat refugee camp in central Gaza": the camp is the more specific place
        if root.dep_ == "poss" and root.head.i in heads and root.head.i != root.i:
            continue  # "Balochistan's Noshki district": the province only locates the district
        if root.dep_ == "compound" and root.head.i in named and root.head.lemma_.lower() in PLACE_NOUNS:
            continue  # "the Red Sea port of Salif": the port is Salif; the Red Sea only locates it
        key = ents.place_for(span, region_hint=region)
        if key is None:
            continue
        p = ents.places[key]
        r = PLACE_RANK.get(p.kind, 1)
        if best is None or r < best[0]:
            best = (r, key, p.country)
    return best


def _coordinated_places(cands: list[tuple[Span, bool]], chosen: str, ents: Entities) -> list[tuple[str, str | None]]:
    """Places of the same rank coordinated with the chosen one: "strikes hit the cities of X, Y and Z", "the
    villages of X and Y were attacked" tell an attack on each (SCHEMA.md: an event has one place)."""
    keyed = [(span, ents.place_for(span, region_hint=region)) for span, region in cands]
    mine = next((span for span, key in keyed if key == chosen), None)
    if mine is None or ents.places[chosen].kind in ("country", "region"):
        return []
    linked = {t.i for t in mine.root.conjuncts}
    out = []
    for span, key in keyed:
        if key is None or key == chosen or span.root.i not in linked or any(k == key for k, _ in out):
            continue
        p = ents.places[key]
        if p.kind in ("country", "region"):
            continue
        out.append((key, p.country))
    return out


def _clause_tokens(verb: Token) -> list[Token]:
    """Tokens of a verb's own clause, its coordinated verbs included ("killed one and injured five in X"), in text
    order (spaCy's subtree walk is not, in a non-projective parse)."""
    verbs = {verb.i} | {c.i for c in verb.conjuncts if c.pos_ in ("VERB", "AUX")}
    doc = verb.doc
    clause_verbs = doccache.computed(doc, "clause_verbs", _clause_verb_indices)
    tokens = doccache.columns(doc).tokens
    # The verb's subtree lies between its edges, but in a non-projective parse not every token there is in it: a
    # token whose nearest verb is the verb itself is; any other is checked.
    return [tokens[i] for i in range(verb.left_edge.i, verb.right_edge.i + 1)
            if (v := clause_verbs[i]) in verbs and (v == verb.i or doccache.in_subtree(doc, i, verb.i))]


def _maker(t: Token) -> bool:
    """ "Iranian-made drones", "U.S.-supplied missiles": the state that built a weapon, not who used it."""
    return t.head.lemma_.lower() in ("make", "build", "supply", "manufacture", "design", "produce", "provide") or (
        t.i + 2 < len(t.doc) and t.doc[t.i + 1].text == "-"
        and t.doc[t.i + 2].lemma_.lower() in ("make", "build", "supply", "manufacture", "design", "produce"))


def _doer_weapon_type(doer: Token, m: Mention) -> None:
    """The doer's own weapon decides the type: "warplanes bombed" is an air strike, "explosive-laden
    drones" a drone strike."""
    laden = _laden_with(doer)
    found = weapon_of(doer) or next(
        (w for c in doer.children if c.dep_ == "compound" and (w := weapon_of(c))), None) or (
        ("vehicle_bomb", "bombing") if laden is not None and weapon_of(laden)[1] == "bombing" else None)
    if found:
        code, etype = found
        if code in m.instruments:
            m.instruments.remove(code)
        m.instruments.insert(0, code)
        m.type, m.specific = etype, True


SELF_DOERS = {"it", "we", "they"}
SELF_POSS = {"its", "our", "their"}
REPORTING = {"say", "tell", "report", "announce", "state", "add", "confirm", "claim", "acknowledge", "admit", "write"}


def _self_speaker(doer: Token, verb: Token, ents: Entities) -> str | None:
    """The speaker a self-reference stands for: "the army said its aircraft struck", "X said it had carried
    out ..." → the army, X (the subject of the reporting verb the clause hangs from)."""
    if not (doer.lower_ in SELF_DOERS or any(c.dep_ == "poss" and c.lower_ in SELF_POSS for c in doer.children)):
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


def _sentence_countries(sent: Span, ents: Entities) -> frozenset[str]:
    """Countries a sentence is about, for anaphora ("Ukrainian President Zelensky ... after the attack"),
    not those of armed actors or weapons ("Russian forces", "Russian missiles"); once per sentence."""
    return ents.memo("sentence_countries", sent.start, lambda: frozenset(
        iso for t in sent if t.idx >= ents.dateline_end and (iso := ents.demonym_or_country(t))
        and not (t.head.lower_ in ARMED_SUBJECTS or t.head.lemma_.lower() in ARMED_SUBJECTS or weapon_of(t.head))))


def build_mention(tok: Token, sent_index: int, ents: Entities) -> Mention:
    sent = tok.sent
    m = Mention(trigger=tok, sent=sent, sent_index=sent_index, tokens={tok.i}, reference=_time_reference(tok))
    lemma = tok.lemma_.lower()
    if lemma in TRIGGER_TYPES:
        m.type, m.specific = TRIGGER_TYPES[lemma], True
    if lemma == "strike" and any(c.lower_ == "air" for c in tok.children):
        m.type, m.specific = "air_strike", True
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
        doer = _doer(tok)
        if doer is not None:
            doer_tokens = {t.i for t in np_span(doer)}
            _instruments(doer.subtree, m)
            if doer.lemma_.lower() in WEAPONS or any(
                    c.dep_ == "compound" and c.lemma_.lower() in WEAPONS for c in doer.children):
                # "Russian missiles" → Russia; "U.S. fighter jets" → the United States
                iso = next((i for t in np_span(doer) if (i := ents.demonym_or_country(t)) and not _maker(t)), None)
                if iso:
                    m.attacker = ents.state(iso)
                else:  # "a Houthi missile": the group that fired it
                    group = next((t for t in np_span(doer) if t.i != doer.i and t.text.lower() in gazetteer.KNOWN_ARMED_GROUPS), None)
                    if group is not None:
                        m.attacker = ents.actor_for(group)
                    elif (owner := next((c for c in doer.children if c.dep_ in ("compound", "nmod", "poss")
                                         and c.lower_ in ATTACKER_NOUNS), None)) is not None:
                        m.attacker = ents.actor_for(owner)  # "army warplanes bombed the market"
                _doer_weapon_type(doer, m)
            else:
                m.attacker = ents.actor_for(doer)
            if m.attacker is None and (own := _self_speaker(doer, tok, ents)) is not None:
                m.attacker, m.self_report = own, True
        for c in tok.children:  # "Ukrainian shelling killed two people" parsed with "shelling" as an auxiliary
            if c.dep_ == "aux" and c.tag_ == "VBG" and c.lower_ in TRIGGER_TYPES and not m.specific:
                m.type, m.specific = TRIGGER_TYPES[c.lower_], True
        scope = [t for t in tok.subtree if _clause_verb_i(t) == tok.i and t.i not in doer_tokens]
        if patient is not None and patient.dep_ == "dobj" and lemma not in ("launch", "fire", "drop", "use", "deploy"):
            # "destroyed two drone boats and a missile launcher": weapons in the object are what was hit
            hit = {t.i for t in patient.subtree}
            scope = [t for t in scope if t.i not in hit]
        _instruments(scope, m)
        if lemma == "bomb" and m.type == "bombing" and "aircraft" not in m.instruments and any(
                (w := weapon_of(t)) is not None and w[0] == "aircraft" for t in sent):
            m.type = "air_strike"  # "the town was bombed, when a military jet struck a market": from the air
        if lemma == "open" and not m.specific:
            m.type = "armed_clash"  # "gunmen opened fire on a van": small arms, unless a weapon is named
        if not m.specific and doer is not None and norm_lemma(doer) in GROUND_FORCES:
            m.type = "armed_clash"  # "gunmen attacked a checkpoint"; a guess, so it does not block merging
        if patient is not None and lemma not in CASUALTY_VERBS | {"open", "set"} and not weapon_of(patient):
            _set_target(m, patient, ents)
        elif lemma in ("fire", "launch", "drop", "fall", "land", "open", "set"):
            # "rockets were fired at a base", "bombs dropped on a market", "set fire to a police station"
            aim = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "toward", "towards", "into", "to")
                        for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")), None)
            if aim is not None:
                _set_target(m, aim, ents)
        place_scope = [t for t in _clause_tokens(tok) if t.i not in doer_tokens] or list(tok.subtree)
        m.tokens |= {t.i for t in place_scope}
        m.time = _time_of({t.i for t in place_scope}, ents)
        if m.time is None and (carrier := _reduced_relative_head(tok)) is not None:
            # "On Saturday, a bomb dropped by a warplane hit the market": the day hangs off the misparsed participle
            m.time = _time_of({t.i for t in _clause_tokens(carrier) if t.i not in m.tokens}, ents)
        if m.attacker is None and (carrier := _reduced_relative_head(tok)) is not None:
            by = next((g for c in carrier.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if by is not None:  # "dropped by a Russian warplane": whose the aircraft was
                iso = next((i for t in np_span(by) if (i := ents.demonym_or_country(t)) and not _maker(t)), None)
                m.attacker = ents.state(iso) if iso else (None if weapon_of(by) else ents.actor_for(by))
        if m.time is None and tok.dep_ == "advcl" and tok.tag_ == "VBG" and lemma in CASUALTY_VERBS:
            # "its troops had advanced in X on Monday, killing dozens": the time and place of the head clause
            head_clause = [t for t in _clause_tokens(tok.head) if t.i not in doer_tokens and t.i not in m.tokens]
            m.time = _time_of({t.i for t in head_clause}, ents)
            place_scope = place_scope + [t for t in head_clause if t.ent_type_ in ("GPE", "LOC", "FAC")]
        if m.time is None and tok.dep_ == "advcl" and tok.head.i != tok.i and _kind_of_casualty(tok.head) and any(
                c.lower_ in ("when", "as", "after") and c.dep_ in ("advmod", "mark") for c in tok.children):
            # "two people were killed on Tuesday when shells slammed into X": the day the casualties were told
            m.time = _time_of({t.i for t in _clause_tokens(tok.head) if t.i not in m.tokens}, ents)
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
            lsubj = _doer(head)
            if lsubj is not None:
                doer_tokens |= {t.i for t in np_span(lsubj)}
                if weapon_of(lsubj):
                    _doer_weapon_type(lsubj, m)
                    iso = next((i for t in np_span(lsubj) if (i := ents.demonym_or_country(t)) and not _maker(t)), None)
                    m.attacker = ents.state(iso) if iso else None
                else:
                    m.attacker = ents.actor_for(lsubj)
                if m.attacker is None and (own := _self_speaker(lsubj, head, ents)) is not None:
                    m.attacker, m.self_report = own, True  # "it had carried out 'precision strikes'"
        # "a Russian strike", "its strikes", "shelling by the RSF"
        if tok.dep_ in ("nmod", "compound") and tok.head.lower_ in ATTACKER_NOUNS and tok.head.i < tok.i:
            m.attacker = ents.actor_for(tok.head)  # "government shelling" parsed the other way round
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and (iso := ents.demonym_or_country(c)):
                m.attacker = ents.state(iso, c)
            elif c.dep_ in ("compound", "nmod", "poss") and m.attacker is None and c.lower_ in ATTACKER_NOUNS:
                m.attacker = ents.actor_for(c)  # "government shelling", "an army air strike", "the army's strike"
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
                    if by.lemma_.lower() in WEAPONS:
                        _instruments(by.subtree, m)
                    else:
                        m.attacker = ents.actor_for(by)
        for c in tok.children:
            if c.dep_ == "conj" and (norm_lemma(c) in NOUN_TRIGGERS | ATTACK_NOUNS or plural_anaphor(c)):
                doer_tokens |= {t.i for t in c.subtree}  # "the fighting in X and the drone strikes in Y"
        place_scope = [t for t in tok.subtree if t.i not in doer_tokens]
        m.tokens |= {t.i for t in tok.subtree}
        m.time = _time_of({t.i for t in place_scope}, ents)
        head_verb = _clause_verb(tok.head) if tok.head.i != tok.i else None
        holder = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "of", "in") else None
        if m.time is None and holder is not None and holder.pos_ == "NOUN" and holder.lemma_.lower() in TOLL_NOUNS:
            # "the death toll from a strike on X on May 14 has risen": the date hangs off the toll
            m.time = _time_of({c.i for p in holder.children if p.dep_ == "prep" and p.i != tok.head.i
                               for c in p.subtree}, ents)
        killer = holder if holder is not None and tok.head.lower_ == "in" else None
        if m.time is None and killer is not None and killer.pos_ == "VERB" and killer.lemma_.lower() in \
                CASUALTY_VERBS | {"die", "hurt"}:
            # "three guards were killed in a drone attack near X early on Tuesday": the day hangs off "killed"
            m.time = _time_of({t.i for t in _clause_tokens(killer) if t.i not in {x.i for x in tok.subtree}}, ents)
        if head_verb is not None and tok.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj"):
            # "A Russian strike on ... killed 12 people in X on Monday": place and time hang off the verb
            direct = [t for t in _clause_tokens(head_verb) if t.i not in {x.i for x in tok.subtree}]
            direct = [t for t in direct if t.dep_ not in ("nsubj",) or t.i == tok.i]
            if m.time is None and head_verb.lemma_.lower() not in CLAIM_VERBS | {"condemn", "confirm"}:
                # not "X claimed the attack on Monday": the day of the statement, not of the attack
                m.time = _time_of({t.i for t in direct}, ents)
            place_scope = place_scope + [t for t in direct if _places_in([t], ents)]
    if tok.pos_ == "VERB" and (doer := _doer(tok)) is not None and norm_lemma(doer) in GROUND_FORCES and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in doer.children):
        m.definite = True  # "the attackers had set fire to dozens of shelters": the attack just told
    attacker_state = ents.state_of(m.attacker)
    m.hints = _sentence_countries(sent, ents) - {attacker_state}
    cands = [(e, r) for e, r in _places_in([t for t in place_scope if t.i not in doer_tokens], ents)
             if not _under_other_attack(e.root, tok)]
    if not cands:
        # the clause around a noun ("... blamed Russia for the attack"): only places after "in", "near"...
        verb = _clause_verb(tok.head if nominal else tok)
        if verb is not None:
            cands = [(e, r) for e, r in _places_in([t for t in _clause_tokens(verb) if t.i not in doer_tokens], ents)
                     if (e.root.dep_ == "pobj" and e.root.head.lower_ in LOCATIVE_PREPS
                         or e.root.head.dep_ == "pobj" and e.root.head.head.lower_ in LOCATIVE_PREPS)
                     and not _under_other_attack(e.root, tok)]
    if not cands:
        # last resort: a place the sentence locates things in ("In the Russian-occupied town of X, officials
        # said a drone hit ...", "a centre sheltering displaced people in Khan Younis")
        own_relcl = {a.i for a in tok.ancestors if a.dep_ in ("relcl", "acl")} | {
            # "abducted 50 women who had gone to gather fruit near the town of X": where the victims were
            r.i for c in tok.children if c.dep_ in ("dobj", "nsubjpass") for r in c.children if r.dep_ == "relcl"}
        cands = [(e, r) for e, r in _places_in([t for t in sent if t.i not in doer_tokens], ents)
                 if _locative(e.root) and _relative_clauses_above(e, ents) <= own_relcl
                 and not _under_other_attack(e.root, tok)]
    if any(c.lower_ in ("city", "town") and any(g.lower_ == "the" for g in c.children)
           for e, _ in cands for n in (e.root, e.root.head) for c in n.children if c.dep_ == "poss"):
        m.place = ents.recent_city(sent.start_char)  # "near the city's Nasser Hospital": in the city
        m.place_country = ents.places[m.place].country if m.place else None
        return m
    m.place, m.place_country = _choose_place(cands, ents)
    if m.place is not None and len(cands) > 1:
        m.also_at = _coordinated_places(cands, m.place, ents)
    if m.place is None and any(t.lower_ in ("city", "town") and any(c.lower_ == "the" for c in t.children)
                               for t in place_scope):
        m.place = ents.recent_city(sent.start_char)  # "on the city's outskirts"
    if m.place is None and m.target and m.target in ents.places:
        m.place, m.place_country = m.target, ents.places[m.target].country
    return m


def _set_target(m: Mention, obj: Token, ents: Entities) -> None:
    phrase = np_span(obj)
    ent = ents.ent_at(obj.i)
    ent = ent if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") else None
    if ent is not None:
        region = ent.end < len(ents.doc) and ents.doc[ent.end].lower_ in ("region", "province", "oblast")
        m.target = ents.place_for(ent, region_hint=region)
        m.target_text = strip_det(phrase).text
        return
    if obj.lemma_.lower() in WEAPONS or obj.pos_ == "PRON":
        return
    actor = ents.actor_for(obj)
    m.target_text = strip_det(phrase).text
    if actor:
        m.target = actor
    else:
        # "a medical clinic in the central Ukrainian city of Dnipro": the place inside the target phrase
        cands = _places_in(list(obj.subtree), ents)
        place, _ = _choose_place(cands, ents)
        m.target = ents.facility(phrase, place)
        if place and m.place is None:
            m.place = place


# ---------------- grouping and coreference ----------------

def _times_compatible(a: TimeRef | None, b: TimeRef | None) -> bool:
    if a is None or b is None:
        return True
    if a.unresolved or b.unresolved:
        return a.text.lower() == b.text.lower()
    if (a.day is None) != (b.day is None):
        return False
    ba, bb = timex.bounds(a), timex.bounds(b)
    if ba is None or bb is None:
        return True
    return ba[0] <= bb[1] and bb[0] <= ba[1]


def _places_compatible(ev: Event, m: Mention, ents: Entities) -> bool:
    if ev.place is None or m.place is None or ev.place == m.place:
        return True
    a, b = ents.places[ev.place], ents.places[m.place]
    if a.kind == "country" or b.kind == "country":
        return a.country == b.country or a.country is None or b.country is None
    if _bare(a.label) == _bare(b.label):
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and _km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:
        return True  # a district and its city ("Kyivskyi" in Kharkiv)
    # an unknown small place (no country) inside a known event's country is compatible only when anaphoric
    return (a.country is None or b.country is None) and m.definite


NEAR_KM = 20.0


def _bare(label: str) -> str:
    """A place name without "region", "province", "oblast": "Belgorod region" → "belgorod"."""
    from kg.gazetteer import fold

    return fold(label).replace(" region", "").replace(" province", "").replace(" oblast", "")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def _types_compatible(ev: Event, m: Mention, strict: bool) -> bool:
    if not m.specific or ev.type == "strike" or ev.type == m.type:
        return True
    return not strict


def _attackers_compatible(ev: Event, m: Mention | Event, ents: Entities) -> bool:
    if ev.attacker is None or m.attacker is None:
        return True
    sa, sb = ents.state_of(ev.attacker), ents.state_of(m.attacker)
    if sa and sb:
        return sa == sb
    return True


def _head_word(text: str | None) -> str | None:
    """The head noun of a target phrase (its last word, without a plural s): "medical clinic" → clinic."""
    words = [w for w in (text or "").lower().split() if w.isalpha()]
    if not words:
        return None
    w = words[-1]
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _recent(ev: Event, published: date | None) -> bool:
    if published is None:
        return True
    b = timex.bounds(ev.time)
    return b is None or b[1] >= published - timedelta(days=3)


RELATIVE_DAYS = [("the same day", 0), ("that same day", 0), ("hours later", 0), ("hours after", 0), ("later that day", 0),
                 ("hours earlier", 0), ("earlier that day", 0), ("a day earlier", -1), ("the day before", -1),
                 ("the previous day", -1), ("a day later", 1), ("the next day", 1), ("the following day", 1)]


def _shared_time(m: Mention, mentions: list[Mention]) -> TimeRef | None:
    """The time a coordinated later clause gives at the end of the sentence for all of them: "a car bomb blew
    up in X, two officers were shot dead in Y and a grenade was thrown in Z, all on Wednesday night"."""
    t = m.trigger
    for o in mentions:
        ot = o.trigger
        if o.time is None or ot.i <= t.i or o.trigger.pos_ != "VERB" or t.pos_ != "VERB":
            continue
        linked = ot.head.i == t.i or t.head.i == ot.i or (ot.dep_ == "conj" and ot.head.i == t.head.i)
        if not linked:
            continue
        at = m.sent.text.find(o.time.text, ot.idx - m.sent.start_char)
        if at >= 0:
            return o.time
    return None


def _take_missing(into: Event | Mention, source: Event | Mention, attrs: tuple[str, ...]) -> None:
    """What ``source`` tells of an attack that ``into`` does not: the arguments it lacks, the weapons it has not."""
    for attr in attrs:
        if getattr(into, attr) is None and getattr(source, attr) is not None:
            setattr(into, attr, getattr(source, attr))
    for code, text in zip(source.instruments, source.instrument_text):
        if code not in into.instruments:
            into.instruments.append(code)
            into.instrument_text.append(text)


RETELLING_WINDOW = 200
"""An account joins an attack last told at most this many sentences earlier. News articles are far shorter, so this
changes nothing for them; in a document of thousands of sentences (a long report let in with --max-chars) it keeps
the comparison of each account with earlier attacks from growing with the whole document."""


class EventBuilder:
    def __init__(self, ents: Entities):
        self.ents = ents
        self.events: list[Event] = []
        self.last_sentence: dict[str, int] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self._made_here: list[tuple[Event, Mention]] = []  # events a sentence has started, with their first mention
        self.headline: set[int] = set()  # indices of the leading sentences written as a headline (no full stop)
        self._from_headline: list[Event] = []  # the events a headline sentence started, in self.events order
        self._event_ids: set[str] = set()
        # Where each registered mention is, kept as mentions are registered, so that the questions claims and counts
        # ask of every sentence do not scan every event (quadratic in a very long article): token → the first
        # event (in self.events order) one of whose mentions covers it; trigger token → (position, order, event,
        # mention). None once settle() has folded events away: then rebuilt on demand.
        self._position: dict[str, int] | None = {}
        self._cover: dict[int, Event] = {}
        self._triggers: dict[int, list[tuple[int, int, Event, Mention]]] = {}
        self._registered = 0

    def evidence(self, m: Mention, confidence: float) -> Evidence:
        return Evidence(text_span(m.trigger), text_span(m.sent), confidence, EXTRACTOR)

    def add_sentence(self, sent: Span, sent_index: int) -> list[Event]:
        if sent_index == len(self.headline) and not sent.text.rstrip().rstrip("\"'”’)").endswith((".", "!", "?")):
            self.headline.add(sent_index)  # "Taliban storm checkpoint in Afghanistan, kill 15 policemen"
        lemmas = norm_lemmas(sent.doc)
        tokens = doccache.columns(sent.doc).tokens
        triggers = [tokens[i] for i in range(sent.start, sent.end)
                    if lemmas[i] in _CANDIDATE_TRIGGERS and _is_trigger(tokens[i], self.ents)]
        mentions = [build_mention(t, sent_index, self.ents) for t in triggers]
        for m in mentions:
            if m.time is None:
                m.time = _shared_time(m, mentions) or self._relative_day(m)
        groups: list[list[Mention]] = []
        for m in mentions:
            verb = _clause_verb(m.trigger)
            for g in groups:
                if m.reference or g[0].reference:
                    continue
                gv = _clause_verb(g[0].trigger)
                linked = any(m.trigger.head.i == x.trigger.i or x.trigger.head.i == m.trigger.i for x in g)
                same_clause = linked or verb is not None and (
                    _same(verb, gv) or verb.i == g[0].trigger.i or _same(gv, m.trigger))
                if same_clause and _times_compatible(g[0].time, m.time) and not self._apart(g[0], m):
                    g.append(m)
                    break
            else:
                groups.append([m])
        touched = []
        self._made_here = []
        elsewhere: dict[str, Mention] = {}
        for g in groups:
            m = self._combine(g)
            touched.append(self._attach(m))
            for key, country in m.also_at:  # "the cities of X, Y and Z": an attack at each, told once
                elsewhere.setdefault(key, replace(m, place=key, place_country=country, also_at=[], others=[],
                                                  tokens=set(m.tokens)))
        for key, clone in elsewhere.items():
            if all(ev.place != key for ev in touched):
                touched.append(self._attach(clone))
        self._made_here = []
        return touched

    def _relative_day(self, m: Mention) -> TimeRef | None:
        """A day told relative to the attack just reported: "on the same day", "hours later", "a day
        earlier" → that attack's day, plus or minus."""
        text = " ".join(self.ents.doc[i].lower_ for i in sorted(m.tokens | {t.i for t in m.sent[:4]}))
        shift = next((d for phrase, d in RELATIVE_DAYS if phrase in text), None)
        if shift is None:
            return None
        dated = [ev for ev in self.events if ev.time is not None and ev.time.day is not None]
        if not dated:
            return None
        last = max(dated, key=lambda ev: self.last_sentence.get(ev.id, -9))
        return TimeRef(next(p for p, _ in RELATIVE_DAYS if p in text), day=last.time.day + timedelta(days=shift))

    def _apart(self, a: Mention, b: Mention) -> bool:
        """Do two mentions of one clause name different places ("a car bomb blew up in X, two officers were
        shot dead in Y"; "the fighting in X and the drone strikes in Y")? Then they are two attacks."""
        if a.place is None or b.place is None or a.place == b.place:
            return False
        pa, pb = self.ents.places[a.place], self.ents.places[b.place]
        if "country" in (pa.kind, pb.kind) or "region" in (pa.kind, pb.kind):
            return False
        return _bare(pa.label) != _bare(pb.label)  # named apart in one sentence: neighbours are still two places

    def _combine(self, g: list[Mention]) -> Mention:
        m = g[0]
        for other in g[1:]:
            if not m.specific and other.specific:
                m.type, m.specific = other.type, True
            _take_missing(m, other, ("attacker", "target", "target_text", "place", "place_country", "time"))
            m.tokens |= other.tokens
        m.others = g[1:]
        return m

    def _vague_place(self, m: Mention) -> bool:
        """No place, or only a country, a region or an unknown area: "in western Ukraine", "in the Gao region"."""
        if m.place is None:
            return True
        p = self.ents.places[m.place]
        return p.kind in ("country", "region") or (p.kind == "place" and p.lat is None and m.place != m.target)

    def _own_report_event(self, m: Mention) -> Event | None:
        """The event a side's account of its own strikes is about, when it names no precise place: the
        attack told so far whose attacker is that side (or unknown), at a compatible time, in the same country.
        "Russia's Defense Ministry said its forces had carried out a group strike on energy facilities"."""
        if not m.self_report or not self._vague_place(m):
            return None
        sb = self.ents.state_of(m.attacker)
        mine = self.ents.actors.get(m.attacker)
        country = self.ents.places[m.place].country if m.place else None
        same_day, same_side = [], []
        for ev in self.events:
            if not _times_compatible(ev.time, m.time) or not _types_compatible(ev, m, strict=True):
                continue
            if country and ev.place and self.ents.places[ev.place].country not in (None, country):
                continue
            exact = m.time is not None and ev.time is not None and timex.bounds(ev.time) == timex.bounds(m.time)
            if ev.attacker is None or ev.attacker == m.attacker:
                (same_day if exact else same_side).append(ev)
                continue
            sa = self.ents.state_of(ev.attacker)
            theirs = self.ents.actors.get(ev.attacker)
            if sa and sb and sa == sb:
                (same_day if exact else same_side).append(ev)
            elif sa is None and exact and theirs is not None and mine is not None and theirs.kind == mine.kind:
                same_day.append(ev)  # "accused the army of killing ... on Thursday" / "the Malian army said ..."
        if same_day:
            return same_day[-1]
        return same_side[-1] if same_side and m.time is None else None

    def _attach(self, m: Mention) -> Event:
        published = self.ents.document.published
        own = self._own_report_event(m)
        if own is not None:
            self._merge_into(own, m)
            return own
        apart = {ev.id for ev, first in self._made_here if self._apart(first, m)}
        cands = [
            ev for ev in self.told_since(m.sent_index - RETELLING_WINDOW)
            if ev.id not in apart and _times_compatible(ev.time, m.time) and _places_compatible(ev, m, self.ents)
            and _attackers_compatible(ev, m, self.ents) and (
                _types_compatible(ev, m, strict=not m.definite) or self._same_sortie(ev, m))
        ]
        if m.place is not None and self.ents.places[m.place].country is None:
            # an unknown small place ("the village of Kozinka") only continues the story just told
            cands = [ev for ev in cands if self.last_sentence.get(ev.id, -9) >= m.sent_index - 1]
        anaphoric = self._continues(m, cands)
        if m.place is not None and self.ents.places[m.place].kind != "country":
            here = [ev for ev in cands if ev.place == m.place]
            if here:
                cands = here  # "the drone strike in Kosti" is the Kosti attack, however recent another one is
        if cands and anaphoric:
            hinted = [ev for ev in cands if ev.place and self.ents.places[ev.place].country in m.hints]
            if hinted and m.place is None:
                cands = hinted
            same_target = [ev for ev in cands if _head_word(ev.target_text) and _head_word(ev.target_text) == _head_word(m.target_text)]
            if m.definite and same_target:
                cands = same_target  # "it had targeted the base" → the attack on "a base"
            recent = [ev for ev in cands if _recent(ev, published)]
            prev = [ev for ev in recent if self.last_sentence.get(ev.id, -9) >= m.sent_index - 1]
            ev = prev[-1] if prev else (recent[0] if recent else cands[-1])
            self._merge_into(ev, m)
            return ev
        told = self._headline_event(m)
        if told is not None:
            self._merge_into(told, m)
            return told
        ev_id = f"{m.trigger.idx}-{m.trigger.idx + len(m.trigger.text)}"
        taken = self._event_ids
        if ev_id in taken:  # one word telling attacks at several places: "the villages of X and Y"
            ev_id = next(f"{ev_id}-{n}" for n in range(2, len(taken) + 3) if f"{ev_id}-{n}" not in taken)
        ev = Event(
            id=ev_id,
            type=m.type,
            evidence=self.evidence(m, 0.8 if m.specific else 0.6),
        )
        self.events.append(ev)
        self._event_ids.add(ev.id)
        if m.sent_index in self.headline:
            self._from_headline.append(ev)
        self._made_here.append((ev, m))
        self._merge_into(ev, m)
        return ev

    def _headline_event(self, m: Mention) -> Event | None:
        """The attack a headline announced, when the story's first account of a compatible attack comes: the
        headline "Taliban storm checkpoint in Afghanistan" and the lead "the Taliban had stormed a checkpoint in
        northern Kunduz province" are one event, placed where the lead says."""
        if m.sent_index in self.headline:
            return None
        for ev in self._from_headline:  # only an attack first told in a headline can be a headline's attack
            told = self.mentions.get(ev.id, [])
            if not told or any(x.sent_index not in self.headline for x in told):
                continue
            if not (_times_compatible(ev.time, m.time) and _attackers_compatible(ev, m, self.ents)):
                continue
            if ev.place is None or m.place is None or ev.place == m.place or self._contains(ev.place, m.place):
                return ev
        return None

    def _contains(self, outer: str, inner: str) -> bool:
        """Is ``outer`` a country or region that ``inner``, a more precise place, may lie in?"""
        po, pi = self.ents.places[outer], self.ents.places[inner]
        if po.kind not in ("country", "region") or PLACE_RANK.get(pi.kind, 1) >= PLACE_RANK[po.kind]:
            return False
        if _bare(po.label) == _bare(pi.label):
            return False  # "the Belgorod region" and "Belgorod": which one the text means is not for us to narrow
        return po.country is None or pi.country is None or po.country == pi.country

    def _same_sortie(self, ev: Event, m: Mention) -> bool:
        """A drone strike and an air strike told at the same named town with no other day are one attack told by two
        sides: "a drone struck a market in X", "the army said the air force had struck militia gatherings in X"
        (drones are aircraft; the side that flew it names its air force)."""
        if {ev.type, m.type} != {"air_strike", "drone_strike"} or m.place is None or ev.place != m.place:
            return False
        if self.ents.places[m.place].kind in ("country", "region"):
            return False
        return m.time is None or (ev.time is not None and timex.bounds(ev.time) == timex.bounds(m.time))

    def _same_area(self, a: str | None, b: str | None) -> bool:
        """The same place, or a district and its city (same name, or within NEAR_KM)."""
        if a is None or b is None:
            return False
        if a == b:
            return True
        pa, pb = self.ents.places[a], self.ents.places[b]
        if "country" in (pa.kind, pb.kind):
            return False
        if _bare(pa.label) == _bare(pb.label):
            return True  # "Belgorod" and "Belgorod region"
        return None not in (pa.lat, pa.lon, pb.lat, pb.lon) and _km(pa.lat, pa.lon, pb.lat, pb.lon) <= NEAR_KM

    def _continues(self, m: Mention, cands: list[Event]) -> bool:
        """Does a mention continue the story of one of the compatible events rather than start a new one?"""
        if m.definite:  # "the attack", "the districts had been hit"
            return True
        if m.time is None and (m.place is None or any(self._same_area(ev.place, m.place) for ev in cands)):
            return True  # nothing new: no time of its own, no other place
        if m.place is None:
            return False
        for ev in cands:
            if ev.place is None:
                continue
            if m.attacker and ev.attacker and self.ents.state_of(ev.attacker) == self.ents.state_of(m.attacker) is not None:
                return True  # the same side attacking the same area, at a compatible time
            if m.time and timex.bounds(ev.time) == timex.bounds(m.time):
                return True  # same place, same day: the same attack told again
            if m.time and ev.time is None and ev.place == m.place:
                return True  # the first dated mention of an undated event
        return False

    def _merge_into(self, ev: Event, m: Mention) -> None:
        if ev.type == "strike" and m.specific:
            ev.type = m.type
        if ev.place is not None and m.place is not None and self._contains(ev.place, m.place):
            ev.place = m.place  # the most precise place any account of the attack names
        _take_missing(ev, m, ("attacker", "target", "target_text", "place", "time"))
        for mm in (m, *m.others):
            ts = text_span(mm.trigger)
            if ts not in ev.mentions:
                ev.mentions.append(ts)
        self.last_sentence[ev.id] = m.sent_index
        self.mentions.setdefault(ev.id, []).append(m)
        if self._position is not None:
            self._index(ev, m)

    def _index(self, ev: Event, m: Mention) -> None:
        pos = self._position.setdefault(ev.id, len(self._position))
        for i in (*m.tokens, m.trigger.i):
            held = self._cover.get(i)
            if held is None or self._position[held.id] > pos:
                self._cover[i] = ev
        for mm in (m, *m.others):
            self._registered += 1
            self._triggers.setdefault(mm.trigger.i, []).append((pos, self._registered, ev, mm))

    def _reindex(self) -> None:
        """The indexes from scratch, in self.events order (after settle() folded events away)."""
        self._position, self._cover, self._triggers, self._registered = {}, {}, {}, 0
        for ev in self.events:
            for m in self.mentions.get(ev.id, []):
                self._index(ev, m)

    def mentions_triggered_in(self, idx: set[int]) -> list[tuple[Event, Mention]]:
        """(event, mention) pairs — mentions and the mentions combined with them — whose trigger is in ``idx``, in
        the order of self.events, then of registration."""
        if self._position is None:
            self._reindex()
        found = sorted(entry for i in idx for entry in self._triggers.get(i, ()))
        return [(ev, mm) for _, _, ev, mm in found]

    def settle(self) -> dict[str, str]:
        """Fold each attack told with no place into the placed attack it retells, once the whole story is read:
        "The soldiers attacked rebels while they were doing mundane chores" after "troops raided a rebel camp in
        X". The placed attack must be compatible in type, time and attacker; the nearest one told before wins,
        else the first after. Returns {folded event id: the id it was folded into}."""
        folded = self._fold_headlines()
        for ev in list(self.events):
            if ev.place is not None:
                continue
            cands = [o for o in self.events if o.place is not None  # folded events have none: never a target
                     and (ev.time is None or o.time is not None and timex.bounds(o.time) == timex.bounds(ev.time))
                     and _attackers_compatible(o, ev, self.ents)
                     and (o.type == ev.type or "strike" in (o.type, ev.type))]
            if not cands:
                continue
            first = ev.mentions[0].start if ev.mentions else ev.evidence.span.start
            before = [o for o in cands if o.mentions and o.mentions[0].start < first]
            into = before[-1] if before else cands[0]
            self._fold(ev, into)
            folded[ev.id] = into.id
        return folded

    def _fold_headlines(self) -> dict[str, str]:
        """Fold the attack a headline tells into the first attack the story itself tells, when nothing says they
        differ (time, country, attacker): a headline summarises its lead ("Senior officer killed in Lower Shabelle
        after Al Shabaab attack on Somali base" over "Al Shabaab militants targeted a military base near Buslee on
        Saturday"), often with a vaguer place, a looser word for the attack and no day. An attack the story goes on
        telling before any other is the lead's attack already."""
        told = {ev.id: sorted(x.sent_index for x in self.mentions.get(ev.id, [])) for ev in self.events}
        body = [(min(i for i in told[ev.id] if i not in self.headline), n, ev) for n, ev in enumerate(self.events)
                if any(i not in self.headline for i in told[ev.id]) and told[ev.id][0] not in self.headline]
        if not body:
            return {}
        first, _, lead = min(body, key=lambda x: x[:2])
        folded: dict[str, str] = {}
        for ev in list(self.events):
            if not told[ev.id] or told[ev.id][0] not in self.headline:
                continue
            if any(i not in self.headline and i < first for i in told[ev.id]):
                continue
            if not (_times_compatible(lead.time, ev.time) and _attackers_compatible(lead, ev, self.ents)
                    and self._same_country(ev.place, lead.place)):
                continue
            lead.place = lead.place or ev.place  # the lead's place, however vague: a headline's is a summary
            self._fold(ev, lead)
            folded[ev.id] = lead.id
        return folded

    def _same_country(self, a: str | None, b: str | None) -> bool:
        ca = self.ents.places[a].country if a else None
        cb = self.ents.places[b].country if b else None
        return ca is None or cb is None or ca == cb

    def _fold(self, ev: Event, into: Event) -> None:
        if into.type == "strike" and ev.type != "strike":
            into.type = ev.type
        _take_missing(into, ev, ("attacker", "target", "target_text", "time"))
        for kind, count in ev.counts.items():
            into.counts.setdefault(kind, count)
        into.mentions.extend(sp for sp in ev.mentions if sp not in into.mentions)
        self.mentions.setdefault(into.id, []).extend(self.mentions.pop(ev.id, []))
        self.events.remove(ev)
        self._event_ids.discard(ev.id)
        self._position = None  # positions moved: the indexes are rebuilt when next asked

    def told_since(self, sent_index: int) -> list[Event]:
        """The events last told in sentence ``sent_index`` or later, in self.events order."""
        return [ev for ev in self.events if self.last_sentence.get(ev.id, -9) >= sent_index]

    def event_for_token(self, tok: Token) -> Event | None:
        """The event whose mention covers a token (for claims and counts): the first, in self.events order."""
        if self._position is None:
            self._reindex()
        return self._cover.get(tok.i)

    def touch(self, ev: Event, sent_index: int) -> None:
        """A claim or count in this sentence was about ``ev``: it is the event under discussion."""
        self.last_sentence[ev.id] = max(self.last_sentence.get(ev.id, -9), sent_index)

    def salient(self, sent_index: int) -> Event | None:
        """The event a sentence without its own trigger most likely talks about."""
        if not self.events:
            return None
        published = self.ents.document.published
        # the last event told in this sentence or the one before; else the first recent one (each found without
        # listing all the others: this is asked for every claim and count)
        prev = next((ev for ev in reversed(self.events) if self.last_sentence.get(ev.id, -9) >= sent_index - 1), None)
        if prev is not None:
            return prev
        return next((ev for ev in self.events if _recent(ev, published)), self.events[0])
