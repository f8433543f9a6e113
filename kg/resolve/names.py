"""Canonical person names and the slugs that make node keys.

A canonical name has no honorifics (``Bapak``, ``H.``, ``Dr.``, ``Dato' Sri``), no academic
post-nominals (``S.H.``, ``M.Si.``, ``Ph.D.``) and is title-cased when it was written in
capitals. Lists live in ``data/lexicon/<lang>/titles.json``.

>>> canonical_name("H. Amsakar Achmad, S.Sos., M.Si.")
'Amsakar Achmad'
>>> slug("Zhang Min")
'zhang-min'
"""

from __future__ import annotations

import re
from functools import cache

from kg.language.lexicon import SUPPORTED, lexicon
from kg.language.tokens import fold

__all__ = ["canonical_name", "is_postnominal", "name_tokens", "slug", "strip_honorifics"]


_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, for node keys.

    >>> slug("Dato' Haji Rosli Abdullah")
    'dato-haji-rosli-abdullah'
    """
    return _NON_SLUG.sub("-", fold(text)).strip("-") or "x"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    honorifics: set[str] = set()
    post: set[str] = set()
    for lang in SUPPORTED:
        honorifics.update(lexicon(lang).honorifics)
        post.update(lexicon(lang).postnominals)

    def alt(words: set[str]) -> str:
        parts = []
        for w in sorted(words, key=len, reverse=True):
            # dots and apostrophes are optional: "S.H." == "SH", "Dato'" == "Dato"
            bits = [re.escape(b) for b in re.split(r"[.'’\s]+", w) if b]
            parts.append(r"[.'’]?\s*".join(bits))
        return "|".join(parts)

    lead = re.compile(rf"^(?:(?:{alt(honorifics)})(?:[.'’]|\b)\s*)+", re.IGNORECASE)
    tail = re.compile(rf"(?:(?:\s*,\s*|\s+)(?:{alt(post)})\.?)+\s*$", re.IGNORECASE)
    return lead, tail


def strip_honorifics(text: str) -> str:
    """Remove leading honorifics and trailing post-nominals.

    >>> strip_honorifics("Dr. H. Rahmat Siregar, M.Si.")
    'Rahmat Siregar'
    """
    lead, tail = _patterns()
    text = _SPACES.sub(" ", text).strip(" ,;:")
    previous = None
    while previous != text:
        previous = text
        stripped = lead.sub("", text)
        # never strip a whole name away ("Ir" could be the name itself)
        if stripped.strip():
            text = stripped
        stripped = tail.sub("", text)
        if stripped.strip():
            text = stripped
        text = text.strip(" ,;:")
    return text


def is_postnominal(text: str) -> bool:
    """Whether ``text`` is only academic degrees or other post-nominals.

    >>> is_postnominal("S.E"), is_postnominal("M.M., S.Sos"), is_postnominal("Sigit")
    (True, True, False)
    """
    _, tail = _patterns()
    text = _SPACES.sub(" ", text).strip(" ,;:")
    return bool(text) and not tail.sub("", " " + text).strip(" ,;:")


def _case(word: str) -> str:
    if word.isupper() and len(word) > 2:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def canonical_name(surface: str) -> str:
    """The name without titles and honorifics, in normal capitalisation.

    >>> canonical_name("H. Amsakar Achmad, S.Sos., M.Si.")
    'Amsakar Achmad'
    """
    return " ".join(_case(w) for w in strip_honorifics(surface).split())


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded words of a name, for matching short forms to full names.

    >>> name_tokens("Zhang Min")
    ('zhang', 'min')
    """
    return tuple(w for w in re.split(r"[\s\-]+", fold(name)) if w and w != ".")
