"""Resolve time phrases ("on Friday", "earlier this week", "in January") against a publication date.

Periods become intervals, days become instants; the phrase is always kept.
Without a publication date a relative phrase stays unresolved: we never guess.
Explicit dates in the common news forms ("12 March 2024", "March 12", "March 12, 2024") are read directly;
anything else is parsed with dateparser (imported on first use: it costs a quarter of a second to load).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from kg.model import TimeRef

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_RELATIVE_WORDS = re.compile(
    r"\b(yesterday|today|tonight|overnight|last|this|earlier|ago|past|previous|next|recent|"
    + "|".join(WEEKDAYS)
    + r")\b",
    re.I,
)
_LEAD = re.compile(r"^((on|in|at|during|over|since|from|by|late|early|around|until)\s+)+", re.I)
_TRAIL = re.compile(r"\s+(morning|afternoon|evening|night)$", re.I)


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _clean(phrase: str) -> str:
    p = phrase.strip().rstrip(".,")
    p = _LEAD.sub("", p)
    if re.search("|".join(WEEKDAYS) + "|yesterday|today", p, re.I):
        p = _TRAIL.sub("", p)
    return re.sub(r"\s+", " ", p).lower()


def is_relative(phrase: str) -> bool:
    """True when the phrase needs a reference date ("on Friday", "last week", "in January")."""
    p = _clean(phrase)
    if _RELATIVE_WORDS.search(p):
        return True
    # a month name or "March 3" without a year
    return not re.search(r"\b\d{4}\b", p)


def _relative(p: str, pub: date) -> TimeRef | None:
    monday = pub - timedelta(days=pub.weekday())
    if p in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return TimeRef(p, day=pub)
    if p in ("yesterday", "overnight", "last night", "late last night", "early today"):
        return TimeRef(p, day=pub - timedelta(days=1))
    m = re.fullmatch(r"(?:last |this |late |early )?(" + "|".join(WEEKDAYS) + r")(?: night| morning| evening| afternoon)?", p)
    if m:
        back = (pub.weekday() - WEEKDAYS[m.group(1)]) % 7
        if p.startswith("last ") and back == 0:
            back = 7
        return TimeRef(p, day=pub - timedelta(days=back))
    if p in ("the weekend", "this weekend", "last weekend", "weekend"):
        sunday = pub - timedelta(days=(pub.weekday() + 1) % 7)
        if pub.weekday() == 5:  # published on a Saturday: "this weekend" is today
            return TimeRef(p, start=pub, end=pub)
        return TimeRef(p, start=sunday - timedelta(days=1), end=sunday)
    if p in ("earlier this week", "earlier in the week"):
        end = max(monday, pub - timedelta(days=1))
        return TimeRef(p, start=monday, end=end)
    if p in ("this week",):
        return TimeRef(p, start=monday, end=pub)
    if p in ("last week", "the previous week", "the week before"):
        return TimeRef(p, start=monday - timedelta(days=7), end=monday - timedelta(days=1))
    if re.fullmatch(r"(the )?(last|past) (24|48|72) hours", p):
        hours = int(re.search(r"\d+", p).group())
        return TimeRef(p, start=pub - timedelta(days=hours // 24), end=pub)
    m = re.fullmatch(r"(the )?(last|past) (few |several )?(\w+ )?(days|weeks)", p)
    if m:
        n = {"days": 7, "weeks": 28}[m.group(5)]
        return TimeRef(p, start=pub - timedelta(days=n), end=pub)
    if p in ("last month", "the previous month"):
        y, mth = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        s, e = _month_interval(y, mth)
        return TimeRef(p, start=s, end=e)
    if p in ("this month", "earlier this month"):
        return TimeRef(p, start=pub.replace(day=1), end=pub)
    if p in ("last year",):
        return TimeRef(p, start=date(pub.year - 1, 1, 1), end=date(pub.year - 1, 12, 31))
    if p in ("this year", "earlier this year"):
        return TimeRef(p, start=date(pub.year, 1, 1), end=pub)
    m = re.fullmatch(r"(?:early |late |mid-?)?(" + "|".join(MONTHS) + r")", p)
    if m:
        month = MONTHS[m.group(1)]
        year = pub.year if month <= pub.month else pub.year - 1
        s, e = _month_interval(year, month)
        return TimeRef(p, start=s, end=e)
    return None


#: month names and their usual abbreviations ("dec.", "sept")
MONTH_WORDS = {**MONTHS, **{name[:3]: n for name, n in MONTHS.items()}, "sept": 9}
_MONTH_NAMES = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_WEEKDAY = rf"(?:(?:{'|'.join(WEEKDAYS)}),? )?"  # "Sunday, September 27": the date decides, as for dateparser
_DAY_MONTH = re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{_MONTH_NAMES})\.?"
                        rf"(?:,? (?P<year>\d{{4}}))?")
_MONTH_DAY = re.compile(rf"{_WEEKDAY}(?P<month>{_MONTH_NAMES})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                        rf"(?:,? (?P<year>\d{{4}}))?")
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


#: what a phrase must hold for dateparser to find a day in it: a month or weekday name, or a numeric date
_NAMES_A_DAY = re.compile(rf"\b(?:{_MONTH_NAMES}|{'|'.join(WEEKDAYS)})\b|\d{{1,4}}[/.]\d{{1,2}}[/.]\d{{1,4}}")


def _common_date(p: str, pub: date | None) -> date | None | bool:
    """A date in one of the common forms, as dateparser would read it (a day without a year is the latest one on
    or before ``pub``); ``False`` when ``p`` is not in such a form (or names no real day) and dateparser decides."""
    iso = _ISO.fullmatch(p)
    if iso is not None:
        try:
            return date(int(iso["year"]), int(iso["month"]), int(iso["day"]))
        except ValueError:
            return False
    m = _DAY_MONTH.fullmatch(p) or _MONTH_DAY.fullmatch(p)
    if m is None or (m["year"] is None and pub is None):
        return False
    month, day = MONTH_WORDS[m["month"]], int(m["day"])
    try:
        if m["year"]:
            return date(int(m["year"]), month, day)
        found = date(pub.year, month, day)
        return found if found <= pub else date(pub.year - 1, month, day)
    except ValueError:  # "30 February", or 29 February in another year
        return False


@lru_cache(maxsize=4096)
def _parse_absolute(p: str, pub: date | None) -> date | None:
    """dateparser costs milliseconds a call; the same phrase is read for several mentions of a sentence."""
    common = _common_date(p, pub)
    if common is not False:
        return common
    if not _NAMES_A_DAY.search(p):
        return None  # a year, an age, a clock time, a duration: no day (dateparser would take the publication day)
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if pub:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    try:
        parsed = dateparser.parse(p, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None


def year(phrase: str, published: date | None) -> TimeRef | None:
    """ "2019": that year, up to the publication day when it is the publication's year; None for a year after
    publication (a plan, not an event) or one no news about an attack would mean. :func:`resolve` leaves a bare
    year unresolved: in a sentence it mostly dates the background ("active since 2010", "in 2024 alone"), not the
    attack told; the events module asks for it where the year names an attack ("the 2019 bombing of the market")."""
    p = _clean(phrase)
    m = re.fullmatch(r"(\d{4})", p)
    if m is None or not 1900 <= int(m.group(1)) <= (published.year if published else date.max.year):
        return None
    y = int(m.group(1))
    end = published if published and published.year == y else date(y, 12, 31)
    return TimeRef(phrase.strip(), start=date(y, 1, 1), end=end)


def resolve(phrase: str, published: date | None) -> TimeRef | None:
    """A TimeRef for ``phrase``; ``None`` when it is not a point or period in time we understand."""
    p = _clean(phrase)
    if not p:
        return None
    if published is None:
        if is_relative(phrase):
            return TimeRef(phrase.strip(), unresolved=True)
        day = _parse_absolute(p, None)
        if day:
            return TimeRef(phrase.strip(), day=day)
        m = re.fullmatch(r"(" + "|".join(MONTHS) + r") (\d{4})", p)
        if m:
            s, e = _month_interval(int(m.group(2)), MONTHS[m.group(1)])
            return TimeRef(phrase.strip(), start=s, end=e)
        return None
    ref = _relative(p, published)
    if ref is None:
        m = re.fullmatch(r"(" + "|".join(MONTHS) + r") (\d{4})", p)
        if m:
            s, e = _month_interval(int(m.group(2)), MONTHS[m.group(1)])
            ref = TimeRef(p, start=s, end=e)
    if ref is None and re.search(r"\d|" + "|".join(MONTHS), p):
        day = _parse_absolute(p, published)
        if day and day <= published:
            ref = TimeRef(p, day=day)
    if ref is None:
        return None
    return TimeRef(phrase.strip(), day=ref.day, start=ref.start, end=ref.end)


def bounds(t: TimeRef | None) -> tuple[date, date] | None:
    """The first and last day a TimeRef allows, or None when unknown."""
    if t is None or t.unresolved:
        return None
    if t.day:
        return t.day, t.day
    if t.start and t.end:
        return t.start, t.end
    return None
