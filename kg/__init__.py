"""kg: conflict news → knowledge graph."""

__version__ = "0.8.0"
