"""Serialise, validate and query kg's graphs (rdflib, pyoxigraph, SPARQLWrapper, pySHACL)."""
