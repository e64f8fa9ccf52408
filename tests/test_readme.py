"""The README is part of the product: its quick start is two commands, and its examples are real output."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_exactly_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2 and all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "kg demo examples/dnipro-2023-05-27.txt" in blocks[0]
    assert "python -m pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci  # CI runs the README's test command


def test_example_query_output_is_current(nlp):
    sys.path.insert(0, str(ROOT / "tools"))
    from update_readme import render

    assert render(README) == README, "run: python tools/update_readme.py"
