"""Qualified quantities: "at least two" → (2, None, at_least); "more than 45" → (46, None, more_than).

Pure functions over strings; the outcome extractor decides which phrase to read.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {"dozens", "scores", "hundreds", "thousands", "several", "many", "numerous", "some", "a number", "multiple", "countless", "few"}

QUALIFIERS = [
    (re.compile(r"\b(at least|a minimum of|no fewer than|no less than)\s+", re.I), "at_least"),
    (re.compile(r"\b(more than|over|upwards of|in excess of)\s+", re.I), "more_than"),
    (re.compile(r"\b(up to|as many as|at most|no more than)\s+", re.I), "at_most"),
    (re.compile(r"\b(fewer than|less than|under)\s+", re.I), "less_than"),
    (re.compile(r"\b(about|around|approximately|nearly|almost|roughly|some|an estimated|close to|estimated)\s+", re.I), "approximately"),
]


RANGE = re.compile(r"(?:between )?(\S+?)(?: and | to | or |\s*[-–]\s*)(\S+)")


def words_to_int(text: str) -> int | None:
    """"45" → 45, "forty-five" → 45, "1,200" → 1200, "two hundred" → 200; None if not a number."""
    t = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+(\.\d+)?\s*(million|thousand)", t):
        num, scale = re.match(r"([\d.]+)\s*(\w+)", t).groups()
        return int(float(num) * SCALES[scale])
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", t):
        if w == "and":
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
        elif re.fullmatch(r"\d+", w):
            current += int(w)
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_quantity(text: str) -> tuple[int | None, int | None, str] | None:
    """Bounds and qualifier of a count phrase, or None if the phrase holds no quantity.

    >>> parse_quantity("at least two")
    (2, None, 'at_least')
    >>> parse_quantity("more than 45")
    (46, None, 'more_than')
    >>> parse_quantity("dozens")
    (None, None, 'vague')
    >>> parse_quantity("between 10 and 15")
    (10, 15, 'approximately')
    """
    t = re.sub(r"\s+", " ", text.strip().lower())
    qualifier = "exact"
    for rx, q in QUALIFIERS:
        m = rx.match(t) or rx.search(t)
        if m and m.start() == 0:
            qualifier, t = q, t[m.end():]
            break
    if t in VAGUE or t.split(" ")[0] in VAGUE or t.startswith("a number") or t.startswith("a few"):
        return None, None, "vague"
    span = RANGE.fullmatch(t)
    if span and qualifier == "exact":  # "between 10 and 15", "10 to 15", "10-15": not "forty-five" (40 > 5)
        lo, hi = words_to_int(span.group(1)), words_to_int(span.group(2))
        if lo is not None and hi is not None and lo < hi:
            return lo, hi, "approximately"  # kgo:Approximately: a range's ends are its bounds
    n = words_to_int(t)
    if n is None:
        return None
    if qualifier == "exact":
        return n, n, "exact"
    if qualifier == "at_least":
        return n, None, "at_least"
    if qualifier == "more_than":
        return n + 1, None, "more_than"
    if qualifier == "at_most":
        return None, n, "at_most"
    if qualifier == "less_than":
        return None, max(n - 1, 0), "at_most"
    # approximately: the stated figure, flagged as approximate by the qualifier
    return n, n, "approximately"
