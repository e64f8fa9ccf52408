"""Attack events: triggers, their arguments from the dependency parse, and coreference.

A *mention* is one trigger (a verb like "hit" or a noun like "strike") with the arguments the parse gives it.
Mentions in one clause are one event; mentions across sentences are merged when they are compatible (type, place,
time, attacker) and anaphoric, otherwise they start a new event.

The modules, from the bottom up:

- :mod:`~kg.extract.events.syntax`: reading the parse (normalised lemmas, a token's clause, a quantity's head);
- :mod:`~kg.extract.events.weapons`: the weapon a word names;
- :mod:`~kg.extract.events.agents`: who does a verb and whether they are armed (the attacker);
- :mod:`~kg.extract.events.times`: when (the time argument, and whether two times may be one);
- :mod:`~kg.extract.events.places`: where (the place argument, and how far apart two places are);
- :mod:`~kg.extract.events.triggers`: which words tell an attack;
- :mod:`~kg.extract.events.mentions`: a trigger with its arguments (:class:`Mention`);
- :mod:`~kg.extract.events.coreference`: mentions grouped into events across the article (:class:`EventBuilder`).
"""
