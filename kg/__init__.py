"""kg: conflict news → knowledge graph."""

__version__ = "0.15.0"
