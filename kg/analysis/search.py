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
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from kg.analysis.nodes import summary
from kg.errors import InvalidParameterError, NotFoundError
from kg.graph.vocab import BKGID, checked, sparql_prefixes

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.store import GraphStore

__all__ = ["UNNAMED", "Match", "NameIndex", "name_index", "normalize", "resolve", "search_hits"]

#: Nodes not worth finding by name: quotes are long, evidence has no name.
UNNAMED = frozenset({"Statement", "Evidence"})

_NAMES = checked("""SELECT DISTINCT ?n ?name WHERE {
  ?n rdfs:label|skos:altLabel ?name .
  FILTER(isIRI(?n) && STRSTARTS(STR(?n), STR(bkgid:)))
}""")

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


def name_index(store: GraphStore, graph: nx.MultiDiGraph) -> NameIndex:
    """Every label and alias of the nodes of ``graph`` (the projection), from ``store``.

    >>> from kg.graph.store import open_store
    >>> from kg.analysis.projection import project
    >>> store = open_store("memory:")
    >>> len(name_index(store, project(store)))
    0
    """
    prefix = len(str(BKGID))
    return NameIndex(
        (node, name.value)  # type: ignore[union-attr]
        for node, name in (
            (str(n.value)[prefix:], name)  # type: ignore[union-attr]
            for n, name in store.select(sparql_prefixes() + _NAMES)
        )
        if node in graph and graph.nodes[node].get("type") not in UNNAMED
    )


def resolve(graph: nx.MultiDiGraph, names: NameIndex, id_or_name: str) -> str:
    """A node id from an id, a ``bkgid:`` IRI or an exact name.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("city/batam", "country/id")])
    >>> index = NameIndex([("city/batam", "Batam")])
    >>> resolve(g, index, "Batam"), resolve(g, index, "https://w3id.org/bilateral-kg/id/city/batam")
    ('city/batam', 'city/batam')
    """
    node = id_or_name.removeprefix(str(BKGID))
    if node in graph:
        return node
    found = names.search(id_or_name, limit=1)
    if found and found[0].score >= 1.0:
        return found[0].id
    raise NotFoundError(f"no entity {id_or_name!r}")


def search_hits(
    graph: nx.MultiDiGraph,
    names: NameIndex,
    q: str,
    *,
    limit: int = 10,
    accept: Callable[[str], bool] | None = None,
) -> list[dict[str, Any]]:
    """The contract's search results: node summaries with ``matched`` and ``score``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("country/cn", type="Country", label="China", labels={"en": "China"})
    >>> hits = search_hits(g, NameIndex([("country/cn", "Tiongkok")]), "tiongkok")
    >>> [(h["id"], h["matched"], h["score"]) for h in hits]
    [('country/cn', 'Tiongkok', 1.0)]
    """
    if not 1 <= limit <= 100:
        raise InvalidParameterError("limit must be between 1 and 100")
    found = names.search(q, limit=limit, accept=accept)
    return [{**summary(graph, m.id), "matched": m.matched, "score": m.score} for m in found]
