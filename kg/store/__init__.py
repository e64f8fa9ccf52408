"""Files, SPARQL stores and shapes: everything kg does with the RDF it made (rdflib, pyoxigraph, pySHACL).

* writing files — :mod:`~kg.store.formats` (the one table of RDF formats), :mod:`~kg.store.serialize` (Turtle,
  JSON-LD, line formats, atomic writes), :mod:`~kg.store.turtle`, :mod:`~kg.store.sinks` (where a corpus run's
  RDF goes), :mod:`~kg.store.spool` (graphs a push could not write);
* talking to SPARQL stores over HTTP — :mod:`~kg.store.httpclient` (the one client and retry policy, credentials),
  :mod:`~kg.store.sparql` (a store's URLs, queries, Graph Store writes), :mod:`~kg.store.push`;
* running a local server — :mod:`~kg.store.server` (``kg serve``) behind :mod:`~kg.store.guard`;
* querying — :mod:`~kg.store.query`, :mod:`~kg.store.describe`, :mod:`~kg.store.consolidate`, with the bundled
  queries and shapes found by :mod:`~kg.store.resources`;
* validating — :mod:`~kg.store.validate`.
"""
