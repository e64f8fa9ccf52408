"""Claims: what the article's sources say about its attacks (responsibility, accusation, denial, report, threat).

The modules, from the bottom up:

- :mod:`~kg.extract.claims.speakers`: who speaks (the subject of a cue verb, followed from sentence to sentence);
- :mod:`~kg.extract.claims.linking`: which event a statement is about;
- :mod:`~kg.extract.claims.kinds`: what kind of claim a statement of saying is, from its content;
- :mod:`~kg.extract.claims.builder`: the cue verbs of each sentence and the claims they make (:class:`ClaimBuilder`).
"""
