"""kg's command line: a thin click layer over the library.

:mod:`kg.cli.app` holds the group and maps errors to exit codes; each command has its own module
(:mod:`kg.cli.extract`, :mod:`kg.cli.query`, ...), which parses options, calls the library and prints;
:mod:`kg.cli.common` holds the options and output helpers they share.
"""

from kg.cli.app import main

__all__ = ["main"]
