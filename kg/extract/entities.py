"""Actors, places and facilities: from noun phrases of the parse to stable keys.

``Entities`` is built once per document.  It indexes people (with their
roles) and the states the text mentions, then answers "who is this noun
phrase?" and "where is this?" for the event and claim extractors.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from kg import actornames, gazetteer
from kg.extract.phrases import add_mention, np_span, repaired_places, strip_det, text_span
from kg.extract.placenames import resolve_place
from kg.lexicon import (AFFILIATED_NOUNS, AFFILIATION_WORDS, ARMED_SUBJECTS, COALITION_NOUNS, FIRM_NOUNS, FORCE_NOUNS,
                        GENERIC_GROUPS, GENERIC_ORG_WORDS, GENERIC_SPEAKERS, GROUP_NOUNS, IT_PRONOUNS, MEMBER_NOUNS,
                        ORG_NOUNS, PORTFOLIO_WORDS, ROLE_WORDS, WEAPON_WORDS)
from kg.nlp import DATELINE, STAMP
from kg.model import Actor, Document, Facility, Place
from kg.model import Span as TextSpan

# "the Syrian Democratic Forces (SDF)": up to eight capitalised words (with of/for/and/the) and an acronym
ACRONYM_DEFINED = re.compile(r"\b([A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|of|for|and|the|al|el|de|du)){1,8})"
                             r"\s+\(([A-Z][A-Za-z.&-]{1,9})\)")
NUMBER_PREFIX = re.compile(r"^(two|three|four|five|several|some|\d+)\s+")


class Entities:
    """Per-document registry of actors, places and facilities."""

    def __init__(self, document: Document, doc: Doc):
        self.document = document
        self.doc = doc
        self.spans = repaired_places(doc)  # Doc.ents builds a new tuple on every access
        # the entities are in order and never overlap: the one holding a token, and those across a range of
        # tokens, are found without a pass over all of them
        self._ends = [e.end for e in self.spans]
        self._at: list[Span | None] = [None] * len(doc)
        for e in self.spans:
            self._at[e.start:e.end] = [e] * len(e)
        self.key = document.key
        self.actors: dict[str, Actor] = {}
        self.places: dict[str, Place] = {}
        self.facilities: dict[str, Facility] = {}
        self.cache: dict[str, dict] = {}  # see memo()
        self._place_keys: dict[tuple[int, int, bool], str | None] = {}  # (start, end, region hint) → place key
        self.named_generic: set[str] = set()  # document-scoped actors whose phrase holds a proper name
        self.countries = self._context_countries()
        stamp = STAMP.match(document.text)
        m = DATELINE.match(document.text, stamp.end() if stamp else 0)
        self.dateline_end = m.end() if m else stamp.end() if stamp else 0
        # the dateline's city ("KHARKIV, Ukraine (AP) —") is where the story is told from: it counts
        # as a mention when deciding what "the city" means, but never as an event's place
        self.dateline_city = None
        if m:
            head = re.split(r"[,(/:—–-]", m.group(0).strip())[0].strip()
            entry = gazetteer.resolve(head.title(), self.countries) if head else None
            self.dateline_city = entry.key if entry and entry.kind == "city" else None
        self.persons = self._index_persons()
        self.acronyms = self._acronyms()

    def ents_in(self, span: Span) -> list[Span]:
        """The named entities wholly inside ``span`` (``Span.ents`` rebuilds all the document's each time)."""
        return self.memo("ents_in", (span.start, span.end), lambda: [
            e for e in self.spans_over(span.start, span.end - 1) if span.start <= e.start and e.end <= span.end])

    def ent_at(self, i: int) -> Span | None:
        """The entity holding token ``i``, if any."""
        return self._at[i]

    def spans_over(self, lo: int, hi: int) -> list[Span]:
        """The entities with a token in ``lo..hi`` (both included), in order."""
        out = []
        for j in range(bisect_right(self._ends, lo), len(self.spans)):
            e = self.spans[j]
            if e.start > hi:
                break
            out.append(e)
        return out

    def memo(self, table: str, key, compute):
        """``compute()`` once per document for each (table, key): the extractors' per-sentence facts, asked for
        every token, must not cost a pass over the sentence each time."""
        found = self.cache.setdefault(table, {})
        if key not in found:
            found[key] = compute()
        return found[key]

    # ---------- indexes ----------
    def _context_countries(self) -> dict[str, int]:
        """How often the text names each state (demonyms included). Also sets ``named_countries``: the states it
        names outright, by name, demonym or a large city only they have (not a small town's namesake); and
        ``spelled_countries``: those it names by name or demonym."""
        counts: dict[str, int] = {}
        self.named_countries: set[str] = set()
        self.spelled_countries: set[str] = set()
        for ent in self.spans:
            iso = gazetteer.demonym_country(ent.text) or (
                gazetteer.country_code(ent.text) if ent.label_ in ("GPE", "LOC", "NORP") else None
            )
            if iso is None and ent.label_ == "GPE":
                iso, largest = gazetteer.sole_state(ent.text)  # "Gaza" can only be in Palestine
                if iso and largest >= gazetteer.SOLE_NAME_POPULATION:
                    self.named_countries.add(iso)
            elif iso:
                self.named_countries.add(iso)
                self.spelled_countries.add(iso)
            if iso:
                counts[iso] = counts.get(iso, 0) + 1
        return counts

    def _index_persons(self) -> dict[str, dict]:
        """Full name → {"label", "role", "country", "surname"} for every PERSON mention."""
        persons: dict[str, dict] = {}
        for ent in self.spans:
            if ent.label_ != "PERSON" or len(ent) < 1:
                continue
            name = ent.text.strip()
            surname = ent[-1].text
            existing = next((p for p in persons.values() if p["surname"] == surname and len(p["label"]) >= len(name)), None)
            if existing:
                continue
            role, country, role_span = self._role_before(ent)
            persons[name] = {"label": name, "role": role, "country": country, "surname": surname,
                             "role_span": role_span}
        # drop short forms ("Zelensky") that a full name covers
        for name in list(persons):
            if any(other != name and other.endswith(" " + name) for other in persons):
                del persons[name]
        return persons

    def _role_before(self, ent: Span) -> tuple[str | None, str | None, TextSpan | None]:
        """Role, country and the role's words, from the noun phrase right before a name.

        "Belgorod governor Vyacheslav Gladkov", "Ukrainian President Volodymyr
        Zelensky", "the head of the regional military administration Sergiy Lysak".
        """
        i = ent.start - 1
        words: list[Token] = []
        while i >= 0 and len(words) < 10:
            t = self.doc[i]
            if t.is_punct or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.is_quote or t.ent_type_ == "PERSON":
                break
            if t.pos_ == "ADP" and t.lower_ != "of":  # "discussed the conflict with China's envoy Li Hui"
                break
            words.insert(0, t)
            i -= 1
        while words and words[0].pos_ in ("DET", "ADP", "CCONJ"):
            words.pop(0)
        if not any(t.lower_ in ROLE_WORDS for t in words):
            return None, self._country_of_tokens(words), None
        role = " ".join(t.text for t in words).strip()
        span = text_span(self.doc[words[0].i:words[-1].i + 1]) if role else None
        return role or None, self._country_of_tokens(words), span

    def demonym_or_country(self, tok: Token) -> str | None:
        """ISO code when a token is a demonym ("Russian") or a country name ("Russia")."""
        iso = gazetteer.demonym_country(tok.text)
        if iso is None and tok.ent_type_ in ("GPE", "NORP", "LOC"):
            iso = gazetteer.country_code(tok.text)
        return iso

    def _country_of_tokens(self, tokens) -> str | None:
        for t in tokens:
            iso = gazetteer.demonym_country(t.text) or gazetteer.country_code(t.text)
            if iso:
                return iso
        return None

    # ---------- places ----------
    def place_for(self, span: Span, *, region_hint: bool = False) -> str | None:
        """Place key for a GPE/LOC span, registering it with its mention. A span is resolved once: the rules and
        the place ranker look many up again."""
        known = self._place_keys.get((span.start, span.end, region_hint), False)
        if known is None or (known and known in self.places):
            if known:
                add_mention(self.places[known].mentions, span)
            return known
        key = resolve_place(self, span, region_hint)
        self._place_keys[(span.start, span.end, region_hint)] = key
        return key

    def resolved_place(self, start: int, end: int) -> str | None:
        """The place key the tokens ``start:end`` were resolved to, if they were (nothing is looked up)."""
        return self._place_keys.get((start, end, False)) or self._place_keys.get((start, end, True))

    def recent_actor(self, kind: str, before: int) -> str | None:
        """The actor of a kind named last before an offset, if it has a name of its own (a global key)."""
        best = None
        for key, a in self.actors.items():
            if a.kind != kind or key.startswith(self.key):
                continue
            starts = [m.start for m in a.mentions if m.start < before]
            if starts and (best is None or max(starts) > best[0]):
                best = (max(starts), key)
        return best[1] if best else None

    def recent_city(self, before: int) -> str | None:
        """What "the city" refers to: the city named most often before an offset (then the latest)."""
        best = None
        for key, p in self.places.items():
            if p.kind != "city":
                continue
            starts = [m.start for m in p.mentions if m.start < before] + ([0] if key == self.dateline_city else [])
            if starts and (best is None or (len(starts), max(starts)) > best[0]):
                best = ((len(starts), max(starts)), key)  # the story's city: most mentioned, then latest
        return best[1] if best else None

    def country_place(self, iso: str) -> str:
        entry = gazetteer.country(iso)
        key = f"country-{iso}"
        if key not in self.places:
            self.places[key] = Place(key=key, label=entry.label if entry else iso, country=iso, kind="country",
                                     geonames_id=entry.geonames_id if entry else None)
        return key

    # ---------- actors ----------
    def _add_actor(self, actor: Actor, mention: Span | Token | None) -> str:
        if "(" in actor.label or ")" in actor.label:
            # "the Baloch Liberation Army (BLA)": the name, with its acronym but without the brackets
            actor.label = " ".join(actor.label.replace("(", " ").replace(")", " ").split()) or actor.label
        existing = self.actors.setdefault(actor.key, actor)
        if mention is not None:
            add_mention(existing.mentions, mention)
        return existing.key

    def state(self, iso: str, mention=None) -> str:
        entry = gazetteer.country(iso)
        self.country_place(iso)
        return self._add_actor(Actor(key=f"country-{iso}", label=entry.label if entry else iso, kind="state", country=iso), mention)

    def armed_force(self, iso: str, mention=None) -> str:
        """The armed forces of a state: one node per state (kgr:actor/armed-forces-XX)."""
        state = gazetteer.country(iso)
        return self._add_actor(Actor(key=f"armed-forces-{iso}", label=f"armed forces of {state.label if state else iso}",
                                     kind="armed_force", country=iso, affiliation=self.state(iso)), mention)

    def person(self, name: str, mention=None) -> str:
        if gazetteer.news_agency(name) or gazetteer.armed_force_country(name):
            # "SANA reported", "IDF said": the small model took the agency or the army for a person
            return self._named_organisation(name, None, mention)
        info = self.persons.get(name) or next(
            (p for p in self.persons.values() if p["surname"] == name.split()[-1]), None
        ) or {"label": name, "role": None, "country": None}
        label = gazetteer.person_label(info["label"])
        group = actornames.GROUP_NAMES.get(label.lower())
        words = label.lower().split()
        if group is None and len(words) >= 2 and (words[0] in actornames.GROUP_NAME_FIRST_WORDS
                                                  or words[-1] in actornames.GROUP_NAME_LAST_WORDS):
            group = gazetteer.canonical_name(label)  # "Harakat al-Nujaba said": a group's name by its shape
        if group:  # the model took a group's name for a person's ("al-Shabaab said")
            return self._add_actor(Actor(key=f"group-{gazetteer.slug(group)}", label=group, kind="armed_group"),
                                   mention)
        if len(words) == 1:
            # "Michael", "Smirnov" and no full name in this article: nothing tells which Michael, so the key is
            # this document's, and no other article's Michael is merged with this one
            key = f"{self.key}-{gazetteer.slug(label)}"
            self.named_generic.add(key)
            return self._add_actor(Actor(key=key, label=label, kind="person", role=info["role"],
                                         role_span=info.get("role_span"), country=info["country"]), mention)
        label = gazetteer.person_key_name(label)  # one key, one label: "Zelenskyy" and "Zelensky" are one node
        return self._add_actor(Actor(key=f"person-{gazetteer.slug(label)}", label=label, kind="person",
                                     role=info["role"], role_span=info.get("role_span"), country=info["country"]),
                               mention)

    def person_by_role(self, role_word: str) -> str | None:
        for p in self.persons.values():
            if p["role"] and role_word.lower() in p["role"].lower().split():
                return self.person(p["label"])
        return None

    def actor_for(self, tok: Token) -> str | None:
        """Actor key for the noun phrase headed by ``tok`` (subject, agent, object), or None."""
        if tok.pos_ == "PRON" or any(c.dep_ == "poss" and c.lower_ in IT_PRONOUNS for c in tok.children):
            return None  # "it", "its forces": the speaker's side, resolved by the claim
        phrase = np_span(tok)
        ent = self.ent_at(tok.i)
        # a person named in the phrase ("the head of ... Sergiy Lysak", "Zelensky")
        for e in self.spans_over(phrase.start, phrase.end):
            # "the head of the regional administration Sergiy Lysak" (a role word heading a name),
            # but not "Jihadi fighters" (a name-like modifier of a group noun)
            if e.label_ == "PERSON" and phrase.start <= e.start and e.end <= phrase.end + 1 and e.start <= tok.i + 1 \
                    and (e.start <= tok.i < e.end or tok.lower_ in ROLE_WORDS):
                return self._person_entity(e)
        if ent is not None and ent.label_ == "PERSON":
            return self._person_entity(ent)
        lower = tok.lower_
        words = {t.lower_ for t in phrase}
        iso = None
        for t in phrase:
            iso = gazetteer.demonym_country(t.text) or (gazetteer.country_code(t.text) if t.ent_type_ in ("GPE", "LOC", "NORP") else None)
            if iso is None and t.ent_type_ == "GPE" and t.i == tok.i:
                iso = gazetteer.capital_country(t.text)
            if iso:
                break
        if lower not in ORG_NOUNS and (group := self.known_group(phrase)) is not None:
            return group
        if lower in AFFILIATED_NOUNS and (named := self._named_body_of(tok)) is not None:
            return named  # "fighters of the Kurdistan Workers' Party (PKK)", "armed men affiliated with the X group"
        # a state named directly: "Russia", "Kyiv" (capital for state)
        if ent is not None and ent.label_ in ("GPE", "LOC") and tok.i == ent.root.i:
            iso_direct = gazetteer.country_code(ent.text) or gazetteer.capital_country(ent.text)
            if iso_direct and len(phrase) <= len(ent) + 1:
                return self.state(iso_direct, ent)
            return None
        if lower in FORCE_NOUNS or (words & FORCE_NOUNS and lower in {"force", "forces"}):
            if iso:
                return self.armed_force(iso, phrase)
            return self._generic(phrase, "armed_force")
        if lower in ORG_NOUNS or words & {"ministry", "government", "kremlin"}:
            label = strip_det(phrase).text
            if iso:
                words = [{"defense": "defence"}.get(t.lower_, t.lower_) for t in strip_det(phrase)
                         if t.lower_ in ORG_NOUNS or t.lower_ in PORTFOLIO_WORDS and t.i < tok.i]
                key = f"org-{iso}-{'-'.join(gazetteer.slug(w) for w in words) or gazetteer.slug(label)}"
                if words:  # one label in every document ("Russian defence ministry"), however the text put it
                    state, adjective = gazetteer.country(iso), gazetteer.demonym(iso)
                    label = (f"{adjective} {' '.join(words)}" if adjective
                             else f"{' '.join(words)} of {state.label if state else iso}")
                return self._add_actor(Actor(key=key, label=gazetteer.canonical_name(label), kind="organisation",
                                             country=iso, affiliation=self.state(iso)), phrase)
            if lower in GENERIC_SPEAKERS:
                return self._generic(phrase, "actor")
            return self._generic(phrase, "organisation")
        if lower in GROUP_NOUNS:
            if any(c.lower_ == "the" for c in tok.children) and len(phrase) <= 2:
                named = self.recent_actor("armed_group", tok.idx)  # "the group" after "Islamic State Khorasan"
                if named and (lower not in COALITION_NOUNS or lower in self.actors[named].label.lower()):
                    # "the coalition" is the group told before only when that group is one: a coalition is
                    # another side than the militia a story names ("Houthi drones ..., the coalition said")
                    return named
            return self._generic(phrase, "armed_group")
        if ent is not None and ent.label_ == "ORG" and not self._not_an_organisation(ent):
            return self._organisation(ent)
        if lower in GENERIC_SPEAKERS:
            return self._generic(phrase, "actor")
        if lower in ROLE_WORDS:
            named = self.person_by_role(lower)
            if named:
                return named
            return self._generic(phrase, "person")
        if iso and (tok.ent_type_ in ("NORP", "GPE") or gazetteer.demonym_country(tok.text)
                    or gazetteer.demonym_country(tok.text.removesuffix("s"))) and phrase.root == tok:
            return self.state(iso, tok)  # "Ukrainian shelling killed", "the Russians killed them"
        return None

    def _named_body_of(self, tok: Token) -> str | None:
        """The named group or organisation ``tok`` ("fighters", "militants") belongs to: "fighters of the PKK",
        "fighters from the Kawlin People's Defence Force", "armed men affiliated with the X group", "forces loyal to
        the Y council"; not "fighters from the village" (a place), not "forces loyal to the president" (a person
        commands them, he is not their side's name)."""
        of = None
        if tok.lower_ in MEMBER_NOUNS:
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
        if of is None and (tok.lower_ != "men" or any(c.lower_ == "armed" for c in tok.children)):
            tie = next((c for c in tok.children if c.dep_ in ("acl", "amod") and c.lower_ in AFFILIATION_WORDS), None)
            of = next((c for c in tie.children if c.dep_ == "prep" and c.lower_ in AFFILIATION_WORDS[tie.lower_]),
                      None) if tie is not None else None
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        named_noun = obj is not None and obj.lower_ in GROUP_NOUNS and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children)  # "of the Jaish al-Adl group"
        if obj is None or not (obj.ent_type_ in ("ORG", "NORP") or obj.pos_ == "PROPN" or named_noun) or \
                obj.ent_type_ in ("GPE", "LOC", "FAC", "PERSON"):
            return None
        whole = self.doc[obj.left_edge.i : obj.right_edge.i + 1]  # with its acronym: "the Workers' Party (PKK)"
        actor = self.known_group(whole) or self.actor_for(obj)
        if actor is not None:
            return actor if self.actors[actor].kind in ("armed_group", "organisation", "armed_force") else None
        if tok.lower_ in ARMED_SUBJECTS and not obj.ent_type_:
            # a name the NER left untagged, whose armed members say it is a group: "militiamen of the CODECO"
            name = strip_det(np_span(obj))
            label = gazetteer.canonical_name(name.text)
            return self._add_actor(Actor(key=f"group-{gazetteer.slug(label)}", label=label, kind="armed_group"), name)
        return None

    def known_group(self, phrase: Span) -> str | None:
        """The armed group a phrase names by a name news uses for it ("Hamas militants", "the Islamic State group's
        affiliate"), with the group's own name as its label; not "the Houthi-run Al-Masirah TV" (the station)."""
        known_group = actornames.armed_group_in(phrase.text)
        if known_group is None:
            return None
        name = next((e.text for e in self.spans_over(phrase.start, phrase.end - 1) if phrase.start <= e.start
                     and known_group in e.text.lower()), None)
        m = re.search(r"\b" + re.escape(known_group) + r"\w*", phrase.text, re.I)
        canonical = actornames.GROUP_NAMES.get(known_group) or gazetteer.canonical_name(
            name or (m.group(0) if m else known_group.title()))
        return self._add_actor(Actor(key=f"group-{gazetteer.slug(canonical)}", label=canonical, kind="armed_group"),
                               phrase)

    def _person_entity(self, ent: Span) -> str | None:
        """The actor a PERSON entity names: a person, or what the small model mistook for one — a town of several
        words ("El Obeid": its state when it is a capital, else no actor), a firm named after its noun ("security
        firm Ambrey")."""
        if len(ent) >= 2 and gazetteer.is_known_place(ent.text, primary_only=True):
            iso = gazetteer.capital_country(ent.text)
            return self.state(iso, ent) if iso else None
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in FIRM_NOUNS:
            return self._named_organisation(ent.text, self._country_of_tokens(self.doc[max(0, ent.start - 4):ent.end]),
                                            ent)
        return self.person(ent.text, ent)

    def _not_an_organisation(self, ent: Span) -> bool:
        """Is an ORG entity no organisation: a known town ("Kostiantynivka, which had a prewar population"), or one
        common word the model tagged ("Drones struck", "the Islamic State group": "Islamic")?"""
        if gazetteer.institution_country(ent.text) or gazetteer.news_agency(ent.text):
            return False
        if gazetteer.is_known_place(ent.text, primary_only=True):
            return True
        if len(ent) == 1 and ent[0].lower_.removesuffix("s") in WEAPON_WORDS:
            return True  # "Drones struck", "UAVs hit": a weapon the model took for a name
        if len(ent) != 1 or ent[0].is_upper:  # an acronym ("UN", "IDF") is a name, whatever follows it
            return False
        # a common word the model tagged as one ("Explosions"), or a word cut from a longer name ("Islamic" of
        # "Islamic State"); a weapon word is none whatever its tag (above)
        return ent[0].tag_ not in ("NNP", "NNPS") or (ent.end < len(self.doc) and self.doc[ent.end].pos_ == "PROPN")

    def speaker_for(self, tok: Token) -> str:
        """Any source that speaks ("Syrian state media", "the Sudan Doctors Network"): named or described."""
        phrase = np_span(tok)
        whole = np_span(tok.head) if tok.dep_ in ("compound", "amod") else phrase
        group = self.known_group(whole) if tok.lower_ not in ORG_NOUNS else None
        if group is not None:  # "The Islamic State group's regional affiliate ... claimed"
            return group
        ent = self.ent_at(tok.i)
        if ent is not None and ent.label_ == "ORG" and self._not_an_organisation(ent):
            ent = None
        ent = ent if ent is not None and ent.label_ in ("ORG", "NORP", "FAC") else None
        if ent is not None:
            return self._organisation(ent)
        return self._generic(phrase, "organisation" if any(t.pos_ == "PROPN" for t in phrase) else "actor")

    def _organisation(self, ent: Span) -> str:
        """A named organisation; institutions known to speak for a state ("the Pentagon") get its country."""
        return self._named_organisation(ent.text, self._country_of_tokens(ent), ent)

    def _named_organisation(self, text: str, iso: str | None, mention) -> str:
        force = gazetteer.armed_force_country(text)
        if force:  # "the IDF said": the state's armed force, one node whatever the article called it
            return self.armed_force(force, mention)
        agency = gazetteer.news_agency(text)
        if agency is None:
            person = self._person_named(text)
            if person is not None:  # "Zhuravlev said" after "Igor Zhuravlev": the model took him for an org
                return self.person(person, mention)
            told = self._told_before(text)
            if told is not None:  # "the Observatory" after "the Syrian Observatory for Human Rights"
                return self._add_actor(self.actors[told], mention)
        iso = gazetteer.institution_country(text) or iso
        # the same key and label in every document, whichever of its names the article used
        name = agency[0] if agency else (actornames.organisation_name(text) or self.acronyms.get(text.strip())
                                         or gazetteer.canonical_name(text))
        if agency is None and iso is None and name == text.strip().removeprefix("the ").removeprefix("The ") \
                and re.fullmatch(r"[A-Z][a-z]+", name) and not actornames.GROUP_NAMES.get(name.lower()):
            # one unknown capitalised word ("Smirnov said", "Mrochko"): as likely a surname the model took for an
            # organisation as an organisation; the key is this document's, so no other article's is merged with it
            key = f"{self.key}-{gazetteer.slug(name)}"
            self.named_generic.add(key)
            return self._add_actor(Actor(key=key, label=name, kind="organisation"), mention)
        group = actornames.GROUP_NAMES.get(name.lower())
        last = name.lower().split()[-1] if name.split() else ""
        if group is None and iso is None and len(name.split()) >= 2 and last in actornames.GROUP_NAME_LAST_WORDS:
            group = name  # "the Allied Democratic Forces", "the Arakan Rohingya Salvation Army": a group by its name
        if group:  # "the Kachin Independence Army (KIA)", then "KIA said"
            return self._add_actor(Actor(key=f"group-{gazetteer.slug(group)}", label=group, kind="armed_group"),
                                   mention)
        return self._add_actor(Actor(key=f"org-{gazetteer.slug(name)}", label=name, kind="organisation",
                                     country=iso), mention)

    def _person_named(self, text: str) -> str | None:
        """The full name of this article's person that ``text`` is, or is the surname of."""
        name = " ".join(text.split())
        if name in self.persons:
            return name
        if len(name.split()) == 1:
            return next((p["label"] for p in self.persons.values() if p["surname"] == name and p["label"] != name),
                        None)
        return None

    def _told_before(self, text: str) -> str | None:
        """The named organisation or group told earlier whose name holds ``text``, one capitalised word."""
        word = text.strip().removeprefix("the ").removeprefix("The ")
        if " " in word or not word[:1].isupper() or word.isupper() or word.lower() in GENERIC_ORG_WORDS:
            return None  # not "the Army" for "the Arakan Army": a generic word is no short form of a name
        pattern = re.compile(r"\b" + re.escape(word.lower()) + r"\b")
        return next((key for key, a in self.actors.items() if a.kind in ("organisation", "armed_group")
                     and key.startswith(("org-", "group-")) and a.label.lower() != word.lower()
                     and pattern.search(a.label.lower())), None)

    def _acronyms(self) -> dict[str, str]:
        """Acronyms the article defines ("the Syrian Democratic Forces (SDF)") → the name they stand for."""
        out: dict[str, str] = {}
        for m in ACRONYM_DEFINED.finditer(self.document.text):
            words, acronym = m.group(1).split(" "), m.group(2)
            letters = acronym.replace(".", "").upper()
            for start in range(len(words)):  # the shortest tail of the words whose initials spell it
                tail = words[start:]        # ("Suspected Allied Democratic Forces (ADF)": not "Suspected")
                initials = "".join(w[0] for w in re.split(r"[\s-]+", " ".join(tail)) if w[:1].isupper())
                if initials == letters and len(letters) >= 2 and tail[0][:1].isupper():
                    out.setdefault(acronym, gazetteer.canonical_name(" ".join(tail)))
                    break
        return out

    def side(self, word: Token) -> str:
        """The side a word before an attack noun names ("a jihadist attack" → the jihadists): the same unnamed armed
        group as "the jihadists" told elsewhere in the document."""
        label = word.lower_ + "s"
        return self._add_actor(Actor(key=f"{self.key}-{gazetteer.slug(label)}", label=label, kind="armed_group",
                                     country=None), self.doc[word.i:word.i + 1])

    def _generic(self, phrase: Span, kind: str) -> str:
        """An unnamed actor ("officials", "two anti-Kremlin groups"): scoped to this document."""
        label = strip_det(phrase).text.strip()
        bare = NUMBER_PREFIX.sub("", label.lower())
        key = f"{self.key}-{gazetteer.slug(bare)}"
        country = self._country_of_tokens(phrase)
        if any(t.pos_ == "PROPN" and (t.is_title or t.is_upper and len(t.text) >= 2 and t.is_alpha)
               and t.i > t.sent.start and not self.doc[t.i - 1].is_space
               and t.ent_type_ not in ("NORP", "GPE", "DATE") and t.lower_ not in GROUP_NOUNS | FORCE_NOUNS
               and not gazetteer.demonym_country(t.text) for t in phrase):
            self.named_generic.add(key)  # "the Jaime Martínez front", "the Viv Ansanm gang coalition"
        return self._add_actor(Actor(key=key, label=label, kind=kind, country=country), phrase)

    def name_the_group(self) -> dict[str, str]:
        """"The group", "the militants", "the terrorist group": an unnamed armed group in a story that names armed
        groups is the one it names most (first named, on a tie): "X Front fighters ambushed a convoy ... the group
        also attacked a checkpoint". Its words become mentions of the named group; returns {unnamed actor key: the
        named group's key} for the events and claims that hold one."""
        named = [a for a in self.actors.values() if a.kind == "armed_group" and self.is_named(a.key)
                 and a.country is None]
        if not named:
            return {}
        group = max(named, key=lambda a: (len(a.mentions), -min((m.start for m in a.mentions), default=0)))
        merged = {}
        for key, a in list(self.actors.items()):
            words = a.label.split()
            if self.is_named(key) or a.country or not words or len(words) > 3 or words[-1] not in GENERIC_GROUPS \
                    or a.kind not in ("armed_group", "actor") or a.label != a.label.lower():
                # not "Lashkar militants", "Sunni extremist group": a name or a side of its own
                continue
            group.mentions.extend(m for m in a.mentions if m not in group.mentions)
            del self.actors[key]
            merged[key] = group.key
        group.mentions.sort(key=lambda m: (m.start, m.end))
        return merged

    def is_named(self, actor_key: str | None) -> bool:
        """Does an actor have a name of its own (a global key, or a described group with a proper name)?"""
        return actor_key is not None and (not actor_key.startswith(self.key) or actor_key in self.named_generic)

    def state_of(self, actor_key: str | None) -> str | None:
        """ISO code of the state an actor belongs to (itself for a state)."""
        if actor_key is None:
            return None
        actor = self.actors.get(actor_key)
        return actor.country if actor else None

    def facility(self, phrase: Span, place: str | None) -> str:
        label = strip_det(phrase).text.strip()
        key = f"{self.key}-{gazetteer.slug(label)}"
        fac = self.facilities.setdefault(key, Facility(key=key, label=label, place=place))
        add_mention(fac.mentions, phrase)
        return key
