"""Multi-word phrases matched on tokens: the one lookup structure of the lexicons.

Phrases are stored lowercase and tokenized exactly like the text is (by
:func:`kg.language.tokens.norm_words`), so a phrase matches wherever its words stand.

>>> t = PhraseTable.build([("wali kota", "Mayor"), ("wali", "Guardian")])
>>> t.match(["wali", "kota", "batam"], 0)
(2, 'Mayor')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.language.tokens import norm_words

__all__ = ["PhraseTable"]

V = TypeVar("V")


@dataclass(slots=True)
class PhraseTable(Generic[V]):
    """Lowercase multi-word phrases mapped to values, matched longest first on tokens.

    Phrases are indexed by their first and last word, so a lookup at a position that
    starts (or ends) no phrase costs one dictionary probe.

    >>> PhraseTable.build([("konsul jenderal", "ConsulGeneral")]).max_len
    2
    """

    entries: dict[tuple[str, ...], V] = field(default_factory=dict)
    max_len: int = 0
    by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_last: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[tuple[str, V]]) -> PhraseTable[V]:
        """A table of ``(phrase, value)`` pairs, each phrase tokenized like the text.

        >>> PhraseTable.build([("Wali Kota", "Mayor")]).entries
        {('wali', 'kota'): 'Mayor'}
        """
        table: PhraseTable[V] = cls()
        first: dict[str, set[int]] = {}
        last: dict[str, set[int]] = {}
        for phrase, value in items:
            key = norm_words(phrase)
            if key:
                table.entries[key] = value
                table.max_len = max(table.max_len, len(key))
                first.setdefault(key[0], set()).add(len(key))
                last.setdefault(key[-1], set()).add(len(key))
        table.by_first = {w: tuple(sorted(ns, reverse=True)) for w, ns in first.items()}
        table.by_last = {w: tuple(sorted(ns, reverse=True)) for w, ns in last.items()}
        return table

    def get(self, key: tuple[str, ...]) -> V | None:
        """The value of one phrase given as words.

        >>> PhraseTable.build([("wali kota", "Mayor")]).get(("wali", "kota"))
        'Mayor'
        """
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def match(self, words: Sequence[str], i: int) -> tuple[int, V] | None:
        """The longest phrase starting at ``words[i]``: (length, value), or ``None``.

        >>> t = PhraseTable.build([("wali", "w"), ("wali kota", "Mayor")])
        >>> t.match(["sang", "wali", "kota"], 1)
        (2, 'Mayor')
        """
        if i >= len(words):
            return None
        lengths = self.by_first.get(words[i])
        if lengths is None:
            return None
        for n in lengths:
            if i + n <= len(words):
                value = self.entries.get(tuple(words[i : i + n]))
                if value is not None:
                    return n, value
        return None

    def match_ending(self, words: Sequence[str], end: int) -> tuple[int, V] | None:
        """The longest phrase ending just before ``words[end]``.

        >>> PhraseTable.build([("wali kota", "Mayor")]).match_ending(["wali", "kota", "x"], 2)
        (2, 'Mayor')
        """
        if end <= 0 or end > len(words):
            return None
        lengths = self.by_last.get(words[end - 1])
        if lengths is None:
            return None
        for n in lengths:
            if n <= end:
                value = self.entries.get(tuple(words[end - n : end]))
                if value is not None:
                    return n, value
        return None

    def occurs(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs anywhere in ``words``.

        >>> PhraseTable.build([("wali kota", True)]).occurs(["sang", "wali", "kota"])
        True
        """
        return any(self.match(words, i) for i, w in enumerate(words) if w in self.by_first)

    def find_all(self, words: Sequence[str]) -> list[tuple[int, int, V]]:
        """Non-overlapping matches, left to right: (start, end, value).

        >>> PhraseTable.build([("di", "at"), ("ke", "to")]).find_all(["di", "x", "ke"])
        [(0, 1, 'at'), (2, 3, 'to')]
        """
        found: list[tuple[int, int, V]] = []
        i = 0
        n = len(words)
        by_first = self.by_first
        while i < n:
            if words[i] not in by_first:
                i += 1
                continue
            hit = self.match(words, i)
            if hit is None:
                i += 1
                continue
            found.append((i, i + hit[0], hit[1]))
            i += hit[0]
        return found
