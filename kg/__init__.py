"""kg: conflict news → knowledge graph."""

__version__ = "0.2.0"
