"""Generate docs/ontology.md, the human-readable reference of the kg conflict ontology.

    python tools/gen_docs.py > docs/ontology.md    # regenerate the page
    python tools/gen_docs.py --check               # exit 1 if docs/ontology.md is out of date

The page is made from ontology/conflict.ttl (terms, labels, definitions, examples, axioms,
concept schemes and crosswalks) and ontology/shapes.ttl (the SHACL constraints on each
term). It uses rdflib only and reads no network. Every list on the page is sorted, or kept in
the order of an RDF list, so the same two files always give the same page, whatever order
rdflib happens to hold the triples in.

tests/test_ontology_docs.py checks that the page is up to date.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "conflict.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
DOC = ROOT / "docs" / "ontology.md"

NS = "https://w3id.org/kg-conflict/ontology#"
SH = Namespace("http://www.w3.org/ns/shacl#")

LICENCES = {
    "https://creativecommons.org/licenses/by/4.0/": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
}
MATCHES = (
    (SKOS.exactMatch, "Exact match"),
    (SKOS.closeMatch, "Close match"),
    (SKOS.broadMatch, "Broad match"),
    (SKOS.narrowMatch, "Narrow match"),
    (SKOS.relatedMatch, "Related match"),
)
# SHACL parameters of a property shape that are shown in their own columns or not at all
SHAPE_META = {RDF.type, SH.path, SH.name, SH.description, SH.message, SH.minCount, SH.maxCount, SH.severity,
              SH.order, SH.group}
# the SHACL constraint parameters that point at a term, so a term can list the shapes that use it
VALUE_PARAMS = (SH["class"], SH["in"], SH.hasValue, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint,
                SH.datatype)
LOGICAL = (SH.xone, SH["or"], SH["and"])
VALUE_WORDS = {
    "sh:class": "required class (sh:class)",
    "sh:in": "allowed value (sh:in)",
    "sh:hasValue": "required value (sh:hasValue)",
    "sh:datatype": "required datatype (sh:datatype)",
    "sh:lessThan": "compared with (sh:lessThan)",
    "sh:lessThanOrEquals": "compared with (sh:lessThanOrEquals)",
    "sh:equals": "compared with (sh:equals)",
    "sh:disjoint": "compared with (sh:disjoint)",
}


def _load(source: Path | Graph) -> Graph:
    return source if isinstance(source, Graph) else Graph(bind_namespaces="none").parse(source)


def _key(text: str) -> tuple[str, str]:
    """Sort key: case-insensitive first, then exact, so the order is total and stable."""
    return (text.lower(), text)


class Page:
    def __init__(self, ontology: Graph, shapes: Graph):
        self.g = ontology
        self.s = shapes
        prefixes: dict[str, str] = {}
        for graph in (ontology, shapes):
            for prefix, ns in graph.namespaces():
                if prefix and prefix != "xml":
                    prefixes.setdefault(prefix, str(ns))
        self.prefixes = dict(sorted(prefixes.items()))
        # longest namespace first, so the most specific prefix wins
        self._by_ns = sorted(((ns, p) for p, ns in self.prefixes.items()), key=lambda x: (-len(x[0]), x[1]))

        g = ontology
        self.ontology_iri = next(iter(sorted(s for s in g.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))),
                                 None)
        self.terms = sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)
                             and str(s) != NS}, key=self._sort)
        self.classes = [t for t in self.terms if self.kind(t) == "class"]
        self.object_properties = [t for t in self.terms if self.kind(t) == "object"]
        self.datatype_properties = [t for t in self.terms if self.kind(t) == "datatype"]
        self.schemes = [t for t in self.terms if self.kind(t) == "scheme"]
        self.concepts = [t for t in self.terms if self.kind(t) == "concept"]
        self.others = [t for t in self.terms if self.kind(t) == "other"]
        # concept schemes outside kgo: (the crosswalk targets), documented in their own section
        self.crosswalks = sorted((s for s in g.subjects(RDF.type, SKOS.ConceptScheme)
                                  if isinstance(s, URIRef) and s not in self.terms), key=self._sort)
        self.crosswalk_concepts = sorted({c for sch in self.crosswalks for c in g.subjects(SKOS.inScheme, sch)
                                          if isinstance(c, URIRef)}, key=self._sort)

        self.node_shapes = sorted((n for n in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(n, URIRef)),
                                  key=self._sort)
        # where each node shape is rendered in full: under its first kgo target class, or among the other shapes
        self.shape_home: dict[URIRef, URIRef | None] = {}
        for n in self.node_shapes:
            targets = sorted((c for c in shapes.objects(n, SH.targetClass) if c in self.classes), key=self._sort)
            self.shape_home[n] = targets[0] if targets else None

        self.anchors: dict[URIRef, str] = {}
        for t in (*self.terms, *self.crosswalks, *self.crosswalk_concepts, *self.node_shapes):
            self.anchors[t] = self.anchor(t)
        seen: dict[str, URIRef] = {}
        for t, a in self.anchors.items():
            assert a.lower() not in seen, f"anchor {a} of {t} clashes with {seen[a.lower()]}"
            seen[a.lower()] = t
        self.refs = self._shape_references()
        self._anchored_property_shapes: set[URIRef] = set()
        self._link_re = re.compile(r"(?<![\w/#])([A-Za-z][\w-]*):([A-Za-z0-9_](?:[\w-]*\w)?)")

    # ------------------------------------------------------------------ names and links
    def curie(self, node) -> str:
        if isinstance(node, Literal):
            return str(node)
        if isinstance(node, BNode):
            return "[]"
        iri = str(node)
        for ns, prefix in self._by_ns:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if re.fullmatch(r"[A-Za-z0-9_](?:[\w.-]*[\w-])?", local or "-"):
                    return f"{prefix}:{local}"
        return f"<{iri}>"

    def _sort(self, node) -> tuple[str, str]:
        return _key(self.curie(node))

    def anchor(self, node: URIRef) -> str:
        c = self.curie(node)
        if c.startswith("<"):
            c = re.split(r"[/#]", str(node).rstrip("/#"))[-1]
        else:
            c = c.replace(":", "-")
        return re.sub(r"[^A-Za-z0-9_-]", "-", c)

    def ref(self, node) -> str:
        """A term as Markdown: a link to its section if the page documents it, else to its IRI."""
        if isinstance(node, Literal):
            return f"`{node}`" + (f" ({self.curie(node.datatype)})" if node.datatype else "")
        if isinstance(node, BNode):
            return "(blank node)"
        if node in self.anchors:
            return f"[{self.curie(node)}](#{self.anchors[node]})"
        text = self.curie(node)
        return f"[{text.strip('<>')}]({node})"

    def refs_list(self, nodes) -> str:
        return ", ".join(self.ref(n) for n in sorted(nodes, key=self._sort))

    def text(self, value) -> str:
        """Prose from the ontology as Markdown: escaped, on one line, CURIEs of documented terms linked."""
        s = " ".join(str(value).split())
        for ch in "\\`*[]|":
            s = s.replace(ch, "\\" + ch)
        s = s.replace("<", "&lt;").replace(">", "&gt;")

        def link(m: re.Match) -> str:
            prefix, local = m.group(1), m.group(2)
            if prefix not in self.prefixes:
                return m.group(0)
            node = URIRef(self.prefixes[prefix] + local)
            if node in self.anchors:
                return f"[{prefix}:{local}](#{self.anchors[node]})"
            return m.group(0)

        return self._link_re.sub(link, s)

    def value(self, node, *props):
        """The first value of the first of ``props`` that ``node`` has (English or untagged preferred)."""
        for p in props:
            values = sorted(self.g.objects(node, p), key=lambda v: (getattr(v, "language", None) not in (None, "en"),
                                                                      str(v)))
            if values:
                return values[0]
        return None

    def label(self, node) -> str:
        v = self.value(node, SKOS.prefLabel, RDFS.label)
        return str(v) if v is not None else ""

    def kind(self, t: URIRef) -> str:
        types = set(self.g.objects(t, RDF.type))
        if OWL.Class in types or RDFS.Class in types:
            return "class"
        if OWL.ObjectProperty in types:
            return "object"
        if OWL.DatatypeProperty in types:
            return "datatype"
        if SKOS.ConceptScheme in types:
            return "scheme"
        if SKOS.Concept in types:
            return "concept"
        return "other"

    # ------------------------------------------------------------------ axioms
    def closure(self, start: URIRef, prop: URIRef, inverse: bool = False) -> set[URIRef]:
        out: set[URIRef] = set()
        todo = [start]
        while todo:
            x = todo.pop()
            nxt = self.g.subjects(prop, x) if inverse else self.g.objects(x, prop)
            for y in nxt:
                if isinstance(y, URIRef) and y not in out and y != start:
                    out.add(y)
                    todo.append(y)
        return out

    def uris(self, node, prop, inverse: bool = False) -> list[URIRef]:
        found = self.g.subjects(prop, node) if inverse else self.g.objects(node, prop)
        return sorted({x for x in found if isinstance(x, URIRef)}, key=self._sort)

    # ------------------------------------------------------------------ SHACL
    def rdf_list(self, node) -> list:
        return list(Collection(self.s, node)) if node is not None else []

    def owners(self, ps) -> list[URIRef]:
        return sorted((n for n in self.s.subjects(SH.property, ps) if isinstance(n, URIRef)), key=self._sort)

    def property_shapes(self, n) -> list:
        # blank property shapes have no stable name, so their constraints break ties
        return sorted(self.s.objects(n, SH.property),
                      key=lambda ps: (self._sort(self.s.value(ps, SH.path)), self._sort(ps), self.constraint(ps)))

    def path(self, ps) -> str:
        p = self.s.value(ps, SH.path)
        if p is None:
            return ""
        if isinstance(p, URIRef):
            return self.ref(p)
        inverse = self.s.value(p, SH.inversePath)
        if inverse is not None:
            return "^" + self.ref(inverse)
        if (p, RDF.first, None) in self.s:
            return " / ".join(self.ref(x) for x in self.rdf_list(p))
        return "(complex path)"

    def count(self, ps) -> str:
        lo = self.s.value(ps, SH.minCount)
        hi = self.s.value(ps, SH.maxCount)
        return f"{lo if lo is not None else 0}..{hi if hi is not None else '*'}"

    def constraint(self, ps) -> str:
        """The value constraints of a property shape (or an inline shape), in words, in a fixed order."""
        s = self.s
        parts = []
        for v in sorted(s.objects(ps, SH.nodeKind), key=self._sort):
            parts.append("node kind " + self.curie(v).replace("sh:", ""))
        for v in sorted(s.objects(ps, SH.datatype), key=self._sort):
            parts.append("datatype " + self.ref(v))
        for v in sorted(s.objects(ps, SH["class"]), key=self._sort):
            parts.append("class " + self.ref(v))
        for v in sorted(s.objects(ps, SH["in"]), key=self._sort):
            parts.append("one of " + ", ".join(self.ref(x) for x in self.rdf_list(v)))
        for v in sorted(s.objects(ps, SH.hasValue), key=self._sort):
            parts.append("has value " + self.ref(v))
        lo, hi = s.value(ps, SH.minInclusive), s.value(ps, SH.maxInclusive)
        if lo is not None and hi is not None:
            parts.append(f"from {lo} to {hi} inclusive")
        elif lo is not None:
            parts.append(f"at least {lo}")
        elif hi is not None:
            parts.append(f"at most {hi}")
        for v in sorted(s.objects(ps, SH.pattern), key=str):
            parts.append(f"matches `{v}`")
        for p, word in ((SH.lessThan, "less than"), (SH.lessThanOrEquals, "not greater than"),
                        (SH.equals, "equal to"), (SH.disjoint, "disjoint from")):
            for v in sorted(s.objects(ps, p), key=self._sort):
                parts.append(f"{word} {self.ref(v)}")
        known = SHAPE_META | {SH.nodeKind, SH.datatype, SH["class"], SH["in"], SH.hasValue, SH.minInclusive,
                              SH.maxInclusive, SH.pattern, SH.lessThan, SH.lessThanOrEquals, SH.equals,
                              SH.disjoint}
        for p, v in sorted(((p, v) for p, v in s.predicate_objects(ps) if p not in known),
                           key=lambda pv: (self._sort(pv[0]), str(pv[1]))):
            parts.append(f"{self.curie(p)} {self.ref(v)}")
        return "; ".join(parts)

    def inline(self, node) -> str:
        """An anonymous shape inside sh:xone / sh:or / sh:and, in words."""
        words = self.constraint(node)
        if self.s.value(node, SH.path) is not None:
            words = f"{self.path(node)}: {words}" if words else self.path(node)
        return words or "(any)"

    def _shape_references(self) -> dict[URIRef, set[tuple[str, URIRef, object]]]:
        """term -> {(how, node shape, property shape or None)} for every way a shape mentions the term."""
        s = self.s
        refs: dict[URIRef, set] = defaultdict(set)
        curie_re = re.compile(r"\b([A-Za-z][\w-]*):([A-Za-z0-9_](?:[\w-]*\w)?)")

        def values(shape, n, ps):
            p = s.value(shape, SH.path)
            if isinstance(p, URIRef):
                refs[p].add(("path", n, ps))
            for param in VALUE_PARAMS:
                for v in s.objects(shape, param):
                    members = self.rdf_list(v) if param == SH["in"] else [v]
                    for m in members:
                        if isinstance(m, URIRef):
                            refs[m].add((f"value {self.curie(param)}", n, ps))

        for n in self.node_shapes:
            for c in s.objects(n, SH.targetClass):
                refs[c].add(("targetClass", n, None))
            for p in s.objects(n, SH.targetSubjectsOf):
                refs[p].add(("targetSubjectsOf", n, None))
            for p in s.objects(n, SH.targetObjectsOf):
                refs[p].add(("targetObjectsOf", n, None))
            for ps in s.objects(n, SH.property):
                values(ps, n, ps)
            for logical in LOGICAL:
                for lst in s.objects(n, logical):
                    for member in self.rdf_list(lst):
                        values(member, n, None)
            for sparql in s.objects(n, SH.sparql):
                query = str(s.value(sparql, SH.select) or "")
                for prefix, local in curie_re.findall(query):
                    if prefix in self.prefixes:
                        refs[URIRef(self.prefixes[prefix] + local)].add(("sparql", n, None))
        return refs

    # ------------------------------------------------------------------ rendering helpers
    def property_row(self, ps) -> str:
        if isinstance(ps, URIRef):
            name = f"`{self.curie(ps)}`"
            if ps not in self._anchored_property_shapes:
                self._anchored_property_shapes.add(ps)
                name = f'<a id="{self.anchor(ps)}"></a>{name}'
        else:
            name = "(anonymous)"
        message = self.s.value(ps, SH.message) or self.s.value(ps, SH.description) or ""
        cells = [name, self.path(ps), self.count(ps), self.constraint(ps) or "-", self.text(message) or "-"]
        return "| " + " | ".join(c.replace("\n", " ") for c in cells) + " |"

    def node_shape(self, n, level: str) -> list[str]:
        s = self.s
        out = [f'<a id="{self.anchors[n]}"></a>', "", f"{level} Shape {self.curie(n)}", ""]
        name = s.value(n, SH.name)
        description = s.value(n, SH.description)
        lead = f"**{self.text(name)}**" if name else ""
        if description:
            lead = f"{lead}: {self.text(description)}" if lead else self.text(description)
        if lead:
            out += [lead, ""]
        targets = []
        for p, word in ((SH.targetClass, "instances of"), (SH.targetSubjectsOf, "subjects of"),
                        (SH.targetObjectsOf, "objects of"), (SH.targetNode, "the node")):
            for t in sorted(s.objects(n, p), key=self._sort):
                targets.append(f"{word} {self.ref(t)}")
        if targets:
            out.append(f"- Targets: {', '.join(targets)}")
        if s.value(n, SH.message) is not None:
            out.append(f"- Message: {self.text(s.value(n, SH.message))}")
        for logical, word in ((SH.xone, "Exactly one of"), (SH["or"], "At least one of"), (SH["and"], "All of")):
            for lst in sorted(s.objects(n, logical), key=str):
                members = [self.inline(m) for m in self.rdf_list(lst)]
                out.append(f"- {word}: " + "; ".join(f"({m})" for m in members))
        out.append("")
        rows = self.property_shapes(n)
        if rows:
            out += ["| Property shape | Path | Count | Values | Message |", "| --- | --- | --- | --- | --- |"]
            out += [self.property_row(ps) for ps in rows]
            out.append("")
        for sparql in sorted(s.objects(n, SH.sparql), key=lambda q: str(s.value(q, SH.select))):
            msg = s.value(sparql, SH.message) or s.value(n, SH.message) or ""
            query = textwrap.dedent(str(s.value(sparql, SH.select) or "")).strip("\n")
            out += [f"SPARQL constraint: {self.text(msg)}", "", "```sparql", query.rstrip(), "```", ""]
        return out

    def reference_lines(self, term: URIRef, skip_target_class: bool = False) -> list[str]:
        """Bullets naming each shape that constrains or mentions ``term``."""
        lines = []
        by_shape: dict[URIRef, list[str]] = defaultdict(list)
        def order(r):
            how, n, ps = r
            return (how, self._sort(n), self._sort(ps) if ps is not None else ("", ""),
                    self.constraint(ps) if ps is not None else "")

        for how, n, ps in sorted(self.refs.get(term, ()), key=order):
            if how == "targetClass":
                if skip_target_class:
                    continue
                by_shape[n].append("checks every instance (sh:targetClass)")
            elif how == "targetSubjectsOf":
                by_shape[n].append("checks every subject of this property (sh:targetSubjectsOf)")
            elif how == "targetObjectsOf":
                by_shape[n].append("checks every object of this property (sh:targetObjectsOf)")
            elif how == "path":
                if ps is not None:
                    words = self.constraint(ps)
                    entry = f"`{self.curie(ps)}` " if isinstance(ps, URIRef) else ""
                    entry += f"count {self.count(ps)}" + (f"; {words}" if words else "")
                    message = self.s.value(ps, SH.message)
                    if message:
                        entry += f"; message: {self.text(message)}"
                    by_shape[n].append(entry)
                else:
                    by_shape[n].append("constrains this property in a logical constraint")
            elif how.startswith("value "):
                where = f"`{self.curie(ps)}`" if isinstance(ps, URIRef) else "a logical constraint"
                by_shape[n].append(f"{VALUE_WORDS.get(how[6:], 'names it in ' + how[6:])} in {where}")
            elif how == "sparql":
                by_shape[n].append("mentions it in its SPARQL constraint")
        for n in sorted(by_shape, key=self._sort):
            for entry in by_shape[n]:
                lines.append(f"  - {self.ref(n)}: {entry}")
        return lines

    # ------------------------------------------------------------------ sections
    def header(self) -> list[str]:
        g, o = self.g, self.ontology_iri
        title = self.value(o, DCTERMS.title) or "Ontology"
        out = [f"# {title}", "",
               ("<!-- Generated by tools/gen_docs.py from ontology/conflict.ttl and ontology/shapes.ttl. "
                "Do not edit: change the ontology and run `python tools/gen_docs.py > docs/ontology.md`. -->"), ""]
        rows = [("IRI", f"<{o}>")]
        for v in self.uris(o, OWL.versionIRI):
            rows.append(("Version IRI", f"<{v}>"))
        for v in sorted(g.objects(o, OWL.versionInfo), key=str):
            rows.append(("Version", str(v)))
        for v in sorted(g.objects(o, DCTERMS.license), key=str):
            name = LICENCES.get(str(v), str(v))
            rows.append(("Licence", f"[{name}]({v})"))
        for v in sorted(g.objects(o, DCTERMS.creator), key=str):
            rows.append(("Creator", self.text(v)))
        for v in sorted(g.objects(o, DCTERMS.created), key=str):
            rows.append(("Created", str(v)))
        shapes_iri = next(iter(sorted(x for x in self.s.subjects(RDF.type, OWL.Ontology) if isinstance(x, URIRef))),
                          None)
        if shapes_iri is not None:
            version = self.s.value(shapes_iri, OWL.versionInfo)
            rows.append(("SHACL shapes", f"<{shapes_iri}>" + (f", version {version}" if version else "")
                         + " (`ontology/shapes.ttl`)"))
        see_also = self.uris(o, RDFS.seeAlso)
        if see_also:
            rows.append(("See also", ", ".join(f"<{v}>" for v in see_also)))
        out += ["| | |", "| --- | --- |"] + [f"| {k} | {v} |" for k, v in rows] + [""]
        description = self.value(o, DCTERMS.description)
        if description:
            out += [self.text(description), ""]
        return out

    def contents(self) -> list[str]:
        out = ["## Contents", ""]
        sections = [("Overview diagram", "overview-diagram", []),
                    ("Modelling notes", "modelling-notes", []),
                    ("Classes", "classes", self.classes),
                    ("Object properties", "object-properties", self.object_properties),
                    ("Datatype properties", "datatype-properties", self.datatype_properties),
                    ("Concept schemes", "concept-schemes", self.schemes),
                    ("Other terms", "other-terms", self.others),
                    ("Crosswalk targets", "crosswalk-targets", self.crosswalks),
                    ("Shapes for other nodes", "shapes-for-other-nodes",
                     [n for n in self.node_shapes if self.shape_home[n] is None]),
                    ("Namespaces", "namespaces", [])]
        for title, anchor, items in sections:
            if anchor == "other-terms" and not items:
                continue
            line = f"- [{title}](#{anchor})"
            if items:
                line += ": " + ", ".join(self.ref(t) if self.curie(t)[0] != "<" else
                                         f"[{self.text(self.label(t).split(' (')[0]) or self.anchors[t]}]"
                                         f"(#{self.anchors[t]})" for t in items)
            out.append(line)
        return out + [""]

    def edge_label(self, p: URIRef) -> str:
        """A property as a Mermaid edge label, which cannot hold a colon: kgo:x as x, other:y as "y (other)"."""
        prefix, _, local = self.curie(p).partition(":")
        return local if prefix == "kgo" else f"{local} ({prefix})"

    def diagram(self) -> list[str]:
        nodes: set[URIRef] = set(self.classes)
        inherits: set[tuple[URIRef, URIRef]] = set()
        for c in self.classes:
            for sup in self.uris(c, RDFS.subClassOf):
                nodes.add(sup)
                inherits.add((sup, c))
        edges: dict[tuple[URIRef, URIRef, str], set[str]] = defaultdict(set)
        for p in self.object_properties:
            for d in self.uris(p, RDFS.domain):
                for r in self.uris(p, RDFS.range):
                    if d in self.classes:
                        nodes.add(r)
                        edges[(d, r, "-->")].add(self.edge_label(p))
        # properties of other vocabularies that the shapes require between kgo classes
        for n in self.node_shapes:
            for d in self.s.objects(n, SH.targetClass):
                if d not in self.classes:
                    continue
                for ps in self.s.objects(n, SH.property):
                    p = self.s.value(ps, SH.path)
                    if not isinstance(p, URIRef) or str(p).startswith(NS):
                        continue
                    for r in self.s.objects(ps, SH["class"]):
                        if r in self.classes:
                            edges[(d, r, "..>")].add(self.edge_label(p))
        attributes: dict[URIRef, set[str]] = defaultdict(set)
        for p in self.datatype_properties:
            for d in self.uris(p, RDFS.domain):
                if d in self.classes:
                    ranges = self.uris(p, RDFS.range)
                    rng = self.curie(ranges[0]).split(":")[-1] if ranges else ""
                    attributes[d].add(f"{self.curie(p).split(':')[-1]} {rng}".strip())

        def mid(node) -> str:
            return re.sub(r"[^A-Za-z0-9_]", "_", self.curie(node).strip("<>"))

        out = ['<a id="overview-diagram"></a>', "", "## Overview diagram", "",
               "The kgo classes, their direct superclasses in other vocabularies, and the object properties "
               "between them. Solid arrows are kgo object properties (labelled with their local names), drawn "
               "from their `rdfs:domain` to their `rdfs:range`; dashed arrows are properties of other "
               "vocabularies (labelled \"name (prefix)\") that the SHACL shapes require between kgo classes "
               "(`sh:class`); hollow triangles point at superclasses. Class members are the "
               "datatype properties whose domain is the class. Datatype properties without a domain ("
               + ", ".join(self.ref(p) for p in self.datatype_properties if not self.uris(p, RDFS.domain))
               + ") are left out, and so are the concept schemes that give the values of the properties "
               "that point at `skos:Concept`.", "",
               "```mermaid", "classDiagram"]
        for node in sorted(nodes, key=self._sort):
            out.append(f'    class {mid(node)}["{self.curie(node)}"]')
        for node in sorted(attributes, key=self._sort):
            for a in sorted(attributes[node], key=_key):
                out.append(f"    {mid(node)} : +{a}")
        for sup, sub in sorted(inherits, key=lambda e: (self._sort(e[0]), self._sort(e[1]))):
            out.append(f"    {mid(sup)} <|-- {mid(sub)}")
        for (d, r, arrow), names in sorted(edges.items(),
                                           key=lambda e: (e[0][2], self._sort(e[0][0]), self._sort(e[0][1]))):
            out.append(f"    {mid(d)} {arrow} {mid(r)} : {', '.join(sorted(names, key=_key))}")
        out += ["```", ""]
        return out

    def notes(self) -> list[str]:
        out = ['<a id="modelling-notes"></a>', "", "## Modelling notes", ""]
        comment = self.value(self.ontology_iri, RDFS.comment)
        if comment is None:
            return out + ["(The ontology has no rdfs:comment.)", ""]
        for block in re.split(r"\n\s*\n", str(comment).strip()):
            lines = block.split("\n")
            if len(lines) == 1 and lines[0].isupper():
                out += [f"### {lines[0].capitalize()}", ""]
                continue
            head = [x for x in lines if not x.startswith("  ")]
            body = [x for x in lines if x.startswith("  ")]
            if head:
                out += [self.text(" ".join(head)), ""]
            if body:
                cells = [re.split(r"\s{2,}", x.strip(), maxsplit=1) for x in body]
                if all(len(c) == 2 for c in cells):
                    out += ["| Pattern | Resource |", "| --- | --- |"]
                    out += [f"| `{a}` | {self.text(b)} |" for a, b in cells]
                    out.append("")
                else:
                    out += ["```text", *textwrap.dedent("\n".join(body)).split("\n"), "```", ""]
        return out

    def common(self, t: URIRef) -> list[str]:
        """Anchor, heading, label, definition and the annotation bullets shared by every kind of term."""
        out = [f'<a id="{self.anchors[t]}"></a>', "", f"### {self.curie(t)}", ""]
        label = self.label(t)
        definition = self.value(t, SKOS.definition, RDFS.comment)
        line = f"**{self.text(label)}**" if label else ""
        if definition is not None:
            line = f"{line}: {self.text(definition)}" if line else self.text(definition)
        if line:
            out += [line, ""]
        out.append(f"- IRI: `{t}`")
        types = [x for x in self.uris(t, RDF.type)]
        if types:
            out.append(f"- Type: {', '.join(self.ref(x) for x in types)}")
        return out

    def annotations(self, t: URIRef) -> list[str]:
        out = []
        for v in sorted(self.g.objects(t, SKOS.scopeNote), key=str):
            out.append(f"- Scope note: {self.text(v)}")
        for v in sorted(self.g.objects(t, SKOS.example), key=str):
            out.append(f"- Example: {self.text(v)}")
        return out

    def class_section(self, c: URIRef) -> list[str]:
        out = self.common(c)
        sups = self.uris(c, RDFS.subClassOf)
        if sups:
            out.append(f"- Subclass of: {self.refs_list(sups)}")
        subs = self.uris(c, RDFS.subClassOf, inverse=True)
        if subs:
            out.append(f"- Superclass of: {self.refs_list(subs)}")
        domain_of = self.uris(c, RDFS.domain, inverse=True)
        if domain_of:
            out.append(f"- Domain of: {self.refs_list(domain_of)}")
        range_of = self.uris(c, RDFS.range, inverse=True)
        if range_of:
            out.append(f"- Range of: {self.refs_list(range_of)}")
        out += self.annotations(c)
        inherited = []
        for sup in sorted(self.closure(c, RDFS.subClassOf), key=self._sort):
            for how, n, _ in sorted(self.refs.get(sup, ()), key=lambda r: self._sort(r[1])):
                if how == "targetClass":
                    inherited.append(f"{self.ref(n)} (targets {self.ref(sup)})")
        if inherited:
            out.append(f"- Also checked by: {', '.join(inherited)}")
        others = self.reference_lines(c, skip_target_class=True)
        if others:
            out.append("- Mentioned by shapes:")
            out += others
        out.append("")
        for n in self.node_shapes:
            if self.shape_home[n] == c:
                out += self.node_shape(n, "####")
        return out

    def property_section(self, p: URIRef) -> list[str]:
        out = self.common(p)
        for label, prop in (("Domain", RDFS.domain), ("Range", RDFS.range), ("Sub-property of", RDFS.subPropertyOf)):
            values = self.uris(p, prop)
            if values:
                out.append(f"- {label}: {self.refs_list(values)}")
        subs = self.uris(p, RDFS.subPropertyOf, inverse=True)
        if subs:
            out.append(f"- Super-property of: {self.refs_list(subs)}")
        inverse = self.uris(p, OWL.inverseOf) + self.uris(p, OWL.inverseOf, inverse=True)
        if inverse:
            out.append(f"- Inverse of: {self.refs_list(inverse)}")
        out += self.annotations(p)
        refs = self.reference_lines(p)
        out += (["- SHACL constraints:"] + refs) if refs else ["- SHACL constraints: none"]
        return out + [""]

    def concept_lines(self, c: URIRef) -> list[str]:
        out = []
        for v in sorted(self.g.objects(c, SKOS.notation), key=str):
            out.append(f"- Notation: `{v}`")
        for prop, word in ((SKOS.inScheme, "In scheme"), (SKOS.topConceptOf, "Top concept of"),
                           (SKOS.broader, "Broader"), (SKOS.narrower, "Narrower")):
            values = self.uris(c, prop)
            if values:
                out.append(f"- {word}: {self.refs_list(values)}")
        for prop, word in MATCHES:
            values = self.uris(c, prop)
            if values:
                out.append(f"- {word}: " + ", ".join(self.match(v) for v in values))
        return out

    def match(self, v: URIRef) -> str:
        label = self.label(v)
        notation = self.g.value(v, SKOS.notation)
        extra = f"`{notation}`" if notation is not None and str(notation) != label else ""
        if label:
            extra = f"{self.text(label)}" + (f", {extra}" if extra else "")
        return self.ref(v) + (f" ({extra})" if extra else "")

    def scheme_section(self, sch: URIRef) -> list[str]:
        out = self.common(sch)
        members = sorted({c for c in self.g.subjects(SKOS.inScheme, sch) if isinstance(c, URIRef)}, key=self._sort)
        tops = self.uris(sch, SKOS.hasTopConcept)
        if tops:
            out.append(f"- Top concepts: {self.refs_list(tops)}")
        out += self.annotations(sch)
        refs = self.reference_lines(sch)
        users = set()
        for m in members:
            for how, _shape, ps in self.refs.get(m, ()):
                if how == "value sh:in" and isinstance(ps, URIRef):
                    users.add(ps)
        if users:
            out.append("- Values of: " + ", ".join(
                f"{self.path(ps)} in `{self.curie(ps)}`" for ps in sorted(users, key=self._sort)))
        if refs:
            out += ["- SHACL:"] + refs
        out.append("")
        if members:
            out += ["| Concept | Notation | Label | Crosswalk matches |", "| --- | --- | --- | --- |"]
            for m in members:
                notation = ", ".join(f"`{v}`" for v in sorted(self.g.objects(m, SKOS.notation), key=str))
                matches = "; ".join(f"{word.split()[0].lower()}: " + ", ".join(self.ref(v) for v in self.uris(m, prop))
                                    for prop, word in MATCHES if self.uris(m, prop))
                out.append(f"| {self.ref(m)} | {notation or '-'} | {self.text(self.label(m)) or '-'} | "
                           f"{matches or '-'} |")
            out.append("")
        for m in members:
            if m in self.terms:
                out += [line.replace("### ", "#### ", 1) if line.startswith("### ") else line
                        for line in self.concept_section(m)]
        return out

    def concept_section(self, c: URIRef) -> list[str]:
        out = self.common(c)
        out += self.concept_lines(c)
        out += self.annotations(c)
        refs = self.reference_lines(c)
        if refs:
            out += ["- SHACL:"] + refs
        return out + [""]

    def crosswalk_section(self, sch: URIRef) -> list[str]:
        g = self.g
        title = self.label(sch) or self.curie(sch)
        out = [f'<a id="{self.anchors[sch]}"></a>', "", f"### {self.text(title)}", "", f"- IRI: `{sch}`"]
        for v in sorted(g.objects(sch, DCTERMS.source), key=str):
            out.append(f"- Source: {self.text(v)}")
        out += ["", "| Concept | Notation | Label | Broader | Matched by |", "| --- | --- | --- | --- | --- |"]
        members = sorted({c for c in g.subjects(SKOS.inScheme, sch) if isinstance(c, URIRef)}, key=self._sort)
        for m in members:
            notation = ", ".join(f"`{v}`" for v in sorted(g.objects(m, SKOS.notation), key=str))
            broader = self.refs_list(self.uris(m, SKOS.broader)) or "-"
            matched = []
            for prop, word in MATCHES:
                for k in self.uris(m, prop, inverse=True):
                    matched.append((self._sort(k), f"{self.ref(k)} ({word.split()[0].lower()})"))
            cell = f'<a id="{self.anchors[m]}"></a>{self.curie(m)}'
            out.append(f"| {cell} | {notation or '-'} | {self.text(self.label(m)) or '-'} | {broader} | "
                       f"{', '.join(x for _, x in sorted(matched)) or '-'} |")
        return out + [""]

    def render(self) -> str:
        out = self.header()
        out += self.contents()
        out += self.diagram()
        out += self.notes()
        out += ['<a id="classes"></a>', "", "## Classes", ""]
        for c in self.classes:
            out += self.class_section(c)
        out += ['<a id="object-properties"></a>', "", "## Object properties", ""]
        for p in self.object_properties:
            out += self.property_section(p)
        out += ['<a id="datatype-properties"></a>', "", "## Datatype properties", ""]
        for p in self.datatype_properties:
            out += self.property_section(p)
        out += ['<a id="concept-schemes"></a>', "", "## Concept schemes", ""]
        for sch in self.schemes:
            out += self.scheme_section(sch)
        documented = {m for sch in self.schemes for m in self.g.subjects(SKOS.inScheme, sch)}
        loose = [c for c in self.concepts if c not in documented]
        if self.others or loose:
            out += ['<a id="other-terms"></a>', "", "## Other terms", ""]
            for t in loose:
                out += self.concept_section(t)
            for t in self.others:
                out += self.common(t) + self.annotations(t) + [""]
        out += ['<a id="crosswalk-targets"></a>', "", "## Crosswalk targets", "",
                ("The concepts that the event types are matched to. ACLED, PLOVER and CAMEO publish no RDF, so "
                 "kg mints these IRIs itself (see the modelling notes)."), ""]
        for sch in self.crosswalks:
            out += self.crosswalk_section(sch)
        out += ['<a id="shapes-for-other-nodes"></a>', "", "## Shapes for other nodes", "",
                ("The shapes of `ontology/shapes.ttl` that do not target a kgo class: they check the nodes of "
                 "other vocabularies that kg writes (documents, runs, spans, times, geometries) and the nodes "
                 "that use a given property."), ""]
        for n in self.node_shapes:
            if self.shape_home[n] is None:
                out += self.node_shape(n, "###")
        out += ['<a id="namespaces"></a>', "", "## Namespaces", "", "| Prefix | Namespace |", "| --- | --- |"]
        out += [f"| `{p}:` | `{ns}` |" for p, ns in self.prefixes.items()]
        text = "\n".join(out).rstrip("\n") + "\n"
        return re.sub(r"\n{3,}", "\n\n", text)


def render(ontology: Path | Graph = ONTOLOGY, shapes: Path | Graph = SHAPES) -> str:
    """The Markdown reference page for ``ontology`` with the constraints of ``shapes``."""
    return Page(_load(ontology), _load(shapes)).render()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if {DOC.relative_to(ROOT)} differs from what would be generated")
    args = parser.parse_args(argv)
    page = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else None
        if current != page:
            print(f"{DOC.relative_to(ROOT)} is out of date: run `python tools/gen_docs.py > "
                  f"{DOC.relative_to(ROOT)}`", file=sys.stderr)
            return 1
        print(f"{DOC.relative_to(ROOT)} is up to date", file=sys.stderr)
        return 0
    sys.stdout.buffer.write(page.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
