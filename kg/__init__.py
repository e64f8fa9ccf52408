"""kg: conflict news → knowledge graph."""

__version__ = "0.9.0"
