"""The opening view of the explorer: the best-connected facts of the whole graph.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "Mayor of X", "", None),
...            ("city/x", "City", "X", "", None), ("article/1", "Article", "News", "", None)],
...     edges=[("person/a", "org:holds", "post/m", 2), ("post/m", "bkg:jurisdiction", "city/x", 1),
...            ("person/a", "prov:wasDerivedFrom", "article/1", 1)],
... )
>>> view = overview(g, limit=2)
>>> [n["id"] for n in view["nodes"]], [e["relation"] for e in view["edges"]], view["truncated"]
(['post/m', 'person/a'], ['org:holds'], True)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.analysis.nodes import PROVENANCE, summary
from kg.errors import InvalidParameterError

__all__ = ["overview"]


def overview(graph: nx.MultiDiGraph, limit: int = 300) -> dict[str, Any]:
    """The ``limit`` nodes with the most fact edges (articles and provenance left out)
    and every fact edge between them, in the ``/api/neighbors`` shape without a centre.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person/a", type="Person", label="A", labels={})
    >>> g.add_node("post/m", type="Post", label="M", labels={})
    >>> _ = g.add_edge("person/a", "post/m", key="org:holds", relation="org:holds", weight=1)
    >>> [e["id"] for e in overview(g)["edges"]]
    ['person/a|org:holds|post/m']
    """
    if limit < 1:
        raise InvalidParameterError("limit must be at least 1")
    facts = [
        (s, o, k, d)
        for s, o, k, d in graph.edges(keys=True, data=True)
        if d.get("relation", k) != PROVENANCE
        and graph.nodes[s].get("type") != "Article"
        and graph.nodes[o].get("type") != "Article"
    ]
    degree: dict[str, float] = {}
    for s, o, _, d in facts:
        for node in (s, o):
            degree[node] = degree.get(node, 0) + d.get("weight", 1)
    ranked = sorted(degree, key=lambda n: (-degree[n], n))
    chosen = ranked[:limit]
    keep = set(chosen)
    edges = [
        {
            "id": f"{s}|{d.get('relation', k)}|{o}",
            "source": s,
            "target": o,
            "relation": d.get("relation", k),
            "weight": d.get("weight", 1),
        }
        for s, o, k, d in facts
        if s in keep and o in keep
    ]
    edges.sort(key=lambda e: e["id"])
    return {
        "center": None,
        "nodes": [summary(graph, n, with_date=True) for n in chosen],
        "edges": edges,
        "truncated": len(ranked) > limit,
    }
