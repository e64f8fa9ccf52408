"""kg's spaCy components, registered with @Language.factory."""

import spacy

from kg.nlp import parse_view


def test_factory_is_registered_and_serialises(tmp_path, nlp):
    assert "kg_gazetteer" in nlp.pipe_names
    assert nlp.pipe_names.index("kg_gazetteer") == nlp.pipe_names.index("ner") + 1
    blank = spacy.blank("en")
    blank.add_pipe("kg_gazetteer")
    blank.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert again.pipe_names == ["kg_gazetteer"]


def test_gazetteer_fixes_places_the_small_model_mislabels(nlp):
    doc = nlp("In Belgorod, the governor spoke. In a rare attack on the city of Krasnodar, drones hit buildings.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Belgorod") == "GPE"
    assert labels.get("Krasnodar") == "GPE"
    # a city the model takes for a person, named in apposition to "the capital"
    doc = nlp("Drones attacked the airport and a military headquarters in the capital, Naypyitaw, on Thursday.")
    assert {e.text: e.label_ for e in doc.ents}.get("Naypyitaw") == "GPE"
    doc = nlp("Shelling hit the town, Hassan said on Monday.")  # a speaker, though Hassan is also a city's name
    assert {e.text: e.label_ for e in doc.ents}.get("Hassan") != "GPE"


def test_a_name_before_a_local_unit_word_is_a_place(nlp):
    # "upazila" (Bangladesh), "locality" (Sudan), "commune", "woreda", "kebele": units news names places by
    doc = nlp("Gunmen attacked Mellit locality on Sunday.")
    assert {e.text: e.label_ for e in doc.ents}.get("Mellit") == "GPE"  # the model's PERSON
    doc = nlp("Rebels raided the Kobo woreda on Sunday.")
    assert {e.text: e.label_ for e in doc.ents}.get("Kobo") == "GPE"  # the model's NORP


def test_a_feast_day_and_a_peoples_adjective_are_no_places(nlp):
    # the small model: "Easter Sunday" and "Victory Day" as buildings, "Karen" before "fighters" as a place
    for text, name in (("Bombs hit three churches in the city on Easter Sunday.", "Easter Sunday"),
                       ("A car rammed a crowd celebrating Victory Day in the town.", "Victory Day"),
                       ("Troops chased the Papuan fighters into the hills.", "Papuan")):
        labels = {e.text: e.label_ for e in nlp(text).ents}
        assert labels.get(name) not in ("GPE", "LOC", "FAC"), (text, labels)
    assert {e.text: e.label_ for e in nlp("Troops shelled Naypyitaw fighters.").ents}.get("Naypyitaw") != "NORP"


def test_a_name_before_a_settlement_noun_is_a_place_whatever_the_model_took_it_for(nlp):
    # the small model: an ORG before "area" and "district", a PERSON before "city", an ORG ending in "Communities"
    for text, name in (("Militants raided an army post in Goulingoushi area on Monday.", "Goulingoushi"),
                       ("Fighting reached a clinic in the Faladie district.", "Faladie"),
                       ("Shells landed in Idlib province's Maarat Al-Numan city overnight.", "Maarat Al-Numan"),
                       ("Herders raided Adabo and Tse Gwebe Communities at dawn.", "Tse Gwebe"),
                       ("Fighters stormed the Sabon Gari camp before dawn.", "Sabon Gari"),
                       # in apposition to a place noun, no comma between: the noun names it, whatever follows
                       ("Residents fled the capital Stepanakert after dark.", "Stepanakert")):
        assert {e.text: e.label_ for e in nlp(text).ents}.get(name) == "GPE", text
    assert {e.text: e.label_ for e in nlp("Soldiers guarded the NATO area in the city.").ents}.get("NATO") != "GPE"
    doc = nlp("The governor of the Kursk region, Pavel Drozdov, said drones hit a depot.")  # a person of the region
    assert doc.ents and {e.text: e.label_ for e in doc.ents}.get("Pavel Drozdov") != "GPE"
    doc = nlp("Rockets hit the northern Israeli city of Haifa.")  # a people's adjective before "city"
    assert {e.text: e.label_ for e in doc.ents}.get("Israeli") == "NORP"


def test_a_country_before_armed_men_is_whose_they_are_not_a_place(nlp):
    labels = {e.text: e.label_ for e in nlp("US forces carried out an air strike on Saturday.").ents}
    assert labels.get("US") == "NORP"
    labels = {e.text: e.label_ for e in nlp("Rockets hit US bases in Iraq on Saturday.").ents}
    assert labels.get("Iraq") == "GPE"


def test_a_place_name_loses_a_clock_time_before_it_and_a_headline_attack_word_after_it(nlp):
    doc = nlp("Soldiers said the attack occurred at 3.20am Camp Baraka in Lamu.")  # the model: "3.20am Camp Baraka"
    assert "Camp Baraka" in {e.text for e in doc.ents} and not any("3.20am" in e.text for e in doc.ents)
    doc = nlp(parse_view("Two Killed In Port Sudan Attack\n\nTwo people died."))  # the model: "Port Sudan Attack"
    assert "Port Sudan" in {e.text for e in doc.ents} and not any(e.text.endswith("Attack") for e in doc.ents)


def test_gazetteer_keeps_groups_and_demonyms(nlp):
    doc = nlp("Hamas said Ukrainian troops and Russian forces fought near the village of Zarkuni.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Hamas") != "GPE"  # an alternate GeoNames spelling of Hamm, not a place here
    assert labels.get("Ukrainian") == "NORP"
    assert labels.get("Zarkuni") in ("GPE", "LOC")  # "the village of X" names a place no gazetteer knows


def test_parse_view_blanks_the_dateline_and_keeps_offsets():
    text = "BANGKOK (AP) — A jet bombed a village."
    view = parse_view(text)
    assert len(view) == len(text) and view.endswith("A jet bombed a village.") and not view.startswith("BANGKOK")
    assert parse_view("No dateline here.") == "No dateline here."
    # in title case, before a dash that is no hyphen, at the start of the text or of a line
    for text in ("Tarbo — A group attacked a village.", "Headline\nKanto Bay, Elbonia – A group attacked a village."):
        view = parse_view(text)
        assert len(view) == len(text) and view.endswith(" A group attacked a village.") and "Tarbo" not in view \
            and "Kanto" not in view
    for text in ("Tarbo-based groups attacked a village.", "Gunmen attacked Tarbo – officials said."):
        assert parse_view(text) == text
    # with its filing date or its agency, a hyphen or a colon will do; the filing date is no attack's day
    for text in ("Tarbo, 22 March 2025 (dpa) - A group attacked a village.", "Tarbo, Sep 30: A group attacked a "
                 "village.", "Tarbo [Elbonia], July 22 (ANI/Xinhua): A group attacked a village.",
                 "TARBO, Elbonia, July 14 (Reuters): A group attacked a village."):
        view = parse_view(text)
        assert len(view) == len(text) and view.lstrip() == "A group attacked a village."


def test_parse_view_joins_the_lines_of_a_hard_wrapped_sentence(nlp):
    text = "Headline of the story\nA car bomb\nkilled nine people near a busy\nmarket, police said.\nNext"
    view = parse_view(text)
    assert len(view) == len(text)
    assert view == "Headline of the story\nA car bomb killed nine people near a busy market, police " \
                   "said.\nNext"
    sents = [s.text.strip() for s in nlp(view).sents]
    assert any(s.startswith("A car bomb killed") and s.endswith("police said.") for s in sents)
    # a line break before a capital, after a full stop or a number, or a blank line, ends the line as it is
    for kept in ("Headline\nThe lead", "Over.\nnext", "In 2017\nkilled", "Title\n\nbody", "Shelling goes on\nThe",
                 "Fighting in Kharkiv\nKyiv (AP) -", "Fled to\n\nKherson"):
        assert parse_view(kept) == kept
    # after a word no sentence or headline ends with, the next line goes on, whatever its first letter
    text = "Shells fell on the old port town of\nSaada and the\n  Harad market near\nDahyan."
    assert parse_view(text) == text.replace("\n", " ")


def test_parse_view_blanks_a_date_stamp_left_in_the_text_and_a_dateline_after_it():
    # kg's own header ("date 2025-04-04"), saved again at the start of the text or run into its first sentence
    for text in (" date 2025-04-04 A missile hit a school.", "date 2025-04-04\nA missile hit a school.",
                 " date 2025-04-04 TARBO (AP) — A missile hit a school."):
        view = parse_view(text)
        assert len(view) == len(text) and view.lstrip() == "A missile hit a school."
    assert parse_view("The date 2025-04-04 was set.") == "The date 2025-04-04 was set."  # not at the start


def test_what_an_attack_verb_hits_is_a_city_where_the_model_saw_a_person(nlp):
    doc = nlp("A Russian ballistic missile struck Kryvyi Rih, killing at least 16 people.")
    assert {e.text: e.label_ for e in doc.ents}.get("Kryvyi Rih") == "GPE"  # the small model says PERSON


def test_a_town_named_before_a_building_is_a_place_where_the_model_saw_a_person(nlp):
    doc = nlp("Gunmen stormed the Gao military camp on Tuesday, killing 12 soldiers.")
    assert {e.text: e.label_ for e in doc.ents}.get("Gao") == "GPE"  # the small model says PERSON


def test_a_federal_state_named_before_state_is_a_place_where_the_model_saw_a_people(nlp):
    doc = nlp("A bomb destroyed an army vehicle near a town in Michoacan state on Tuesday.")
    assert {e.text: e.label_ for e in doc.ents}.get("Michoacan") == "GPE"  # the small model says NORP
    doc = nlp("Fighters loyal to the Islamic state attacked a village on Monday.")  # a group, no federal state
    assert {e.text: e.label_ for e in doc.ents}.get("Islamic") != "GPE"


def test_segments_join_back_and_cut_where_the_text_allows():
    from kg.nlp.pipeline import segments

    text = ("One paragraph about the strike. " * 30 + "\n\n") * 20 + "x" * 500
    pieces = segments(text, 2000)
    assert "".join(pieces) == text and all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-2])  # at paragraph breaks while there are any
    assert segments("a" * 50, 20) == ["a" * 20, "a" * 20, "a" * 10]  # no break at all: hard cuts
    assert segments("short", 20) == ["short"]


def test_a_long_text_is_parsed_in_segments_into_one_doc_with_the_same_text(nlp):
    from kg.nlp.pipeline import SEGMENT_CHARS, parse_texts

    para = ("Russian drones hit an oil depot in Bryansk on Monday, the governor said. "
            "Ukrainian shelling killed two people in Donetsk.\n\n")
    long = para * (SEGMENT_CHARS // len(para) * 3)
    short_doc, long_doc = parse_texts(nlp, [para, long])
    assert long_doc.text == long and short_doc.text == para
    assert len(long_doc) == len(short_doc) * (len(long) // len(para))  # every copy tokenised alike
    assert sum(1 for e in long_doc.ents if e.text == "Bryansk") == len(long) // len(para)


def test_a_state_whose_name_the_small_model_cuts_in_two_is_one_place(nlp):
    doc = nlp("Fighting spread across the east of the Democratic Republic of the Congo this week, and aid groups in "
              "DR Congo warned of hunger.")
    places = [e.text for e in doc.ents if e.label_ == "GPE"]
    assert "Democratic Republic of the Congo" in places and "DR Congo" in places
    assert "Democratic Republic" not in places and "Congo" not in places


# ---------------------------------------------------------------- kg_attribute_ruler (kg.nlp.attributes)

def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _words_doc(vocab):
    from spacy.tokens import Doc

    words = ["They", "ai", "n't", "gon", "na", "stop", " ", "the", "shelling", "of", "Kyiv", "."]
    tags = ["PRP", "VBP", "RB", "VBG", "TO", "VB", "_SP", "DT", "NN", "IN", "NNP", "."]
    deps = ["nsubj", "aux", "neg", "aux", "aux", "ROOT", "dep", "det", "dobj", "prep", "pobj", "punct"]
    heads = [5, 5, 5, 5, 5, 5, 5, 8, 5, 8, 9, 5]
    return Doc(vocab, words=words, spaces=[True] * 5 + [False] * 2 + [True] * 3 + [False] * 2, tags=tags,
               deps=deps, heads=heads)


def test_the_model_attribute_ruler_is_looked_up_with_spacys_output(nlp):
    from kg.nlp.attributes import LookupRuler
    from kg.nlp.pipeline import DEFAULT_MODEL

    assert isinstance(nlp.get_pipe("attribute_ruler"), LookupRuler)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
    bare = spacy.load(DEFAULT_MODEL)
    text = ("He ain't gonna stop, let's see.  It gets worse: they got hit\n\nand we're done. Y'all aren't gotta "
            "wait; the 3rd brigade's drones struck Kharkiv's outskirts at 04:30, didn't they?")
    assert _attrs(nlp(text)) == _attrs(bare(text))


def test_the_lookup_ruler_applies_every_operator_and_the_later_rule_wins():
    from spacy.pipeline import AttributeRuler

    from kg.nlp.attributes import LookupRuler

    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["NNP", "NNPS"]}}]], {"POS": "PROPN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": {"REGEX": "^sh"}, "TAG": "NN"}]], {"LEMMA": "shell"})  # after the NN rule: wins
    ruler.add([[{"DEP": {"NOT_IN": ["ROOT", "punct", "dep"]}, "TAG": "VBP"}]], {"POS": "AUX"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"LOWER": "ai", "TAG": {"IN": ["VBP", "VBZ"]}}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "be"})
    ruler.add([[{"TAG": "NN"}]], {"MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "kyiv"}]], {"POS": "X"})  # after the proper-noun rule: wins
    spacy_doc, our_doc = _words_doc(vocab), _words_doc(vocab)
    ruler(spacy_doc)
    LookupRuler(ruler)(our_doc)
    assert _attrs(our_doc) == _attrs(spacy_doc)
    assert [(t.pos_, t.lemma_) for t in our_doc if t.text in ("ai", "na", "shelling", "Kyiv", " ")] == [
        ("AUX", "be"), ("", "to"), ("SPACE", ""), ("NOUN", "shell"), ("X", "")]


def test_a_ruler_only_the_matcher_can_apply_stays_spacys():
    from spacy.pipeline import AttributeRuler

    from kg.nlp.attributes import use_lookup_ruler

    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert use_lookup_ruler(blank) is False
    assert type(blank.get_pipe("attribute_ruler")) is AttributeRuler


def test_the_lookup_ruler_saves_and_loads_and_remembers_classes_not_words(tmp_path):
    from kg.nlp.attributes import LookupRuler, use_lookup_ruler

    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add([[{"LOWER": {"IN": ["strike", "strikes"]}}]], {"LEMMA": "strike"})
    assert use_lookup_ruler(blank) and blank.pipe_names == ["attribute_ruler"]
    blank.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    fast = again.get_pipe("attribute_ruler")
    assert isinstance(fast, LookupRuler)
    doc = again(" ".join(f"word{i}" for i in range(300)) + " Strikes hit")
    assert [t.lemma_ for t in doc][-2:] == ["strike", ""]
    assert len(fast._first) == 2  # a named word, and every other word: not one entry per word
