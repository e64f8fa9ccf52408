"""What the report shows, as views of the graph: the report's own SPARQL queries (``kg/report/queries/*.rq``) and
the bundled ``timeline`` query, run on an embedded store, their rows gathered into one :class:`ReportView` — the
documents, the events with their casualty counts and claims, and the spans of text that support them.

The views are named as such so that they are not taken for kg's model (:mod:`kg.model`), whose ``Count``,
``Event``, ``Claim`` and ``Document`` are what extraction finds in an article.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from kg.codes import EVENT_TYPES
from kg.store.query import query_store
from kg.store.resources import QueryInfo, bundled_queries, parse_header

COUNT_KINDS = ("killed", "injured", "missing")


def report_query(name: str) -> QueryInfo:
    """One of the report's own queries (``kg/report/queries/NAME.rq``)."""
    text = (resources.files("kg.report") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return parse_header(name, text)


@dataclass
class CountView:
    """A casualty count of an event (kgo:CasualtyCount): its kind, bounds, qualifier and words."""

    kind: str
    iri: str
    min: int | None
    max: int | None
    qualifier: str | None
    text: str | None
    anchor: str | None = None  # id of its evidence in the source text

    def as_json(self) -> str:
        return json.dumps({"q": self.qualifier, "min": self.min, "max": self.max, "t": self.text},
                          ensure_ascii=False, separators=(",", ":"))


@dataclass
class SpanView:
    """A span of a document's text that supports a statement (an attack, a claim or a count)."""

    doc: str
    begin: int
    end: int
    cls: str
    statement: str
    anchor: str = ""


@dataclass
class ClaimView:
    """A claim (kgo:Claim) as the report shows it, with the spans that tell it."""

    iri: str
    doc: str | None
    kind: str
    speaker: str | None
    accused: str | None
    event: str | None
    quote: str | None
    hedged: bool
    negated: bool
    confidence: str | None
    id: str = ""
    spans: list[SpanView] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        return self.spans[0].anchor if self.spans else None


def by_name(name: str) -> tuple[str, str]:
    """A sort key for names shown to people: case-blind, and one order for names that differ only in case."""
    return name.casefold(), name


def type_label(notation: str) -> str:
    """An event type's English label, from the registry of codes (a notation it does not know, with spaces for its
    underscores, as the report always showed them)."""
    code = EVENT_TYPES.get(notation)
    return code.label if code else notation.replace("_", " ")


@dataclass
class EventView:
    """An attack (kgo:Attack) as the report shows it: where, when, who, its counts, claims and spans."""

    iri: str
    doc: str | None
    type: str
    label: str | None
    place: str | None = None
    place_label: str | None = None
    country: str | None = None
    country_label: str | None = None
    lon: float | None = None
    lat: float | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None
    time_text: str | None = None
    unresolved: bool = False
    confidence: str | None = None
    attackers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    target_text: list[str] = field(default_factory=list)
    counts: dict[str, CountView] = field(default_factory=dict)
    claims: list[ClaimView] = field(default_factory=list)
    spans: list[SpanView] = field(default_factory=list)
    id: str = ""

    @property
    def type_label(self) -> str:
        return type_label(self.type)

    @property
    def first(self) -> str | None:
        return self.date or self.start

    @property
    def last(self) -> str | None:
        return self.date or self.end

    @property
    def anchor(self) -> str | None:
        return self.spans[0].anchor if self.spans else None

    @property
    def where(self) -> str:
        """The place with its country: "Dnipro, Ukraine"; a country alone; "" when unknown."""
        if not self.place_label:
            return ""
        if self.country_label and self.country_label != self.place_label:
            return f"{self.place_label}, {self.country_label}"
        if self.country and not self.country_label and self.country != self.place_label:
            return f"{self.place_label} ({self.country})"
        return self.place_label

    @property
    def heading(self) -> str:
        return self.label or " ".join(x for x in (self.type_label, "in " + self.place_label if self.place_label else "",
                                                   self.first or "") if x)

    @property
    def actors(self) -> list[str]:
        names = list(self.attackers) + list(self.targets)
        for c in self.claims:
            names += [x for x in (c.speaker, c.accused) if x]
        return sorted(set(names), key=by_name)


@dataclass
class DocumentView:
    """A source article: its text, metadata and every evidence span in it."""

    iri: str
    text: str
    identifier: str | None
    title: str | None
    published: str | None
    url: str | None
    id: str = ""
    spans: list[SpanView] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.title or self.identifier or self.iri


@dataclass
class ReportView:
    """Everything the page shows, in the order it shows it (events earliest first)."""

    documents: list[DocumentView]
    events: list[EventView]
    claims: list[ClaimView]
    timeline: list[dict[str, str | None]]


def _int(v: str | None) -> int | None:
    if v is None:
        return None
    try:
        return int(v)
    except ValueError:
        try:
            return int(float(v))
        except ValueError:
            return None


def _bool(v: str | None) -> bool:
    return v in ("true", "1")


_POINT = re.compile(r"POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)", re.I)


def _point(wkt: str | None) -> tuple[float, float] | None:
    m = _POINT.search(wkt or "")
    if not m:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


class _Ids:
    """Readable, unique, attribute-safe ids for HTML elements, derived from IRIs."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, prefix: str, iri: str) -> str:
        tail = _ID_UNSAFE.sub("-", iri.rstrip("/").rsplit("/", 1)[-1]).strip("-")[:60] or "x"
        base = f"{prefix}-{tail}"
        out, n = base, 1
        while out in self.used:
            n += 1
            out = f"{base}-{n}"
        self.used.add(out)
        return out


def collect(store: ox.Store) -> ReportView:
    """Run the report's queries on ``store`` and assemble what the page shows."""
    ids = _Ids()
    run = lambda name: query_store(store, report_query(name)).rows  # noqa: E731

    documents: dict[str, DocumentView] = {}
    for r in run("documents"):
        if r["doc"] in documents:
            continue
        documents[r["doc"]] = DocumentView(r["doc"], r["text"] or "", r["identifier"], r["title"], r["published"],
                                       r["url"])
    for i, d in enumerate(documents.values()):
        d.id = f"doc-{i + 1}"

    events: dict[str, EventView] = {}
    for r in run("events"):
        ev = events.get(r["event"])
        if ev is None:
            ev = events[r["event"]] = EventView(r["event"], r["doc"], r["type"] or "other_attack", r["label"])
        for attr, col in (("place", "place"), ("place_label", "placeLabel"), ("country", "country"),
                          ("country_label", "countryLabel"), ("date", "date"), ("start", "dateStart"),
                          ("end", "dateEnd"), ("time_text", "timeText"), ("confidence", "confidence")):
            if getattr(ev, attr) is None and r[col] is not None:
                setattr(ev, attr, r[col])
        ev.unresolved = ev.unresolved or _bool(r["unresolved"])
        if ev.lon is None and (pt := _point(r["wkt"])):
            ev.lon, ev.lat = pt

    for r in run("participants"):
        ev = events.get(r["event"])
        if ev is None or not r["label"]:
            continue
        bucket = {"attacker": ev.attackers, "target": ev.targets, "targetText": ev.target_text}.get(r["role"])
        if bucket is not None and r["label"] not in bucket:
            bucket.append(r["label"])

    counts: dict[str, CountView] = {}
    for r in run("counts"):
        ev = events.get(r["event"])
        if ev is None or r["kind"] not in COUNT_KINDS or r["kind"] in ev.counts:
            continue
        c = CountView(r["kind"], r["count"], _int(r["min"]), _int(r["max"]), r["qualifier"], r["text"])
        ev.counts[r["kind"]] = counts[r["count"]] = c

    claims: dict[str, ClaimView] = {}
    for r in run("claims"):
        if r["claim"] in claims:
            continue
        c = ClaimView(r["claim"], r["doc"], r["kind"], r["speakerLabel"], r["accusedLabel"], r["event"], r["quote"],
                  _bool(r["hedged"]), _bool(r["negated"]), r["confidence"])
        claims[c.iri] = c

    for r in run("spans"):
        doc = documents.get(r["doc"])
        b, end = _int(r["begin"]), _int(r["end"])
        if doc is None or b is None or end is None or not (0 <= b < end <= len(doc.text)):
            continue
        sp = SpanView(doc.iri, b, end, r["class"], r["statement"], f"src-{doc.id[4:]}-{b}-{end}")
        doc.spans.append(sp)
        owner = events.get(sp.statement) or claims.get(sp.statement)
        if owner is not None:
            owner.spans.append(sp)
        elif (c := counts.get(sp.statement)) is not None and c.anchor is None:
            c.anchor = sp.anchor

    for c in claims.values():
        if c.event in events:
            events[c.event].claims.append(c)

    doc_order = {iri: i for i, iri in enumerate(documents)}
    first_begin = lambda x: min((s.begin for s in x.spans), default=0)  # noqa: E731
    for x in list(events.values()) + list(claims.values()):
        x.spans.sort(key=lambda s: (s.begin, s.end))
    ordered_claims = sorted(claims.values(), key=lambda c: (doc_order.get(c.doc, 1 << 30), first_begin(c), c.iri))
    for c in ordered_claims:
        c.id = ids.make("claim", c.iri)
    ordered = sorted(events.values(), key=lambda ev: (ev.first is None, ev.first or "", ev.last or "",
                                                      doc_order.get(ev.doc, 1 << 30), first_begin(ev), ev.iri))
    for ev in ordered:
        ev.id = ids.make("event", ev.iri)
        ev.claims.sort(key=lambda c: (first_begin(c), c.iri))

    timeline = query_store(store, bundled_queries()["timeline"]).rows
    return ReportView(list(documents.values()), ordered, ordered_claims, timeline)
