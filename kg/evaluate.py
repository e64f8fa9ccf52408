"""Score kg's RDF output against gold annotations (the shared SCHEMA.md format).

The scorer reads only what the bundled ``events`` and ``claims`` queries
return from the produced RDF (plus ``evidence`` for the sentences of false
alarms) — never the extractor's internal structures.

Matching rules (SCHEMA.md): an extracted event matches a gold event when
their types are compatible (equal, or one of them is the generic ``strike``),
their places match after normalisation (folded name without "region",
"province"…, or the same GeoNames entry), and their dates agree where both
are known (a day or period overlapping the other).  A claim matches when kind,
speaker (loosely: case, demonyms, aliases, surname) and event agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kg import actornames, gazetteer
from kg.lexicon import PROVINCE_WORDS, SCORED_PLACE_WORDS

ARGS = ("attacker", "place", "country", "date", "killed.min", "injured.min")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocScore:
    name: str
    events: PRF = field(default_factory=PRF)
    events_any_type: PRF = field(default_factory=PRF)  # matched whatever the attack type
    claims: PRF = field(default_factory=PRF)
    args: dict[str, list[bool]] = field(default_factory=lambda: {a: [] for a in ARGS})
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)  # matched events with an argument that differs


# ---------------- normalisation ----------------

def norm_place(name: str | None, country: str | None = None) -> str | None:
    """A place name as scoring compares it: the gazetteer's key when it knows the place (a region named with its
    word, "Kherson region", or by its ISO 3166-2 name, as kg labels regions, is the region), else the folded name
    without its kind words."""
    if not name:
        return None
    words = gazetteer.fold(name).removeprefix("the ").rstrip("'").split()
    if len(words) > 1 and words[-1] in PROVINCE_WORDS:
        region = gazetteer.resolve_region(" ".join(words[:-1]), (country,) if country else ())
        if region is not None:
            return region.key
    first, *rest = gazetteer.fold(name).split() or [""]
    s = " ".join([first, *(w for w in rest if w not in SCORED_PLACE_WORDS)])  # "Kaptai village" is Kaptai
    s = s.removeprefix("the ").strip()
    entry = gazetteer.resolve(s, (country,) if country else ()) or gazetteer.region_named(name)
    return entry.key if entry else s


def _region_of(name: str, key: str, country: str | None) -> str | None:
    """The first-level region a normalised place is, or is the namesake city of ("Belgorod" of the Belgorod
    region)."""
    if key.startswith("iso-"):
        return key
    stem = " ".join(w for w in gazetteer.fold(name).removeprefix("the ").split() if w not in SCORED_PLACE_WORDS)
    region = gazetteer.resolve_region(stem, (country,) if country else ()) if stem else None
    return region.key if region is not None and (country is None or region.country == country) else None


def places_match(gold: str | None, gold_cc: str | None, pred: str | None, pred_cc: str | None) -> bool:
    """Do a gold and an extracted place name the same place: the same name once normalised (:func:`norm_place`),
    or a region and the city it is named after ("Belgorod" and "the Belgorod region", as kg labels it with ISO
    3166-2's "Belgorodskaya oblast'"), which the text often leaves apart; no place and the country itself name the
    same place when the other side's country is that country."""
    a, b = norm_place(gold, gold_cc), norm_place(pred, pred_cc)
    if a == b:
        return True
    if a is None or b is None:
        # no place below the country: the gold writes none, kg places the attack at the country ("a strike in
        # Syria"); either way the same country
        name, cc = (pred, gold_cc) if a is None else (gold, pred_cc)
        return cc is not None and gazetteer.country_code(name) == cc
    if not (a.startswith("iso-") or b.startswith("iso-")):
        return False
    return _region_of(gold, a, gold_cc) == _region_of(pred, b, pred_cc) is not None


def actor_country(name: str | None) -> str | None:
    """The state an actor name points at: "Russian forces" → RU, "Kyiv" → UA."""
    if not name:
        return None
    words = name.replace("'s", " ").replace("´s", " ").replace("’s", " ").split()
    for i in range(len(words)):
        for j in (2, 1):
            chunk = " ".join(words[i : i + j])
            iso = gazetteer.demonym_country(chunk) or gazetteer.country_code(chunk) or gazetteer.capital_country(chunk)
            if iso:
                return iso
    return None


def _tokens(name: str) -> set[str]:
    stop = {"the", "a", "an", "of", "two", "three", "several", "some", "s", "group", "for", "in", "and"}
    return {t for t in gazetteer.fold(name).replace("-", " ").split() if t not in stop}


def names_match(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    # one name for an organisation known by several ("HRW", "Human Rights Watch") and for a person's transliterations
    # ("Monastyrskyi", "Monastyrsky"): the names kg itself keys them by
    gold = actornames.organisation_name(gold) or gazetteer.person_key_name(gold)
    pred = actornames.organisation_name(pred) or gazetteer.person_key_name(pred)
    g, p = gazetteer.fold(gold), gazetteer.fold(pred)
    if g == p:
        return True
    ga, pa = actornames.armed_group_in(gold), actornames.armed_group_in(pred)
    if ga and pa and actornames.GROUP_NAMES[ga] == actornames.GROUP_NAMES[pa]:
        return True  # the usual aliases of an armed group: "ISIS" ~ "Islamic State", "the Houthi movement" ~ "Houthis"
    gc, pc = actor_country(gold), actor_country(pred)
    if gc and pc and gc != pc:
        return False  # "Russian defence ministry" is not the "Ukrainian defence ministry"
    gt, pt = _tokens(gold), _tokens(pred)
    if gt and pt and (gt <= pt or pt <= gt or len(gt & pt) >= 2):
        return True
    return gc is not None and gc == pc


def _interval(date: str | None, start: str | None, end: str | None):
    if date:
        return date, date
    if start and end:
        return start, end
    return None


def dates_agree(gold: dict, pred: dict) -> bool:
    g = _interval(gold.get("date"), *(gold.get("date_range") or (None, None)))
    p = _interval(pred.get("date"), pred.get("dateStart"), pred.get("dateEnd"))
    if g is None or p is None:
        return True
    return g[0] <= p[1] and p[0] <= g[1]


def types_compatible(gold: str, pred: str) -> bool:
    return gold == pred or "strike" in (gold, pred)


def _int(v) -> int | None:
    return None if v in (None, "") else int(v)


# ---------------- matching ----------------

def mismatches(gold_event: dict, pred: dict) -> list[str]:
    """What keeps a predicted event from matching a gold one: "type", "place", "date" (the matching rules)."""
    out = []
    if not types_compatible(gold_event["type"], pred["type"]):
        out.append("type")
    if not places_match(gold_event.get("place"), gold_event.get("country"), pred.get("place"), pred.get("country")):
        out.append("place")
    if not dates_agree(gold_event, pred):
        out.append("date")
    return out


def match_events(gold_events: list[dict], pred: list[dict], any_type: bool = False) -> dict[str, int]:
    """Gold event id → index of the predicted row it matches (greedy by best score, one-to-one); ``any_type``:
    whatever the two types (an attack found at the right place and time, typed wrong)."""
    pairs = []
    for gi, ge in enumerate(gold_events):
        for pi, pe in enumerate(pred):
            if set(mismatches(ge, pe)) - ({"type"} if any_type else set()):
                continue
            score = (ge["type"] == pe["type"]) * 2 + names_match(ge.get("attacker"), pe.get("attacker")) + (
                _interval(ge.get("date"), *(ge.get("date_range") or (None, None)))
                == _interval(pe.get("date"), pe.get("dateStart"), pe.get("dateEnd")))
            pairs.append((-score, gi, pi))
    out: dict[str, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        gid = gold_events[gi]["id"]
        if gid in out or pi in used:
            continue
        out[gid] = pi
        used.add(pi)
    return out


def nearest(gold_event: dict, spare: list[dict]) -> dict:
    """For a missed gold event, the unmatched predicted event that differs from it in the fewest of type, place and
    date (the first such, in output order), and what differs: ``{"nearest": row, "differs": [...]}``; ``{}`` when
    nothing is left. Where misses come from, without reading the texts."""
    best = min(((mismatches(gold_event, pe), i) for i, pe in enumerate(spare)), key=lambda m: (len(m[0]), m[1]),
               default=None)
    return {} if best is None else {"nearest": spare[best[1]], "differs": best[0]}


def claim_miss(gold_claim: dict, left: list[dict], event_iri: dict[str, str]) -> str:
    """Why a gold claim found no match among the predicted claims ``left`` over: its event was missed, no claim
    by its speaker, a claim by its speaker of another kind, or of its kind about another event."""
    if gold_claim.get("about_event") and gold_claim["about_event"] not in event_iri:
        return "its event was missed"
    by_speaker = [pc for pc in left if names_match(gold_claim["speaker"], pc["speaker"])]
    if not by_speaker:
        return "no claim by its speaker"
    if any(pc["kind"] == gold_claim["kind"] for pc in by_speaker):
        return "its kind and speaker, another event"
    return "its speaker, another kind"


def score_document(name: str, gold: dict, events: list[dict], claims: list[dict],
                   sentences: dict[str, str] | None = None) -> DocScore:
    sentences = sentences or {}
    s = DocScore(name)
    matched = match_events(gold["events"], events)
    s.events = PRF(tp=len(matched), fp=len(events) - len(matched), fn=len(gold["events"]) - len(matched))
    loose = match_events(gold["events"], events, any_type=True)
    s.events_any_type = PRF(tp=len(loose), fp=len(events) - len(loose), fn=len(gold["events"]) - len(loose))
    used = set(matched.values())
    spare = [pe for i, pe in enumerate(events) if i not in used]
    for ge in gold["events"]:
        if ge["id"] not in matched:
            s.misses.append({"what": "event", "gold": ge, "evidence": ge.get("evidence"), **nearest(ge, spare)})
            continue
        pe = events[matched[ge["id"]]]
        right = {"attacker": names_match(ge.get("attacker"), pe.get("attacker")), "place": True,
                 "country": (ge.get("country") or None) == (pe.get("country") or None)}
        g_int = _interval(ge.get("date"), *(ge.get("date_range") or (None, None)))
        right["date"] = g_int == _interval(pe.get("date"), pe.get("dateStart"), pe.get("dateEnd"))
        for kind in ("killed", "injured"):
            gmin = (ge.get(kind) or {}).get("min") if ge.get(kind) else None
            right[f"{kind}.min"] = gmin == _int(pe.get(f"{kind}Min"))
        for arg, ok in right.items():
            s.args[arg].append(ok)
        if not all(right.values()):
            s.wrong.append({"what": "event", "gold": ge, "pred": pe,
                            "differs": [a for a, ok in right.items() if not ok]})
    for i, pe in enumerate(events):
        if i not in used:
            s.false_alarms.append({"what": "event", "pred": pe, "evidence": sentences.get(pe["event"])})
    event_iri = {gid: events[i]["event"] for gid, i in matched.items()}
    taken: set[int] = set()
    for gc in gold["claims"]:
        want_event = event_iri.get(gc["about_event"]) if gc.get("about_event") else None
        hit = None
        for i, pc in enumerate(claims):
            if i in taken or pc["kind"] != gc["kind"]:
                continue
            if gc.get("about_event") and (want_event is None or pc.get("event") != want_event):
                continue
            if not gc.get("about_event") and pc.get("event") and gc["kind"] != "threat":
                continue
            if names_match(gc["speaker"], pc["speaker"]):
                hit = i
                break
        if hit is None:
            s.claims.fn += 1
            s.misses.append({"what": "claim", "gold": gc, "evidence": gc.get("evidence")})
        else:
            s.claims.tp += 1
            taken.add(hit)
    left = [pc for i, pc in enumerate(claims) if i not in taken]
    for m in s.misses:
        if m["what"] == "claim":
            m["why"] = claim_miss(m["gold"], left, event_iri)
    for i, pc in enumerate(claims):
        if i not in taken:
            s.claims.fp += 1
            s.false_alarms.append({"what": "claim", "pred": pc, "evidence": sentences.get(pc["claim"])})
    return s


@dataclass
class Scores:
    """The scores of a corpus: one :class:`DocScore` per document, and their totals."""

    documents: list[DocScore]

    def _total(self, what: str) -> PRF:
        total = PRF()
        for d in self.documents:
            total.add(getattr(d, what))
        return total

    @property
    def events(self) -> PRF:
        return self._total("events")

    @property
    def events_any_type(self) -> PRF:
        return self._total("events_any_type")

    @property
    def claims(self) -> PRF:
        return self._total("claims")

    def arg_accuracy(self) -> dict[str, float | None]:
        out = {}
        for a in ARGS:
            vals = [v for d in self.documents for v in d.args[a]]
            out[a] = round(sum(vals) / len(vals), 4) if vals else None
        return out

    def _misses_by(self, what: str, why) -> dict[str, int]:
        """Missed gold ``what`` ("event", "claim") counted by ``why(miss)``, commonest first."""
        counts: dict[str, int] = {}
        for d in self.documents:
            for m in d.misses:
                if m["what"] == what:
                    counts[why(m)] = counts.get(why(m), 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def missed_events(self) -> dict[str, int]:
        """Missed gold events by what differs from the nearest extracted event left over ("place", "type+date"…;
        "nothing extracted" when none was left), commonest first."""
        return self._misses_by("event", lambda m: "+".join(m["differs"]) if "nearest" in m else "nothing extracted")

    def missed_claims(self) -> dict[str, int]:
        """Missed gold claims by why (:func:`claim_miss`), commonest first."""
        return self._misses_by("claim", lambda m: m["why"])

    def as_dict(self) -> dict:
        return {
            "events": self.events.as_dict(),
            "events_any_type": self.events_any_type.as_dict(),
            "claims": self.claims.as_dict(),
            "argument_accuracy": self.arg_accuracy(),
            "missed_events": self.missed_events(),
            "missed_claims": self.missed_claims(),
            "documents": [
                {"name": d.name, "events": d.events.as_dict(), "claims": d.claims.as_dict(),
                 "misses": d.misses, "false_alarms": d.false_alarms, "wrong": d.wrong}
                for d in self.documents
            ],
        }

    def table(self) -> str:
        lines = [f"{'document':44s} {'events tp/gold (+fp)':>22s} {'claims tp/gold (+fp)':>22s}"]
        for d in self.documents:
            e, c = d.events, d.claims
            lines.append(f"{d.name[:44]:44s} {f'{e.tp}/{e.tp + e.fn} (+{e.fp})':>22s} {f'{c.tp}/{c.tp + c.fn} (+{c.fp})':>22s}")
        e, c = self.events, self.claims
        lines.append("")
        lines.append(f"events  P={e.precision:.3f} R={e.recall:.3f} F1={e.f1:.3f}  (tp={e.tp} fp={e.fp} fn={e.fn})")
        a = self.events_any_type
        lines.append(f"events, any attack type  P={a.precision:.3f} R={a.recall:.3f} F1={a.f1:.3f}  "
                     f"(tp={a.tp} fp={a.fp} fn={a.fn})")
        lines.append(f"claims  P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}  (tp={c.tp} fp={c.fp} fn={c.fn})")
        acc = ", ".join(f"{k}={'-' if v is None else f'{v:.2f}'}" for k, v in self.arg_accuracy().items())
        lines.append(f"argument accuracy over matched events: {acc}")
        missed = ", ".join(f"{why} {n}" for why, n in self.missed_events().items())
        if missed:
            lines.append(f"missed events, by what differs from the nearest extracted one: {missed}")
        missed = ", ".join(f"{why} {n}" for why, n in self.missed_claims().items())
        if missed:
            lines.append(f"missed claims, by why: {missed}")
        return "\n".join(lines) + "\n"


def load_gold(gold_dir: Path) -> dict[str, dict]:
    out = {}
    for f in sorted(Path(gold_dir).glob("*.json")):
        out[f.stem] = json.loads(f.read_text(encoding="utf-8"))
    return out
