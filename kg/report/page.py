"""The report's HTML page, rendered from a :class:`kg.report.views.ReportView` with the standard library: a summary,
the filters, the events table, each event's claims, a timeline, the places on a longitude/latitude plot and the
source articles with every evidence span highlighted.

Every string taken from the graph goes through :func:`html.escape` (:func:`e`). Styles and the script
(``kg/report/assets``) are inlined, and a Content-Security-Policy that allows only those two inline blocks (by
hash) keeps the page from loading anything from the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict
from datetime import date
from html import escape
from importlib import resources

from kg.report.figures import figure, shape, total
from kg.report.views import (COUNT_KINDS, ClaimView, DocumentView, EventView, ReportView, SpanView, by_name,
                             type_label)

CLASS_CSS = {"Attack": "hl-event", "Claim": "hl-claim", "CasualtyCount": "hl-count"}
CLASS_LABEL = {"Attack": "attack", "Claim": "claim", "CasualtyCount": "casualty count"}


def e(value: object) -> str:
    """HTML-escape anything (quotes too), for text and attribute values alike."""
    return escape("" if value is None else str(value), quote=True)


def asset(name: str) -> str:
    return (resources.files("kg.report") / "assets" / name).read_text(encoding="utf-8")


NONE = '<span class="none">—</span>'


def _opt(value: str | None, empty: str = "—") -> str:
    return e(value) if value else f'<span class="none">{e(empty)}</span>'


def _when(ev: EventView) -> str:
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


def _count_cell(ev: EventView, kind: str) -> str:
    c = ev.counts.get(kind)
    attrs = f' data-count="{e(c.as_json())}"' if c else ""
    if c is None:
        return f'<td class="num" data-kind="{kind}"><span class="none">none reported</span></td>'
    text = e(figure(c))
    if c.anchor:
        text = f'<a href="#{e(c.anchor)}" class="to-evidence">{text}</a>'
    zero = ' <span class="said">(explicit)</span>' if c.max == 0 and c.min == 0 else ""
    said = (f'<br><span class="said">“{e(c.text)}”</span>'
            if c.text and shape(c) != "vague" and c.text.strip() != figure(c) else "")
    return f'<td class="num" data-kind="{kind}"{attrs}>{text}{zero}{said}</td>'


def _claim_line(c: ClaimView) -> str:
    flags = "".join(f' <span class="flag flag-{f}">{f}</span>' for f, on in (("hedged", c.hedged),
                                                                             ("negated", c.negated)) if on)
    who = f" by {e(c.speaker)}" if c.speaker else ""
    acc = f" → {e(c.accused)}" if c.accused else ""
    return f'<li><a href="#{e(c.id)}">{e(c.kind)}</a>{who}{acc}{flags}</li>'


def _event_row(ev: EventView) -> str:
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


def _totals_row(events: list[EventView]) -> str:
    cells = []
    for k in COUNT_KINDS:
        t = total(ev.counts.get(k) for ev in events)
        note = f'<br><span class="said total-note">{e(t.note)}</span>' if t.note else ""
        cells.append(f'<td class="num total" data-kind="{k}"><strong class="total-figure">{e(t.figure)}</strong>'
                     f"{note}</td>")
    return (f'<tr><th scope="row" colspan="5">Total of the <span class="shown-count">{len(events)}</span> '
            f"event(s) shown</th>{''.join(cells)}<td></td><td></td></tr>")


def _events_section(data: ReportView) -> str:
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


def _claims_table(claims: list[ClaimView]) -> str:
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


def _claims_section(data: ReportView) -> str:
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


def _timeline_section(data: ReportView) -> str:
    by_iri = {ev.iri: ev for ev in data.events}
    items: list[tuple[EventView, date, date]] = []
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


def _map_section(data: ReportView) -> str:
    places: dict[str, list[EventView]] = {}
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


def _source_text(doc: DocumentView, titles: dict[str, str]) -> str:
    """The article text with every evidence span marked; overlapping spans are cut into pieces."""
    text = doc.text
    spans: dict[tuple[int, int], list[SpanView]] = defaultdict(list)
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


def _sources_section(data: ReportView) -> str:
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


def _filters(data: ReportView) -> str:
    types = sorted({ev.type for ev in data.events})
    countries = sorted({ev.country_label or ev.country for ev in data.events if ev.country_label or ev.country},
                       key=by_name)
    places = sorted({ev.place_label for ev in data.events if ev.place_label} - set(countries), key=by_name)
    actors = sorted({a for ev in data.events for a in ev.actors}, key=by_name)
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
<label>Type <select name="type"><option value="">all types</option>{opts(types, type_label)}</select></label>
<label>Place <select name="place"><option value="">all places</option>{place_opts}</select></label>
<label>Actor <select name="actor"><option value="">all actors</option>{opts(actors)}</select></label>
<label>From <input type="date" name="from" min="{e(lo)}" max="{e(hi)}"></label>
<label>To <input type="date" name="to" min="{e(lo)}" max="{e(hi)}"></label>
<button type="reset">Show all</button>
</fieldset>
<p id="filter-status" role="status" aria-live="polite">{len(data.events)} of {len(data.events)} events shown</p>
</form>"""


def _summary(data: ReportView) -> str:
    n_docs, n_ev, n_cl = len(data.documents), len(data.events), len(data.claims)
    parts = [f"{n_docs} article{'s' if n_docs != 1 else ''}", f"{n_ev} attack{'s' if n_ev != 1 else ''}",
             f"{n_cl} claim{'s' if n_cl != 1 else ''}"]
    killed = total(ev.counts.get("killed") for ev in data.events)
    injured = total(ev.counts.get("injured") for ev in data.events)
    return (f'<p class="summary">{" · ".join(parts)} · killed <strong>{e(killed.figure)}</strong> · injured '
            f"<strong>{e(injured.figure)}</strong></p>")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(data: ReportView, title: str | None = None) -> str:
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
