"""The ontology reference page (docs/ontology.md, made by tools/gen_docs.py) and the use of every kgo term."""

import ast
import importlib.util
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/kg-conflict/ontology#"
DOC = ROOT / "docs" / "ontology.md"
GEN = ROOT / "tools" / "gen_docs.py"
REGENERATE = "run `python tools/gen_docs.py > docs/ontology.md`"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_docs", GEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ROOT / "ontology" / "conflict.ttl")


@pytest.fixture(scope="module")
def terms(ontology):
    found = sorted({str(s)[len(NS):] for s in ontology.subjects() if isinstance(s, URIRef)
                    and str(s).startswith(NS) and str(s) != NS})
    assert len(found) > 40  # a check that finds nothing to check must fail
    return found


@pytest.fixture(scope="module")
def page():
    return DOC.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- the page

def test_docs_page_is_up_to_date(gen, page):
    assert page == gen.render(), f"docs/ontology.md is out of date: {REGENERATE}"


def test_docs_do_not_depend_on_the_order_of_the_triples(gen):
    """The same ontology always gives the same page, however rdflib happens to hold its triples."""
    rng = random.Random(4)
    shuffled = []
    for path in (gen.ONTOLOGY, gen.SHAPES):
        original = Graph(bind_namespaces="none").parse(path)
        copy = Graph(bind_namespaces="none")
        for prefix, ns in reversed(list(original.namespaces())):
            copy.bind(prefix, ns)
        triples = list(original)
        rng.shuffle(triples)
        for t in triples:
            copy.add(t)
        shuffled.append(copy)
    assert gen.render(*shuffled) == gen.render()


@pytest.mark.parametrize("seed", ["0", "31337"])
def test_the_script_prints_the_page_under_any_hash_seed(seed):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, str(GEN)], cwd=ROOT, env=env, capture_output=True, check=True).stdout
    assert out == DOC.read_bytes(), REGENERATE
    check = subprocess.run([sys.executable, str(GEN), "--check"], cwd=ROOT, env=env, capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr


def test_check_fails_on_a_stale_or_missing_page(gen, tmp_path, monkeypatch):
    stale = tmp_path / "ontology.md"
    monkeypatch.setattr(gen, "DOC", stale)
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    assert gen.main(["--check"]) == 1  # missing
    stale.write_text(gen.render().replace("kgo:Attack", "kgo:Atack", 1), encoding="utf-8")
    assert gen.main(["--check"]) == 1  # edited
    stale.write_text(gen.render(), encoding="utf-8")
    assert gen.main(["--check"]) == 0


def test_every_kgo_term_has_a_section_with_an_anchor(page, terms):
    missing = [t for t in terms if f'<a id="kgo-{t}"></a>' not in page
               or not re.search(rf"^#{{3,4}} kgo:{re.escape(t)}$", page, re.MULTILINE)]
    assert not missing, f"terms without an anchored section in docs/ontology.md: {missing}"


def test_every_link_on_the_page_has_its_anchor(page):
    anchors = re.findall(r'<a id="([^"]+)"></a>', page)
    assert len(anchors) == len(set(anchors)), "duplicate anchors"
    targets = set(re.findall(r"\]\(#([^)]+)\)", page))
    assert targets, "no internal links"
    assert not targets - set(anchors), f"links to missing anchors: {sorted(targets - set(anchors))}"


def test_the_page_shows_the_header_and_the_shacl_constraints(page):
    assert page.startswith("# kg conflict-event ontology\n")
    for needle in ("<https://w3id.org/kg-conflict/ontology>", "<https://w3id.org/kg-conflict/ontology/0.2.0>",
                   "| Version | 0.2.0 |", "creativecommons.org/licenses/by/4.0/"):
        assert needle in page, needle
    attack = page.split('<a id="kgo-Attack"></a>')[1].split('<a id="kgo-CasualtyCount"></a>')[0]
    assert "Shape kgsh:AttackShape" in attack
    assert re.search(r"`kgsh:AttackShape-eventType` \| \[sem:eventType\]\([^)]*\) \| 1\.\.1 \| one of "
                     r"\[kgo:MissileStrike\]", attack)
    # every shape of shapes.ttl is documented somewhere
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    for s in shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")):
        if isinstance(s, URIRef):
            assert f'<a id="kgsh-{str(s).split("#")[1]}"></a>' in page, s


def test_the_page_has_a_mermaid_class_diagram(page, ontology):
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1
    diagram = blocks[0]
    assert diagram.startswith("classDiagram\n")
    assert '["kgo:Attack"]' in diagram
    for c in ontology.subjects(RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")):
        if str(c).startswith(NS):
            assert f'["kgo:{str(c)[len(NS):]}"]' in diagram, c
    assert "sem_Event <|-- kgo_Attack" in diagram
    assert "kgo_Attack --> kgo_Actor : attacker" in diagram
    # Mermaid cannot parse a colon in an edge label
    for line in diagram.splitlines():
        if re.search(r"(-->|\.\.>|<\|--)", line) and " : " in line:
            assert ":" not in line.split(" : ", 1)[1], line


# ----------------------------------------------------------------------------- use of the terms

def _is_kgo(node: ast.AST) -> bool:
    """``KGO`` itself, or a term library's ``t.KGO`` (the mapping writes with rdflib's or pyoxigraph's terms)."""
    return (isinstance(node, ast.Name) and node.id == "KGO") or (isinstance(node, ast.Attribute) and node.attr == "KGO")


def _used_by_mapping() -> set[str]:
    """Names ``n`` that kg/rdf/mapping.py writes as ``KGO.n``, ``t.KGO.n`` (or ``KGO["n"]``), read from its
    syntax tree, and the terms of the codes it writes (kg/codes.py: event types, claim kinds, qualifiers,
    weapons, actor kinds)."""
    import kg.codes as codes

    tree = ast.parse((ROOT / "kg" / "rdf" / "mapping.py").read_text())
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_kgo(node.value):
            used.add(node.attr)
        elif (isinstance(node, ast.Subscript) and _is_kgo(node.value)
              and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
            used.add(node.slice.value)
    for table in (codes.EVENT_TYPES, codes.CLAIM_KINDS, codes.QUALIFIERS, codes.WEAPONS, codes.ACTOR_KINDS):
        used |= {c.term for c in table.values()} | {c.scheme for c in table.values() if c.scheme}
    return used


def _used_by_queries() -> dict[str, list[str]]:
    """Names ``n`` that a bundled query (queries/*.rq) uses as ``kgo:n``, outside its comment lines."""
    used: dict[str, list[str]] = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        body = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("#"))
        for name in re.findall(r"\bkgo:([A-Za-z_][A-Za-z0-9_-]*)", body):
            used.setdefault(name, []).append(path.name)
    return used


def test_the_usage_scan_finds_something():
    assert {"Attack", "Claim", "killed", "Assertion", "EventTypeScheme", "ArmedGroup"} <= _used_by_mapping()
    assert {"Attack", "Claim", "injured", "claimKind"} <= set(_used_by_queries())


def test_every_kgo_term_is_used_by_the_mapping_or_a_bundled_query(ontology, terms):
    """Each kgo term is written by kg/rdf/mapping.py or read by a bundled query, or else is a concept scheme,
    a member of one, a superclass of a used class, or a super-property of a used property."""
    used = _used_by_mapping() | set(_used_by_queries())
    kgo = {t: URIRef(NS + t) for t in terms}

    def ancestors(node, prop):
        seen, todo = set(), [node]
        while todo:
            for parent in ontology.objects(todo.pop(), prop):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    schemes = {s for s in ontology.subjects(RDF.type, SKOS.ConceptScheme)}
    covered = set(used)
    for name, iri in kgo.items():
        if iri in schemes or any((iri, SKOS.inScheme, s) in ontology for s in schemes):
            covered.add(name)
    for name in used:
        if name in kgo:
            for up in ancestors(kgo[name], RDFS.subClassOf) | ancestors(kgo[name], RDFS.subPropertyOf):
                if str(up).startswith(NS):
                    covered.add(str(up)[len(NS):])
    unused = sorted(set(terms) - covered)
    assert not unused, "kgo terms neither written by kg/rdf/mapping.py nor read by a bundled query:\n" + "\n".join(
        f"  kgo:{t} ({', '.join(ontology.qname(x) for x in sorted(ontology.objects(kgo[t], RDF.type)))}): "
        f"{ontology.value(kgo[t], RDFS.label)}" for t in unused)


def test_bundled_queries_use_only_defined_kgo_terms(terms):
    """A misspelt kgo: name in a query would silently match nothing."""
    undefined = {name: files for name, files in _used_by_queries().items() if name not in terms}
    assert not undefined, f"queries use kgo: names the ontology does not define: {undefined}"
