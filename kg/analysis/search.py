"""Find nodes by name: labels and aliases, case- and accent-insensitive, ranked.

Every label and ``skos:altLabel`` is normalised (accents stripped, case folded,
punctuation as spaces) into an in-memory index. A query ranks matches as
exact > prefix of the name > prefix of a word in the name > fuzzy (rapidfuzz), and
each node appears once, with its best matching name.

>>> index = NameIndex([("country/cn", "China"), ("country/cn", "Tiongkok"),
...                    ("city/xiangyang", "Xiangyang"), ("person/zhang-min", "Zhang Min")])
>>> [(m.id, m.matched, m.score) for m in index.search("tiongkok")]
[('country/cn', 'Tiongkok', 1.0)]
>>> [m.id for m in index.search("min")]
['person/zhang-min']
>>> [m.matched for m in index.search("Xianyang")]
['Xiangyang']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from kg.errors import InvalidParameterError

__all__ = ["Match", "NameIndex", "normalize"]

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)

#: Score bands: an exact match always beats a prefix, a prefix a word prefix, and so on.
EXACT, PREFIX, WORD_PREFIX, FUZZY = 1.0, 0.9, 0.8, 0.7
#: Fuzzy matches below this rapidfuzz ratio (0-100) are dropped.
FUZZY_CUTOFF = 75.0


def normalize(text: str) -> str:
    """Case-folded, accents stripped, punctuation as single spaces.

    >>> normalize("  Şanlıurfa's  Wali-Kota ")
    'sanlıurfa s wali kota'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _PUNCT.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True, slots=True)
class Match:
    """One node found: its id, the name that matched and a score in (0, 1].

    >>> NameIndex([("country/cn", "Tiongkok")]).search("TIONGKOK")
    [Match(id='country/cn', matched='Tiongkok', score=1.0)]
    """

    id: str
    matched: str
    score: float


class NameIndex:
    """Names of nodes, normalised for matching; built once, queried many times.

    >>> index = NameIndex([("city/medan", "Medan"), ("city/medan", "Kota Medan")])
    >>> len(index), [m.id for m in index.search("kota medan")]
    (2, ['city/medan'])
    """

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._entries: list[tuple[str, str, str]] = []  # (normalised, id, name)
        seen = set()
        for node, name in names:
            key = normalize(name)
            if key and (key, node) not in seen:
                seen.add((key, node))
                self._entries.append((key, node, name))
        self._keys = [key for key, _, _ in self._entries]
        # Every key from each word on, sorted, so prefix and word-prefix matches are a
        # binary search rather than a scan: (suffix, entry, whether it is the whole key).
        suffixes = []
        for position, key in enumerate(self._keys):
            starts = [0] + [i + 1 for i, ch in enumerate(key) if ch == " "]
            suffixes += [(key[start:], position, start == 0) for start in starts]
        suffixes.sort()
        self._suffixes = [suffix for suffix, _, _ in suffixes]
        self._suffix_of = [(position, whole) for _, position, whole in suffixes]

    def __len__(self) -> int:
        return len(self._entries)

    def search(
        self, query: str, *, limit: int = 10, accept: Callable[[str], bool] | None = None
    ) -> list[Match]:
        """The best ``limit`` nodes for ``query``; ``accept`` filters node ids.

        >>> index = NameIndex([("city/batam", "Batam"), ("post/mayor/batam", "Mayor of Batam")])
        >>> [m.id for m in index.search("batam")]
        ['city/batam', 'post/mayor/batam']
        >>> [m.id for m in index.search("batam", accept=lambda id: id.startswith("post/"))]
        ['post/mayor/batam']
        """
        if limit < 1:
            raise InvalidParameterError("limit must be at least 1")
        q = normalize(query)
        if not q:
            return []
        best: dict[str, Match] = {}

        def offer(node: str, name: str, score: float) -> None:
            if accept is not None and not accept(node):
                return
            found = best.get(node)
            if found is None or score > found.score:
                best[node] = Match(node, name, round(score, 4))

        index = bisect_left(self._suffixes, q)
        while index < len(self._suffixes) and self._suffixes[index].startswith(q):
            position, whole = self._suffix_of[index]
            key, node, name = self._entries[position]
            if key == q:
                offer(node, name, EXACT)
            elif whole:
                offer(node, name, PREFIX + 0.05 * len(q) / len(key))
            else:
                offer(node, name, WORD_PREFIX + 0.05 * len(q) / len(key))
            index += 1
        # Fuzzy matches rank below every other kind, so they only fill a short list.
        if len(q) >= 3 and len(best) < limit:
            for _, ratio, position in process.extract(
                q, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit * 5
            ):
                _, node, name = self._entries[position]
                offer(node, name, FUZZY * ratio / 100)
        ranked = sorted(best.values(), key=lambda m: (-m.score, len(m.matched), m.id))
        return ranked[:limit]
