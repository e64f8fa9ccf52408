"""kg link: actors and places → Wikidata, against a REAL Oxigraph server holding a Wikidata-shaped fixture.

The fixture (tests/data/wikidata/wikidata.ttl) says which Q-ids are real and which are invented.
Failing endpoints are real too: a stopped server (connection refused) and a small http.server that
answers 429/500/503 before passing requests on to Oxigraph.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.cli import main
from kg.errors import EndpointError, UsageError
from kg.link import LinkCache, SparqlClient, link_graph, read_entities
from kg.link.client import USER_AGENT
from kg.rdf.namespaces import ITSRDF, KGO, SHARED_GRAPH
from kg.store.push import push
from kg.store.serialize import turtle
from kg.store.server import OxigraphServer, find_oxigraph

FIXTURE = Path(__file__).parent / "data" / "wikidata" / "wikidata.ttl"
KGR = Namespace("https://w3id.org/kg-conflict/id/")
WD = Namespace("http://www.wikidata.org/entity/")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _have_oxigraph() -> bool:
    try:
        find_oxigraph()
        return True
    except Exception:  # noqa: BLE001
        return False


pytestmark = [pytest.mark.server,
              pytest.mark.skipif(not _have_oxigraph(), reason="the oxigraph server is not installed")]

HEADER = """@base <https://w3id.org/kg-conflict/id/> .
@prefix kgo: <https://w3id.org/kg-conflict/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
"""

ENTITIES = {
    "country/UA": '<country/UA> a kgo:State, kgo:Country, kgo:Place ; rdfs:label "Ukraine" ; kgo:countryCode "UA" .',
    "country/RU": '<country/RU> a kgo:State, kgo:Country, kgo:Place ; rdfs:label "Russia" ; kgo:countryCode "RU" .',
    "country/LB": '<country/LB> a kgo:State, kgo:Country, kgo:Place ; rdfs:label "Lebanon" ; kgo:countryCode "LB" .',
    "actor/armed-forces-UA": '<actor/armed-forces-UA> a kgo:ArmedForce ; rdfs:label "armed forces of Ukraine" ; '
                             'kgo:affiliation <country/UA> ; kgo:countryCode "UA" .',
    "place/geonames-706483": '<place/geonames-706483> a kgo:Place ; rdfs:label "Kharkiv" ; kgo:countryCode "UA" ; '
                             'skos:exactMatch <https://sws.geonames.org/706483/> .',
    "place/iso-UA-63": '<place/iso-UA-63> a kgo:Place ; rdfs:label "Kharkiv region" ; kgo:countryCode "UA" .',
    "place/geonames-2988507": '<place/geonames-2988507> a kgo:Place ; rdfs:label "Paris" ; kgo:countryCode "FR" .',
    "place/name-tripoli": '<place/name-tripoli> a kgo:Place ; rdfs:label "Tripoli" .',
    "place/name-paris": '<place/name-paris> a kgo:Place ; rdfs:label "Paris" .',
    "country/FR": '<country/FR> a kgo:State, kgo:Country, kgo:Place ; rdfs:label "France" ; kgo:countryCode "FR" .',
    "country/US": '<country/US> a kgo:State, kgo:Country, kgo:Place ; rdfs:label "United States" ; '
                  'kgo:countryCode "US" .',
    "actor/person-ivan-petrenko": '<actor/person-ivan-petrenko> a kgo:Person ; rdfs:label "Ivan Petrenko" ; '
                                  'kgo:countryCode "UA" ; kgo:role "governor of Kharkiv region" .',
    "actor/org-UA-ivan-petrenko": '<actor/org-UA-ivan-petrenko> a kgo:Organisation ; rdfs:label "Ivan Petrenko" ; '
                                  'kgo:countryCode "UA" .',
    "actor/person-olena-marchenko": '<actor/person-olena-marchenko> a kgo:Person ; rdfs:label "Olena Marchenko" .',
    "actor/group-wagner": '<actor/group-wagner> a kgo:ArmedGroup ; rdfs:label "Wagner" .',
    "actor/0123456789abcdef-officials": '<actor/0123456789abcdef-officials> a kgo:Actor ; rdfs:label "officials" .',
}


def kg_graph(*keys: str, docs: dict[str, list[str]] | None = None) -> Graph:
    """kg-shaped RDF holding the named entities; ``docs`` maps a document key to the entities it mentions."""
    body = [ENTITIES[k] for k in keys]
    for doc, mentioned in (docs or {}).items():
        for i, k in enumerate(mentioned):
            body.append(f'<doc/{doc}#char={i},{i + 1}> nif:referenceContext <doc/{doc}> ; itsrdf:taIdentRef <{k}> .')
    return Graph().parse(data=HEADER + "\n".join(body), format="turtle")


def wd_links(g: Graph) -> dict[str, str]:
    return {str(s)[len(str(KGR)):]: str(o)[len(str(WD)):] for s, o in g.subject_objects(SKOS.exactMatch)
            if str(o).startswith(str(WD))}


def fast(**kw):
    """Options for a local server: no rate limit, short backoff."""
    return {"min_interval": 0, "backoff": 0.01, "timeout": 10} | kw


# ------------------------------------------------------------------------------------------ servers


def _start_loaded() -> OxigraphServer:
    server = OxigraphServer(port=0).start()
    push([FIXTURE], server.base_url, graph=SHARED_GRAPH)
    return server


@pytest.fixture(scope="module")
def wikidata():
    """A real `oxigraph serve` loaded with the Wikidata-shaped fixture; yields its query URL."""
    server = _start_loaded()
    try:
        yield server.urls.query
    finally:
        server.stop()


class FlakyProxy:
    """A real HTTP server: the first ``failures`` requests get ``status`` (with ``Retry-After``), the rest are
    passed on to ``upstream`` (or get ``status`` forever when upstream is None)."""

    def __init__(self, upstream: str | None, status: int, failures: int, retry_after: str | None = "0"):
        self.upstream, self.status, self.failures, self.retry_after = upstream, status, failures, retry_after
        self.seen: list[dict] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen.append({"ua": self.headers.get("User-Agent"), "at": time.monotonic()})
                if proxy.upstream is None or len(proxy.seen) <= proxy.failures:
                    self.send_response(proxy.status)
                    if proxy.retry_after is not None:
                        self.send_header("Retry-After", proxy.retry_after)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(b"slow down")
                    return
                req = urllib.request.Request(proxy.upstream, data=body, method="POST", headers={
                    "Content-Type": self.headers.get("Content-Type"), "Accept": self.headers.get("Accept")})
                with urllib.request.urlopen(req, timeout=10) as resp:
                    data = resp.read()
                    self.send_response(resp.status)
                    self.send_header("Content-Type", resp.headers.get("Content-Type"))
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------------------------------ reading


def test_entities_are_read_with_kind_keys_country_and_context():
    g = kg_graph(*ENTITIES, docs={"aaaaaaaaaaaaaaaa": ["place/name-tripoli", "country/LB"]})
    found = {e.iri[len(str(KGR)):]: e for e in read_entities(g)}
    assert "actor/0123456789abcdef-officials" not in found  # document-scoped: never linked
    assert found["country/UA"].kind == "country" and found["country/UA"].iso == "UA"
    assert found["place/geonames-706483"].kind == "settlement" and found["place/geonames-706483"].geonames == "706483"
    assert found["place/iso-UA-63"].kind == "region" and found["place/iso-UA-63"].iso_region == "UA-63"
    assert found["place/name-tripoli"].kind == "place" and found["place/name-tripoli"].context == {"LB"}
    assert found["actor/armed-forces-UA"].kind == "armed_force" and found["actor/armed-forces-UA"].country == "UA"
    assert found["actor/person-ivan-petrenko"].role == "governor of Kharkiv region"


# ------------------------------------------------------------------------------------------ choosing


def test_the_right_city_among_namesakes(wikidata):
    # GeoNames id and country known offline: Paris, France, not Paris, Texas
    g = kg_graph("place/geonames-2988507")
    report = link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g) == {"place/geonames-2988507": "Q90"}
    paris = report.decisions[0]
    texas = next(c for c in paris.candidates if c.qid == "Q900000001")
    assert texas.rejected and "country US" in texas.rejected
    # no key, no country: the co-occurring Lebanon picks Tripoli, Lebanon over Tripoli, Libya
    g = kg_graph("place/name-tripoli", "country/LB", docs={"aaaaaaaaaaaaaaaa": ["place/name-tripoli", "country/LB"]})
    link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g) == {"place/name-tripoli": "Q900000003", "country/LB": "Q822"}


def test_namesakes_without_evidence_are_not_linked_but_recorded(wikidata):
    g = kg_graph("place/name-tripoli")
    report = link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g) == {}
    (d,) = report.decisions
    assert d.status == "below_threshold"
    subject = KGR["place/name-tripoli"]
    recorded = {o for n in g.subjects(RDF.subject, subject) for o in g.objects(n, RDF.object)}
    assert recorded == {WD.Q900000002, WD.Q900000003}
    # an article naming both France and the United States: both Parises score 0.85, above the threshold,
    # and neither leads by the margin
    g = kg_graph("place/name-paris", "country/FR", "country/US",
                 docs={"cccccccccccccccc": ["place/name-paris", "country/FR", "country/US"]})
    report = link_graph(g, endpoint=wikidata, **fast())
    paris = next(d for d in report.decisions if d.label == "Paris")
    assert paris.status == "ambiguous" and [c.score for c in paris.candidates[:2]] == [0.85, 0.85]
    assert "place/name-paris" not in wd_links(g) and wd_links(g)["country/FR"] == "Q142"
    recorded = {o for n in g.subjects(RDF.subject, KGR["place/name-paris"]) for o in g.objects(n, RDF.object)}
    assert recorded == {WD.Q90, WD.Q900000001}


def test_a_region_and_its_capital_city(wikidata):
    g = kg_graph("place/geonames-706483", "place/iso-UA-63")
    report = link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g) == {"place/geonames-706483": "Q900000010", "place/iso-UA-63": "Q900000011"}
    by_iri = {d.iri[len(str(KGR)):]: d for d in report.decisions}
    # each was a candidate for the other, and was turned down by its type
    city_as_region = next(c for c in by_iri["place/iso-UA-63"].candidates if c.qid == "Q900000010")
    region_as_city = next(c for c in by_iri["place/geonames-706483"].candidates if c.qid == "Q900000011")
    assert city_as_region.rejected.startswith("type") and region_as_city.rejected.startswith("type")


def test_an_armed_force_and_its_state(wikidata):
    g = kg_graph("country/UA", "actor/armed-forces-UA")
    # a wrong curated entry (the state for its army, Russia for Ukraine) is checked, not trusted
    report = link_graph(g, endpoint=wikidata, curated={"actor/armed-forces-UA": "Q212", "country/UA": "Q159"},
                        **fast())
    assert wd_links(g) == {"country/UA": "Q212", "actor/armed-forces-UA": "Q900000020"}
    by_iri = {d.iri[len(str(KGR)):]: d for d in report.decisions}
    state_as_army = next(c for c in by_iri["actor/armed-forces-UA"].candidates if c.qid == "Q212")
    assert state_as_army.rejected.startswith("type")
    russia = next(c for c in by_iri["country/UA"].candidates if c.qid == "Q159")
    assert russia.rejected == "ISO 3166-1 code RU, not UA"


def test_a_wrong_curated_entry_alone_links_nothing(wikidata):
    g = kg_graph("actor/person-olena-marchenko")
    report = link_graph(g, endpoint=wikidata, curated={"actor/person-olena-marchenko": "Q900000031"}, **fast())
    assert wd_links(g) == {}
    assert next(c for c in report.decisions[0].candidates if c.qid == "Q900000031").rejected.startswith("type")


def test_a_person_and_an_organisation_with_the_same_name(wikidata):
    g = kg_graph("actor/person-ivan-petrenko", "actor/org-UA-ivan-petrenko")
    link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g) == {"actor/person-ivan-petrenko": "Q900000030", "actor/org-UA-ivan-petrenko": "Q900000031"}
    # an armed group named like a composer: the person is never a candidate for the group
    g = kg_graph("actor/group-wagner", "country/RU", docs={"bbbbbbbbbbbbbbbb": ["actor/group-wagner", "country/RU"]})
    report = link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g)["actor/group-wagner"] == "Q900000040"
    wagner = next(d for d in report.decisions if d.label == "Wagner")
    assert next(c for c in wagner.candidates if c.qid == "Q900000041").rejected.startswith("type")


def test_no_link_below_the_threshold_and_the_candidates_are_recorded(wikidata):
    g = kg_graph("actor/person-olena-marchenko")
    report = link_graph(g, endpoint=wikidata, **fast())
    (d,) = report.decisions
    assert d.status == "below_threshold" and d.qid is None
    assert d.candidates[0].qid == "Q900000032" and d.candidates[0].score == pytest.approx(0.7)
    assert wd_links(g) == {}
    node = KGR["actor/person-olena-marchenko/wikidata/Q900000032"]
    assert (node, RDF.type, RDF.Statement) in g
    assert g.value(node, RDF.object) == WD.Q900000032
    assert g.value(node, ITSRDF.taConfidence) == Literal("0.70", datatype=XSD_DECIMAL)
    # the same candidate links once the threshold is lowered to its score
    g = kg_graph("actor/person-olena-marchenko")
    link_graph(g, endpoint=wikidata, threshold=0.7, **fast())
    assert wd_links(g) == {"actor/person-olena-marchenko": "Q900000032"}


def test_every_link_carries_its_provenance(wikidata):
    g = kg_graph("place/iso-UA-63")
    link_graph(g, endpoint=wikidata, **fast())
    node = KGR["place/iso-UA-63/wikidata/Q900000011"]
    assert g.value(node, RDF.subject) == KGR["place/iso-UA-63"]
    assert g.value(node, RDF.predicate) == SKOS.exactMatch
    assert g.value(node, KGO.extractor) == Literal("kg.link.wikidata.v1")
    assert g.value(node, RDF.object) == WD.Q900000011
    assert g.value(node, DCTERMS.source) == URIRef(wikidata)
    assert g.value(node, DCTERMS.date).datatype == XSD_DATE
    assert float(g.value(node, ITSRDF.taConfidence)) == 1.0
    assert "key" in str(g.value(node, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
    assert not any(isinstance(x, BNode) for t in g for x in t)  # content-derived IRIs, no blank nodes


def test_linking_again_replaces_instead_of_piling_up(wikidata):
    g = kg_graph("place/name-tripoli")
    link_graph(g, endpoint=wikidata, **fast())
    before = len(g)
    link_graph(g, endpoint=wikidata, **fast())
    assert len(g) == before
    # with the context that decides it, the recorded candidates give way to one link
    g += kg_graph("country/LB", docs={"aaaaaaaaaaaaaaaa": ["place/name-tripoli", "country/LB"]})
    link_graph(g, endpoint=wikidata, **fast())
    assert wd_links(g)["place/name-tripoli"] == "Q900000003"
    assert set(g.subjects(RDF.subject, KGR["place/name-tripoli"])) == {KGR["place/name-tripoli/wikidata/Q900000003"]}


def test_the_linked_graph_still_conforms_to_the_shapes(wikidata):
    from kg.store.validate import check_graph

    g = Graph().parse(Path(__file__).parent / "data" / "queries" / "invented.ttl")
    assert check_graph(g).conforms
    report = link_graph(g, endpoint=wikidata, **fast())
    assert report.links  # Ukraine, Russia, Kharkiv, its region...
    result = check_graph(g)
    assert result.conforms, result.text()


# ------------------------------------------------------------------------------------------ cache


def test_a_second_run_makes_no_request_and_gives_the_same_turtle(wikidata, tmp_path):
    cache = tmp_path / "cache.json"
    first = kg_graph(*ENTITIES)
    r1 = link_graph(first, endpoint=wikidata, cache_path=cache, **fast())
    assert r1.requests > 0 and r1.cache_hits == 0 and not r1.errors
    data = json.loads(cache.read_text())
    assert data["format"] == "kg-link-cache/1" and wikidata in data["endpoints"]
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]  # written atomically: no temporary left
    second = kg_graph(*ENTITIES)
    r2 = link_graph(second, endpoint=wikidata, cache_path=cache, **fast())
    assert r2.requests == 0 and r2.cache_hits > 0 and r2.missing == 0
    assert turtle(second) == turtle(first)
    # offline from the cache alone: the same again; offline without it: nothing, and no request
    third = kg_graph(*ENTITIES)
    assert link_graph(third, endpoint=wikidata, cache_path=cache, offline=True).requests == 0
    assert turtle(third) == turtle(first)
    fourth = kg_graph(*ENTITIES)
    r4 = link_graph(fourth, endpoint=wikidata, offline=True)
    assert r4.requests == 0 and wd_links(fourth) == {} and {d.status for d in r4.decisions} == {"unavailable"}


def test_the_cache_works_when_the_endpoint_is_gone(tmp_path):
    server = _start_loaded()
    url = server.urls.query
    cache = tmp_path / "cache.json"
    try:
        g1 = kg_graph("country/UA", "place/iso-UA-63")
        link_graph(g1, endpoint=url, cache_path=cache, **fast())
    finally:
        server.stop()
    g2 = kg_graph("country/UA", "place/iso-UA-63")
    report = link_graph(g2, endpoint=url, cache_path=cache, **fast())
    assert report.requests == 0 and not report.errors
    assert wd_links(g2) == {"country/UA": "Q212", "place/iso-UA-63": "Q900000011"}
    # an entity the cache never saw is left alone, after a failed attempt to ask
    g3 = kg_graph("country/UA", "place/geonames-706483")
    report = link_graph(g3, endpoint=url, cache_path=cache, **fast(retries=1))
    assert report.errors and report.requests == 2
    assert wd_links(g3) == {"country/UA": "Q212"}
    assert {d.label: d.status for d in report.decisions}["Kharkiv"] == "unavailable"


def test_a_cache_file_of_another_kind_is_refused(tmp_path):
    bad = tmp_path / "cache.json"
    bad.write_text('{"something": "else"}')
    with pytest.raises(UsageError, match="not a kg link cache"):
        LinkCache(bad)
    assert bad.read_text() == '{"something": "else"}'
    # a usage error, not a store that failed: exit 2, whichever command reads the cache
    data = tmp_path / "x.ttl"
    data.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    for args in (["link", str(data), "--offline", "--cache", str(bad)],
                 ["link", str(data), "--endpoint", "ftp://example.org/sparql"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and res.stderr.startswith("Error: "), (args, res.stderr)


# ------------------------------------------------------------------------------------------ failing endpoints


def test_a_stopped_server_fails_fast_and_changes_nothing(tmp_path):
    server = OxigraphServer(port=0).start()
    url = server.urls.query
    server.stop()
    g = kg_graph(*ENTITIES)
    before = turtle(g)
    t0 = time.monotonic()
    report = link_graph(g, endpoint=url, cache_path=tmp_path / "c.json", **fast(retries=2))
    assert time.monotonic() - t0 < 10
    assert report.errors and "failed after 3 attempt(s)" in report.errors[0]
    assert report.requests == 3  # one request and two retries, then no more requests in this run
    assert {d.status for d in report.decisions} == {"unavailable"}
    assert turtle(g) == before


def test_429_then_success_with_retry_after_and_a_descriptive_user_agent(wikidata):
    with FlakyProxy(wikidata, 429, failures=2, retry_after="3") as proxy:
        waits: list[float] = []
        client = SparqlClient(proxy.url, min_interval=0, backoff=0.01, sleep=waits.append)
        g = kg_graph("country/UA")
        report = link_graph(g, client=client)
    assert not report.errors
    assert wd_links(g) == {"country/UA": "Q212"}
    assert waits[:2] == [3.0, 3.0]  # Retry-After honoured
    assert report.requests == len(proxy.seen) and len(proxy.seen) > 2
    assert {s["ua"] for s in proxy.seen} == {USER_AGENT}
    assert USER_AGENT.startswith("kg-conflict/") and "https://" in USER_AGENT


def test_a_server_error_is_retried_with_exponential_backoff_then_given_up(wikidata):
    with FlakyProxy(None, 500, failures=0, retry_after=None) as proxy:
        waits: list[float] = []
        client = SparqlClient(proxy.url, min_interval=0, backoff=0.5, retries=3, sleep=waits.append)
        g = kg_graph("country/UA", "place/iso-UA-63")
        report = link_graph(g, client=client)
    assert len(proxy.seen) == 4 and report.requests == 4
    assert waits == [0.5, 1.0, 2.0]
    assert "HTTP 500" in report.errors[0]
    assert wd_links(g) == {}


def test_requests_are_spaced_by_the_rate_limit(wikidata):
    with FlakyProxy(wikidata, 503, failures=0) as proxy:
        g = kg_graph(*ENTITIES)
        report = link_graph(g, endpoint=proxy.url, min_interval=0.2, batch_size=5)
    assert not report.errors and report.requests >= 4
    # arrival times at the server jitter a little around the client's 0.2 s spacing
    gaps = [b["at"] - a["at"] for a, b in zip(proxy.seen, proxy.seen[1:])]
    assert min(gaps) >= 0.1, gaps
    assert proxy.seen[-1]["at"] - proxy.seen[0]["at"] >= 0.19 * len(gaps), gaps


def test_batches_use_values(wikidata):
    seen: list[str] = []

    class Recording(SparqlClient):
        def select(self, query):
            seen.append(query)
            return super().select(query)

    g = kg_graph(*ENTITIES)
    link_graph(g, client=Recording(wikidata, min_interval=0), batch_size=50)
    assert seen and all("VALUES" in q for q in seen)
    assert len(seen) <= 8  # names, three kinds of key, facts, type closure: a handful of requests for 13 entities


# ------------------------------------------------------------------------------------------ command line


def test_the_link_command(wikidata, tmp_path):
    data = tmp_path / "in.ttl"
    data.write_text(turtle(kg_graph("country/UA", "place/iso-UA-63", "actor/person-olena-marchenko")))
    out, cache = tmp_path / "out.ttl", tmp_path / "cache.json"
    args = ["link", str(data), "-o", str(out), "--endpoint", wikidata, "--cache", str(cache), "--min-interval", "0"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert wd_links(Graph().parse(out)) == {"country/UA": "Q212", "place/iso-UA-63": "Q900000011"}
    assert "2 of 3 actor(s)/place(s) linked, 1 below the threshold" in res.stderr
    assert "not linked (below threshold): Olena Marchenko: wd:Q900000032 0.70" in res.stderr
    # offline from the cache: the same output
    out2 = tmp_path / "out2.ttl"
    res = CliRunner().invoke(main, ["link", str(data), "-o", str(out2), "--cache", str(cache), "--endpoint", wikidata,
                                    "--offline"])
    assert res.exit_code == 0 and "0 request(s)" in res.stderr
    assert out2.read_text() == out.read_text()


def test_the_link_command_exits_1_when_the_endpoint_fails(tmp_path):
    data = tmp_path / "in.ttl"
    data.write_text(turtle(kg_graph("country/UA")))
    server = OxigraphServer(port=0).start()
    url = server.urls.query
    server.stop()
    out = tmp_path / "out.ttl"
    res = CliRunner().invoke(main, ["link", str(data), "-o", str(out), "--endpoint", url, "--min-interval", "0",
                                    "--retries", "0"])
    assert res.exit_code == 1
    assert "endpoint error" in res.stderr
    assert Graph().parse(out).isomorphic(Graph().parse(data))  # written, unchanged


def test_the_link_command_refuses_bad_input(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle .")
    res = CliRunner().invoke(main, ["link", str(bad), "--offline"])
    assert res.exit_code == 2 and f"cannot parse {bad} as turtle" in res.stderr


@pytest.mark.model
def test_extract_links_only_when_asked(wikidata, tmp_path):
    article = tmp_path / "kyiv-2024-06-01.txt"
    article.write_text("date 2024-06-01\n\nRussian missiles hit an energy facility in western Ukraine on Friday, "
                       "Ukraine's air force said.\n", encoding="utf-8")
    plain, linked, cache = tmp_path / "plain.ttl", tmp_path / "linked.ttl", tmp_path / "cache.json"
    res = CliRunner().invoke(main, ["extract", str(article), "-o", str(plain)])
    assert res.exit_code == 0, res.output
    assert wd_links(Graph().parse(plain)) == {}  # offline by default: no link, no request
    res = CliRunner().invoke(main, ["extract", str(article), "-o", str(linked), "--link", "--link-endpoint", wikidata,
                                    "--link-cache", str(cache)])
    assert res.exit_code == 0, res.output
    links = wd_links(Graph().parse(linked))
    assert links.get("country/UA") == "Q212" and links.get("country/RU") == "Q159"
    assert "linked" in res.stderr and cache.exists()
    res = CliRunner().invoke(main, ["extract", str(article), "-o", str(tmp_path / "x.nq"), "--link"])
    assert res.exit_code == 2 and "kg link" in res.stderr
