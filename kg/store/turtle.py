"""Turtle written from N-Triples term text, document by document, in constant memory.

kg's mapping gives each document's statements as N-Triples text (:func:`kg.rdf.mapping.to_quads`). This module
writes them as Turtle without building a graph: one ``@prefix`` block, then each document's triples grouped by
subject (``;`` between predicates, ``,`` between objects), sorted within the document so the same input always
gives the same bytes. The terms are pyoxigraph's N-Triples text (checked and escaped there), which is valid
Turtle as it is; this module only abbreviates: an IRI whose namespace has a prefix and whose local name needs no
escaping becomes ``prefix:local``, ``rdf:type`` becomes ``a``, canonical integers, decimals and booleans lose
their quotes. Anything else is written in full, never escaped by hand.

Several documents share nodes (countries, places, named actors, days, concepts): their statements, in the
shared graph of the quads, are written once per file — the first document that states one writes it — so that
every parser counts each triple once. :class:`SharedSeen` remembers 8-byte hashes of the shared statements
written so far; a streamed file records each document's new hashes in its state file, so ``--resume`` starts
from what the file already holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from kg.rdf.namespaces import KGR, PREFIXES, SHARED_GRAPH

# kg's prefixes, then one for each kind of node kg mints, so that its IRIs read as ``event:…`` and need no
# escaped slash (``kgr:event\/…``)
ID_KINDS = ("actor", "claim", "country", "day", "doc", "event", "facility", "incident", "place", "run",
            "software", "state")
TURTLE_PREFIXES: dict[str, str] = {
    **{p: str(ns) for p, ns in PREFIXES.items()},
    **{kind: f"{KGR}{kind}/" for kind in ID_KINDS},
}
_NAMESPACE_PREFIX = {ns: p for p, ns in TURTLE_PREFIXES.items()}
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = str(PREFIXES["xsd"])
_SHARED = f"<{SHARED_GRAPH}>"

# a local name that Turtle reads without escapes (a subset of PN_LOCAL: no leading '-' or '.', no trailing '.')
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")


def header() -> str:
    """The ``@prefix`` block that starts every Turtle file kg writes."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TURTLE_PREFIXES.items()) + "\n"


@lru_cache(maxsize=1 << 16)
def _iri(text: str) -> str:
    iri = text[1:-1]
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    prefix = _NAMESPACE_PREFIX.get(iri[:cut])
    local = iri[cut:]
    if prefix is not None and (not local or _PLAIN_LOCAL.fullmatch(local)):
        return f"{prefix}:{local}"
    return text


@lru_cache(maxsize=1 << 16)
def _literal(text: str) -> str:
    body, _, suffix = text.rpartition('"')
    if not suffix.startswith("^^"):
        return text  # a plain or language-tagged string
    lexical, datatype = body[1:], suffix[3:-1]
    if datatype == f"{_XSD}integer" and _INTEGER.fullmatch(lexical):
        return lexical
    if datatype == f"{_XSD}decimal" and _DECIMAL.fullmatch(lexical):
        return lexical
    if datatype == f"{_XSD}boolean" and lexical in ("true", "false"):
        return lexical
    if datatype == f"{_XSD}string":
        return body + '"'
    return f'{body}"^^{_iri(suffix[2:])}'


def term(text: str) -> str:
    """One N-Triples term as Turtle."""
    return _iri(text) if text.startswith("<") else _literal(text)


def _predicate_order(p: str) -> tuple[bool, str]:
    return (p != _RDF_TYPE, p)


def block(triples: Iterable[tuple[str, str, str]]) -> str:
    """Turtle for ``triples`` (N-Triples term text, no repeats): subjects sorted, ``rdf:type`` first, then the
    other predicates and every object sorted."""
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    out = []
    for s in sorted(by_subject):
        predicates = by_subject[s]
        lines = []
        for p in sorted(predicates, key=_predicate_order):
            verb = "a" if p == _RDF_TYPE else _iri(p)
            lines.append(f"    {verb} " + ", ".join(term(o) for o in sorted(predicates[p])))
        out.append(f"{_iri(s)}\n" + " ;\n".join(lines) + " .\n\n")
    return "".join(out)


def statement_hash(s: str, p: str, o: str) -> str:
    return hashlib.blake2b(f"{s} {p} {o}".encode("utf-8"), digest_size=8).hexdigest()


class SharedSeen:
    """Which shared statements a Turtle file already holds (8-byte hashes; a few MB for a large corpus)."""

    def __init__(self, hashes: Iterable[str] = ()):
        self.hashes: set[str] = set(hashes)

    def document(self, quads) -> tuple[str, list[str]]:
        """One document's Turtle block, without the shared statements an earlier block wrote, and the hashes of
        the shared statements it writes first."""
        triples: dict[tuple[str, str, str], None] = {}
        new: list[str] = []
        for s, p, o, g in quads:
            if g == _SHARED:
                h = statement_hash(s, p, o)
                if h in self.hashes:
                    continue
                self.hashes.add(h)
                new.append(h)
            triples[(s, p, o)] = None
        return block(triples), new


def document_turtle(quads) -> str:
    """A whole Turtle file for one document's quads (or several documents' quads put together)."""
    return header() + SharedSeen().document(quads)[0]
