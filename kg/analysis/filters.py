"""Filter the networkx projection by node type, relation and date.

The same filter serves ``KnowledgeGraph.to_networkx()``, ``KnowledgeGraph.show()`` and
the neighbourhood view, so a type or a date range means the same thing everywhere:

- ``types``: node types to keep. A general class keeps its sub-classes too, as the
  ontology declares them: ``Place`` keeps cities, provinces and countries, ``Event``
  keeps meetings, visits, signings and invitations.
- ``relations``: edge relations to keep, as CURIEs (``org:holds``) or full IRIs; nodes
  left without any edge are dropped.
- ``since`` / ``until``: a date range (inclusive) for the nodes that have a date
  (events, articles); undated nodes always stay.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("city/b", "City", "B", "", None),
...            ("event/m", "Meeting", "M", "", "2025-04-21")],
...     edges=[("event/m", "bkg:participant", "person/a", 1),
...            ("event/m", "bkg:place", "city/b", 1)],
... )
>>> sorted(filter_graph(g, types=["Event", "Place"]).nodes)
['city/b', 'event/m']
>>> sorted(filter_graph(g, since="2025-05-01").nodes)
['city/b', 'person/a']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache

import networkx as nx
import pyoxigraph as ox

from kg.analysis.projection import curie
from kg.errors import InvalidParameterError
from kg.graph.vocab import ONTOLOGY_FILE, expand

__all__ = ["accept_types", "expand_types", "filter_graph"]

_BKG = expand("bkg:")
_SUBCLASS = expand("rdfs:subClassOf")


@cache
def _subclasses() -> dict[str, frozenset[str]]:
    """Each ``bkg:`` class's local name -> itself and all its sub-classes."""
    direct: dict[str, set[str]] = {}
    with open(ONTOLOGY_FILE, "rb") as handle:
        for triple in ox.parse(handle, format=ox.RdfFormat.TURTLE):
            s, p, o = triple.subject, triple.predicate, triple.object
            if p.value != _SUBCLASS or not isinstance(s, ox.NamedNode):
                continue
            if not isinstance(o, ox.NamedNode) or not o.value.startswith(_BKG):
                continue
            if s.value.startswith(_BKG):
                direct.setdefault(o.value[len(_BKG) :], set()).add(s.value[len(_BKG) :])

    def closure(name: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        found = {name}
        for child in direct.get(name, ()):
            if child not in seen:
                found |= closure(child, seen | {name})
        return frozenset(found)

    return {name: closure(name) for name in direct}


def expand_types(types: Iterable[str]) -> set[str]:
    """The type names to keep for ``types``: each one and its sub-classes.

    Accepts local names (``City``), CURIEs (``bkg:City``) and comma-separated lists.

    >>> sorted(expand_types(["Place", "bkg:Person"]))
    ['City', 'Country', 'Person', 'Place', 'Province']
    """
    names: set[str] = set()
    for item in types:
        for part in item.split(","):
            name = part.strip().removeprefix("bkg:").removeprefix(_BKG)
            if name:
                names |= _subclasses().get(name, frozenset({name}))
    return names


def _relations(relations: Iterable[str]) -> set[str]:
    names: set[str] = set()
    for item in relations:
        for part in item.split(","):
            if part := part.strip():
                names.add(curie(part) if "://" in part else part)
    return names


def _day(value: date | str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise InvalidParameterError(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _copy(data: dict[str, object]) -> dict[str, object]:
    # The label dictionaries too, so that editing the result never touches the cache.
    return {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}


def filter_graph(
    graph: nx.MultiDiGraph,
    *,
    types: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> nx.MultiDiGraph:
    """A new graph with the nodes and edges of ``graph`` that pass the filters.

    With no filter at all, ``graph`` itself is returned (not a copy).

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "M", "", None),
    ...            ("city/x", "City", "X", "", None)],
    ...     edges=[("person/a", "org:holds", "post/m", 1),
    ...            ("post/m", "bkg:jurisdiction", "city/x", 1)],
    ... )
    >>> h = filter_graph(g, relations=["org:holds"])
    >>> sorted(h.nodes), list(h.edges(keys=True))
    (['person/a', 'post/m'], [('person/a', 'post/m', 'org:holds')])
    """
    first, last = _day(since, "since"), _day(until, "until")
    if first and last and first > last:
        raise InvalidParameterError(f"since ({first}) is after until ({last})")
    kinds = expand_types(types) if types is not None else None
    kept_relations = _relations(relations) if relations is not None else None
    if kinds is None and kept_relations is None and first is None and last is None:
        return graph

    def keep(data: dict[str, object]) -> bool:
        if kinds is not None and data.get("type") not in kinds:
            return False
        when = data.get("date")
        if isinstance(when, str) and when:
            if first is not None and when < first:
                return False
            if last is not None and when > last:
                return False
        return True

    result = nx.MultiDiGraph()
    result.graph.update(graph.graph)
    result.add_nodes_from((n, _copy(d)) for n, d in graph.nodes(data=True) if keep(d))
    result.add_edges_from(
        (s, o, key, dict(d))
        for s, o, key, d in graph.edges(keys=True, data=True)
        if s in result
        and o in result
        and (kept_relations is None or d.get("relation", key) in kept_relations)
    )
    if kept_relations is not None:
        result.remove_nodes_from([n for n in list(result) if result.degree(n) == 0])
    return result


def accept_types(
    graph: nx.MultiDiGraph, type: str | Iterable[str] | None
) -> Callable[[str], bool] | None:
    """A test of node ids for ``type`` and its sub-classes, or None for any type.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("city/batam", type="City")
    >>> accept_types(g, "Place")("city/batam"), accept_types(g, None)
    (True, None)
    """
    if type is None or type == "" or type == []:
        return None
    kinds = expand_types([type] if isinstance(type, str) else type)
    return lambda node: graph.nodes[node].get("type") in kinds
