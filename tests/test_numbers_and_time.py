from datetime import date

import pytest

from kg.extract import timex
from kg.extract.numbers import parse_quantity, words_to_int

PUB = date(2023, 5, 27)  # a Saturday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("at least two", (2, None, "at_least")),
        ("more than 45", (46, None, "more_than")),
        ("30", (30, 30, "exact")),
        ("dozens", (None, None, "vague")),
        ("up to 12", (None, 12, "at_most")),
        ("fewer than 10", (None, 9, "at_most")),
        ("about 20", (20, 20, "approximately")),
        ("twenty-one", (21, 21, "exact")),
        ("1,200", (1200, 1200, "exact")),
        ("a", (1, 1, "exact")),
        # a range: kgo:Approximately, its ends as the bounds; a hyphenated number is no range
        ("between 10 and 15", (10, 15, "approximately")),
        ("10 to 15", (10, 15, "approximately")),
        ("forty-five", (45, 45, "exact")),
        ("one hundred and five", (105, 105, "exact")),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


def test_not_a_quantity():
    assert parse_quantity("the clinic") is None
    assert words_to_int("two hundred and five") == 205


@pytest.mark.parametrize(
    "phrase, day, start, end",
    [
        ("on Friday", date(2023, 5, 26), None, None),
        ("Saturday", date(2023, 5, 27), None, None),
        ("yesterday", date(2023, 5, 26), None, None),
        ("earlier this week", None, date(2023, 5, 22), date(2023, 5, 26)),
        ("last week", None, date(2023, 5, 15), date(2023, 5, 21)),
        ("in January", None, date(2023, 1, 1), date(2023, 1, 31)),
        ("in September", None, date(2022, 9, 1), date(2022, 9, 30)),
        ("last month", None, date(2023, 4, 1), date(2023, 4, 30)),
        ("on March 3", date(2023, 3, 3), None, None),
        ("May 26, 2023", date(2023, 5, 26), None, None),
    ],
)
def test_resolve_against_publication_date(phrase, day, start, end):
    ref = timex.resolve(phrase, PUB)
    assert ref is not None and not ref.unresolved
    assert (ref.day, ref.start, ref.end) == (day, start, end)
    assert ref.text == phrase  # the surface phrase is kept


def test_relative_dates_stay_unresolved_without_publication_date():
    ref = timex.resolve("on Friday", None)
    assert ref.unresolved and ref.day is None and ref.start is None


def test_absolute_date_needs_no_publication_date():
    ref = timex.resolve("3 March 2022", None)
    assert ref.day == date(2022, 3, 3) and not ref.unresolved


def test_future_dates_are_not_guessed():
    assert timex.resolve("December 25", date(2023, 5, 27)) is None or timex.resolve(
        "December 25", date(2023, 5, 27)).day <= date(2023, 5, 27)


def test_a_bare_year_is_a_period_only_when_asked_for():
    pub = date(2021, 5, 23)
    assert timex.resolve("2019", pub) is None  # in a sentence a year mostly dates the background
    ref = timex.year("2019", pub)
    assert (ref.start, ref.end) == (date(2019, 1, 1), date(2019, 12, 31))
    ref = timex.year("2021", pub)
    assert (ref.start, ref.end) == (date(2021, 1, 1), pub)  # this year: up to the publication day
    assert timex.year("2030", pub) is None and timex.year("1200", pub) is None and timex.year("May 2019", pub) is None


def test_a_clause_about_the_target_does_not_date_the_attack(run_text):
    from conftest import EVENTS, select

    _, g = run_text("Gunmen attacked a market that reopened last year, killing 21 people in Kidal on Friday.",
                    date(2020, 2, 14))
    (ev,) = select(g, EVENTS)
    assert ev["date"] == "2020-02-14" and ev["start"] is None
    _, g = run_text("An attack on a market that reopened last year killed 21 people in Kidal.", date(2020, 2, 14))
    (ev,) = select(g, EVENTS)
    assert ev["start"] is None  # not 2019
