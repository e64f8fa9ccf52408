"""kg's exceptions.  Each says which exit code it ends a command with; the CLI maps them in one place
(:mod:`kg.cli.app`)."""

from __future__ import annotations

import os

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class KgError(Exception):
    """Base class of every error kg raises on purpose: the command ends with "Error: <message>" on stderr and
    exit code ``exit_code`` (2, a usage error or unreadable input, unless a subclass says otherwise)."""

    exit_code = EXIT_USAGE


class InputError(KgError):
    """A document or input path cannot be read; the message names it and says why."""

    def __init__(self, doc_id: str, reason: str):
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


class UsageError(KgError):
    """The user asked for something that cannot be done (unknown query, bad parameter...)."""


class EndpointError(KgError):
    """A SPARQL endpoint failed or could not be reached: the command did part of its work (exit 1)."""

    exit_code = EXIT_PARTIAL


class OutputError(KgError):
    """An output file cannot be written (exit 2)."""

    @classmethod
    def of(cls, e: OSError, where: str | os.PathLike | None = None) -> OutputError:
        """The error for ``e``, naming the file the system named, else ``where``."""
        return cls(f"cannot write {e.filename or where or 'the output'}: {e.strerror or e}")
