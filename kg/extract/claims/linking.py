"""Which event a statement is about: an attack its words tell, one they refer back to ("the attack", "both
attacks"), the one told at a place they name, or the speaker's own latest attack.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract import doccache
from kg.extract.claims.speakers import name_words
from kg.extract.entities import Entities
from kg.extract.events.coreference import RETELLING_WINDOW, EventBuilder
from kg.extract.events.mentions import Mention
from kg.extract.events.triggers import plural_anaphor
from kg.lexicon import ANAPHORIC_ATTACKS, ATTACK_WORDS, PLURAL_ANAPHOR_NOUNS
from kg.model import Claim, Event


def anaphoric_attack(tokens) -> Token | None:
    """A definite attack noun ("the attack", "that bombing", "this strike") among tokens."""
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in ANAPHORIC_ATTACKS and any(
                c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in t.children):
            return t
    return None


def any_attack(tokens) -> Token | None:
    """An attack noun under "any" or "no" ("did not carry out any attack"), for denials."""
    for t in tokens:
        if t.pos_ == "NOUN" and t.lemma_.lower() in ANAPHORIC_ATTACKS and any(
                c.dep_ == "det" and c.lower_ in ("any", "no") for c in t.children):
            return t
    return None


def attack_words(tokens) -> bool:
    """Do the tokens speak of an attack ("the killing", "striking")?"""
    return any(t.lemma_.lower() in ATTACK_WORDS for t in tokens)


class EventLinks:
    """The events of an article (an :class:`EventBuilder`, as it grows) that statements are about."""

    def __init__(self, ents: Entities, events: EventBuilder):
        self.ents = ents
        self.events = events

    def mentions_in(self, tokens: list[Token]) -> Iterator[tuple[Event, Mention]]:
        """(event, mention) pairs whose trigger is among ``tokens``, in text order."""
        found = [(mm.trigger.i, ev, mm) for ev, mm in self.events.mentions_triggered_in({t.i for t in tokens})]
        # "Hours after the bombing, fighters attacked a base": the attack that only dates the clause comes last
        for _, ev, mm in sorted(found, key=lambda f: (f[2].reference, f[0])):
            yield ev, mm

    def plural_events(self, cue: Token) -> list[Event]:
        """The events a plural reference in a claim's clause stands for ("both attacks", "the three
        attacks"): the ones under discussion most recently, in the order they were told."""
        lemma = doccache.columns(cue.doc).lemma
        if not any(lemma[i] in PLURAL_ANAPHOR_NOUNS for i in range(cue.left_edge.i, cue.right_edge.i + 1)):
            return []  # no word of the clause could be one (the walk below makes a Token of each)
        n = next((k for t in cue.subtree if (k := plural_anaphor(t))), None)
        if n is None or len(self.events.events) < 2:
            return []
        order = {ev.id: i for i, ev in enumerate(self.events.events)}
        latest = sorted(self.events.events, key=lambda ev: (self.events.last_sentence.get(ev.id, -9), order[ev.id]))[-n:]
        return sorted(latest, key=lambda ev: order[ev.id])

    def rejected_claim_event(self, content: list[Token], speaker: str | None, claims: list[Claim]) -> Event | None:
        """"rejected that claim", "dismissed the accusation": the event of the latest claim another side made."""
        if not any(t.lemma_.lower() in ("claim", "accusation", "allegation", "charge", "report", "assertion")
                   and any(c.dep_ == "det" and c.lower_ in ("that", "this", "the", "these", "those") for c in t.children)
                   for t in content):
            return None
        return next((by_id[c.event] for c in reversed(claims) if c.speaker != speaker and c.event
                     and c.kind in ("accusation", "responsibility", "report")
                     for by_id in [{ev.id: ev for ev in self.events.events}] if c.event in by_id), None)

    def named_at(self, tokens: list[Token], sent_index: int) -> Event | None:
        """The event whose place a phrase names ("at Marib", "in the direction of Sotk")."""
        names = {e.text.lower() for e in (self.ents.spans_over(tokens[0].i, tokens[-1].i) if tokens else ())
                 if e.label_ in ("GPE", "LOC", "FAC") and tokens[0].i <= e.start and e.end <= tokens[-1].i + 1}
        if not names:
            return None
        told = self.events.told_since(sent_index - RETELLING_WINDOW)
        for ev in reversed(told):
            p = self.ents.places.get(ev.place) if ev.place else None
            if p is not None and ({p.label.lower()} | {m.text.lower() for m in p.mentions}) & names:
                return ev
        # "in West Kordofan" after "a market in El Fula, the capital of West Kordofan state": the one event
        # whose own sentences name that area
        around = [ev for ev in told if names & {e.text.lower() for m in self.events.mentions.get(ev.id, [])
                                                for e in self.ents.ents_in(m.sent)}]
        return around[0] if len(around) == 1 else None

    def own_event(self, speaker: str | None) -> Event | None:
        """The latest event whose attacker is the speaker (same key, or same name words): "ISWAP fighters
        stormed a base ... ISWAP claimed the attack"."""
        if speaker is None or speaker not in self.ents.actors:
            return None
        mine = set(name_words(self.ents.actors[speaker].label))
        for ev in reversed(self.events.events):
            if ev.attacker is None:
                continue
            theirs = name_words(self.ents.actors[ev.attacker].label)
            initials = "".join(w[0] for w in theirs if w[0].isalpha())
            if ev.attacker == speaker or (mine and mine <= set(theirs)) or (len(mine) == 1 and initials in mine):
                return ev  # "Islamic State West Africa Province fighters" ... "ISWAP claimed the attack"
        return None
