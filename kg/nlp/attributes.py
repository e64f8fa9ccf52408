"""``kg_attribute_ruler``: spaCy's attribute ruler with the same patterns and the same output, found by lookup.

The English models map each fine-grained tag to its coarse part of speech and morphology, and fix a few words'
lemmas, with an ``attribute_ruler``: a Matcher run over every token with all of its patterns (179 in the small
model). That Matcher costs about a quarter of the whole pipeline in bare spaCy — more than the parser. Yet its
patterns test a token's own text, tag and dependency label alone (two-token ones test a word and the next), so
the patterns a token matches depend only on those few values. :class:`LookupRuler` evaluates the patterns once
for each distinct tuple of values it meets, remembers the answer, and hands the matches, sorted as the ruler sorts
them, to the ruler's own ``set_annotations``: every token gets exactly the attributes spaCy's ruler would give it.

:func:`use_lookup_ruler` puts one in place of a pipeline's ruler, unless a pattern uses anything else (a quantifier,
another token attribute or operator): such a pipeline keeps spaCy's ruler.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

#: the token attributes a pattern may test, and the column of ``Doc.to_array`` that holds each
ATTRIBUTES = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
OTHER = -1  # a value no test names: the class of every word no pattern mentions
REGEX_CACHE = 50_000  # words whose regular-expression results are remembered, per attribute (then forgotten)


def _test(spec: dict, strings, regexes: dict[str, list]) -> tuple | None:
    """One token pattern as (attribute, kind, value) tests; ``None`` when it needs the Matcher. A regular
    expression is registered in ``regexes`` under its attribute and tested by its number there."""
    tests = []
    for name, want in spec.items():
        if name not in ATTRIBUTES:
            return None
        if name == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            tests.append((name, "is", int(want)))
        elif isinstance(want, str):
            tests.append((name, "is", strings.add(want)))
        elif isinstance(want, dict) and len(want) == 1:
            (op, value), = want.items()
            if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                tests.append((name, op, frozenset(strings.add(v) for v in value)))
            elif op == "REGEX" and isinstance(value, str):
                regexes.setdefault(name, []).append(re.compile(value))
                tests.append((name, op, len(regexes[name]) - 1))
            else:
                return None
        else:
            return None
    return tuple(tests)


def _passes(tests: tuple, key: dict[str, tuple]) -> bool:
    """Does a token whose attributes fall in the classes ``key`` pass ``tests``."""
    for name, kind, value in tests:
        got, found = key[name]
        if kind == "is":
            if got != value:
                return False
        elif kind == "IN":
            if got not in value:
                return False
        elif kind == "NOT_IN":
            if got in value:
                return False
        elif not found[value]:  # REGEX
            return False
    return True


class LookupRuler:
    """What a :class:`spacy.pipeline.AttributeRuler` does, found by lookup; saved and loaded as that ruler is.

    A token is reduced to the class of each attribute the patterns test: its value when some test names that
    value, else ``OTHER``, with the results of the attribute's regular expressions. Which rules a token matches is
    looked up by those classes, so what is remembered stays as small as the patterns, however many words a corpus
    has."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.strings = ruler.vocab.strings
        self._compile()

    def _compile(self) -> None:
        regexes: dict[str, list] = {}
        rules = _rules(self.ruler, regexes)
        if rules is None:
            raise ValueError("the attribute ruler has patterns only spaCy's Matcher can apply")
        self.single = [(a, m, p[0]) for a, m, p in rules if len(p) == 1]  # (rule, match id, tests)
        self.longer = [(a, m, p) for a, m, p in rules if len(p) > 1]
        self.names = sorted({name for _, _, p in rules for tests in p for name, _, _ in tests})
        self.columns = [ATTRIBUTES[n] for n in self.names]
        named: dict[str, set] = {n: set() for n in self.names}
        for _, _, p in rules:
            for tests in p:
                for name, kind, value in tests:
                    if kind == "is":
                        named[name].add(value)
                    elif kind in ("IN", "NOT_IN"):
                        named[name] |= value
        self.named = [named[n] for n in self.names]
        self.regexes = [regexes.get(n, []) for n in self.names]
        self._found: list[dict] = [{} for _ in self.names]  # value → its regular expressions' results
        self._first: dict[tuple, tuple] = {}  # classes → (rules matched, longer rules whose first token it is)
        self._later: dict[tuple, bool] = {}

    def _classes(self, row: list[int]) -> tuple:
        out = []
        for c, value in enumerate(row):
            found = ()
            if self.regexes[c]:
                found = self._found[c].get(value)
                if found is None:
                    if len(self._found[c]) >= REGEX_CACHE:
                        self._found[c].clear()
                    text = self.strings[value] if value else ""  # the attribute's text, as the Matcher reads it
                    found = self._found[c][value] = tuple(bool(r.search(text)) for r in self.regexes[c])
            out.append((value if value in self.named[c] else OTHER, found))
        return tuple(out)

    def _lookup(self, key: tuple) -> tuple:
        hit = self._first.get(key)
        if hit is None:
            classes = dict(zip(self.names, key))
            hit = self._first[key] = (
                tuple((a, m) for a, m, tests in self.single if _passes(tests, classes)),
                tuple(n for n, (_, _, p) in enumerate(self.longer) if _passes(p[0], classes)))
        return hit

    def _rest_matches(self, n: int, keys: list[tuple], start: int) -> bool:
        pattern = self.longer[n][2]
        if start + len(pattern) > len(keys):
            return False
        for j in range(1, len(pattern)):
            at = (n, j, keys[start + j])
            ok = self._later.get(at)
            if ok is None:
                ok = self._later[at] = _passes(pattern[j], dict(zip(self.names, keys[start + j])))
            if not ok:
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array(self.columns).reshape(len(doc), len(self.columns))  # one column comes back flat
        keys = [self._classes(row) for row in columns.tolist()]
        matches = []
        for i, key in enumerate(keys):
            single, starts = self._lookup(key)
            for a, m in single:
                matches.append((a, m, i, i + 1))
            for n in starts:
                if self._rest_matches(n, keys, i):
                    a, m, pattern = self.longer[n]
                    matches.append((a, m, i, i + len(pattern)))
        matches.sort()  # by rule: a later rule's attributes win, as in the ruler's own ``match``
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def to_bytes(self, exclude=()) -> bytes:
        return self.ruler.to_bytes(exclude=exclude)

    def from_bytes(self, data: bytes, exclude=()) -> "LookupRuler":
        self.ruler.from_bytes(data, exclude=exclude)
        self._compile()
        return self

    def to_disk(self, path, exclude=()) -> None:
        self.ruler.to_disk(path, exclude=exclude)

    def from_disk(self, path, exclude=()) -> "LookupRuler":
        self.ruler.from_disk(path, exclude=exclude)
        self._compile()
        return self


def _rules(ruler: AttributeRuler, regexes: dict[str, list]) -> list[tuple[int, int, tuple]] | None:
    """Each pattern of ``ruler`` as (rule, match id, tests of each token), or ``None`` when one needs the
    Matcher."""
    strings = ruler.vocab.strings
    rules = []
    for a, entry in enumerate(ruler.patterns):  # the ruler's rule ``a`` is its Matcher's key ``str(a)``
        match_id = strings.add(str(a))
        for pattern in entry["patterns"]:
            tests = tuple(_test(spec, strings, regexes) for spec in pattern)
            if not tests or any(t is None for t in tests) or not -len(tests) <= entry["index"] < len(tests):
                return None
            rules.append((a, match_id, tests))
    return rules


def use_lookup_ruler(nlp: Language) -> bool:
    """Put a :class:`LookupRuler` in place of ``nlp``'s ``attribute_ruler``, under the same name; ``False`` (and
    ``nlp`` unchanged) when there is none or its patterns need spaCy's Matcher."""
    if "attribute_ruler" not in nlp.pipe_names or _rules(nlp.get_pipe("attribute_ruler"), {}) is None:
        return False
    nlp.add_pipe("kg_attribute_ruler", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("kg_attribute_ruler", "attribute_ruler")
    return True


@Language.factory("kg_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma", "token.tag"],
                  requires=["token.tag"])
def make_lookup_ruler(nlp: Language, name: str) -> LookupRuler:
    """The pipeline's ``attribute_ruler`` as a :class:`LookupRuler` (added beside it, to take its place); an empty
    one when there is none yet (a saved pipeline being loaded: ``from_disk`` brings the patterns)."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else AttributeRuler(nlp.vocab)
    return LookupRuler(ruler)
