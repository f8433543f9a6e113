"""Word tokens with character offsets, shared by every extraction step.

>>> [t.text for t in tokenize("Wali Kota Batam, Amsakar")]
['Wali', 'Kota', 'Batam', ',', 'Amsakar']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Token", "fold", "norm_words", "tokenize"]

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*|\S", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """One word or punctuation mark; ``start``/``end`` are offsets in the article text."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        """Starts with a capital letter (a candidate proper noun)."""
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper() and len(self.text) > 1


def fold(text: str) -> str:
    """Casefold and strip accents: ``"Tiongkok"`` and ``"TIÓNGKOK"`` fold alike."""
    text = text.replace("’", "'").casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (letters/digits with inner apostrophes) and single punctuation marks."""
    return [
        Token(m.group(), fold(m.group()), m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(text)
    ]


def norm_words(phrase: str) -> tuple[str, ...]:
    """The normalized token sequence of a lexicon phrase."""
    return tuple(fold(m.group()) for m in _TOKEN.finditer(phrase))
