"""tools/realtext.py, the real-text corpus's standoff: what it keeps of a gold file is no copy of the article's words
longer than four, and gives the gold back whole. On an article written for this test (CI has no real text)."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEXT = ("Gunmen of the Northern Hills Liberation Front attacked a police post in Kadara on Monday, killing "
        "at least four officers and wounding seven, the district police commander said.\n")


def _tool():
    spec = importlib.util.spec_from_file_location("realtext", ROOT / "tools" / "realtext.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_standoff_keeps_no_long_copy_and_restores_the_gold():
    rt = _tool()
    sentence = TEXT.strip()
    event = {"id": "E1", "type": "armed_clash", "attacker": "Gunmen of the Northern Hills Liberation Front",
             "target": "a police post", "place": "Kadara", "country": "NG", "date": "2024-05-06",
             "date_range": None, "killed": {"min": 4, "max": None, "text": "at least four officers"},
             "injured": {"min": 7, "max": 7, "text": "wounding seven"}, "missing": None, "evidence": sentence}
    claim = {"kind": "report", "speaker": "the district police commander", "about_event": "E1",
             "accused": "a group its members called the front", "evidence": sentence}
    out = rt._event_standoff(TEXT, event), rt._claim_standoff(TEXT, claim)
    assert isinstance(out[0]["attacker"], dict) and isinstance(out[0]["evidence"], dict)  # six words of the text
    assert out[0]["target"] == "a police post" and out[1]["speaker"] == "the district police commander"  # short
    assert out[1]["accused"] == "a group its members called the front"  # the annotator's words, not the text's
    longest = max((v for part in out for v in json.dumps(part).split('"') if " " in v), key=lambda v: len(v.split()))
    assert len(longest.split()) <= 4 or longest not in TEXT
    restored = [rt._restore(TEXT, v) for v in (out[0]["attacker"], out[0]["evidence"], out[1]["evidence"])]
    assert restored == [event["attacker"], sentence, sentence]
