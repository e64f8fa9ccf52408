"""The command line through click's CliRunner and a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from kg.cli import main
from kg.extract.version import EXTRACTOR_VERSION

KGO = "https://w3id.org/kg-conflict/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def sample_ttl(tmp_path_factory, runner, sample_path, nlp):
    out = tmp_path_factory.mktemp("cli") / "sample.ttl"
    res = runner.invoke(main, ["extract", str(sample_path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


def test_every_command_is_documented_with_an_example(runner):
    res = runner.invoke(main, ["--help"])
    assert res.exit_code == 0
    for name, cmd in main.commands.items():
        assert cmd.help and "Example" in cmd.help, name
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and "Usage:" in sub.output


def test_extract_writes_turtle_that_parses(sample_ttl):
    g = Graph().parse(sample_ttl, format="turtle")
    assert len(g) > 100


def test_extract_to_stdout_from_stdin(runner):
    res = runner.invoke(main, ["extract", "-"], input="date 2024-03-01\nRussian drones hit Odesa on Thursday, killing two people.")
    assert res.exit_code == 0
    g = Graph().parse(data=res.stdout, format="turtle")
    assert any("Odesa" in str(o) for o in g.objects())


@pytest.mark.parametrize("fmt", ["ttl", "nq"])
def test_dash_output_is_stdout_in_every_format(runner, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(main, ["extract", "-", "-o", "-", "--format", fmt],
                        input="date 2024-03-01\nRussian drones hit Odesa on Thursday, killing two people.")
    assert res.exit_code == 0, res.output
    assert list(tmp_path.iterdir()) == []  # no file named "-", no "-.kg-state"
    ds = Dataset().parse(data=res.stdout, format="turtle" if fmt == "ttl" else "nquads")
    assert any("Odesa" in str(o) for _, _, o, _ in ds.quads((None, None, None, None)))


def test_a_read_only_output_is_replaced_only_with_force_and_keeps_its_mode(runner, tmp_path, sample_path):
    out = tmp_path / "out.nq"
    out.write_text("# kept\n", encoding="utf-8")
    out.chmod(0o444)
    res = runner.invoke(main, ["extract", str(sample_path), "-o", str(out)])
    assert res.exit_code == 2 and "read-only; pass --force" in res.stderr
    assert out.read_text(encoding="utf-8") == "# kept\n"
    assert runner.invoke(main, ["extract", str(sample_path), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<") and out.stat().st_mode & 0o777 == 0o444
    shared = tmp_path / "shared.ttl"
    shared.write_text("", encoding="utf-8")
    shared.chmod(0o640)
    assert runner.invoke(main, ["extract", str(sample_path), "-o", str(shared)]).exit_code == 0
    assert shared.stat().st_mode & 0o777 == 0o640  # the mode of the file it replaced, not a fresh file's


@pytest.mark.parametrize("suffix", ["ttl", "nq"])
def test_an_output_that_cannot_be_written_is_refused_before_any_document_is_read(runner, tmp_path, sample_path,
                                                                                 suffix):
    (tmp_path / "afile").write_text("a file, not a folder\n", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(sample_path), "-o", str(tmp_path / "afile" / f"x.{suffix}")])
    assert res.exit_code == 2 and "Error: cannot write" in res.stderr
    assert "document(s) ok" not in res.stderr  # nothing extracted first, then lost (-o X.ttl used to do that)


def test_jsonl_input_with_a_bad_line_exits_1_and_keeps_the_rest(runner, tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "ok", "text": "Shelling killed three people in Kherson on Monday.", "published": "2024-11-19"})
                 + "\n{broken\n")
    out = tmp_path / "out.ttl"
    res = runner.invoke(main, ["extract", str(f), "-o", str(out)])
    assert res.exit_code == 1
    assert "a.jsonl:2" in res.stderr and "malformed JSON" in res.stderr
    assert "Kherson" in out.read_text()


def test_no_readable_input_is_a_usage_error(runner, tmp_path):
    res = runner.invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert res.exit_code == 2
    assert "Error: no readable input documents" in res.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_query_by_name_in_every_format(runner, sample_ttl, fmt):
    res = runner.invoke(main, ["query", "strikes-with-injuries-and-claims", str(sample_ttl), "--format", fmt])
    assert res.exit_code == 0, res.output
    assert "Dnipro" in res.stdout
    if fmt == "json":
        data = json.loads(res.stdout)
        assert any(r["claimKind"] == "responsibility" for r in data["rows"])


def test_query_params_are_bound_not_pasted(runner, sample_ttl):
    ok = runner.invoke(main, ["query", "events-in-date-range", str(sample_ttl), "--param", "from=2023-05-26",
                              "--param", "to=2023-05-26", "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert len(json.loads(ok.stdout)["rows"]) >= 1
    evil = '2023-01-01") } } SELECT * WHERE { ?s ?p ?o } #'
    res = runner.invoke(main, ["query", "events-in-date-range", str(sample_ttl), "--param", f"from={evil}",
                               "--param", "to=2024-01-01", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["columns"] == ["event", "type", "place", "first", "last"]


def test_query_errors(runner, sample_ttl):
    res = runner.invoke(main, ["query", "no-such-query", str(sample_ttl)])
    assert res.exit_code == 2 and "no bundled query named 'no-such-query'" in res.stderr
    res = runner.invoke(main, ["query", "events-in-date-range", str(sample_ttl)])
    assert res.exit_code == 2 and "--param from=VALUE" in res.stderr


def test_a_parameter_that_is_not_utf8_is_a_usage_error(runner, sample_ttl):
    # bytes a terminal could not decode reach Python as lone surrogates
    res = runner.invoke(main, ["query", "events-at-place", str(sample_ttl), "--param", "place=\udcff\udcfe"])
    assert res.exit_code == 2 and "is not UTF-8 text" in res.stderr


@pytest.mark.parametrize("command", [["query", "events", "big.ttl"], ["report", "big.ttl", "-o", "r.html"]])
def test_a_literal_over_the_parser_s_16_mib_is_a_clear_error(runner, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.ttl").write_text('<http://e.org/a> <http://e.org/b> "' + "x" * (17 << 20) + '" .\n',
                                      encoding="utf-8")
    res = runner.invoke(main, command)
    assert res.exit_code == 2, res.output
    assert "too large for the parser" in res.stderr and "Traceback" not in res.output


def test_validate_exit_codes(runner, sample_ttl, tmp_path):
    assert runner.invoke(main, ["validate", str(sample_ttl)]).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kg-conflict/ontology#> .\n<urn:x> a kgo:Attack .\n")
    assert runner.invoke(main, ["validate", str(bad)]).exit_code == 1
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    assert runner.invoke(main, ["validate", str(broken)]).exit_code == 2


def test_python_dash_m_kg_works(tmp_path):
    res = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True)
    from kg import __version__

    assert res.returncode == 0 and __version__ in res.stdout


@pytest.mark.parametrize("policy", ["full", "evidence", "none"])
def test_text_policy_decides_how_much_of_the_article_is_published(runner, tmp_path, sample_path, policy):
    from kg.store.validate import check_files, validate

    out = tmp_path / f"{policy}.ttl"
    res = runner.invoke(main, ["extract", str(sample_path), "--text", policy, "-o", str(out)])
    assert res.exit_code == 0, res.output
    g = Graph().parse(out)
    article = sample_path.read_text(encoding="utf-8").split("\n", 1)[1]
    sentences = [s.strip() for s in article.replace("\n", " ").split(". ") if len(s.strip()) > 60]
    literals = [str(o) for o in g.objects() if isinstance(o, Literal)]
    has_text = any(len(v) > 1000 for v in literals)
    quoted = {str(o) for o in g.objects(None, URIRef(KGO + "quote"))}
    sentence_nodes = set(g.subjects(RDF.type, URIRef(NIF + "Sentence")))
    assert has_text == (policy == "full")
    if policy == "full":
        assert (None, URIRef(KGO + "textIncluded"), None) not in g
    else:
        assert {str(o) for o in g.objects(None, URIRef(KGO + "textIncluded"))} == {policy}
    if policy == "evidence":
        assert quoted and sentence_nodes  # the sentences that support a statement, and the quotes
    if policy == "none":  # no sentence of the article anywhere, only the words of each span
        assert not quoted and not sentence_nodes
        assert not any(s[:60] in v for s in sentences for v in literals)
    assert check_files([out]).conforms
    assert validate(g)[0]  # the reference engine agrees


def test_a_document_needs_its_text_or_a_word_on_how_much_is_left_out(tmp_path, sample_ttl):
    from kg.store.validate import check_files

    bare = tmp_path / "bare.ttl"
    bare.write_text("".join(line for line in sample_ttl.read_text(encoding="utf-8").splitlines(True)
                            if "nif:isString" not in line), encoding="utf-8")
    result = check_files([bare])
    assert not result.conforms and any("DocumentTextShape" in v.shape for v in result.violations)


def test_json_ld_output_holds_the_same_graph_as_turtle_and_is_deterministic(runner, tmp_path, sample_path,
                                                                             sample_ttl):
    import random

    from rdflib.compare import isomorphic

    from kg.store.serialize import jsonld, jsonld_context

    out = tmp_path / "sample.jsonld"
    res = runner.invoke(main, ["extract", str(sample_path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"] == jsonld_context()  # inline: a reader needs no network
    g = Graph().parse(out, format="json-ld")
    assert isomorphic(g, Graph().parse(sample_ttl))
    shuffled = list(g)
    random.Random(3).shuffle(shuffled)
    again = Graph()
    for t in shuffled:
        again.add(t)
    assert jsonld(again) == out.read_text(encoding="utf-8")  # the same graph, the same bytes
    shipped = json.loads((Path(__file__).resolve().parents[1] / "ontology" / "context.jsonld").read_text())
    assert shipped == {"@context": jsonld_context()}
    # kg's own readers take it by its suffix
    assert runner.invoke(main, ["validate", str(out)]).exit_code == 0
    res = runner.invoke(main, ["query", "events", str(out), "--format", "csv"])
    assert res.exit_code == 0 and "Dnipro" in res.stdout


def test_json_ld_one_file_per_article_and_what_it_cannot_do(runner, tmp_path, sample_path):
    res = runner.invoke(main, ["extract", str(sample_path), "--out-dir", str(tmp_path / "d"), "--format", "jsonld"])
    assert res.exit_code == 0, res.output
    (written,) = (tmp_path / "d").glob("*.jsonld")
    assert len(Graph().parse(written, format="json-ld")) > 1000
    res = runner.invoke(main, ["extract", str(sample_path), "-o", str(tmp_path / "x.jsonld"), "--resume"])
    assert res.exit_code == 2 and "JSON-LD" in res.stderr


def test_describe_writes_a_void_and_dcat_description_computed_from_the_data(runner, tmp_path, sample_ttl):
    void, dcat, dcterms = ("http://rdfs.org/ns/void#", "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/")
    licence = "https://creativecommons.org/licenses/by/4.0/"
    out = tmp_path / "void.ttl"
    res = runner.invoke(main, ["describe", str(sample_ttl), "--license", licence, "-o", str(out)])
    assert res.exit_code == 0, res.output
    d = Graph().parse(out)
    data = Graph().parse(sample_ttl)
    (ds,) = d.subjects(RDF.type, URIRef(void + "Dataset"))
    assert (ds, RDF.type, URIRef(dcat + "Dataset")) in d
    assert int(d.value(ds, URIRef(void + "triples"))) == len(data)
    partitions = {str(d.value(p, URIRef(void + "class"))).rsplit("#", 1)[1]: int(d.value(p, URIRef(void + "entities")))
                  for p in d.objects(ds, URIRef(void + "classPartition"))}
    assert partitions["Attack"] == len(set(data.subjects(RDF.type, URIRef(KGO + "Attack")))) > 0
    assert partitions["Claim"] == len(set(data.subjects(RDF.type, URIRef(KGO + "Claim")))) > 0
    docs = set(data.subjects(URIRef(KGO + "contentHash"), None))
    assert set(d.objects(ds, URIRef(dcterms + "source"))) == docs
    assert str(d.value(ds, URIRef(dcterms + "license"))) == licence
    assert str(d.value(ds, URIRef(dcterms + "creator"))).endswith("/software/kg-" + EXTRACTOR_VERSION.split()[-1])
    (dist,) = d.objects(ds, URIRef(dcat + "distribution"))
    assert int(d.value(dist, URIRef(dcat + "byteSize"))) == sample_ttl.stat().st_size
    assert str(d.value(dist, URIRef(dcat + "mediaType"))).endswith("/text/turtle")
    again = runner.invoke(main, ["describe", str(sample_ttl), "--license", licence])
    assert again.stdout == out.read_text(encoding="utf-8")  # no clock in it: the same files, the same bytes
    bad = runner.invoke(main, ["describe", str(sample_ttl), "--license", "CC-BY"])
    assert bad.exit_code == 2 and "not an absolute IRI" in bad.stderr


@pytest.mark.parametrize("chunk", [3, 17, 10_000])
def test_validation_gives_one_verdict_however_the_subjects_are_chunked(monkeypatch, tmp_path, sample_ttl, chunk):
    """The fast engine checks the subjects in chunks; a chunk holds what the shapes read around each of its subjects
    (the nodes it points at, the records about it), so the verdict is the chunking's no more than the data's."""
    import kg.store.validate as v

    monkeypatch.setattr(v, "CHUNK_SUBJECTS", chunk)
    assert v.check_files([sample_ttl], processes=1).conforms
    text = sample_ttl.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    bad = tmp_path / "no-records.ttl"  # every attack's record dropped: each attack, and only they, must fail
    bad.write_text("\n\n".join(b for b in blocks if "/statement/type>" not in b.split("\n")[0]), encoding="utf-8")
    result = v.check_files([bad], processes=1)
    attacks = {b.split()[0] for b in blocks if any(line.startswith("    a ") and "kgo:Attack" in line
                                                   for line in b.split("\n"))}
    failing = {x.focus for x in result.violations}
    assert {x.shape.rsplit("#", 1)[1].rstrip(">") for x in result.violations} == {"AttackRecordShape-record"}
    assert len(failing) == len(attacks) > 0
