#!/usr/bin/env python3
"""The real-text corpus: third-party news excerpts kept out of the repository, standoff data kept in it.

The texts (news excerpts from the stored public web pages) are never committed. They live in an ignored
cache, ``.realtext/`` at the top of the checkout (``KG_REALTEXT`` overrides it):

  .realtext/texts/ID.txt     the excerpt as the page store returned it
  .realtext/gold/ID.json     gold in the shared format (../shared/eval/SCHEMA.md) with evidence sentences,
                             plus the page's facts: url, published, outlet, conflict, style, search

What is committed (``tests/data/real/``) is standoff only:

  articles.jsonl             one line per article: id, url, published, outlet, conflict, style, search words,
                             sha256 and length of the cleaned text, split (train / dev / test)
  gold/ID.json               the gold with every ``evidence`` (and every target, count wording or actor name of
                             more than four words copied from the text) replaced by a locator: character
                             offsets, the span's first three words and the sha1 of the span

Commands:

  realtext.py check FILE...   a cached gold file is well formed and every evidence is in its text
  realtext.py pack            cache → standoff (assigns splits to new articles; existing splits never move;
                              an article packed before whose gold is no longer cached is kept as committed)
  realtext.py verify          every cached text hashes to its committed sha256 and every locator resolves
  realtext.py restore ID FILE store FILE as article ID's cached text if it hashes to the committed sha256;
                              FILE holds the excerpt as the page store returned it, raw or as the JSON string
                              literal of its answer (quotes and escapes kept, so no character is lost in copying)
  realtext.py materialize SPLIT OUT
                              OUT/ID.txt (with the ``date`` header kg reads) and OUT/ID.json (evidence
                              sentences restored from the locators) for ``kg eval OUT OUT``
  realtext.py fingerprint     one line per cached article, every split: its id, split and a hash of kg's
                              N-Quads for it (version and run IRIs set aside). Run it before and after a change
                              meant to keep the output (a refactoring) and diff the two: a line that differs
                              names an article whose output changed, without showing any of it, so the blind
                              split can be checked too

Rebuilding the cache on a new machine: for each line of articles.jsonl, search the stored public web pages
(corpus "pages") with its ``search`` words, take the result whose address is its ``url``, save that excerpt's
JSON string to a file and run ``restore ID FILE`` (it refuses a text that differs from the one annotated);
``verify`` then says which articles are still missing. Session 14 rebuilt all 273 this way, with helpers
each given a share of the list. The cache is also
mirrored to ~/.cache/kg-realtext by ``pack``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("KG_REALTEXT", ROOT / ".realtext"))
MIRROR = Path.home() / ".cache" / "kg-realtext"
STANDOFF = ROOT / "tests" / "data" / "real"

TYPES = {"missile_strike", "drone_strike", "air_strike", "shelling", "bombing", "armed_clash", "strike",
         "other_attack"}
KINDS = {"responsibility", "accusation", "denial", "report", "threat"}
STYLES = {"wire", "local", "state", "ngo", "translated", "other"}
EVENT_KEYS = {"id", "type", "attacker", "target", "place", "country", "date", "date_range", "killed", "injured",
              "missing", "evidence"}
CLAIM_KEYS = {"kind", "speaker", "about_event", "accused", "evidence"}
META_KEYS = ("id", "url", "published", "outlet", "conflict", "style", "search")
SPLITS = (("train", 60), ("dev", 20), ("test", 20))


def clean(raw: str) -> str:
    """The text kg reads and the hash covers: NFC, LF line ends, no trailing spaces, no blank edges."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, evidence: str) -> dict:
    start = text.find(evidence)
    if start < 0:
        raise ValueError(f"evidence not in the text: {evidence[:60]!r}")
    span = text[start:start + len(evidence)]
    return {"start": start, "end": start + len(span), "first_words": " ".join(span.split()[:3]),
            "sha1": hashlib.sha1(span.encode("utf-8")).hexdigest()}


def resolve(text: str, loc: dict) -> str:
    span = text[loc["start"]:loc["end"]]
    if hashlib.sha1(span.encode("utf-8")).hexdigest() != loc["sha1"]:
        raise ValueError(f"locator {loc['start']}-{loc['end']} ({loc['first_words']!r}) does not resolve")
    return span


def _date(value, what: str, problems: list[str]) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.append(f"{what}: not an ISO date: {value!r}")
        return None


def _count(value, what: str, problems: list[str]) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or set(value) != {"min", "max", "text"}:
        problems.append(f"{what}: want null or {{min, max, text}}")
        return
    lo, hi = value["min"], value["max"]
    if lo is not None and hi is not None and lo > hi:
        problems.append(f"{what}: min > max")


def check_gold(gold: dict, text: str) -> list[str]:
    """What is wrong with one cached gold file (empty when nothing is)."""
    problems: list[str] = []
    for key in META_KEYS:
        if not gold.get(key):
            problems.append(f"missing {key}")
    if gold.get("style") not in STYLES:
        problems.append(f"style must be one of {sorted(STYLES)}")
    published = _date(gold.get("published"), "published", problems)
    ids = set()
    for ev in gold.get("events", []):
        name = f"event {ev.get('id')}"
        if set(ev) != EVENT_KEYS:
            problems.append(f"{name}: keys differ from SCHEMA.md: {sorted(set(ev) ^ EVENT_KEYS)}")
            continue
        ids.add(ev["id"])
        if ev["type"] not in TYPES:
            problems.append(f"{name}: type {ev['type']!r}")
        day = _date(ev["date"], f"{name} date", problems)
        days = [_date(d, f"{name} date_range", problems) for d in (ev["date_range"] or [])]
        for d in [day, *days]:
            if d and published and d > published:
                problems.append(f"{name}: date after publication")
        if ev["date_range"] is not None and len(ev["date_range"]) != 2:
            problems.append(f"{name}: date_range is [first, last]")
        if ev["country"] is not None and not re.fullmatch(r"[A-Z]{2}", ev["country"]):
            problems.append(f"{name}: country is an ISO alpha-2 code")
        for field in ("killed", "injured", "missing"):
            _count(ev[field], f"{name} {field}", problems)
        if text.find(ev["evidence"] or "\0") < 0:
            problems.append(f"{name}: evidence not an exact substring of the text")
    for i, cl in enumerate(gold.get("claims", [])):
        name = f"claim {i + 1}"
        if set(cl) != CLAIM_KEYS:
            problems.append(f"{name}: keys differ from SCHEMA.md: {sorted(set(cl) ^ CLAIM_KEYS)}")
            continue
        if cl["kind"] not in KINDS:
            problems.append(f"{name}: kind {cl['kind']!r}")
        if cl["about_event"] is not None and cl["about_event"] not in ids:
            problems.append(f"{name}: about_event {cl['about_event']!r} is no event id")
        if not cl["speaker"]:
            problems.append(f"{name}: no speaker")
        if text.find(cl["evidence"] or "\0") < 0:
            problems.append(f"{name}: evidence not an exact substring of the text")
    return problems


def _cached(gold_path: Path) -> tuple[dict, str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = clean((CACHE / "texts" / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
    return gold, text


def cmd_check(paths: list[str]) -> int:
    bad = 0
    for p in map(Path, paths):
        try:
            gold, text = _cached(p)
            problems = check_gold(gold, text)
            if gold.get("id") != p.stem:
                problems.append(f"id {gold.get('id')!r} is not the file name {p.stem!r}")
        except (OSError, ValueError) as exc:
            problems = [str(exc)]
        for line in problems:
            print(f"{p.name}: {line}")
        bad += bool(problems)
    print(f"{len(paths) - bad} of {len(paths)} gold files well formed")
    return 1 if bad else 0


def _articles() -> dict[str, dict]:
    path = STANDOFF / "articles.jsonl"
    if not path.exists():
        return {}
    return {a["id"]: a for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _split_for(article_id: str, group: list[str]) -> str:
    """60/20/20 within each helper's batch (the id's prefix), by a hash of the id: stable, not chosen."""
    order = sorted(group, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    rank = order.index(article_id) / len(order)
    edge = 0.0
    for name, share in SPLITS:
        edge += share / 100
        if rank < edge - 1e-9:
            return name
    return SPLITS[-1][0]


def cmd_pack() -> int:
    known = _articles()
    golds = sorted((CACHE / "gold").glob("*.json"))
    bad = [p for p in golds if check_gold(*_cached(p))]
    if bad:
        print("not packed, fix first:", *(p.name for p in bad))
        return 1
    by_prefix: dict[str, list[str]] = {}
    for p in golds:
        by_prefix.setdefault(p.stem.split("-")[0], []).append(p.stem)
    (STANDOFF / "gold").mkdir(parents=True, exist_ok=True)
    lines = []
    for p in golds:
        gold, text = _cached(p)
        meta = {k: gold[k] for k in META_KEYS}
        old = known.get(gold["id"])
        if old and old["sha256"] != sha256(text):
            print(f"{gold['id']}: the cached text changed since it was packed")
            return 1
        split = old["split"] if old else _split_for(gold["id"], by_prefix[gold["id"].split("-")[0]])
        lines.append({**meta, "sha256": sha256(text), "chars": len(text), "split": split})
        standoff = {"source_url": gold["url"], "published": gold["published"],
                    "events": [_event_standoff(text, e) for e in gold["events"]],
                    "claims": [_claim_standoff(text, c) for c in gold["claims"]]}
        (STANDOFF / "gold" / f"{gold['id']}.json").write_text(
            json.dumps(standoff, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    cached = {a["id"] for a in lines}
    lines += [a for a in known.values() if a["id"] not in cached]  # packed before, its gold no longer cached
    lines.sort(key=lambda a: a["id"])
    (STANDOFF / "articles.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in lines), encoding="utf-8")
    shutil.copytree(CACHE, MIRROR, dirs_exist_ok=True)
    counts = {s: sum(a["split"] == s for a in lines) for s, _ in SPLITS}
    print(f"packed {len(lines)} articles: {counts}; cache mirrored to {MIRROR}")
    return 0


def _phrase(text: str, phrase: str | None):
    """A copied phrase of more than four words becomes a locator (its words are the article's, not ours); one
    the text does not hold verbatim is kept only when it is that short."""
    if phrase is None or len(phrase.split()) <= 4:
        return phrase
    return locate(text, phrase) if phrase in text else None


def _name(text: str, name: str | None):
    """An actor named by more than four words copied from the text ("the militia of the X council based in Y")
    becomes a locator too; a name the annotator wrote in other words, or a short one, stays as written."""
    if name is None or isinstance(name, dict) or len(name.split()) <= 4 or name not in text:
        return name
    return locate(text, name)


def _event_standoff(text: str, event: dict) -> dict:
    out = {**event, "evidence": locate(text, event["evidence"]), "target": _phrase(text, event["target"]),
           "attacker": _name(text, event["attacker"])}
    for field in ("killed", "injured", "missing"):
        if event[field] is not None:
            out[field] = {**event[field], "text": _phrase(text, event[field]["text"])}
    return out


def _claim_standoff(text: str, claim: dict) -> dict:
    return {**claim, "evidence": locate(text, claim["evidence"]), "speaker": _name(text, claim["speaker"]),
            "accused": _name(text, claim["accused"])}


def _restore(text: str, value):
    return resolve(text, value) if isinstance(value, dict) else value


def _resolved(article: dict) -> tuple[str, dict]:
    text = clean((CACHE / "texts" / f"{article['id']}.txt").read_text(encoding="utf-8"))
    if sha256(text) != article["sha256"]:
        raise ValueError("cached text differs from the committed hash")
    gold = json.loads((STANDOFF / "gold" / f"{article['id']}.json").read_text(encoding="utf-8"))
    for item in [*gold["events"], *gold["claims"]]:
        item["evidence"] = resolve(text, item["evidence"])
    for claim in gold["claims"]:
        for field in ("speaker", "accused"):
            claim[field] = _restore(text, claim[field])
    for event in gold["events"]:
        event["target"] = _restore(text, event["target"])
        event["attacker"] = _restore(text, event["attacker"])
        for field in ("killed", "injured", "missing"):
            if event[field] is not None:
                event[field]["text"] = _restore(text, event[field]["text"])
    return text, gold


def cmd_verify() -> int:
    bad = 0
    articles = _articles()
    for art in articles.values():
        try:
            _resolved(art)
        except (OSError, ValueError) as exc:
            print(f"{art['id']}: {exc}")
            bad += 1
    print(f"{len(articles) - bad} of {len(articles)} articles verified")
    return 1 if bad or not articles else 0


def cmd_restore(article_id: str, path: str) -> int:
    article = _articles().get(article_id)
    if article is None:
        print(f"{article_id}: no such article in {STANDOFF / 'articles.jsonl'}", file=sys.stderr)
        return 2
    raw = Path(path).read_text(encoding="utf-8")
    try:
        excerpt = json.loads(raw)
    except ValueError:
        excerpt = raw
    if not isinstance(excerpt, str):
        print(f"{article_id}: {path} holds JSON that is not a string", file=sys.stderr)
        return 2
    # the store may hand back the excerpt with or without the blank edges the annotators saw
    for candidate in (excerpt, excerpt.strip(), " " + excerpt.strip()):
        if sha256(clean(candidate)) == article["sha256"]:
            out = CACHE / "texts" / f"{article_id}.txt"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(candidate, encoding="utf-8")
            print(f"{article_id}: restored")
            return 0
    print(f"{article_id}: differs from the annotated text (cleaned length {len(clean(excerpt))}, "
          f"annotated {article['chars']})", file=sys.stderr)
    return 1


def cmd_materialize(split: str, out: str) -> int:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    n = skipped = 0
    for art in _articles().values():
        if split not in (art["split"], "all"):
            continue
        try:
            text, gold = _resolved(art)
        except (OSError, ValueError) as exc:  # a page the store no longer returns as it was: say so, go on
            print(f"{art['id']}: skipped, {exc}", file=sys.stderr)
            skipped += 1
            continue
        (target / f"{art['id']}.txt").write_text(f"date {art['published']}\n{text}", encoding="utf-8")
        (target / f"{art['id']}.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
        n += 1
    print(f"{n} articles of split {split} in {target}" + (f" ({skipped} skipped)" if skipped else ""))
    return 0 if n else 1


_VERSIONED = re.compile(r"(?<=/software/kg-)[^>]+|(?<=/run/)[0-9a-f]{16}|\"(?:kg )?\d+\.\d+\.\d+(?:\+[0-9a-f]+)?\"")


def cmd_fingerprint() -> int:
    from kg.corpus import process_documents
    from kg.io import ReadFailure
    from kg.model import Document

    articles = _articles()
    docs = []
    for art in articles.values():
        try:
            text, _ = _resolved(art)
        except (OSError, ValueError) as exc:
            print(f"{art['id']}: skipped, {exc}", file=sys.stderr)
            continue
        docs.append(Document(id=art["id"], text=text, published=dt.date.fromisoformat(art["published"])))
    for item in process_documents(docs, fmt="nq"):
        if isinstance(item, ReadFailure):
            print(f"{item.doc_id}\tfailed: {item.reason}")
        else:
            digest = hashlib.sha256(_VERSIONED.sub("", item.data.decode("utf-8")).encode()).hexdigest()[:16]
            print(f"{item.id}\t{articles[item.id]['split']}\t{digest}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"] and argv[1:]:
        return cmd_check(argv[1:])
    if argv == ["pack"]:
        return cmd_pack()
    if argv == ["verify"]:
        return cmd_verify()
    if argv[:1] == ["restore"] and len(argv) == 3:
        return cmd_restore(argv[1], argv[2])
    if argv[:1] == ["materialize"] and len(argv) == 3:
        return cmd_materialize(argv[1], argv[2])
    if argv == ["fingerprint"]:
        return cmd_fingerprint()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
