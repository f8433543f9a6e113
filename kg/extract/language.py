"""Identify the language of an article: Indonesian (``id``), English (``en``) or other.

Each supported language lists its frequent function words in
``data/lexicon/<lang>/function_words.json``; the language whose words cover the largest share
of the tokens wins. Text in which neither covers enough is ``und`` (undetermined).

>>> identify("Wali Kota Batam menerima kunjungan Konsul Jenderal di kantornya.")
'id'
>>> identify("The mayor of Surabaya met the consul general on Tuesday.")
'en'
"""

from __future__ import annotations

import re

from kg.language.lexicon import SUPPORTED, lexicon

__all__ = ["identify", "normalize_code"]

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: The share of function words below which no supported language is claimed.
_MIN_SHARE = 0.08
_MIN_HITS = 2
#: How many words are enough to decide; longer texts are sampled from the start.
_SAMPLE = 600

_ALIASES = {
    "id": "id",
    "in": "id",
    "ind": "id",
    "indonesian": "id",
    "bahasa indonesia": "id",
    "id-id": "id",
    "en": "en",
    "eng": "en",
    "english": "en",
    "en-us": "en",
    "en-gb": "en",
}


def normalize_code(code: str) -> str:
    """Map a declared language (``"ID"``, ``"en-GB"``, ``"Indonesian"``) to a short code."""
    low = code.strip().lower().replace("_", "-")
    if low in _ALIASES:
        return _ALIASES[low]
    return low.split("-")[0] or "und"


def identify(text: str) -> str:
    """``id``, ``en``, or ``und`` when the text is neither (or too short to tell)."""
    words = [w.lower() for w in _WORD.findall(text[:20000])[:_SAMPLE]]
    if not words:
        return "und"
    scores: dict[str, int] = {}
    for lang in SUPPORTED:
        fw = lexicon(lang).function_words
        scores[lang] = sum(1 for w in words if w in fw)
    best = max(scores, key=lambda k: scores[k])
    hits = scores[best]
    if hits < _MIN_HITS and len(words) > _MIN_HITS * 3:
        return "und"
    if hits == 0 or hits / len(words) < _MIN_SHARE:
        return "und"
    return best
