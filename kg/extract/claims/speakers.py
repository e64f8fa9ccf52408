"""Who speaks: the speaker of a cue verb, followed from sentence to sentence, and what the text tells of them.

A cue verb's subject is resolved to an actor: the name inside a described speaker ("the group known as JNIM"), the
organisation a part speaks for ("a source in Ukraine's SBU"), the fuller name a bare "the ministry" had before, or,
for "he", "it" and "the statement", the person or group that spoke last. The words that describe a person ("the
military government's spokesperson") are kept, to tell later whom they speak for.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.entities import Entities
from kg.extract.phrases import np_span
from kg.actornames import KNOWN_ARMED_GROUPS, armed_group_in
from kg.lexicon import (ACCUSE, DENY, GENERIC_SPEAKERS, INSTITUTION_HEADS, IT_PRONOUNS, ORG_NOUNS, PRONOUNS, ROLE_WORDS,
                        SAY, SPEAKER_ROLE_NOUNS, SPOKESPERSONS, THREAT, WIRES)
from kg.model import Claim


NOT_SPEAKER_ENTITIES = ("DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL")


def named_in(subj: Token, ents: Entities) -> Token:
    """The name inside a described speaker: "the group known as JNIM", "a group calling itself the
    Islamic Resistance in Iraq", "Hamas's armed wing, the Al-Qassam Brigades", "the spokesman, Lt. Col. X"."""
    short = acronym(subj)
    if subj.pos_ == "PROPN" and subj.ent_type_ in ("ORG", "PERSON") and not (
            short is not None and short.lower_ in KNOWN_ARMED_GROUPS):
        return subj  # "Hayat Tahrir al-Sham (HTS), the dominant rebel group": already a name
    # "a spokesman for the group, who gave his name as Abu Amir" (the clause may hang on "the group")
    for c in [*subj.children, *(g for p in subj.children if p.dep_ == "prep" and p.lower_ == "for"
                                for g in p.children if g.dep_ == "pobj")]:
        if c.dep_ in ("relcl", "pobj") and subj.lower_ in SPEAKER_ROLE_NOUNS:
            for r in [c] if c.dep_ == "relcl" else [r for r in c.children if r.dep_ == "relcl"]:
                if r.lemma_.lower() in ("give", "identify"):
                    name = next((g for t in r.subtree if t.lower_ == "as" for g in t.children
                                 if g.dep_ == "pobj" and g.ent_type_ == "PERSON"), None)
                    if name is not None:
                        return name
    for c in subj.children:
        if c.dep_ == "appos" and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN") and (
                short is None or c.i != short.i):  # "the Islamic State group (IS)": its own short name
            return c
        if c.dep_ == "acl" and c.lemma_.lower() in ("know", "call", "name"):
            for g in c.subtree:
                if g.i > c.i and g.ent_type_ in ("ORG", "PERSON", "NORP") and g.pos_ == "PROPN":
                    return ents.ent_at(g.i).root
    if subj.lower_ in ORG_NOUNS and subj.lower_ not in SPOKESPERSONS:
        # "the UN agency for Sudan refugees, UNHCR, said": the organisation's name, hung on what it is for or
        # on the noun as an adverb
        for g in [subj, *(g for p in subj.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
                          for g in p.children if g.dep_ == "pobj")]:
            name = next((c for c in g.children if c.ent_type_ == "ORG" and (
                c.dep_ == "appos" and g.i != subj.i or c.dep_ == "npadvmod" and subj.doc[c.i - 1].text == ",")), None)
            if name is not None:
                return name
    if subj.lower_ in ROLE_WORDS:
        # "the spokesman for the regional government, Amir Dalton, said": the name the parse hung on the body the
        # role is of is the role's holder (a body is no person; not when that noun is a role too: "the spokesman
        # for the governor, X" may name either)
        for g in (g for p in subj.children if p.dep_ == "prep" and p.lower_ in ("for", "of", "at")
                  for g in p.children if g.dep_ == "pobj" and g.lower_ not in ROLE_WORDS and g.ent_type_ != "PERSON"):
            name = next((c for c in g.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if name is not None:
                return name
    return subj


def _names_a_group(tok: Token) -> bool:
    """Do the words a token heads name an armed group kg knows ("Jaish-e-Mohammad", which the tagger may take for
    a date)?"""
    return armed_group_in(tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text) is not None


def quoted_as_saying(verb: Token) -> Token | None:
    """The verb "quoted" of "X was quoted as saying", given "saying"; else None."""
    if verb.dep_ == "pcomp" and verb.lemma_.lower() == "say" and verb.head.lower_ == "as" and \
            verb.head.head.lemma_.lower() == "quote":
        return verb.head.head
    return None


def name_words(label: str) -> list[str]:
    """The words of an actor's name but the generic ones: "the Islamic State group" → islamic, state."""
    return [w for w in re.split(r"[\s()\-]+", label.lower()) if w and w not in ("the", "group", "fighters", "s")]


def credits_a_wire(verb: Token) -> bool:
    """Is the subject of a verb of saying a news service ("Reuters reported", "Xinhua said")?"""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    name = " ".join(t.lower_ for t in subj.subtree if t.dep_ != "det" and not t.is_punct)
    return name in WIRES or subj.lower_ in WIRES and subj.ent_type_ == "ORG"


def acronym(subj: Token) -> Token | None:
    """The bracketed short name of a speaker: "the Baloch Liberation Army (BLA)" → BLA."""
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > 0 and subj.doc[c.i - 1].text == "("
                 and c.text.isupper() and len(c.text) >= 2), None)


class Speakers:
    """The speakers of one article: who a cue verb's subject is, and whom "he" and "it" stand for."""

    def __init__(self, ents: Entities):
        self.ents = ents
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.words: dict[str, str] = {}  # person's key → the words the text describes them with

    def of(self, verb: Token) -> str | None:
        """The actor who speaks with a cue verb, or None."""
        quoted = quoted_as_saying(verb)
        deps: tuple[str, ...] = ("nsubj",)
        if quoted is not None:  # "X was quoted as saying", "the agency quoted X as saying": the one quoted speaks
            verb = quoted
            deps = ("nsubjpass",) if any(c.dep_ == "auxpass" for c in verb.children) else ("dobj",)
        # not a time or a number the parse made a subject: "explosions shook the market twice, hours apart, ..., said
        # a shopkeeper"
        groups = {c.i for c in verb.children if c.dep_ in deps and _names_a_group(c)}
        subjects = [c for c in verb.children if c.dep_ in deps
                    and (c.ent_type_ not in NOT_SPEAKER_ENTITIES or c.i in groups)]
        # "Terror group Jaish-e-Mohammad has claimed", parsed with two subjects: the one naming a known group
        subjects.sort(key=lambda c: c.i not in groups)
        # "the head of the regional administration Sergiy Lysak wrote": prefer the named one
        subj = next((c for c in subjects if c.ent_type_ == "PERSON"), None) or next(
            (c for c in subjects if c.pos_ == "PROPN" and c.ent_type_ == "ORG"), subjects[0] if subjects else None)
        # "the Russian news agency TASS said", parsed with two subjects: the named one
        if subj is None and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and \
                verb.head.head.lemma_.lower() in SAY:
            # "the army said its aircraft had struck ... but denied hitting the market": the parse hangs the
            # second verb on the reported clause; its subject is the one who spoke
            return self.of(verb.head.head)
        if subj is None and quoted is None and verb.head.i != verb.i and (
                (verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.lemma_.lower() in SAY | ACCUSE | DENY | THREAT)
                or (verb.dep_ == "conj" and verb.head.pos_ == "VERB")):  # "ordered an inquiry and vowed to ..."
            return self.of(verb.head)
        if subj is None and (verb.dep_ == "ROOT" and verb.lemma_.lower() in SAY or quoted is not None):
            subj = self._orphan_subject(verb)
        if subj is None and verb.lemma_.lower() in SAY and any(c.dep_ == "auxpass" for c in verb.children) and \
                not any(c.dep_ == "neg" for c in verb.children):
            # "the toll was confirmed by the clinic's head, Dr X": the passive's agent speaks (a person
            # it names first); not "confirmed by drone", nor "has not been confirmed by the authorities"
            by = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if by is not None:
                person = next((t for t in by.subtree if t.ent_type_ == "PERSON"), None)
                subj = person if person is not None else by if by.ent_type_ in ("ORG", "NORP", "GPE") or (
                    by.lower_ in ORG_NOUNS | GENERIC_SPEAKERS) else None
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
        if subj.ent_type_ in NOT_SPEAKER_ENTITIES:  # a group's name the tagger took for a date
            return self.ents.known_group(subj.doc[subj.left_edge.i : subj.right_edge.i + 1])
        described = subj
        subj = self._owner(named_in(subj, self.ents))
        key = self.ents.actor_for(subj)
        if key is None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in ("claims", "report", "reports", "statement"):
            key = self.ents.speaker_for(subj)  # "Syrian state media reported": any named or described source
        if key is not None and subj.i == described.i and not self.ents.is_named(key) and subj.pos_ == "NOUN" \
                and self.ents.actors[key].kind != "person" and len(np_span(subj)) <= 2 \
                and any(c.lower_ in ("the", "this") for c in subj.children) and subj.lower_ not in INSTITUTION_HEADS:
            key = self._named_before(subj) or key  # "the ministry" after "Niger's defence ministry"
        short = acronym(subj) if subj.i == described.i else None
        if key is not None and short is not None and short.text not in self.ents.actors[key].label and (
                key.startswith(self.ents.key)):
            # known by both: "Hayat Tahrir al-Sham (HTS)"; a node other documents share keeps its one name
            self.ents.actors[key].label = f"{self.ents.actors[key].label} ({short.text})"
        if key is not None:
            if self.ents.actors[key].kind == "person":
                self.last_person = key
                # "Maj. Gen. Zaw Min Tun, the military government's spokesperson": what the text calls them
                self.words[key] = " ".join(t.text for t in described.subtree)
            else:
                self.last_group = key
        return key

    @staticmethod
    def _orphan_subject(verb: Token) -> Token | None:
        """The speaker the parse hung elsewhere, right before the verb: "..., wounding a woman, Lebanon's
        state-run National News Agency reported" (taken as an apposition), "the governor of the region,
        Vasily Golubev, said" (the name hung on an earlier noun)."""
        doc = verb.doc
        first = verb.i
        while first > verb.sent.start and doc[first - 1].dep_ in ("aux", "auxpass") and doc[first - 1].head.i == verb.i:
            first -= 1  # "..., Dr X was quoted as saying"
        prev = doc[first - 1] if first > verb.sent.start else None
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

    def note_subjects(self, sent: Span) -> None:
        """The person a sentence is about, whom "he" in the next one stands for."""
        for ent in self.ents.ents_in(sent):
            # its subject, not any name it mentions ("Chérizier, ... who leads Viv Ansanm, denied ... He warned")
            if ent.label_ == "PERSON" and (ent.root.dep_ in ("nsubj", "nsubjpass") or (
                    ent.root.dep_ == "appos" and ent.root.head.dep_ in ("nsubj", "nsubjpass"))):
                self.last_person = self.ents.person(ent.text, ent)

    def _body_words(self, speaker: str) -> set[str] | None:
        """The words naming the body a speaker speaks for: an organisation's label, a person's label, role and
        the words around the name."""
        a = self.ents.actors.get(speaker)
        if a is None:
            return None
        text = a.label + " " + (a.role or "") + " " + self.words.get(speaker, "") if a.kind == "person" else a.label
        return set(text.lower().replace("’s", " ").replace("'s", " ").split())

    def military(self, speaker: str) -> bool:
        """Does the speaker speak for armed forces (an army, a defence ministry, a military spokesman)?"""
        words = self._body_words(speaker)
        if words is None:
            return False
        return self.ents.actors[speaker].kind == "armed_force" or bool(words & {
            "army", "military", "forces", "air", "navy", "defence", "defense", "pentagon", "command", "troops",
            "police", "division", "brigade", "battalion", "regiment", "corps"})

    def police(self, speaker: str) -> bool:
        """Does the speaker speak for a police force (which flies no warplanes or attack drones)?"""
        words = self._body_words(speaker) or set()
        return bool(words & {"police", "policeman", "gendarmerie", "gendarmes"}) and not words & {
            "army", "military", "air", "navy", "defence", "defense"}

    def speaks_for(self, speaker: str | None, attacker: str | None) -> bool:
        """Is the speaker a person the text presents as the attacker's own ("Houthi military spokesman X"
        about the Houthis, "a commander of the KNDF" about the KNDF)?"""
        a = self.ents.actors.get(speaker) if speaker else None
        if a is None or a.kind != "person" or attacker is None or attacker not in self.ents.actors or \
                not self.ents.is_named(attacker):
            return False
        said = {w.rstrip("s") for w in name_words(self.words.get(speaker, "") + " " + (a.role or ""))}
        theirs = {w.rstrip("s") for w in name_words(self.ents.actors[attacker].label)}
        return bool(theirs) and theirs <= said and not said & {"ministry", "government", "army", "police"}

    def late_names(self, claims: list[Claim]) -> None:
        """"A spokesman for the militia blamed ..." and later '..., said the spokesman, Yohannes Ayalew': the
        unnamed role speaker is the one person the text later names in that role."""
        for c in claims:
            a = self.ents.actors.get(c.speaker)
            if a is None or self.ents.is_named(c.speaker) or a.kind == "person" and not c.speaker.startswith(self.ents.key):
                continue
            role = a.label.lower().split()[-1] if a.label else ""
            if role not in SPOKESPERSONS:
                continue
            named = {k for k, words in self.words.items() if role in words.lower().split()}
            if len(named) == 1:
                c.speaker = named.pop()
