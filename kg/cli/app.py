"""The ``kg`` command group, and the one place where an error becomes an exit code.

Exit codes: 0 success; 1 some documents failed (output still written for the rest), a SPARQL store failed or,
for ``validate``, the data does not conform; 2 usage error or no readable input. A :class:`kg.errors.KgError`
raised by any command ends it with "Error: <message>" on stderr and the error's own exit code; with
``kg --debug`` (or KG_DEBUG=1) it is raised instead, with its traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from kg import __version__
from kg.cli.common import one_line
from kg.errors import KgError


#: command name → "module:function"; a command's module is imported only when that command runs (or for
#: ``kg --help``), so that ``kg query`` never loads spaCy
COMMANDS = {name: f"kg.cli.{module}:{function}" for name, module, function in (
    ("extract", "extract", "extract"), ("consolidate", "consolidate", "consolidate"), ("dask", "dask", "dask"),
    ("query", "query", "query"), ("validate", "validate", "validate"), ("describe", "describe", "describe"),
    ("eval", "evaluate", "evaluate"), ("demo", "demo", "demo"), ("push", "push", "push"), ("serve", "serve", "serve"),
    ("report", "report", "report"), ("link", "link", "link"),
)}


class KgGroup(click.Group):
    """A click group whose commands are loaded when used (click's lazy-loading pattern) and that maps kg's
    errors to their exit codes for every command it runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module, _, function = COMMANDS[name].partition(":")
        return getattr(importlib.import_module(module), function)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as e:
            if ctx.params.get("debug"):
                raise
            click.echo(f"Error: {one_line(str(e))}", err=True)
            sys.exit(e.exit_code)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, envvar="KG_DEBUG",
              help="On an error, raise it with its Python traceback instead of printing a one-line message.")
def main(debug: bool) -> None:
    """kg: read English news about armed conflict and publish what it reports as linked data.

    \b
    Quick start:
      kg extract examples/dnipro-2023-05-27.txt -o dnipro.ttl
      kg query strikes-with-injuries-and-claims dnipro.ttl

    Exit codes: 0 ok, 1 some documents failed or data does not conform, 2 usage error or no readable input.
    """
