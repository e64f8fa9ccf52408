"""kg's spaCy components.

``kg_gazetteer`` runs after the statistical NER and corrects what the small
English model gets wrong about places: it tags "Belgorod" as NORP and
"Krasnodar" as ORG.  Any entity (or run of proper nouns) whose whole text is a
known country or GeoNames city, and is not a demonym, becomes a GPE; so does a
proper noun after "the town of", "the village of"...; a demonym tagged as a
place ("Ukrainian" as GPE) becomes NORP.
"""

from __future__ import annotations

import re

from spacy.attrs import ENT_TYPE, LEMMA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import actornames, gazetteer
from kg.lexicon import (AREA_NOUNS, ARMED_SUBJECTS, BUILDING_NOUNS, LIST_CLOSERS, LIST_WORDS, LOCATIVE,
                        NAME_ROLE_NOUNS, NAMING_PLACE_NOUNS, NEAR, SAINT_WORDS, TITLES, VERB_TRIGGERS, WORSHIP_NOUNS)

RELABEL = {"NORP", "ORG", "GPE", "LOC", "FAC", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"}
# the last word of a feast day's name, which the small model takes for a building or a place ("on Easter Sunday",
# "celebrating Independence Day"): a date
FEAST_DAY_ENDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Day", "Eve"}
# a people's adjective the small model takes for a place before armed men ("the Karen fighters"): the endings of
# demonyms
DEMONYM_END = re.compile(r"(?:an|ese|ish|i)$")
# the nouns after a name that make it a settlement, whatever the small model took the name for ("Faladie district",
# "the Tarvo communities", "the Dolyn city", "the Kamo camp", a PERSON, an ORG or a PRODUCT to it):
# AREA_NOUNS with the city, the community and the camp
NAMED_AREA_NOUNS = AREA_NOUNS | {"city", "community", "communities", "camp"}


RUN_ON_TOKENS = 120  # no news sentence is longer without a full stop; scraped lists and tables are
RUN_ON_HARD_LIMIT = 200
CLAUSE_BREAKS = {",", ";", ":", "—", "–"}


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser otherwise runs a quote-final sentence into the next paragraph.

    A run-on of more than ``RUN_ON_TOKENS`` tokens with no full stop (a scraped list, a table flattened into
    one line, a 50,000-character "sentence") is cut after its next comma or semicolon, and at the latest
    after ``RUN_ON_HARD_LIMIT`` tokens: parsing and extraction cost grows faster than linearly with
    sentence length, and such text holds no sentence a reader would recognise anyway."""
    run = 0
    for i, tok in enumerate(doc[:-1]):
        run += 1
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
            run = 0
        elif tok.text in (".", "!", "?"):
            run = 0
        elif run >= RUN_ON_HARD_LIMIT or (run >= RUN_ON_TOKENS and tok.text in CLAUSE_BREAKS):
            doc[i + 1].is_sent_start = True
            run = 0
    return doc


@Language.factory(
    "kg_gazetteer",
    assigns=["doc.ents"],
    requires=["doc.ents", "token.pos"],
    default_config={"overwrite_person": False},
)
def make_gazetteer(nlp: Language, name: str, *, overwrite_person: bool) -> "Gazetteer":
    return Gazetteer(nlp, name, overwrite_person=overwrite_person)


def list_gap(words: set[str] | frozenset[str]) -> bool:
    """May these words stand between two names of a list of places? Commas, "and", "as well as", "in addition
    to", settlement nouns ("and the villages of"); a comma or an "and" among them; an "in" only within "in
    addition to" or "as well as in" (", in Bishnupur district" makes an address)."""
    return bool(words) and words <= LIST_WORDS and bool(words & {",", "and"}) and (
        "in" not in words or bool(words & {"addition", "well"}))


def _split_possessives(doc: Doc) -> None:
    """A place entity the model ran across a possessive is two names or one: "North Cotabato's Arakan" is Arakan,
    held by North Cotabato; "Saudi Arabia's" is Saudi Arabia."""
    if not any(t.tag_ == "POS" for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC") for t in e):
        return
    out = []
    for e in doc.ents:
        cut = next((t.i for t in e if t.tag_ == "POS"), None) if e.label_ in ("GPE", "LOC", "FAC") and \
            e[0].lower_ not in SAINT_WORDS else None  # "St Mark's Cathedral" is one name
        if cut is None:
            out.append(e)
            continue
        if cut > e.start:
            out.append(Span(doc, e.start, cut, label=e.label_))
        if cut + 1 < e.end:
            out.append(Span(doc, cut + 1, e.end, label=e.label_))
    doc.ents = out


# a clock time the model ran into the place name after it ("at 6.15am Camp Tala"); a headline's attack word after
# the place ("Sailors Hurt After Kadara Port Attack")
_CLOCK = re.compile(r"\d{1,2}(?:[.:]\d{2})?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}[.:]\d{2}", re.IGNORECASE)
_HEADLINE_ATTACK_WORDS = frozenset({"attack", "attacks", "strike", "strikes", "bombing", "bombings", "blast", "blasts",
                                    "raid", "raids", "shelling", "ambush", "massacre", "explosion", "explosions"})


def _trim_places(doc: Doc) -> None:
    """Place entities without a clock time before the name or a capitalised attack word after it."""
    ents, changed = [], False
    for ent in doc.ents:
        start, end = ent.start, ent.end
        if ent.label_ in ("GPE", "LOC", "FAC"):
            while start < end and _CLOCK.fullmatch(doc[start].text):
                start += 1
            while end - start > 1 and doc[end - 1].is_title and doc[end - 1].lower_ in _HEADLINE_ATTACK_WORDS:
                end -= 1
        if (start, end) != (ent.start, ent.end):
            changed = True
            if start < end:
                ents.append(Span(doc, start, end, label=ent.label_))
            continue
        ents.append(ent)
    if changed:
        doc.ents = ents


def _overlay(doc: Doc, spans: list[Span]) -> None:
    """Set ``spans`` as entities of ``doc``, in place of the entities they overlap."""
    if spans:
        kept = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in spans)]
        doc.ents = filter_spans(kept + spans)


def _after_place_noun(doc: Doc, i: int) -> bool:
    """ "the town of Ariha": a proper noun right after a place noun and "of"."""
    return i >= 2 and doc[i - 1].lower_ == "of" and (doc[i - 2].lower_ in NAMING_PLACE_NOUNS
                                                     or doc[i - 2].lemma_.lower() in NAMING_PLACE_NOUNS)


def _apostrophe_title(word: str) -> bool:
    """A capitalised name with an apostrophe inside, which ``str.istitle`` refuses: "Turmus’ayya", "Za'tara"."""
    return word[:1].isupper() and word[1:2].islower() and any(q in word[2:-1] for q in "’'")


class _Words:
    """A document's token attributes as plain lists, read once per call of the component (``doc[i]`` makes a new
    Token object on every access): ``text``, ``lower``, ``pos``, ``ent_type`` (as the NER left them), ``title``
    (``is_title``) and ``after_place_noun`` (:func:`_after_place_noun`)."""

    __slots__ = ("text", "lower", "pos", "ent_type", "title", "after_place_noun")

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA, POS, ENT_TYPE]).T.tolist() if len(doc) else [[]] * 5
        self.text, self.lower, lemma, self.pos, self.ent_type = ([strings[h] for h in column] for column in rows)
        self.title = [t.istitle() or _apostrophe_title(t) for t in self.text]
        naming = [w in NAMING_PLACE_NOUNS or m.lower() in NAMING_PLACE_NOUNS for w, m in zip(self.lower, lemma)]
        self.after_place_noun = [i >= 2 and self.lower[i - 1] == "of" and naming[i - 2] for i in range(len(doc))]


def is_place_text(text: str, *, primary_only: bool = True) -> bool:
    """A known country or city name that is not a demonym (primary GeoNames names only by default)."""
    return gazetteer.demonym_country(text) is None and gazetteer.is_known_place(text, primary_only=primary_only)


class Gazetteer:
    """Relabel place entities the statistical NER missed or mislabelled."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", *, overwrite_person: bool = False):
        self.name = name
        self.overwrite_person = overwrite_person

    def __call__(self, doc: Doc) -> Doc:
        words = _Words(doc)
        new: list[Span] = list(self._titled_people(doc, words))
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "NORP") and ent.text.lower() in actornames.KNOWN_ARMED_GROUPS:
                new.append(Span(doc, ent.start, ent.end, label="ORG"))  # "M23" is a group, not a place
                continue
            if ent.label_ in ("GPE", "ORG", "LOC") and gazetteer.demonym_country(ent.text):
                new.append(Span(doc, ent.start, ent.end, label="NORP"))  # "Ukrainian" is not a place
                continue
            if ent.label_ in ("FAC", "GPE", "LOC", "ORG", "EVENT") and len(ent) > 1 and ent[-1].text in FEAST_DAY_ENDS \
                    and ent[0].is_title:
                new.append(Span(doc, ent.start, ent.end, label="DATE"))
                continue
            if ent.label_ in ("GPE", "LOC") and len(ent) == 1 and ent.root.dep_ in ("amod", "compound") and \
                    ent.root.head.lower_ in ARMED_SUBJECTS and DEMONYM_END.search(ent.text) and \
                    not is_place_text(ent.text, primary_only=False):
                new.append(Span(doc, ent.start, ent.end, label="NORP"))  # the people, not a place
                continue
            if ent.label_ not in ("GPE", "NORP") and len(ent) > 1 and (
                    ent[-1].lower_ in AREA_NOUNS and ent[-1].pos_ == "NOUN" or ent[-1].lower_ in NAMED_AREA_NOUNS
                    and ent[-1].is_title) and all(t.pos_ == "PROPN" and t.is_title and t.text not in TITLES
                                                  for t in ent[:-1]):
                # "Buulo Gaduud village" (FAC), "Mir Ali tehsil" (PERSON): the name is a place, the noun says so
                new.append(Span(doc, ent.start, ent.end - 1, label="GPE"))
                continue
            if ent.label_ == "GPE" and ent.root.dep_ in ("compound", "nmod", "amod") and \
                    ent.root.head.lower_ in ARMED_SUBJECTS and gazetteer.country_code(ent.text):
                new.append(Span(doc, ent.start, ent.end, label="NORP"))  # "US forces", "Iran jets": whose, not where
                continue
            if ent[0].lower_ in SAINT_WORDS and ent.end < len(doc) and doc[ent.end].lemma_.lower() in WORSHIP_NOUNS:
                new.append(Span(doc, ent.start, ent.end + 1, label="FAC"))  # "Saint George church": a dedication,
                continue  # though a city was once so named
            if ent.label_ in ("NORP", "PERSON", "LOC", "ORG") and ent.end < len(doc) and \
                    doc[ent.end].lower_ == "state" and not gazetteer.demonym_country(ent.text) and \
                    gazetteer.resolve_region(ent.text) is not None:
                new.append(Span(doc, ent.start, ent.end, label="GPE"))  # "Michoacan state", "Sokoto State": a
                continue  # federal state, not a people or a person
            if ent.label_ == "GPE" or ent.label_ not in RELABEL:
                continue
            if ent.root.dep_ == "compound" and ent.root.head.lemma_.lower() in BUILDING_NOUNS and \
                    is_place_text(ent.text):
                new.append(Span(doc, ent.start, ent.end, label="GPE"))  # "the Timba police station": its town
                continue
            # "in the capital, Naypyitaw, ...", not "hit the town, Hassan said" (an appositive ends with punctuation)
            # "the provincial capital X after dark": no comma between, the noun names the place whatever follows (but
            # "the Bryansk region, Alexander Bogomaz, said" is a person of the region)
            bare_apposition = ent.root.dep_ == "appos" and ent.start > 0 and ent.root.head.i == ent.start - 1 \
                and ent.root.head.lower_ in NAMING_PLACE_NOUNS
            after_comma = ent.start > 1 and doc[ent.start - 1].text == "," and \
                doc[ent.start - 2].lower_ in NAMING_PLACE_NOUNS
            named_place = bare_apposition or (
                (ent.root.dep_ == "appos" and ent.root.head.lower_ in NAMING_PLACE_NOUNS or after_comma)
                and (ent.end == len(doc) or doc[ent.end].is_punct))
            # "a ballistic missile struck Kryvyi Rih": what an attack verb hits is no person when a city is so named
            struck = ent.root.dep_ == "dobj" and ent.root.head.lemma_.lower() in VERB_TRIGGERS
            if ent.label_ == "PERSON" and not self.overwrite_person and not named_place and not struck and not (
                ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
            ) and not (ent.end < len(doc) and doc[ent.end].lower_ in NAMED_AREA_NOUNS
                       and doc[ent.end].pos_ == "NOUN") and not (
                    gazetteer.capital_country(ent.text) or gazetteer.country_code(ent.text)):
                continue  # a name is a person unless it follows "in", "near", "of"...
            after_locative = ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE or named_place or struck
            before_place_noun = ent.end < len(doc) and doc[ent.end].lower_ in (
                AREA_NOUNS if ent.label_ == "NORP" else NAMED_AREA_NOUNS)  # "the Israeli city of X": a people's
            before_camp = ent.end + 1 < len(doc) and doc[ent.end].lower_ == "refugee" and \
                doc[ent.end + 1].lower_ == "camp"
            if is_place_text(ent.text, primary_only=not (after_locative or before_place_noun)):
                new.append(Span(doc, ent.start, ent.end, label="GPE"))  # "in Khan Younis": alternates too
            elif before_place_noun and (ent.label_ != "ORG" or ent[0].is_title and not ent.text.isupper()) or \
                    before_camp or ent[-1].text in ("Island", "Islands") or bare_apposition or (
                    ent.label_ == "PERSON" and len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ in NEAR
                    and not (ent.end < len(doc) and doc[ent.end].tag_ == "POS")):
                # "the Muqdadiyah district", "Gao region", "Ramree Island", "near Intahaka": a place the
                # gazetteer does not know, not a person or a people
                new.append(Span(doc, ent.start, ent.end, label="GPE"))
        new.extend(self._proper_noun_runs(doc, words))
        _overlay(doc, new)
        # each of these reads the entities the one before has set
        for places in (self._coordinated_places, self._listed_places, self._and_names, self._of_names,
                       self._hyphenated_places):
            _overlay(doc, list(places(doc, words)))
        _split_possessives(doc)
        _trim_places(doc)
        return doc

    def _coordinated_places(self, doc: Doc, words: _Words):
        """ "the cities of Deir al-Balah, Rafah, and Khan Younis", "the villages of X and Y": proper nouns
        coordinated with a place after a place noun are places too (the small model calls them persons)."""
        for ent in doc.ents:
            if ent.label_ != "GPE" or not words.after_place_noun[ent.start]:
                continue
            for tok in ent.root.conjuncts:
                if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in ("GPE", "LOC", "NORP", "ORG"):
                    continue
                start = tok.i
                while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
                        and doc[start - 1].pos_ == "PROPN":
                    start -= 1
                yield Span(doc, start, tok.i + 1, label="GPE")

    def _listed_places(self, doc: Doc, words: _Words):
        """ "raids on the villages of Kofra, Dar Amin, and Tessel, in addition to Mabrouk and Ain Sefra": the names a
        list puts beside a place are places, whatever the small model called
        them (persons, organisations, nothing), read off the words between them (commas, "and", "as well as",
        "in addition to", "the villages of"), since the parse of such lists is unreliable. The list must start
        after "in", "of", "near"... or a place noun, be closed by an "and" ("Speaking in Kyiv, Zelensky said" is
        no list), and hold only capitalised names: a person's title, a known armed group or a demonym ends it."""
        ents = {i: e for e in doc.ents for i in range(e.start, e.end)}  # token → the entity over it
        done: set[int] = set()
        for e in doc.ents:
            if e.label_ not in ("GPE", "LOC") or e.start in done:
                continue
            run, gaps = [e], []
            for step in (1, -1):
                at = e
                while (found := self._list_neighbour(doc, at, step, ents, words)) is not None:
                    nxt, gap = found
                    run.insert(len(run) if step > 0 else 0, nxt)
                    gaps.append(gap)
                    at = nxt
            done |= {m.start for m in run}
            first = run[0]
            i = first.start - (first.start > 0 and words.lower[first.start - 1] == "the")
            anchored = i > 0 and (words.lower[i - 1] in LOCATIVE or words.after_place_noun[first.start])
            if len(run) > 1 and anchored and any(LIST_CLOSERS & g for g in gaps):
                yield from (Span(doc, m.start, m.end, label="GPE") for m in run
                            if m.start not in ents or ents[m.start].label_ not in ("GPE", "LOC"))

    @staticmethod
    def _list_neighbour(doc: Doc, at: Span, step: int, ents: dict[int, Span], words: _Words
                        ) -> tuple[Span, set[str]] | None:
        """The name next to ``at`` in a list (after it for ``step`` 1, before it for -1) and the words between,
        or None. ``ents``: token → the entity over it."""
        i = at.end if step > 0 else at.start - 1
        gap: list[str] = []
        while 0 <= i < len(doc) and words.lower[i] in LIST_WORDS and len(gap) < 6:
            gap.append(words.lower[i])
            i += step
        if not list_gap(set(gap)) or not 0 <= i < len(doc):
            return None

        def capital(k: int) -> bool:  # "Zap" is a verb to the small model
            return words.pos[k] in ("PROPN", "NOUN", "VERB", "ADJ") and words.text[k][:1].isupper() \
                and words.text[k][:1].isalpha()
        ent = ents.get(i)
        if ent is not None:
            start, end = ent.start, ent.end
        elif step > 0:
            start = end = i
            while end < len(doc) and (capital(end) or words.text[end] == "-" and end + 1 < len(doc)
                                      and not doc[end - 1].whitespace_ and capital(end + 1)):
                end += 1
        else:
            start, end = i, i + 1
            while start > 0 and (capital(start - 1) or words.text[start - 1] == "-" and start > 1
                                 and not doc[start - 1].whitespace_ and capital(start - 2)):
                start -= 1
        if end <= start:
            return None
        span = doc[start:end]
        label = ent.label_ if ent is not None else "GPE"
        if label not in ("GPE", "LOC", "PERSON", "ORG", "FAC") or not span.text[:1].isupper() \
                or any(words.text[k] in TITLES for k in range(max(0, start - 1), end)) \
                or span.text.lower() in actornames.KNOWN_ARMED_GROUPS or gazetteer.demonym_country(span.text):
            return None  # "President Zelensky", "Hamas", "Ukrainian": no place
        return (span if ent is not None else Span(doc, start, end, label="GPE")), set(gap)

    def _and_names(self, doc: Doc, words: _Words):
        """ "Jammu and Kashmir", "Bosnia and Herzegovina": one place whose name holds "and", not two coordinated
        ones (the small model tags the halves apart)."""
        pos, title = words.pos, words.title
        for i in range(1, len(doc) - 1):
            if words.lower[i] != "and":
                continue
            start, end = i, i + 1
            while start > max(0, i - 3) and pos[start - 1] == "PROPN" and title[start - 1]:
                start -= 1
            while end < min(len(doc), i + 4) and pos[end] == "PROPN" and title[end]:
                end += 1
            if start < i < end - 1 and gazetteer.names_a_place(doc[start:end].text):
                yield Span(doc, start, end, label="GPE")

    def _of_names(self, doc: Doc, words: _Words):
        """ "the Democratic Republic of the Congo", "Central African Republic": a state whose name holds "of", which
        the small model tags as two places ("Democratic Republic", "Congo"); "DR Congo", tagged "DR" and "Congo"."""
        ents = [e for e in doc.ents if e.label_ in ("GPE", "LOC")]
        for first, second in zip(ents, ents[1:]):
            if not all(t.lower_ in ("of", "the") for t in doc[first.end : second.start]):
                continue
            start = first.start + (doc[first.start].lower_ == "the")
            if start < second.start and gazetteer.country_code(doc[start : second.end].text):
                yield Span(doc, start, second.end, label="GPE")

    def _hyphenated_places(self, doc: Doc, words: _Words):
        """ "Croix-des-Bouquets", "Saint-Louis-du-Nord": a place whose name the tokenizer split at its hyphens."""
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            j = ent.end
            while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                    and doc[j + 1].is_alpha:
                j += 2
            if j > ent.end and doc[j - 1].is_title:
                yield Span(doc, ent.start, j, label="GPE")

    def _titled_people(self, doc: Doc, words: _Words):
        """ "Mayor Ihor Terekhov", "Governor Alexander Bogomaz", "M23 spokesman Willy Ngoma", "regional governor
        Volodymyr Artiukh": capitalised names after a title or a lower-case role word are people."""
        text, pos, title = words.text, words.pos, words.title
        for i in range(len(doc) - 1):
            if text[i] not in TITLES and text[i] not in NAME_ROLE_NOUNS:
                continue
            j = i + 1
            while j < len(doc) and j - i <= 3 and pos[j] == "PROPN" and title[j] and text[j] not in TITLES:
                j += 1
            if j - i >= 3 and "PERSON" not in words.ent_type[i + 1 : j] and not (
                    text[i] in NAME_ROLE_NOUNS and (is_place_text(doc[i + 1 : j].text)
                                                    or doc[i + 1 : j].text.lower() in actornames.KNOWN_ARMED_GROUPS)):
                yield Span(doc, i + 1, j, label="PERSON")

    def _proper_noun_runs(self, doc: Doc, words: _Words):
        """Runs of proper nouns that name a known place, or follow "the town of", "the village of"..."""
        pos, title, ent_type, after = words.pos, words.title, words.ent_type, words.after_place_noun
        i = 0
        while i < len(doc):
            named = pos[i] == "PROPN" or (after[i] and pos[i] in ("NOUN", "ADJ", "VERB"))
            if named and title[i] and (not ent_type[i] or after[i]):
                j = i
                while j + 1 < len(doc) and pos[j + 1] == "PROPN" and title[j + 1] and (not ent_type[j + 1] or after[i]):
                    j += 1
                if after[i] and not (ent_type[i] in ("GPE", "LOC", "FAC")):
                    yield Span(doc, i, j + 1, label="GPE")  # "the town of Sake"
                elif not ent_type[i] and is_place_text(doc[i : j + 1].text):
                    yield Span(doc, i, j + 1, label="GPE")
                elif not ent_type[i] and pos[i] == "PROPN" and j + 1 < len(doc) and words.lower[j + 1] in AREA_NOUNS \
                        and pos[j + 1] == "NOUN" and not any(words.text[k] in TITLES for k in range(i, j + 1)):
                    yield Span(doc, i, j + 1, label="GPE")  # "the Barmal district"
                i = j + 1
            else:
                i += 1

    # stateless: config only, but keep the serialisation API symmetric
    def to_disk(self, path, *, exclude=tuple()):
        return None

    def from_disk(self, path, *, exclude=tuple()):
        return self
