"""The time axis: events on their dates and agreements' status changes.

An agreement's *status change* is the first date on which an article states a status
for it (Proposed, Signed, Ended): the publication date of that article. So a pair of
cities that met in April, proposed a partnership in May and signed in September shows
three items, in that order.

The timeline is for the whole graph, for one entity (the events and agreements it
takes part in, and for a place those at places inside it) or for a country pair (what
ties the two countries, as in the map).

>>> steps = status_history([("agreement/s", "Signed", "2025-09-01"),
...                         ("agreement/s", "Proposed", "2025-05-02"),
...                         ("agreement/s", "Proposed", "2025-06-10")])
>>> steps["agreement/s"]
[{'status': 'Proposed', 'date': '2025-05-02'}, {'status': 'Signed', 'date': '2025-09-01'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from kg.analysis.geo import AGREEMENTS, EVENTS, PLACES, Countries
from kg.analysis.nodes import PROVENANCE, require_node, summary

__all__ = ["entity_scope", "pair_scope", "status_history", "timeline"]


def status_history(rows: Iterable[tuple[str, str, str]]) -> dict[str, list[dict[str, str]]]:
    """``{agreement: [{"status", "date"}, ...]}`` from ``(agreement, status, date)``
    statements: the first date each status was stated, oldest first.

    >>> status_history([("agreement/s", "Signed", "2025-09-01")])
    {'agreement/s': [{'status': 'Signed', 'date': '2025-09-01'}]}
    """
    first: dict[str, dict[str, str]] = {}
    for agreement, status, date in rows:
        known = first.setdefault(agreement, {})
        if status not in known or date < known[status]:
            known[status] = date
    return {
        agreement: [
            {"status": s, "date": d} for s, d in sorted(by.items(), key=lambda sd: (sd[1], sd[0]))
        ]
        for agreement, by in first.items()
    }


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    found = {o for _, o, d in graph.out_edges(node, data=True) if d["relation"] != PROVENANCE}
    found |= {s for s, _, d in graph.in_edges(node, data=True) if d["relation"] != PROVENANCE}
    return found


def entity_scope(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The events and agreements on ``node``'s timeline.

    Its own (it is one, or it takes part, is their place or party); a person's also
    through the posts they hold (an invitation to the Mayor of Batam), a post's through
    its holders; a place's also those at the places inside it.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("province/p", "Province", "P", "", None), ("city/c", "City", "C", "", None),
    ...            ("event/m", "Meeting", "M", "", "2025-01-02"),
    ...            ("person/a", "Person", "A", "", None), ("post/x", "Post", "X", "", None),
    ...            ("event/i", "Invitation", "I", "", "2025-02-03")],
    ...     edges=[("city/c", "bkg:locatedIn", "province/p", 1),
    ...            ("event/m", "bkg:place", "city/c", 1), ("person/a", "org:holds", "post/x", 1),
    ...            ("event/i", "bkg:invitee", "post/x", 1)],
    ... )
    >>> sorted(entity_scope(g, "province/p")), sorted(entity_scope(g, "person/a"))
    (['event/m'], ['event/i'])
    """
    require_node(graph, node)
    kinds = nx.get_node_attributes(graph, "type")
    roots = {node}
    kind = kinds.get(node)
    if kind == "Person":
        roots |= {o for _, o, d in graph.out_edges(node, data=True) if d["relation"] == "org:holds"}
    elif kind == "Post":
        roots |= {s for s, _, d in graph.in_edges(node, data=True) if d["relation"] == "org:holds"}
    elif kind in PLACES:
        frontier = [node]
        while frontier:
            place = frontier.pop()
            for inner, _, d in graph.in_edges(place, data=True):
                contained = d["relation"] == "bkg:locatedIn" and kinds.get(inner) in PLACES
                if contained and inner not in roots:
                    roots.add(inner)
                    frontier.append(inner)
    wanted = AGREEMENTS | EVENTS
    scope = {n for n in roots if kinds.get(n) in wanted}
    for root in roots:
        scope |= {n for n in _neighbours(graph, root) if kinds.get(n) in wanted}
    # An agreement's timeline also holds the events about it (the signing, the visits).
    for agreement in [n for n in scope if kinds.get(n) in AGREEMENTS]:
        scope |= {n for n in _neighbours(graph, agreement) if kinds.get(n) in EVENTS}
    return scope


def pair_scope(graph: nx.MultiDiGraph, a: str, b: str) -> set[str]:
    """The agreements with parties in both countries, and the events about them or
    involving both (participants, inviter, invitee, place).

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("country/a", "Country", "A", "", None), ("country/b", "Country", "B", "", None),
    ...            ("city/x", "City", "X", "", None), ("event/m", "Meeting", "M", "", "2025-01-02"),
    ...            ("event/n", "Meeting", "N", "", "2025-01-03")],
    ...     edges=[("city/x", "bkg:locatedIn", "country/a", 1),
    ...            ("event/m", "bkg:place", "city/x", 1),
    ...            ("event/m", "bkg:participant", "country/b", 1),
    ...            ("event/n", "bkg:place", "city/x", 1)],
    ... )
    >>> sorted(pair_scope(g, "country/a", "country/b"))
    ['event/m']
    """
    require_node(graph, a)
    require_node(graph, b)
    countries = Countries(graph)
    kinds = nx.get_node_attributes(graph, "type")

    def targets(node: str, *relations: str) -> list[str]:
        return [o for _, o, d in graph.out_edges(node, data=True) if d["relation"] in relations]

    agreements = {
        n
        for n, k in kinds.items()
        if k in AGREEMENTS and {a, b} <= countries.all_of(targets(n, "bkg:party"))
    }
    events = set()
    for n, k in kinds.items():
        if k not in EVENTS:
            continue
        involved = targets(n, "bkg:participant", "bkg:inviter", "bkg:invitee", "bkg:place")
        if set(targets(n, "bkg:concerns")) & agreements or {a, b} <= countries.all_of(involved):
            events.add(n)
    return agreements | events


def timeline(
    graph: nx.MultiDiGraph,
    history: Mapping[str, list[dict[str, str]]],
    *,
    scope: set[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """``{"items", "undated"}``: dated events and status changes (in ``scope`` if given,
    between ``since`` and ``until`` inclusive), oldest first; ``undated`` counts the
    events left out for want of a date.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("agreement/s", "SisterCityAgreement", "S", "", None),
    ...            ("event/m", "Meeting", "M", "", "2025-04-21"),
    ...            ("event/v", "Visit", "V", "", None)],
    ...     edges=[("event/m", "bkg:concerns", "agreement/s", 1)],
    ... )
    >>> h = {"agreement/s": [{"status": "Proposed", "date": "2025-04-22"}]}
    >>> out = timeline(g, h)
    >>> [(i["kind"], i["date"], i.get("status")) for i in out["items"]], out["undated"]
    ([('event', '2025-04-21', None), ('status', '2025-04-22', 'Proposed')], 1)
    """
    kinds = nx.get_node_attributes(graph, "type")
    items: list[dict[str, Any]] = []
    undated = 0

    def keep(date: str) -> bool:
        return (since is None or date >= since) and (until is None or date <= until)

    for node, kind in kinds.items():
        if kind not in EVENTS or (scope is not None and node not in scope):
            continue
        date = graph.nodes[node].get("date")
        if not date:
            undated += 1
            continue
        if not keep(date):
            continue
        place = next(
            (o for _, o, d in graph.out_edges(node, data=True) if d["relation"] == "bkg:place"),
            None,
        )
        items.append(
            {
                **summary(graph, node),
                "kind": "event",
                "date": date,
                "place": summary(graph, place) if place else None,
                "concerns": sorted(
                    o
                    for _, o, d in graph.out_edges(node, data=True)
                    if d["relation"] == "bkg:concerns"
                ),
            }
        )
    for agreement, steps in history.items():
        if agreement not in graph or (scope is not None and agreement not in scope):
            continue
        for step in steps:
            if keep(step["date"]):
                items.append(
                    {
                        **summary(graph, agreement),
                        "id": f"{agreement}#{step['status']}",
                        "agreement": agreement,
                        "kind": "status",
                        "status": step["status"],
                        "date": step["date"],
                    }
                )
    items.sort(key=lambda i: (i["date"], i["kind"], i["id"]))
    return {"items": items, "undated": undated}
