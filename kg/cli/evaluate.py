"""``kg eval``: score extraction against gold annotations (the shared SCHEMA.md format)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.common import write_output
from kg.corpus import evaluate as run_evaluation
from kg.nlp import DEFAULT_MODEL


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the full JSON report here.")
@click.option("--model", default=None, help="spaCy model package or path.")
def evaluate(gold_dir: Path, articles_dir: Path, report: Path | None, model: str | None) -> None:
    """Score extraction against gold annotations (the shared SCHEMA.md format).

    For every GOLD_DIR/NAME.json, extracts ARTICLES_DIR/NAME.txt, queries the
    produced RDF with the bundled `events` and `claims` queries and prints
    precision / recall / F1 for events and claims and the accuracy of each
    argument over matched events. The JSON report lists every miss and false
    alarm with its evidence sentence.

    \b
    Example:
      kg eval tests/data/dev tests/data/dev --report dev-report.json
    """
    result = run_evaluation(gold_dir, articles_dir, model=model or DEFAULT_MODEL)
    click.echo(result.table(), nl=False)
    if report:
        write_output(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n", report)
