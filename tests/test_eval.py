"""kg eval: the scorer's matching rules, and floors on the sample and the development set.

The floors sit a little below what the extractor reached when they were set, so a regression fails CI.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import Scores, dates_agree, match_events, names_match, norm_place, places_match, score_document

DATA = Path(__file__).parent / "data"


def test_names_match_loosely_but_not_across_states():
    assert names_match("Russian forces", "Russia")
    assert names_match("Gladkov", "Vyacheslav Gladkov")
    assert names_match("Kyiv", "Ukraine")
    assert not names_match("Russian defence ministry", "Ukrainian defence ministry")
    assert not names_match("Hamas", "Israel")


def test_names_match_an_armed_group_by_its_usual_aliases():
    # SCHEMA.md: names match loosely, with the usual aliases: those kg itself keys a group by (GROUP_NAMES)
    assert names_match("ISIS", "Islamic State")
    assert names_match("Daesh", "Islamic State")
    assert names_match("the Houthi movement", "Houthis")
    assert names_match("National Liberation Army (ELN)", "ELN")
    assert not names_match("Hamas", "Hezbollah")
    # a group whose name ends in another's is known by its own aliases ("Tehreek-i-Taliban" is not the Taliban)
    assert names_match("Tehreek-i-Taliban Pakistan (TTP)", "TTP")
    assert names_match("Human Rights Watch", "HRW")  # an organisation's other name, as kg keys it
    assert names_match("Denys Monastyrskyi", "Denys Monastyrsky")  # a transliteration kg takes for one person
    assert not names_match("Amnesty International", "Human Rights Watch")


def test_places_normalise_regions_and_spellings():
    assert places_match("Belgorod region", "RU", "Belgorod", "RU")
    assert places_match("Belgorod", "RU", "Belgorodskaya oblast'", "RU")  # the region's ISO 3166-2 name, kg's label
    assert norm_place("Belgorod region", "RU") == norm_place("Belgorodskaya oblast'", "RU") == "iso-RU-BEL"
    assert not places_match("Kursk", "RU", "Belgorodskaya oblast'", "RU")
    assert norm_place("Dnepropetrovsk", "UA") == norm_place("Dnipro", "UA")
    # a unit word is no part of the name, wherever it stands after the first word; the first word stays
    assert places_match("Kaptai Village", "BD", "Kaptai", None) and places_match("Kaptai upazila", "BD", "Kaptai", "BD")
    assert not places_match("Kaptai", "BD", "Rangamati", "BD")
    assert norm_place("Town of Kaptai") != norm_place("Kaptai")
    # no place named below the country: a gold place left empty is the country kg places the attack at
    assert places_match(None, "SY", "Syria", "SY") and places_match("Syria", "SY", None, "SY")
    assert not places_match(None, "SY", "Iraq", "IQ") and not places_match(None, "SY", "Aleppo", "SY")


def test_dates_overlap_where_both_are_known():
    assert dates_agree({"date": "2023-05-26"}, {"date": None, "dateStart": "2023-05-22", "dateEnd": "2023-05-27"})
    assert not dates_agree({"date": "2023-05-26"}, {"date": "2023-05-20"})
    assert dates_agree({"date": None, "date_range": None}, {"date": "2023-05-20"})


def test_matching_is_one_to_one_and_prefers_the_same_type():
    gold = [{"id": "E1", "type": "missile_strike", "place": "Dnipro", "country": "UA", "date": "2023-05-26"}]
    pred = [
        {"event": "a", "type": "strike", "place": "Dnipro", "country": "UA", "date": "2023-05-26"},
        {"event": "b", "type": "missile_strike", "place": "Dnipro", "country": "UA", "date": "2023-05-26"},
    ]
    assert match_events(gold, pred) == {"E1": 1}
    s = score_document("d", {"events": gold, "claims": []}, pred, [])
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 1, 0)


def test_claims_need_kind_speaker_and_event():
    gold = {"events": [{"id": "E1", "type": "shelling", "place": "Kherson", "country": "UA", "date": None}],
            "claims": [{"kind": "accusation", "speaker": "Ukrainian officials", "about_event": "E1", "accused": "Russia"}]}
    events = [{"event": "e", "type": "shelling", "place": "Kherson", "country": "UA", "date": None}]
    ok = [{"claim": "c", "kind": "accusation", "speaker": "officials of Ukraine", "event": "e"}]
    wrong_kind = [{"claim": "c", "kind": "report", "speaker": "Ukrainian officials", "event": "e"}]
    assert score_document("d", gold, events, ok).claims.tp == 1
    assert score_document("d", gold, events, wrong_kind).claims.tp == 0


def test_a_missed_event_names_the_nearest_extracted_one_and_what_differs():
    gold = {"events": [{"id": "E1", "type": "shelling", "place": "Horlivka", "country": "UA", "date": "2024-05-04"},
                       {"id": "E2", "type": "air_strike", "place": "Kupiansk", "country": "UA", "date": None},
                       {"id": "E3", "type": "bombing", "place": "Kramatorsk", "country": "UA", "date": None}],
            "claims": []}
    pred = [{"event": "a", "type": "shelling", "place": "Donetsk region", "country": "UA", "date": "2024-05-04"},
            {"event": "b", "type": "drone_strike", "place": "Kupiansk", "country": "UA", "date": "2024-05-01"}]
    s = score_document("d", gold, pred, [])
    by_id = {m["gold"]["id"]: m for m in s.misses}
    assert by_id["E1"]["nearest"]["event"] == "a" and by_id["E1"]["differs"] == ["place"]
    assert by_id["E2"]["nearest"]["event"] == "b" and by_id["E2"]["differs"] == ["type"]  # no gold day: any agrees
    assert by_id["E3"]["nearest"]["event"] == "a" and by_id["E3"]["differs"] == ["type", "place"]
    # a corpus counts them, commonest first; with nothing extracted, that is the reason
    empty = score_document("e", {"events": gold["events"][:1], "claims": []}, [], [])
    scores = Scores([s, empty])
    assert scores.missed_events() == {"place": 1, "nothing extracted": 1, "type": 1, "type+place": 1}
    line = "missed events, by what differs from the nearest extracted one: nothing extracted 1, place 1"
    assert line in scores.table()


def test_events_are_also_scored_whatever_their_attack_type():
    gold = {"events": [{"id": "E1", "type": "shelling", "place": "Horlivka", "country": "UA", "date": "2024-05-04"},
                       {"id": "E2", "type": "air_strike", "place": "Kupiansk", "country": "UA", "date": None}],
            "claims": []}
    pred = [{"event": "a", "type": "drone_strike", "place": "Horlivka", "country": "UA", "date": "2024-05-04"},
            {"event": "b", "type": "strike", "place": "Kupiansk", "country": "UA", "date": None},
            {"event": "c", "type": "shelling", "place": "Izium", "country": "UA", "date": None}]
    s = score_document("d", gold, pred, [])
    assert (s.events.tp, s.events.fp, s.events.fn) == (1, 2, 1)  # the drone strike is no shelling
    assert (s.events_any_type.tp, s.events_any_type.fp, s.events_any_type.fn) == (2, 1, 0)
    scores = Scores([s])
    assert scores.as_dict()["events_any_type"]["tp"] == 2
    assert "events, any attack type  P=0.667 R=1.000 F1=0.800" in scores.table()


def test_a_matched_event_whose_arguments_differ_is_listed_with_them():
    gold = {"events": [{"id": "E1", "type": "shelling", "place": "Horlivka", "country": "UA", "date": "2024-05-04",
                        "attacker": "Russian forces", "killed": {"min": 3, "max": 3}},
                       {"id": "E2", "type": "air_strike", "place": "Kupiansk", "country": "UA", "date": None,
                        "attacker": None, "killed": None}],
            "claims": []}
    pred = [{"event": "a", "type": "shelling", "place": "Horlivka", "country": "UA", "date": "2024-05-04",
             "attacker": "Ukraine", "killedMin": "3"},
            {"event": "b", "type": "air_strike", "place": "Kupiansk", "country": "UA", "date": None}]
    s = score_document("d", gold, pred, [])
    assert s.events.tp == 2
    (wrong,) = s.wrong
    assert wrong["gold"]["id"] == "E1" and wrong["pred"]["event"] == "a" and wrong["differs"] == ["attacker"]
    report = Scores([s]).as_dict()["documents"][0]
    assert report["wrong"] == s.wrong


def test_a_missed_claim_says_why():
    gold = {"events": [{"id": "E1", "type": "shelling", "place": "Kherson", "country": "UA", "date": None},
                       {"id": "E2", "type": "air_strike", "place": "Sumy", "country": "UA", "date": None}],
            "claims": [{"kind": "accusation", "speaker": "Ukrainian officials", "about_event": "E1",
                        "accused": "Russia"},
                       {"kind": "report", "speaker": "the governor", "about_event": "E1", "accused": None},
                       {"kind": "denial", "speaker": "Russian defence ministry", "about_event": "E1", "accused": None},
                       {"kind": "report", "speaker": "police", "about_event": "E2", "accused": None}]}
    events = [{"event": "e", "type": "shelling", "place": "Kherson", "country": "UA", "date": None},
              {"event": "f", "type": "shelling", "place": "Mykolaiv", "country": "UA", "date": None}]
    claims = [{"claim": "c1", "kind": "report", "speaker": "Ukrainian officials", "event": "e"},
              {"claim": "c2", "kind": "denial", "speaker": "Russian defence ministry", "event": "f"}]
    s = score_document("d", gold, events, claims)
    why = {m["gold"]["speaker"]: m["why"] for m in s.misses if m["what"] == "claim"}
    assert why == {"Ukrainian officials": "its speaker, another kind", "the governor": "no claim by its speaker",
                   "Russian defence ministry": "its kind and speaker, another event", "police": "its event was missed"}
    assert Scores([s]).missed_claims()["its event was missed"] == 1


@pytest.fixture(scope="module")
def runner(nlp):
    return CliRunner()


def _eval(runner, folder: Path, tmp_path: Path) -> dict:
    report = tmp_path / f"{folder.name}.json"
    res = runner.invoke(main, ["eval", str(folder), str(folder), "--report", str(report)])
    assert res.exit_code == 0, res.output
    assert "events  P=" in res.stdout
    return json.loads(report.read_text())


def test_sample_floor(runner, tmp_path):
    r = _eval(runner, DATA / "sample", tmp_path)
    assert r["events"]["tp"] == 6 and r["events"]["fp"] == 0  # all six gold events, no false event
    assert r["claims"]["tp"] >= 8  # at least 8 of the 9 gold claims
    assert all(m["evidence"] for d in r["documents"] for m in d["misses"] + d["false_alarms"])


# (set, at least this many articles, events F1 floor, claims F1 floor); what each set is and what was measured:
FLOORS = [
    # dev: 27 articles the rules were developed on. Measured 0.881 / 0.762 (session 1), 0.904 / 0.794 after the
    # second round of rules; 0.910 / 0.827 after the claims round (threats of force, self-reference, tolls).
    ("dev", 20, 0.88, 0.80),
    # dev2: 15 claim-heavy articles written after the rules were tuned on dev. Before any tuning on it
    # 0.800 / 0.642; tuned on since: 0.926 / 0.814; 0.926 / 0.831 after the dev4 round; 0.946 / 0.866 after
    # the claims round; 0.946 / 0.814 in session 11, when an explosion stopped saying "bombing" (real news tells
    # shells, missiles and drones exploding): this set's market blast now joins a mortar attack told for the same
    # place and day, and three of its claims go with it.
    ("dev2", 15, 0.90, 0.80),
    # dev3: 15 claim-heavy articles by someone who never saw the extractor. Before any tuning on it
    # 0.633 / 0.586; tuned on since: 0.935 / 0.888.
    ("dev3", 15, 0.92, 0.87),
    # dev4: 15 articles in styles the earlier batches lacked (quote first and speaker after, late speakers,
    # denials by negation, claims about two events), written after the second round of rules. Before any tuning
    # on it 0.712 / 0.407; tuned on since (third round: plural anaphors, denials by negation, late speakers, dates
    # from the main clause):
    # 0.778 / 0.541; 0.812 / 0.561 after the dev5 round (interceptions, histories, anaphoric mentions);
    # 0.812 / 0.659 after the claims round (future acts of force as threats, acronyms as names, orphan speakers,
    # own forces up the clause chain, cumulative tolls and reactions are not reports).
    ("dev4", 15, 0.78, 0.63),
    # dev5: 15 articles written blind on new places, two of them near-misses with an empty gold. Before any tuning
    # on it 0.543 / 0.415; after the dev5 round (background and habitual attacks, interceptions, denied gerunds,
    # vehicle bombs, landmarks, anaphoric "the attackers" / "Friday's bombing"): 0.865 / 0.624; 0.865 / 0.691
    # after the claims round; 0.811 / 0.681 in session 7, when rules learned from real news made "the X area"
    # a place: this set's gold gives "three strikes on the Kahlan area east of the northern city of Saada" the
    # city, where SCHEMA.md (and the real-text gold) asks for the most specific named place.
    ("dev5", 15, 0.80, 0.66),
    # dev6: 12 claim-heavy articles written blind after the dev5 round, not tuned on (like the held-out set it
    # measures generalisation). Before the claims round 0.585 / 0.380; after it 0.585 / 0.398. Since kg 0.4.0 the
    # place ranker trains on it (tools/train.py uses dev…dev6): 0.597 / 0.418.
    ("dev6", 12, 0.55, 0.36),
    # heldout: never used to tune the rules; it measures generalisation. This floor only guards against
    # regressions; do not tune the extractor to raise it. Measured 0.806 / 0.500 (session 1), 0.836 / 0.536 after
    # the second round of rules, 0.836 / 0.536 after the third (dev4), 0.853 / 0.518 after the fourth (dev5),
    # 0.853 / 0.544 after the claims round, 0.853 / 0.526 with kg 0.4.0's place ranker (never trained on it).
    ("heldout", 12, 0.80, 0.50),
]


@pytest.mark.parametrize("name,articles,events_f1,claims_f1", FLOORS, ids=[f[0] for f in FLOORS])
def test_floor(runner, tmp_path, name, articles, events_f1, claims_f1):
    r = _eval(runner, DATA / name, tmp_path)
    assert len(r["documents"]) >= articles
    assert r["events"]["f1"] >= events_f1, r["events"]
    assert r["claims"]["f1"] >= claims_f1, r["claims"]


def test_eval_usage_errors(runner, tmp_path):
    res = runner.invoke(main, ["eval", str(tmp_path), str(tmp_path)])
    assert res.exit_code == 2 and "no gold files" in res.stderr
