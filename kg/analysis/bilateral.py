"""What the graph knows about the ties between two countries.

Every node gets a *side*: the country it belongs to. A place's country is found by
following ``bkg:locatedIn``; an organisation's through the place it is located in; a
post's is the country it represents (diplomats) or the country of its jurisdiction;
a person's that of a post they hold. Then:

- an agreement is bilateral when its parties fall on both sides;
- an event is bilateral when it concerns a bilateral agreement, or its participants,
  inviter, invitee and place fall on both sides;
- city pairs are the cities of the two sides in a bilateral agreement (or twinned);
- posts are the diplomats of one side posted to the other, and the posts of people
  and places taking part in the bilateral agreements and events;
- companies are those party to, or taking part in, these, or located in a paired city.

>>> from kg.analysis.projection import project_rows
>>> g = project_rows(
...     nodes=[("country/id", "Country", "Indonesia", "", None),
...            ("country/cn", "Country", "China", "", None),
...            ("city/batam", "City", "Batam", "", None),
...            ("city/xy", "City", "Xiangyang", "", None),
...            ("agreement/s", "SisterCityAgreement", "Batam-Xiangyang", "", None)],
...     edges=[("city/batam", "bkg:locatedIn", "country/id", 1),
...            ("city/xy", "bkg:locatedIn", "country/cn", 1),
...            ("agreement/s", "bkg:party", "city/batam", 2),
...            ("agreement/s", "bkg:party", "city/xy", 1)],
... )
>>> found = summarize(g, "country/id", "country/cn", statuses={"agreement/s": "Proposed"})
>>> [(p["a"]["id"], p["b"]["id"]) for p in found["city_pairs"]]
[('city/batam', 'city/xy')]
>>> [a["id"] for a in found["agreements"]["Proposed"]], found["agreements"]["Signed"]
(['agreement/s'], [])

:func:`between` answers for two ISO codes over a store: it reads the countries' codes and
each agreement's status and each post's role (which live outside the projection) with two
SPARQL queries, keeps the furthest status any article states, and calls :func:`summarize`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.analysis.filters import expand_types
from kg.analysis.nodes import PROVENANCE, require_node, summary
from kg.errors import InvalidParameterError, NotFoundError
from kg.graph.domain import STATUS_ORDER, STATUSES
from kg.graph.store import GraphStore
from kg.graph.vocab import BKGID, checked, sparql_prefixes

__all__ = ["STATUSES", "between", "country_codes", "country_pair", "summarize"]

_COUNTRIES = checked("SELECT DISTINCT ?c ?iso WHERE { ?c a bkg:Country ; bkg:isoCode ?iso }")

_STATUS_ROLES = checked("""SELECT DISTINCT ?n ?p ?o WHERE {
  VALUES ?p { bkg:status org:role }
  ?n ?p ?o .
  FILTER(STRSTARTS(STR(?n), STR(bkgid:)))
}""")


def _local(node: object) -> str:
    return str(getattr(node, "value", node))[len(str(BKGID)) :]


def country_codes(store: GraphStore) -> dict[str, str]:
    """``{ISO 3166-1 alpha-2: country node id}`` of the countries in the graph.

    >>> from kg.graph.store import open_store
    >>> country_codes(open_store("memory:"))
    {}
    """
    return {
        str(iso.value).upper(): _local(node)  # type: ignore[union-attr]
        for node, iso in store.select(sparql_prefixes() + _COUNTRIES)
    }


def country_pair(store: GraphStore, a: str, b: str) -> tuple[str, str]:
    """The node ids of two countries given by ISO code; a clear error for unknown or equal ones.

    >>> from kg.graph.store import open_store
    >>> country_pair(open_store("memory:"), "ID", "CN")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no country with ISO code 'ID'
    """
    return _pair(country_codes(store), a, b)


def _pair(codes: dict[str, str], a: str, b: str) -> tuple[str, str]:
    ids = []
    for given in (a, b):
        if given.upper() not in codes:
            raise NotFoundError(f"no country with ISO code {given!r}")
        ids.append(codes[given.upper()])
    if ids[0] == ids[1]:
        raise InvalidParameterError("a and b are the same country")
    return ids[0], ids[1]


def between(store: GraphStore, graph: nx.MultiDiGraph, a: str, b: str) -> dict[str, Any]:
    """The ``/api/bilateral`` answer for two ISO 3166-1 alpha-2 codes (``"ID"``, ``"CN"``).

    Articles may disagree about an agreement (proposed in one, signed in a later one); an
    agreement only moves forward in the ontology's status order, so the furthest status
    stated wins.

    >>> from kg.graph.store import open_store
    >>> from kg.analysis.projection import project
    >>> store = open_store("memory:")
    >>> between(store, project(store), "ID", "CN")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no country with ISO code 'ID'
    """
    codes = country_codes(store)
    ids = _pair(codes, a, b)
    statuses: dict[str, str] = {}
    roles: dict[str, str] = {}
    for node, predicate, value in store.select(sparql_prefixes() + _STATUS_ROLES):
        key = _local(node)
        local = str(value.value).rsplit("#", 1)[-1]  # type: ignore[union-attr]
        if not str(predicate.value).endswith("#status"):  # type: ignore[union-attr]
            roles[key] = local
        elif STATUS_ORDER.get(local, -1) > STATUS_ORDER.get(statuses.get(key, ""), -1):
            statuses[key] = local
    iso = {node: code for code, node in codes.items()}
    return summarize(graph, ids[0], ids[1], statuses=statuses, roles=roles, iso=iso)


_AGREEMENTS = frozenset(expand_types(["Agreement"]))
_EVENTS = frozenset(expand_types(["Event"]))
_PLACES = frozenset(expand_types(["Place"]))


def _targets(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted(o for _, o, d in graph.out_edges(node, data=True) if d["relation"] == relation)


def _sources(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted(s for s, _, d in graph.in_edges(node, data=True) if d["relation"] == relation)


class _Sides:
    """The country each node belongs to, memoised."""

    def __init__(self, graph: nx.MultiDiGraph, a: str, b: str) -> None:
        self.graph, self.a, self.b = graph, a, b
        self.memo: dict[str, str | None] = {}

    def country(self, node: str, depth: int = 0) -> str | None:
        if node in self.memo:
            return self.memo[node]
        self.memo[node] = None  # guards cycles
        kind = self.graph.nodes[node].get("type")
        found: str | None = None
        if kind == "Country":
            found = node
        elif depth < 8:
            if kind == "Post":
                relations = ["bkg:represents", "bkg:jurisdiction", "org:postIn"]
            elif kind == "Person":
                relations = ["org:holds"]
            else:
                relations = ["bkg:locatedIn"]
            for relation in relations:
                for target in _targets(self.graph, node, relation):
                    found = self.country(target, depth + 1)
                    if found:
                        break
                if found:
                    break
        self.memo[node] = found
        return found

    def side(self, node: str) -> str | None:
        country = self.country(node)
        return "a" if country == self.a else "b" if country == self.b else None


def _weight(graph: nx.MultiDiGraph, node: str) -> int:
    return sum(
        d.get("weight", 1)
        for _, _, d in graph.out_edges(node, data=True)
        if d["relation"] != PROVENANCE
    )


def summarize(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    *,
    statuses: dict[str, str] | None = None,
    roles: dict[str, str] | None = None,
    iso: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The contract's ``/api/bilateral`` answer for countries ``a`` and ``b`` (node ids).

    ``statuses`` maps agreement ids to ``Proposed``/``Signed``/``Ended`` and ``roles`` post
    ids to role names (both live outside the projection); ``iso`` maps country ids to codes.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("country/id", "Country", "Indonesia", "", None),
    ...            ("country/cn", "Country", "China", "", None),
    ...            ("post/cg", "Post", "Consul General of China in Medan", "en", None),
    ...            ("person/z", "Person", "Zhang Min", "", None)],
    ...     edges=[("post/cg", "bkg:represents", "country/cn", 1),
    ...            ("post/cg", "bkg:accreditedTo", "country/id", 1),
    ...            ("person/z", "org:holds", "post/cg", 1)],
    ... )
    >>> found = summarize(g, "country/id", "country/cn", iso={"country/id": "ID"})
    >>> found["a"]["iso"], [(p["post"]["id"], p["holder"]["id"], p["side"]) for p in found["posts"]]
    ('ID', [('post/cg', 'person/z', 'b')])
    """
    require_node(graph, a)
    require_node(graph, b)
    statuses, roles, iso = statuses or {}, roles or {}, iso or {}
    sides = _Sides(graph, a, b)

    def both(nodes: Iterable[str]) -> bool:
        found = {sides.side(n) for n in nodes}
        return {"a", "b"} <= found

    kinds = nx.get_node_attributes(graph, "type")
    agreements = [
        n for n, k in kinds.items() if k in _AGREEMENTS and both(_targets(graph, n, "bkg:party"))
    ]
    agreement_set = set(agreements)
    by_status: dict[str, list[dict[str, Any]]] = {s: [] for s in STATUSES}
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for agreement in sorted(agreements):
        parties = _targets(graph, agreement, "bkg:party")
        status = statuses.get(agreement, STATUSES[0])  # no status stated: the first
        record = {
            **summary(graph, agreement),
            "status": status,
            "parties": [summary(graph, p) for p in parties],
            "evidence_count": _weight(graph, agreement),
        }
        by_status.setdefault(status, []).append(record)
        for left in parties:
            for right in parties:
                if (
                    kinds.get(left) == "City"
                    and kinds.get(right) == "City"
                    and sides.side(left) == "a"
                    and sides.side(right) == "b"
                ):
                    pairs.setdefault((left, right), []).append(record)
    for s, o, d in graph.edges(data=True):
        if d["relation"] == "bkg:twinnedWith":
            left, right = (s, o) if sides.side(s) == "a" else (o, s)
            if sides.side(left) == "a" and sides.side(right) == "b":
                pairs.setdefault((left, right), [])

    events = []
    actors: set[str] = set()
    for event in sorted(n for n, k in kinds.items() if k in _EVENTS):
        involved = []
        for relation in ("bkg:participant", "bkg:inviter", "bkg:invitee"):
            involved += _targets(graph, event, relation)
        places = _targets(graph, event, "bkg:place")
        concerns = set(_targets(graph, event, "bkg:concerns")) & agreement_set
        if not concerns and not both([*involved, *places]):
            continue
        actors.update(involved)
        participants = _targets(graph, event, "bkg:participant")
        events.append(
            {
                **summary(graph, event, with_date=True),
                "date": graph.nodes[event].get("date"),
                "place": summary(graph, places[0]) if places else None,
                "participants": [summary(graph, p) for p in participants],
                "evidence_count": _weight(graph, event),
            }
        )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))

    paired_cities = {c for pair in pairs for c in pair}
    posts: set[str] = set()
    for node, kind in kinds.items():
        if kind != "Post":
            continue
        represented = {sides.side(c) for c in _targets(graph, node, "bkg:represents")}
        hosts = _targets(graph, node, "bkg:accreditedTo") + _targets(graph, node, "bkg:basedIn")
        hosted = {sides.side(c) for c in hosts}
        posted_across = ("a" in represented and "b" in hosted) or (
            "b" in represented and "a" in hosted
        )
        if posted_across or set(_targets(graph, node, "bkg:jurisdiction")) & paired_cities:
            posts.add(node)
    for actor in actors:
        if kinds.get(actor) == "Post":
            posts.add(actor)
        elif kinds.get(actor) == "Person":
            posts.update(_targets(graph, actor, "org:holds"))
    post_records = []
    people: dict[str, dict[str, Any]] = {}
    for post in sorted(posts):
        side = sides.side(post)
        if side is None:
            continue
        holders = [h for h in _sources(graph, post, "org:holds") if kinds.get(h) == "Person"]
        post_records.append(
            {
                "post": summary(graph, post),
                "role": roles.get(post),
                "holder": summary(graph, holders[0]) if holders else None,
                "side": side,
            }
        )
        for holder in holders:
            people.setdefault(holder, {**summary(graph, holder), "side": side})
    for actor in sorted(actors):
        side = sides.side(actor)
        if kinds.get(actor) == "Person" and side is not None:
            people.setdefault(actor, {**summary(graph, actor), "side": side})

    companies = set()
    for agreement in agreements:
        companies.update(_targets(graph, agreement, "bkg:party"))
    companies.update(actors)
    for city in paired_cities:
        companies.update(_sources(graph, city, "bkg:locatedIn"))
    company_records = []
    for company in sorted(c for c in companies if kinds.get(c) == "Company"):
        located = [p for p in _targets(graph, company, "bkg:locatedIn") if kinds.get(p) in _PLACES]
        company_records.append(
            {
                **summary(graph, company),
                "located_in": summary(graph, located[0]) if located else None,
            }
        )

    return {
        "a": {**summary(graph, a), "iso": iso.get(a)},
        "b": {**summary(graph, b), "iso": iso.get(b)},
        "posts": post_records,
        "people": sorted(people.values(), key=lambda p: (p["side"], p["label"])),
        "city_pairs": [
            {"a": summary(graph, left), "b": summary(graph, right), "agreements": found}
            for (left, right), found in sorted(pairs.items())
        ],
        "agreements": by_status,
        "events": events,
        "companies": company_records,
    }
