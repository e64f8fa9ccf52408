"""Serialise, validate and query kg's graphs, and talk to SPARQL stores over HTTP (rdflib, pyoxigraph, pySHACL)."""
