"""Mentions grouped into events: within a clause, then across the article (:class:`EventBuilder`).

Each sentence's mentions of one clause are combined into one; each combined mention then joins a compatible event
told before (same or compatible type, place, time and attacker) when it refers back to it, or starts a new event.
Once the article is read, :meth:`EventBuilder.settle` folds attacks told with no place, and a headline's attack,
into the attack they retell.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kg.extract import timex
from kg.extract.entities import Entities
from kg.extract.events.mentions import Mention, build_mention
from kg.extract.events.places import NEAR_KM, PLACE_RANK, bare_name, distance_km, told_within
from kg.extract.events.syntax import clause_verb, same_token
from kg.extract.events.times import times_compatible
from kg.extract.events.triggers import triggers_in
from kg.extract.phrases import add_mention, text_span
from kg.lexicon import RELATIVE_DAYS
from kg.model import Evidence, Event, TimeRef

EXTRACTOR = "kg.events.v1"


def _places_compatible(ev: Event, m: Mention, ents: Entities) -> bool:
    if ev.place is None or m.place is None or ev.place == m.place:
        return True
    a, b = ents.places[ev.place], ents.places[m.place]
    if a.kind == "country" or b.kind == "country":
        return a.country == b.country or a.country is None or b.country is None
    if bare_name(a.label) == bare_name(b.label):
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_KM:
        return True  # a district and its city ("Kyivskyi" in Kharkiv)
    if told_within(ents, ev.place, m.place) or told_within(ents, m.place, ev.place):
        return True  # "Sevastopol in Crimea": the city and the region the article puts it in
    # an unknown small place (no country) inside a known event's country is compatible only when anaphoric
    return (a.country is None or b.country is None) and m.definite


def _types_compatible(ev: Event, m: Mention, strict: bool, guessed: bool = False) -> bool:
    """``guessed``: the event's type is only a guess, which a weapon overrules ("gunmen injured two soldiers" is a
    clash until "by using drones to drop explosives" says what it was; "abducting several women" does not)."""
    if not m.specific or ev.type == "strike" or (guessed and m.type in MEANS_TYPES) or ev.type == m.type:
        return True
    return not strict


MEANS_TYPES = {"missile_strike", "drone_strike", "air_strike", "shelling", "bombing"}  # types a weapon tells


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


def _take_missing(into: Event | Mention, source: Event | Mention, attrs: tuple[str, ...]) -> None:
    """What ``source`` tells of an attack that ``into`` does not: the arguments it lacks, the weapons it has not."""
    for attr in attrs:
        if getattr(into, attr) is None and getattr(source, attr) is not None:
            setattr(into, attr, getattr(source, attr))
    for code, text in zip(source.instruments, source.instrument_text):
        if code not in into.instruments:
            into.instruments.append(code)
            into.instrument_text.append(text)


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


RETELLING_WINDOW = 200
"""An account joins an attack last told at most this many sentences earlier. News articles are far shorter, so this
changes nothing for them; in a document of thousands of sentences (a long report let in with --max-chars) it keeps
the comparison of each account with earlier attacks from growing with the whole document."""


def _tolls_differ(a: Event, b: Event) -> bool:
    """Do two accounts give tolls of one kind that no one number fits ("11 police officers killed" and "more
    than 50 people died"): then they tell two attacks. "Dozens" fits any toll; "at least 10" fits 11."""
    for k, ca in a.counts.items():
        cb = b.counts.get(k)
        if cb is None or ca.min is None or cb.min is None:
            continue
        if (ca.max is not None and ca.max < cb.min) or (cb.max is not None and cb.max < ca.min):
            return True
    return False


def _starts(ev: Event) -> int:
    return ev.mentions[0].start if ev.mentions else ev.evidence.span.start


class EventBuilder:
    """The events of one article, built sentence by sentence from its mentions (:meth:`add_sentence`)."""

    def __init__(self, ents: Entities):
        self.ents = ents
        self.events: list[Event] = []
        self.last_sentence: dict[str, int] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self._made_here: list[tuple[Event, Mention]] = []  # events a sentence has started, with their first mention
        self.headline: set[int] = set()  # indices of the leading sentences written as a headline (no full stop)
        self._from_headline: list[Event] = []  # the events a headline sentence started, in self.events order
        self._event_ids: set[str] = set()
        self._guessed: set[str] = set()  # events whose type no mention has said yet (a guess from the doer)
        self.listed: set[str] = set()  # events placed at one of the places a list names: the place is settled
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
        mentions = [build_mention(t, sent_index, self.ents) for t in triggers_in(sent, self.ents)]
        for m in mentions:
            if m.time is None:
                m.time = _shared_time(m, mentions) or self._relative_day(m)
        groups: list[list[Mention]] = []
        for m in mentions:
            verb = clause_verb(m.trigger)
            for g in groups:
                if m.reference or g[0].reference:
                    continue
                gv = clause_verb(g[0].trigger)
                linked = any(m.trigger.head.i == x.trigger.i or x.trigger.head.i == m.trigger.i for x in g)
                same_clause = linked or verb is not None and (
                    same_token(verb, gv) or verb.i == g[0].trigger.i or same_token(gv, m.trigger))
                if same_clause and times_compatible(g[0].time, m.time) and not self._apart(g[0], m):
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
            if m.also_at and touched[-1].place == m.place:
                self.listed.add(touched[-1].id)
            for key, country in m.also_at:  # "the cities of X, Y and Z": an attack at each, told once
                elsewhere.setdefault(key, replace(m, place=key, place_country=country, also_at=[], others=[],
                                                  tokens=set(m.tokens)))
        for key, clone in elsewhere.items():
            if all(ev.place != key for ev in touched):
                touched.append(self._attach(clone))
                if touched[-1].place == key:
                    self.listed.add(touched[-1].id)
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
        return bare_name(pa.label) != bare_name(pb.label)  # named apart in one sentence: neighbours are still two places

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
            if not times_compatible(ev.time, m.time) or not _types_compatible(ev, m, strict=True):
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
            if ev.id not in apart and times_compatible(ev.time, m.time) and _places_compatible(ev, m, self.ents)
            and _attackers_compatible(ev, m, self.ents) and (
                _types_compatible(ev, m, strict=not m.definite, guessed=self._guess_here(ev, m))
                or self._same_sortie(ev, m))
        ]
        if m.place is not None and self.ents.places[m.place].country is None:
            # an unknown small place ("the village of Kozinka") only continues the story just told
            cands = [ev for ev in cands if self.last_sentence.get(ev.id, -9) >= m.sent_index - 1]
        anaphoric = self._continues(m, cands) or (m.victims_only and bool(cands))
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
        if not m.specific and m.type != "strike":
            self._guessed.add(ev.id)
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
            if not (times_compatible(ev.time, m.time) and _attackers_compatible(ev, m, self.ents)):
                continue
            if ev.place is None or m.place is None or ev.place == m.place or self._contains(ev.place, m.place):
                return ev
        return None

    def _contains(self, outer: str, inner: str) -> bool:
        """Is ``outer`` a country or region that ``inner``, a more precise place, may lie in, or a place the article
        puts ``inner`` in ("the village of Umm Safa, northwest of Ramallah")?"""
        if told_within(self.ents, inner, outer):
            return True
        po, pi = self.ents.places[outer], self.ents.places[inner]
        if po.kind not in ("country", "region") or PLACE_RANK.get(pi.kind, 1) >= PLACE_RANK[po.kind]:
            return False
        if bare_name(po.label) == bare_name(pi.label):
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
        """The same place, a district and its city (same name, or within NEAR_KM), or a place and the one the
        article puts it in."""
        if a is None or b is None:
            return False
        if a == b:
            return True
        pa, pb = self.ents.places[a], self.ents.places[b]
        if "country" in (pa.kind, pb.kind):
            return False
        if bare_name(pa.label) == bare_name(pb.label):
            return True  # "Belgorod" and "Belgorod region"
        if None not in (pa.lat, pa.lon, pb.lat, pb.lon) and distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= NEAR_KM:
            return True
        return told_within(self.ents, a, b) or told_within(self.ents, b, a)  # "Sevastopol in Crimea"

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

    def _guess_here(self, ev: Event, m: Mention) -> bool:
        """Is the event's type a guess, made in the sentence the mention is in (where the same sentence may say the
        means: "gunmen injured two soldiers by using drones to drop explosives")?"""
        return ev.id in self._guessed and self.last_sentence.get(ev.id) == m.sent_index

    def _merge_into(self, ev: Event, m: Mention) -> None:
        if m.specific and (ev.type == "strike" or self._guess_here(ev, m) and m.type in MEANS_TYPES):
            ev.type = m.type
            self._guessed.discard(ev.id)
        if ev.place is not None and m.place is not None and self._contains(ev.place, m.place):
            ev.place = m.place  # the most precise place any account of the attack names
        _take_missing(ev, m, ("attacker", "target", "target_text", "place", "time"))
        for mm in (m, *m.others):
            add_mention(ev.mentions, mm.trigger)
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
            first = _starts(ev)
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
            if not (times_compatible(lead.time, ev.time) and _attackers_compatible(lead, ev, self.ents)
                    and self._same_country(ev.place, lead.place)):
                continue
            lead.place = lead.place or ev.place  # the lead's place, however vague: a headline's is a summary
            self._fold(ev, lead)
            folded[ev.id] = lead.id
        return folded

    def fold_same_place(self) -> dict[str, str]:
        """Once places are final: the attacks a story tells at one town or village (not a region or a country) are
        one attack when nothing tells them apart (no two days, attackers, means or tolls): "a drone struck a
        market in X on Sunday" and, later, "the strike in X" are one. An attack placed only in a region is an attack
        the story places at a town of it that nothing tells apart from it ("air raids on a market in Saada province
        killed dozens", then "two raids on a market in Shada district on Saturday killed 25"), the one told nearest
        when several fit; the town's account keeps its place. Returns {folded id: id folded into}."""
        folded: dict[str, str] = {}
        for ev in list(self.events):
            if ev.place is None or self.ents.places[ev.place].kind not in ("city", "place"):
                continue
            into = next((o for o in self.events if o is not ev and o.place == ev.place and _starts(o) < _starts(ev)
                         and self._not_told_apart(o, ev)), None)
            if into is not None:
                self._fold(ev, into)
                folded[ev.id] = into.id
        for ev in list(self.events):  # "air raids on a market in Saada province" and "two raids on a market in Shada"
            if ev.place is None or self.ents.places[ev.place].kind != "region":
                continue
            inside = [o for o in self.events if o is not ev and o.place and o.id not in self.listed
                      and self._in_region(o.place, ev.place) and self._not_told_apart(o, ev)]
            if inside:  # several that could be it: the one told nearest (shelling "in the region", told between
                # the shelling of two of its towns, retells one of them: it is no third attack)
                into = min(inside, key=lambda o: (abs(_starts(o) - _starts(ev)), _starts(o)))
                self._fold(ev, into)
                folded[ev.id] = into.id
        return folded

    def _not_told_apart(self, a: Event, b: Event) -> bool:
        """May two accounts be one attack: no two days, sides, means or tolls."""
        return times_compatible(a.time, b.time) and _attackers_compatible(a, b, self.ents) and (
            a.type == b.type or "strike" in (a.type, b.type)) and not _tolls_differ(a, b)

    def _in_region(self, place: str, region: str) -> bool:
        """Is ``place`` (a town or an unknown place) in the first-level ``region``, as far as the story tells: put
        in it by the article, or of its state (or of none the text says) when not named like it."""
        a, b = self.ents.places[place], self.ents.places[region]
        if PLACE_RANK.get(a.kind, 1) >= PLACE_RANK["region"]:
            return False
        if bare_name(a.label).split()[:1] == bare_name(b.label).split()[:1]:
            return False  # "Gaza" and "the Gaza Strip": the city's name may stand for the region
        # an unknown place no state was read for is in the story's state when it is not told otherwise
        return told_within(self.ents, place, region) or a.country in (None, b.country)

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
