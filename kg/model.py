"""Plain dataclasses: the only thing extraction and the RDF mapping share.

Nothing here imports spaCy or rdflib.  Character offsets are always into
``Document.text`` (the article body, after any ``date`` header was removed);
``Document.body_offset`` says where that body starts in the file as read, so
spans can be reported against the original file too.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# Characters no RDF literal (and no spaCy string) can hold: NUL and lone surrogates.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with each unstorable character replaced by U+FFFD, one for one, so offsets still hold."""
    return UNSTORABLE.sub("\ufffd", text)


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character span ``[start, end)`` of ``Document.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: the span, its sentence, how sure we are and who said so."""

    span: Span
    sentence: Span
    confidence: float
    extractor: str


@dataclass
class Document:
    id: str
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """sha256 over the id, the publication date and the text: the document's identity."""
        h = hashlib.sha256()
        h.update(self.id.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
        h.update((self.published.isoformat() if self.published else "").encode())
        h.update(b"\x00")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    @property
    def key(self) -> str:
        """Short stable key used inside IRIs."""
        return self.content_hash[:16]


@dataclass
class Place:
    """A named place. ``key`` is stable across documents (GeoNames id or ISO code)."""

    key: str
    label: str
    country: str | None = None  # ISO 3166-1 alpha-2
    kind: str = "place"  # "country" | "region" | "city" | "place"
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Actor:
    """A participant: state, armed force, group, organisation or person.

    ``key`` is global (same IRI in every document) when the actor is named or
    resolved to a state; document-scoped (prefixed with the document key) for
    unnamed ones like "officials".
    """

    key: str
    label: str
    kind: str = "actor"  # one of kg.codes.ACTOR_KINDS
    country: str | None = None  # ISO alpha-2 of the state it belongs to
    role: str | None = None  # e.g. "governor of Belgorod region"
    role_span: Span | None = None  # the words of this document that give the role
    affiliation: str | None = None  # key of another actor (usually a state)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Facility:
    """A target that is a thing, not an actor: "a medical clinic", "a residential building"."""

    key: str
    label: str
    place: str | None = None  # Place.key
    mentions: list[Span] = field(default_factory=list)


@dataclass
class TimeRef:
    """When an event happened, as the text says it and as resolved.

    Exactly one of: ``day`` set (an instant), ``start``/``end`` set (an
    interval), or neither (``unresolved`` when a relative phrase could not be
    anchored because the document has no publication date).
    """

    text: str
    day: date | None = None
    start: date | None = None
    end: date | None = None
    unresolved: bool = False
    span: Span | None = None  # where the text says it, when known


@dataclass
class Count:
    """A qualified casualty count: "at least two" → min 2, max None, at_least."""

    kind: str  # killed | injured | missing
    min: int | None
    max: int | None
    qualifier: str  # a kg.codes.QUALIFIERS notation
    text: str
    evidence: Evidence


@dataclass
class Event:
    id: str  # stable within the document: "<start>-<end>" of the first trigger
    type: str  # a kg.codes.EVENT_TYPES notation
    evidence: Evidence
    mentions: list[Span] = field(default_factory=list)
    attacker: str | None = None  # Actor.key
    target: str | None = None  # Actor.key / Facility.key / Place.key
    target_text: str | None = None
    place: str | None = None  # Place.key
    time: TimeRef | None = None
    instruments: list[str] = field(default_factory=list)  # kg.codes.WEAPONS notations
    instrument_text: list[str] = field(default_factory=list)
    counts: dict[str, Count] = field(default_factory=dict)
    # where the text gives each argument: "attacker", "target", "place", "time" → the span that supports it
    support: dict[str, Evidence] = field(default_factory=dict)
    # an argument a later pass chose over the rules' reading → that pass's component name ("place" → kg.places.v1)
    decided_by: dict[str, str] = field(default_factory=dict)


@dataclass
class Claim:
    id: str
    kind: str  # a kg.codes.CLAIM_KINDS notation
    speaker: str  # Actor.key
    evidence: Evidence
    event: str | None = None  # Event.id
    accused: str | None = None  # Actor.key
    hedged: bool = False
    negated: bool = False
    quote: str | None = None
    quote_span: Span | None = None  # where the quote stands in the text, when it stands there as written


@dataclass
class Extraction:
    """Everything found in one document."""

    document: Document
    extractor_version: str
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    facilities: dict[str, Facility] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, sp: Span) -> Span | None:
        """The sentence holding a span: the last one starting at or before it (sentences are in order and do not
        overlap), found by bisection over their starts, not by a pass over all of them for each span (quadratic
        in a long text)."""
        i = bisect_right(self._sentence_starts, sp.start) - 1
        s = self.sentences[i] if i >= 0 else None
        return s if s is not None and sp.end <= s.end else None

    def place_mentions(self, key: str) -> list[Span]:
        """The words that name a place as a place: for a country, not those naming the state that acts ("Russia
        said"), which share its key but denote the state."""
        place = self.places[key]
        state = self.actors.get(key) if place.kind == "country" else None
        if state is None:
            return place.mentions
        acting = set(state.mentions)
        return [sp for sp in place.mentions if sp not in acting]
