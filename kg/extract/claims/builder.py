"""Claims: responsibility, accusation, denial, report and threat, with speaker, event and accused.

Cue verbs ("blamed", "accused", "denied", "vowed", "claimed") decide the kind directly; reporting verbs ("said",
"wrote", "told") and "according to" are classified by what their complement says (:mod:`kg.extract.claims.kinds`).
:class:`ClaimBuilder` reads an article sentence by sentence, after its events: it finds the cues, their speaker
(:mod:`~kg.extract.claims.speakers`) and the event they are about (:mod:`~kg.extract.claims.linking`), and keeps
one claim per kind, speaker and event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract import doccache
from kg.extract.claims.kinds import Classifier, future_force, threat_words
from kg.extract.claims.linking import EventLinks, anaphoric_attack, attack_words
from kg.extract.claims.speakers import Speakers, credits_a_wire, named_in, quoted_as_saying
from kg.extract.entities import Entities
from kg.extract.events.coreference import EventBuilder
from kg.extract.events.triggers import plural_anaphor
from kg.extract.phrases import text_span
from kg.lexicon import (ACCUSE, ADMIT, ATTACK_VERBS, ATTACK_WORDS, DENY, DOCUMENT_NOUNS, HEDGES, SAY, SOURCE_NOUNS,
                        THREAT)
from kg.model import Claim, Evidence

EXTRACTOR = "kg.claims.v1"

CUE_VERBS = ACCUSE | DENY | THREAT | {"claim"} | ADMIT | SAY  # the verbs add_sentence looks at
QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
STRENGTH = {"responsibility": 3, "accusation": 3, "denial": 3, "threat": 2, "report": 1}


def _cites_someone(source: Token) -> bool:
    """Is the noun "according to" hangs on a source that speaks, though no name or known body: a named entity,
    a source noun ("a medic", "the security firm"), or a report of one ("local media reports")?"""
    def a_source(t: Token) -> bool:
        return t.lower_ in SOURCE_NOUNS or t.lemma_.lower() in SOURCE_NOUNS

    if source.ent_type_ in ("ORG", "NORP", "PERSON") or a_source(source):
        return True
    return source.lemma_.lower() in DOCUMENT_NOUNS and any(
        c.dep_ in ("compound", "amod") and a_source(c) for c in source.children)


class ClaimBuilder:
    """The claims of one article, read sentence by sentence (:meth:`add_sentence`) after its events."""

    def __init__(self, ents: Entities, events: EventBuilder):
        self.ents = ents
        self.events = events
        self.claims: list[Claim] = []
        self._said: dict[tuple, list[Claim]] = {}  # (speaker, event id) → its claims, in self.claims order
        self._ids: set[str] = set()
        self.sent_index = 0
        self._fanning = False
        self.speakers = Speakers(ents)
        self.links = EventLinks(ents, events)
        self.classifier = Classifier(ents, events, self.speakers, self.links)

    # ----- the statement around a cue -----
    def _content(self, verb: Token) -> list[Token]:
        comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "advcl", "conj", "dobj", "prep", "npadvmod")]
        toks = {t.i for c in comps for t in c.subtree}
        sent = verb.sent
        verb = quoted_as_saying(verb) or verb  # "..., X was quoted as saying": the clause "quoted" trails
        if verb.dep_ == "conj" and verb.head.dep_ == "ROOT" and verb.head.i < verb.i and self._trailing(verb):
            # "Two men were killed when a drone struck their car, the ministry said": the parse made the
            # reporting clause a conjunct of what it reports
            skip = {t.i for t in verb.subtree}
            toks.update(i for i in range(sent.start, sent.end) if i not in skip)
        if verb.dep_ == "ROOT":
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            skip = {t.i for t in subj.subtree} if subj is not None else set()
            toks.update(i for i in range(sent.start, sent.end) if i not in skip and i != verb.i)
        tokens = doccache.columns(verb.doc).tokens
        return [tokens[i] for i in sorted(toks)]

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
            return doccache.span_text(sent.doc[content[0].i : content[-1].i + 1]).strip(" ,.\n\t")
        return None

    def _add(self, kind: str, speaker: str | None, cue: Token, *, event=None, accused=None,
             hedged=False, negated=False, quote=None, confidence=0.7) -> None:
        if speaker is None:
            return
        if event is not None and not self._fanning:
            many = self.links.plural_events(cue)
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
                event.attacker = self._claimant(speaker) if kind == "responsibility" else \
                    accused if kind == "accusation" else None
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
        self.speakers.note_subjects(sent)

    def _accuse(self, verb: Token, sent_index: int) -> None:
        speaker = self.speakers.of(verb)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        preps = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over") for t in c.subtree]
        if not preps and obj is not None:  # "accused the group of smuggling charcoal" parsed with "of" on the object
            preps = [t for c in obj.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over") for t in c.subtree]
        accused = self.ents.actor_for(obj) if obj is not None else None
        found = next(self.links.mentions_in(preps), None)
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
        if event is None and (not preps or attack_words(preps)):
            event = self.events.salient(sent_index)  # "He blamed Ukrainian forces." / "accused Kyiv of striking ..."
        if event is None:
            return  # blamed for something that is not an attack
        self._add("accusation", speaker, verb, event=event, accused=accused,
                  hedged=self._hedged(verb, preps), negated=self._negated([verb, *verb.children]),
                  quote=self._quote(verb.sent, preps), confidence=0.8)

    def _deny(self, verb: Token, sent_index: int) -> None:
        speaker = self.speakers.of(verb)
        content = [t for c in verb.children if c.dep_ not in ("nsubj", "punct", "aux") for t in c.subtree]
        found = next(self.links.mentions_in(content), None)
        event = found[0] if found else (self.links.rejected_claim_event(content, speaker, self.claims)
                                        or self.events.salient(sent_index))
        if event is None or not (found or attack_words(content) or {t.lemma_ for t in content} & {
                "involvement", "responsibility", "claim", "accusation", "report", "allegation", "role", "link",
                "part"}):
            return
        self._add("denial", speaker, verb, event=event, hedged=self._hedged(verb, content),
                  negated=False, quote=self._quote(verb.sent, content), confidence=0.7)

    def _threat(self, verb: Token) -> None:
        speaker = self.speakers.of(verb)
        content = [t for c in verb.children if c.dep_ not in ("nsubj", "punct", "aux") for t in c.subtree]
        if not threat_words(content) and not future_force(content, vowed=True):
            return
        self._add("threat", speaker, verb, hedged=self._hedged(verb, content),
                  quote=self._quote(verb.sent, content), confidence=0.7)

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
            speaker = self.speakers.of(verb)
            event = self.events.event_for_token(obj)
            if anaphoric_attack([obj]) is not None and event.attacker not in (None, speaker):
                event = self.links.own_event(speaker) or event
            self._add("responsibility", speaker, verb, event=event,
                      quote=self._quote(verb.sent, list(obj.subtree)), confidence=0.85)
            return
        if obj is not None and anaphoric_attack([obj]) is not None and self.events.salient(sent_index):
            # "Islamic State later claimed the attack": the attack the story is about; of the attacks told so
            # far, the one its own fighters were said to carry out
            speaker = self.speakers.of(verb)
            event = self.links.own_event(speaker) or self.events.salient(sent_index)
            self._add("responsibility", speaker, verb, event=event,
                      quote=self._quote(verb.sent, list(obj.subtree)), confidence=0.7)
            return
        if obj is not None and obj.lemma_.lower() in ("responsibility", "credit"):
            content = [t for c in verb.children if c.dep_ == "prep" for t in c.subtree]
            found = next(self.links.mentions_in(content), None)
            event = found[0] if found else self.events.salient(sent_index)
            self._add("responsibility", self.speakers.of(verb), verb, event=event,
                      hedged=self._hedged(verb, content), quote=self._quote(verb.sent, content), confidence=0.85)
            return
        self._say(verb, sent_index, counts_events)

    def _according(self, tok: Token, sent_index: int, counts_events: list) -> None:
        """ "..., according to the regional prosecutor's office": the source speaks for the whole clause."""
        to = tok.doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        for _ in range(3):  # "according to a report from Radio X", "a report in Monday's issue of the paper X"
            behind = next((g for c in source.children if c.dep_ == "prep" and c.lower_ in ("from", "in", "by", "of")
                           for g in c.children if g.dep_ == "pobj"), None) if source is not None and \
                source.lemma_.lower() in DOCUMENT_NOUNS else None
            if behind is None:
                break
            source = behind
        if source is None:
            return
        named = named_in(source, self.ents)  # "according to the U.N. humanitarian office, OCHA"
        speaker = self.ents.actor_for(named) or (self.ents.speaker_for(named) if named.i != source.i else None) \
            or self.ents.actor_for(source)
        if speaker is None and _cites_someone(source):
            speaker = self.ents.speaker_for(source)  # "according to a medic", "according to local media reports"
        if speaker is None:
            return
        skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
        content = [t for t in tok.sent if t.i not in skip]
        self._classify(speaker, tok, content, sent_index, counts_events)

    def _say(self, verb: Token, sent_index: int, counts_events: list, admit: bool = False) -> None:
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in SAY and not credits_a_wire(verb.head):
            return  # reported speech inside reported speech is the outer speaker's claim
        if credits_a_wire(verb) and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in SAY and any(
                g.dep_ == "nsubj" for g in c.children) for c in verb.children):
            return  # "the police chief said ..., Reuters reported": the claim is the police chief's
        speaker = self.speakers.of(verb)
        if speaker is None:
            return
        content = self._content(verb)
        if not content:
            return
        self._classify(speaker, verb, content, sent_index, counts_events, admit)

    def _classify(self, speaker: str, verb: Token, content: list[Token], sent_index: int,
                  counts_events: list, admit: bool = False) -> None:
        """Decide what a speaker's statement is from its content (:class:`Classifier`) and keep it as a claim."""
        hedged, negated = self._hedged(verb, content), self._negated(content)
        quote = self._quote(verb.sent, content)
        said = self.classifier.classify(speaker, verb, content, sent_index, counts_events, negated, admit)
        if said is not None:
            self._add(said.kind, speaker, verb, event=said.event, accused=said.accused, hedged=hedged,
                      negated=said.negated, quote=quote, confidence=said.confidence)

    def _claimant(self, speaker: str) -> str | None:
        """Who a responsibility claim says did the attack: the speaker, or the side a person or a described
        source speaks for (a group its role names: "Taliban spokesman X"); a source that speaks for no side it
        names ("another military officer told AFP") is nobody's attack."""
        a = self.ents.actors.get(speaker)
        if a is None or a.kind not in ("person", "actor"):
            return speaker
        if a.affiliation is None and a.role_span is not None:  # "Taliban spokesman Zabihullah Mujahid claimed ..."
            role = self.ents.doc.char_span(a.role_span.start, a.role_span.end, alignment_mode="expand")
            return self.ents.known_group(role) if role is not None else None
        return a.affiliation

    def fill_attackers(self) -> None:
        """An event with no attacker in its own words takes the one a claim names."""
        self.speakers.late_names(self.claims)
        by_id = {ev.id: ev for ev in self.events.events}
        for c in self.claims:
            ev = by_id.get(c.event) if c.event else None
            if ev is None or ev.attacker is not None:
                continue
            if c.kind == "responsibility":
                ev.attacker = self._claimant(c.speaker)
            elif c.kind == "accusation" and c.accused:
                ev.attacker = c.accused
