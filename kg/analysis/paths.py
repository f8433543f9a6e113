"""The k shortest paths between two nodes, through facts.

Paths treat edges as undirected and leave out articles and provenance links, so
"how is Zhang Min connected to Batam?" is answered by posts, meetings and places,
not by "both appear in the same article". Each path reports its edges in their
stored direction.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("event/m", "Meeting", "M", "", None),
...            ("person/b", "Person", "B", "", None), ("post/p", "Post", "P", "", None),
...            ("city/c", "City", "C", "", None), ("article/x", "Article", "X", "", None)],
...     edges=[("event/m", "bkg:participant", "person/a", 1),
...            ("event/m", "bkg:participant", "person/b", 1),
...            ("person/a", "org:holds", "post/p", 1), ("post/p", "bkg:jurisdiction", "city/c", 1),
...            ("person/b", "bkg:locatedIn", "city/c", 1),
...            ("person/a", "prov:wasDerivedFrom", "article/x", 1),
...            ("person/b", "prov:wasDerivedFrom", "article/x", 1)],
... )
>>> [p["nodes"] for p in k_shortest_paths(g, "person/a", "person/b")]
[['person/a', 'event/m', 'person/b'], ['person/a', 'post/p', 'city/c', 'person/b']]
>>> k_shortest_paths(g, "person/a", "person/b", k=1)[0]["edges"][0]
{'source': 'event/m', 'target': 'person/a', 'relation': 'bkg:participant'}
"""

from __future__ import annotations

from itertools import islice, pairwise
from typing import Any

import networkx as nx

from kg.analysis.nodes import fact_graph, require_node, summary
from kg.errors import InvalidParameterError, NotFoundError

__all__ = ["MAX_HOPS", "k_shortest_paths", "paths_between"]

MAX_HOPS = 10


def k_shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    facts: nx.Graph | None = None,
) -> list[dict[str, Any]]:
    """Up to ``k`` loopless paths of at most ``max_hops`` edges, shortest first.

    ``facts`` is :func:`~kg.analysis.nodes.fact_graph` of ``graph`` if the caller has it
    cached. Raises :class:`~kg.errors.NotFoundError` when an end is unknown or no path
    is short enough.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/batam", "City", "Batam", "", None), ("city/xy", "City", "Xiangyang",
    ...            "", None), ("company/byd", "Company", "BYD", "", None)],
    ...     edges=[("city/batam", "bkg:twinnedWith", "city/xy", 1),
    ...            ("company/byd", "bkg:locatedIn", "city/xy", 1)],
    ... )
    >>> [(p["nodes"], p["length"]) for p in k_shortest_paths(g, "city/batam", "company/byd")]
    [(['city/batam', 'city/xy', 'company/byd'], 2)]
    """
    require_node(graph, source)
    require_node(graph, target)
    if not 1 <= k <= 20:
        raise InvalidParameterError("k must be between 1 and 20")
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidParameterError(f"max_hops must be between 1 and {MAX_HOPS}")
    if source == target:
        raise InvalidParameterError("from and to are the same node")
    ends = frozenset({source, target})
    if facts is None or not all(n in facts for n in ends):
        facts = fact_graph(graph, keep=ends)
    try:
        if nx.shortest_path_length(facts, source, target) > max_hops:
            raise NotFoundError(f"no path of at most {max_hops} hops from {source} to {target}")
        found = []
        for nodes in islice(nx.shortest_simple_paths(facts, source, target), k):
            if len(nodes) - 1 > max_hops:
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        raise NotFoundError(f"no path from {source} to {target}") from None
    return [_describe(facts, nodes) for nodes in found]


def _describe(facts: nx.Graph, nodes: list[str]) -> dict[str, Any]:
    edges = []
    for u, v in pairwise(nodes):
        s, relation, o, _ = facts[u][v]["relations"][0]
        edges.append({"source": s, "target": o, "relation": relation})
    return {"nodes": nodes, "edges": edges, "length": len(edges)}


def paths_between(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    facts: nx.Graph | None = None,
) -> dict[str, Any]:
    """The contract's ``/api/path`` answer: the paths and a summary of every node on them.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/batam", "City", "Batam", "", None), ("country/id", "Country",
    ...            "Indonesia", "", None), ("company/byd", "Company", "BYD", "", None)],
    ...     edges=[("city/batam", "bkg:locatedIn", "country/id", 1),
    ...            ("company/byd", "bkg:locatedIn", "city/batam", 2)],
    ... )
    >>> found = paths_between(g, "company/byd", "country/id")
    >>> found["paths"][0]["nodes"], sorted(found["nodes"])
    (['company/byd', 'city/batam', 'country/id'], ['city/batam', 'company/byd', 'country/id'])
    """
    found = k_shortest_paths(graph, source, target, k=k, max_hops=max_hops, facts=facts)
    nodes = {n for path in found for n in path["nodes"]}
    return {
        "from": source,
        "to": target,
        "paths": found,
        "nodes": {n: summary(graph, n) for n in sorted(nodes)},
    }
