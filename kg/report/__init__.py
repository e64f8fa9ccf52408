"""An HTML report of a kg graph: events, casualties, claims, a timeline, a map and the highlighted sources.

Reads Turtle only (no spaCy, no extraction): see :mod:`kg.report.build`. Nothing heavy is imported
until it is used, so registering the ``kg report`` command costs the command line nothing.
"""

from importlib import import_module

_MODULE = {"build_report": "build", "collect": "views", "figure": "figures", "render": "page", "total": "figures"}
__all__ = sorted(_MODULE)


def __getattr__(name: str):
    if name in _MODULE:
        return getattr(import_module(f"kg.report.{_MODULE[name]}"), name)
    raise AttributeError(f"module 'kg.report' has no attribute {name!r}")
