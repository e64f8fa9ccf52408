"""Re-run the `kg query` examples in README.md on the bundled sample and rewrite their output.

    python tools/update_readme.py          # rewrite README.md
    python tools/update_readme.py --check  # exit 1 if README.md is out of date

tests/test_readme.py runs the check, so the README never shows output kg no longer gives.
"""

from __future__ import annotations

import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"```console\n\$ (kg query [^\n]+)\n(.*?)```", re.S)


def render(readme: str) -> str:
    from click.testing import CliRunner

    from kg.cli import main

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "dnipro.ttl"
        res = runner.invoke(main, ["extract", str(ROOT / "examples" / "dnipro-2023-05-27.txt"), "-o", str(data)])
        if res.exit_code != 0:
            raise SystemExit(f"extracting the sample failed: {res.output}")

        def run(m: re.Match) -> str:
            args = shlex.split(m.group(1))[1:]
            args = [str(data) if a == "dnipro.ttl" else a for a in args]
            out = runner.invoke(main, args)
            if out.exit_code != 0:
                raise SystemExit(f"`{m.group(1)}` failed: {out.output}")
            return f"```console\n$ {m.group(1)}\n{out.stdout}```"

        return BLOCK.sub(run, readme)


if __name__ == "__main__":
    path = ROOT / "README.md"
    current = path.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md examples are out of date: run python tools/update_readme.py", file=sys.stderr)
            sys.exit(1)
    else:
        path.write_text(fresh, encoding="utf-8")
