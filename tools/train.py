#!/usr/bin/env python3
"""Rebuild kg's learned weights from the standoff data, the real-text cache and the invented sets.

    pip install -e '.[train]'        # scikit-learn: needed here only
    python tools/realtext.py verify  # the real-text cache is there and intact
    python tools/train.py            # writes kg/extract/weights/places.json
    python tools/train.py --check    # fails when the shipped weights differ from a fresh training
    python tools/train.py --cv       # what a change of features or settings does to kg eval, fold by fold

What is learned (``kg.extract.learned`` reads the files; ``MODELS`` lists them, each trained with the ones
before it in place): ``places``, the place ranker of ``kg.extract.events.placing`` — a logistic regression over
the places an article names, for each attack kg finds in it.

The examples come from the real-text **train** split and the invented development sets ``tests/data/dev*``;
never from the dev or blind splits, nor from ``tests/data/heldout``. A real example weighs ``REAL_WEIGHT``
invented ones: real wire copy is what kg must read, and the invented sets follow the conventions the rules were
written for.

How examples are labelled: kg runs with the rules alone and traces what the model would decide on
(``extract(..., trace=...)``). Each event is aligned to a gold event of its article: one whose type is
compatible, whose date agrees and whose evidence sentence holds one of the event's mentions; failing that, the
one such gold event (type and date) whose place is among the event's candidates, when exactly one is — an
annotator quotes one sentence of an attack the article tells in several. A place candidate is positive when it
names that gold event's place as ``kg eval`` compares places. Events with no aligned gold event, or whose gold
place is not among the candidates, teach nothing.

Training is deterministic (scikit-learn's lbfgs on a fixed order of examples; weights rounded to 4 places):
the same data gives the same bytes, which ``--check`` verifies.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEIGHTS = ROOT / "kg" / "extract" / "weights"
INVENTED = sorted(p for p in (ROOT / "tests" / "data").glob("dev*") if p.is_dir())
C = 3.0  # inverse regularisation strength: 5-fold cross-validation on the real train split's events put
# the gold place first for 124 of 175 at 3.0 and at 1.0, 123 at 0.3 (172 train excerpts; with 134: 89 / 89 / 87
# of 129; with 98: 67 / 66 / 62 of 94)
REAL_WEIGHT = 2  # a real example counts as two invented ones


def _realtext():
    spec = importlib.util.spec_from_file_location("realtext", ROOT / "tools" / "realtext.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pred_row(ev) -> dict:
    t = ev.time
    return {"type": ev.type, "date": t.day.isoformat() if t and t.day else None,
            "dateStart": t.start.isoformat() if t and t.start else None,
            "dateEnd": t.end.isoformat() if t and t.end else None}


def _located(text: str, evidence: str | None) -> tuple[int, int] | None:
    evidence = (evidence or "").strip()
    at = text.find(evidence) if evidence else -1
    return (at, at + len(evidence)) if at >= 0 else None


def _align_event(ev, gold_events: list[dict], text: str, places=()) -> dict | None:
    """The gold event ``ev`` tells (see the module's docstring); ``places``: the event's place candidates."""
    from kg.evaluate import dates_agree, places_match, types_compatible
    row = _pred_row(ev)
    spans = ev.mentions or [ev.evidence.span]
    fits = [g for g in gold_events if types_compatible(g["type"], ev.type) and dates_agree(g, row)]
    for g in fits:
        where = _located(text, g.get("evidence"))
        if where and any(where[0] <= s.start < where[1] for s in spans):
            return g
    placed = [g for g in fits if g.get("place")
              and any(places_match(g["place"], g.get("country"), p.label, p.country) for p in places)]
    return placed[0] if len(placed) == 1 else None


def _documents(folder: Path):
    """(gold, Document) of each article of ``folder`` that has a gold file, in name order."""
    from kg.io.readers import read_inputs
    from kg.model import Document

    for gold_path in sorted(folder.glob("*.json")):
        text_path = gold_path.with_suffix(".txt")
        if text_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            yield gold, next(d for d in read_inputs([str(text_path)]) if isinstance(d, Document))


class Examples:
    """One model's examples, in a fixed order: feature dicts, labels, sample weights, and how many of each origin."""

    def __init__(self):
        self.X: list[dict] = []
        self.y: list = []
        self.w: list[float] = []
        self.groups: list[int] = []  # the event of each row: a ranking's candidates share one
        self.count = {"real": 0, "invented": 0}

    def add(self, f: dict, label, weight: float, group: int) -> None:
        self.X.append(f), self.y.append(label), self.w.append(weight), self.groups.append(group)


def place_examples(sources, nlp) -> Examples:
    """Place candidates of each event aligned to a gold event whose place is among them (1 = that place)."""
    from kg.evaluate import places_match
    from kg.extract import extract
    from kg.nlp import parse_view

    ex = Examples()
    for folder, weight, origin in sources:
        for gold, document in _documents(folder):
            trace: dict[str, list] = {"places": []}
            extract(document, nlp(parse_view(document.text)), trace=trace)
            for ev, rows in trace["places"]:
                g = _align_event(ev, gold["events"], document.text, [p for p, _ in rows])
                if g is None or not g.get("place"):
                    continue
                labels = [int(places_match(g["place"], g.get("country"), p.label, p.country)) for p, _ in rows]
                if any(labels):
                    ex.count[origin] += 1
                    for (_, f), label in zip(rows, labels):
                        ex.add(f, label, weight, sum(ex.count.values()))
    return ex


def fit(X: list[dict], y: list[int], w: list[float]) -> dict:
    """A logistic regression's weights by feature name, rounded to 4 places, sorted."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False, sort=True)
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000, solver="lbfgs")
    model.fit(vec.fit_transform(X), y, sample_weight=w)
    return {"weights": dict(sorted((name, round(float(v), 4))
                                   for name, v in zip(vec.get_feature_names_out(), model.coef_[0])))}


#: each model: weights file name, component name (provenance), how its examples are collected
MODELS = (("places", "kg.places.v1", place_examples),)


def build(write) -> None:
    """Train each model in turn and hand its file's content to ``write(name, content)``."""
    from kg.extract import learned
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    trained_on = ["real-text train split (tests/data/real/articles.jsonl, split=train)",
                  *(str(p.relative_to(ROOT)) for p in INVENTED)]
    with tempfile.TemporaryDirectory() as tmp:
        train_dir = Path(tmp) / "train"
        if _realtext().cmd_materialize("train", str(train_dir)) != 0:
            raise SystemExit(1)
        sources = [(train_dir, REAL_WEIGHT, "real"), *((p, 1, "invented") for p in INVENTED)]
        for name, component, collect in MODELS:
            ex = collect(sources, nlp)
            write(name, {"component": component,
                         "model": f"logistic regression (scikit-learn lbfgs, C={C}, no intercept: 'bias' is a feature)",
                         "trained_on": trained_on, "real_example_weight": REAL_WEIGHT,
                         "examples": {"events": ex.count, "rows": len(ex.y), "positive": sum(ex.y)},
                         **fit(ex.X, ex.y, ex.w)})
            learned.model.cache_clear()  # the next model is trained with this one in place


FOLDS = 5


def cross_validate(salt: str = "") -> dict[str, "PRF"]:
    """The place ranker judged by what users get: the real train split cut into ``FOLDS`` parts by a hash of each
    article's id; for each part, weights fitted on the other parts' events (and the invented sets) place that part's
    attacks, and ``kg eval``'s scorer (through the RDF and the bundled queries) counts what matches. Ranking
    accuracy on aligned candidates is no proxy for this: in session 14 a ranker over pairs of features ranked 9 more
    of 209 events first in cross-validation and matched 3 to 8 fewer here. Returns the folds' summed scores of
    events and of claims. ``salt`` draws another cut into parts: a change worth keeping holds over several.
    """
    import hashlib
    import shutil

    from kg.corpus import evaluate
    from kg.evaluate import PRF
    from kg.extract import learned
    from kg.extract.events import placing
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    totals = {"events": PRF(), "claims": PRF()}
    with tempfile.TemporaryDirectory() as tmp:
        train_dir = Path(tmp) / "train"
        if _realtext().cmd_materialize("train", str(train_dir)) != 0:
            raise SystemExit(1)
        names = sorted(p.stem for p in train_dir.glob("*.json"))
        fold_of = {n: int(hashlib.sha1((salt + n).encode()).hexdigest(), 16) % FOLDS for n in names}
        # each article's examples once (the rules' placing does not depend on the weights)
        per_article = {}
        for n in names:
            one = Path(tmp) / "one" / n
            one.mkdir(parents=True)
            for suffix in (".json", ".txt"):
                shutil.copy(train_dir / f"{n}{suffix}", one)
            per_article[n] = place_examples([(one, REAL_WEIGHT, "real")], nlp)
        invented = place_examples([(p, 1, "invented") for p in INVENTED], nlp)
        shipped = placing.model
        try:
            for k in range(FOLDS):
                X, y, w = list(invented.X), list(invented.y), list(invented.w)
                for n in names:
                    if fold_of[n] != k:
                        X += per_article[n].X
                        y += per_article[n].y
                        w += per_article[n].w
                weights = fit(X, y, w)
                placing.model = lambda name, weights=weights: weights if name == "places" else learned.model(name)
                part = Path(tmp) / f"fold{k}"
                part.mkdir()
                for n in names:
                    if fold_of[n] == k:
                        for suffix in (".json", ".txt"):
                            shutil.copy(train_dir / f"{n}{suffix}", part)
                scores = evaluate(part, part)
                totals["events"].add(scores.events)
                totals["claims"].add(scores.claims)
        finally:
            placing.model = shipped
    return totals


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare a fresh training with the shipped weights")
    ap.add_argument("--cv", action="store_true", help=f"{FOLDS}-fold cross-validation of the place ranker through "
                    "kg eval on the real train split (writes nothing)")
    ap.add_argument("--cv-salt", default="", metavar="TEXT", help="cut the folds anew, with this text in the hash")
    args = ap.parse_args(argv)
    if args.cv:
        for what, t in cross_validate(args.cv_salt).items():
            print(f"{what}: {t.tp} matched, {t.fp} false, {t.fn} missed, F1 {t.f1:.3f}")
        return 0
    stale = []

    def write(name: str, content: dict) -> None:
        path = WEIGHTS / f"{name}.json"
        text = json.dumps(content, indent=1, ensure_ascii=False) + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
            return  # the next model is checked against the shipped weights of this one
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {content['examples']}")

    build(write)
    if args.check:
        print("differ from a fresh training: " + ", ".join(stale) if stale else "the shipped weights are up to date")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
