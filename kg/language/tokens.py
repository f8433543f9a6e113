"""Word tokens with character offsets, shared by every extraction step.

>>> [t.text for t in tokenize("Wali Kota Batam, Amsakar")]
['Wali', 'Kota', 'Batam', ',', 'Amsakar']
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["Token", "fold", "norm_words", "tokenize"]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*|\S", re.UNICODE)


class Token(NamedTuple):
    """One word or punctuation mark; ``start``/``end`` are offsets in the article text.

    >>> tokenize("di Medan", 10)[1]
    Token(text='Medan', norm='medan', start=13, end=18, is_word=True, is_cap=True, is_upper=False)

    ``is_word``: starts with a letter or digit; ``is_cap``: starts with a capital letter (a
    candidate proper noun); ``is_upper``: an acronym of two or more capitals.
    """

    text: str
    norm: str
    start: int
    end: int
    is_word: bool
    is_cap: bool
    is_upper: bool


_FOLDED: dict[str, str] = {}


def fold(text: str) -> str:
    """Casefold and strip accents: ``"Tiongkok"`` and ``"TIÓNGKOK"`` fold alike.

    >>> fold("TIÓNGKOK")
    'tiongkok'
    """
    found = _FOLDED.get(text)
    if found is None:
        found = _fold(text)
        if len(_FOLDED) < 200_000:  # words repeat; the cache stays small for news text
            _FOLDED[text] = found
    return found


def _fold(text: str) -> str:
    text = text.replace("’", "'").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (letters/digits with inner apostrophes) and single punctuation marks.

    >>> [t.text for t in tokenize("Ma'ruf Amin, 2025.")]
    ["Ma'ruf", 'Amin', ',', '2025', '.']
    """
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    cache = _FOLDED
    for m in _TOKEN.finditer(text):
        t = m.group()
        first = t[0]
        start = m.start() + offset
        norm = cache.get(t) or fold(t)
        upper = first.isupper()
        append(
            new(
                Token,
                (
                    t,
                    norm,
                    start,
                    start + len(t),
                    first.isalnum(),
                    upper,
                    upper and len(t) > 1 and t.isupper(),
                ),
            )
        )
    return tokens


def norm_words(phrase: str) -> tuple[str, ...]:
    """The normalized token sequence of a lexicon phrase.

    >>> norm_words("Wali  Kota")
    ('wali', 'kota')
    """
    return tuple(fold(m.group()) for m in _TOKEN.finditer(phrase))
