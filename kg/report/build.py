"""Build one self-contained HTML report from Turtle files.

The report is a view of the graph: the Turtle is loaded into an embedded Oxigraph store
(:func:`kg.store.query.load_store`) and everything shown comes from SPARQL SELECT queries — the
report's own (``kg/report/queries/*.rq``) and the bundled ``timeline`` query. The page is rendered with
the standard library; every string taken from the graph goes through :func:`html.escape`. Styles and
the script (``kg/report/assets``) are inlined, and a Content-Security-Policy that allows only those two
inline blocks (by hash) keeps the page from loading anything from the network.

Casualty figures are shown as the text qualifies them (``≥ 2``, ``30``, ``> 45``, ``≈ 10``, “dozens”),
an explicit zero as ``0`` and a figure the text does not give as "none reported". Totals add only lower
bounds the text states: a total is exact only when every event in it has an exact figure; otherwise it
is shown as ``≥ N`` with a note saying what it leaves out.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from kg.store.query import load_store, query_store
from kg.store.resources import QueryInfo, bundled_queries, parse_header

COUNT_KINDS = ("killed", "injured", "missing")
CLAIM_KIND_LABEL = {
    "responsibility": "responsibility", "accusation": "accusation", "denial": "denial",
    "report": "report", "threat": "threat",
}
CLASS_CSS = {"Attack": "hl-event", "Claim": "hl-claim", "CasualtyCount": "hl-count"}
CLASS_LABEL = {"Attack": "attack", "Claim": "claim", "CasualtyCount": "casualty count"}


def e(value: object) -> str:
    """HTML-escape anything (quotes too), for text and attribute values alike."""
    return escape("" if value is None else str(value), quote=True)


# ------------------------------------------------------------------------------------------- queries


def report_query(name: str) -> QueryInfo:
    """One of the report's own queries (``kg/report/queries/NAME.rq``)."""
    text = (resources.files("kg.report") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    return parse_header(name, text)


def asset(name: str) -> str:
    return (resources.files("kg.report") / "assets" / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------- the data


@dataclass
class Count:
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
class SpanRef:
    doc: str
    begin: int
    end: int
    cls: str
    statement: str
    anchor: str = ""


@dataclass
class Claim:
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
    spans: list[SpanRef] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        return self.spans[0].anchor if self.spans else None


@dataclass
class Event:
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
    counts: dict[str, Count] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    spans: list[SpanRef] = field(default_factory=list)
    id: str = ""

    @property
    def type_label(self) -> str:
        return self.type.replace("_", " ")

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
        return sorted(set(names), key=str.casefold)


@dataclass
class Document:
    iri: str
    text: str
    identifier: str | None
    title: str | None
    published: str | None
    url: str | None
    id: str = ""
    spans: list[SpanRef] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.title or self.identifier or self.iri


@dataclass
class ReportData:
    documents: list[Document]
    events: list[Event]
    claims: list[Claim]
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


def collect(store: ox.Store) -> ReportData:
    """Run the report's queries on ``store`` and assemble what the page shows."""
    ids = _Ids()
    run = lambda name: query_store(store, report_query(name)).rows  # noqa: E731

    documents: dict[str, Document] = {}
    for r in run("documents"):
        if r["doc"] in documents:
            continue
        documents[r["doc"]] = Document(r["doc"], r["text"] or "", r["identifier"], r["title"], r["published"],
                                       r["url"])
    for i, d in enumerate(documents.values()):
        d.id = f"doc-{i + 1}"

    events: dict[str, Event] = {}
    for r in run("events"):
        ev = events.get(r["event"])
        if ev is None:
            ev = events[r["event"]] = Event(r["event"], r["doc"], r["type"] or "other_attack", r["label"])
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

    counts: dict[str, Count] = {}
    for r in run("counts"):
        ev = events.get(r["event"])
        if ev is None or r["kind"] not in COUNT_KINDS or r["kind"] in ev.counts:
            continue
        c = Count(r["kind"], r["count"], _int(r["min"]), _int(r["max"]), r["qualifier"], r["text"])
        ev.counts[r["kind"]] = counts[r["count"]] = c

    claims: dict[str, Claim] = {}
    for r in run("claims"):
        if r["claim"] in claims:
            continue
        c = Claim(r["claim"], r["doc"], r["kind"], r["speakerLabel"], r["accusedLabel"], r["event"], r["quote"],
                  _bool(r["hedged"]), _bool(r["negated"]), r["confidence"])
        claims[c.iri] = c

    for r in run("spans"):
        doc = documents.get(r["doc"])
        b, end = _int(r["begin"]), _int(r["end"])
        if doc is None or b is None or end is None or not (0 <= b < end <= len(doc.text)):
            continue
        sp = SpanRef(doc.iri, b, end, r["class"], r["statement"], f"src-{doc.id[4:]}-{b}-{end}")
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
    return ReportData(list(documents.values()), ordered, ordered_claims, timeline)


# ------------------------------------------------------------------------------------------- figures


def figure(c: Count | None) -> str:
    """The count as the text qualifies it: "≥ 2", "30", "> 45", "≤ 10", "≈ 10", "10–15", “dozens”; "none reported"."""
    if c is None:
        return "none reported"
    q, lo, hi = c.qualifier, c.min, c.max
    if q == "at_least" and lo is not None:
        return f"≥ {lo}"
    if q == "more_than" and lo is not None:
        return f"> {lo - 1}"
    if q == "at_most" and hi is not None:
        return f"≤ {hi}"
    if q == "approximately" and lo is not None and lo == hi:
        return f"≈ {lo}"
    if q == "vague" or (lo is None and hi is None):
        return f"“{c.text}”" if c.text else "unspecified"
    if lo is not None and lo == hi:
        return str(lo)
    if lo is not None and hi is not None:
        return f"{'≈ ' if q == 'approximately' else ''}{lo}–{hi}"
    return f"≥ {lo}" if lo is not None else f"≤ {hi}"


def _shape(c: Count) -> str:
    """How a count enters a total: exact, lower (a stated lower bound, open above), approx, upper, vague."""
    q, lo, hi = c.qualifier, c.min, c.max
    if q == "approximately":
        return "approx"
    if q == "vague" or (lo is None and hi is None):
        return "vague"
    if lo is None:
        return "upper"
    if hi is not None and hi == lo and q in (None, "exact"):
        return "exact"
    return "lower"


@dataclass
class Total:
    figure: str
    exact: bool
    note: str


def total(counts: Iterable[Count | None]) -> Total:
    """Add up counts without ever turning lower bounds into an exact total.

    The figure is exact only when every count is exact; otherwise it is "≥ N", N the sum of the lower bounds the
    text states (exact figures, "at least", "more than"), and the note says what N leaves out.
    """
    counts = list(counts)
    lower, shapes, approx_sum = 0, defaultdict(int), 0
    for c in counts:
        if c is None:
            shapes["unreported"] += 1
            continue
        s = _shape(c)
        shapes[s] += 1
        if s in ("exact", "lower"):
            lower += c.min or 0
        elif s == "approx" and c.min is not None:
            approx_sum += c.min
    if not counts:
        return Total("–", False, "no events")
    if shapes["unreported"] == len(counts):
        return Total("none reported", False, "")
    exact = shapes["exact"] == len(counts)
    notes = []
    if shapes["lower"]:
        notes.append(f"{shapes['lower']} open-ended")
    if shapes["approx"]:
        notes.append(f"{shapes['approx']} approximate (≈ {approx_sum}, not added)")
    if shapes["upper"]:
        notes.append(f"{shapes['upper']} upper bound only (not added)")
    if shapes["vague"]:
        notes.append(f"{shapes['vague']} without a number")
    if shapes["unreported"]:
        notes.append(f"{shapes['unreported']} not reported")
    return Total(str(lower) if exact else f"≥ {lower}", exact, ", ".join(notes))


# ------------------------------------------------------------------------------------------- rendering


NONE = '<span class="none">—</span>'


def _opt(value: str | None, empty: str = "—") -> str:
    return e(value) if value else f'<span class="none">{e(empty)}</span>'


def _when(ev: Event) -> str:
    if ev.date:
        main = f'<time datetime="{e(ev.date)}">{e(ev.date)}</time>'
    elif ev.start and ev.end:
        main = (f'<time datetime="{e(ev.start)}">{e(ev.start)}</time> – '
                f'<time datetime="{e(ev.end)}">{e(ev.end)}</time>')
    elif ev.unresolved:
        main = '<span class="none">unresolved</span>'
    else:
        main = '<span class="none">—</span>'
    if ev.time_text:
        main += f'<br><span class="said">“{e(ev.time_text)}”</span>'
    return main


def _count_cell(ev: Event, kind: str) -> str:
    c = ev.counts.get(kind)
    attrs = f' data-count="{e(c.as_json())}"' if c else ""
    if c is None:
        return f'<td class="num" data-kind="{kind}"><span class="none">none reported</span></td>'
    text = e(figure(c))
    if c.anchor:
        text = f'<a href="#{e(c.anchor)}" class="to-evidence">{text}</a>'
    zero = ' <span class="said">(explicit)</span>' if c.max == 0 and c.min == 0 else ""
    said = (f'<br><span class="said">“{e(c.text)}”</span>'
            if c.text and _shape(c) != "vague" and c.text.strip() != figure(c) else "")
    return f'<td class="num" data-kind="{kind}"{attrs}>{text}{zero}{said}</td>'


def _claim_line(c: Claim) -> str:
    flags = "".join(f' <span class="flag flag-{f}">{f}</span>' for f, on in (("hedged", c.hedged),
                                                                             ("negated", c.negated)) if on)
    who = f" by {e(c.speaker)}" if c.speaker else ""
    acc = f" → {e(c.accused)}" if c.accused else ""
    return f'<li><a href="#{e(c.id)}">{e(c.kind)}</a>{who}{acc}{flags}</li>'


def _event_row(ev: Event) -> str:
    attrs = {
        "id": ev.id, "data-event": ev.iri, "data-type": ev.type,
        "data-place": json.dumps([x for x in (ev.place_label, ev.country_label or ev.country) if x],
                                 ensure_ascii=False),
        "data-actors": json.dumps(ev.actors, ensure_ascii=False),
        "data-first": ev.first or "", "data-last": ev.last or "",
    }
    if ev.anchor:
        attrs["data-evidence"] = ev.anchor
    head = e(ev.type_label)
    if ev.anchor:
        head = f'<a href="#{e(ev.anchor)}" class="to-evidence" title="show the evidence in the source">{head}</a>'
    target = ev.target_text or ev.targets
    claims = (f'<ul class="claim-list">{"".join(_claim_line(c) for c in ev.claims)}</ul>' if ev.claims
              else '<span class="none">none</span>')
    cells = [
        f'<th scope="row">{head}</th>',
        f"<td>{_when(ev)}</td>",
        f"<td>{_opt(ev.where)}</td>",
        f"<td>{_opt(', '.join(ev.attackers))}</td>",
        f"<td>{_opt(', '.join(target))}</td>",
        *(_count_cell(ev, k) for k in COUNT_KINDS),
        f'<td class="num">{_opt(ev.confidence)}</td>',
        f"<td>{claims}</td>",
    ]
    attr_text = " ".join(f'{k}="{e(v)}"' for k, v in attrs.items())
    return f"<tr {attr_text}>{''.join(cells)}</tr>"


def _totals_row(events: list[Event]) -> str:
    cells = []
    for k in COUNT_KINDS:
        t = total(ev.counts.get(k) for ev in events)
        note = f'<br><span class="said total-note">{e(t.note)}</span>' if t.note else ""
        cells.append(f'<td class="num total" data-kind="{k}"><strong class="total-figure">{e(t.figure)}</strong>'
                     f"{note}</td>")
    return (f'<tr><th scope="row" colspan="5">Total of the <span class="shown-count">{len(events)}</span> '
            f"event(s) shown</th>{''.join(cells)}<td></td><td></td></tr>")


def _events_section(data: ReportData) -> str:
    if not data.events:
        return '<section id="events" aria-labelledby="events-h"><h2 id="events-h">Events</h2><p>No attacks found in the data.</p></section>'
    rows = "\n".join(_event_row(ev) for ev in data.events)
    return f"""<section id="events" aria-labelledby="events-h">
<h2 id="events-h">Events</h2>
<div class="table-wrap">
<table id="events-table">
<caption>Attacks reported in the source{'s' if len(data.documents) != 1 else ''}, earliest first. Casualty figures are the text's own: ≥ at least, &gt; more than, ≤ at most, ≈ about; 0 is an explicit “no casualties”, <em>none reported</em> means the text gives no figure.</caption>
<thead><tr><th scope="col">Type</th><th scope="col">Date</th><th scope="col">Place</th><th scope="col">Attacker</th><th scope="col">Target</th><th scope="col" class="num">Killed</th><th scope="col" class="num">Injured</th><th scope="col" class="num">Missing</th><th scope="col" class="num"><abbr title="confidence of the extraction, 0 to 1">Conf.</abbr></th><th scope="col">Claims</th></tr></thead>
<tbody>
{rows}
</tbody>
<tfoot>
{_totals_row(data.events)}
</tfoot>
</table>
</div>
<p class="note">Totals add only the lower bounds the texts state, so a total is exact only when every figure in it is; otherwise it reads “≥ N”.</p>
</section>"""


def _claims_table(claims: list[Claim]) -> str:
    rows = []
    for c in claims:
        cls = " ".join(x for x, on in (("hedged", c.hedged), ("negated", c.negated)) if on)
        kind = e(c.kind)
        if c.anchor:
            kind = f'<a href="#{e(c.anchor)}" class="to-evidence" title="show the evidence in the source">{kind}</a>'
        flags = [f'<span class="flag flag-{f}">{f}</span>' for f, on in (("hedged", c.hedged),
                                                                         ("negated", c.negated)) if on]
        quote = f"<q>{e(c.quote)}</q>" if c.quote else '<span class="none">—</span>'
        attrs = f' class="{cls}"' if cls else ""
        ev_attr = f' data-claim-event="{e(c.event)}"' if c.event else ""
        evid = f' data-evidence="{e(c.anchor)}"' if c.anchor else ""
        rows.append(f'<tr id="{e(c.id)}"{attrs}{ev_attr}{evid}><th scope="row">{kind}</th><td>{_opt(c.speaker)}</td>'
                    f"<td>{_opt(c.accused)}</td><td>{quote}</td><td>{' '.join(flags) or NONE}</td>"
                    f'<td class="num">{_opt(c.confidence)}</td></tr>')
    return ("<table class=\"claims\"><thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Speaker</th>"
            "<th scope=\"col\">Accused</th><th scope=\"col\">Quote</th><th scope=\"col\">Hedged / negated</th>"
            "<th scope=\"col\" class=\"num\">Confidence</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _claims_section(data: ReportData) -> str:
    parts = []
    for ev in data.events:
        if not ev.claims:
            continue
        parts.append(f'<section class="event-claims" data-event="{e(ev.iri)}" aria-labelledby="{e(ev.id)}-claims">'
                     f'<h3 id="{e(ev.id)}-claims"><a href="#{e(ev.id)}">{e(ev.heading)}</a></h3>'
                     f"{_claims_table(ev.claims)}</section>")
    events = {ev.iri for ev in data.events}
    loose = [c for c in data.claims if c.event not in events]
    if loose:
        parts.append('<section class="event-claims loose" aria-labelledby="claims-loose-h">'
                     '<h3 id="claims-loose-h">Claims not tied to an attack</h3>' + _claims_table(loose) + "</section>")
    body = "\n".join(parts) or "<p>No claims found in the data.</p>"
    return f"""<section id="claims" aria-labelledby="claims-h">
<h2 id="claims-h">Claims</h2>
<p class="note">Who said what about each attack. <span class="flag flag-hedged">hedged</span> claims are reported with doubt (“may”, “reportedly”); <span class="flag flag-negated">negated</span> ones say the opposite (“did not”).</p>
{body}
</section>"""


def _ticks(lo: date, hi: date, n: int = 6) -> list[date]:
    span = (hi - lo).days
    step = max(1, math.ceil(span / n))
    for nice in (1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652):
        if nice >= step:
            step = nice
            break
    out, d = [], lo.toordinal()
    while d <= hi.toordinal():
        out.append(date.fromordinal(d))
        d += step
    return out


def _timeline_section(data: ReportData) -> str:
    by_iri = {ev.iri: ev for ev in data.events}
    items: list[tuple[Event, date, date]] = []
    seen = set()
    for r in data.timeline:  # the bundled timeline query: dated attacks, earliest first
        ev = by_iri.get(r["event"])
        if ev is None or ev.iri in seen:
            continue
        try:
            first, last = date.fromisoformat(r["first"]), date.fromisoformat(r["last"] or r["first"])
        except (TypeError, ValueError):
            continue
        seen.add(ev.iri)
        items.append((ev, first, max(first, last)))
    undated = [ev for ev in data.events if ev.iri not in seen]
    head = '<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline</h2>'
    if not items:
        return head + "<p>No event has a known date.</p></section>"
    lo, hi = min(i[1] for i in items), max(i[2] for i in items)
    if lo == hi:
        lo, hi = date.fromordinal(lo.toordinal() - 1), date.fromordinal(hi.toordinal() + 1)
    width, left, right, row_h, top = 960, 16, 16, 26, 34
    span = (hi - lo).days or 1
    x = lambda d: left + (d - lo).days / span * (width - left - right)  # noqa: E731
    height = top + row_h * len(items) + 10
    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="group" '
           f'aria-labelledby="timeline-title" preserveAspectRatio="xMinYMin meet">',
           '<title id="timeline-title">Timeline of the dated attacks (the same events as in the table)</title>']
    for t in _ticks(lo, hi):
        tx = x(t)
        out.append(f'<line class="tick" x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 6}"/>')
        anchor = "start" if tx < 60 else ("end" if tx > width - 60 else "middle")
        out.append(f'<text class="tick-label" x="{tx:.1f}" y="{top - 14}" text-anchor="{anchor}">{t.isoformat()}</text>')
    for i, (ev, first, last) in enumerate(items):
        y = top + row_h * i + row_h / 2
        x1, x2 = x(first), x(last)
        label = f"{ev.type_label} · {ev.where or 'place unknown'}"
        if ev.counts.get("killed"):
            label += f" · killed {figure(ev.counts['killed'])}"
        when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        mark = (f'<circle class="tl-mark" cx="{x1:.1f}" cy="{y:.1f}" r="6"/>' if first == last else
                f'<rect class="tl-mark" x="{x1:.1f}" y="{y - 5:.1f}" width="{max(x2 - x1, 4):.1f}" height="10" rx="4"/>')
        if x2 > width * 0.62:
            text = f'<text x="{x1 - 10:.1f}" y="{y + 4:.1f}" text-anchor="end">{e(label)}</text>'
        else:
            text = f'<text x="{x2 + 10:.1f}" y="{y + 4:.1f}">{e(label)}</text>'
        out.append(f'<a class="tl-item" href="#{e(ev.id)}" data-event="{e(ev.iri)}" '
                   f'aria-label="{e(ev.heading)} ({e(when)})"><title>{e(ev.heading)} ({e(when)})</title>{mark}{text}</a>')
    out.append("</svg>")
    note = ""
    if undated:
        names = ", ".join(f'<a href="#{e(ev.id)}" data-event="{e(ev.iri)}">{e(ev.type_label)}'
                          f'{" in " + e(ev.place_label) if ev.place_label else ""}</a>' for ev in undated)
        note = f'<p class="note undated">Not on the timeline (no known date): {names}.</p>'
    return head + "<figure>" + "".join(out) + f"<figcaption>Dots are days, bars are periods (“earlier this week”); " \
        f"{len(items)} dated event(s).</figcaption></figure>{note}</section>"


def _nice_step(extent: float) -> float:
    for s in (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 45, 90):
        if extent / s <= 6:
            return s
    return 90


def _deg(v: float, pos: str, neg: str) -> str:
    txt = f"{abs(v):.1f}".rstrip("0").rstrip(".")
    return f"{txt}°{pos if v >= 0 else neg}" if v else "0°"


def _map_section(data: ReportData) -> str:
    places: dict[str, list[Event]] = {}
    for ev in data.events:
        if ev.lon is not None and ev.place:
            places.setdefault(ev.place, []).append(ev)
    head = '<section id="map" aria-labelledby="map-h"><h2 id="map-h">Places</h2>'
    if not places:
        return head + "<p>No event place has known coordinates.</p></section>"
    lons = [evs[0].lon for evs in places.values()]
    lats = [evs[0].lat for evs in places.values()]
    pad = lambda a, b: max((b - a) * 0.15, 1.0)  # noqa: E731
    lon0, lon1 = min(lons) - pad(min(lons), max(lons)), max(lons) + pad(min(lons), max(lons))
    lat0, lat1 = min(lats) - pad(min(lats), max(lats)), max(lats) + pad(min(lats), max(lats))
    lat0, lat1 = max(lat0, -89.0), min(lat1, 89.0)
    kx = math.cos(math.radians((lat0 + lat1) / 2))  # equirectangular, true to scale at the middle latitude
    scale = min(640 / max((lon1 - lon0) * kx, 1e-6), 360 / max(lat1 - lat0, 1e-6))
    plot_w, plot_h = (lon1 - lon0) * kx * scale, (lat1 - lat0) * scale
    width, height = int(max(plot_w + 80, 560)), int(plot_h + 60)
    ox0 = 60 + (width - plot_w - 80) / 2  # the plot's left edge, centred when the canvas is wider
    px = lambda lon: ox0 + (lon - lon0) * kx * scale  # noqa: E731
    py = lambda lat: 20 + (lat1 - lat) * scale  # noqa: E731
    out = [f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" aria-labelledby="map-title">',
           '<title id="map-title">Where the attacks happened: a plot of their places by longitude and latitude '
           '(no base map)</title>',
           f'<rect class="frame" x="{ox0:.1f}" y="20" width="{plot_w:.1f}" height="{plot_h:.1f}"/>']
    step = _nice_step(max(lon1 - lon0, lat1 - lat0))
    v = math.ceil(lon0 / step) * step
    while v <= lon1:
        out.append(f'<line class="grid" x1="{px(v):.1f}" y1="20" x2="{px(v):.1f}" y2="{20 + plot_h:.1f}"/>'
                   f'<text class="tick-label" x="{px(v):.1f}" y="{height - 24}" text-anchor="middle">{_deg(v, "E", "W")}</text>')
        v += step
    v = math.ceil(lat0 / step) * step
    while v <= lat1:
        out.append(f'<line class="grid" x1="{ox0:.1f}" y1="{py(v):.1f}" x2="{ox0 + plot_w:.1f}" y2="{py(v):.1f}"/>'
                   f'<text class="tick-label" x="{ox0 - 6:.1f}" y="{py(v) + 4:.1f}" text-anchor="end">{_deg(v, "N", "S")}</text>')
        v += step
    placed: list[tuple[float, float, float]] = []  # label boxes so far: left, right, baseline
    for evs in sorted(places.values(), key=lambda evs: (-evs[0].lat, evs[0].lon)):
        ev = evs[0]
        cx, cy = px(ev.lon), py(ev.lat)
        label = f"{ev.where} ({len(evs)} event{'s' if len(evs) != 1 else ''})"
        anchor, dx = ("end", -10) if cx > width * 0.7 else ("start", 10)
        lw = 6.5 * len(label)  # rough text width at 12px
        left = cx + dx - lw if anchor == "end" else cx + dx
        ty = cy + 4
        while any(abs(ty - y) < 14 and left < r and l < left + lw for l, r, y in placed):
            ty += 14  # move the label down until it clears the ones already drawn
        placed.append((left, left + lw, ty))
        iris = json.dumps([x.iri for x in evs], ensure_ascii=False)
        out.append(f'<a class="map-point" href="#{e(ev.id)}" data-events="{e(iris)}" aria-label="{e(label)}">'
                   f'<title>{e(label)}: {e("; ".join(x.heading for x in evs))}</title>'
                   f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7"/>'
                   f'<text x="{cx + dx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{e(label)}</text></a>')
    out.append("</svg>")
    unplaced = sum(1 for ev in data.events if ev.lon is None)
    caption = ("Positions only: kg ships no base map, so this is a plot of the places' coordinates "
               "(GeoNames points) on a longitude/latitude grid.")
    if unplaced:
        caption += f" {unplaced} event(s) without known coordinates are not shown."
    return head + "<figure>" + "".join(out) + f"<figcaption>{e(caption)}</figcaption></figure></section>"


def _source_text(doc: Document, titles: dict[str, str]) -> str:
    """The article text with every evidence span marked; overlapping spans are cut into pieces."""
    text = doc.text
    spans: dict[tuple[int, int], list[SpanRef]] = defaultdict(list)
    for s in doc.spans:
        spans[(s.begin, s.end)].append(s)
    bounds = sorted({0, len(text)} | {b for b, _ in spans} | {x for _, x in spans})
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key in spans:
        starts[key[0]].append(key)
    active: list[tuple[int, int]] = []
    out = []
    for a, b in zip(bounds, bounds[1:]):
        for key in sorted(starts.get(a, ())):
            out.append(f'<span class="anchor" id="{e(spans[key][0].anchor)}" tabindex="-1"></span>')
            active.append(key)
        active = [k for k in active if k[1] > a]
        piece = e(text[a:b])
        if not active:
            out.append(piece)
            continue
        refs = [s for k in active for s in spans[k]]
        classes = sorted({CLASS_CSS.get(s.cls, "hl-other") for s in refs})
        anchors = " ".join(sorted({s.anchor for s in refs}))
        title = "; ".join(dict.fromkeys(titles.get(s.statement, CLASS_LABEL.get(s.cls, s.cls)) for s in refs))
        goto = next((titles["#" + s.statement] for s in refs if "#" + s.statement in titles), "")
        goto_attr = f' data-goto="{e(goto)}"' if goto else ""
        out.append(f'<mark class="{" ".join(classes)}" data-spans="{e(anchors)}" title="{e(title)}"{goto_attr}>'
                   f"{piece}</mark>")
    return "".join(out)


def _sources_section(data: ReportData) -> str:
    titles: dict[str, str] = {}
    for ev in data.events:
        titles[ev.iri] = f"attack: {ev.heading}"
        titles["#" + ev.iri] = ev.id
        for k, c in ev.counts.items():
            titles[c.iri] = f"{k}: {figure(c)} ({ev.type_label})"
            titles["#" + c.iri] = ev.id
    for c in data.claims:
        titles[c.iri] = f"claim: {c.kind}{' by ' + c.speaker if c.speaker else ''}"
        titles["#" + c.iri] = c.id
    parts = []
    for d in data.documents:
        meta = []
        if d.published:
            meta.append(f'published <time datetime="{e(d.published)}">{e(d.published)}</time>')
        if d.identifier and d.identifier != d.name:
            meta.append(f"id {e(d.identifier)}")
        if d.url and re.match(r"https?://", d.url):
            meta.append(f'<a href="{e(d.url)}" rel="noreferrer noopener">{e(d.url)}</a>')
        meta.append(f"{len(d.spans)} evidence span(s)")
        parts.append(f'<article class="source" id="{e(d.id)}" aria-labelledby="{e(d.id)}-h">'
                     f'<h3 id="{e(d.id)}-h">{e(d.name)}</h3><p class="meta">{" · ".join(meta)}</p>'
                     f'<div class="article-text">{_source_text(d, titles)}</div></article>')
    legend = ('<p class="legend">Evidence: <mark class="hl-event">attack</mark> <mark class="hl-count">casualty '
              'count</mark> <mark class="hl-claim">claim</mark>. Hover a highlight to see what it supports.</p>')
    body = "\n".join(parts) or "<p>The data holds no source text.</p>"
    return (f'<section id="sources" aria-labelledby="sources-h"><h2 id="sources-h">Source '
            f'article{"s" if len(data.documents) != 1 else ""}</h2>{legend}{body}</section>')


def _filters(data: ReportData) -> str:
    types = sorted({ev.type for ev in data.events})
    countries = sorted({ev.country_label or ev.country for ev in data.events if ev.country_label or ev.country},
                       key=str.casefold)
    places = sorted({ev.place_label for ev in data.events if ev.place_label} - set(countries), key=str.casefold)
    actors = sorted({a for ev in data.events for a in ev.actors}, key=str.casefold)
    opts = lambda vals, label=lambda v: v: "".join(  # noqa: E731
        f'<option value="{e(v)}">{e(label(v))}</option>' for v in vals)
    dates = sorted(d for ev in data.events for d in (ev.first, ev.last) if d)
    lo, hi = (dates[0], dates[-1]) if dates else ("", "")
    place_opts = ""
    if countries:
        place_opts += f'<optgroup label="Countries">{opts(countries)}</optgroup>'
    if places:
        place_opts += f'<optgroup label="Places">{opts(places)}</optgroup>'
    return f"""<form id="filters" class="filters" hidden aria-label="Filter the events">
<fieldset><legend>Filter events</legend>
<label>Type <select name="type"><option value="">all types</option>{opts(types, lambda v: v.replace("_", " "))}</select></label>
<label>Place <select name="place"><option value="">all places</option>{place_opts}</select></label>
<label>Actor <select name="actor"><option value="">all actors</option>{opts(actors)}</select></label>
<label>From <input type="date" name="from" min="{e(lo)}" max="{e(hi)}"></label>
<label>To <input type="date" name="to" min="{e(lo)}" max="{e(hi)}"></label>
<button type="reset">Show all</button>
</fieldset>
<p id="filter-status" role="status" aria-live="polite">{len(data.events)} of {len(data.events)} events shown</p>
</form>"""


def _summary(data: ReportData) -> str:
    n_docs, n_ev, n_cl = len(data.documents), len(data.events), len(data.claims)
    parts = [f"{n_docs} article{'s' if n_docs != 1 else ''}", f"{n_ev} attack{'s' if n_ev != 1 else ''}",
             f"{n_cl} claim{'s' if n_cl != 1 else ''}"]
    killed = total(ev.counts.get("killed") for ev in data.events)
    injured = total(ev.counts.get("injured") for ev in data.events)
    return (f'<p class="summary">{" · ".join(parts)} · killed <strong>{e(killed.figure)}</strong> · injured '
            f"<strong>{e(injured.figure)}</strong></p>")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: ReportData, title: str | None = None) -> str:
    """The whole page as one HTML string."""
    if title is None:
        title = data.documents[0].name if len(data.documents) == 1 else "Conflict events report"
    css, js = asset("report.css"), asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kg report">
<title>{e(title)} — kg report</title>
<style>{css}</style>
</head>
<body>
<a class="skip" href="#events">Skip to the events</a>
<header>
<h1>{e(title)}</h1>
{_summary(data)}
<nav aria-label="Sections"><ul><li><a href="#events">Events</a></li><li><a href="#claims">Claims</a></li><li><a href="#timeline">Timeline</a></li><li><a href="#map">Places</a></li><li><a href="#sources">Source{"s" if len(data.documents) != 1 else ""}</a></li></ul></nav>
</header>
<main>
{_filters(data)}
{_events_section(data)}
{_claims_section(data)}
{_timeline_section(data)}
{_map_section(data)}
{_sources_section(data)}
</main>
<footer><p>Made by <code>kg report</code> from the RDF graph with SPARQL; every figure links to the words of the text it comes from.</p></footer>
<script>{js}</script>
</body>
</html>
"""


def build_report(files: Iterable[str | Path], title: str | None = None) -> str:
    """Load Turtle ``files`` into an embedded store and return the report's HTML."""
    return render(collect(load_store(files)), title)
