"""push, serve and query --endpoint against a REAL triple store: `oxigraph serve` on 127.0.0.1.

One Oxigraph server runs for the whole session (emptied before each test that writes to it);
`kg serve` and a short-lived second server are started by the tests that need them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg.cli import main
from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import SHARED_GRAPH
from kg.store.httpclient import NO_RETRY
from kg.store.push import push, read_triples, split_documents
from kg.store.query import load_store, query_endpoint, query_store
from kg.store.resources import bundled_queries, load_query, parse_header
from kg.store.serialize import turtle
from kg.store.server import OxigraphServer, stop_process
from kg.store.sparql import sparql_select

_BIN_PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
OXIGRAPH = shutil.which("oxigraph", path=_BIN_PATH)

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed (pip install -e '.[test]')"),
]

SECOND_ARTICLE = "date 2024-03-14\nRussian drones hit Odesa on Thursday, killing two people.\n"
DOC = "https://w3id.org/kg-conflict/id/doc/"
# a value for every parameter a bundled query takes (a new parameter must be added here)
PARAMS = {"from": "2023-01-01", "to": "2024-12-31", "speaker": "Vyacheslav Gladkov", "place": "Ukraine",
          "west": "22", "south": "44", "east": "41", "north": "53", "minConfidence": "0.5"}
# hand-written articles that exercise every query (conflicting claims, zero casualties, roll-ups)
INVENTED = Path(__file__).parent / "data" / "queries" / "invented.ttl"
PREFIXES = """PREFIX kgo: <https://w3id.org/kg-conflict/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""


# ------------------------------------------------------------------------------------------ fixtures and helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    def select(self, sparql: str) -> list[dict]:
        """Raw SPARQL over HTTP (plain urllib, independent of kg's client)."""
        req = urllib.request.Request(self.query, data=urlencode({"query": PREFIXES + sparql}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            data = json.load(resp)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def graphs(self) -> dict[str, int]:
        """Named graph → number of triples in it."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"]: int(r["n"]) for r in rows}

    def clear(self) -> None:
        req = urllib.request.Request(self.update, data=urlencode({"update": "CLEAR ALL"}).encode())
        with urllib.request.urlopen(req, timeout=10):
            pass


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real `oxigraph serve` on 127.0.0.1 and a free port, data in a tmp dir; killed at the end."""
    folder = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    log = open(folder / "server.log", "w+b")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 20
    try:
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"oxigraph serve exited with {proc.returncode}: {log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(server.query + "?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 20 s")
                time.sleep(0.05)
        yield server
    finally:
        stop_process(proc)
        log.close()


@pytest.fixture
def store(oxigraph_server) -> Server:
    """The session's server, emptied."""
    oxigraph_server.clear()
    return oxigraph_server


@pytest.fixture(scope="session")
def turtles(tmp_path_factory, sample_path) -> dict[str, Path]:
    """Turtle made by kg's pipeline: the sample, a second article, and one file holding both."""
    from kg.corpus import run

    folder = tmp_path_factory.mktemp("articles")
    second = folder / "odesa-2024-03-14.txt"
    second.write_text(SECOND_ARTICLE, encoding="utf-8")
    out = {}
    for name, inputs in (("dnipro", [sample_path]), ("odesa", [second]), ("both", [sample_path, second])):
        graph, summary = run([str(p) for p in inputs])
        assert summary.ok == len(inputs) and not summary.failed
        out[name] = folder / f"{name}.ttl"
        out[name].write_text(turtle(graph), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def reports_of_one_strike(tmp_path_factory) -> list[Path]:
    """Three outlets' reports of one strike and a near miss (tests/data/consolidation), with their incidents."""
    from kg.consolidate import run as consolidate
    from kg.corpus import run

    folder = tmp_path_factory.mktemp("consolidation")
    graph, summary = run([str(Path(__file__).parent / "data" / "consolidation")])
    assert summary.ok == 4
    (folder / "reports.ttl").write_text(turtle(graph), encoding="utf-8")
    incidents, found = consolidate([folder / "reports.ttl"])
    assert len(found) == 1
    (folder / "incidents.ttl").write_text(turtle(incidents), encoding="utf-8")
    return [folder / "reports.ttl", folder / "incidents.ttl"]


def doc_iri(path: Path) -> str:
    """The IRI of the one article in a file: its subject typed schema:NewsArticle."""
    g = Graph().parse(path, format="turtle")
    iris = {str(s) for s in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                        URIRef("https://schema.org/NewsArticle"))}
    assert len(iris) == 1 and iris <= {i for i in iris if i.startswith(DOC)}, iris
    return iris.pop()


def triples_in(*paths: Path) -> int:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return len(g)


def rows(result) -> Counter:
    return Counter(tuple(r.get(c) for c in result.columns) for r in result.rows)


# ------------------------------------------------------------------------------------------ push + query


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_every_bundled_query_gives_the_embedded_answer_over_http(store, turtles, reports_of_one_strike, name):
    info = bundled_queries()[name]
    assert set(info.params) <= set(PARAMS), f"give the new parameter(s) of {name} a value in PARAMS"
    params = {p: PARAMS[p] for p in info.params}
    files = [turtles["dnipro"], turtles["odesa"], INVENTED, *reports_of_one_strike]
    push(files, store.base)
    local = query_store(load_store(files), info, params)
    remote = query_endpoint(store.query, info, params)
    assert local.rows, f"{name} finds nothing: the comparison would prove nothing"
    assert remote.columns == local.columns
    # as multisets, not only sets: a triple stored in two graphs would double rows and sums
    assert rows(remote) == rows(local)


def test_repush_replaces_the_article_graph_without_duplicates(store, turtles, tmp_path):
    doc = doc_iri(turtles["dnipro"])
    first = push([turtles["dnipro"]], store.base)
    assert [g for g, _, replaced in first.graphs if replaced] == [doc]
    before = store.graphs()
    assert set(before) == {doc, SHARED_GRAPH}
    assert sum(before.values()) == triples_in(turtles["dnipro"])  # every triple stored once
    assert store.select(f"SELECT ?d WHERE {{ GRAPH <{doc}> {{ ?d a schema:NewsArticle }} }}") == [{"d": doc}]

    push([turtles["dnipro"]], store.base)
    assert store.graphs() == before

    # a re-extraction that dropped an event: pushing it removes the event's triples
    g = Graph().parse(turtles["dnipro"], format="turtle")
    event = next(s for s in g.subjects() if "/event/" in str(s) and str(s).endswith("-42-45"))
    dropped = len(list(g.triples((event, None, None))))
    g.remove((event, None, None))
    smaller = tmp_path / "dnipro-v2.ttl"
    smaller.write_text(g.serialize(format="turtle"), encoding="utf-8")
    push([smaller], store.base)
    after = store.graphs()
    assert after[doc] == before[doc] - dropped
    assert store.select(f"SELECT ?p WHERE {{ <{event}> ?p ?o }}") == []


def test_two_articles_in_one_file_land_in_two_graphs(store, turtles):
    docs = {doc_iri(turtles["dnipro"]), doc_iri(turtles["odesa"])}
    report = push([turtles["both"]], store.base)
    assert report.documents == 2
    graphs = store.graphs()
    assert set(graphs) == docs | {SHARED_GRAPH}
    assert sum(graphs.values()) == triples_in(turtles["both"])
    # everything derived from an article sits in that article's graph
    derived = store.select("SELECT DISTINCT ?g ?d WHERE { GRAPH ?g { ?x prov:wasDerivedFrom ?d } }")
    assert derived and all(r["g"] == r["d"] for r in derived)
    assert {r["d"] for r in derived} == docs
    # a country both articles mention is stored once, in the shared graph
    ru = store.select("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/kg-conflict/id/country/RU> rdfs:label ?l } }")
    assert ru == [{"g": SHARED_GRAPH}]


def test_two_files_land_in_two_graphs(store, turtles):
    push([turtles["dnipro"]], store.base)
    push([turtles["odesa"]], store.base)
    assert set(store.graphs()) == {doc_iri(turtles["dnipro"]), doc_iri(turtles["odesa"]), SHARED_GRAPH}
    events = store.select("SELECT ?g (COUNT(?e) AS ?n) WHERE { GRAPH ?g { ?e a kgo:Attack } } GROUP BY ?g")
    assert {r["g"]: int(r["n"]) for r in events}[doc_iri(turtles["odesa"])] == 1


def test_copy_mode_makes_self_contained_graphs(store, turtles):
    """--shared copy: each article graph carries the shared nodes it uses; Oxigraph's union then counts them twice."""
    push([turtles["dnipro"], turtles["odesa"]], store.base, shared="copy")
    docs = {doc_iri(turtles["dnipro"]), doc_iri(turtles["odesa"])}
    assert set(store.graphs()) == docs
    ru = store.select("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/kg-conflict/id/country/RU> rdfs:label ?l } }")
    assert {r["g"] for r in ru} == docs
    # why "graph" is the default: the union default graph is a multiset in Oxigraph
    n = store.select("SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/kg-conflict/id/country/RU> rdfs:label ?l }")
    assert int(n[0]["n"]) == 2


def test_graph_option_puts_everything_in_one_graph(store, turtles):
    report = push([turtles["dnipro"], turtles["odesa"]], store.base, graph="urn:kg:test")
    assert report.graphs == [("urn:kg:test", triples_in(turtles["dnipro"], turtles["odesa"]), True)]
    assert set(store.graphs()) == {"urn:kg:test"}
    with pytest.raises(UsageError, match="graph IRI"):
        push([turtles["dnipro"]], store.base, graph="not an iri")


def test_data_without_an_article_needs_a_graph(store, tmp_path):
    f = tmp_path / "vocab.ttl"
    f.write_text("<urn:a> <urn:p> <urn:b> .\n")
    with pytest.raises(UsageError, match="--graph IRI"):
        push([f], store.base)
    with pytest.raises(UsageError, match="no such file"):
        push([tmp_path / "missing.ttl"], store.base)
    assert store.graphs() == {}


def test_split_documents_assigns_every_node_to_one_graph(tmp_path):
    """Spans, linked nodes, keyed IRIs, sub-IRIs and blank nodes go with their article; the rest is shared."""
    a, b = f"{DOC}0123456789abcdef", f"{DOC}fedcba9876543210"
    f = tmp_path / "two.ttl"
    f.write_text(f"""
        @prefix schema: <https://schema.org/> . @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
        @prefix ex: <http://example.org/> .
        <{a}> a schema:NewsArticle . <{b}> a nif:Context .
        <{a}#char=0,5> nif:referenceContext <{a}> .
        ex:claim prov:wasDerivedFrom <{a}> ; ex:evidence [ ex:note "a's own blank node" ] .
        <http://example.org/claim/detail> ex:value 1 .
        <https://w3id.org/kg-conflict/id/event/fedcba9876543210-1-2> ex:at ex:place ; ex:when [ ex:day 3 ] .
        ex:both prov:wasDerivedFrom <{a}>, <{b}> .
        ex:place ex:label "shared place" ; ex:geo [ ex:wkt "POINT(1 2)" ] .
        ex:orphan ex:label "nobody's" .
    """)
    triples = read_triples([f])
    parts = {p.graph: p for p in split_documents(triples)}
    assert set(parts) == {a, b, SHARED_GRAPH}
    assert parts[a].replace and parts[b].replace and not parts[SHARED_GRAPH].replace
    subjects = {g: {str(t.subject) for t in p.triples if not str(t.subject).startswith("_:")} for g, p in parts.items()}
    assert subjects[a] == {f"<{a}>", f"<{a}#char=0,5>", "<http://example.org/claim>",
                           "<http://example.org/claim/detail>"}
    assert subjects[b] == {f"<{b}>", "<https://w3id.org/kg-conflict/id/event/fedcba9876543210-1-2>"}
    assert subjects[SHARED_GRAPH] == {"<http://example.org/both>", "<http://example.org/place>",
                                      "<http://example.org/orphan>"}
    literals = {g: {t.object.value for t in p.triples if str(t.subject).startswith("_:")} for g, p in parts.items()}
    assert literals == {a: {"a's own blank node"}, b: {"3"}, SHARED_GRAPH: {"POINT(1 2)"}}
    assert sum(len(p.triples) for p in parts.values()) == len(triples)

    copied = {p.graph: p for p in split_documents(triples, shared="copy")}
    assert "shared place" in {getattr(t.object, "value", None) for t in copied[b].triples}
    assert {str(t.subject) for t in copied[SHARED_GRAPH].triples} == {"<http://example.org/both>",
                                                                     "<http://example.org/orphan>"}


def test_param_values_cannot_change_the_query_over_http(store, turtles):
    push([turtles["dnipro"]], store.base)
    local = load_store([turtles["dnipro"]])
    evil = [
        '2023-01-01") } } SELECT * WHERE { ?s ?p ?o } #',
        "x' } UNION { ?s ?p ?o } }",
        'a"\\" } } DELETE WHERE { ?s ?p ?o } #\n}',
    ]
    for name, param in (("events-in-date-range", "from"), ("claims-by-speaker", "speaker")):
        info = bundled_queries()[name]
        for value in evil:
            params = dict({p: PARAMS[p] for p in info.params}, **{param: value})
            remote = query_endpoint(store.query, info, params)
            assert remote.columns == query_store(local, info, params).columns == [c for c in info.columns]
            assert rows(remote) == rows(query_store(local, info, params))
    speaker = bundled_queries()["claims-by-speaker"]
    assert query_endpoint(store.query, speaker, {"speaker": evil[1]}).rows == []
    assert query_endpoint(store.query, speaker, {"speaker": "Vyacheslav Gladkov"}).rows
    assert sum(store.graphs().values()) == triples_in(turtles["dnipro"])  # nothing was deleted


# ------------------------------------------------------------------------------------------ failures


def test_a_stopped_server_is_reported_clearly(turtles):
    with OxigraphServer(port=0) as second:
        push([turtles["odesa"]], second.base_url)
        url, folder = second.urls.query, second.directory
        info = bundled_queries()["events"]
        assert len(query_endpoint(url, info).rows) == 1
    assert not Path(folder).exists()
    with pytest.raises(EndpointError) as e:
        query_endpoint(url, info, retry=NO_RETRY)
    assert str(e.value) == f"cannot reach {url}: connection refused (is the server running?)"
    with pytest.raises(EndpointError, match=r"cannot reach http://127\.0\.0\.1:\d+/store: connection refused"):
        push([turtles["odesa"]], url.removesuffix("/query"), retry=NO_RETRY)


def test_http_errors_and_wrong_urls_are_reported(store, turtles):
    with pytest.raises(EndpointError, match=r"/nope/store answered HTTP 404 .*replacing graph <https://w3id"):
        push([turtles["odesa"]], gsp_url=store.base + "/nope/store")
    with pytest.raises(EndpointError, match=re.escape(f"(is this the query URL? For Oxigraph it is {store.query})")):
        query_endpoint(store.base, bundled_queries()["events"])
    bad = parse_header("bad", "SELECT * WHERE { ?s ?p }")
    with pytest.raises(EndpointError, match="answered HTTP 400"):
        query_endpoint(store.query, bad)


def test_a_silent_server_times_out(turtles):
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        base = f"http://127.0.0.1:{silent.getsockname()[1]}"
        start = time.monotonic()
        with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s"):
            push([turtles["odesa"]], base, timeout=0.5, retry=NO_RETRY)
        with pytest.raises(EndpointError, match=r"did not answer within 0\.5 s"):
            query_endpoint(base + "/query", bundled_queries()["events"], timeout=0.5, retry=NO_RETRY)
        assert time.monotonic() - start < 5


# ------------------------------------------------------------------------------------------ auth

USER, PASSWORD, REALM, NONCE = "kg", "s3cret-pw", "kg-test", "6d3f1c0a"


class _AuthHandler(BaseHTTPRequestHandler):
    """A store that wants HTTP Basic or Digest auth and records what it receives."""

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        if not self._authorized():
            challenge = (f'Basic realm="{REALM}"' if self.server.scheme == "basic" else
                         f'Digest realm="{REALM}", qop="auth", nonce="{NONCE}", algorithm=MD5')
            self.send_response(401)
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.server.received.append((self.command, self.path, body))
        if self.path.startswith("/query"):
            out = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "ok"}}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        else:
            out = b""
            self.send_response(201)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_POST = do_PUT

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        if self.server.scheme == "basic":
            return header == "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if not header.startswith("Digest "):
            return False
        f = dict(re.findall(r'(\w+)="?([^",]*)"?', header[7:]))
        md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
        ha1, ha2 = md5(f"{USER}:{REALM}:{PASSWORD}"), md5(f"{self.command}:{f.get('uri', '')}")
        expected = md5(f"{ha1}:{NONCE}:{f.get('nc', '')}:{f.get('cnonce', '')}:{f.get('qop', '')}:{ha2}")
        return f.get("username") == USER and f.get("response") == expected

    def log_message(self, *args):
        pass


@pytest.fixture(params=["basic", "digest"])
def auth_store(request):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AuthHandler)
    server.scheme, server.received = request.param, []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_basic_and_digest_auth(auth_store, turtles, monkeypatch):
    base = f"http://127.0.0.1:{auth_store.server_address[1]}"
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    with pytest.raises(EndpointError, match="HTTP 401 Unauthorized: it needs credentials"):
        push([turtles["odesa"]], base)
    with pytest.raises(EndpointError, match="did not accept the credentials") as e:
        push([turtles["odesa"]], base, auth=(USER, "wrong-pw"))
    assert "wrong-pw" not in str(e.value)
    assert auth_store.received == []

    push([turtles["odesa"]], base, auth=(USER, PASSWORD))
    methods = [(m, p.split("?")[0]) for m, p, _ in auth_store.received]
    assert methods == [("PUT", "/store"), ("POST", "/store")]
    assert f"graph={urllib.parse.quote(doc_iri(turtles['odesa']), safe='')}" in auth_store.received[0][1]
    assert b"Odesa" in auth_store.received[0][2]

    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    push([turtles["odesa"]], base)  # credentials from the environment
    assert sparql_select(base + "/query", "SELECT ?x WHERE {}")["results"]["bindings"][0]["x"]["value"] == "ok"
    res = CliRunner().invoke(main, ["push", str(turtles["odesa"]), "--endpoint", base])
    assert res.exit_code == 0, res.output


def test_credentials_never_appear_in_errors(turtles, monkeypatch):
    closed = f"127.0.0.1:{free_port()}"
    with pytest.raises(EndpointError) as e:
        push([turtles["odesa"]], f"http://{USER}:{PASSWORD}@{closed}", retry=NO_RETRY)
    assert PASSWORD not in str(e.value) and f"http://{closed}/store" in str(e.value)
    with pytest.raises(EndpointError) as e:
        query_endpoint(f"http://{USER}:{PASSWORD}@{closed}/query", bundled_queries()["events"], retry=NO_RETRY)
    assert PASSWORD not in str(e.value)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    res = CliRunner().invoke(main, ["push", str(turtles["odesa"]), "--endpoint", f"http://{closed}", "--user", USER,
                                    "--retries", "0"])
    assert res.exit_code == 1 and PASSWORD not in res.output


# ------------------------------------------------------------------------------------------ the CLI


def test_kg_push_and_query_exit_codes(store, turtles, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["push", str(turtles["dnipro"]), "--endpoint", store.base])
    assert res.exit_code == 0, res.output
    assert f"replaced <{doc_iri(turtles['dnipro'])}>" in res.stdout
    assert f"query it at {store.query}" in res.stderr
    assert "default graph" not in res.stderr  # the store's default graph is the union: nothing to warn about

    res = runner.invoke(main, ["query", "strikes-with-injuries-and-claims", "--endpoint", store.query,
                               "--format", "csv"])
    assert res.exit_code == 0 and "Dnipro" in res.stdout
    res = runner.invoke(main, ["query", "events-at-place", "--endpoint", store.query, "--param", "place=Atlantis"])
    assert res.exit_code == 0 and "(0 rows)" in res.stdout and res.stderr == ""  # no rows, and rightly so

    down = f"http://127.0.0.1:{free_port()}"
    res = runner.invoke(main, ["push", str(turtles["dnipro"]), "--endpoint", down, "--retries", "0"])
    assert res.exit_code == 1 and res.stderr.startswith(f"Error: cannot reach {down}/store: connection refused")
    res = runner.invoke(main, ["query", "events", "--endpoint", down + "/query", "--retries", "0"])
    assert res.exit_code == 1 and "connection refused" in res.stderr

    assert runner.invoke(main, ["push", str(tmp_path / "missing.ttl"), "--endpoint", store.base]).exit_code == 2
    res = runner.invoke(main, ["push", str(turtles["dnipro"])])
    assert res.exit_code == 2 and "--endpoint" in res.stderr
    res = runner.invoke(main, ["push", str(turtles["dnipro"]), "--endpoint", "ftp://example.org/"])
    assert res.exit_code == 2


def test_a_store_whose_default_graph_is_not_the_union_gets_a_hint_not_silence(turtles):
    # a plain `oxigraph serve`: the pushed graphs are named graphs, and the queries read the default graph
    runner = CliRunner()
    with OxigraphServer(port=0, union_default_graph=False) as plain:
        res = runner.invoke(main, ["push", str(turtles["dnipro"]), "--endpoint", plain.base_url])
        assert res.exit_code == 0, res.output
        assert "warning: the endpoint's default graph holds none of kg's data" in res.stderr
        assert "oxigraph serve --union-default-graph" in res.stderr
        res = runner.invoke(main, ["query", "events", "--endpoint", plain.urls.query])
        assert res.exit_code == 0 and "(0 rows)" in res.stdout
        assert "kg: no rows; the endpoint's default graph holds none of kg's data" in res.stderr


def test_kg_serve_refuses_a_busy_port(oxigraph_server, turtles):
    port = oxigraph_server.base.rsplit(":", 1)[1]
    res = CliRunner().invoke(main, ["serve", str(turtles["odesa"]), "--port", port])
    assert res.exit_code == 1 and "already in use" in res.stderr


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _kg_serve(*args: str) -> tuple[subprocess.Popen, dict[str, str]]:
    """``kg serve ARGS`` as a real process, once it has printed its URLs (``Key: value`` lines)."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    seen: dict[str, str] = {}
    deadline = time.monotonic() + 30
    line = ""
    while not line.startswith("Press Ctrl-C"):
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            proc.kill()
            pytest.fail(f"kg serve printed no URL within 30 s: {seen} {proc.poll()}")
        key, _, value = line.partition(": ")
        seen[key.strip()] = value.strip()
    return proc, seen


def _post(url: str, headers: dict[str, str] | None = None, **form: str) -> int:
    """POST a form (with extra headers: a foreign Origin or Host, as a web page in the user's browser could send
    it); the HTTP status."""
    req = urllib.request.Request(url, data=urlencode(form).encode(), method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize("writable", [False, True], ids=["read-only", "writable"])
def test_kg_serve_is_read_only_unless_asked_and_answers_only_its_own_address_and_pages(turtles, writable):
    proc, seen = _kg_serve(str(turtles["dnipro"]), "--port", "0", *(["--writable"] if writable else []))
    try:
        base = seen["Web UI"].rstrip("/")
        port = base.rsplit(":", 1)[1]
        info = load_query("events")
        before = len(query_endpoint(seen["SPARQL endpoint"], info).rows)
        assert before > 0

        def rows() -> int:
            return len(query_endpoint(seen["SPARQL endpoint"], info).rows)

        # a page on another site (a cross-origin form), and a rebound domain name: refused however writable
        assert _post(f"{base}/update", {"Origin": "http://evil.example"}, update="DROP ALL") == 403
        assert _post(f"{base}/update", {"Host": f"evil.example:{port}"}, update="DROP ALL") == 403
        assert _post(f"{base}/query", {"Host": f"evil.example:{port}"}, query="SELECT * {?s ?p ?o}") == 403
        assert rows() == before
        # the server's own pages (same origin) and command-line clients (no Origin) are answered
        assert _post(f"{base}/query", {"Origin": f"http://127.0.0.1:{port}"}, query="ASK {}") == 200
        status = _post(f"{base}/update", update="DROP ALL")
        if writable:
            assert status in (200, 204) and rows() == 0  # the opt-in does what it says
        else:
            assert status >= 400 and rows() == before
            assert _post(f"{base}/update", update="LOAD <http://127.0.0.1:9/x.ttl>") >= 400  # no fetching URLs
            assert seen["kg"].startswith("read-only")  # "kg: read-only: SPARQL updates ... are refused"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)


def test_a_killed_kg_serve_takes_its_server_with_it_and_the_next_one_cleans_up(turtles):
    proc, seen = _kg_serve(str(turtles["dnipro"]), "--port", "0")
    folder = Path(seen["Data directory"].split(" (")[0])
    children = _children(proc.pid)
    assert children and folder.is_dir()
    proc.kill()  # kill -9: kg cleans nothing up
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(c) for c in children)  # the server died with kg: no writable port left open
    assert folder.is_dir()
    second, _ = _kg_serve(str(turtles["odesa"]), "--port", "0")
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=15)
    assert not folder.exists()  # the next kg serve deleted the dead one's data


def test_kg_serve_without_files_must_be_writable():
    res = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert res.exit_code == 2 and "--writable" in res.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_kg_serve_answers_and_stops_cleanly(turtles, sig):
    port = free_port()
    proc, seen = _kg_serve(str(turtles["dnipro"]), "--port", str(port))
    try:
        url = seen["SPARQL endpoint"]
        assert url == f"http://127.0.0.1:{port}/query" and seen["Web UI"] == f"http://127.0.0.1:{port}/"
        folder = seen["Data directory"].split(" (")[0]
        assert Path(folder).is_dir()
        children = _children(proc.pid) if Path("/proc").is_dir() else []

        info = load_query("strikes-with-injuries-and-claims")
        remote = query_endpoint(url, info)
        assert remote.rows and rows(remote) == rows(query_store(load_store([turtles["dnipro"]]), info))

        proc.send_signal(sig)
        assert proc.wait(timeout=15) in (0, 130)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Traceback" not in proc.stderr.read()
    if Path("/proc").is_dir():
        assert children and not any(_alive(c) for c in children)
    assert not Path(folder).exists()
    with pytest.raises(EndpointError, match="connection refused"):
        query_endpoint(url, info)
