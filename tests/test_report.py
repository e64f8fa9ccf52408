"""`kg report`: structure of the generated HTML on the sample and on the invented corpus.

The sample's Turtle comes from the real extractor (the conftest fixtures); the corpus is
tests/data/queries/invented.ttl, three hand-written articles whose figures are known exactly (see the
comments at its top). The HTML is parsed into a small tree with the standard library's HTMLParser.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.cli import main
from kg.report.build import build_report
from kg.report.figures import figure, total
from kg.report.views import CountView, report_query

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "queries" / "invented.ttl"
KGO = "https://w3id.org/kg-conflict/ontology#"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# ------------------------------------------------------------------------------------------ a tiny DOM


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        out = []
        for n in self.iter():
            if tag and n.tag != tag:
                continue
            keys = {k: k.rstrip("_").replace("_", "-") for k in attrs}  # class_ -> class, data_kind -> data-kind
            if all((n.attrs.get(keys[k]) == v) if v is not True else keys[k] in n.attrs for k, v in attrs.items()):
                out.append(n)
        return out

    def by_id(self, id_: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == id_), None)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#document", {})
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.cur.tag != tag:
            self.errors.append(f"</{tag}> closes <{self.cur.tag}>")
            while self.cur.parent is not None and self.cur.tag != tag:
                self.cur = self.cur.parent
        if self.cur.parent is not None:
            self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html: str) -> Node:
    b = _Builder()
    b.feed(html)
    b.close()
    assert not b.errors, b.errors[:5]
    assert b.cur is b.root, f"unclosed <{b.cur.tag}>"
    return b.root


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def event_rows(dom: Node) -> list[tuple[Node, list[str]]]:
    table = dom.by_id("events-table")
    return [(tr, [squash(c.text()) for c in tr.children if isinstance(c, Node)])
            for tr in table.find_all("tr", data_event=True)]


COLS = ["type", "date", "place", "attacker", "target", "killed", "injured", "missing", "confidence", "claims"]


def rows_as_dicts(dom: Node) -> list[dict[str, str]]:
    return [dict(zip(COLS, cells), _node=tr) for tr, cells in event_rows(dom)]


def totals(dom: Node) -> dict[str, str]:
    foot = dom.by_id("events-table").find_all("tfoot")[0]
    return {td.attrs["data-kind"]: squash(td.find_all("strong")[0].text()) for td in foot.find_all("td", data_kind=True)}


def total_notes(dom: Node) -> dict[str, str]:
    foot = dom.by_id("events-table").find_all("tfoot")[0]
    out = {}
    for td in foot.find_all("td", data_kind=True):
        notes = [n for n in td.find_all("span") if "total-note" in n.classes()]
        out[td.attrs["data-kind"]] = squash(notes[0].text()) if notes else ""
    return out


# ------------------------------------------------------------------------------------------ fixtures


def sample_turtle(run_text, sample_path, out: Path) -> Path:
    """The bundled sample extracted with the real model, written as Turtle."""
    from kg.io import read_inputs
    from kg.store.serialize import turtle

    (doc,) = read_inputs([str(sample_path)])
    _, graph = run_text(doc.text, doc.published, doc.id)
    out.write_text(turtle(graph), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def sample_ttl(run_text, sample_path, tmp_path_factory) -> Path:
    return sample_turtle(run_text, sample_path, tmp_path_factory.mktemp("report") / "dnipro.ttl")


@pytest.fixture(scope="module")
def sample_html(sample_ttl) -> str:
    return build_report([sample_ttl])


@pytest.fixture(scope="module")
def sample_dom(sample_html) -> Node:
    return parse(sample_html)


@pytest.fixture(scope="module")
def corpus_html() -> str:
    return build_report([INVENTED])


@pytest.fixture(scope="module")
def corpus_dom(corpus_html) -> Node:
    return parse(corpus_html)


# ------------------------------------------------------------------------------------------ page structure


def test_page_is_well_formed_semantic_html(sample_dom):
    html = sample_dom.find_all("html")[0]
    assert html.attrs.get("lang") == "en"
    for tag in ("header", "nav", "main", "footer", "h1", "caption", "thead", "tbody", "tfoot"):
        assert sample_dom.find_all(tag), tag
    table = sample_dom.by_id("events-table")
    assert [squash(th.text()) for th in table.find_all("thead")[0].find_all("th")][:8] == [
        "Type", "Date", "Place", "Attacker", "Target", "Killed", "Injured", "Missing"]
    assert all(th.attrs.get("scope") == "col" for th in table.find_all("thead")[0].find_all("th"))
    for tr, _ in event_rows(sample_dom):
        assert tr.find_all("th")[0].attrs.get("scope") == "row"
    # every section is labelled by its heading
    for section in sample_dom.find_all("section"):
        label = section.attrs.get("aria-labelledby")
        assert label and sample_dom.by_id(label) is not None, section.attrs


def test_ids_are_unique_and_every_fragment_link_lands(sample_dom, corpus_dom):
    for dom in (sample_dom, corpus_dom):
        ids = [n.attrs["id"] for n in dom.iter() if "id" in n.attrs]
        assert len(ids) == len(set(ids))
        targets = {a.attrs["href"][1:] for a in dom.find_all("a") if (a.attrs.get("href") or "").startswith("#")}
        assert targets and targets <= set(ids), targets - set(ids)


def test_self_contained_with_a_csp_that_allows_only_the_inline_style_and_script(sample_html, sample_dom):
    scripts = sample_dom.find_all("script")
    styles = sample_dom.find_all("style")
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert len(styles) == 1 and not sample_dom.find_all("link")
    for n in sample_dom.iter():
        for k, v in n.attrs.items():
            assert not k.startswith("on"), (n.tag, k)  # no inline handlers
            assert k != "style", n.tag  # the CSP would block style attributes
            if k in ("src", "href") and v:
                assert v.startswith("#"), (n.tag, k, v)  # nothing to fetch, no outside links for the sample
    assert "url(" not in styles[0].text() and "@import" not in styles[0].text()
    csp = next(m.attrs["content"] for m in sample_dom.find_all("meta")
               if m.attrs.get("http-equiv") == "Content-Security-Policy")

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in csp
    assert f"script-src {sha(scripts[0].text())}" in csp
    assert f"style-src {sha(styles[0].text())}" in csp
    assert "@media print" in styles[0].text()


def test_tables_work_without_javascript(corpus_dom):
    form = corpus_dom.by_id("filters")
    assert "hidden" in form.attrs  # the script shows the filters; without it they would do nothing
    assert all("hidden" not in tr.attrs for tr, _ in event_rows(corpus_dom))
    assert len(event_rows(corpus_dom)) == 6


def test_output_is_deterministic(sample_ttl, sample_html):
    assert build_report([sample_ttl]) == sample_html


# ------------------------------------------------------------------------------------------ the sample


def test_sample_events_table_shows_the_dnipro_strike_with_its_casualties(sample_dom):
    rows = rows_as_dicts(sample_dom)
    clinic = [r for r in rows if r["place"] == "Dnipro, Ukraine" and r["date"].startswith("2023-05-26")]
    assert len(clinic) == 1, [(r["place"], r["date"]) for r in rows]
    r = clinic[0]
    assert r["type"] == "missile strike" and r["attacker"] == "Russia" and r["target"] == "medical clinic"
    assert r["killed"].startswith("≥ 2") and "at least two people" in r["killed"]
    assert r["injured"].startswith("30")
    january = next(r for r in rows if r["date"].startswith("2023-01-01 – 2023-01-31"))
    assert january["killed"].startswith("> 45") and january["place"] == "Dnipro, Ukraine"
    # an explicit zero is 0; a toll the text does not give is "none reported"
    krasnodar = next(r for r in rows if r["place"].startswith("Krasnodar"))
    assert krasnodar["killed"].startswith("0") and "(explicit)" in krasnodar["killed"]
    assert any(r["killed"] == "none reported" for r in rows)
    assert all(r["confidence"] for r in rows)


def test_sample_claims_are_listed_under_their_event_with_hedges_marked(sample_dom):
    rows = rows_as_dicts(sample_dom)
    clinic = next(r for r in rows if r["place"] == "Dnipro, Ukraine" and r["date"].startswith("2023-05-26"))
    assert "accusation" in clinic["claims"] and "→ Russia" in clinic["claims"]
    section = next(s for s in sample_dom.find_all("section")
                   if "event-claims" in s.classes() and s.attrs.get("data-event") == clinic["_node"].attrs["data-event"])
    claim_rows = [[squash(c.text()) for c in tr.children if isinstance(c, Node)] + [tr]
                  for tr in section.find_all("tbody")[0].find_all("tr")]
    kinds = {r[0] for r in claim_rows}
    assert {"accusation", "report"} <= kinds
    assert any(r[0] == "accusation" and r[2] == "Russia" for r in claim_rows)
    hedged = [r for r in claim_rows if "hedged" in r[-1].classes()]
    assert hedged and all("hedged" in r[4] for r in hedged)
    assert any("no contact with three people" in r[3] for r in hedged)


def test_sample_summary_never_adds_lower_bounds_into_an_exact_total(sample_dom):
    t = totals(sample_dom)
    assert t["killed"] == "≥ 48"  # at least 2 + more than 45 (46) + two explicit zeros; two not reported
    assert t["injured"] == "≥ 30"  # 30 + "dozens" (no number)
    summary = squash(sample_dom.find_all("p", class_="summary")[0].text())
    assert "killed ≥ 48" in summary and "6 attacks" in summary


def test_every_evidence_span_is_highlighted_over_the_exact_words(sample_ttl, sample_dom):
    from kg.store.query import load_store

    store = load_store([sample_ttl])
    doc_text = next(iter(store.query(
        "SELECT ?t WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?t }")))["t"].value
    article = sample_dom.find_all("div", class_="article-text")[0]
    assert article.text() == doc_text  # the whole text, unchanged, once
    marks = article.find_all("mark")
    anchors = [n.attrs["id"] for n in article.find_all("span") if "anchor" in n.classes()]
    assert len(anchors) >= 20
    for a in anchors:
        _, _, b, end = a.split("-")
        covered = "".join(m.text() for m in marks if a in m.attrs["data-spans"].split())
        assert covered == doc_text[int(b):int(end)], a
    # the Dnipro clinic strike links to its trigger word, and its casualty figures to theirs
    rows = rows_as_dicts(sample_dom)
    clinic = next(r for r in rows if r["place"] == "Dnipro, Ukraine" and r["date"].startswith("2023-05-26"))["_node"]
    ev_anchor = clinic.attrs["data-evidence"]
    _, _, b, end = ev_anchor.split("-")
    assert doc_text[int(b):int(end)] == "hit"
    killed_link = next(td for td in clinic.find_all("td") if td.attrs.get("data-kind") == "killed").find_all("a")[0]
    _, _, b, end = killed_link.attrs["href"][1:].split("-")
    assert doc_text[int(b):int(end)] == "at least two people"
    assert {"hl-event", "hl-claim", "hl-count"} <= {c for m in marks for c in m.classes()}


def test_timeline_and_map_of_the_sample(sample_dom):
    items = [a for a in sample_dom.find_all("a") if "tl-item" in a.classes()]
    dated = [tr for tr, _ in event_rows(sample_dom) if tr.attrs["data-first"]]
    assert len(items) == len(dated) >= 5  # one mark per dated event (a day or a period)
    assert {a.attrs["data-event"] for a in items} == {tr.attrs["data-event"] for tr in dated}
    assert sum(1 for a in items if a.find_all("rect")) >= 3  # periods are bars
    points = [a for a in sample_dom.find_all("a") if "map-point" in a.classes()]
    labels = {squash(p.find_all("text")[0].text()) for p in points}
    assert "Dnipro, Ukraine (3 events)" in labels
    assert any(lab.startswith("Krasnodar") for lab in labels)


# ------------------------------------------------------------------------------------------ the corpus


def test_corpus_totals_are_bounds_with_what_they_leave_out(corpus_dom):
    t, notes = totals(corpus_dom), total_notes(corpus_dom)
    # killed: 0 (explicit) + at least 1 + at least 3 + 8 + 2, the Gao drone strike not reported
    assert t["killed"] == "≥ 14" and notes["killed"] == "2 open-ended, 1 not reported"
    # injured: 0 + "dozens" + 12 + at least 20; two not reported
    assert t["injured"] == "≥ 32" and notes["injured"] == "1 open-ended, 1 without a number, 2 not reported"
    assert t["missing"] == "≥ 3" and notes["missing"] == "5 not reported"


def test_corpus_rows_carry_what_the_filters_need(corpus_dom):
    rows = rows_as_dicts(corpus_dom)
    assert [r["date"][:10] for r in rows][:4] == ["2024-03-04", "2024-03-06", "2024-03-09", "2024-05-17"]
    by_target = {r["target"]: r["_node"] for r in rows}
    plant = by_target["power plant"]
    assert plant.attrs["data-type"] == "missile_strike"
    assert json.loads(plant.attrs["data-place"]) == ["Kharkiv", "Ukraine"]
    actors = json.loads(plant.attrs["data-actors"])
    assert {"Russia", "Oleh Syniehubov", "Russian defence ministry"} <= set(actors)
    assert (plant.attrs["data-first"], plant.attrs["data-last"]) == ("2024-03-09", "2024-03-09")
    shelling = next(r["_node"] for r in rows if r["type"] == "shelling")
    assert (shelling.attrs["data-first"], shelling.attrs["data-last"]) == ("2024-03-04", "2024-03-09")
    count = json.loads(next(td for td in plant.find_all("td") if td.attrs.get("data-kind") == "killed")
                       .attrs["data-count"])
    assert count == {"q": "at_least", "min": 3, "max": None, "t": "at least three people"}
    form = corpus_dom.by_id("filters")
    options = {sel.attrs["name"]: [o.attrs["value"] for o in sel.find_all("option")] for sel in form.find_all("select")}
    assert {"missile_strike", "drone_strike", "shelling", "bombing", "armed_clash"} <= set(options["type"])
    assert {"Ukraine", "Mali", "Kharkiv", "Vovchansk", "Gao"} <= set(options["place"])
    assert {"JNIM", "Islamic State", "Russia"} <= set(options["actor"])


def test_corpus_claims_timeline_and_sources(corpus_dom):
    loose = next(s for s in corpus_dom.find_all("section") if "loose" in s.classes())
    assert "threat" in squash(loose.text()) and "Islamic State" in squash(loose.text())
    assert len([a for a in corpus_dom.find_all("a") if "tl-item" in a.classes()]) == 4
    undated = squash(corpus_dom.find_all("p", class_="note undated")[0].text())
    assert "drone strike in Gao" in undated and "armed clash" in undated
    assert len(corpus_dom.find_all("article", class_="source")) == 3
    points = {squash(p.find_all("text")[0].text()) for p in corpus_dom.find_all("a") if "map-point" in p.classes()}
    assert points == {"Kharkiv, Ukraine (2 events)", "Vovchansk, Ukraine (1 event)", "Gao, Mali (2 events)"}


# ------------------------------------------------------------------------------------------ figures and totals


def c(q, lo, hi, text="x"):
    return CountView("killed", "iri", lo, hi, q, text)


@pytest.mark.parametrize("count, shown", [
    (c("exact", 30, 30), "30"), (c("exact", 0, 0), "0"), (c("at_least", 2, None), "≥ 2"),
    (c("more_than", 46, None), "> 45"), (c("at_most", None, 10), "≤ 10"), (c("approximately", 10, 10), "≈ 10"),
    (c("approximately", 10, 15), "≈ 10–15"), (c("vague", None, None, "dozens"), "“dozens”"), (None, "none reported"),
])
def test_figures_are_the_texts_qualified_counts(count, shown):
    assert figure(count) == shown


def test_totals_are_exact_only_when_every_figure_is():
    assert total([c("exact", 3, 3), c("exact", 0, 0)]).figure == "3"
    assert total([c("exact", 3, 3), None]).figure == "≥ 3"
    assert total([c("at_least", 2, None), c("more_than", 46, None)]).figure == "≥ 48"
    t = total([c("exact", 5, 5), c("approximately", 100, 100), c("at_most", None, 10), c("vague", None, None)])
    assert t.figure == "≥ 5" and not t.exact
    assert t.note == "1 approximate (≈ 100, not added), 1 upper bound only (not added), 1 without a number"
    assert total([None, None]).figure == "none reported"


# ------------------------------------------------------------------------------------------ hostile text


HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>"\'&'


def test_hostile_text_from_the_graph_is_escaped_everywhere(tmp_path):
    g = Graph().parse(INVENTED, format="turtle")
    for prop in (RDFS.label, URIRef(KGO + "quote"), URIRef(KGO + "countText"), URIRef(KGO + "timeText"),
                 URIRef(KGO + "targetText"), DCTERMS.identifier):
        for s, o in list(g.subject_objects(prop)):
            g.remove((s, prop, o))
            g.add((s, prop, Literal(HOSTILE + str(o))))
    is_string = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
    for s, o in list(g.subject_objects(is_string)):
        text = str(o)
        if text.startswith("KHARKIV, Ukraine:"):  # 17 characters before the first span: same length, offsets hold
            g.remove((s, is_string, o))
            g.add((s, is_string, Literal('</script><b x="\'>' + text[17:])))
            g.add((s, URIRef("https://schema.org/url"), URIRef("javascript:alert(1)")))
    path = tmp_path / "hostile.ttl"
    g.serialize(path, format="turtle")
    html = build_report([path])
    dom = parse(html)
    assert len(dom.find_all("script")) == 1 and not dom.find_all("img") and not dom.find_all("b")
    for n in dom.iter():
        assert not any(k.startswith("on") for k in n.attrs), n.attrs
        assert not (n.attrs.get("href") or "").startswith("javascript"), n.attrs
    text = dom.find_all("main")[0].text()
    assert HOSTILE + "Kharkiv" in text  # shown as text
    assert '</script><b x="\'>' in dom.find_all("div", class_="article-text")[0].text()
    for tr, _ in event_rows(dom):
        assert all(a.startswith(HOSTILE) for a in json.loads(tr.attrs["data-actors"]))
    assert totals(dom)["killed"] == "≥ 14"  # the figures come from the numbers, not the words


# ------------------------------------------------------------------------------------------ command line and packaging


def test_kg_report_command_writes_the_file(tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["report", str(INVENTED), "-o", str(out), "--title", "Three <invented> articles"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "<title>Three &lt;invented&gt; articles — kg report</title>" in html
    assert html == build_report([INVENTED], title="Three <invented> articles")


def test_kg_report_on_a_missing_or_broken_file_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["report", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 2 and "no such file" in res.output
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<", encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert res.exit_code == 2 and "cannot load" in res.output
    assert not (tmp_path / "r.html").exists()


def test_report_queries_are_packaged_and_parse():
    for name in ("documents", "events", "participants", "counts", "claims", "spans"):
        info = report_query(name)
        assert info.summary and "SELECT" in info.text
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"kg.report"' in pyproject and "queries/*.rq" in pyproject and "assets/*.js" in pyproject


def test_the_report_reads_turtle_only():
    code = ("import sys, kg.report, kg.cli.report; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc') "
            "or m.startswith(('kg.extract', 'kg.nlp', 'kg.corpus'))]; print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
