"""How names are compared: casefolded, accents and punctuation stripped; companies without
their legal forms; place names resolved through the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata

from kg.language.lexicon import lexicon
from kg.resolve.gazetteer import gazetteer

__all__ = ["norm", "norm_company", "place_key"]

_NON_WORD = re.compile(r"[\W_]+")


def norm(text: str | None) -> str:
    """Casefolded, accents and punctuation stripped, spaces collapsed.

    >>> norm("  Amsakar  Achmad, S.E.")
    'amsakar achmad s e'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def norm_company(text: str) -> str:
    """:func:`norm` without legal forms at either end.

    >>> norm_company("PT Sinar Mas Tbk")
    'sinar mas'
    """
    legal = lexicon("id").company_legal_forms | lexicon("en").company_legal_forms
    words = norm(text).split()
    while words and words[0] in legal:
        words.pop(0)
    while len(words) > 1 and words[-1] in legal:
        words.pop()
    return " ".join(words)


def place_key(name: str | None, kind: str | None = None) -> str:
    """The gazetteer key of a gold place name, or its normalised name when unknown.

    >>> place_key("Medan", "City")
    'city/medan-1214520'
    """
    if not name:
        return ""
    g = gazetteer()
    place = g.resolve(name, kind=kind, cue=True) if kind else None
    place = place or g.resolve(name, cue=True)
    return place.key if place is not None else norm(name)
