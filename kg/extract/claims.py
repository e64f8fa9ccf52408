"""Claims: responsibility, accusation, denial, report and threat, with speaker, event and accused.

Cue verbs ("blamed", "accused", "denied", "vowed", "claimed") decide the kind
directly; reporting verbs ("said", "wrote", "told") are classified by what
their complement says: an attack by the speaker's own side is a
responsibility claim, an attack by another actor an accusation, casualties or
an attack without an attacker a report.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract import doccache
from kg.gazetteer import KNOWN_ARMED_GROUPS as KNOWN_GROUPS
from kg.extract.entities import (GENERIC_SPEAKERS, IT_PRONOUNS, ORG_NOUNS, PRONOUNS, Entities, np_span,
                                 text_span)
from kg.extract.events import RETELLING_WINDOW, EventBuilder, plural_anaphor
from kg.model import Claim, Evidence

EXTRACTOR = "kg.claims.v1"

SAY = {"say", "tell", "report", "write", "announce", "state", "add", "confirm", "declare", "insist", "allege"}
ACCUSE = {"blame", "accuse"}
DENY = {"deny", "reject", "dismiss", "refute"}
THREAT = {"vow", "threaten", "warn", "pledge", "promise"}
ADMIT = {"acknowledge", "admit"}
CUE_VERBS = ACCUSE | DENY | THREAT | {"claim"} | ADMIT | SAY  # the verbs add_sentence looks at
HEDGES = {"may", "might", "could", "apparent", "apparently", "reportedly", "allegedly", "possibly", "likely",
          "suspected", "believed", "alleged", "unconfirmed", "purportedly", "probably", "presumably"}
QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
STRENGTH = {"responsibility": 3, "accusation": 3, "denial": 3, "threat": 2, "report": 1}


ATTACK_WORDS = {"attack", "strike", "shelling", "bombing", "shell", "bomb", "target", "kill", "death", "hit", "crime",
                "atrocity", "abduction", "kidnapping",
                "explosion", "blast", "raid", "assault", "massacre", "incursion", "airstrike", "fire", "killing"}
PERPETRATORS = {"attacker", "gunman", "assailant", "bomber", "militant", "kidnapper", "abductor", "perpetrator",
                "fighter", "raider", "shooter", "culprit"}
ATTACK_VERBS = {"shell", "bomb", "fire", "launch", "carry", "conduct", "target", "murder", "massacre", "execute",
                "abduct", "kidnap", "ambush", "storm", "raid", "wound", "injure", "destroy", "shoot", "use", "stage",
                "orchestrate", "plan", "mastermind", "order", "perpetrate", "commit", "be"}
REPORT_WORDS = {"shoot", "building", "facility", "site", "body", "rubble", "dead", "death", "casualty", "wound", "injure", "kill", "hospital", "rescuer",
                "rescue", "search", "destroy", "damage", "missing", "unaccounted", "toll", "victim", "survivor",
                "debris", "blaze", "evacuate", "intercept", "hurt", "wounded", "injured", "killed"}
ANAPHORIC_ATTACKS = {"attack", "strike", "bombing", "ambush", "raid", "assault", "explosion", "blast", "shelling",
                     "incursion", "killing", "massacre"}
THREAT_WORDS = {"response", "retaliation", "retaliate", "revenge", "strike", "attack", "respond", "punish", "avenge",
                "hit", "destroy", "consequence", "war", "force", "hunt", "neutralise", "neutralize", "answer",
                "unanswered", "action", "crush", "eliminate", "pay", "price", "offensive", "hesitate", "fight",
                "decisive"}
# a future act of force by an armed side: "the army would pursue them", "his forces would enter the city",
# "Ukraine would keep striking", "would launch operations to flush them out"
FORCE_VERBS = {"strike", "attack", "hit", "target", "pursue", "hunt", "retaliate", "crush", "eliminate", "destroy",
               "punish", "avenge", "enter", "wipe", "flush", "storm", "bomb", "shell", "fight", "act", "launch",
               "take", "expand", "intensify", "escalate", "step", "carry", "conduct", "mount", "retake", "continue",
               "keep"}
LIGHT_FORCE = {"launch", "take", "expand", "intensify", "escalate", "step", "carry", "conduct", "mount", "continue",
               "keep"}
FORCE_OPS = {"operation", "offensive", "attack", "strike", "war", "battle", "fight", "campaign", "raid", "assault",
             "action", "fighting", "bombardment"}
FORCE_SUBJECTS = {"army", "military", "force", "troop", "soldier", "fighter", "man", "police", "navy", "militia",
                  "government", "we", "group", "movement", "brigade", "unit"}
AMBIGUOUS_THREAT = {"strike", "attack", "action", "force", "war"}  # "controllers will stage a strike"
DENIED_ACTS = {"fire", "carry", "launch", "conduct", "attack", "strike", "target", "shell", "bomb", "open", "stage",
               "mount", "hit"}
INSTITUTION_HEADS = {"government", "army", "military", "regime", "police", "navy", "junta", "administration"}
SELF_WORDS = {"it", "its", "we", "our", "us", "they", "their"}


def _own_forces(trigger: Token) -> bool:
    """Is the attack done by forces the text does not attribute to anyone else: "military warplanes
    bombed", "air strikes killed", "troops advanced"?  A passive with no doer ("rockets were fired at a
    base") says nothing about whose they were."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        phrase = list(trigger.subtree)
        has_means = any(w.lemma_.lower() in OWN_MEANS for w in phrase)
        # who the words attribute it to: its modifiers ("Russian air strikes") and a "by" phrase, not the places
        # it was carried out in ("airstrikes carried out in the Tumbuns area in Borno State")
        phrase = [w for w in phrase if w.i <= trigger.i] + [
            w for c in trigger.subtree if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
            for w in c.subtree]
    else:
        doers = [c for c in trigger.children if c.dep_ in ("nsubj", "agent")]
        phrase = [w for d in doers for w in d.subtree]
        has_means = any(w.lemma_.lower() in OWN_MEANS for w in phrase)
    return has_means and not any(w.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") for w in phrase)


OWN_MEANS = {"air", "airstrike", "warplane", "jet", "aircraft", "helicopter", "drone", "troop", "soldier", "force",
             "artillery", "military", "army", "navy", "officer", "police", "policeman"}


REACTIONS = {"alarm", "alarmed", "concern", "concerned", "shock", "shocked", "appal", "appalled", "sadden",
             "saddened", "outrage", "outraged", "horrify", "horrified", "dismay", "dismayed", "condemn", "deplore",
             "denounce", "disturb", "disturbed", "worry", "worried"}
OWN_ACTS = {"eliminate", "kill", "target", "strike", "hit", "neutralise", "neutralize", "destroy", "take", "seize",
            "capture", "overrun", "storm", "attack", "plant", "detonate", "shell", "bomb"}

ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "commander", "official", "leader", "member", "source"}


def named_in(subj: Token) -> Token:
    """The name inside a described speaker: "the group known as JNIM", "a group calling itself the
    Islamic Resistance in Iraq", "Hamas's armed wing, the Al-Qassam Brigades", "the spokesman, Lt. Col. X"."""
    acronym = _acronym(subj)
    if subj.pos_ == "PROPN" and subj.ent_type_ in ("ORG", "PERSON") and not (
            acronym is not None and acronym.lower_ in KNOWN_GROUPS):
        return subj  # "Hayat Tahrir al-Sham (HTS), the dominant rebel group": already a name
    # "a spokesman for the group, who gave his name as Abu Amir" (the clause may hang on "the group")
    for c in [*subj.children, *(g for p in subj.children if p.dep_ == "prep" and p.lower_ == "for"
                                for g in p.children if g.dep_ == "pobj")]:
        if c.dep_ in ("relcl", "pobj") and subj.lower_ in ROLE_NOUNS:
            for r in [c] if c.dep_ == "relcl" else [r for r in c.children if r.dep_ == "relcl"]:
                if r.lemma_.lower() in ("give", "identify"):
                    name = next((g for t in r.subtree if t.lower_ == "as" for g in t.children
                                 if g.dep_ == "pobj" and g.ent_type_ == "PERSON"), None)
                    if name is not None:
                        return name
    for c in subj.children:
        if c.dep_ == "appos" and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN"):
            return c
        if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name"):
            for g in c.subtree:
                if g.i > c.i and g.ent_type_ in ("ORG", "PERSON", "NORP") and g.pos_ == "PROPN":
                    return _entity_of(g).root
    return subj


def _name_words(label: str) -> list[str]:
    return [w for w in re.split(r"[\s()\-]+", label.lower()) if w and w not in ("the", "group", "fighters", "s")]


# News services that other outlets credit for a quote ("X said ..., Reuters reported"): they relay, X speaks.
WIRES = {"reuters", "afp", "agence france-presse", "ap", "associated press", "xinhua", "apa", "dpa", "efe", "ani",
         "pti", "anha", "bbc", "cnn", "al jazeera", "al-jazeera", "irna", "sana", "tass", "anadolu", "wafa",
         "ukrinform", "interfax", "ria novosti", "kcna", "menafn", "bernama", "yonhap"}


def _credits_a_wire(verb: Token) -> bool:
    """Is the subject of a verb of saying a news service ("Reuters reported", "Xinhua said")?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    name = " ".join(t.lower_ for t in subj.subtree if t.dep_ != "det" and not t.is_punct)
    return name in WIRES or subj.lower_ in WIRES and subj.ent_type_ == "ORG"


def _entity_of(tok: Token):
    """The entity span a token is in, found from its IOB tags (``Doc.ents`` builds every entity of the document
    each time it is read: in a long article, each call would cost a pass over all of them)."""
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _acronym(subj: Token) -> Token | None:
    """The bracketed short name of a speaker: "the Baloch Liberation Army (BLA)" → BLA."""
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > 0 and subj.doc[c.i - 1].text == "("
                 and c.text.isupper() and len(c.text) >= 2), None)


def _anaphoric_attack(tokens) -> Token | None:
    """A definite attack noun ("the attack", "that bombing", "this strike") among tokens."""
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in ANAPHORIC_ATTACKS and any(
                c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in t.children):
            return t
    return None


def _any_attack(tokens) -> Token | None:
    """An attack noun under "any" or "no" ("did not carry out any attack"), for denials."""
    for t in tokens:
        if t.pos_ == "NOUN" and t.lemma_.lower() in ANAPHORIC_ATTACKS and any(
                c.dep_ == "det" and c.lower_ in ("any", "no") for c in t.children):
            return t
    return None


def _attack_words(tokens) -> bool:
    return any(t.lemma_.lower() in ATTACK_WORDS for t in tokens)


class ClaimBuilder:
    def __init__(self, ents: Entities, events: EventBuilder):
        self.ents = ents
        self.events = events
        self.claims: list[Claim] = []
        self._said: dict[tuple, list[Claim]] = {}  # (speaker, event id) → its claims, in self.claims order
        self._ids: set[str] = set()
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.sent_index = 0
        self.speaker_words: dict[str, str] = {}
        self._fanning = False

    # ----- helpers -----
    def _speaker(self, verb: Token) -> str | None:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        # "the head of the regional administration Sergiy Lysak wrote": prefer the named one
        subj = next((c for c in subjects if c.ent_type_ == "PERSON"), subjects[0] if subjects else None)
        if subj is None and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and \
                verb.head.head.lemma_.lower() in SAY:
            # "the army said its aircraft had struck ... but denied hitting the market": the parse hangs the
            # second verb on the reported clause; its subject is the one who spoke
            return self._speaker(verb.head.head)
        if subj is None and verb.head.i != verb.i and (
                (verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.lemma_.lower() in SAY | ACCUSE | DENY | THREAT)
                or (verb.dep_ == "conj" and verb.head.pos_ == "VERB")):  # "ordered an inquiry and vowed to ..."
            return self._speaker(verb.head)
        if subj is None and verb.dep_ == "ROOT" and verb.lemma_.lower() in SAY:
            subj = self._orphan_subject(verb)
        if subj is None or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
            return None  # "No group immediately claimed responsibility"
        if subj.lower_ in PRONOUNS:
            return self.last_person
        if subj.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
            return self.ents.actor_for(verb.head)  # "the army, which blamed Rwanda"
        if subj.lower_ in IT_PRONOUNS:
            return self.last_group  # "It vowed that ..." after the ministry spoke
        if subj.lemma_.lower() in ("statement", "communique", "communiqué") and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
            return self.last_group  # "The statement warned ..." after "the ministry said in a statement"
        described = subj
        subj = self._owner(named_in(subj))
        key = self.ents.actor_for(subj)
        if key is None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in ("claims", "report", "reports", "statement"):
            key = self.ents.speaker_for(subj)  # "Syrian state media reported": any named or described source
        if key is not None and subj.i == described.i and not self.ents.is_named(key) and subj.pos_ == "NOUN" \
                and self.ents.actors[key].kind != "person" and len(np_span(subj)) <= 2 \
                and any(c.lower_ in ("the", "this") for c in subj.children) and subj.lower_ not in INSTITUTION_HEADS:
            key = self._named_before(subj) or key  # "the ministry" after "Niger's defence ministry"
        acronym = _acronym(subj) if subj.i == described.i else None
        if key is not None and acronym is not None and acronym.text not in self.ents.actors[key].label and (
                key.startswith(self.ents.key)):
            # known by both: "Hayat Tahrir al-Sham (HTS)"; a node other documents share keeps its one name
            self.ents.actors[key].label = f"{self.ents.actors[key].label} ({acronym.text})"
        if key is not None:
            if self.ents.actors[key].kind == "person":
                self.last_person = key
                # "Maj. Gen. Zaw Min Tun, the military government's spokesperson": what the text calls them
                self.speaker_words[key] = " ".join(t.text for t in described.subtree)
            else:
                self.last_group = key
        return key

    @staticmethod
    def _orphan_subject(verb: Token) -> Token | None:
        """The speaker the parse hung elsewhere, right before the verb: "..., wounding a woman, Lebanon's
        state-run National News Agency reported" (taken as an apposition), "the governor of the region,
        Vasily Golubev, said" (the name hung on an earlier noun)."""
        doc = verb.doc
        prev = doc[verb.i - 1] if verb.i > verb.sent.start else None
        if prev is not None and prev.text == "," and prev.i > verb.sent.start:
            prev = doc[prev.i - 1]
        if prev is None or prev.pos_ not in ("PROPN", "NOUN") or prev.dep_ in ("nsubj", "nsubjpass"):
            return None
        if prev.ent_type_ in ("PERSON", "ORG") or prev.lower_ in ORG_NOUNS | GENERIC_SPEAKERS:
            return prev
        return None

    def _named_before(self, subj: Token) -> str | None:
        """The fuller name a bare "the ministry", "the division" had earlier in the text ("the army's 6th
        Infantry Division", "the defence ministry"): the latest such phrase."""
        doc = subj.doc
        for i in range(subj.i - 1, max(subj.i - 400, -1), -1):
            t = doc[i]
            if t.lower_ != subj.lower_ or len(np_span(t)) <= 2 and not any(
                    c.dep_ in ("compound", "amod", "poss") for c in t.children):
                continue
            key = self.ents.actor_for(t) or (self.ents.speaker_for(t) if t.pos_ == "PROPN" else None)
            if key is not None and self.ents.actors[key].kind != "person":
                return key
        return None

    def _owner(self, subj: Token) -> Token:
        """Who a part speaks for: "Fano's command in X said" → Fano; "a source in Ukraine's SBU security service
        told" → the service."""
        if subj.lower_ not in ("command", "leadership", "source", "sources"):
            return subj
        poss = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if poss is not None:
            return poss
        within = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ in ("in", "within", "inside", "at")
                       for g in c.children if g.dep_ == "pobj" and g.ent_type_ in ("ORG", "NORP", "")
                       and g.pos_ in ("NOUN", "PROPN") and g.ent_type_ != "GPE"), None)
        if within is not None and (within.ent_type_ == "ORG" or any(t.ent_type_ == "ORG" for t in within.subtree)):
            return within
        return subj

    def _content(self, verb: Token) -> list[Token]:
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl", "conj", "dobj", "prep", "npadvmod")]
        toks = {t for c in comps for t in c.subtree}
        if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.i < verb.i and self._trailing(verb):
            # "Two men were killed when a drone struck their car, the ministry said": the parse made the
            # reporting clause a conjunct of what it reports
            skip = {t.i for t in verb.subtree}
            toks |= {t for t in verb.sent if t.i not in skip}
        if verb.dep_ == "ROOT":
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            skip = {t.i for t in subj.subtree} if subj is not None else set()
            toks |= {t for t in verb.sent if t.i not in skip and t.i != verb.i}
        return sorted(toks, key=lambda t: t.i)

    @staticmethod
    def _trailing(verb: Token) -> bool:
        """Is a conjunct verb a reporting clause set off by a comma ("..., the ministry said"), not a second
        act joined by "and" ("the army shelled the town and said ...")?"""
        start = min(t.i for t in verb.subtree)
        return start > verb.sent.start and verb.doc[start - 1].text == "," and not any(
            c.dep_ == "cc" for c in verb.children) and not any(
            c.dep_ == "cc" and c.i > verb.head.i and c.i < start for c in verb.head.children)

    def _hedged(self, verb: Token, content: list[Token]) -> bool:
        return any(t.lower_ in HEDGES for t in list(content) + [verb] + list(verb.children))

    def _negated(self, tokens: list[Token]) -> bool:
        return any(t.dep_ == "neg" for t in tokens)

    def _quote(self, sent: Span, content: list[Token]) -> str | None:
        m = QUOTE.search(doccache.span_text(sent))
        if m:
            return m.group(1).strip()
        if content:
            return sent.doc[content[0].i : content[-1].i + 1].text.strip(" ,.\n\t")
        return None

    def _mentions_in(self, tokens: list[Token]):
        """(event, mention) pairs whose trigger is among ``tokens``, in text order."""
        found = [(mm.trigger.i, ev, mm) for ev, mm in self.events.mentions_triggered_in({t.i for t in tokens})]
        # "Hours after the bombing, fighters attacked a base": the attack that only dates the clause comes last
        for _, ev, mm in sorted(found, key=lambda f: (f[2].reference, f[0])):
            yield ev, mm

    def _add(self, kind: str, speaker: str | None, cue: Token, *, event=None, accused=None,
             hedged=False, negated=False, quote=None, confidence=0.7) -> None:
        if speaker is None:
            return
        if event is not None and not self._fanning:
            many = self._plural_events(cue)
            if many:
                # "blamed both attacks on X", "denied involvement in either attack": one claim for each
                self._fanning = True
                try:
                    for ev in many:
                        self._add(kind, speaker, cue, event=ev, accused=accused, hedged=hedged, negated=negated,
                                  quote=quote, confidence=confidence)
                finally:
                    self._fanning = False
                return
        ev_id = event.id if event is not None else None
        said = self._said.setdefault((speaker, ev_id), [])
        for c in said:
            same_sentence = c.evidence.sentence == text_span(cue.sent)
            if c.kind == kind or (STRENGTH[c.kind] > STRENGTH[kind] and kind == "report" and same_sentence):
                return  # one claim per kind, speaker and event; a report inside an accusation is part of it
            if c.kind == "report" and STRENGTH[kind] > 1 and c.evidence.sentence == text_span(cue.sent):
                self.claims.remove(c)  # "said X struck ... and reported no casualties": one claim
                said.remove(c)
                self._ids.discard(c.id)
                break
        sent = cue.sent
        if event is not None:
            self.events.touch(event, self.sent_index)
            if event.attacker is None:  # known from now on, so later mentions by the same side merge
                event.attacker = speaker if kind == "responsibility" else accused if kind == "accusation" else None
        cid = f"{cue.idx}-{cue.idx + len(cue.text)}"
        if cid in self._ids:  # one statement about several events ("blamed both attacks"): one claim node each
            cid = next(f"{cid}-{n}" for n in range(2, 99) if f"{cid}-{n}" not in self._ids)
        claim = Claim(
            id=cid, kind=kind, speaker=speaker,
            evidence=Evidence(text_span(cue), text_span(sent), confidence, EXTRACTOR),
            event=ev_id, accused=accused, hedged=hedged, negated=negated, quote=quote,
        )
        self.claims.append(claim)
        said.append(claim)
        self._ids.add(cid)

    def _plural_events(self, cue: Token) -> list:
        """The events a plural reference in a claim's clause stands for ("both attacks", "the three
        attacks"): the ones under discussion most recently, in the order they were told."""
        n = next((k for t in cue.subtree if (k := plural_anaphor(t))), None)
        if n is None or len(self.events.events) < 2:
            return []
        order = {ev.id: i for i, ev in enumerate(self.events.events)}
        latest = sorted(self.events.events, key=lambda ev: (self.events.last_sentence.get(ev.id, -9), order[ev.id]))[-n:]
        return sorted(latest, key=lambda ev: order[ev.id])

    # ----- per sentence -----
    def add_sentence(self, sent: Span, sent_index: int, counts_events: list) -> None:
        self.sent_index = sent_index
        cols = doccache.columns(sent.doc)
        for i in range(sent.start, sent.end):
            lemma = cols.lemma[i]
            if lemma not in CUE_VERBS or (
                    cols.pos[i] not in ("VERB", "AUX") and cols.tag[i] not in ("VBD", "VBN", "VBG")):
                continue
            tok = cols.tokens[i]
            if lemma in ACCUSE:
                self._accuse(tok, sent_index)
            elif lemma in DENY:
                self._deny(tok, sent_index)
            elif lemma in THREAT:
                self._threat(tok)
            elif lemma == "claim":
                self._claim(tok, sent_index, counts_events)
            elif lemma in ADMIT:
                self._say(tok, sent_index, counts_events, admit=True)
            elif lemma in SAY:
                self._say(tok, sent_index, counts_events)
        for i in range(sent.start, sent.end):
            if cols.lower[i] == "according" and i + 1 < len(cols.lower) and cols.lower[i + 1] == "to":
                self._according(cols.tokens[i], sent_index, counts_events)
        for ent in self.ents.ents_in(sent):
            # "he" in the next sentence is the person this one is about: its subject, not any name it mentions
            # ("Chérizier, ... who leads Viv Ansanm, denied ... He warned")
            if ent.label_ == "PERSON" and (ent.root.dep_ in ("nsubj", "nsubjpass") or (
                    ent.root.dep_ == "appos" and ent.root.head.dep_ in ("nsubj", "nsubjpass"))):
                self.last_person = self.ents.person(ent.text, ent)

    def _accuse(self, verb: Token, sent_index: int) -> None:
        speaker = self._speaker(verb)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        preps = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over") for t in c.subtree]
        if not preps and obj is not None:  # "accused the group of smuggling charcoal" parsed with "of" on the object
            preps = [t for c in obj.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over") for t in c.subtree]
        accused = self.ents.actor_for(obj) if obj is not None else None
        found = next(self._mentions_in(preps), None)
        if obj is not None and found is None and (self.events.event_for_token(obj) is not None or (
                plural_anaphor(obj) and self.events.salient(sent_index) is not None)):
            # "blamed that attack on Islamic State sleeper cells", "blamed both attacks on X"
            on = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"
                       for g in c.children if g.dep_ == "pobj"), None)
            found = (self.events.event_for_token(obj) or self.events.salient(sent_index), None)
            accused = self.ents.actor_for(on) if on is not None else None
        gerund = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ in ("pcomp", "pobj") and (g.pos_ == "VERB" or g.tag_ == "VBG")),
                      None)
        if found is None and gerund is not None and gerund.lemma_.lower() not in ATTACK_WORDS | ATTACK_VERBS:
            return  # "accused the group of extorting taxes", "of ignoring warnings that an attack was coming"
        event = found[0] if found else None
        if event is None and (not preps or _attack_words(preps)):
            event = self.events.salient(sent_index)  # "He blamed Ukrainian forces." / "accused Kyiv of striking ..."
        if event is None:
            return  # blamed for something that is not an attack
        self._add("accusation", speaker, verb, event=event, accused=accused,
                  hedged=self._hedged(verb, preps), negated=self._negated([verb, *verb.children]),
                  quote=self._quote(verb.sent, preps), confidence=0.8)

    def _deny(self, verb: Token, sent_index: int) -> None:
        speaker = self._speaker(verb)
        content = [t for c in verb.children if c.dep_ not in ("nsubj", "punct", "aux") for t in c.subtree]
        found = next(self._mentions_in(content), None)
        event = found[0] if found else self._rejected_claim_event(content, speaker) or self.events.salient(sent_index)
        if event is None or not (found or _attack_words(content) or {t.lemma_ for t in content} & {
                "involvement", "responsibility", "claim", "accusation", "report", "allegation", "role", "link",
                "part"}):
            return
        self._add("denial", speaker, verb, event=event, hedged=self._hedged(verb, content),
                  negated=False, quote=self._quote(verb.sent, content), confidence=0.7)

    def _rejected_claim_event(self, content: list[Token], speaker: str | None):
        """"rejected that claim", "dismissed the accusation": the event of the latest claim another side made."""
        if not any(t.lemma_.lower() in ("claim", "accusation", "allegation", "charge", "report", "assertion")
                   and any(c.dep_ == "det" and c.lower_ in ("that", "this", "the", "these", "those") for c in t.children)
                   for t in content):
            return None
        return next((by_id[c.event] for c in reversed(self.claims) if c.speaker != speaker and c.event
                     and c.kind in ("accusation", "responsibility", "report")
                     for by_id in [{ev.id: ev for ev in self.events.events}] if c.event in by_id), None)

    def _threat(self, verb: Token) -> None:
        speaker = self._speaker(verb)
        content = [t for c in verb.children if c.dep_ not in ("nsubj", "punct", "aux") for t in c.subtree]
        if not self._threat_words(content) and not self._future_force(content, vowed=True):
            return
        self._add("threat", speaker, verb, hedged=self._hedged(verb, content),
                  quote=self._quote(verb.sent, content), confidence=0.7)

    @staticmethod
    def _threat_words(content: list[Token]) -> set[str]:
        """The threat words among ``content`` (not "until the salaries were paid": a passive pay)."""
        return {t.lemma_.lower() for t in content if t.lemma_.lower() in THREAT_WORDS
                and not (t.lemma_.lower() == "pay" and any(c.dep_ == "auxpass" for c in t.children))}

    def _future_force(self, content: list[Token], vowed: bool = False) -> bool:
        """An act of force announced for the future by an armed side: "the army would pursue them", "his
        forces would enter the city", "Ukraine would keep striking", "would launch operations to flush them
        out"; after "vowed"/"warned" the act needs no modal ("vowed to take the battle to the cities")."""
        for t in content:
            lemma = t.lemma_.lower()
            if t.pos_ != "VERB" or lemma not in FORCE_VERBS:
                continue
            chain = [t, t.head] if t.dep_ == "xcomp" else [t]  # "would continue to act", "would keep striking"
            if any(c.dep_ == "neg" for v in chain for c in v.children):
                continue  # "would not target civilians": a reassurance
            modal = next((v for v in chain if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll")
                                                  for c in v.children)), None)
            if modal is not None:
                subj = next((c for c in modal.children if c.dep_ == "nsubj"), None)
                if subj is None or not (subj.lemma_.lower() in FORCE_SUBJECTS or subj.ent_type_ in ("GPE", "NORP")
                                        or subj.ent_type_ == "ORG" and subj.pos_ == "PROPN"):
                    continue
            elif not (vowed and t.dep_ in ("xcomp", "ccomp")):
                continue
            if lemma in LIGHT_FORCE and not any(w.lemma_.lower() in FORCE_OPS or (
                    w.pos_ == "VERB" and w.lemma_.lower() in FORCE_VERBS - LIGHT_FORCE) for w in t.subtree if w.i != t.i):
                continue  # "would launch an inquiry", "would continue talks"
            if lemma == "act" and not any(w.lower_ in ("against", "force") for w in t.subtree):
                continue  # "would act responsibly"
            return True
        return False

    def _claim(self, verb: Token, sent_index: int, counts_events: list) -> None:
        # "an incursion ... claimed by two anti-Kremlin groups"
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None and verb.dep_ in ("acl", "relcl"):
            found = self.events.event_for_token(verb.head)
            if found is not None:
                self._add("responsibility", self.ents.actor_for(agent), verb, event=found,
                          quote=self._quote(verb.sent, list(verb.head.subtree)), confidence=0.8)
            return
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and self.events.event_for_token(obj) is not None:
            # "JNIM claimed the Barsalogho attack"; "ISWAP claimed the attack" after its fighters stormed a base
            speaker = self._speaker(verb)
            event = self.events.event_for_token(obj)
            if _anaphoric_attack([obj]) is not None and event.attacker not in (None, speaker):
                event = self._own_event(speaker) or event
            self._add("responsibility", speaker, verb, event=event,
                      quote=self._quote(verb.sent, list(obj.subtree)), confidence=0.85)
            return
        if obj is not None and _anaphoric_attack([obj]) is not None and self.events.salient(sent_index):
            # "Islamic State later claimed the attack": the attack the story is about; of the attacks told so
            # far, the one its own fighters were said to carry out
            speaker = self._speaker(verb)
            event = self._own_event(speaker) or self.events.salient(sent_index)
            self._add("responsibility", speaker, verb, event=event,
                      quote=self._quote(verb.sent, list(obj.subtree)), confidence=0.7)
            return
        if obj is not None and obj.lemma_.lower() in ("responsibility", "credit"):
            content = [t for c in verb.children if c.dep_ == "prep" for t in c.subtree]
            found = next(self._mentions_in(content), None)
            event = found[0] if found else self.events.salient(sent_index)
            self._add("responsibility", self._speaker(verb), verb, event=event,
                      hedged=self._hedged(verb, content), quote=self._quote(verb.sent, content), confidence=0.85)
            return
        self._say(verb, sent_index, counts_events)

    def _according(self, tok: Token, sent_index: int, counts_events: list) -> None:
        """ "..., according to the regional prosecutor's office": the source speaks for the whole clause."""
        to = tok.doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return
        named = named_in(source)  # "according to the U.N. humanitarian office, OCHA"
        speaker = self.ents.actor_for(named) or (self.ents.speaker_for(named) if named.i != source.i else None) \
            or self.ents.actor_for(source)
        if speaker is None:
            return
        skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
        content = [t for t in tok.sent if t.i not in skip]
        self._classify(speaker, tok, content, sent_index, counts_events)

    def _say(self, verb: Token, sent_index: int, counts_events: list, admit: bool = False) -> None:
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in SAY and not _credits_a_wire(verb.head):
            return  # reported speech inside reported speech is the outer speaker's claim
        if _credits_a_wire(verb) and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in SAY and any(
                g.dep_ == "nsubj" for g in c.children) for c in verb.children):
            return  # "the police chief said ..., Reuters reported": the claim is the police chief's
        speaker = self._speaker(verb)
        if speaker is None:
            return
        content = self._content(verb)
        if not content:
            return
        self._classify(speaker, verb, content, sent_index, counts_events, admit)

    def _classify(self, speaker: str, verb: Token, content: list[Token], sent_index: int,
                  counts_events: list, admit: bool = False) -> None:
        """Decide what a speaker's statement is from its content: responsibility, accusation or report."""
        hedged, negated = self._hedged(verb, content), self._negated(content)
        quote = self._quote(verb.sent, content)
        # "said it would not go unanswered": a statement about the future that promises force
        words = {t.lemma_.lower() for t in content}
        if (words & {"will", "would", "shall"} and self._threat_words(content) - AMBIGUOUS_THREAT or
                self._future_force(content)) and not any(t.lemma_.lower() in ("say", "report") for t in content):
            self._add("threat", speaker, verb, hedged=hedged, quote=quote, confidence=0.6)
            return
        # "said the group had nothing to do with the attack": a denial
        nothing = next((t for t in content if t.lower_ == "nothing" and t.i + 3 < len(t.doc)
                        and t.doc[t.i + 1].lower_ == "to" and t.doc[t.i + 2].lower_ == "do"
                        and t.doc[t.i + 3].lower_ == "with"), None)
        if nothing is not None:
            found = next(self._mentions_in(list(nothing.head.subtree)), None)
            event = found[0] if found else self.events.salient(sent_index)
            if event is not None:
                self._add("denial", speaker, verb, event=event, hedged=hedged, quote=quote, confidence=0.7)
                return
        # "said its units had not opened fire on X", "said the group's forces had not fired any missiles at X"
        denied = self._denied_act(content)
        if denied is not None and any(
                mm.trigger.i < denied.i and mm.trigger.pos_ == "VERB" and mm.trigger.i not in {t.i for t in denied.subtree}
                and not any(c.dep_ == "neg" for c in mm.trigger.children) for _, mm in self._mentions_in(content)):
            denied = None  # "said the air force had struck X, but insisted the market had not been hit": owned first
        if denied is not None:
            event = self._event_named_in(list(denied.subtree)) or self.events.salient(sent_index)
            if event is not None:
                self._add("denial", speaker, verb, event=event, hedged=hedged, negated=True, quote=quote,
                          confidence=0.65)
                return
        # "X said Y was responsible for ...", "Y bore full responsibility", "the attackers belonged to Y"
        resp = next((t for t in content if t.lemma_.lower() in ("responsible", "behind") or (
            t.lemma_.lower() == "responsibility" and t.head.lemma_.lower() in ("bear", "carry", "have", "hold"))), None)
        belong = next((t for t in content if t.lemma_.lower() == "belong" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in PERPETRATORS for c in t.children)), None)
        if belong is not None and resp is None:
            to = next((g for c in belong.children if c.dep_ == "prep" and c.lower_ == "to"
                       for g in c.children if g.dep_ == "pobj"), None)
            event = self.events.salient(sent_index)
            if to is not None and event is not None:
                accused = self.ents.actor_for(to) or self.ents.speaker_for(to)
                self._add("accusation", speaker, verb, event=event, accused=accused, hedged=hedged,
                          quote=quote, confidence=0.7)
                return
        if resp is not None:
            pred = resp.head
            subj = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = next(self._mentions_in([t for t in resp.subtree]), None) or next(self._mentions_in(content), None)
            if found is None and _attack_words(list(resp.head.subtree)) and self.events.salient(sent_index):
                found = (self.events.salient(sent_index), None)  # "Israel bore full responsibility for the killing"
            if subj is not None and found is not None:
                if subj.lower_ in SELF_WORDS or (subj.lower_ == "group" and any(c.lower_ == "the" for c in subj.children)):
                    kind = "denial" if negated else "responsibility"
                    self._add(kind, speaker, verb, event=found[0], hedged=hedged, quote=quote, confidence=0.8)
                    return
                accused = self.ents.actor_for(subj)
                kind = "denial" if negated else "accusation"
                self._add(kind, speaker, verb, event=found[0], accused=accused, hedged=hedged,
                          negated=negated, quote=quote, confidence=0.8)
                return
        found = list(self._mentions_in(content))
        if not found and not negated and self._own_act_at_event(content, speaker, verb, hedged, quote):
            return
        anaphor = None if found else _anaphoric_attack(content) or (
            _any_attack(content) if negated else None)  # "we did not carry out any attack"
        if anaphor is not None and self.events.salient(sent_index) is not None:
            # "it had carried out that attack as well": a definite reference the event finder let pass
            light = anaphor.head
            doer = next((c for c in light.children if c.dep_ == "nsubj"), None)
            carried = light.lemma_.lower() in ("carry", "conduct", "stage", "launch", "mount")
            own = carried and doer is not None and doer.lower_ in SELF_WORDS
            kind = ("denial" if negated else "responsibility") if own or admit else "report"
            accused = self.ents.actor_for(doer) if carried and doer is not None and not own else None
            if accused is not None and accused != speaker and (self.ents.is_named(accused) or self._institution(
                    accused) or self.ents.actors[accused].country):
                # '"The separatists carried out this cowardly attack," said the governor': the speaker names
                # who did it
                self._add("denial" if negated else "accusation", speaker, verb, event=self.events.salient(sent_index),
                          accused=accused, hedged=hedged, negated=negated, quote=quote, confidence=0.6)
                return
            self._add(kind, speaker, verb, event=self.events.salient(sent_index), hedged=hedged, negated=negated,
                      quote=quote, confidence=0.55)
            return
        if found:
            ev, m = found[0]
            own = self._self_attributed(m, speaker) or self._speaks_for(speaker, m.attacker)
            if own or admit:
                self._add("responsibility", speaker, verb, event=ev, hedged=hedged, negated=negated,
                          quote=quote, confidence=0.75)
                return
            attacker = next((mm.attacker for _, mm in found if mm.attacker), None)
            if attacker is not None and (self._institution(attacker) or self._own_arm(attacker)) and \
                    not self.ents.state_of(attacker) and \
                    self._military(speaker) and self.ents.actors[speaker].kind != "armed_group":
                # "the military government's spokesperson said the army had targeted ...": its own army
                self._add("responsibility", speaker, verb, event=ev, hedged=hedged, negated=negated,
                          quote=quote, confidence=0.6)
                return
            if attacker is not None and self.ents.state_of(attacker) and self._institution(speaker) and \
                    not self.ents.is_named(speaker) and not self.ents.state_of(speaker) and ev.place and \
                    self.ents.places[ev.place].country == self.ents.state_of(attacker):
                # "Somali troops seized the town of X (in Somalia), the government said": a state's own
                # government or army, unnamed, reporting its forces at home
                self._add("responsibility", speaker, verb, event=ev, hedged=hedged, negated=negated,
                          quote=quote, confidence=0.55)
                return
            named = attacker is not None and (self.ents.is_named(attacker) or self._institution(attacker))
            if attacker is not None and not named and not self.ents.actors[attacker].country:
                attacker = None  # "jihadists attacked ..., an official said": a report, nobody identifiable accused
            if attacker is not None and attacker != speaker and (
                self.ents.state_of(attacker) is None or self.ents.state_of(attacker) != self.ents.state_of(speaker)
                or self.ents.actors[speaker].kind == "person"
            ):
                self._add("denial" if negated else "accusation", speaker, verb, event=ev, accused=attacker,
                          hedged=hedged, negated=negated, quote=quote, confidence=0.7)
                return
            if attacker is None and self._military(speaker) and _own_forces(m.trigger) and not self._blames(verb.sent):
                # not "..., an army spokesman said, blaming M23 rebels": then the army is not the attacker
                # "military warplanes bombed RSF positions ..., the army said": a military reporting its own strike
                self._add("responsibility", speaker, verb, event=ev, hedged=hedged, negated=negated,
                          quote=quote, confidence=0.55)
                return
            if all(self._reaction(mm.trigger) for _, mm in found) and not any(
                    tok.i in {t.i for t in content} for tok, _ in counts_events):
                return  # "said it was deeply alarmed by the bombing": a reaction, no facts reported
            self._add("report", speaker, verb, event=ev, hedged=hedged, negated=negated, quote=quote, confidence=0.6)
            return
        idx = {t.i for t in content}
        if self._cumulative(content):
            return  # "the conflict has killed more than 6,000 people since 2016": a war's toll, not the attack's
        counted = [ev for tok, ev in counts_events if tok.i in idx and ev is not None]
        if counted:
            self._add("report", speaker, verb, event=counted[0], hedged=hedged, negated=negated,
                      quote=quote, confidence=0.6)
        elif {t.lemma_.lower() for t in content} & REPORT_WORDS and self.events.salient(sent_index) is not None:
            # "the bodies had been pulled from the rubble": facts about the attack just reported
            self._add("report", speaker, verb, event=self.events.salient(sent_index), hedged=hedged,
                      negated=negated, quote=quote, confidence=0.5)

    @staticmethod
    def _reaction(trigger: Token) -> bool:
        """Is an attack mentioned only as what someone feels about ("alarmed by the bombing", "condemned the
        attack")?"""
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ in ("by", "about", "over", "at"):
            head = head.head
        elif trigger.dep_ != "dobj" and trigger.dep_ != "conj":
            return False
        if trigger.dep_ == "conj":  # "alarmed by the fighting ... and the drone strikes"
            return ClaimBuilder._reaction(head) if head.pos_ in ("NOUN", "PROPN") else False
        return head.lemma_.lower() in REACTIONS or head.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in REACTIONS for c in head.children)  # 'was "alarmed" by'

    @staticmethod
    def _cumulative(content: list[Token]) -> bool:
        """A toll over a period rather than one attack's: "since 2009", "during that period", "in 2024",
        "thousands of civilians", "more than 40,000 people"."""
        for t in content:
            low = t.lower_
            if low in ("thousands", "millions") or (t.like_num and t.ent_type_ != "DATE" and t.pos_ == "NUM"
                                                   and t.text.replace(",", "").isdigit()
                                                   and int(t.text.replace(",", "")) >= 1000):
                return True
            if low in ("since", "during", "over", "in") and t.dep_ == "prep":
                obj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if low == "since" and (obj.ent_type_ == "DATE" or obj.lower_ == "then" or obj.like_num):
                    return True
                if low in ("during", "over") and obj.lemma_.lower() in ("period", "year", "month", "decade", "conflict", "war"):
                    return True
                if low == "in" and obj.text.isdigit() and len(obj.text) == 4:
                    return True
        return False

    def _own_act_at_event(self, content: list[Token], speaker: str, verb: Token, hedged: bool, quote) -> bool:
        """ "The military said it had eliminated an operative in the X area": the speaker's own act of force
        at the place of an attack already told is its account of that attack."""
        for t in content:
            if t.pos_ != "VERB" or t.lemma_.lower() not in OWN_ACTS:
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is None or not (subj.lower_ in ("it", "we") or any(
                    g.dep_ == "poss" and g.lower_ in ("its", "our") for g in subj.children)):
                continue
            event = self._event_named_in(list(t.subtree))
            if event is not None:
                self._add("responsibility", speaker, verb, event=event, hedged=hedged, quote=quote, confidence=0.55)
                return True
        return False

    def _denied_act(self, content: list[Token]) -> Token | None:
        """A negated attack in reported speech: "had not fired any rockets at X", "did not open fire",
        "had not carried out any strikes", "carried out no attack in X" (not "no one was hurt")."""
        for t in content:
            if t.pos_ != "VERB" or t.lemma_.lower() not in DENIED_ACTS:
                continue
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if t.lemma_.lower() in ("carry", "conduct", "launch", "stage", "mount", "open") and (
                    obj is None or obj.lemma_.lower() not in ATTACK_WORDS | {"fire"}):
                continue  # "did not carry out repairs", "did not open the road"
            if any(c.dep_ == "neg" for c in t.children) or (
                    obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)):
                return t
        return None

    def _event_named_in(self, tokens: list[Token]):
        """The event whose place a phrase names ("at Marib", "in the direction of Sotk")."""
        names = {e.text.lower() for e in (self.ents.spans_over(tokens[0].i, tokens[-1].i) if tokens else ())
                 if e.label_ in ("GPE", "LOC", "FAC") and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1}
        if not names:
            return None
        told = self.events.told_since(self.sent_index - RETELLING_WINDOW)
        for ev in reversed(told):
            p = self.ents.places.get(ev.place) if ev.place else None
            if p is not None and ({p.label.lower()} | {m.text.lower() for m in p.mentions}) & names:
                return ev
        # "in West Kordofan" after "a market in El Fula, the capital of West Kordofan state": the one event
        # whose own sentences name that area
        around = [ev for ev in told if names & {e.text.lower() for m in self.events.mentions.get(ev.id, [])
                                                for e in self.ents.ents_in(m.sent)}]
        return around[0] if len(around) == 1 else None

    def _blames(self, sent: Span) -> bool:
        """Does a sentence hold a blame cue ("blamed", "accusing")? Once per sentence."""
        return self.ents.memo("blames", sent.start, lambda: any(t.lemma_.lower() in ACCUSE for t in sent))

    def _own_event(self, speaker: str | None) -> object | None:
        """The latest event whose attacker is the speaker (same key, or same name words): "ISWAP fighters
        stormed a base ... ISWAP claimed the attack"."""
        if speaker is None or speaker not in self.ents.actors:
            return None
        mine = set(_name_words(self.ents.actors[speaker].label))
        for ev in reversed(self.events.events):
            if ev.attacker is None:
                continue
            theirs = _name_words(self.ents.actors[ev.attacker].label)
            initials = "".join(w[0] for w in theirs if w[0].isalpha())
            if ev.attacker == speaker or (mine and mine <= set(theirs)) or (len(mine) == 1 and initials in mine):
                return ev  # "Islamic State West Africa Province fighters" ... "ISWAP claimed the attack"
        return None

    def _institution(self, actor: str) -> bool:
        """An unnamed but identifiable side: "the army", "government shelling", "the regime" (not "gunmen")."""
        a = self.ents.actors.get(actor)
        words = (a.label if a else "").lower().split()
        return bool(words) and words[-1] in INSTITUTION_HEADS

    def _military(self, speaker: str) -> bool:
        """Does the speaker speak for armed forces (an army, a defence ministry, a military spokesman)?"""
        a = self.ents.actors.get(speaker)
        if a is None:
            return False
        text = a.label + " " + (a.role or "") + " " + self.speaker_words.get(speaker, "") if a.kind == "person" else a.label
        words = set(text.lower().replace("’s", " ").replace("'s", " ").split())
        return a.kind == "armed_force" or bool(words & {"army", "military", "forces", "air", "navy", "defence",
                                                           "defense", "pentagon", "command", "troops", "police",
                                                           "division", "brigade", "battalion", "regiment", "corps"})

    def _self_attributed(self, m, speaker: str) -> bool:
        """"its strikes", "it struck", "we hit": the speaker talks about its own attack."""
        trig = m.trigger
        if trig.head.lemma_.lower() in ("carry", "conduct", "launch", "stage", "mount") and any(
                c.dep_ == "nsubj" and (c.lower_ in SELF_WORDS or any(g.dep_ == "poss" and g.lower_ in SELF_WORDS
                                                                      for g in c.children))
                for c in trig.head.children):
            return True  # "it carried out the attack", "its forces had carried out a strike"
        doer = trig
        for _ in range(3):  # "its troops had advanced ..., killing dozens", "its forces had repelled ... and killed"
            if doer.dep_ not in ("advcl", "conj", "xcomp") or doer.head.pos_ != "VERB" or any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in doer.children):
                break
            doer = doer.head
            subj = next((c for c in doer.children if c.dep_ == "nsubj"), None)
            if subj is not None and doer.i != trig.i and (subj.lower_ in ("it", "we") or any(
                    g.dep_ == "poss" and g.lower_ in ("its", "our") for g in subj.children)):
                return True
        for c in trig.children:
            if c.dep_ in ("poss", "nsubj", "agent") and c.lower_ in SELF_WORDS:
                return True
            if c.dep_ == "agent" and any(g.lower_ in SELF_WORDS for g in c.children):
                return True
            # "its forces had struck", "its aircraft had struck", "the group was behind"
            if c.dep_ in ("nsubj", "agent") and any(g.dep_ == "poss" and g.lower_ in SELF_WORDS for g in c.children):
                return True
        if m.attacker is not None and (m.attacker == speaker or (
                self.ents.state_of(speaker) and self.ents.state_of(m.attacker) == self.ents.state_of(speaker)
                and self.ents.actors[speaker].kind != "person")):
            return True
        return False

    def _own_arm(self, actor: str) -> bool:
        """An unnamed arm of the forces ("the air force", "the troops", "security forces")."""
        a = self.ents.actors.get(actor)
        words = (a.label if a else "").lower().split()
        return not self.ents.is_named(actor) and bool(words) and words[-1] in (
            "force", "forces", "troops", "jets", "warplanes", "aircraft") and len(words) <= 3

    def _speaks_for(self, speaker: str | None, attacker: str | None) -> bool:
        """Is the speaker a person the text presents as the attacker's own ("Houthi military spokesman X"
        about the Houthis, "a commander of the KNDF" about the KNDF)?"""
        a = self.ents.actors.get(speaker) if speaker else None
        if a is None or a.kind != "person" or attacker is None or attacker not in self.ents.actors or \
                not self.ents.is_named(attacker):
            return False
        said = {w.rstrip("s") for w in _name_words(self.speaker_words.get(speaker, "") + " " + (a.role or ""))}
        theirs = {w.rstrip("s") for w in _name_words(self.ents.actors[attacker].label)}
        return bool(theirs) and theirs <= said and not said & {"ministry", "government", "army", "police"}

    def _late_names(self) -> None:
        """"A spokesman for the militia blamed ..." and later '..., said the spokesman, Yohannes Ayalew': the
        unnamed role speaker is the one person the text later names in that role."""
        for c in self.claims:
            a = self.ents.actors.get(c.speaker)
            if a is None or self.ents.is_named(c.speaker) or a.kind == "person" and not c.speaker.startswith(self.ents.key):
                continue
            role = a.label.lower().split()[-1] if a.label else ""
            if role not in ("spokesman", "spokeswoman", "spokesperson"):
                continue
            named = {k for k, words in self.speaker_words.items() if role in words.lower().split()}
            if len(named) == 1:
                c.speaker = named.pop()

    def fill_attackers(self) -> None:
        """An event with no attacker in its own words takes the one a claim names."""
        self._late_names()
        by_id = {ev.id: ev for ev in self.events.events}
        for c in self.claims:
            ev = by_id.get(c.event) if c.event else None
            if ev is None or ev.attacker is not None:
                continue
            if c.kind == "responsibility":
                ev.attacker = c.speaker
            elif c.kind == "accusation" and c.accused:
                ev.attacker = c.accused
