"""Which attack reports from different documents tell of one real-world attack: the rules of consolidation.

Plain Python over plain values (no spaCy, no rdflib, no pyoxigraph): :mod:`kg.consolidate.reading` reads the
reports out of the RDF with SPARQL, :func:`incidents` groups them, :mod:`kg.consolidate.writing` writes the groups
back as ``kgo:Incident`` nodes.

Two reports are of the same incident when they come from different documents and agree on everything both
state, with each of these stated by both:

* the **type** is the same, or one of them is the generic one ("strike" for any strike from the air,
  "other attack" for anything);
* the **place** is the same place (the same GeoNames or ISO key, so the same IRI);
* the **dates** overlap (a day is an interval of one day; a report with no resolved date joins nothing);
* the **attackers**, when both name one, are the same actor or belong to the same state
  ("Russian forces" and "Russia").

A group is formed greedily in a fixed order (type, place, start date, IRI) and a report joins a group only
if it agrees with every report already in it and no report of its own document is there: reports that
agree pairwise only through a chain (Monday–Tuesday, Tuesday–Wednesday) are not merged into one.
Wrong merges are worse than missed ones: a report with no place or no date stays alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

GENERIC_TYPES = {"strike": {"missile_strike", "drone_strike", "air_strike", "strike"}, "other_attack": None}


@dataclass(frozen=True)
class AttackReport:
    """One article's attack, as the RDF states it (IRIs as strings): one of an incident's reports
    (``kgo:hasReport``)."""

    event: str
    doc: str
    type: str  # the SCHEMA.md notation: missile_strike, shelling, ...
    place: str | None
    start: date | None
    end: date | None
    time_text: str | None = None  # the words that gave the dates
    attacker: str | None = None
    attacker_state: str | None = None  # ISO code of the attacker or of the state it belongs to


@dataclass
class Incident:
    """Reports of one attack from at least two documents."""

    reports: list[AttackReport] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Content key: the same reports always make the same incident IRI."""
        return hashlib.sha256("\n".join(sorted(r.event for r in self.reports)).encode()).hexdigest()[:16]

    @property
    def type(self) -> str:
        """The most specific type the reports give."""
        specific = [r.type for r in self.reports if r.type not in GENERIC_TYPES]
        if specific:
            return specific[0]
        return "strike" if any(r.type == "strike" for r in self.reports) else self.reports[0].type

    @property
    def place(self) -> str | None:
        return self.reports[0].place

    @property
    def start(self) -> date:
        return max(r.start for r in self.reports)  # the dates all reports allow

    @property
    def end(self) -> date:
        return min(r.end for r in self.reports)

    @property
    def attacker(self) -> str | None:
        named = sorted({r.attacker for r in self.reports if r.attacker})
        return named[0] if len(named) == 1 else None

    @property
    def documents(self) -> list[str]:
        return sorted({r.doc for r in self.reports})


def types_agree(a: str, b: str) -> bool:
    if a == b:
        return True
    for generic, covers in GENERIC_TYPES.items():
        if generic in (a, b):
            other = b if a == generic else a
            return covers is None or other in covers
    return False


def attackers_agree(a: AttackReport, b: AttackReport) -> bool:
    if not a.attacker or not b.attacker or a.attacker == b.attacker:
        return True
    return a.attacker_state is not None and a.attacker_state == b.attacker_state


def same_incident(a: AttackReport, b: AttackReport) -> bool:
    """Could two reports from different documents be of the same attack? (see the module docstring)"""
    return (a.doc != b.doc and a.place is not None and a.place == b.place
            and None not in (a.start, a.end, b.start, b.end)
            and a.start <= b.end and b.start <= a.end
            and types_agree(a.type, b.type) and attackers_agree(a, b))


def incidents(reports: list[AttackReport]) -> list[Incident]:
    """Groups of reports from two or more documents that tell of one attack, in a deterministic order."""
    by_place: dict[str, list[Incident]] = {}  # only reports at the same place can meet
    candidates = sorted((r for r in reports if r.place and r.start and r.end),
                        key=lambda r: (r.place, r.start, r.type, r.event))
    for r in candidates:
        groups = by_place.setdefault(r.place, [])
        for g in groups:
            if all(same_incident(r, other) for other in g.reports):
                g.reports.append(r)
                break
        else:
            groups.append(Incident([r]))
    found = [g for groups in by_place.values() for g in groups if len(g.documents) > 1]
    return sorted(found, key=lambda g: (g.start, g.place or "", g.key))
