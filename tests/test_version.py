"""The extractor version names the rules that made the output: a rule edit gives a new version, hence new run IRIs."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import kg.extract.version as version
from kg import __version__
from kg.model import Document, Extraction
from kg.rdf.mapping import to_quads


def _copy_rules(tmp_path):
    root = tmp_path / "kg"
    for name in version.RULES:
        src = version._KG / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            root.mkdir(exist_ok=True)
            shutil.copy(src, root / name)
    return root


def test_the_version_is_the_package_version_and_the_rules_hash():
    name, _, number = version.EXTRACTOR_VERSION.partition(" ")
    assert name == "kg" and number == f"{__version__}+{version.rules_hash()}" and len(version.rules_hash()) == 10


def test_a_rule_edit_changes_the_hash_and_nothing_else_does(tmp_path, monkeypatch):
    root = _copy_rules(tmp_path)
    monkeypatch.setattr(version, "_KG", root)
    before = version.rules_hash()
    assert before == version.rules_hash()  # deterministic
    (root / "extract" / "notes.txt").write_text("not a rule file")
    assert version.rules_hash() == before
    rules = root / "extract" / "numbers.py"
    rules.write_text(rules.read_text() + "\n# one more line\n")
    assert version.rules_hash() != before


def test_run_iris_differ_between_rule_sets():
    doc = Document(id="a", text="Nothing happened.", published=date(2024, 1, 2))
    x = Extraction(document=doc, extractor_version="kg 1.0.0+aaaaaaaaaa")
    runs = set()
    for v in ("kg 1.0.0+aaaaaaaaaa", "kg 1.0.0+bbbbbbbbbb"):
        runs |= {q[0] for q in to_quads(replace(x, extractor_version=v)) if "/run/" in q[0]}
    assert len(runs) == 2
