"""The shape of the code, as docs/architecture.md describes it: stages that import only earlier stages, no import
cycle (counting imports inside functions, so none can hide one), spaCy and rdflib never in one module, and
modules short enough to read."""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = ROOT / "kg"

#: the stages, earliest first; a module may import its own stage and earlier ones (docs/architecture.md)
STAGES = [
    ("base", ["kg", "kg.errors", "kg.lexicon", "kg.actornames", "kg.gazetteer", "kg.model", "kg.codes"]),
    ("read", ["kg.io"]),
    ("parse", ["kg.nlp"]),
    ("extract", ["kg.extract"]),
    ("map", ["kg.rdf"]),
    ("store", ["kg.store"]),
    ("use", ["kg.consolidate", "kg.link", "kg.report", "kg.evaluate"]),
    ("run", ["kg.corpus", "kg.job", "kg.distributed"]),
    ("cli", ["kg.cli", "kg.__main__"]),
]
NLP_LIBRARIES = {"spacy", "thinc", "dateparser"}
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "pyshacl", "pyrudof", "SPARQLWrapper"}
#: stages whose modules never touch RDF libraries, and stages whose modules never touch spaCy
NO_RDF = {"read", "parse", "extract"}
NO_NLP = {"map", "store", "use"}
#: modules that are data tables rather than logic may be longer
DATA_TABLES: set[str] = set()
MAX_LINES = 600


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(KG.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, int]]:
    """Every module ``name`` imports (at module level or in a function), with the line: a ``from a import b``
    names the module ``a.b`` when there is one, else ``a``."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.append((sub if sub in MODULES else base, node.lineno))
    return found


def _stage(module: str) -> tuple[int, str]:
    best = None
    for rank, (stage, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[2]:
                    best = (rank, stage, len(prefix))
    assert best is not None, f"{module} belongs to no stage: add it to STAGES and to docs/architecture.md"
    return best[0], best[1]


def _edges() -> list[tuple[str, str, int]]:
    """(importer, imported, line) for every import of one kg module by another."""
    return [(name, target, line) for name in MODULES for target, line in _imports(name)
            if target in MODULES and target != name]


def _cycle(edges) -> list[str] | None:
    graph: dict[str, set[str]] = {}
    for a, b, _ in edges:
        graph.setdefault(a, set()).add(b)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as e:
        return e.args[1]
    return None


def test_every_module_belongs_to_a_stage():
    assert len(MODULES) > 40  # the check found the package
    for name in MODULES:
        _stage(name)


def test_no_import_cycle_even_through_imports_inside_functions():
    # a package's __init__ importing its own modules is how packages work, not a cycle between modules
    edges = [(a, b, line) for a, b, line in _edges() if not (b.startswith(a + ".") and MODULES[a].name == "__init__.py")]
    cycle = _cycle(edges)
    assert cycle is None, " → ".join(cycle)


def test_stages_import_only_earlier_stages():
    wrong = []
    for a, b, line in _edges():
        (ra, sa), (rb, sb) = _stage(a), _stage(b)
        if rb > ra:
            wrong.append(f"{a} ({sa}) imports {b} ({sb}), a later stage, at line {line}")
    assert not wrong, "\n".join(wrong)


def test_spacy_and_rdf_libraries_never_meet():
    wrong = []
    for name in MODULES:
        stage = _stage(name)[1]
        roots = {m.split(".")[0] for m, _ in _imports(name)}
        if roots & NLP_LIBRARIES and roots & RDF_LIBRARIES:
            wrong.append(f"{name} imports {sorted(roots & NLP_LIBRARIES)} and {sorted(roots & RDF_LIBRARIES)}")
        if stage in NO_RDF and roots & RDF_LIBRARIES:
            wrong.append(f"{name} ({stage}) imports {sorted(roots & RDF_LIBRARIES)}")
        if stage in NO_NLP and roots & NLP_LIBRARIES:
            wrong.append(f"{name} ({stage}) imports {sorted(roots & NLP_LIBRARIES)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n not in DATA_TABLES))
def test_modules_are_short_enough_to_read(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {lines} lines: split it along a seam"


def test_the_checks_see_what_they_look_for():
    """Imports inside functions count (kg.job imports the linker only for --link), ``from a import b`` names the
    module a.b, a cycle is found, and the stages are in pipeline order."""
    edges = {(a, b) for a, b, _ in _edges()}
    assert ("kg.job", "kg.link.graph") in edges and ("kg.cli.demo", "kg.cli.extract") in edges
    assert _cycle([("kg.a", "kg.b", 1), ("kg.b", "kg.a", 2)]) is not None
    assert _stage("kg.cli.extract")[0] > _stage("kg.rdf.mapping")[0] > _stage("kg.extract.events")[0]


def test_every_package_ships_in_the_wheel():
    """pyproject.toml lists kg's packages one by one (ontology/ and queries/ are mapped into it): a new
    sub-package missing there would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert packages <= listed, f"add to [tool.setuptools] packages: {sorted(packages - listed)}"


def test_the_architecture_page_names_every_module_and_only_modules_that_exist():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"kg/[\w/]+\.py", page)) | set(re.findall(r"`(kg/[\w/]+?)/?`", page))
    missing = [p for p in named if not (ROOT / p).exists()]
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"
    # each module is named by its path, or by its file name in a row about its package
    unnamed = [name for name, path in MODULES.items() if name != "kg"
               and str(path.relative_to(ROOT)) not in page and f"`{path.name}`" not in page
               and not (path.name == "__init__.py" and f"{path.parent.relative_to(ROOT)}/" in page)]
    assert not unnamed, f"docs/architecture.md does not say who owns: {unnamed}"
    for stage, _ in STAGES:
        assert re.search(rf"^{stage} ─", page, re.M), f"the stage {stage} is not in the page's diagram"
