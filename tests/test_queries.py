"""The bundled SPARQL queries (queries/*.rq): exact answers on hand-written data, gold facts on the sample.

tests/data/queries/invented.ttl holds three invented articles written by hand in the shape of kg's
output; every expected row below is read off that file (its comments say what each article is for),
and results are compared as sets of rows. On the bundled sample the extractor's output may grow, so
those tests only check that rows the sample's gold (tests/data/sample/dnipro-2023-05-27.json) calls for
are there.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from kg.store.query import load_store, query_store
from kg.store.resources import bundled_queries

ROOT = Path(__file__).resolve().parents[1]
INVENTED = ROOT / "tests" / "data" / "queries" / "invented.ttl"
GOLD = json.loads((ROOT / "tests" / "data" / "sample" / "dnipro-2023-05-27.json").read_text(encoding="utf-8"))
KGO = "https://w3id.org/kg-conflict/ontology#"
KGR = "https://w3id.org/kg-conflict/id/"
QUERIES = bundled_queries()

# A value holding quotes, braces and a closing brace: bound as one literal, it must match nothing and break nothing.
EVIL = 'x") } } SELECT * WHERE { ?s ?p ?o } #\'"{}'

# ------------------------------------------------------------------------------------------ the invented data

DOC_A = KGR + "doc/f9aa24d9d17f289f"  # Kharkiv, published 2024-03-10
DOC_B = KGR + "doc/dc02d02a5ba2a8e5"  # Gao, published 2024-05-18
DOC_C = KGR + "doc/03a498cd7c13f569"  # undated ambush

A1 = KGR + "event/f9aa24d9d17f289f-35-38"  # missile strike, Kharkiv, 2024-03-09
A2 = KGR + "event/f9aa24d9d17f289f-326-332"  # drone strike, Kharkiv, 2024-03-06
A3 = KGR + "event/f9aa24d9d17f289f-407-415"  # shelling, Vovchansk, 2024-03-04/2024-03-09
B1 = KGR + "event/dc02d02a5ba2a8e5-25-33"  # car bombing, Gao, 2024-05-17
B2 = KGR + "event/dc02d02a5ba2a8e5-293-296"  # drone strike, Gao, no time
C1 = KGR + "event/03a498cd7c13f569-7-15"  # ambush, no place, unresolved time

SYNIEHUBOV_ACCUSES = KGR + "claim/f9aa24d9d17f289f-158-162"
EMERGENCY_REPORT = KGR + "claim/f9aa24d9d17f289f-234-238"
MINISTRY_DENIES = KGR + "claim/f9aa24d9d17f289f-269-275"
OFFICIALS_REPORT = KGR + "claim/f9aa24d9d17f289f-514-518"
JNIM_CLAIMS = KGR + "claim/dc02d02a5ba2a8e5-132-139"
IS_CLAIMS = KGR + "claim/dc02d02a5ba2a8e5-186-193"
ARMY_BLAMES = KGR + "claim/dc02d02a5ba2a8e5-242-248"
IS_THREATENS = KGR + "claim/dc02d02a5ba2a8e5-335-340"
AGENCY_REPORT = KGR + "claim/03a498cd7c13f569-77-81"

A1_QUOTE = "Russian missiles hit a power plant in Kharkiv on Saturday, killing at least three people and injuring 12"

# the sentences of the three articles, as the evidence query returns them
SA = [
    ("KHARKIV, Ukraine: Russian missiles hit a power plant in Kharkiv on Saturday, killing at least three people "
     "and injuring 12, regional governor Oleh Syniehubov said."),
    "Three more people may be trapped under the rubble, emergency services said.",
    "The Russian defence ministry denied striking civilian targets.",
    "On Wednesday, a drone struck a warehouse in Kharkiv, killing at least one person and injuring dozens.",
    "Shelling hit the town of Vovchansk in the Kharkiv region earlier this week, but no one was hurt, officials said.",
]
SB = [
    ("BAMAKO, Mali: A car bomb exploded at a military camp in Gao on Friday, killing eight soldiers and wounding "
     "at least 20 people."),
    "JNIM claimed the attack in a statement.",
    "Islamic State also claimed responsibility for the bombing.",
    "The Malian army blamed JNIM for the bombing.",
    "Hours later, a drone hit a checkpoint near Gao.",
    "Islamic State vowed further attacks on the army.",
]
SC = "Gunmen ambushed an aid convoy on Friday, killing two drivers, the aid agency said."


def ev(statement, kind, words, begin, end, sentence, doc, confidence, extractor):
    return (statement, kind, words, str(begin), str(end), sentence, doc, confidence, extractor)


EXPECTED: dict[str, list[tuple[dict[str, str], set[tuple]]]] = {
    "accusations": [({}, {
        ("Oleh Syniehubov", "Russia", A1, "missile_strike", "Kharkiv", "false", A1_QUOTE),
        ("armed forces of Mali", "JNIM", B1, "bombing", "Gao", "false", "for the bombing"),
    })],
    "casualties-by-place": [({}, {
        # two attacks in Kharkiv: at least 3 + at least 1 killed, both open-ended; 12 injured exactly + "dozens"
        ("Kharkiv", "UA", "2", "4", "2", "12", "1", "0", "0"),
        ("Vovchansk", "UA", "1", "0", "0", "0", "0", "0", "0"),
        # 8 killed exactly; at least 20 injured; the drone strike reports no toll
        ("Gao", "ML", "2", "8", "0", "20", "1", "0", "0"),
    })],
    "claims-by-speaker": [
        ({"speaker": "Islamic State"}, {
            ("responsibility", B1, None, "false", "responsibility for the bombing", "false"),
            ("threat", None, None, "false", "further attacks on the army", "false"),
        }),
        ({"speaker": "oleh SYNIEHUBOV"}, {("accusation", A1, "Russia", "false", A1_QUOTE, "false")}),
        ({"speaker": "Nobody"}, set()),
        ({"speaker": EVIL}, set()),
    ],
    "claims": [({}, {
        (SYNIEHUBOV_ACCUSES, "accusation", "Oleh Syniehubov", A1, "Russia", DOC_A, "false", "false"),
        (EMERGENCY_REPORT, "report", "emergency services", A1, None, DOC_A, "true", "false"),
        (MINISTRY_DENIES, "denial", "Russian defence ministry", A1, None, DOC_A, "false", "false"),
        (OFFICIALS_REPORT, "report", "officials", A3, None, DOC_A, "false", "false"),
        (JNIM_CLAIMS, "responsibility", "JNIM", B1, None, DOC_B, "false", "false"),
        (IS_CLAIMS, "responsibility", "Islamic State", B1, None, DOC_B, "false", "false"),
        (ARMY_BLAMES, "accusation", "armed forces of Mali", B1, "JNIM", DOC_B, "false", "false"),
        (IS_THREATENS, "threat", "Islamic State", None, None, DOC_B, "false", "false"),
        (AGENCY_REPORT, "report", "aid agency", C1, None, DOC_C, "false", "false"),
    })],
    "conflicting-claims": [({}, {
        # accused by the governor, denied by the ministry
        (A1, "missile_strike", "Kharkiv", "accusation", "Oleh Syniehubov", "Russia",
         "denial", "Russian defence ministry", None),
        # claimed by two groups; the army blames JNIM, which conflicts with Islamic State's claim only
        (B1, "bombing", "Gao", "responsibility", "Islamic State", None, "responsibility", "JNIM", None),
        (B1, "bombing", "Gao", "responsibility", "Islamic State", None, "accusation", "armed forces of Mali", "JNIM"),
    })],
    "events-at-place": [
        *[({"place": p}, {
            (A3, "shelling", "Vovchansk", "UA", "2024-03-04", "2024-03-09"),
            (A2, "drone_strike", "Kharkiv", "UA", "2024-03-06", "2024-03-06"),
            (A1, "missile_strike", "Kharkiv", "UA", "2024-03-09", "2024-03-09"),
        }) for p in ("Ukraine", "ukraine", "UA", "ua", "Kharkiv region", "KHARKIV REGION")],
        *[({"place": p}, {  # the city only: not the town beside it, not a label that merely starts with it
            (A2, "drone_strike", "Kharkiv", "UA", "2024-03-06", "2024-03-06"),
            (A1, "missile_strike", "Kharkiv", "UA", "2024-03-09", "2024-03-09"),
        }) for p in ("Kharkiv", "KHARKOV")],  # by its label or by a spelling an article used
        ({"place": "Vovchansk"}, {(A3, "shelling", "Vovchansk", "UA", "2024-03-04", "2024-03-09")}),
        ({"place": "Mali"}, {
            (B1, "bombing", "Gao", "ML", "2024-05-17", "2024-05-17"),
            (B2, "drone_strike", "Gao", "ML", None, None),
        }),
        ({"place": "Russia"}, set()),  # an attacker in the data, but no attack's place
        ({"place": "Kharkiv r"}, set()),
        ({"place": EVIL}, set()),
    ],
    "events-in-date-range": [
        ({"from": "2024-03-07", "to": "2024-03-09"}, {
            (A3, "shelling", "Vovchansk", "2024-03-04", "2024-03-09"),
            (A1, "missile_strike", "Kharkiv", "2024-03-09", "2024-03-09"),
        }),
        ({"from": "2024-03-01", "to": "2024-03-05"}, {(A3, "shelling", "Vovchansk", "2024-03-04", "2024-03-09")}),
        ({"from": "2024-01-01", "to": "2024-12-31"}, {
            (A3, "shelling", "Vovchansk", "2024-03-04", "2024-03-09"),
            (A2, "drone_strike", "Kharkiv", "2024-03-06", "2024-03-06"),
            (A1, "missile_strike", "Kharkiv", "2024-03-09", "2024-03-09"),
            (B1, "bombing", "Gao", "2024-05-17", "2024-05-17"),
        }),
        ({"from": "2024-03-10", "to": "2024-05-16"}, set()),
        ({"from": EVIL, "to": "2024-12-31"}, set()),
    ],
    "events": [({}, {
        (A1, "missile_strike", "Kharkiv", "UA", "2024-03-09", None, None, "Russia", "power plant",
         "3", None, "12", "12", "3", "3", DOC_A),
        (A2, "drone_strike", "Kharkiv", "UA", "2024-03-06", None, None, None, "warehouse",
         "1", None, None, None, None, None, DOC_A),
        (A3, "shelling", "Vovchansk", "UA", None, "2024-03-04", "2024-03-09", None, None,
         "0", "0", "0", "0", None, None, DOC_A),
        (B1, "bombing", "Gao", "ML", "2024-05-17", None, None, None, "military camp",
         "8", "8", "20", None, None, None, DOC_B),
        (B2, "drone_strike", "Gao", "ML", None, None, None, None, "checkpoint",
         None, None, None, None, None, None, DOC_B),
        (C1, "armed_clash", None, None, None, None, None, "Gunmen", "aid convoy",
         "2", "2", None, None, None, None, DOC_C),
    })],
    "events-in-area": [
        ({"west": "36", "south": "49.9", "east": "36.5", "north": "50.1"}, {  # Kharkiv, not Vovchansk beside it
            (A2, "drone_strike", "Kharkiv", "36.25475", "49.98177", "2024-03-06", "2024-03-06"),
            (A1, "missile_strike", "Kharkiv", "36.25475", "49.98177", "2024-03-09", "2024-03-09"),
        }),
        ({"west": "-1", "south": "15", "east": "1", "north": "17"}, {  # Gao, either side of the meridian
            (B1, "bombing", "Gao", "-0.04472", "16.27167", "2024-05-17", "2024-05-17"),
            (B2, "drone_strike", "Gao", "-0.04472", "16.27167", None, None),
        }),
        ({"west": "0", "south": "0", "east": "1", "north": "1"}, set()),
        ({"west": EVIL, "south": "0", "east": "1", "north": "1"}, set()),
    ],
    "firm-claims": [
        ({"minConfidence": "0.7"}, {  # not the hedged report, nor the 0.6 ones
            (JNIM_CLAIMS, "responsibility", "JNIM", B1, None, "0.85"),
            (IS_CLAIMS, "responsibility", "Islamic State", B1, None, "0.85"),
            (ARMY_BLAMES, "accusation", "armed forces of Mali", B1, "JNIM", "0.8"),
            (IS_THREATENS, "threat", "Islamic State", None, None, "0.7"),
            (SYNIEHUBOV_ACCUSES, "accusation", "Oleh Syniehubov", A1, "Russia", "0.7"),
            (MINISTRY_DENIES, "denial", "Russian defence ministry", A1, None, "0.7"),
        }),
        ({"minConfidence": "0.8"}, {
            (JNIM_CLAIMS, "responsibility", "JNIM", B1, None, "0.85"),
            (IS_CLAIMS, "responsibility", "Islamic State", B1, None, "0.85"),
            (ARMY_BLAMES, "accusation", "armed forces of Mali", B1, "JNIM", "0.8"),
        }),
        ({"minConfidence": EVIL}, set()),
    ],
    "argument-evidence": [({}, {
        # A1's arguments each with their words; every count is its own span
        (A1, "attacker", KGR + "state/RU", "Russia", "Russian", "18", "25", SA[0], "0.8", "kg.events.v1"),
        (A1, "target", KGR + "facility/f9aa24d9d17f289f-power-plant", "power plant", "power plant", "41", "52", SA[0],
         "0.8", "kg.events.v1"),
        (A1, "place", KGR + "place/geonames-706483", "Kharkiv", "Kharkiv", "56", "63", SA[0], "0.8", "kg.events.v1"),
        (A1, "time", A1 + "/time", "Saturday", "Saturday", "67", "75", SA[0], "0.8", "kg.events.v1"),
        *[(e, role, e + "/" + role, words, words, str(b), str(end), sentence, conf, "kg.outcomes.v1")
          for e, role, words, b, end, sentence, conf in (
              (A1, "killed", "at least three people", 85, 106, SA[0], "0.9"),
              (A1, "injured", "12", 120, 122, SA[0], "0.9"),
              (A1, "missing", "Three more people", 164, 181, SA[1], "0.9"),
              (A2, "killed", "at least one person", 365, 384, SA[3], "0.9"),
              (A2, "injured", "dozens", 398, 404, SA[3], "0.7"),
              (A3, "killed", "no one was hurt", 487, 502, SA[4], "0.85"),
              (A3, "injured", "no one was hurt", 487, 502, SA[4], "0.85"),
              (B1, "killed", "eight soldiers", 79, 93, SB[0], "0.9"),
              (B1, "injured", "at least 20 people", 107, 125, SB[0], "0.9"),
              (C1, "killed", "two drivers", 49, 60, SC, "0.9"),
          )],
    })],
    "evidence": [({}, {
        ev(A1, "Attack", "hit", 35, 38, SA[0], DOC_A, "0.8", "kg.events.v1"),
        ev(A1, "Attack", "striking", 276, 284, SA[2], DOC_A, "0.8", "kg.events.v1"),
        ev(A1 + "/killed", "CasualtyCount", "at least three people", 85, 106, SA[0], DOC_A, "0.9", "kg.outcomes.v1"),
        ev(A1 + "/injured", "CasualtyCount", "12", 120, 122, SA[0], DOC_A, "0.9", "kg.outcomes.v1"),
        ev(A1 + "/missing", "CasualtyCount", "Three more people", 164, 181, SA[1], DOC_A, "0.9", "kg.outcomes.v1"),
        ev(A2, "Attack", "struck", 326, 332, SA[3], DOC_A, "0.8", "kg.events.v1"),
        ev(A2 + "/killed", "CasualtyCount", "at least one person", 365, 384, SA[3], DOC_A, "0.9", "kg.outcomes.v1"),
        ev(A2 + "/injured", "CasualtyCount", "dozens", 398, 404, SA[3], DOC_A, "0.7", "kg.outcomes.v1"),
        ev(A3, "Attack", "Shelling", 407, 415, SA[4], DOC_A, "0.6", "kg.events.v1"),
        ev(A3, "Attack", "hit", 416, 419, SA[4], DOC_A, "0.6", "kg.events.v1"),
        ev(A3 + "/killed", "CasualtyCount", "no one was hurt", 487, 502, SA[4], DOC_A, "0.85", "kg.outcomes.v1"),
        ev(A3 + "/injured", "CasualtyCount", "no one was hurt", 487, 502, SA[4], DOC_A, "0.85", "kg.outcomes.v1"),
        ev(SYNIEHUBOV_ACCUSES, "Claim", "said", 158, 162, SA[0], DOC_A, "0.7", "kg.claims.v1"),
        ev(EMERGENCY_REPORT, "Claim", "said", 234, 238, SA[1], DOC_A, "0.6", "kg.claims.v1"),
        ev(MINISTRY_DENIES, "Claim", "denied", 269, 275, SA[2], DOC_A, "0.7", "kg.claims.v1"),
        ev(OFFICIALS_REPORT, "Claim", "said", 514, 518, SA[4], DOC_A, "0.6", "kg.claims.v1"),
        ev(B1, "Attack", "exploded", 25, 33, SB[0], DOC_B, "0.8", "kg.events.v1"),
        ev(B1, "Attack", "attack", 144, 150, SB[1], DOC_B, "0.8", "kg.events.v1"),
        ev(B1, "Attack", "bombing", 217, 224, SB[2], DOC_B, "0.8", "kg.events.v1"),
        ev(B1, "Attack", "bombing", 262, 269, SB[3], DOC_B, "0.8", "kg.events.v1"),
        ev(B1 + "/killed", "CasualtyCount", "eight soldiers", 79, 93, SB[0], DOC_B, "0.9", "kg.outcomes.v1"),
        ev(B1 + "/injured", "CasualtyCount", "at least 20 people", 107, 125, SB[0], DOC_B, "0.9", "kg.outcomes.v1"),
        ev(B2, "Attack", "hit", 293, 296, SB[4], DOC_B, "0.6", "kg.events.v1"),
        ev(JNIM_CLAIMS, "Claim", "claimed", 132, 139, SB[1], DOC_B, "0.85", "kg.claims.v1"),
        ev(IS_CLAIMS, "Claim", "claimed", 186, 193, SB[2], DOC_B, "0.85", "kg.claims.v1"),
        ev(ARMY_BLAMES, "Claim", "blamed", 242, 248, SB[3], DOC_B, "0.8", "kg.claims.v1"),
        ev(IS_THREATENS, "Claim", "vowed", 335, 340, SB[5], DOC_B, "0.7", "kg.claims.v1"),
        ev(C1, "Attack", "ambushed", 7, 15, SC, DOC_C, "0.7", "kg.events.v1"),
        ev(C1 + "/killed", "CasualtyCount", "two drivers", 49, 60, SC, DOC_C, "0.9", "kg.outcomes.v1"),
        ev(AGENCY_REPORT, "Claim", "said", 77, 81, SC, DOC_C, "0.6", "kg.claims.v1"),
    })],
    "strikes-with-injuries-and-claims": [({}, {
        # the ministry's denial is not listed; the shelling injured nobody, so it is left out
        (A1, "missile_strike", "Kharkiv", "2024-03-09", "12", "accusation", "Oleh Syniehubov", "Russia"),
        (A1, "missile_strike", "Kharkiv", "2024-03-09", "12", "report", "emergency services", None),
        (A2, "drone_strike", "Kharkiv", "2024-03-06", '"dozens"', None, None, None),
        (B1, "bombing", "Gao", "2024-05-17", ">= 20", "responsibility", "JNIM", None),
        (B1, "bombing", "Gao", "2024-05-17", ">= 20", "responsibility", "Islamic State", None),
        (B1, "bombing", "Gao", "2024-05-17", ">= 20", "accusation", "armed forces of Mali", "JNIM"),
    })],
    "timeline": [({}, {
        ("2024-03-04", "2024-03-09", "earlier this week", "shelling", "Vovchansk", None, A3),
        ("2024-03-06", "2024-03-06", "Wednesday", "drone_strike", "Kharkiv", None, A2),
        ("2024-03-09", "2024-03-09", "Saturday", "missile_strike", "Kharkiv", "Russia", A1),
        ("2024-05-17", "2024-05-17", "Friday", "bombing", "Gao", None, B1),
    })],
    "weapons-used": [({}, {("drone", "2"), ("missile", "1"), ("vehicle_bomb", "1")})],
    "zero-vs-unreported": [({}, {
        (A1, "missile_strike", "Kharkiv", "at least three people"),
        (A2, "drone_strike", "Kharkiv", "at least one person"),
        (A3, "shelling", "Vovchansk", "none (explicit 0)"),
        (B1, "bombing", "Gao", "eight soldiers"),
        (B2, "drone_strike", "Gao", "not reported"),
        (C1, "armed_clash", None, "two drivers"),
    })],
    # no kgo:Incident in the fixture (tests/test_consolidate.py checks incidents on extracted articles):
    # every report is an attack of its own
    "attack-count": [({}, {
        ("armed_clash", "1", "1"), ("bombing", "1", "1"), ("drone_strike", "2", "2"), ("missile_strike", "1", "1"),
        ("shelling", "1", "1"),
    })],
    "incidents": [({}, set())],
}

CASES = [(name, params, rows) for name, cases in EXPECTED.items() for params, rows in cases]


@pytest.fixture(scope="module")
def invented():
    return load_store([INVENTED])


def test_every_bundled_query_has_expected_answers():
    assert set(EXPECTED) == set(QUERIES), "give every bundled query its expected rows on invented.ttl"
    for name, info in QUERIES.items():
        assert all(set(params) == set(info.params) for params, _ in EXPECTED[name]), name
        if info.params:  # a parameterised query is also tried with a value that must match nothing
            assert any(EVIL in params.values() for params, _ in EXPECTED[name]), name


@pytest.mark.parametrize("name,params,rows", CASES,
                         ids=[f"{n}-{'-'.join(p.values()) or 'all'}" if EVIL not in p.values() else f"{n}-evil"
                              for n, p, _ in CASES])
def test_query_answer_on_invented_data(invented, name, params, rows):
    info = QUERIES[name]
    result = query_store(invented, info, params)
    assert result.columns == list(info.columns)
    assert len(result.rows) == len(result.as_set()), f"{name} repeats a row"
    assert result.as_set() == rows


def test_invented_data_conforms_to_the_shapes():
    from kg.store.validate import check_graph

    result = check_graph(Graph().parse(INVENTED))
    assert result.conforms, result.text()


# ------------------------------------------------------------------------------------------ query files


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _projection(text: str) -> list[str]:
    """The variables a SELECT projects, in order: plain ?v outside parentheses and the v of each (expr AS ?v)."""
    m = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", _body(text), re.DOTALL | re.IGNORECASE)
    assert m, "no SELECT ... WHERE"
    s, out, depth, opened, i = m.group(1), [], 0, 0, 0
    while i < len(s):
        if s[i] == "(":
            opened = i if depth == 0 else opened
            depth += 1
        elif s[i] == ")":
            depth -= 1
            if depth == 0:
                out.append(re.search(r"\bAS\s+\?(\w+)\s*$", s[opened + 1:i], re.IGNORECASE).group(1))
        elif s[i] == "?" and depth == 0:
            name = re.match(r"\?(\w+)", s[i:]).group(1)
            out.append(name)
            i += len(name)
        i += 1
    return out


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_columns_are_the_select_variables(invented, name):
    info = QUERIES[name]
    assert info.summary, name
    assert list(info.columns) == _projection(info.text)
    # and the engine agrees
    params = {p: "x" for p in info.params}
    assert query_store(invented, info, params).columns == list(info.columns)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_parameters_are_used_inside_the_where_clause_and_not_projected(name):
    info = QUERIES[name]
    where = _body(info.text)[re.search(r"\bWHERE\s*\{", _body(info.text), re.IGNORECASE).end():]
    for p in info.params:
        assert re.search(rf"\?{p}\b", where), f"{name}: parameter {p} is never used"
        assert p not in info.columns, f"{name}: parameter {p} is also a column"


@pytest.fixture(scope="module")
def ontology_terms() -> set[str]:
    g = Graph().parse(ROOT / "ontology" / "conflict.ttl")
    return {str(s)[len(KGO):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KGO)}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_kgo_term_a_query_uses_is_in_the_ontology(ontology_terms, name):
    body = _body(QUERIES[name].text)
    used = set(re.findall(r"\bkgo:([A-Za-z_][A-Za-z0-9_-]*)", body))
    used |= set(re.findall(re.escape("<" + KGO) + r"([^>]+)>", body))
    assert used, name
    assert used <= ontology_terms, f"{name} uses kgo: terms the ontology does not define: {used - ontology_terms}"


# ------------------------------------------------------------------------------------------ query logic
# tests/data/queries/logic.ttl: one invented clash two documents report (consolidated into one incident) and a
# shelling, with the claims the queries used to misread. Each test failed on the queries before they were fixed.

LOGIC = ROOT / "tests" / "data" / "queries" / "logic.ttl"
D1 = KGR + "event/dddddddddddddddd-10-17"  # clash at Menaka, "about 20" killed, "at least five" injured
D2 = KGR + "event/dddddddddddddddd-300-308"  # shelling of Menaka, two killed


@pytest.fixture(scope="module")
def logic():
    return load_store([LOGIC])


def rows_of(store, name: str, **params) -> set[tuple]:
    return query_store(store, QUERIES[name], params).as_set()


def test_a_negated_responsibility_claim_is_no_claim_of_the_injuring_attack(logic):
    claimants = {(row[5], row[6]) for row in rows_of(logic, "strikes-with-injuries-and-claims")}
    assert ("responsibility", "Islamic State") not in claimants  # "said it had not carried out the attack"
    assert claimants == {("responsibility", "JNIM"), ("responsibility", "armed forces of Mali"),
                         ("accusation", "armed forces of Mali")}


def test_a_negated_accusation_accuses_nobody(logic):
    assert rows_of(logic, "accusations") == {
        ("armed forces of Mali", "JNIM", D1, "armed_clash", "Menaka", "false", None),
        ("armed forces of Mali", "JNIM", D2, "shelling", "Menaka", "false", None),
    }  # not the governor's "Russia was not behind the shelling"


def test_claims_by_speaker_says_which_claims_are_negated(logic):
    assert rows_of(logic, "claims-by-speaker", speaker="Islamic State") == {
        ("responsibility", D1, None, "false", None, "true")}


def test_a_party_never_conflicts_with_itself_and_a_denial_answers_the_accused(logic):
    # D2: the army accuses JNIM and denies its own guns fired (one story); JNIM denies (a conflict); the governor's
    # negated accusation names no side. D1: Islamic State's negated claim is a denial, but nobody accused it.
    assert {row for row in rows_of(logic, "conflicting-claims") if row[0] == D2} == {
        (D2, "shelling", "Menaka", "accusation", "armed forces of Mali", "JNIM", "denial", "JNIM", None)}


def test_both_sides_claiming_their_part_of_a_clash_do_not_conflict(logic):
    assert {row for row in rows_of(logic, "conflicting-claims") if row[0] == D1} == set()


def test_casualties_count_each_attack_once_and_estimates_apart_from_lower_bounds(logic):
    # the clash, reported twice ("about 20" killed; "at least 18"), is one attack whose stated lower bound is 18
    # and whose estimate is 20; the shelling adds 2 killed exactly
    assert rows_of(logic, "casualties-by-place") == {("Menaka", "ML", "2", "20", "1", "5", "1", "20", "0")}


# ------------------------------------------------------------------------------------------ the bundled sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from kg.corpus import run
    from kg.store.serialize import turtle

    graph, summary = run([str(ROOT / "examples" / "dnipro-2023-05-27.txt")])
    assert summary.ok == 1
    path = tmp_path_factory.mktemp("sample") / "dnipro.ttl"
    path.write_text(turtle(graph), encoding="utf-8")
    return load_store([path])


def ask(store, name: str, **params) -> list[dict]:
    info = QUERIES[name]
    result = query_store(store, info, params)
    assert result.columns == list(info.columns)
    return result.rows


def has(rows: list[dict], **want) -> bool:
    """Some row has every wanted value (a callable is a test on the value)."""
    return any(all(w(r[k]) if callable(w) else r[k] == w for k, w in want.items()) for r in rows)


def gold_event(gid: str) -> dict:
    return next(e for e in GOLD["events"] if e["id"] == gid)


def belgorod(v):
    return v is not None and v.startswith("Belgorod")


def the_strike(store) -> str:
    """The IRI of gold event E1: the missile strike on a clinic in Dnipro on 2023-05-26."""
    e1 = gold_event("E1")
    rows = [r for r in ask(store, "events") if r["type"] == e1["type"] and r["place"] == e1["place"]
            and r["date"] == e1["date"]]
    assert len(rows) == 1, rows
    return rows[0]["event"]


SAMPLE_QUERIES = {
    "accusations", "casualties-by-place", "claims-by-speaker", "claims", "conflicting-claims", "events-at-place",
    "events-in-date-range", "events", "evidence", "strikes-with-injuries-and-claims", "timeline", "weapons-used",
    "zero-vs-unreported", "attack-count", "incidents", "argument-evidence", "events-in-area", "firm-claims",
}


def test_every_bundled_query_is_checked_on_the_sample():
    assert SAMPLE_QUERIES == set(QUERIES)
    assert {f"test_sample_{n.replace('-', '_')}" for n in QUERIES} <= set(globals())


def test_sample_events(sample):
    rows = ask(sample, "events")
    e1, e3, e5 = gold_event("E1"), gold_event("E3"), gold_event("E5")
    assert has(rows, type="missile_strike", place="Dnipro", country="UA", date="2023-05-26", attacker="Russia",
               target=e1["target"], killedMin="2", killedMax=None, injuredMin="30", injuredMax="30",
               missingMin="3", missingMax="3")
    assert has(rows, type=e3["type"], place="Krasnodar", country="RU", killedMin="0", killedMax="0",
               injuredMin="0", injuredMax="0")
    assert has(rows, type=e5["type"], place="Dnipro", dateStart=e5["date_range"][0], dateEnd=e5["date_range"][1],
               killedMin=str(e5["killed"]["min"]), killedMax=None, injuredMin=None, injuredMax=None)


def test_sample_accusations(sample):
    rows = ask(sample, "accusations")
    strike = the_strike(sample)
    for claim in (c for c in GOLD["claims"] if c["kind"] == "accusation"):
        e = gold_event(claim["about_event"])
        place = belgorod if e["place"] == "Belgorod" else e["place"]
        assert has(rows, accuser=claim["speaker"], type=e["type"], place=place), claim
    assert has(rows, accuser="Sergiy Lysak", accused="Russia", event=strike, hedged="false")


def test_sample_casualties_by_place(sample):
    rows = {r["place"]: r for r in ask(sample, "casualties-by-place")}
    dnipro = rows["Dnipro"]  # gold E1 (at least 2 killed, 30 injured), E4 (no toll), E5 (more than 45, "dozens")
    assert dnipro["country"] == "UA"
    assert int(dnipro["events"]) >= 3
    assert int(dnipro["killedAtLeast"]) >= 2 + 46 and int(dnipro["killedUnbounded"]) >= 2
    assert int(dnipro["injuredAtLeast"]) >= 30 and int(dnipro["injuredUnbounded"]) >= 1
    assert rows["Krasnodar"]["killedAtLeast"] == "0" and rows["Krasnodar"]["killedUnbounded"] == "0"


def test_sample_claims(sample):
    rows = ask(sample, "claims")
    strike = the_strike(sample)
    assert has(rows, kind="responsibility", speaker="Russian defence ministry", event=strike, accused=None)
    assert has(rows, kind="accusation", speaker="Sergiy Lysak", event=strike, accused="Russia")
    assert has(rows, kind="report", speaker="Sergiy Lysak", event=strike, hedged="true")
    assert has(rows, kind="threat", speaker="Russian defence ministry", event=None)
    assert has(rows, kind="responsibility", speaker=lambda s: s is not None and "anti-Kremlin groups" in s)


def test_sample_claims_by_speaker(sample):
    strike = the_strike(sample)
    rows = ask(sample, "claims-by-speaker", speaker="russian defence ministry")
    assert has(rows, kind="responsibility", event=strike)
    assert has(rows, kind="threat", event=None)
    assert has(ask(sample, "claims-by-speaker", speaker="Sergiy Lysak"), kind="accusation", event=strike,
               accused="Russia")
    assert ask(sample, "claims-by-speaker", speaker=EVIL) == []


def test_sample_conflicting_claims(sample):
    # the gold's claims agree: Russia is accused of the Dnipro strike and Russia's ministry claims its strikes;
    # Ukraine and its military are blamed for the Belgorod shelling
    rows = ask(sample, "conflicting-claims")
    assert not has(rows, event=the_strike(sample))
    assert not has(rows, type="shelling", place=belgorod)


def test_sample_events_at_place(sample):
    dnipro = {("missile_strike", "2023-05-26", "2023-05-26"),  # E1
              ("missile_strike", "2023-05-22", "2023-05-26"),  # E4
              ("strike", "2023-01-01", "2023-01-31")}  # E5
    for place in ("Ukraine", "UA", "Dnipro"):
        rows = ask(sample, "events-at-place", place=place)
        assert dnipro <= {(r["type"], r["first"], r["last"]) for r in rows if r["location"] == "Dnipro"}, place
        assert all(r["country"] == "UA" for r in rows), place
    russia = ask(sample, "events-at-place", place="Russia")
    assert has(russia, type="drone_strike", location="Krasnodar", country="RU")
    assert has(russia, type="shelling", location=belgorod)
    assert not has(russia, location="Dnipro")
    assert ask(sample, "events-at-place", place=EVIL) == []


def test_sample_events_in_date_range(sample):
    rows = ask(sample, "events-in-date-range", **{"from": "2023-05-26", "to": "2023-05-26"})
    assert has(rows, event=the_strike(sample), type="missile_strike", place="Dnipro", first="2023-05-26",
               last="2023-05-26")
    assert has(rows, type="missile_strike", place="Dnipro", first="2023-05-22", last="2023-05-26")  # E4
    assert not has(rows, first="2023-01-01")  # E5 was in January
    assert has(ask(sample, "events-in-date-range", **{"from": "2023-01-15", "to": "2023-01-15"}),
               type="strike", place="Dnipro")


def test_sample_evidence(sample):
    rows = ask(sample, "evidence")
    strike = the_strike(sample)
    e1 = gold_event("E1")

    def on_sentence(text):  # the gold's evidence leaves out the dateline, so it lies within the sentence
        return lambda s: s is not None and text in s

    assert has(rows, statement=strike, kind="Attack", sentence=on_sentence(e1["evidence"]))
    assert has(rows, statement=strike + "/injured", kind="CasualtyCount", words="30 people injured")
    assert has(rows, statement=strike + "/killed", kind="CasualtyCount", words=lambda w: "at least two" in w)
    for claim in GOLD["claims"]:
        assert has(rows, kind="Claim", sentence=on_sentence(claim["evidence"])), claim


def test_sample_events_in_area(sample):
    rows = ask(sample, "events-in-area", west="34.9", south="48.3", east="35.2", north="48.6")  # around Dnipro
    assert has(rows, event=the_strike(sample), place="Dnipro")
    assert all(r["place"] == "Dnipro" for r in rows)
    assert ask(sample, "events-in-area", west="0", south="0", east="1", north="1") == []


def test_sample_firm_claims(sample):
    rows = ask(sample, "firm-claims", minConfidence="0")
    every = ask(sample, "claims")
    firm = {r["claim"] for r in every if r["hedged"] == "false" and (r["negated"] == "false" or r["kind"] == "denial")}
    assert {r["claim"] for r in rows} == firm and firm
    assert all(float(r["confidence"]) >= 0.8 for r in ask(sample, "firm-claims", minConfidence="0.8"))


def test_sample_argument_evidence(sample):
    """Every attacker, target, place, time and casualty statement of the sample has the exact words that support
    it: a span of the article text that is a mention of the value (for an actor, a facility or a place), the time's
    own words, or the count's own words."""
    text = next(iter(sample.query('SELECT ?t WHERE { ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/'
                                  'nif-core#isString> ?t }')))[0].value
    rows = ask(sample, "argument-evidence")
    statements = {(r[0].value, r[1].value, r[2].value) for r in sample.query(
        f"""PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> PREFIX kgo: <{KGO}>
        SELECT ?e ?role ?v WHERE {{
          VALUES (?p ?role) {{ (kgo:attacker "attacker") (kgo:target "target") (sem:hasPlace "place")
                              (sem:hasTime "time") (kgo:killed "killed") (kgo:injured "injured") (kgo:missing "missing") }}
          ?e a kgo:Attack ; ?p ?v }}""")}
    assert len(statements) >= 25  # six attacks with most of their arguments
    supported = {(r["event"], r["role"], r["value"]) for r in rows}
    assert statements == supported, statements ^ supported
    mentions = {(m[0].value, m[1].value) for m in sample.query(
        "SELECT ?span ?x WHERE { ?span <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?x }")}
    for r in rows:
        begin, end = int(r["begin"]), int(r["end"])
        assert text[begin:end] == r["words"], r  # exact offsets into the article
        assert r["words"] in r["sentence"]
        if r["role"] in ("attacker", "target", "place"):
            span = f"{doc_of(r['event'])}#char={begin},{end}"
            assert (span, r["value"]) in mentions, r  # the words are a mention of that very actor, facility or place
        else:
            assert r["words"] == r["label"], r  # the time's or the count's own words
    strike = the_strike(sample)
    assert has(rows, event=strike, role="place", words="Dnipro")
    assert has(rows, event=strike, role="time", words="Friday")
    assert has(rows, event=strike, role="killed", words="at least two people")


def doc_of(event: str) -> str:
    """The IRI of the document an event IRI belongs to (``.../event/<doc key>-<start>-<end>``)."""
    key = event.rsplit("/", 1)[1].split("-", 1)[0]
    return f"{KGR}doc/{key}"


def test_a_place_is_found_by_the_spelling_the_article_used(run_text):
    # invented text; the gazetteer names these cities Odesa and Kharkiv
    text = ("Russian drones struck the port of Odessa on Monday, killing two people. On Tuesday, shelling hit "
            "Kharkov, wounding five.")
    _, graph = run_text(text, date(2024, 3, 14))
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    for spelling, label in (("Odessa", "Odesa"), ("odessa", "Odesa"), ("Kharkov", "Kharkiv")):
        rows = ask(store, "events-at-place", place=spelling)
        assert {r["location"] for r in rows} == {label}, spelling
    assert ask(store, "events-at-place", place="Odes") == []


def test_sample_claim_quotes_have_their_offsets(sample):
    """A claim's quote is one of the spans that tell the claim, with exact offsets, not only a kgo:quote string."""
    quotes = {r[0].value: r[1].value for r in sample.query(f"SELECT ?c ?q WHERE {{ ?c <{KGO}quote> ?q }}")}
    assert len(quotes) >= 5
    rows = ask(sample, "evidence")
    for claim, quote in quotes.items():
        assert has(rows, statement=claim, kind="Claim", words=quote), quote


def test_sample_roles_of_shared_people_have_a_source(sample):
    """A person's role sits on a node other articles share: the document that gave it keeps a record of it, with
    the words that say it."""
    rows = list(sample.query(f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX gaf: <http://groundedannotationframework.org/gaf#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?person ?role ?words WHERE {{
          ?person <{KGO}role> ?role .
          OPTIONAL {{ ?r a <{KGO}Assertion> ; rdf:subject ?person ; rdf:predicate <{KGO}role> ; rdf:object ?role ;
                       gaf:denotedBy/nif:anchorOf ?words }} }}"""))
    assert len(rows) >= 3
    for person, role, words in rows:
        assert words is not None and " ".join(words.value.split()) == role.value, (person, role)


def test_sample_strikes_with_injuries_and_claims(sample):
    rows = ask(sample, "strikes-with-injuries-and-claims")
    strike = the_strike(sample)
    assert has(rows, event=strike, place="Dnipro", date="2023-05-26", injured="30", claimKind="responsibility",
               claimant="Russian defence ministry", accused=None)
    assert has(rows, event=strike, injured="30", claimKind="accusation", claimant="Sergiy Lysak", accused="Russia")
    assert has(rows, type="strike", place="Dnipro", injured='"dozens"')  # E5: "injured dozens more"
    assert not has(rows, place="Krasnodar")  # "no casualties": nobody was injured


def test_sample_timeline(sample):
    rows = ask(sample, "timeline")
    assert has(rows, first="2023-05-26", last="2023-05-26", timeText="Friday", type="missile_strike", place="Dnipro",
               attacker="Russia", event=the_strike(sample))
    assert has(rows, first="2023-05-22", last="2023-05-26", type="missile_strike", place="Dnipro")  # E4
    assert has(rows, first="2023-01-01", last="2023-01-31", timeText="January", type="strike", place="Dnipro")
    firsts = [r["first"] for r in rows]
    assert firsts == sorted(firsts)


def test_sample_weapons_used(sample):
    # the gold has two missile strikes (E1, E4) and a drone strike (E3)
    counts = {r["weapon"]: int(r["attacks"]) for r in ask(sample, "weapons-used")}
    assert counts.get("missile", 0) >= 2 and counts.get("drone", 0) >= 1


def test_sample_zero_vs_unreported(sample):
    rows = ask(sample, "zero-vs-unreported")
    assert has(rows, type="drone_strike", place="Krasnodar", killed="none (explicit 0)")  # E3
    assert has(rows, type="shelling", place=belgorod, killed="none (explicit 0)")  # E2
    assert has(rows, event=the_strike(sample), killed=lambda k: k.startswith("at least two"))  # E1
    assert has(rows, type="missile_strike", place="Dnipro", killed="not reported")  # E4


def test_sample_attack_count(sample):
    # one article: nothing to consolidate, so every report counts as an attack, and the counts per type are the
    # events query's
    rows = ask(sample, "attack-count")
    per_type: dict[str, int] = {}
    for e in ask(sample, "events"):
        per_type[e["type"]] = per_type.get(e["type"], 0) + 1
    assert {r["type"]: (int(r["attacks"]), int(r["reports"])) for r in rows} == {t: (n, n) for t, n in per_type.items()}
    assert sum(per_type.values()) == len(GOLD["events"])


def test_sample_incidents(sample):
    assert ask(sample, "incidents") == []  # one article cannot report an attack twice
