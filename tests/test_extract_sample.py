"""The first vertical slice, end to end on the bundled sample through the real model, checked on the RDF."""


import pytest

from conftest import CLAIMS, EVENTS, select
from kg.io import read_inputs
from kg.store.validate import check_graph, validate


@pytest.fixture(scope="module")
def sample(run_text, sample_path):
    (doc,) = read_inputs([str(sample_path)])
    return run_text(doc.text, doc.published, doc.id)


def test_dnipro_clinic_strike(sample):
    _, g = sample
    rows = [r for r in select(g, EVENTS) if r["place"] == "Dnipro" and r["date"] == "2023-05-26"]
    assert len(rows) == 1
    ev = rows[0]
    assert ev["type"] == "missile_strike" and ev["cc"] == "UA" and ev["attacker"] == "RU"
    assert (ev["kmin"], ev["kmax"]) == ("2", None)  # "at least two"
    assert (ev["imin"], ev["imax"]) == ("30", "30")


def test_distinct_dnipro_attacks_stay_distinct(sample):
    _, g = sample
    dnipro = [r for r in select(g, EVENTS) if r["place"] == "Dnipro"]
    periods = {(r["date"], r["start"], r["end"]) for r in dnipro}
    assert ("2023-05-26", None, None) in periods
    assert (None, "2023-05-22", "2023-05-26") in periods  # "earlier this week"
    assert (None, "2023-01-01", "2023-01-31") in periods  # "in January"
    january = next(r for r in dnipro if r["start"] == "2023-01-01")
    assert january["kmin"] == "46" and january["kmax"] is None  # "more than 45"


def test_explicit_zero_casualties(sample):
    _, g = sample
    krasnodar = [r for r in select(g, EVENTS) if r["place"] == "Krasnodar"]
    assert len(krasnodar) == 1 and krasnodar[0]["type"] == "drone_strike"
    assert (krasnodar[0]["kmin"], krasnodar[0]["kmax"]) == ("0", "0")


def test_defence_ministry_claims_the_clinic_strike(sample):
    _, g = sample
    clinic = next(r["e"] for r in select(g, EVENTS) if r["date"] == "2023-05-26")
    claims = [r for r in select(g, CLAIMS) if r["event"] == clinic]
    assert any(r["kind"] == "responsibility" and "defence ministry" in r["speaker"] for r in claims)
    assert any(r["kind"] == "accusation" and r["accused"] == "RU" for r in claims)


def test_threat_and_group_responsibility(sample):
    _, g = sample
    claims = select(g, CLAIMS)
    assert any(r["kind"] == "threat" and "defence ministry" in r["speaker"] and r["event"] is None for r in claims)
    assert any(r["kind"] == "responsibility" and "anti-Kremlin groups" in r["speaker"] for r in claims)


def test_sample_output_conforms_to_shapes(sample):
    """Both engines on real extraction output: pySHACL (the reference) and pyrudof (kg validate, every other test)."""
    _, g = sample
    conforms, _, text = validate(g)
    assert conforms, text
    assert check_graph(g).conforms
