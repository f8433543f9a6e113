"""Split article text into sentences that keep their character offsets.

A dot ends a sentence unless it closes a known abbreviation (``data/lexicon/*/abbreviations``),
an initial (``A. Rahman``) or a dotted acronym (``U.S.``, ``S.H.``). A line break always ends a
sentence. Text inside a quotation that closes within the same paragraph is kept in one
sentence with its attribution (``"... Kami melihat. ... pesat," ujar Zhang.``).

>>> [s.text for s in split_sentences("Dr. Ali tiba. Ia bertemu Wali Kota.", "id")]
['Dr. Ali tiba.', 'Ia bertemu Wali Kota.']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kg.language.lexicon import lexicon

__all__ = ["Sentence", "split_sentences"]

_OPEN = "“‘«"
_CLOSE = "”’»"
_BREAK = re.compile(r"[.!?…]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
#: A quotation longer than this is treated as unbalanced and not protected.
_MAX_QUOTE = 2000


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``article_text[start:end] == text``; ``paragraph`` counts lines."""

    text: str
    start: int
    end: int
    paragraph: int
    index: int


def _quoted_spans(para: str) -> list[tuple[int, int]]:
    """Spans of quotations that close within the paragraph."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(para)
    while i < n:
        c = para[i]
        if c in _OPEN or c == '"':
            closer = "”" if c == "“" else ("’" if c == "‘" else ("»" if c == "«" else '"'))
            j = para.find(closer, i + 1)
            if c == "‘" and j != -1:
                # an apostrophe inside a word is not a closing single quote
                while j != -1 and j + 1 < n and para[j + 1].isalpha():
                    j = para.find(closer, j + 1)
            if j != -1 and j - i <= _MAX_QUOTE:
                spans.append((i, j + 1))
                i = j + 1
                continue
        i += 1
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a break at ``start:end`` falls inside one of the sorted, disjoint ``spans``.

    A binary search, not a scan: a paragraph of thousands of quotations stays linear.

    >>> _inside([(0, 10), (20, 30)], 24, 25), _inside([(0, 10), (20, 30)], 12, 13)
    (True, False)
    """
    k = bisect_left(spans, (start,)) - 1
    return k >= 0 and spans[k][0] < start and end < spans[k][1] - 1


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1).strip(".")
    if not word:
        return False
    low = word.lower()
    if low in abbreviations:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial
    # dotted acronyms and academic titles: U.S, S.H, M.Si
    return "." in word and all(len(p) <= 3 for p in word.split("."))


def _next_starts_sentence(line: str, end: int) -> bool:
    k = end
    while k < len(line) and line[k].isspace():
        k += 1
    if k == len(line):
        return True
    if k == end:
        return False  # no whitespace after the dot: a URL, a number, "Rp1.2"
    c = line[k]
    return c.isupper() or c.isdigit() or c in _OPEN or c in "\"'(["


def split_sentences(text: str, lang: str = "id") -> list[Sentence]:
    """Sentences of ``text`` in order, with offsets into ``text``."""
    abbreviations = lexicon(lang).abbreviations | lexicon("en").abbreviations
    sentences: list[Sentence] = []
    pos = 0
    for p_index, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        protected = _quoted_spans(line)
        cuts: list[int] = []
        for m in _BREAK.finditer(line):
            end = m.end()
            if _inside(protected, m.start(), end):
                continue
            # a closing quote or bracket right after the dot belongs to this sentence
            while end < len(line) and line[end] in _CLOSE + '")]':
                end += 1
            before = line[max(0, m.start() - 40) : m.start()]
            if m.group() == "." and _is_abbreviation(before, abbreviations):
                continue
            if not _next_starts_sentence(line, end):
                continue
            cuts.append(end)
        start = 0
        for cut in [*cuts, len(line)]:
            chunk = line[start:cut]
            lead = len(chunk) - len(chunk.lstrip())
            body = chunk.strip()
            if body:
                s = line_start + start + lead
                sentences.append(Sentence(body, s, s + len(body), p_index, len(sentences)))
            start = cut
    return sentences
