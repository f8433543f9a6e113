"""The neighbourhood of a node: what the explorer shows when a node is expanded.

Edges count in both directions. Articles and provenance links are left out unless
asked for (``types`` naming ``Article``, ``relations`` naming ``prov:wasDerivedFrom``)
or the centre is itself an article, so that expanding a person shows the facts about
them, not every node of every article that mentions them.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "Mayor of X", "", None),
...            ("city/x", "City", "X", "", None), ("event/e", "Meeting", "M", "", "2025-04-21")],
...     edges=[("person/a", "org:holds", "post/m", 2), ("post/m", "bkg:jurisdiction", "city/x", 1),
...            ("event/e", "bkg:participant", "person/a", 1)],
... )
>>> found = neighborhood(g, "person/a")
>>> sorted(n["id"] for n in found["nodes"]), found["truncated"]
(['event/e', 'person/a', 'post/m'], False)
>>> sorted(n["id"] for n in neighborhood(g, "person/a", depth=2, types=["Post", "City"])["nodes"])
['city/x', 'person/a', 'post/m']
>>> [e["id"] for e in neighborhood(g, "city/x", relations=["bkg:jurisdiction"])["edges"]]
['post/m|bkg:jurisdiction|city/x']
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from kg.analysis.filters import expand_types, filter_graph
from kg.analysis.nodes import PROVENANCE, require_node, summary
from kg.errors import InvalidParameterError

__all__ = ["MAX_DEPTH", "neighborhood"]

MAX_DEPTH = 4


def neighborhood(
    graph: nx.MultiDiGraph,
    center: str,
    *,
    depth: int = 1,
    types: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int = 200,
) -> dict[str, Any]:
    """Nodes within ``depth`` hops of ``center`` (breadth first, at most ``limit``) and
    every edge between them, in the contract's ``/api/neighbors`` shape.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "M", "", None)],
    ...     edges=[("person/a", "org:holds", "post/m", 2)],
    ... )
    >>> neighborhood(g, "post/m")["edges"]
    [{'id': 'person/a|org:holds|post/m', 'source': 'person/a', 'target': 'post/m', \
'relation': 'org:holds', 'weight': 2}]
    """
    require_node(graph, center)
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidParameterError(f"depth must be between 1 and {MAX_DEPTH}")
    if limit < 1:
        raise InvalidParameterError("limit must be at least 1")
    types = [t for t in (types or ()) if t.strip()] or None
    relations = [r for r in (relations or ()) if r.strip()] or None
    with_articles = graph.nodes[center].get("type") == "Article"
    with_articles |= types is not None and "Article" in expand_types(types)
    with_articles |= relations is not None and PROVENANCE in ",".join(relations)
    view = filter_graph(graph, types=types, relations=relations, since=since, until=until)
    if center not in view:
        view = view.copy() if view is graph else view
        view.add_node(center, **graph.nodes[center])
        view.add_edges_from(
            (s, o, k, d)
            for s, o, k, d in graph.edges(center, keys=True, data=True)
            if o in view and (relations is None or d.get("relation", k) in relations)
        )

    def usable(s: str, o: str, data: dict[str, Any]) -> bool:
        if with_articles:
            return True
        if data.get("relation") == PROVENANCE:
            return False
        return all(view.nodes[n].get("type") != "Article" for n in (s, o))

    order = [center]
    seen = {center}
    frontier = [center]
    truncated = False
    for _ in range(depth):
        following = []
        for node in frontier:
            # Straight from the adjacency: a country cited by 10,000 articles has as many
            # provenance links, which are skipped before anything is sorted.
            edges = [
                (node, o, d)
                for o, keyed in view.succ[node].items()
                for k, d in keyed.items()
                if with_articles or d.get("relation", k) != PROVENANCE
            ]
            edges += [
                (s, node, d)
                for s, keyed in view.pred[node].items()
                for k, d in keyed.items()
                if with_articles or d.get("relation", k) != PROVENANCE
            ]
            for s, o, data in sorted(edges, key=lambda e: (-e[2].get("weight", 1), e[0], e[1])):
                if not usable(s, o, data):
                    continue
                other = o if s == node else s
                if other in seen:
                    continue
                if len(order) >= limit:
                    truncated = True
                    break
                seen.add(other)
                order.append(other)
                following.append(other)
        frontier = following
    edges_out = [
        {
            "id": f"{s}|{d.get('relation', k)}|{o}",
            "source": s,
            "target": o,
            "relation": d.get("relation", k),
            "weight": d.get("weight", 1),
        }
        for s, o, k, d in view.subgraph(order).edges(keys=True, data=True)
        if usable(s, o, d)
    ]
    edges_out.sort(key=lambda e: e["id"])
    return {
        "center": center,
        "nodes": [summary(graph, n, with_date=True) for n in order],
        "edges": edges_out,
        "truncated": truncated,
    }
