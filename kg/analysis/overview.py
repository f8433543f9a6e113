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

__all__ = ["TIE_KINDS", "country_pairs", "landing", "overview"]


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


#: The columns of the country-pair matrix: what kind of tie each count is.
TIE_KINDS = ("agreements", "meetings", "visits", "other_events", "posts")
_EVENT_TIES = {"Meeting": "meetings", "Visit": "visits"}


def _out(graph: nx.MultiDiGraph, node: str, *relations: str) -> list[str]:
    return [o for _, o, d in graph.out_edges(node, data=True) if d["relation"] in relations]


def country_pairs(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Ties between each two countries, counted by kind, busiest pair first.

    A tie belongs to every two distinct countries it involves: an agreement's parties,
    an event's participants, inviter, invitee, place and the parties of the agreement
    it concerns, a diplomatic post's sending country and where it sits or is accredited.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("country/id", "Country", "Indonesia", "", None),
    ...            ("country/cn", "Country", "China", "", None),
    ...            ("city/b", "City", "Batam", "", None), ("city/x", "City", "Xiangyang", "", None),
    ...            ("agreement/s", "SisterCityAgreement", "S", "", None),
    ...            ("event/m", "Meeting", "M", "", "2025-04-21")],
    ...     edges=[("city/b", "bkg:locatedIn", "country/id", 1),
    ...            ("city/x", "bkg:locatedIn", "country/cn", 1),
    ...            ("agreement/s", "bkg:party", "city/b", 1),
    ...            ("agreement/s", "bkg:party", "city/x", 1),
    ...            ("event/m", "bkg:place", "city/b", 1),
    ...            ("event/m", "bkg:concerns", "agreement/s", 1)],
    ... )
    >>> [(p["a"]["id"], p["b"]["id"], p["agreements"], p["meetings"], p["total"])
    ...  for p in country_pairs(g)]
    [('country/cn', 'country/id', 1, 1, 2)]
    """
    from kg.analysis.geo import AGREEMENTS, EVENTS, Countries

    countries = Countries(graph)
    kinds = nx.get_node_attributes(graph, "type")
    counts: dict[tuple[str, str], dict[str, int]] = {}

    def count(involved: set[str], kind: str) -> None:
        ordered = sorted(involved)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                row = counts.setdefault((a, b), dict.fromkeys(TIE_KINDS, 0))
                row[kind] += 1

    for node, kind in kinds.items():
        if kind in AGREEMENTS:
            count(countries.all_of(_out(graph, node, "bkg:party")), "agreements")
        elif kind in EVENTS:
            involved = _out(
                graph, node, "bkg:participant", "bkg:inviter", "bkg:invitee", "bkg:place"
            )
            for agreement in _out(graph, node, "bkg:concerns"):
                involved += _out(graph, agreement, "bkg:party")
            count(countries.all_of(involved), _EVENT_TIES.get(kind, "other_events"))
        elif kind == "Post":
            senders = _out(graph, node, "bkg:represents")
            if senders:
                hosts = _out(graph, node, "bkg:basedIn", "bkg:accreditedTo")
                count(countries.all_of(senders + hosts), "posts")
    rows: list[dict[str, Any]] = [
        {
            "a": summary(graph, a),
            "b": summary(graph, b),
            **row,
            "total": sum(row.values()),
        }
        for (a, b), row in counts.items()
    ]
    rows.sort(key=lambda r: (-r["total"], r["a"]["id"], r["b"]["id"]))
    return rows


def landing(
    graph: nx.MultiDiGraph, *, iso: dict[str, str] | None = None, top: int = 10
) -> dict[str, Any]:
    """What the landing page shows: totals, ties by country pair, the latest events and
    the people and places most articles mention.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("person/a", "Person", "A", "", None), ("city/b", "City", "B", "", None),
    ...            ("event/m", "Meeting", "M", "", "2025-04-21"),
    ...            ("article/1", "Article", "One", "", "2025-04-22"),
    ...            ("article/2", "Article", "Two", "", "2025-04-23")],
    ...     edges=[("event/m", "bkg:participant", "person/a", 1),
    ...            ("event/m", "bkg:place", "city/b", 1),
    ...            ("person/a", "prov:wasDerivedFrom", "article/1", 1),
    ...            ("person/a", "prov:wasDerivedFrom", "article/2", 1),
    ...            ("city/b", "prov:wasDerivedFrom", "article/1", 1)],
    ... )
    >>> page = landing(g)
    >>> page["totals"]["articles"], [(p["id"], p["articles"]) for p in page["people"]]
    (2, [('person/a', 2)])
    >>> [(e["id"], e["place"]["id"]) for e in page["latest_events"]]
    [('event/m', 'city/b')]
    """
    from kg.analysis.geo import AGREEMENTS, EVENTS, PLACES

    if top < 1:
        raise InvalidParameterError("top must be at least 1")
    iso = iso or {}
    kinds = nx.get_node_attributes(graph, "type")
    totals = dict.fromkeys(("articles", "people", "places", "agreements", "events", "posts"), 0)
    for kind in kinds.values():
        key = (
            "articles"
            if kind == "Article"
            else "people"
            if kind == "Person"
            else "places"
            if kind in PLACES
            else "agreements"
            if kind in AGREEMENTS
            else "events"
            if kind in EVENTS
            else "posts"
            if kind == "Post"
            else None
        )
        if key:
            totals[key] += 1

    def cited(node: str) -> int:
        return len(
            {o for _, o, d in graph.out_edges(node, data=True) if d["relation"] == PROVENANCE}
        )

    def most(wanted: frozenset[str] | set[str]) -> list[dict[str, Any]]:
        scored = [(cited(n), n) for n, k in kinds.items() if k in wanted]
        scored.sort(key=lambda cn: (-cn[0], cn[1]))
        return [{**summary(graph, n), "articles": c} for c, n in scored[:top] if c]

    dated = [
        (graph.nodes[n]["date"], n)
        for n, k in kinds.items()
        if k in EVENTS and graph.nodes[n].get("date")
    ]
    dated.sort(key=lambda dn: (dn[0], dn[1]), reverse=True)
    latest = []
    for date, node in dated[:top]:
        place = next(iter(_out(graph, node, "bkg:place")), None)
        latest.append(
            {
                **summary(graph, node),
                "date": date,
                "place": summary(graph, place) if place else None,
                "participants": [
                    summary(graph, p) for p in sorted(_out(graph, node, "bkg:participant"))
                ],
            }
        )
    pairs = country_pairs(graph)
    for row in pairs:
        for side in ("a", "b"):
            row[side]["iso"] = iso.get(row[side]["id"])
    return {
        "totals": totals,
        "pairs": pairs,
        "latest_events": latest,
        "people": most({"Person"}),
        "places": most(PLACES),
    }
