"""An HTML report of a kg graph: events, casualties, claims, a timeline, a map and the highlighted sources.

Reads Turtle only (no spaCy, no extraction): see :mod:`kg.report.build`. Nothing heavy is imported
until it is used, so registering the ``kg report`` command costs the command line nothing.
"""

__all__ = ["build_report", "collect", "figure", "render", "total"]


def __getattr__(name: str):
    if name in __all__:
        from kg.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'kg.report' has no attribute {name!r}")
