"""Extraction rules on articles written for these tests (not the sample, not the dev set)."""

from datetime import date

from conftest import CLAIMS, EVENTS, select
from kg.store.validate import validate


def test_passive_air_strike_with_counts_and_responsibility(run_text):
    text = ("KHAN YOUNIS, Gaza Strip (AP) — At least 12 people were killed and 30 were wounded when Israeli "
            "warplanes struck a school in Khan Younis on Tuesday, health officials said. "
            "The Israeli military said it struck a militant command centre in the area.")
    _, g = run_text(text, date(2024, 3, 14))  # a Thursday
    events = select(g, EVENTS)
    assert len(events) == 1
    ev = events[0]
    assert ev["type"] == "air_strike" and ev["place"] == "Khān Yūnis" and ev["cc"] == "PS"
    assert ev["date"] == "2024-03-12" and ev["attacker"] == "IL"
    assert (ev["kmin"], ev["kmax"]) == ("12", None)
    kinds = {r["kind"] for r in select(g, CLAIMS)}
    assert "responsibility" in kinds
    assert validate(g)[0]


def test_no_one_hurt_is_an_explicit_zero(run_text):
    text = "Two drones hit an oil depot in Bryansk overnight, the regional governor said. No one was hurt."
    _, g = run_text(text, date(2024, 2, 2))
    (ev,) = select(g, EVENTS)
    assert ev["type"] == "drone_strike" and ev["cc"] == "RU" and ev["date"] == "2024-02-01"
    assert (ev["imin"], ev["imax"]) == ("0", "0")


def test_labour_strike_and_figurative_attack_are_not_events(run_text):
    text = ("Air traffic controllers went on strike in Paris on Monday. The union leader called the reform "
            "an attack on workers' rights, and the minister said the strike would cost millions.")
    _, g = run_text(text, date(2024, 4, 23))
    assert select(g, EVENTS) == []


def test_without_publication_date_relative_time_is_unresolved(run_text):
    text = "Russian missiles hit a power plant in Kharkiv on Friday, killing three workers."
    _, g = run_text(text, None)
    rows = select(g, """PREFIX kgo: <https://w3id.org/kg-conflict/ontology#>
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        SELECT ?text ?u WHERE { ?e sem:hasTime ?t . ?t kgo:timeText ?text ; kgo:unresolved ?u }""")
    assert rows == [{"text": "on Friday", "u": "true"}] or rows == [{"text": "Friday", "u": "true"}]
    (ev,) = select(g, EVENTS)
    assert (ev["kmin"], ev["kmax"]) == ("3", "3") and ev["place"] == "Kharkiv"


def test_blame_names_accused_and_event(run_text):
    text = ("Shelling killed four civilians in Donetsk on Sunday. Russia blamed Ukraine for the shelling, "
            "while Kyiv denied any involvement.")
    _, g = run_text(text, date(2024, 1, 22))
    (ev,) = select(g, EVENTS)
    assert ev["type"] == "shelling" and ev["date"] == "2024-01-21"
    claims = select(g, CLAIMS)
    acc = [c for c in claims if c["kind"] == "accusation"]
    assert acc and acc[0]["accused"] == "UA" and acc[0]["event"] == ev["e"]
    assert any(c["kind"] == "denial" and c["speaker"] == "Ukraine" for c in claims)


def test_regression_number_as_victim_with_a_prepositional_tail(nlp):
    # crashed once: "killed five in the village" (a number as the victim, followed by a PP)
    from kg.extract.outcomes import find_counts

    doc = nlp("Gunmen killed five in the village of Arbinda on Monday, a local official said.")
    counts = [c for sent in doc.sents for c, _ in find_counts(sent)]
    assert [(c.kind, c.min, c.max, c.qualifier) for c in counts] == [("killed", 5, 5, "exact")]


def test_regression_verbless_sentence_does_not_hang(run_text):
    # hung once: walking up from a trigger to a root that is not a verb compared Token objects with `is`
    import signal

    def boom(*_):
        raise TimeoutError("extraction did not finish")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(20)
    try:
        x, _ = run_text("Suicide attack on army post in Kabul. Twelve dead, officials said.", date(2024, 1, 2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert x.document.id == "test"
