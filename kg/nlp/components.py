"""kg's spaCy components.

``kg_gazetteer`` runs after the statistical NER and corrects what the small
English model gets wrong about places: it tags "Belgorod" as NORP and
"Krasnodar" as ORG.  Any entity (or run of proper nouns) whose whole text is a
known country or GeoNames city, and is not a demonym, becomes a GPE; so does a
proper noun after "the town of", "the village of"...; a demonym tagged as a
place ("Ukrainian" as GPE) becomes NORP.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg import gazetteer

TITLES = {"Mayor", "Governor", "President", "Minister", "Spokesman", "Spokeswoman", "Spokesperson", "Commander",
          "General", "Gen.", "Colonel", "Col.", "Maj.", "Lt.", "Capt.", "Chief", "Secretary", "Ambassador",
          "Envoy", "Director", "Prosecutor", "Senator", "Prime"}
LOCATIVE = {"in", "near", "at", "outside", "around", "of", "from", "into", "across", "towards", "toward"}
RELABEL = {"NORP", "ORG", "GPE", "LOC", "FAC", "PERSON"}


@Language.component("kg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser otherwise runs a quote-final sentence into the next paragraph."""
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory(
    "kg_gazetteer",
    assigns=["doc.ents"],
    requires=["doc.ents", "token.pos"],
    default_config={"overwrite_person": False},
)
def make_gazetteer(nlp: Language, name: str, *, overwrite_person: bool) -> "Gazetteer":
    return Gazetteer(nlp, name, overwrite_person=overwrite_person)


PLACE_NOUNS = {"town", "city", "village", "district", "province", "region", "suburb", "neighbourhood",
               "neighborhood", "camp", "port", "capital", "county", "municipality", "settlement"}


def _after_place_noun(doc: Doc, i: int) -> bool:
    """ "the town of Ariha": a proper noun right after a place noun and "of"."""
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS


def is_place_text(text: str, *, primary_only: bool = True) -> bool:
    """A known country or city name that is not a demonym (primary GeoNames names only by default)."""
    return gazetteer.demonym_country(text) is None and gazetteer.is_known_place(text, primary_only=primary_only)


class Gazetteer:
    """Relabel place entities the statistical NER missed or mislabelled."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", *, overwrite_person: bool = False):
        self.name = name
        self.overwrite_person = overwrite_person

    def __call__(self, doc: Doc) -> Doc:
        new: list[Span] = list(self._titled_people(doc))
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "NORP") and ent.text.lower() in gazetteer.KNOWN_ARMED_GROUPS:
                new.append(Span(doc, ent.start, ent.end, label="ORG"))  # "M23" is a group, not a place
                continue
            if ent.label_ in ("GPE", "ORG", "LOC") and gazetteer.demonym_country(ent.text):
                new.append(Span(doc, ent.start, ent.end, label="NORP"))  # "Ukrainian" is not a place
                continue
            if ent.label_ == "GPE" or ent.label_ not in RELABEL:
                continue
            if ent.label_ == "PERSON" and not self.overwrite_person and not (
                ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
            ) and not (gazetteer.capital_country(ent.text) or gazetteer.country_code(ent.text)):
                continue  # a name is a person unless it follows "in", "near", "of"...
            after_locative = ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE
            if is_place_text(ent.text, primary_only=not after_locative):  # "in Khan Younis": alternates too
                new.append(Span(doc, ent.start, ent.end, label="GPE"))
        new.extend(self._proper_noun_runs(doc))
        if new:
            kept = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in new)]
            doc.ents = filter_spans(kept + new)
        return doc

    def _titled_people(self, doc: Doc):
        """ "Mayor Ihor Terekhov", "Governor Alexander Bogomaz": capitalised names after a title are people."""
        for i, tok in enumerate(doc[:-1]):
            if tok.text not in TITLES:
                continue
            j = i + 1
            while j < len(doc) and j - i <= 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j].text not in TITLES:
                j += 1
            if j - i >= 3 and not any(doc[k].ent_type_ in ("PERSON",) for k in range(i + 1, j)):
                yield Span(doc, i + 1, j, label="PERSON")

    def _proper_noun_runs(self, doc: Doc):
        """Runs of proper nouns that name a known place, or follow "the town of", "the village of"..."""
        i = 0
        while i < len(doc):
            tok = doc[i]
            if tok.pos_ == "PROPN" and tok.is_title and (not tok.ent_type_ or _after_place_noun(doc, i)):
                j = i
                while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j + 1].is_title and (
                        not doc[j + 1].ent_type_ or _after_place_noun(doc, i)):
                    j += 1
                span = doc[i : j + 1]
                if _after_place_noun(doc, i) and not (tok.ent_type_ in ("GPE", "LOC", "FAC")):
                    yield Span(doc, span.start, span.end, label="GPE")
                elif not tok.ent_type_ and is_place_text(span.text):
                    yield Span(doc, span.start, span.end, label="GPE")
                i = j + 1
            else:
                i += 1

    # stateless: config only, but keep the serialisation API symmetric
    def to_disk(self, path, *, exclude=tuple()):
        return None

    def from_disk(self, path, *, exclude=tuple()):
        return self
