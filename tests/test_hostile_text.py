"""Whatever the text contains, the output is valid RDF (property-based, through the real pipeline)."""

from datetime import date

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.extract import extract
from kg.model import Document
from kg.nlp import parse_view
from kg.rdf import to_graph
from kg.store.serialize import turtle

NASTY = st.sampled_from(['"', '"""', "\\", "<", ">", "{", "}", "\n", "\r\n", "\t", "\x00", "\x01", "\x7f", "\u202e",
                         "\u200b", "🚀", "´s", "’", "\ud800", "@prefix", "#", "^^", "_:b0", "Dnipro", "killed 3",
                         "Russian missiles hit", "said", "on Friday", "KYIV, Ukraine (AP) — "])
TEXT = st.lists(st.one_of(st.text(min_size=1, max_size=12), NASTY), min_size=1, max_size=25).map("".join)


URL = st.one_of(st.none(), TEXT, TEXT.map(lambda t: "https://example.org/" + t))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, doc_id=st.text(min_size=1, max_size=20), published=st.one_of(st.none(), st.dates(date(1990, 1, 1))),
       url=URL, title=st.one_of(st.none(), TEXT))
def test_any_text_gives_turtle_and_nquads_both_parsers_accept(nlp, text, doc_id, published, url, title):
    from kg.rdf.mapping import to_quads
    from kg.store.serialize import line_format

    doc = Document(id=doc_id, text=text, published=published, url=url, title=title)
    x = extract(doc, nlp(parse_view(text)))
    data = turtle(to_graph(x))
    Graph().parse(data=data, format="turtle")
    ox.Store().load(data.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    quads = line_format(to_quads(x), "nq")  # the corpus path: the same triples as N-Triples text
    assert len(list(ox.parse(quads, format=ox.RdfFormat.N_QUADS))) == len(to_graph(x))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_text_gives_output_that_conforms_to_the_shapes(nlp, text):
    from kg.store.validate import check_graph

    x = extract(Document(id="h", text=text, published=date(2024, 1, 1)), nlp(parse_view(text)))
    result = check_graph(to_graph(x))
    assert result.conforms, result.text()
