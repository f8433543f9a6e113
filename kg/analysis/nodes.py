"""Node summaries and the fact graph the other analyses walk.

A *summary* is the contract's ``{"id", "label", "labels", "type"}`` of one node of the
projection. The *fact graph* is the projection made undirected and simple, without
articles and provenance links, so that paths and centralities go through facts, not
through the article that happens to mention two things.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "Mayor", "en", None),
...            ("article/x", "Article", "News", "", "2025-01-02")],
...     edges=[("person/a", "org:holds", "post/m", 2),
...            ("person/a", "prov:wasDerivedFrom", "article/x", 1)],
... )
>>> summary(g, "post/m")
{'id': 'post/m', 'label': 'Mayor', 'labels': {'en': 'Mayor'}, 'type': 'Post'}
>>> f = fact_graph(g)
>>> sorted(f.nodes), f["person/a"]["post/m"]["weight"]
(['person/a', 'post/m'], 2)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.errors import NotFoundError

__all__ = ["PROVENANCE", "fact_graph", "require_node", "summary"]

#: The relation linking an extracted node to the articles it came from.
PROVENANCE = "prov:wasDerivedFrom"


def summary(graph: nx.MultiDiGraph, node: str, *, with_date: bool = False) -> dict[str, Any]:
    """The contract's node summary (``date`` added for dated nodes when asked).

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows([("event/m", "Meeting", "Meeting", "en", "2025-04-21")], [])
    >>> summary(g, "event/m", with_date=True)["date"]
    '2025-04-21'
    """
    data = graph.nodes[node]
    out = {
        "id": node,
        "label": data.get("label", node),
        "labels": dict(data.get("labels", {})),
        "type": data.get("type", "Thing"),
    }
    if with_date and data.get("date"):
        out["date"] = data["date"]
    return out


def require_node(graph: nx.MultiDiGraph, node: str) -> str:
    """``node`` if the graph has it, else :class:`~kg.errors.NotFoundError`.

    >>> require_node(nx.MultiDiGraph([("a", "b")]), "c")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no entity 'c'
    """
    if node not in graph:
        raise NotFoundError(f"no entity {node!r}")
    return node


def fact_graph(graph: nx.MultiDiGraph, *, keep: frozenset[str] = frozenset()) -> nx.Graph:
    """The undirected simple graph of facts: no ``Article`` nodes, no provenance edges.

    Parallel and opposite edges merge into one whose ``weight`` is their summed evidence
    and whose ``relations`` lists ``(source, relation, target)`` as stored, heaviest first.
    Nodes in ``keep`` stay even if they are articles.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("city/a", "City", "A", "", None), ("city/b", "City", "B", "", None)],
    ...     edges=[("city/a", "bkg:twinnedWith", "city/b", 1),
    ...            ("city/b", "bkg:twinnedWith", "city/a", 2)],
    ... )
    >>> fact_graph(g)["city/a"]["city/b"]["weight"]
    3
    """
    facts = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data.get("type") != "Article" or node in keep:
            facts.add_node(node)
    for s, o, key, data in graph.edges(keys=True, data=True):
        relation = data.get("relation", key)
        if relation == PROVENANCE or s not in facts or o not in facts or s == o:
            continue
        weight = data.get("weight", 1)
        if facts.has_edge(s, o):
            edge = facts[s][o]
            edge["weight"] += weight
            edge["relations"].append((s, relation, o, weight))
        else:
            facts.add_edge(s, o, weight=weight, relations=[(s, relation, o, weight)])
    for _, _, data in facts.edges(data=True):
        data["relations"].sort(key=lambda r: (-r[3], r[1]))
    return facts
