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

import networkx as nx

__all__ = ["communities"]


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
