"""Casualty figures as the text qualifies them, and totals that never turn lower bounds into an exact number.

A figure is shown as the text qualifies it (``≥ 2``, ``30``, ``> 45``, ``≈ 10``, “dozens”), an explicit zero as
``0`` and a figure the text does not give as "none reported". Totals add only lower bounds the text states: a
total is exact only when every event in it has an exact figure; otherwise it is shown as ``≥ N`` with a note
saying what it leaves out. The page's script (``kg/report/assets/report.js``) applies the same rules to the events
a filter leaves shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from kg.report.views import CountView


def figure(c: CountView | None) -> str:
    """The count as the text qualifies it: "≥ 2", "30", "> 45", "≤ 10", "≈ 10", "10–15", “dozens”; "none reported"."""
    if c is None:
        return "none reported"
    q, lo, hi = c.qualifier, c.min, c.max
    if q == "at_least" and lo is not None:
        return f"≥ {lo}"
    if q == "more_than" and lo is not None:
        return f"> {lo - 1}"
    if q == "at_most" and hi is not None:
        return f"≤ {hi}"
    if q == "approximately" and lo is not None and lo == hi:
        return f"≈ {lo}"
    if q == "vague" or (lo is None and hi is None):
        return f"“{c.text}”" if c.text else "unspecified"
    if lo is not None and lo == hi:
        return str(lo)
    if lo is not None and hi is not None:
        return f"{'≈ ' if q == 'approximately' else ''}{lo}–{hi}"
    return f"≥ {lo}" if lo is not None else f"≤ {hi}"


def shape(c: CountView) -> str:
    """How a count enters a total: exact, lower (a stated lower bound, open above), approx, upper, vague."""
    q, lo, hi = c.qualifier, c.min, c.max
    if q == "approximately":
        return "approx"
    if q == "vague" or (lo is None and hi is None):
        return "vague"
    if lo is None:
        return "upper"
    if hi is not None and hi == lo and q in (None, "exact"):
        return "exact"
    return "lower"


@dataclass
class Total:
    figure: str
    exact: bool
    note: str


def total(counts: Iterable[CountView | None]) -> Total:
    """Add up counts without ever turning lower bounds into an exact total.

    The figure is exact only when every count is exact; otherwise it is "≥ N", N the sum of the lower bounds the
    text states (exact figures, "at least", "more than"), and the note says what N leaves out.
    """
    counts = list(counts)
    lower, shapes, approx_sum = 0, defaultdict(int), 0
    for c in counts:
        if c is None:
            shapes["unreported"] += 1
            continue
        s = shape(c)
        shapes[s] += 1
        if s in ("exact", "lower"):
            lower += c.min or 0
        elif s == "approx" and c.min is not None:
            approx_sum += c.min
    if not counts:
        return Total("–", False, "no events")
    if shapes["unreported"] == len(counts):
        return Total("none reported", False, "")
    exact = shapes["exact"] == len(counts)
    notes = []
    if shapes["lower"]:
        notes.append(f"{shapes['lower']} open-ended")
    if shapes["approx"]:
        notes.append(f"{shapes['approx']} approximate (≈ {approx_sum}, not added)")
    if shapes["upper"]:
        notes.append(f"{shapes['upper']} upper bound only (not added)")
    if shapes["vague"]:
        notes.append(f"{shapes['vague']} without a number")
    if shapes["unreported"]:
        notes.append(f"{shapes['unreported']} not reported")
    return Total(str(lower) if exact else f"≥ {lower}", exact, ", ".join(notes))
