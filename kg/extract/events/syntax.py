"""Reading the dependency parse around a trigger: normalised lemmas, the clause a token is in, a quantity's head.

Each of these is asked for many tokens of every sentence, so the per-document ones are computed once per
extraction (:mod:`kg.extract.doccache`).
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import doccache
from kg.lexicon import ARMED_SUBJECTS, NOUN_TRIGGERS, QUANTITY_HEADS, WEAPON_WORDS


def norm_lemma(t: Token) -> str:
    """Lower-case lemma; a capitalised first word the tagger took for a name ("Drones slammed") is
    read as the common noun it is."""
    return norm_lemmas(t.doc)[t.i]


def norm_lemmas(doc) -> list[str]:
    """:func:`norm_lemma` of every token, once per extraction."""
    return doccache.computed(doc, "norm_lemmas", _norm_lemmas)


def _norm_lemmas(doc) -> list[str]:
    """:func:`norm_lemma` of every token of ``doc``, in one pass over its columns."""
    cols = doccache.columns(doc)
    out = list(cols.lemma)
    for i, pos in enumerate(cols.pos):
        if pos == "PROPN" and (i == 0 or cols.tokens[i].is_sent_start or cols.tokens[i - 1].is_space):
            word = cols.lower[i]
            for cand in (word, word[:-1] if word.endswith("s") else word):
                if cand in WEAPON_WORDS or cand in NOUN_TRIGGERS or cand in ARMED_SUBJECTS:
                    out[i] = cand
                    break
    return out


def same_token(a: Token | None, b: Token | None) -> bool:
    """Token identity (spaCy makes a new Token object on every access)."""
    return a is not None and b is not None and a.i == b.i


def head_noun(t: Token | None) -> Token | None:
    """ "dozens of Katyusha rockets" → rockets; "a barrage of missiles" → missiles."""
    if t is not None and (t.lower_ in QUANTITY_HEADS or t.like_num):
        of = next((g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            return of
    return t


# dependencies of a noun phrase: a verb or a gerund with one of these is used as a noun, not a clause of its own
NOMINAL_DEPS = {"nsubj", "nsubjpass", "csubj", "dobj", "pobj", "nmod", "compound", "appos", "conj"}
NOT_CLAUSE_DEPS = ("amod", "compound", "nmod", "nsubj", "nsubjpass", "csubj", "dobj", "pobj")


def _clause_verb_indices(doc) -> list[int | None]:
    """For every token, the index of the nearest verb above it (itself if it is a verb), or None: one pass over
    the document's columns, each head chain walked once (Token objects are made anew on every access)."""
    cols = doccache.columns(doc)
    head, pos, dep = cols.head, cols.pos, cols.dep
    out: list[int | None] = [None] * len(doc)
    done = [False] * len(doc)
    for i in range(len(doc)):
        path, j = [], i
        while True:
            if done[j]:
                found = out[j]
                break
            path.append(j)
            if pos[j] in ("VERB", "AUX") and dep[j] not in NOT_CLAUSE_DEPS:
                found = j
                break
            if head[j] == j:  # the root
                found = None
                break
            j = head[j]
        for k in path:
            out[k], done[k] = found, True
    return out


def clause_verb_i(tok: Token) -> int | None:
    """The index of :func:`clause_verb`'s answer, with no Token made."""
    return doccache.computed(tok.doc, "clause_verbs", _clause_verb_indices)[tok.i]


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb above a token (itself if it is a verb)."""
    i = clause_verb_i(tok)
    return None if i is None else tok.doc[i]


def clause_tokens(verb: Token) -> list[Token]:
    """Tokens of a verb's own clause, its coordinated verbs included ("killed one and injured five in X"), in text
    order (spaCy's subtree walk is not, in a non-projective parse)."""
    verbs = {verb.i} | {c.i for c in verb.conjuncts if c.pos_ in ("VERB", "AUX")}
    doc = verb.doc
    clause_verbs = doccache.computed(doc, "clause_verbs", _clause_verb_indices)
    tokens = doccache.columns(doc).tokens
    # The verb's subtree lies between its edges, but in a non-projective parse not every token there is in it: a
    # token whose nearest verb is the verb itself is; any other is checked.
    return [tokens[i] for i in range(verb.left_edge.i, verb.right_edge.i + 1)
            if (v := clause_verbs[i]) in verbs and (v == verb.i or doccache.in_subtree(doc, i, verb.i))]
