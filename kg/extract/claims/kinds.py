"""What kind of claim a statement is, from what it says: threat, denial, responsibility, accusation or report.

The cue verbs that name the kind ("blamed", "denied", "vowed", "claimed") are read in
:mod:`kg.extract.claims.builder`; a statement with a verb of saying ("said", "told", "according to") is classified
here by its content: force promised for the future is a threat, a denied act a denial, an attack by the speaker's
own side a responsibility claim, an attack by another identifiable side an accusation, casualties or an attack
without an attacker a report.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.claims.linking import EventLinks, anaphoric_attack, any_attack, attack_words
from kg.extract.claims.speakers import Speakers
from kg.extract.entities import Entities
from kg.extract.events.agents import possessor_subject
from kg.extract.events.coreference import EventBuilder
from kg.extract.events.mentions import Mention
from kg.extract.phrases import since_a_time
from kg.lexicon import (ACCUSE, AIR_MEANS, AMBIGUOUS_THREAT, ATTACK_WORDS, CARRY_OUT_VERBS, CASUALTY_VERBS,
                        DENIED_ACTS, DENIED_LIGHT_VERBS, FORCE_OPS, FORCE_SUBJECTS, FORCE_VERBS, HOSTILE_WORDS,
                        INSTITUTION_HEADS, LIGHT_FORCE, OWN_ACTS, OWN_MEANS, PERPETRATORS, REACTIONS, REPORT_WORDS,
                        SELF_WORDS, STATE_ROLES, THREAT_WORDS)
from kg.model import Event


@dataclass(frozen=True)
class Verdict:
    """What a statement is: the kind of claim, the event it is about, whom it accuses."""
    kind: str
    event: Event | None = None
    accused: str | None = None
    negated: bool = False
    confidence: float = 0.7


def threat_words(content: list[Token]) -> set[str]:
    """The threat words among ``content`` (not "until the salaries were paid": a passive pay)."""
    return {t.lemma_.lower() for t in content if t.lemma_.lower() in THREAT_WORDS
            and not (t.lemma_.lower() == "pay" and any(c.dep_ == "auxpass" for c in t.children))}


def future_force(content: list[Token], vowed: bool = False) -> bool:
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


def _own_forces(trigger: Token, air: bool = True) -> bool:
    """Is the attack done by forces the text does not attribute to anyone else: "military warplanes
    bombed", "air strikes killed", "troops advanced"?  A passive with no doer ("rockets were fired at a
    base") says nothing about whose they were. ``air``: may those forces fly (not a police force's: "a drone
    strike killed two men, the police said" is a report)."""
    means = OWN_MEANS if air else OWN_MEANS - AIR_MEANS
    if trigger.pos_ in ("NOUN", "PROPN"):
        phrase = list(trigger.subtree)
        has_means = any(w.lemma_.lower() in means for w in phrase)
        # who the words attribute it to: its modifiers ("Russian air strikes") and a "by" phrase, not the places
        # it was carried out in ("airstrikes carried out in the Tumbuns area in Borno State")
        phrase = [w for w in phrase if w.i <= trigger.i] + [
            w for c in trigger.subtree if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
            for w in c.subtree]
    else:
        doers = [c for c in trigger.children if c.dep_ in ("nsubj", "agent")]
        phrase = [w for d in doers for w in d.subtree]
        has_means = any(w.lemma_.lower() in means for w in phrase)
    # "rebel forces attacked the base, the army said": forces, but the army's enemy's
    return has_means and not any(w.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or w.lemma_.lower() in HOSTILE_WORDS
                                 for w in phrase)


def _reaction(trigger: Token) -> bool:
    """Is an attack mentioned only as what someone feels about ("alarmed by the bombing", "condemned the
    attack")?"""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.lower_ in ("by", "about", "over", "at"):
        head = head.head
    elif trigger.dep_ != "dobj" and trigger.dep_ != "conj":
        return False
    if trigger.dep_ == "conj":  # "alarmed by the fighting ... and the drone strikes"
        return _reaction(head) if head.pos_ in ("NOUN", "PROPN") else False
    return head.lemma_.lower() in REACTIONS or head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in REACTIONS for c in head.children)  # 'was "alarmed" by'


def _cumulative(content: list[Token]) -> bool:
    """A toll over a period rather than one attack's: "since 2009" (not "since the strike"), "during that period",
    "in 2024", "thousands of civilians", "more than 40,000 people"."""
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
            if low == "since" and since_a_time(t):
                return True
            if low in ("during", "over") and obj.lemma_.lower() in ("period", "year", "month", "decade", "conflict", "war"):
                return True
            if low == "in" and obj.text.isdigit() and len(obj.text) == 4:
                return True
    return False


def _claimed_act(verb: Token, content: list[Token]) -> bool:
    """ "X claimed to have killed 26 soldiers in the attack": an act of force whose doer is the one claiming it."""
    return verb.lemma_.lower() == "claim" and any(
        t.dep_ == "xcomp" and t.head.i == verb.i and t.lemma_.lower() in OWN_ACTS | CASUALTY_VERBS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in content)


def _denied_act(content: list[Token]) -> Token | None:
    """A negated attack in reported speech: "had not fired any rockets at X", "did not open fire",
    "had not carried out any strikes", "carried out no attack in X" (not "no one was hurt")."""
    for t in content:
        if t.pos_ != "VERB" or t.lemma_.lower() not in DENIED_ACTS:
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj"), None)
        if t.lemma_.lower() in DENIED_LIGHT_VERBS and (
                obj is None or obj.lemma_.lower() not in ATTACK_WORDS | {"fire"}):
            continue  # "did not carry out repairs", "did not open the road"
        if any(c.dep_ == "neg" for c in t.children) or (
                obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)):
            return t
    return None


class Classifier:
    """Classifies the statements of one article (its actors, its events as they grow)."""

    def __init__(self, ents: Entities, events: EventBuilder, speakers: Speakers, links: EventLinks):
        self.ents = ents
        self.events = events
        self.speakers = speakers
        self.links = links

    def classify(self, speaker: str, verb: Token, content: list[Token], sent_index: int, counts_events: list,
                 negated: bool, admit: bool = False) -> Verdict | None:
        """What a speaker's statement is, from its content (``negated``: the content holds a negation), or None
        when it is no claim about an attack."""
        # "said it would not go unanswered": a statement about the future that promises force
        words = {t.lemma_.lower() for t in content}
        if (words & {"will", "would", "shall"} and threat_words(content) - AMBIGUOUS_THREAT or
                future_force(content)) and not any(t.lemma_.lower() in ("say", "report") for t in content):
            return Verdict("threat", confidence=0.6)
        # "said the group had nothing to do with the attack": a denial
        nothing = next((t for t in content if t.lower_ == "nothing" and t.i + 3 < len(t.doc)
                        and t.doc[t.i + 1].lower_ == "to" and t.doc[t.i + 2].lower_ == "do"
                        and t.doc[t.i + 3].lower_ == "with"), None)
        if nothing is not None:
            found = next(self.links.mentions_in(list(nothing.head.subtree)), None)
            event = found[0] if found else self.events.salient(sent_index)
            if event is not None:
                return Verdict("denial", event, confidence=0.7)
        # "said its units had not opened fire on X", "said the group's forces had not fired any missiles at X"
        denied = _denied_act(content)
        if denied is not None and any(
                mm.trigger.i < denied.i and mm.trigger.pos_ == "VERB" and mm.trigger.i not in {t.i for t in denied.subtree}
                and not any(c.dep_ == "neg" for c in mm.trigger.children) for _, mm in self.links.mentions_in(content)):
            denied = None  # "said the air force had struck X, but insisted the market had not been hit": owned first
        if denied is not None:
            event = self.links.named_at(list(denied.subtree), sent_index) or self.events.salient(sent_index)
            if event is not None:
                return Verdict("denial", event, negated=True, confidence=0.65)
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
                return Verdict("accusation", event, accused, confidence=0.7)
        if resp is not None:
            pred = resp.head
            subj = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = next(self.links.mentions_in([t for t in resp.subtree]), None) or next(
                self.links.mentions_in(content), None)
            if found is None and attack_words(list(resp.head.subtree)) and self.events.salient(sent_index):
                found = (self.events.salient(sent_index), None)  # "Israel bore full responsibility for the killing"
            if subj is not None and found is not None:
                if subj.lower_ in SELF_WORDS or (subj.lower_ == "group" and any(c.lower_ == "the" for c in subj.children)):
                    return Verdict("denial" if negated else "responsibility", found[0], confidence=0.8)
                accused = self.ents.actor_for(subj)
                return Verdict("denial" if negated else "accusation", found[0], accused, negated, 0.8)
        found = list(self.links.mentions_in(content))
        if not found and not negated and (acted := self._own_act_event(content, sent_index)) is not None:
            return Verdict("responsibility", acted, confidence=0.55)
        anaphor = None if found else anaphoric_attack(content) or (
            any_attack(content) if negated else None)  # "we did not carry out any attack"
        if anaphor is not None and self.events.salient(sent_index) is not None:
            # "it had carried out that attack as well": a definite reference the event finder let pass
            light = anaphor.head
            doer = next((c for c in light.children if c.dep_ == "nsubj"), None)
            carried = light.lemma_.lower() in CARRY_OUT_VERBS
            own = carried and doer is not None and doer.lower_ in SELF_WORDS
            kind = ("denial" if negated else "responsibility") if own or admit else "report"
            accused = self.ents.actor_for(doer) if carried and doer is not None and not own else None
            if accused is not None and accused != speaker and (self.ents.is_named(accused) or self._institution(
                    accused) or self.ents.actors[accused].country):
                # '"The separatists carried out this cowardly attack," said the governor': the speaker names
                # who did it
                return Verdict("denial" if negated else "accusation", self.events.salient(sent_index), accused,
                               negated, 0.6)
            return Verdict(kind, self.events.salient(sent_index), negated=negated, confidence=0.55)
        if found:
            ev, m = found[0]
            own = self._self_attributed(m, speaker) or self.speakers.speaks_for(speaker, m.attacker) or \
                _claimed_act(verb, content) or (m.attacker is None and self._same_side(ev.attacker, speaker)) or \
                self._state_official(speaker, m.attacker)
            # "the defence ministry said the strike had hit a barracks": the strike the story gave the
            # ministry's state, told by that state's ministry
            if own or admit:
                return Verdict("responsibility", ev, negated=negated, confidence=0.75)
            attacker = next((mm.attacker for _, mm in found if mm.attacker), None)
            if attacker is not None and (self._institution(attacker) or self._own_arm(attacker)) and \
                    not self.ents.state_of(attacker) and \
                    self.speakers.military(speaker) and self.ents.actors[speaker].kind != "armed_group":
                # "the military government's spokesperson said the army had targeted ...": its own army
                return Verdict("responsibility", ev, negated=negated, confidence=0.6)
            if attacker is not None and self.ents.state_of(attacker) and self._institution(speaker) and \
                    not self.ents.is_named(speaker) and not self.ents.state_of(speaker) and ev.place and \
                    self.ents.places[ev.place].country == self.ents.state_of(attacker):
                # "Somali troops seized the town of X (in Somalia), the government said": a state's own
                # government or army, unnamed, reporting its forces at home
                return Verdict("responsibility", ev, negated=negated, confidence=0.55)
            named = attacker is not None and (self.ents.is_named(attacker) or self._institution(attacker))
            if attacker is not None and not named and not self.ents.actors[attacker].country:
                attacker = None  # "jihadists attacked ..., an official said": a report, nobody identifiable accused
            if attacker is not None and attacker != speaker and (
                self.ents.state_of(attacker) is None or self.ents.state_of(attacker) != self.ents.state_of(speaker)
                or self.ents.actors[speaker].kind == "person"
            ):
                return Verdict("denial" if negated else "accusation", ev, attacker, negated, 0.7)
            if attacker is None and self.speakers.military(speaker) and _own_forces(
                    m.trigger, air=not self.speakers.police(speaker)) and not self._blames(
                    verb.sent):
                # not "..., an army spokesman said, blaming M23 rebels": then the army is not the attacker
                # "military warplanes bombed RSF positions ..., the army said": a military reporting its own strike
                return Verdict("responsibility", ev, negated=negated, confidence=0.55)
            if all(_reaction(mm.trigger) for _, mm in found) and not any(
                    tok.i in {t.i for t in content} for tok, _ in counts_events):
                return None  # "said it was deeply alarmed by the bombing": a reaction, no facts reported
            return Verdict("report", ev, negated=negated, confidence=0.6)
        idx = {t.i for t in content}
        if _cumulative(content):
            return None  # "the conflict has killed more than 6,000 people since 2016": a war's toll, not the attack's
        counted = [ev for tok, ev in counts_events if tok.i in idx and ev is not None]
        if counted:
            return Verdict("report", counted[0], negated=negated, confidence=0.6)
        if {t.lemma_.lower() for t in content} & REPORT_WORDS and self.events.salient(sent_index) is not None:
            # "the bodies had been pulled from the rubble": facts about the attack just reported
            return Verdict("report", self.events.salient(sent_index), negated=negated, confidence=0.5)
        return None

    def _own_act_event(self, content: list[Token], sent_index: int) -> Event | None:
        """ "The military said it had eliminated an operative in the X area": the speaker's own act of force
        at the place of an attack already told is its account of that attack; that attack."""
        for t in content:
            if t.pos_ != "VERB" or t.lemma_.lower() not in OWN_ACTS:
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is None or not (subj.lower_ in ("it", "we") or any(
                    g.dep_ == "poss" and g.lower_ in ("its", "our") for g in subj.children)):
                continue
            event = self.links.named_at(list(t.subtree), sent_index)
            if event is not None:
                return event
        return None

    def _blames(self, sent: Span) -> bool:
        """Does a sentence hold a blame cue ("blamed", "accusing")? Once per sentence."""
        return self.ents.memo("blames", sent.start, lambda: any(t.lemma_.lower() in ACCUSE for t in sent))

    def _institution(self, actor: str) -> bool:
        """An unnamed but identifiable side: "the army", "government shelling", "the regime" (not "gunmen")."""
        a = self.ents.actors.get(actor)
        words = (a.label if a else "").lower().split()
        return bool(words) and words[-1] in INSTITUTION_HEADS

    def _self_attributed(self, m: Mention, speaker: str) -> bool:
        """"its strikes", "it struck", "we hit": the speaker talks about its own attack."""
        trig = m.trigger
        if trig.head.lemma_.lower() in CARRY_OUT_VERBS and any(
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
            if c.dep_ in ("poss", "nsubj", "agent") and c.lower_ in SELF_WORDS and not (
                    c.dep_ == "poss" and possessor_subject(trig) is not None):
                return True
            if c.dep_ == "agent" and any(g.lower_ in SELF_WORDS for g in c.children):
                return True
            # "its forces had struck", "its aircraft had struck", "the group was behind"
            if c.dep_ in ("nsubj", "agent") and any(g.dep_ == "poss" and g.lower_ in SELF_WORDS for g in c.children):
                return True
        return self._same_side(m.attacker, speaker)

    def _state_official(self, speaker: str, attacker: str | None) -> bool:
        """Is the speaker an official of the state that did it, or whose forces did it: "US Secretary of State X
        said his country's jets had hit the camp", "Russian Defence Minister Y said Russia had struck a
        depot"?"""
        a = self.ents.actors.get(speaker)
        if a is None or a.kind != "person" or not a.country or attacker is None:
            return False
        return self.ents.state_of(attacker) == a.country and bool(set((a.role or "").lower().split()) & STATE_ROLES)

    def _same_side(self, attacker: str | None, speaker: str) -> bool:
        """Is the attacker the speaker, or an arm of the state the speaker (an institution) is of?"""
        return attacker is not None and (attacker == speaker or (
            self.ents.state_of(speaker) is not None and self.ents.state_of(attacker) == self.ents.state_of(speaker)
            and self.ents.actors[speaker].kind != "person"))

    def _own_arm(self, actor: str) -> bool:
        """An unnamed arm of the forces ("the air force", "the troops", "security forces"), not its enemy's ("rebel
        forces")."""
        a = self.ents.actors.get(actor)
        words = (a.label if a else "").lower().split()
        return not self.ents.is_named(actor) and bool(words) and words[-1] in (
            "force", "forces", "troops", "jets", "warplanes", "aircraft") and len(words) <= 3 and not any(
            w.removesuffix("s") in HOSTILE_WORDS for w in words)
