"""The Wikidata-shaped queries: candidates by label/alias or by key, their facts, and their type closure.

Everything is asked with ``VALUES`` batches through :class:`kg.link.client.Lookups`, so it is cached per key.
Only the direct-claim ("truthy") graph is used: ``wdt:P31`` (instance of), ``wdt:P279`` (subclass of),
``wdt:P17`` (country), ``wdt:P27`` (citizenship), ``wdt:P39`` (position held), ``wdt:P297`` (ISO 3166-1
alpha-2), ``wdt:P300`` (ISO 3166-2), ``wdt:P1566`` (GeoNames id), with ``rdfs:label`` and ``skos:altLabel``
in English.  Any endpoint holding data in that shape works (tests use a local Oxigraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Literal

from kg.link.client import Lookups, Row

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
QID = re.compile(r"Q[1-9][0-9]{0,11}")
PREFIXES = (f"PREFIX wd: <{WD}>\nPREFIX wdt: <{WDT}>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
KEY_PROPERTIES = {"iso": "P297", "iso_region": "P300", "geonames": "P1566"}
MAX_CANDIDATES_PER_NAME = 40  # a name shared by more items than this is ambiguous anyway
FACTS_KIND = "facts.v1"  # bump when the facts query changes, so cached answers to the old one are not used


def qid(iri: str) -> str | None:
    """``Q212`` for ``http://www.wikidata.org/entity/Q212``; None for anything else (properties, lexemes...)."""
    if iri.startswith(WD) and QID.fullmatch(iri[len(WD):]):
        return iri[len(WD):]
    return None


def _lit(text: str, lang: str | None = "en") -> str:
    return Literal(text, lang=lang).n3()


def _items(qids: Iterable[str]) -> str:
    return " ".join(f"wd:{q}" for q in qids if QID.fullmatch(q))


@dataclass
class Item:
    """What the endpoint says about one item."""

    qid: str
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    types: set[str] = field(default_factory=set)  # wdt:P31 values (Q-ids)
    countries: set[str] = field(default_factory=set)  # ISO alpha-2 of its wdt:P17 / wdt:P27 values
    iso: set[str] = field(default_factory=set)
    iso_region: set[str] = field(default_factory=set)
    geonames: set[str] = field(default_factory=set)
    positions: set[str] = field(default_factory=set)
    fetched: str = ""


def by_name(lookups: Lookups, names: Iterable[str]) -> dict[str, list[str]]:
    """English label or alias → Q-ids of the items carrying it (exact, case-sensitive match)."""

    def query(batch: Sequence[str]) -> str:
        values = " ".join(_lit(n) for n in batch)
        return (PREFIXES + f"SELECT ?name ?item WHERE {{\n  VALUES ?name {{ {values} }}\n"
                "  { ?item rdfs:label ?name } UNION { ?item skos:altLabel ?name }\n}")

    rows = lookups.fetch("name", names, query, lambda r: r.get("name"))
    return {name: _qids(rs) for name, rs in rows.items()}


def by_key(lookups: Lookups, kind: str, codes: Iterable[str]) -> dict[str, list[str]]:
    """Items whose ISO 3166-1 (``iso``), ISO 3166-2 (``iso_region``) or GeoNames id (``geonames``) is the code."""
    prop = KEY_PROPERTIES[kind]

    def query(batch: Sequence[str]) -> str:
        values = " ".join(_lit(c, None) for c in batch)
        return PREFIXES + f"SELECT ?code ?item WHERE {{\n  VALUES ?code {{ {values} }}\n  ?item wdt:{prop} ?code\n}}"

    rows = lookups.fetch(prop, codes, query, lambda r: r.get("code"))
    return {code: _qids(rs) for code, rs in rows.items()}


def _qids(rows: list[Row]) -> list[str]:
    found = sorted({q for r in rows if (q := qid(r.get("item", "")))}, key=lambda q: int(q[1:]))
    return found[:MAX_CANDIDATES_PER_NAME]


_FACTS = """SELECT ?item ?p ?o WHERE {
  VALUES ?item { %s }
  { ?item rdfs:label ?o FILTER(LANG(?o) = "en") BIND("label" AS ?p) }
  UNION { ?item skos:altLabel ?o FILTER(LANG(?o) = "en") BIND("alias" AS ?p) }
  UNION { ?item wdt:P31 ?o BIND("type" AS ?p) }
  UNION { ?item wdt:P17|wdt:P27 ?c . ?c wdt:P297 ?o BIND("country" AS ?p) }
  UNION { ?item wdt:P297 ?o BIND("iso" AS ?p) }
  UNION { ?item wdt:P300 ?o BIND("iso_region" AS ?p) }
  UNION { ?item wdt:P1566 ?o BIND("geonames" AS ?p) }
  UNION { ?item wdt:P39 ?o BIND("position" AS ?p) }
}"""


def facts(lookups: Lookups, qids: Iterable[str]) -> dict[str, Item]:
    """Labels, aliases, types, countries, keys and positions of the items (those the endpoint or cache knows)."""
    rows = lookups.fetch(FACTS_KIND, [q for q in qids if QID.fullmatch(q)],
                         lambda batch: PREFIXES + _FACTS % _items(batch), lambda r: qid(r.get("item", "")))
    out = {}
    for q, rs in rows.items():
        item = Item(q, fetched=lookups.fetched.get((FACTS_KIND, q), ""))
        for r in rs:
            p, o = r.get("p"), r.get("o", "")
            if p == "label":
                item.labels.add(o)
            elif p == "alias":
                item.aliases.add(o)
            elif p == "type" and (t := qid(o)):
                item.types.add(t)
            elif p == "position" and (t := qid(o)):
                item.positions.add(t)
            elif p == "country":
                item.countries.add(o.upper())
            elif p in ("iso", "iso_region", "geonames"):
                getattr(item, p).add(o)
        out[q] = item
    return out


def superclasses(lookups: Lookups, classes: Iterable[str], roots: Iterable[str]) -> dict[str, set[str]]:
    """Class → the ``roots`` it is (``wdt:P279*``, the class itself included) a subclass of."""
    roots = sorted(set(roots), key=lambda q: int(q[1:]))
    values = _items(roots)

    def query(batch: Sequence[str]) -> str:
        return (PREFIXES + f"SELECT ?class ?root WHERE {{\n  VALUES ?class {{ {_items(batch)} }}\n"
                f"  VALUES ?root {{ {values} }}\n  ?class wdt:P279* ?root\n}}")

    # the cache key carries the roots asked about, so a changed root list is asked afresh
    tag = "P279*:" + ",".join(roots)
    rows = lookups.fetch(tag, [c for c in classes if QID.fullmatch(c)], query, lambda r: qid(r.get("class", "")))
    return {c: {q for r in rs if (q := qid(r.get("root", "")))} for c, rs in rows.items()}
