"""kg: conflict news → knowledge graph."""

__version__ = "0.14.0"
