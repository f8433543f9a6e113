"""Counts by class and by article."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.graph.results import Solutions
from kg.graph.store import GraphStore
from kg.graph.vocab import sparql_prefixes

__all__ = ["StoreStats", "store_stats"]


@dataclass(slots=True)
class StoreStats:
    """Quads in the store, nodes per class, and triples per article.

    >>> StoreStats(quads=10, articles=1, by_class={"Article": 1}).by_class["Article"]
    1
    """

    quads: int = 0
    articles: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    by_article: list[dict[str, object]] = field(default_factory=list)


def _rows(store: GraphStore, query: str) -> Solutions:
    return store.select(sparql_prefixes() + query)


def store_stats(store: GraphStore, articles: int | None = 1000) -> StoreStats:
    """Quads, distinct nodes per ``bkg:`` class, and triples per article (largest first).

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> stats = store_stats(kg.store)
    >>> stats.articles, stats.by_class["Person"], stats.by_article[0]["triples"] > 100
    (1, 2, True)
    """
    stats = StoreStats(quads=store.count())
    for cls, n in _rows(
        store,
        """SELECT ?class (COUNT(?s) AS ?n) WHERE {
              ?s a ?class
              FILTER(STRSTARTS(STR(?class), STR(bkg:)) && STRSTARTS(STR(?s), STR(bkgid:)))
            } GROUP BY ?class ORDER BY DESC(?n)""",
    ):
        stats.by_class[cls.value.rsplit("#", 1)[-1]] = int(n.value)  # type: ignore[union-attr]
    stats.articles = stats.by_class.get("Article", 0)
    limit = "" if articles is None else f"LIMIT {int(articles)}"
    for g, title, n in _rows(
        store,
        f"""SELECT ?g (SAMPLE(?t) AS ?title) (COUNT(*) AS ?n) WHERE {{
              GRAPH ?g {{ ?g a bkg:Article ; rdfs:label ?t . ?s ?p ?o }}
            }} GROUP BY ?g ORDER BY DESC(?n) {limit}""",
    ):
        stats.by_article.append(
            {"article": g.value, "title": title.value, "triples": int(n.value)}  # type: ignore[union-attr]
        )
    return stats
