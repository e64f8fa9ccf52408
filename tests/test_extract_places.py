"""The place of an attack is the most specific named place any account of it gives (SCHEMA.md), and one attack
told by a headline, a lead and a later retelling is one event. Articles written for these tests."""

from datetime import date

import pytest
from conftest import CLAIMS, EVENTS, select


def test_a_village_named_before_a_known_city_is_the_place(run_text):
    text = ("Militants attacked an army post at Dhuurow Gaab village, near Kismayo, on Sunday, killing "
            "four soldiers, officials said.")
    _, g = run_text(text, date(2024, 5, 14))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Dhuurow Gaab"  # not Kismayo, which only locates the village; "village" is no part of the name


def test_a_district_beats_the_province_that_owns_it(run_text):
    text = ("Gunmen ambushed a police convoy on a highway in Balochistan's Kalmarri district on Sunday, killing "
            "three officers, police said.")
    _, g = run_text(text, date(2025, 3, 18))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Kalmarri"


def test_an_unknown_township_is_named_without_the_word_township(run_text):
    text = "Junta jets bombed a school in Lwetaung Township on Thursday, killing two teachers, residents said."
    _, g = run_text(text, date(2023, 5, 27))
    (ev,) = select(g, EVENTS)
    assert ev["type"] == "air_strike" and ev["place"] == "Lwetaung"


def test_a_headline_and_its_lead_are_one_attack_at_the_lead_s_place(run_text):
    text = ("Rebels storm checkpoint in Afghanistan, kill nine police\n\n"
            "Rebels stormed a checkpoint in northern Kunduz province on Monday, killing nine policemen, "
            "a provincial official said.")
    _, g = run_text(text, date(2019, 10, 22))
    events = select(g, EVENTS)
    assert len(events) == 1
    assert events[0]["place"].startswith("Kunduz") and events[0]["date"] == "2019-10-21"


def test_a_headline_about_another_country_stays_its_own_event(run_text):
    text = ("Drone strike kills two in Syria\n\n"
            "A drone struck a car in Kharkiv on Monday, killing a driver, the governor said.")
    _, g = run_text(text, date(2024, 6, 4))
    # coreference keeps the two apart, and the place ranker moves neither across a border
    places = sorted(e["place"] for e in select(g, EVENTS))
    assert places == ["Kharkiv", "Syria"]


def test_a_retelling_with_no_place_joins_the_placed_attack_and_takes_its_claims(run_text):
    text = ("Troops raided a rebel camp near Qaltoum village on Saturday, killing six fighters, the army said. "
            "The soldiers attacked the rebels while they were cooking, a villager said.")
    _, g = run_text(text, date(2023, 6, 19))
    events = select(g, EVENTS)
    assert len(events) == 1 and events[0]["place"] == "Qaltoum"
    claims = select(g, CLAIMS)
    assert claims and {c["event"] for c in claims} == {events[0]["e"]}


def test_an_attack_on_coordinated_towns_is_an_attack_at_each(run_text):
    text = "Gunmen attacked the villages of Talkora and Mbessi on Monday, killing eleven people, officials said."
    _, g = run_text(text, date(2022, 2, 3))
    events = select(g, EVENTS)
    assert sorted(e["place"] for e in events) == ["Mbessi", "Talkora"]
    assert {e["date"] for e in events} == {"2022-01-31"}


def test_a_town_and_its_province_are_not_two_attacks(run_text):
    text = "Jets bombed the town of Talkora in Kunduz province on Monday, killing four people, officials said."
    _, g = run_text(text, date(2022, 2, 3))
    assert [e["place"] for e in select(g, EVENTS)] == ["Talkora"]


def test_a_region_whose_name_holds_and_is_one_place_that_locates_the_next(run_text):
    # "Jammu and Kashmir" is one region (ISO 3166-2 IN-JK), not two coordinated places each with an attack; its
    # place is the place, in the region's country even though the sentence names the attacker's first
    text = ("Pakistani troops shelled forward posts in Jammu and Kashmir's Poonch on Friday, "
            "wounding two soldiers, an army spokesman said.")
    _, g = run_text(text, date(2024, 2, 3))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Poonch" and ev["cc"] == "IN"


def test_a_country_named_with_its_article_is_the_country(run_text):
    text = ("Rebels attacked an army base in the Democratic Republic of Congo on Monday, killing four soldiers, "
            "the army said.")
    _, g = run_text(text, date(2024, 2, 7))
    (ev,) = select(g, EVENTS)
    assert ev["cc"] == "CD" and "name-the-democratic" not in str(g.serialize(format="nt"))


def test_a_named_area_is_the_place_not_the_province_around_it(run_text):
    text = ("A Turkish drone struck a car in the Kani Rash area of Erbil province on Friday, killing two people, "
            "local officials said.")
    _, g = run_text(text, date(2024, 3, 16))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Kani Rash"  # "area" is no part of the name


def test_a_place_located_only_by_the_story_s_country_carries_it_in_its_iri(run_text):
    # the village is named with no state near it; the story is about Benin: its node is Tassira-in-Benin, so
    # that another story's Tassira, in another state, is another node (not one node with two country codes)
    text = ("Gunmen killed four herders in the village of Tassira on Sunday. Benin's army said the attackers "
            "crossed from across the border. Benin has lost dozens of soldiers this year.")
    _, g = run_text(text, date(2025, 2, 11))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Tassira" and ev["cc"] == "BJ"
    nt = g.serialize(format="nt")
    assert "place/name-tassira-BJ>" in nt and "place/name-tassira>" not in nt


@pytest.mark.parametrize("text, place", [  # labelled with ISO 3166-2's name of the province
    ("Militants attacked an army base in Kunduz province, killing six soldiers.", "Kunduz"),
    ("Insurgents overran a checkpoint in Paktia province, killing five police officers.", "Paktiya"),
])
def test_a_province_named_with_its_word_is_the_region_not_its_city(run_text, text, place):
    _, g = run_text(text, date(2019, 10, 22))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == place and ev["cc"] == "AF"  # the province, not the city of Kunduz, and linked


def test_an_address_of_district_zone_and_region_is_one_place_not_a_list(run_text):
    text = ("A drone strike in Tarbo district, Kanto Zone, Amhara region, on Thursday killed four people, including "
            "three children.")
    x, g = run_text(text, date(2025, 2, 15))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Tarbo" and x.events[0].counts["killed"].min == 4
    # a list with "and" still tells an attack at each
    _, g = run_text("Russian missiles hit the cities of Sumy, Kharkiv and Poltava on Friday.", date(2024, 5, 8))
    assert sorted(e["place"] for e in select(g, EVENTS)) == ["Kharkiv", "Poltava", "Sumy"]


@pytest.mark.parametrize("text, places", [
    # the parse coordinates the nouns, not the names: the words between the names make the list
    ("Warplanes carried out strikes on the town of Talkora and the villages of Mbessi and Kanto-Beru on Monday.",
     ["Kanto-Beru", "Mbessi", "Talkora"]),
    # names the small model takes for persons or for nothing, in a list after a place noun, are places
    ("Settlers attacked the villages of Ras Kanto, Beit Talkora, and Mbessi, in addition to Sheikh Dawra and "
     "Qaryat Ulma, on Sunday.", ["Beit Talkora", "Mbessi", "Qaryat Ulma", "Ras Kanto", "Sheikh Dawra"]),
    # a region's name before the list only locates its towns
    ("The eastern Donetsk regional towns of Talkora, Mbessi and Kanto were shelled on Monday.",
     ["Kanto", "Mbessi", "Talkora"]),
])
def test_a_list_of_places_tells_an_attack_at_each(run_text, text, places):
    _, g = run_text(text, date(2024, 5, 8))
    events = select(g, EVENTS)
    assert sorted(e["place"] for e in events) == places
    assert {e["date"] for e in events} <= {"2024-05-06", "2024-05-05"}


@pytest.mark.parametrize("text, place", [
    # commas alone, or "in" after a comma, make an address, not a list
    ("On Friday, a rocket struck a house in the town of Talkora, in Mbessi district, killing two people.", "Talkora"),
    ("Gunmen attacked a police station in the town of Talkora, also in Mbessi, on Friday.", "Talkora"),
])
def test_a_town_and_the_district_after_a_comma_are_one_attack(run_text, text, place):
    _, g = run_text(text, date(2024, 5, 8))
    assert [e["place"] for e in select(g, EVENTS)] == [place]


def test_a_name_after_a_place_and_a_comma_is_no_place_without_an_and(nlp):
    doc = nlp("Speaking in Kyiv, Zelensky said the attack on Odesa killed four people.")
    assert {e.text: e.label_ for e in doc.ents}.get("Zelensky") == "PERSON"
    doc = nlp("Gunmen raided the villages of Talkora, Mbessi and Sheikh Dawra on Monday.")
    assert {e.text for e in doc.ents if e.label_ == "GPE"} >= {"Talkora", "Mbessi", "Sheikh Dawra"}


@pytest.mark.parametrize("text, places", [
    ("An airstrike hit a house in the Tarbo area near Damascus on Monday.", ["Tarbo"]),
    ("The rebels attacked the villages of Tarbo and Kanto in Rutshuru on Monday.", ["Kanto", "Tarbo"]),
    # a district located by a town keeps the town, the finer place
    ("A bomb struck a convoy in Kech district, near the city of Turbat, on Monday.", ["Turbat"]),
])
def test_a_place_the_next_words_put_in_or_near_another_is_the_finer_one(run_text, text, places):
    _, g = run_text(text, date(2024, 5, 8))
    assert sorted(e["place"] for e in select(g, EVENTS)) == places


def test_a_region_and_the_town_the_article_puts_in_it_are_one_attack(run_text):
    text = ("Ukrainian drones attacked the Rostov region overnight, the governor said. A drone hit the oil refinery "
            "of Novoshakhtinsk in the Rostov region, starting a fire.")
    _, g = run_text(text, date(2024, 5, 8))
    assert [(e["place"], e["date"]) for e in select(g, EVENTS)] == [("Novoshakhtinsk", "2024-05-07")]


def test_an_unknown_village_takes_no_state_from_a_small_namesake_or_the_bush(run_text):
    # "Fano" is an Amhara militia and a small Italian town; "the bush" is tagged a place and is a town in Egypt:
    # neither says which state the unknown village is in, so it has none (not Italy, not Egypt)
    text = ("Fano militiamen attacked a police post in Jibgodo village on Tuesday, killing four officers, "
            "before the attackers fled into the bush, residents said.")
    _, g = run_text(text, date(2025, 2, 14))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Jibgodo" and ev.get("country") is None


def test_a_place_named_with_the_article_is_the_same_node_as_without_it(run_text):
    text = ("Israeli airstrikes hit the Beit Hanoun area in the northern Gaza Strip on Sunday, killing three "
            "people, Palestinian medics said. Later strikes on Beit Hanoun wounded five more.")
    x, g = run_text(text, date(2024, 12, 16))
    keys = sorted(x.places)
    assert "geonames-281146" in keys  # Bayt Ḩānūn (GeoNames' name), found by the article's spelling
    assert not any(k.startswith("name-the-") for k in keys)
    strip = next(p for p in x.places.values() if p.label == "Gaza Strip")
    assert strip.kind == "region" and strip.country == "PS"  # a place of its own, not the state it belongs to


def test_a_region_named_alone_is_linked_in_a_state_the_story_names_and_a_sea_is_no_region(run_text):
    text = ("Gunmen attacked a police post near Djugu in Ituri, Congo, on Monday, killing two "
            "officers. Houthi forces attacked a cargo ship in the Red Sea off Yemen on Tuesday, the navy said.")
    x, _ = run_text(text, date(2024, 6, 12))
    labels = {p.label: k for k, p in x.places.items()}
    assert labels["Ituri"].startswith("iso-CD-")  # a first-level region of Congo, by its name alone
    assert not labels["Red Sea"].startswith("iso-")  # the sea, not Sudan's Red Sea state: the story names no Sudan


def test_a_village_word_inside_the_name_span_still_makes_it_a_settlement(run_text):
    text = ("Insurgents detonated a bomb at an abandoned temple in Chulabhorn village, Rangae district, on "
            "Thursday, wounding five rangers, police said.")
    x, _ = run_text(text, date(2025, 1, 24))
    (place,) = [p for p in x.places.values() if p.label == "Chulabhorn"]
    assert place.kind == "city"


def test_an_armed_group_tagged_as_a_facility_is_no_place(run_text):
    text = ("Boko Haram fighters abducted 42 women near Mafa in Borno state on Monday. The patrol came under heavy "
            "firing on the same day from the Boko Haram ambushers at Kolkol Junction.")
    x, _ = run_text(text, date(2024, 6, 12))
    assert not any("boko" in k for k in x.places)


def test_a_state_naming_the_striker_or_a_backer_is_not_the_place(run_text):
    for text in ("Israel strike kills three, state media says.",
                 "The Iran-backed movement fired rockets on Tuesday, killing two people."):
        _, g = run_text(text, date(2023, 12, 28))
        assert [e["place"] for e in select(g, EVENTS)] == [None], text  # not Israel, not Iran



def test_the_state_that_acted_does_not_say_where_an_unknown_village_is(run_text):
    text = "Israel said its forces struck the village of Kfar Kila on Tuesday, killing two people, Lebanese media said."
    x, _ = run_text(text, date(2023, 12, 28))
    (village,) = [p for p in x.places.values() if p.label == "Kfar Kila"]
    assert village.country != "IL"


def _two_attacks_made_one_place(nlp, text: str):
    """The events of ``text`` (two attacks at two towns) with the second moved to the first's town, as the place
    ranker may do once the story is read."""
    from kg.extract import doccache
    from kg.extract.entities import Entities
    from kg.extract.events.coreference import EventBuilder
    from kg.model import Document
    from kg.nlp import parse_view

    view = parse_view(text)
    doc = nlp(view)
    with doccache.prepared(doc, view):
        events = EventBuilder(Entities(Document(id="t", text=text, published=date(2024, 6, 12)), doc))
        for i, sent in enumerate(doc.sents):
            events.add_sentence(sent, i)
    first, second = events.events
    second.place = first.place
    return events, first, second


def test_accounts_at_one_town_that_nothing_tells_apart_are_one_attack(nlp):
    events, first, second = _two_attacks_made_one_place(
        nlp, "Militants attacked a police post in Tarbo on Monday. Separately, an attack hit a market in Kanto.")
    assert events.fold_same_place() == {second.id: first.id} and events.events == [first]
    assert any(m.start > 50 for m in first.mentions)  # the folded account's words are the event's now


def test_accounts_at_one_town_with_two_tolls_stay_two_attacks(nlp):
    from kg.model import Count, Evidence, Span

    events, first, second = _two_attacks_made_one_place(
        nlp, "Militants attacked a police post in Tarbo on Monday. Separately, an attack hit a market in Kanto.")
    ev = Evidence(Span(0, 4, "Milt"), Span(0, 4, "Milt"), 0.9, "test")
    first.counts["killed"] = Count("killed", 11, 11, "exact", "11", ev)
    second.counts["killed"] = Count("killed", 50, None, "at_least", "more than 50", ev)
    assert events.fold_same_place() == {} and len(events.events) == 2


def test_an_attack_told_in_a_province_and_then_at_a_village_there_is_one(run_text):
    text = ("Coalition air raids on a market in Yemen's Saada province killed dozens of people, a health official "
            "said.\n\nThe warplanes carried out two raids on a market in the village of Tarbo on Saturday, killing "
            "25 people, the official said.")
    x, g = run_text(text, date(2024, 5, 6))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Tarbo" and ev["date"] == "2024-05-04" and ev["kmin"] == "25"
    assert {c.event for c in x.claims} == {x.events[0].id}  # the claims about the province's raids follow


def test_a_city_named_like_its_region_does_not_absorb_the_region_s_attack(run_text):
    # "Gaza" may stand for the Gaza Strip: the strikes in the Strip and the strike on the city stay apart
    text = ("Israeli air strikes in the Gaza Strip killed 18 people, the health ministry said.\n\n"
            "An Israeli strike hit a residential building in Gaza on Sunday, wounding four people.")
    _, g = run_text(text, date(2019, 5, 6))
    assert sorted(e["place"] for e in select(g, EVENTS)) == ["Gaza", "Gaza Strip"]


def test_a_foreign_victim_does_not_place_the_attack_in_their_state(run_text):
    # the place the gazetteer does not know takes the story's state, not the dead peacekeeper's
    _, g = run_text("A Moroccan peacekeeper was killed when his patrol was ambushed near the town of Kodiba in the "
                    "Central African Republic on Wednesday.", date(2024, 3, 21))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Kodiba" and ev["cc"] == "CF"
    # a people's farmers hit at home still place it
    _, g = run_text("Settlers attacked Palestinian farmers near the village of Khirbet Zanuta on Friday.",
                    date(2024, 3, 23))
    (ev,) = select(g, EVENTS)
    assert ev["cc"] == "PS"


def test_a_sentence_saying_where_the_attack_took_place_places_it(run_text):
    # the lead names the district; the next sentence says where in it
    _, g = run_text("Rebels killed nine policemen in a bomb blast in Kelvo district on Wednesday. The attack took "
                    "place in Morapur area of Kelvo.", date(2024, 4, 26))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Morapur"
    # "the incident", no attack word of its own, is the attack told just before
    _, g = run_text("Gunmen attacked a checkpoint in North Waziristan on Tuesday, killing two soldiers. The incident "
                    "occurred at a check post in Mir Ali tehsil of North Waziristan.", date(2024, 4, 26))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Mir Ali"
    # a place inside another clause of the sentence does not say where
    _, g = run_text("Rebels killed nine policemen in a bomb blast in Kelvo district on Wednesday. The attack "
                    "occurred a day after a meeting of elders was held in Morapur.", date(2024, 4, 26))
    (ev,) = select(g, EVENTS)
    assert ev["place"] == "Kelvo"


def test_the_village_an_attack_takes_as_its_object_is_its_place(run_text):
    # the lead names a known town; the attack's own object names the village
    _, g = run_text("Rebels killed three farmers near Rutshuru on Sunday, officials said. The rebels attacked the "
                    "remote village of Morapur in the hills, a local official said.", date(2024, 4, 26))
    assert [ev["place"] for ev in select(g, EVENTS)] == ["Morapur"]
    # a place that only locates the object does not place the attack there
    _, g = run_text("Gunmen attacked two communities in the Kelvo region on Sunday, killing five people.",
                    date(2024, 4, 26))
    assert [ev["place"] for ev in select(g, EVENTS)] == ["Kelvo"]


def test_a_place_name_cut_before_its_arabic_article_is_whole(run_text):
    _, g = run_text("Paramilitary fighters attacked the village of Wad al-Noura in Gezira state on Wednesday, "
                    "killing 35 people.", date(2024, 6, 6))
    assert [ev["place"] for ev in select(g, EVENTS)] == ["Wad al-Noura"]


def test_a_town_name_the_tagger_cuts_in_two_is_one_place(run_text):
    # the small model tags "Dera" a place and "Ismail Khan" a person; the gazetteer knows the whole name
    _, g = run_text("A bomber attacked a police station on Tuesday. The attack happened in Dera Ismail Khan, a city "
                    "near the border.", date(2024, 4, 26))
    assert [ev["place"] for ev in select(g, EVENTS)] == ["Dera Ismail Khan"]
