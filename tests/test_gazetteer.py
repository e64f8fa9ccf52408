from kg import gazetteer


def test_city_resolves_with_geonames_id_and_country():
    e = gazetteer.resolve("Dnipro")
    assert e.kind == "city" and e.country == "UA" and e.geonames_id == 709930
    assert e.lat and e.lon


def test_old_spelling_resolves_to_same_city():
    assert gazetteer.resolve("Dnepropetrovsk").geonames_id == gazetteer.resolve("Dnipro").geonames_id


def test_namesakes_prefer_countries_in_context():
    assert gazetteer.resolve("Moscow").country == "RU"  # most populous by default
    assert gazetteer.resolve("Moscow", ("US",)).country == "US"


def test_countries_and_demonyms():
    assert gazetteer.resolve("Russia").kind == "country"
    assert gazetteer.country_code("Russian Federation") == "RU"
    assert gazetteer.demonym_country("Ukrainian") == "UA"
    assert gazetteer.demonym_country("Israelis") == "IL"
    assert gazetteer.capital_country("Kyiv") == "UA"
    assert gazetteer.demonym_country("Kyiv") is None


def test_region_by_stem():
    r = gazetteer.resolve_region("Belgorod", ("RU",))
    assert r.key == "iso-RU-BEL" and r.country == "RU"


def test_unknown_place():
    assert gazetteer.resolve("Xyzzyville") is None
