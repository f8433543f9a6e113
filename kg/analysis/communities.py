"""Communities of the fact graph by Louvain modularity (fixed seed: reproducible).

Communities of one node are left out: they are isolated things, not groups.

>>> import networkx as nx
>>> two = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
...                 ("c", "x")])
>>> two.add_node("alone")
>>> communities(two)
[['a', 'b', 'c'], ['x', 'y', 'z']]
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.analysis.nodes import summary

__all__ = ["communities", "community_summaries"]


def communities(facts: nx.Graph, *, seed: int = 42, min_size: int = 2) -> list[list[str]]:
    """Louvain communities (members sorted), largest first, ties by first member.

    >>> communities(nx.Graph([("a", "b"), ("x", "y"), ("y", "z")]))
    [['x', 'y', 'z'], ['a', 'b']]
    """
    if facts.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(facts, weight="weight", seed=seed)
    groups = [sorted(group) for group in found if len(group) >= min_size]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def community_summaries(graph: nx.MultiDiGraph, facts: nx.Graph) -> list[dict[str, Any]]:
    """The contract's communities: ``{"id", "size", "members": [summary]}``, largest first.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/batam", "City", "Batam", "", None), ("country/id", "Country",
    ...            "Indonesia", "", None), ("company/byd", "Company", "BYD", "", None)],
    ...     edges=[("city/batam", "bkg:locatedIn", "country/id", 1),
    ...            ("company/byd", "bkg:locatedIn", "city/batam", 2)],
    ... )
    >>> from kg.analysis.nodes import fact_graph
    >>> [(c["id"], c["size"]) for c in community_summaries(g, fact_graph(g))]
    [(0, 3)]
    """
    return [
        {"id": index, "size": len(members), "members": [summary(graph, m) for m in members]}
        for index, members in enumerate(communities(facts))
    ]
