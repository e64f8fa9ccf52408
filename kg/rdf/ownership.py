"""Which document a statement belongs to: the one rule that puts kg's triples into named graphs.

Each article's statements go into the named graph of the article's IRI, the subject typed schema:NewsArticle /
nif:Context (``https://w3id.org/kg-conflict/id/doc/<key>``); the nodes with a global key that several articles
share (countries, GeoNames places, named actors, days, the kgo: concepts, the software agent) go into
:data:`~kg.rdf.namespaces.SHARED_GRAPH`.  :func:`kg.rdf.mapping.to_quads` asks :func:`owners` about the one
article it maps when it writes the line formats; ``kg push`` (:func:`kg.store.push.split_documents`) asks it about
every article of the files it sends.  So what a file says and what a store holds cannot disagree.

A subject belongs to document D when

* it is D, a span of D (``D#char=b,e``) or any IRI under D (``D/…``);
* it is linked to D by prov:wasDerivedFrom, schema:subjectOf, nif:referenceContext or prov:used (the run that
  read D);
* its IRI carries D's content key as one of its words (kg mints ``event/<key>-b-e``, ``…/<key>-b-e/time``,
  ``claim/<key>-…``, ``actor/<key>-…``);
* it sits under an IRI that belongs to D (``X/…``, ``X#…``); or
* it is a blank node that D alone reaches.

A subject that two documents claim, or none, is shared.  Terms are N-Triples text (``<iri>``, ``_:b``,
``"literal"``): what kg's mapping writes, and what pyoxigraph prints for its terms.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence

from rdflib.namespace import PROV, RDF

from kg.rdf.namespaces import NIF, SCHEMA

Triple = tuple[str, str, str]  # subject, predicate, object as N-Triples text

RDF_TYPE = f"<{RDF.type}>"
DOCUMENT_CLASSES = frozenset(f"<{c}>" for c in (SCHEMA.NewsArticle, NIF.Context))
DOCUMENT_LINKS = frozenset(f"<{p}>" for p in (PROV.wasDerivedFrom, SCHEMA.subjectOf, NIF.referenceContext, PROV.used))
_CONTENT_KEY = re.compile(r"[0-9a-f]{12,64}")  # kg's document keys are 16 hex digits of the text's SHA-256
_WORD_BREAK = re.compile(r"[/#\-,=;.?&:]")


def _is_iri(term: str) -> bool:
    return term.startswith("<") and not term.startswith("<<")  # ``<<…>>`` is a triple term


def documents(triples: Iterable[Triple]) -> list[str]:
    """IRIs of the subjects typed schema:NewsArticle or nif:Context, sorted."""
    return sorted({s[1:-1] for s, p, o in triples if p == RDF_TYPE and o in DOCUMENT_CLASSES and _is_iri(s)})


def owners(triples: Sequence[Triple], docs: Iterable[str]) -> dict[str, str]:
    """Subject → the IRI of the one document among ``docs`` it belongs to (see the module docstring); the subjects
    that several documents claim, or none, are absent: they are shared."""
    doc_set = set(docs)
    if len(doc_set) == 1:
        return _owners_of_one(triples, next(iter(doc_set)))
    keys: dict[str, set[str]] = defaultdict(set)
    for d in doc_set:
        key = re.split(r"[/#]", d.rstrip("/"))[-1]
        if _CONTENT_KEY.fullmatch(key):
            keys[key].add(d)
    candidates: dict[str, set[str]] = defaultdict(set)
    edges: dict[str, list[str]] = defaultdict(list)  # subject → the blank nodes it points at
    subjects = list(dict.fromkeys(s for s, _, _ in triples))
    for s, p, o in triples:
        if o.startswith("_:"):
            edges[s].append(o)
        elif p in DOCUMENT_LINKS and _is_iri(o) and o[1:-1] in doc_set:
            candidates[s].add(o[1:-1])
    for s in subjects:
        if not _is_iri(s):
            continue
        iri = s[1:-1]
        if iri in doc_set:
            candidates[s] = {iri}
            continue
        under = iri.split("#", 1)[0]
        if under in doc_set:  # a span of a document ("D#char=b,e"): its own, and no other's
            candidates[s].add(under)
            continue
        for prefix in _prefixes(iri):
            if prefix in doc_set:
                candidates[s].add(prefix)
        for word in _WORD_BREAK.split(iri.split("://", 1)[-1]):
            if len(keys.get(word, ())) == 1:
                candidates[s] |= keys[word]
    owner = {s: next(iter(c)) for s, c in candidates.items() if len(c) == 1}
    # IRIs under an owned IRI (X/… or X#…) go with it
    for s in subjects:
        if _is_iri(s) and s not in candidates:
            for prefix in _prefixes(s[1:-1]):
                d = owner.get(f"<{prefix}>")
                if d:
                    owner[s] = d
                    break
    _blank_nodes(owner, subjects, edges)
    return owner


def _blank_nodes(owner: dict[str, str], subjects: list[str], edges: dict[str, list[str]]) -> None:
    """Blank nodes go with the one document that reaches them, or are shared (left out of ``owner``)."""
    if not edges:
        return
    reach: dict[str, set[str | None]] = defaultdict(set)
    queue = deque((s, owner.get(s)) for s in subjects if s in edges and not s.startswith("_:"))
    while queue:
        s, d = queue.popleft()
        for o in edges.get(s, ()):
            if d not in reach[o]:
                reach[o].add(d)
                queue.append((o, d))
    for b, ds in reach.items():
        if len(ds) == 1 and None not in ds:
            owner[b] = next(iter(ds))


def _owners_of_one(triples: Sequence[Triple], doc: str) -> dict[str, str]:
    """:func:`owners` for one document (what :func:`kg.rdf.mapping.to_quads` asks about every article): the same
    rules, each a string test instead of a walk over every prefix and word of every subject."""
    key = re.split(r"[/#]", doc.rstrip("/"))[-1]
    key = key if _CONTENT_KEY.fullmatch(key) else None
    doc_term = f"<{doc}>"
    edges: dict[str, list[str]] = defaultdict(list)
    owner: dict[str, str] = {}
    for s, p, o in triples:
        if o.startswith("_:"):
            edges[s].append(o)
        elif p in DOCUMENT_LINKS and o == doc_term:
            owner[s] = doc  # linked to the document (a blank node too)

    def named(iri: str) -> bool:  # the document, under it, or its key as a word
        return iri == doc or _under(iri, doc) or (key is not None and key in iri
                                                  and key in _WORD_BREAK.split(iri.split("://", 1)[-1]))

    # an IRI under an owned one goes with it; under the document or naming its key it is taken by name, so only an
    # IRI linked to the document but not named by it can own one more (the run that read it)
    linked = [s[1:-1] for s in owner if _is_iri(s) and not named(s[1:-1])]
    subjects = list(dict.fromkeys(s for s, _, _ in triples))
    for s in subjects:
        if s not in owner and _is_iri(s) and named(s[1:-1]):
            owner[s] = doc
    if linked:
        for s in subjects:
            if _is_iri(s) and s not in owner and any(_under(s[1:-1], x) for x in linked):
                owner[s] = doc
    _blank_nodes(owner, subjects, edges)
    return owner


def _under(iri: str, head: str) -> bool:
    """Is ``head`` one of :func:`_prefixes` of ``iri``: ``iri`` goes on after it with '/' or '#', past the
    authority?"""
    if len(iri) <= len(head) or not iri.startswith(head) or iri[len(head)] not in "/#":
        return False
    start = iri.find("://")
    start = max(iri.find("/", start + 3) if start >= 0 else 0, 0)
    return len(head) > start


def _prefixes(iri: str) -> Iterator[str]:
    """The IRI cut at each '/' or '#' after its authority, longest first."""
    start = iri.find("://")
    start = max(iri.find("/", start + 3) if start >= 0 else 0, 0)
    end = len(iri)
    while (end := max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))) > start:
        yield iri[:end]
