"""The term libraries kg's RDF is written with: rdflib's terms (to build a Graph) or N-Triples text made and
checked by pyoxigraph (for the line formats of corpus runs, where no rdflib term is ever made). The mapping
(:mod:`kg.rdf.mapping`) and the records (:mod:`kg.rdf.records`) write with either."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.model import storable
from kg.rdf._kgo import ALIGNED_PROPERTIES, ALIGNED_TYPES
from kg.rdf.namespaces import GAF, GEO, GEONAMES, ITSRDF, KGO, KGR, NIF, SCHEMA, SEM


def is_iri(value: str) -> bool:
    """Is ``value`` an absolute IRI? pyoxigraph's check, for both term libraries, so that they write the same."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


class Terms:
    """A term library: rdflib's (to build a Graph) or N-Triples text (for line formats, where no rdflib term is
    ever made). ``t.KGO.Attack`` is ``KGO.Attack`` made by this library, once;
    ``t.KGR["event/…"]`` mints an IRI in a namespace; ``t.of(iri)`` converts one of the tables' rdflib IRIs."""

    def __init__(self, iri, literal, english):
        self.iri = iri  # str → IRI
        self._literal = literal  # (lexical, datatype IRI or None) → literal
        self._english = english  # text → literal tagged @en
        self._made: dict = {}
        for name, ns in _NAMESPACES.items():
            setattr(self, name, _Namespace(ns, iri))
        # a kgo class or property → the standard ones it entails (kg.rdf._kgo), written beside it
        self.aligned = {iri(f"{KGO}{name}"): tuple(iri(s) for s in supers)
                        for name, supers in (*ALIGNED_TYPES.items(), *ALIGNED_PROPERTIES.items())}

    def of(self, term: URIRef):
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = self.iri(str(term))
        return made

    def text(self, text: str):
        """A plain string literal; characters no RDF syntax can carry become U+FFFD (one for one)."""
        return self._literal(storable(text), None)

    def typed(self, lexical: str, datatype):
        return self._literal(lexical, datatype)

    def english(self, text: str):
        """A literal in English (``"text"@en``): words of an English article (a name, a quote, a place's spelling)
        or words kg writes (a concept's or an attack's label). A place's gazetteer name is not English, and stays
        a plain string."""
        return self._english(storable(text))


class _Namespace:
    """One rdflib namespace's terms made by a term library: each term made once, on first use (the namespace
    checks the name), then a plain attribute."""

    def __init__(self, ns, iri):
        self._ns, self._iri = ns, iri

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._iri(str(getattr(self._ns, name)))
        setattr(self, name, term)
        return term

    def __getitem__(self, local: str):
        return self._iri(f"{self._ns}{local}")


_NAMESPACES = {
    "RDF": RDF, "RDFS": RDFS, "SKOS": SKOS, "TIME": TIME, "XSD": XSD, "DCTERMS": DCTERMS, "PROV": PROV,
    "GAF": GAF, "GEO": GEO, "GEONAMES": GEONAMES, "ITSRDF": ITSRDF, "KGO": KGO, "KGR": KGR, "NIF": NIF,
    "SCHEMA": SCHEMA, "SEM": SEM,
}

def _rdflib_literal(lexical: str, datatype):
    return Literal(lexical, datatype=datatype)


def _rdflib_english(text: str):
    return Literal(text, lang="en")


def _ntriples_iri(value: str) -> str:
    """``<value>``: pyoxigraph checks the IRI and writes it (a ValueError if it is not one)."""
    return str(ox.NamedNode(value))


_DATATYPES: dict[str, ox.NamedNode] = {}  # a datatype's N-Triples text → its pyoxigraph IRI


def _ntriples_literal(lexical: str, datatype: str | None) -> str:
    """A literal's N-Triples text, escaped by pyoxigraph's writer (``"2"^^<…#integer>``, ``"text"``)."""
    if datatype is None:
        return str(ox.Literal(lexical))
    node = _DATATYPES.get(datatype)
    if node is None:
        node = _DATATYPES[datatype] = ox.NamedNode(datatype[1:-1])
    return str(ox.Literal(lexical, datatype=node))


def _ntriples_english(text: str) -> str:
    return str(ox.Literal(text, language="en"))


RDFLIB = Terms(URIRef, _rdflib_literal, _rdflib_english)
NTRIPLES = Terms(_ntriples_iri, _ntriples_literal, _ntriples_english)

