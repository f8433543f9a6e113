"""Who is central: degree, betweenness or PageRank over the fact graph.

Computed on the undirected fact graph (no articles, no provenance), so a node is
central because of what it takes part in, not because many articles mention it.
PageRank weighs edges by their evidence.

>>> import networkx as nx
>>> star = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
>>> [(n, round(s, 3)) for n, s in centrality(star, "degree", top=2)]
[('hub', 1.0), ('a', 0.667)]
>>> centrality(star, "betweenness", top=1)
[('hub', 0.6666666666666666)]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from kg.analysis.nodes import summary
from kg.errors import InvalidParameterError

__all__ = ["MEASURES", "centrality", "pagerank", "ranked"]

MEASURES = ("degree", "betweenness", "pagerank")
#: Above this many nodes, betweenness is estimated from a sample of sources.
EXACT_BETWEENNESS_NODES = 2000


def centrality(
    facts: nx.Graph,
    measure: str = "degree",
    *,
    top: int = 20,
    accept: Callable[[str], bool] | None = None,
) -> list[tuple[str, float]]:
    """The ``top`` nodes by ``measure`` (highest first, ties by id); ``accept`` filters ids.

    >>> star = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c")])
    >>> centrality(star, "pagerank", top=1, accept=lambda node: node != "c")[0][0]
    'hub'
    """
    if measure not in MEASURES:
        raise InvalidParameterError(f"measure must be one of {', '.join(MEASURES)}")
    if top < 1:
        raise InvalidParameterError("top must be at least 1")
    if facts.number_of_nodes() == 0:
        return []
    if measure == "degree":
        scores = nx.degree_centrality(facts)
    elif measure == "betweenness":
        n = facts.number_of_nodes()
        sample = None if n <= EXACT_BETWEENNESS_NODES else EXACT_BETWEENNESS_NODES // 4
        scores = nx.betweenness_centrality(facts, k=sample, seed=0)
    else:
        scores = pagerank(facts)
    ranked = sorted(
        ((node, score) for node, score in scores.items() if accept is None or accept(node)),
        key=lambda item: (-item[1], item[0]),
    )
    return ranked[:top]


def pagerank(
    graph: nx.Graph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200
) -> dict[str, float]:
    """Weighted PageRank by power iteration, in pure Python (no SciPy needed).

    Matches :func:`networkx.pagerank` on undirected graphs (by hand for the path below:
    a = 0.15/3 + 0.85 b/2 and b = 0.15/3 + 0.85 (a + c) give a = c = 0.2568, b = 0.4865);
    isolated nodes share
    their rank evenly, as networkx's dangling-node rule does.

    >>> path = nx.Graph([("a", "b"), ("b", "c")])
    >>> {n: round(s, 4) for n, s in pagerank(path).items()}
    {'a': 0.2568, 'b': 0.4865, 'c': 0.2568}
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: sum(d.get("weight", 1) for _, _, d in graph.edges(u, data=True)) for u in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(rank[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, (1.0 - alpha) / n + dangling)
        for u in nodes:
            if strength[u]:
                share = alpha * rank[u] / strength[u]
                for _, v, d in graph.edges(u, data=True):
                    new[v] += share * d.get("weight", 1)
        error = sum(abs(new[u] - rank[u]) for u in nodes)
        rank = new
        if error < n * tol:
            break
    return rank


def ranked(
    graph: nx.MultiDiGraph,
    facts: nx.Graph,
    measure: str = "degree",
    *,
    top: int = 20,
    accept: Callable[[str], bool] | None = None,
) -> list[dict[str, Any]]:
    """The contract's centrality results: summaries of the ``top`` nodes with ``score``.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/batam", "City", "Batam", "", None), ("country/id", "Country",
    ...            "Indonesia", "", None), ("company/byd", "Company", "BYD", "", None)],
    ...     edges=[("city/batam", "bkg:locatedIn", "country/id", 1),
    ...            ("company/byd", "bkg:locatedIn", "city/batam", 2)],
    ... )
    >>> from kg.analysis.nodes import fact_graph
    >>> [(r["id"], r["score"]) for r in ranked(g, fact_graph(g), top=1)]
    [('city/batam', 1.0)]
    """
    if not 1 <= top <= 1000:
        raise InvalidParameterError("top must be between 1 and 1000")
    found = centrality(facts, measure, top=top, accept=accept)
    return [{**summary(graph, node), "score": score} for node, score in found]
