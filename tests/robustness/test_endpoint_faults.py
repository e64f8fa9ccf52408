"""Issue 8, endpoint faults: a store that goes down, fails, throttles or stalls in the middle of a push.

Two kinds of real servers, no HTTP mocks:

* a real ``oxigraph serve`` (kg.store.server.OxigraphServer, data in a directory that survives a
  restart) which the test stops after the k-th graph has landed — from push's progress hook, so the
  failure point is deterministic — then restarts to re-push the spool;
* a tiny ``http.server`` in a thread that plays a script of answers per request: HTTP 500, 503, 429
  with Retry-After, a hang past the client's timeout, a 401 challenge.

Backoff delays are made tiny (or recorded instead of slept, through RetryPolicy.sleep) so the tests
stay fast; one test really waits for a Retry-After of 1 s.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import shutil
import sys
import threading
import time
import traceback
import urllib.request
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import EndpointError, UsageError
from kg.rdf.namespaces import SHARED_GRAPH
from kg.store import spool as spooling
from kg.store.httpclient import RetryPolicy, credentials
from kg.store.push import PushError, push, push_spool, read_triples, split_documents
from kg.store.query import query_endpoint
from kg.store.resources import bundled_queries
from kg.store.server import OxigraphServer

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")

DOC = "https://w3id.org/kg-conflict/id/doc/"
ID = "https://w3id.org/kg-conflict/id/"
N_ARTICLES = 12
STOP_AFTER = 5  # the server is stopped once this many graphs have landed
USER = "kg-admin"
PASSWORD = 'p@ss:w/rd%"#\\ é!'  # every character that URLs, netrc or shells treat specially


def fast(retries: int = 2, record: list | None = None, **kw) -> RetryPolicy:
    """A retry policy with tiny deterministic delays; ``record`` collects the delays instead of sleeping."""
    sleep = record.append if record is not None else time.sleep
    return RetryPolicy(retries=retries, backoff=0.01, max_backoff=0.05, jitter=0, sleep=sleep, **kw)


def write_articles(path: Path, n: int = N_ARTICLES, *, blank: bool = False) -> Path:
    """Turtle shaped like kg's output: n articles, each with an event; a country they share."""
    out = ["@prefix schema: <https://schema.org/> .", "@prefix prov: <http://www.w3.org/ns/prov#> .",
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
           "@prefix kgo: <https://w3id.org/kg-conflict/ontology#> ."]
    for i in range(n):
        key = hashlib.sha256(f"article {i}".encode()).hexdigest()[:16]
        out.append(f'<{DOC}{key}> a schema:NewsArticle ; schema:headline "Article {i}: strike \\"{i}\\""@en .')
        out.append(f"<{ID}event/{key}-10-20> a kgo:Attack ; rdfs:label \"strike {i}\" ; "
                   f"kgo:attacker <{ID}country/RU> ; prov:wasDerivedFrom <{DOC}{key}> .")
    out.append(f'<{ID}country/RU> rdfs:label "Russia"@en ; rdfs:label "Росія"@uk .')
    if blank:
        out.append(f'<{ID}country/RU> kgo:note [ rdfs:label "a blank node in the shared graph" ] .')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def dump(base: str) -> set[ox.Quad]:
    """Every quad the store holds (Graph Store GET of the whole dataset, plain urllib)."""
    req = urllib.request.Request(base + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return set(ox.parse(resp.read(), format=ox.RdfFormat.N_QUADS))


def graphs_of(quads: set[ox.Quad]) -> set[str]:
    return {q.graph_name.value for q in quads}


def spooled_graphs(directory: Path) -> dict[str, spooling.Spooled]:
    return {s.graph: s for s in (spooling.read(p) for p in spooling.pending(directory))}


needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed")


# ------------------------------------------------------------------------------------------ real Oxigraph


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("articles") / "articles.ttl")


@pytest.fixture(scope="module")
def uninterrupted(articles) -> set[ox.Quad]:
    """What the store holds after one push that nothing interrupted."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server is not installed")
    with OxigraphServer(port=0) as server:
        report = push([articles], server.base_url)
        assert len(report.graphs) == N_ARTICLES + 1
        quads = dump(server.base_url)
    assert graphs_of(quads) == {g for g, _, _ in report.graphs} and len(quads) == report.triples
    return quads


@pytest.fixture
def oxigraph(tmp_path):
    """Start/stop a real Oxigraph whose data directory survives a stop (for a restart on the same port)."""
    state: dict = {"location": tmp_path / "store", "server": None, "port": 0}

    def start() -> OxigraphServer:
        server = OxigraphServer(port=state["port"], location=state["location"]).start()
        state["server"], state["port"] = server, server.port
        return server

    def stop() -> None:
        state["server"].stop()

    yield start, stop
    if state["server"] is not None:
        state["server"].stop()


@pytest.mark.server
@needs_oxigraph
def test_server_stopped_mid_push_spools_exactly_what_did_not_land_and_repush_is_exact(
        oxigraph, articles, uninterrupted, tmp_path, caplog):
    start, stop = oxigraph
    server = start()
    base = server.base_url
    parts = split_documents(read_triples([articles]))
    assert len(parts) == N_ARTICLES + 1 and parts[-1].graph == SHARED_GRAPH and not parts[-1].replace
    landed: list[str] = []

    def stop_after_k(graph, n, replaced):
        landed.append(graph)
        if len(landed) == STOP_AFTER:
            stop()  # terminates oxigraph serve and waits for it: the next request finds nobody

    spool = tmp_path / "spool"
    delays: list[float] = []
    with pytest.raises(PushError) as e:
        push([articles], base, retry=fast(2, delays), spool=spool, progress=stop_after_k)
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"cannot reach {base}/store: connection refused (is the server running?) "
                              f"(after 3 attempts) (replacing graph <{parts[STOP_AFTER].graph}>; ")
    assert f"{STOP_AFTER} of {len(parts)} graph(s) were written before" in message
    assert f"{len(parts) - STOP_AFTER} graph(s) not written are saved in {spool}" in message
    assert f"kg push --from-spool {spool} --endpoint {base}" in message
    assert delays == [0.01, 0.02]  # exponential backoff, retried only on the failing graph
    assert [r.getMessage() for r in caplog.records if r.name == "kg.store.http"][:1] == [
        f"kg: PUT {base}/store failed: connection refused (is the server running?); retry 1 of 2 in 0.01 s"]

    # the spool holds exactly the graphs that did not land, each with exactly the triples push meant to send
    report = e.value.report
    assert [g for g, _, _ in report.graphs] == landed == [p.graph for p in parts[:STOP_AFTER]]
    spooled = spooled_graphs(spool)
    assert set(spooled) == {p.graph for p in parts[STOP_AFTER:]}
    for part in parts[STOP_AFTER:]:
        assert set(spooled[part.graph].triples) == set(part.triples)
        assert spooled[part.graph].replace == part.replace
        assert "connection refused" in spooled[part.graph].reason
    assert sorted(report.spooled) == spooling.pending(spool)
    # no temporary files left behind (the lock file stays: unlinking it would race with the next push's lock)
    assert [p.name for p in spool.iterdir() if p.name.startswith(".")] == [spooling.LOCK]

    # restarted on the same data: what landed is there, nothing else; the spool and the store are disjoint
    server = start()
    assert server.base_url == base
    before = dump(base)
    assert graphs_of(before) == set(landed)
    assert graphs_of(before).isdisjoint(spooled)

    result = push_spool(spool, base, retry=fast())
    assert sorted(g for g, _, _ in result.graphs) == sorted(spooled)
    assert spooling.pending(spool) == []
    assert dump(base) == uninterrupted  # the same store as a push nothing interrupted

    # pushing everything again changes nothing (PUT replaces, the shared merge adds nothing new)
    push([articles], base, retry=fast())
    assert dump(base) == uninterrupted


@pytest.mark.server
@needs_oxigraph
def test_retries_ride_out_a_server_restart(oxigraph, articles, uninterrupted):
    """The server goes down after the 3rd graph and is back before the first retry: nothing fails."""
    start, stop = oxigraph
    base = start().base_url
    landed = []
    restarts = []

    def restart_once(delay):
        if not restarts:
            restarts.append(delay)
            start()

    retry = RetryPolicy(retries=2, backoff=0.01, jitter=0, sleep=restart_once)
    report = push([articles], base, retry=retry,
                  progress=lambda g, n, r: (landed.append(g), len(landed) == 3 and stop()))
    assert restarts == [0.01] and len(report.graphs) == N_ARTICLES + 1 and not report.spooled
    assert dump(base) == uninterrupted


@pytest.mark.server
@needs_oxigraph
def test_kg_push_spool_and_from_spool_on_the_command_line(oxigraph, articles, uninterrupted, tmp_path):
    runner = CliRunner()
    spool = tmp_path / "spool"
    start, stop = oxigraph
    base = start().base_url
    stop()  # down from the start: every graph goes to the spool

    res = runner.invoke(main, ["push", str(articles), "--endpoint", base, "--retries", "1", "--spool", str(spool)])
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len([ln for ln in lines if ln.startswith("Error:")]) == 1
    assert lines[-1].startswith(f"Error: cannot reach {base}/store: connection refused (is the server running?) "
                                "(after 2 attempts)")
    assert f"{N_ARTICLES + 1} graph(s) not written are saved in {spool}" in lines[-1]
    assert len(spooling.pending(spool)) == N_ARTICLES + 1

    start()
    res = runner.invoke(main, ["push", str(articles), "--from-spool", str(spool), "--endpoint", base])
    assert res.exit_code == 2 and "give no FILES" in res.stderr
    res = runner.invoke(main, ["push", "--from-spool", str(spool), "--endpoint", base])
    assert res.exit_code == 0, res.output
    assert res.stdout.count("replaced <") == N_ARTICLES and f"merged into <{SHARED_GRAPH}>" in res.stdout
    assert f"from the spool {spool} into {N_ARTICLES + 1} graph(s)" in res.stderr
    assert spooling.pending(spool) == []
    assert dump(base) == uninterrupted
    res = runner.invoke(main, ["push", "--from-spool", str(spool), "--endpoint", base])
    assert res.exit_code == 0 and "into 0 graph(s)" in res.stderr  # an empty spool is not an error


@pytest.mark.server
@needs_oxigraph
def test_a_failing_repush_keeps_the_rest_of_the_spool(oxigraph, articles, uninterrupted, tmp_path):
    start, stop = oxigraph
    base = start().base_url
    stop()
    spool = tmp_path / "spool"
    with pytest.raises(PushError):
        push([articles], base, retry=fast(0), spool=spool)
    files = spooling.pending(spool)
    start()
    sent = []

    def stop_after_two(graph, n, replaced):
        sent.append(graph)
        if len(sent) == 2:
            stop()

    with pytest.raises(PushError) as e:
        push_spool(spool, base, retry=fast(0), progress=stop_after_two)
    assert f"2 of {len(files)} spooled graph(s) were written before; {len(files) - 2} graph(s) stay in {spool}" \
        in str(e.value)
    assert spooling.pending(spool) == files[2:]  # only the files that landed were removed
    start()
    push_spool(spool, base, retry=fast(0))
    assert dump(base) == uninterrupted


# ------------------------------------------------------------------------------------------ a scripted server


class _Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next step of ``server.script`` (then 204 / SPARQL JSON for good)."""

    def _handle(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        srv = self.server
        if srv.auth and self.headers.get("Authorization") != "Basic " + base64.b64encode(
                f"{srv.auth[0]}:{srv.auth[1]}".encode()).decode():
            with srv.lock:
                srv.challenges += 1
            self._send(401, {"WWW-Authenticate": 'Basic realm="kg-test"'})
            return
        with srv.lock:
            srv.requests.append((self.command, self.path, body))
            step = srv.script.pop(0) if srv.script else ("ok",)
        if step[0] == "drop":  # read the request, close the connection without a word (a crash mid-request)
            self.close_connection = True
            return
        if step[0] == "hang":  # accept the request, never answer (until the test ends)
            srv.release.wait(10)
            return
        if step[0] == "status":
            _, code, headers, text = step
            if text == "ECHO":  # a careless server that echoes the request headers back
                text = "bad request headers: " + " ".join(f"{k}={v}" for k, v in self.headers.items())
            self._send(code, headers, text.encode())
            return
        if self.path.startswith("/query"):
            out = json.dumps({"head": {"vars": ["event"]},
                              "results": {"bindings": [{"event": {"type": "uri", "value": f"{ID}event/x"}}]}})
            self._send(200, {"Content-Type": "application/sparql-results+json"}, out.encode())
        else:
            self._send(204, {})

    do_GET = do_PUT = do_POST = _handle

    def _send(self, code: int, headers: dict, body: bytes = b""):
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    """A real HTTP server on 127.0.0.1 whose answers the test scripts: server.script = [step, ...]."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    server.daemon_threads = True
    server.script, server.requests, server.auth, server.challenges = [], [], None, 0
    server.lock, server.release = threading.Lock(), threading.Event()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def status(code: int, headers: dict | None = None, text: str = "") -> tuple:
    return ("status", code, headers or {}, text)


@pytest.fixture
def small(tmp_path) -> Path:
    return write_articles(tmp_path / "two.ttl", 2)


def test_503_then_success_is_retried_with_exponential_backoff(scripted, small):
    scripted.script = [status(503), status(503)]
    delays: list[float] = []
    report = push([small], scripted.base, retry=fast(3, delays))
    assert len(report.graphs) == 3
    puts = [r for r in scripted.requests if r[0] == "PUT"]
    assert len(puts) == 4 and puts[0] == puts[1] == puts[2]  # the same graph, sent again unchanged
    assert delays == [0.01, 0.02]


def test_a_connection_dropped_mid_request_is_retried_for_a_put_only(scripted, small, tmp_path):
    scripted.script = [("drop",)]
    assert len(push([small], scripted.base, retry=fast(1)).graphs) == 3
    assert [m for m, _, _ in scripted.requests] == ["PUT", "PUT", "PUT", "POST"]

    scripted.requests.clear()
    scripted.script = [("ok",), ("drop",)]
    with pytest.raises(PushError, match=r"^cannot talk to .*/store: the server closed the connection without "
                                        r"answering; not retried: a POST"):
        push([write_articles(tmp_path / "blank.ttl", 1, blank=True)], scripted.base, retry=fast(3))
    assert [m for m, _, _ in scripted.requests] == ["PUT", "POST"]


def test_jitter_and_the_cap_keep_delays_bounded():
    policy = RetryPolicy(retries=10, backoff=1, max_backoff=8, jitter=0.5)
    delays = [policy.delay(k) for k in range(1, 11)]
    assert all(0.5 <= d <= 1 for d in delays[:1]) and all(4 <= d <= 8 for d in delays[4:])
    assert RetryPolicy(jitter=0).delay(3) == 2.0


def test_http_500_after_every_attempt_names_endpoint_graph_and_attempts(scripted, small, tmp_path):
    scripted.script = [status(500, {"Content-Type": "text/plain"}, "storage engine busy")] * 3
    spool = tmp_path / "spool"
    with pytest.raises(PushError) as e:
        push([small], scripted.base, retry=fast(2), spool=spool)
    first = split_documents(read_triples([small]))[0].graph
    assert str(e.value).startswith(f"{scripted.base}/store answered HTTP 500 Internal Server Error: storage engine "
                                   f"busy (after 3 attempts) (replacing graph <{first}>; 3 graph(s) not written")
    assert len(scripted.requests) == 3
    assert set(spooled_graphs(spool)) == {p.graph for p in split_documents(read_triples([small]))}


def test_client_errors_are_not_retried(scripted, small):
    scripted.script = [status(400, {}, "Turtle parse error")]
    with pytest.raises(PushError, match=r"answered HTTP 400 Bad Request: Turtle parse error \(replacing graph"):
        push([small], scripted.base, retry=fast(3))
    assert len(scripted.requests) == 1


def test_429_retry_after_is_honoured(scripted, small):
    scripted.script = [status(429, {"Retry-After": "7"}), status(503, {"Retry-After": formatdate(time.time() + 30,
                                                                                                 usegmt=True)})]
    delays: list[float] = []
    push([small], scripted.base, retry=fast(3, delays))
    assert delays[0] == 7.0 and 28 <= delays[1] <= 30  # seconds, then an HTTP date

    scripted.requests.clear()
    scripted.script = [status(503, {"Retry-After": "3600"})]
    with pytest.raises(PushError, match=r"answered HTTP 503 Service Unavailable; the server asked to retry after "
                                        r"3600 s, longer than kg waits"):
        push([small], scripted.base, retry=fast(3, []))
    assert len(scripted.requests) == 1


def test_retry_after_really_waits(scripted, small):
    scripted.script = [status(429, {"Retry-After": "1"})]
    start = time.monotonic()
    push([small], scripted.base, retry=RetryPolicy(retries=1, backoff=0.01))
    assert time.monotonic() - start >= 0.95
    assert len(scripted.requests) == 4  # PUT (429), PUT, PUT, POST


def test_a_stalled_server_times_out_and_the_timeout_is_retried(scripted, small):
    scripted.script = [("hang",), ("hang",)]
    start = time.monotonic()
    with pytest.raises(PushError) as e:
        push([small], scripted.base, timeout=0.3, retry=fast(1))
    assert time.monotonic() - start < 3
    assert str(e.value).startswith(f"{scripted.base}/store did not answer within 0.3 s (timeout) (after 2 attempts)")
    assert len(scripted.requests) == 2

    scripted.requests.clear()
    scripted.script = [("hang",)]  # slow once, then fine
    assert len(push([small], scripted.base, timeout=0.3, retry=fast(1)).graphs) == 3


def test_a_merge_with_blank_nodes_is_never_resent_after_it_may_have_landed(scripted, tmp_path):
    data = write_articles(tmp_path / "blank.ttl", 1, blank=True)
    scripted.script = [("ok",), status(503)]  # the article's PUT lands, the shared graph's POST gets 503
    with pytest.raises(PushError, match=r"answered HTTP 503 Service Unavailable; not retried: a POST that merges "
                                        r"data may already have been applied \(merging into graph"):
        push([data], scripted.base, retry=fast(3))
    assert [m for m, _, _ in scripted.requests] == ["PUT", "POST"]

    scripted.requests.clear()
    scripted.script = [("ok",), ("hang",)]
    with pytest.raises(PushError, match="timeout.*not retried"):
        push([data], scripted.base, timeout=0.3, retry=fast(3))
    assert [m for m, _, _ in scripted.requests] == ["PUT", "POST"]

    # ground triples (kg's own output has no blank nodes): merging twice changes nothing, so it is retried
    scripted.requests.clear()
    scripted.script = [("ok",), status(503)]
    push([write_articles(tmp_path / "ground.ttl", 1)], scripted.base, retry=fast(3))
    assert [m for m, _, _ in scripted.requests] == ["PUT", "POST", "POST"]


def test_a_refused_connection_is_retried_even_for_a_merge(tmp_path):
    """Nothing reached the server, so even a non-idempotent request may go again (and then fail clearly)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: connections are refused
    from kg.store.httpclient import request

    delays: list[float] = []
    with pytest.raises(EndpointError, match=r"connection refused \(is the server running\?\) \(after 3 attempts\)$"):
        request(f"http://127.0.0.1:{port}/store?graph=x", method="POST", data=b"", idempotent=False,
                retry=fast(2, delays))
    assert delays == [0.01, 0.02]


def test_queries_are_retried_and_their_errors_are_clear(scripted):
    info = bundled_queries()["events"]
    scripted.script = [status(502), status(504)]
    result = query_endpoint(scripted.base + "/query", info, retry=fast(2))
    assert result.rows == [{"event": f"{ID}event/x"}]
    assert [m for m, p, _ in scripted.requests] == ["POST"] * 3  # a query is a POST, but safe to repeat

    scripted.requests.clear()
    scripted.script = [status(500, {}, "query engine crashed")] * 4
    with pytest.raises(EndpointError) as e:
        query_endpoint(scripted.base + "/query", info, retry=fast(3))
    assert str(e.value) == (f"{scripted.base}/query answered HTTP 500 Internal Server Error: query engine crashed "
                            "(after 4 attempts)")
    scripted.requests.clear()
    scripted.script = [status(404)]
    with pytest.raises(EndpointError, match=r"answered HTTP 404 Not Found$"):
        query_endpoint(scripted.base + "/query", info, retry=fast(3))
    assert len(scripted.requests) == 1


def test_kg_push_and_query_timeout_and_retries_options(scripted, small):
    runner = CliRunner()
    scripted.script = [("hang",)] * 2
    res = runner.invoke(main, ["push", str(small), "--endpoint", scripted.base, "--timeout", "0.3", "--retries", "1"])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"Error: {scripted.base}/store did not answer within 0.3 s (timeout) "
                                 "(after 2 attempts) (replacing graph <")
    assert "Traceback" not in res.output
    scripted.script = [status(503)] * 2
    res = runner.invoke(main, ["query", "events", "--endpoint", scripted.base + "/query", "--retries", "1"])
    assert res.exit_code == 1 and "HTTP 503 Service Unavailable (after 2 attempts)" in res.stderr
    scripted.script = [status(503)]
    res = runner.invoke(main, ["query", "events", "--endpoint", scripted.base + "/query", "--retries", "1"])
    assert res.exit_code == 0 and f"{ID}event/x".replace(ID, "kgr:") in res.stdout
    for bad in (["--timeout", "0"], ["--retries", "-1"]):
        assert runner.invoke(main, ["push", str(small), "--endpoint", scripted.base, *bad]).exit_code == 2


# ------------------------------------------------------------------------------------------ spool files


def test_spool_files_merge_replace_and_reject_damage(tmp_path):
    d = spooling.prepare(tmp_path / "spool")
    t = lambda s, o: ox.Triple(ox.NamedNode(f"urn:{s}"), ox.NamedNode("urn:p"), ox.Literal(o))
    spooling.write(d, "urn:g", [t("a", "1")], replace=False, reason="down")
    spooling.write(d, "urn:g", [t("b", "2")], replace=False, reason="down again")
    (merged,) = spooled_graphs(d).values()
    assert not merged.replace and set(merged.triples) == {t("a", "1"), t("b", "2")}  # both merges still owed
    spooling.write(d, "urn:g", [t("c", "3")], replace=True)
    (put,) = spooled_graphs(d).values()
    assert put.replace and put.triples == [t("c", "3")]  # a PUT supersedes what was spooled for the graph
    spooling.write(d, "urn:g", [t("d", "4")], replace=False)
    assert spooled_graphs(d)["urn:g"].replace  # PUT then merge = PUT of the union
    assert spooling.discard(d, "urn:g") and spooling.pending(d) == []

    path = spooling.write(d, "urn:h", [t("a", "1\n\"x\"")], replace=True)
    assert spooling.read(path).triples == [t("a", "1\n\"x\"")]  # N-Quads round-trips literals exactly
    path.write_text(path.read_text().replace("<urn:h> .", "<urn:other> ."))
    with pytest.raises(UsageError, match="outside its graph"):
        spooling.read(path)
    res = CliRunner().invoke(main, ["push", "--from-spool", str(d), "--endpoint", "http://127.0.0.1:9"])
    assert res.exit_code == 2 and "outside its graph" in res.stderr  # checked before anything is sent
    res = CliRunner().invoke(main, ["push", "--from-spool", str(tmp_path / "nope"), "--endpoint", "http://127.0.0.1:9"])
    assert res.exit_code == 2 and "no such spool directory" in res.stderr


def test_one_push_at_a_time_uses_a_spool_directory(small, tmp_path):
    """A second push (or re-push) with the spool another process holds stops at once, naming that process; the
    lock goes with its holder, even when the holder is killed."""
    import subprocess

    d = spooling.prepare(tmp_path / "spool")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from kg.store import spool\n"
                               f"with spool.locked({str(d)!r}):\n print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for args in (["push", str(small), "--spool", str(d)], ["push", "--from-spool", str(d)]):
            res = CliRunner().invoke(main, [*args, "--endpoint", "http://127.0.0.1:9", "--retries", "0"])
            assert res.exit_code == 2, res.output  # a usage error, before anything is sent
            assert f"in use by another kg push (process {holder.pid})" in res.stderr
        assert spooling.pending(d) == []  # the refused push spooled nothing
    finally:
        holder.kill()  # SIGKILL: the system releases the lock
        holder.wait()
    with spooling.locked(d):
        assert (d / spooling.LOCK).read_text() == str(__import__("os").getpid())
    assert spooling.pending(d) == []  # the lock file is not a spooled graph


def test_a_successful_put_deletes_an_older_spooled_version(scripted, small, tmp_path):
    spool = tmp_path / "spool"
    scripted.script = [status(500)]
    with pytest.raises(PushError):
        push([small], scripted.base, retry=fast(0), spool=spool)
    assert len(spooling.pending(spool)) == 3
    push([small], scripted.base, retry=fast(0), spool=spool)  # the store is fine again
    remaining = spooled_graphs(spool)
    assert set(remaining) == {SHARED_GRAPH}  # the articles were replaced; the owed merge stays


# ------------------------------------------------------------------------------------------ credentials


def _netrc(path: Path, host: str, login: str, password: str) -> Path:
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(f'machine {host}\n  login {login}\n  password "{quoted}"\n', encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def no_env_credentials(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_ENDPOINT_USER", raising=False)
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def test_basic_credentials_are_sent_at_once_after_the_first_challenge(scripted, small):
    """Once a store has asked for HTTP Basic, every later request carries the credentials: a push of N graphs is
    not 2 N requests, half of them refused."""
    scripted.auth = (USER, PASSWORD)
    report = push([small], scripted.base, auth=(USER, PASSWORD), retry=fast(0))
    assert len(report.graphs) == 3 and len(scripted.requests) == 3  # two PUTs and the shared graph's POST
    assert scripted.challenges == 1  # only the very first request went without them
    push([small], scripted.base, auth=(USER, PASSWORD), retry=fast(0))
    assert scripted.challenges == 1


def test_credentials_from_a_netrc_file(scripted, small, tmp_path, monkeypatch, no_env_credentials):
    scripted.auth = (USER, PASSWORD)
    url = scripted.base
    with pytest.raises(PushError, match="needs credentials: .*netrc"):
        push([small], url, retry=fast(0))
    monkeypatch.setenv("NETRC", str(_netrc(tmp_path / "netrc", "127.0.0.1", USER, PASSWORD)))
    assert credentials(url=url) == (USER, PASSWORD)
    assert credentials(USER, url=url) == (USER, PASSWORD)  # same login: the netrc password
    assert credentials("someone-else", url=url) == ("someone-else", "")
    assert credentials(url="http://elsewhere.example/") is None
    assert len(push([small], url, retry=fast(0)).graphs) == 3
    assert query_endpoint(url + "/query", bundled_queries()["events"], retry=fast(0)).rows
    res = CliRunner().invoke(main, ["push", str(small), "--endpoint", url])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["query", "events", "--endpoint", url + "/query"])
    assert res.exit_code == 0, res.output

    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "from-the-environment")  # the environment wins over netrc
    assert credentials(USER, url=url) == (USER, "from-the-environment")

    # a password where a keyword should be: the stdlib's message quotes it, kg's must not
    (tmp_path / "broken").write_text(f"machine 127.0.0.1 login {USER} p@ss-secret\n")
    monkeypatch.setenv("NETRC", str(tmp_path / "broken"))
    monkeypatch.delenv("KG_ENDPOINT_PASSWORD")
    with pytest.raises(UsageError) as e:
        credentials(url=url)
    assert re.fullmatch(rf"cannot parse the netrc file {re.escape(str(tmp_path / 'broken'))}, line \d+", str(e.value))


def test_the_password_never_appears_in_errors_logs_spool_or_tracebacks(scripted, small, tmp_path, monkeypatch,
                                                                         caplog, no_env_credentials):
    caplog.set_level(logging.DEBUG)
    scripted.auth = (USER, PASSWORD)
    forms = [PASSWORD, quote(PASSWORD, safe=""), quote(PASSWORD),
             base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()]
    seen: list[str] = []

    # a server that fails every request and echoes the request headers (Authorization included) back
    scripted.script = [status(500, {"Content-Type": "text/plain"}, "ECHO")] * 100
    in_url = f"http://{quote(USER)}:{quote(PASSWORD, safe='')}@{scripted.base.removeprefix('http://')}"
    for attempt in (lambda: push([small], in_url, retry=fast(1), spool=tmp_path / "spool"),
                    lambda: push([small], scripted.base, auth=(USER, PASSWORD), retry=fast(1)),
                    lambda: query_endpoint(in_url + "/query", bundled_queries()["events"], retry=fast(1))):
        with pytest.raises(EndpointError) as e:
            attempt()
        seen.append(str(e.value))
        seen.append("".join(traceback.format_exception(e.value)))
    assert "bad request headers" in seen[0] and "Authorization=Basic ***" in seen[0]  # it was echoed, and scrubbed

    monkeypatch.setenv("KG_ENDPOINT_USER", USER)
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", PASSWORD)
    runner = CliRunner()
    for args in (["push", str(small), "--endpoint", scripted.base, "--retries", "1", "--spool", str(tmp_path / "s2")],
                 ["push", str(small), "--endpoint", in_url, "--retries", "1"],
                 ["query", "events", "--endpoint", scripted.base + "/query", "--retries", "1"],
                 ["push", str(small), "--endpoint", "ftp://" + in_url.removeprefix("http://")]):
        res = runner.invoke(main, args)
        assert res.exit_code in (1, 2) and res.stderr.startswith("Error: ")
        seen += [res.stdout, res.stderr]
        res = runner.invoke(main, ["--debug", *args])  # --debug raises: the traceback is what a user would see
        assert res.exception is not None and not isinstance(res.exception, SystemExit)
        seen.append("".join(traceback.format_exception(res.exception)))

    # unreachable: the down-server path
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"127.0.0.1:{s.getsockname()[1]}"
    res = runner.invoke(main, ["push", str(small), "--endpoint", f"http://{USER}:{quote(PASSWORD, safe='')}@{closed}",
                               "--retries", "1"])
    assert res.exit_code == 1 and f"cannot reach http://{closed}/store" in res.stderr
    seen += [res.stdout, res.stderr]

    seen += [r.getMessage() for r in caplog.records]
    seen += [p.read_text(encoding="utf-8") for d in ("spool", "s2") for p in spooling.pending(tmp_path / d)]
    assert any("retry 1 of 1" in r.getMessage() for r in caplog.records)
    assert len(spooling.pending(tmp_path / "spool")) == 3
    text = "\n".join(seen)
    for form in forms:
        assert form not in text
    assert "p@ss" not in text
