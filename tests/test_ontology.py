"""The ontology, the shapes, their examples, the generated namespace module and the query pack."""

import shutil
import sys
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.store.query import with_values
from kg.store.resources import bundled_queries
from kg.store.validate import validate

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/kg-conflict/ontology#"
VALID = sorted((ROOT / "ontology" / "examples" / "valid").glob("*.ttl"))
INVALID = sorted((ROOT / "ontology" / "examples" / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ROOT / "ontology" / "conflict.ttl")


@cache
def reference(path: Path) -> tuple[bool, frozenset[str], str]:
    """pySHACL's verdict on an example, the shapes that fired and its report text: computed once per example, read
    by the tests of the reference engine and by the comparison with the fast one."""
    conforms, report, text = validate(Graph().parse(path))
    fired = frozenset(str(o) for o in report.objects(None, URIRef("http://www.w3.org/ns/shacl#sourceShape")))
    return conforms, fired, text


def test_every_term_is_documented(ontology):
    terms = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert len(terms) > 40
    for t in terms:
        assert ontology.value(t, RDFS.label) is not None, t
        assert ontology.value(t, SKOS.definition) is not None, t
        assert ontology.value(t, RDFS.isDefinedBy) is not None, t


def test_event_type_notations_match_the_gold_schema(ontology):
    from kg.codes import EVENT_TYPES

    notations = {str(o) for s, o in ontology.subject_objects(SKOS.notation)
                 if (s, SKOS.inScheme, URIRef(NS + "EventTypeScheme")) in ontology}
    assert notations == set(EVENT_TYPES)


def test_owl_rl_closure_runs(ontology):
    import owlrl

    g = Graph() + ontology
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert len(g) > len(ontology)


# ------------------------------------------------------------------ consistency of the ontology with kg's output

ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")  # where OWL-RL (owlrl) writes inconsistencies
KGR = "https://w3id.org/kg-conflict/id/"


@pytest.fixture(scope="module")
def sample_output() -> Graph:
    from kg.corpus import run

    graph, summary = run([str(ROOT / "examples" / "dnipro-2023-05-27.txt")])
    assert summary.ok == 1
    return graph


def _wrong(kind: str) -> Graph:
    """A node typed against the disjointness axioms: what the consistency checks must catch."""
    return Graph().parse(data=f"""@prefix kgo: <{NS}> .
        <{KGR}actor/test> a {kind} .""", format="turtle")


def _owl_rl_errors(*graphs: Graph) -> list[str]:
    import owlrl

    g = Graph()
    for part in graphs:
        g += part
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return [str(o) for o in g.objects(None, ERROR)]


def test_owl_rl_finds_the_ontology_and_the_sample_output_consistent(ontology, sample_output):
    assert _owl_rl_errors(ontology, sample_output) == []
    # the axioms bite: a state that is also its own territory, a person that is an organisation
    assert _owl_rl_errors(ontology, sample_output, _wrong("kgo:State, kgo:Country"))
    assert _owl_rl_errors(ontology, _wrong("kgo:Person, kgo:Organisation"))


# PROV-O's domain axioms for the properties kg writes (prov-o.ttl says the same): what a reasoner that loads PROV-O
# infers from kg's provenance links
PROV_DOMAINS = """@prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
prov:wasGeneratedBy rdfs:domain prov:Entity . prov:wasDerivedFrom rdfs:domain prov:Entity .
prov:wasAttributedTo rdfs:domain prov:Entity . prov:used rdfs:domain prov:Activity ."""


def test_under_prov_o_an_attack_is_no_entity_that_software_generated(ontology, sample_output):
    """The world's attack and kg's record of what a document says are two nodes: PROV-O's axioms make the records
    prov:Entity, never the attack (nor a place or an actor)."""
    import owlrl

    g = Graph() + ontology + sample_output + Graph().parse(data=PROV_DOMAINS, format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    entity = URIRef("http://www.w3.org/ns/prov#Entity")
    for cls in ("Attack", "Place", "Actor", "Facility"):
        things = set(g.subjects(RDF.type, URIRef(NS + cls)))
        assert things and not {t for t in things if (t, RDF.type, entity) in g}, cls
    records = set(g.subjects(RDF.type, URIRef(NS + "Assertion")))
    attacks = set(sample_output.subjects(RDF.type, URIRef(NS + "Attack")))
    typed = {g.value(r, RDF.subject) for r in records if g.value(r, RDF.predicate) == RDF.type}
    assert typed == attacks  # each attack's record carries its provenance
    assert all((r, RDF.type, entity) in g for r in records)


def _hermit_consistent(tmp_path: Path, *graphs: Graph) -> bool:
    from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner

    g = Graph()
    for part in graphs:
        g += part
    path = tmp_path / f"all-{len(g)}.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    world = World()
    onto = world.get_ontology(path.as_uri()).load()
    try:
        with onto:
            sync_reasoner(world, infer_property_values=False, debug=0)
    except OwlReadyInconsistentOntologyError:
        return False
    return True


@pytest.mark.skipif(shutil.which("java") is None,
                    reason="HermiT (through owlready2) needs a Java runtime, and there is no `java` on PATH "
                           "(Debian: apt-get install default-jre-headless)")
def test_hermit_finds_the_ontology_and_the_sample_output_consistent(ontology, sample_output, tmp_path):
    assert _hermit_consistent(tmp_path, ontology, sample_output)
    assert not _hermit_consistent(tmp_path, ontology, sample_output, _wrong("kgo:State, kgo:Country"))
    assert not _hermit_consistent(tmp_path, ontology, _wrong("kgo:Person, kgo:ArmedGroup"))


def test_namespace_module_codes_and_shape_lists_are_in_sync_with_the_ontology():
    sys.path.insert(0, str(ROOT / "tools"))
    from gen_namespace import outputs

    generated = outputs(ROOT)
    assert {p.name for p in generated} == {"_kgo.py", "codes.py", "shapes.ttl"}
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run tools/gen_namespace.py"


def test_mapping_uses_only_ontology_terms(ontology):
    import kg.codes as codes
    import kg.rdf.mapping as m

    used = {c.iri for table in (codes.EVENT_TYPES, codes.CLAIM_KINDS, codes.QUALIFIERS, codes.WEAPONS,
                                codes.ACTOR_KINDS) for c in table.values()} | {str(v) for v in m.COUNT_PROPERTY.values()}
    defined = {str(s) for s in ontology.subjects() if str(s).startswith(NS)}
    assert used <= defined


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples_conform(path):
    conforms, _, text = reference(path)
    assert conforms, text


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_break_the_named_shape(path):
    header = next(line for line in path.read_text().splitlines() if line.startswith("# breaks:"))
    shape = header.split()[2]
    conforms, fired, _ = reference(path)
    assert not conforms
    expanded = shape.replace("kgsh:", "https://w3id.org/kg-conflict/shapes#").strip("<>")
    assert expanded in fired, (expanded, fired)


def test_examples_exist():
    # a check that finds nothing to check must fail
    assert len(VALID) >= 3 and len(INVALID) >= 10


def test_every_bundled_query_parses_and_has_a_header():
    queries = bundled_queries()
    assert {"events", "claims", "strikes-with-injuries-and-claims"} <= set(queries)
    store = ox.Store()
    for name, info in queries.items():
        assert info.summary, name
        assert info.columns, name
        res = store.query(with_values(info.text, {p: "x" for p in info.params}))
        assert [v.value for v in res.variables] == list(info.columns), name


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_fast_engine_gives_the_reference_verdict_and_shape(path):
    """pyrudof (kg validate) and pySHACL (the reference) agree on every example: verdict and the shape that fired."""
    from kg.store.validate import check_files

    conforms, fired, _ = reference(path)
    fast = check_files([path])
    assert fast.conforms == conforms
    assert {v.shape.strip("<>") for v in fast.violations} == fired


def test_kg_validate_names_the_document_focus_shape_and_message(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    bad = INVALID[0]
    res = CliRunner().invoke(main, ["validate", str(bad)])
    assert res.exit_code == 1
    shape = next(line for line in bad.read_text().splitlines() if line.startswith("# breaks:")).split()[2]
    assert f"Constraint violation in {shape}" in res.output
    assert "Focus Node:" in res.output and "Message:" in res.output and "Document:" in res.output


def test_the_fast_validator_s_workers_start_without_rdflib_or_pyshacl():
    """`kg validate` spawns its workers, each importing kg.store.validate afresh: the reference engine's libraries
    (rdflib, pySHACL; a third of a second) load only when that engine runs."""
    import subprocess

    code = "import sys, kg.store.validate; print(sorted(m for m in ('rdflib', 'pyshacl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
