"""The data behind the map, the timeline and the landing page, read from a knowledge graph.

What lives outside the networkx projection is read here with plain SPARQL over the
default graph: each agreement's statuses with the dates of the articles stating them,
posts' roles and countries' ISO codes. The rest comes from the projection, through
:mod:`kg.analysis.geo`, :mod:`kg.analysis.timeline` and :mod:`kg.analysis.overview`.
The REST routes, :meth:`KnowledgeGraph.map` and :meth:`KnowledgeGraph.timeline` all
call these functions, so a filter means the same thing everywhere.

>>> from kg.knowledge import KnowledgeGraph
>>> kg = KnowledgeGraph.open("memory:")
>>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
...                    url="https://example.com/1", published="2025-04-22")
>>> layers = map_data(kg)
>>> [(p["label"], p["from"], p["to"]) for p in layers["posts"]]
[('Consul General of China in Medan', 'country/cn', 'city/medan-1214520')]
>>> [(e["date"], e["place"]["label"]) for e in timeline_data(kg, entity="Zhang Min")["items"]]
[('2025-04-21', 'Batam')]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.analysis import geo
from kg.analysis import overview as _overview
from kg.analysis import timeline as _timeline
from kg.analysis.bilateral import country_codes, country_pair
from kg.errors import InvalidParameterError
from kg.graph.domain import STATUS_ORDER
from kg.graph.vocab import BKGID, sparql_prefixes

if TYPE_CHECKING:
    from kg.knowledge import KnowledgeGraph

__all__ = ["agreement_history", "country_ids", "landing_data", "map_data", "timeline_data"]

# Each article graph states the status as of that article; its publication date dates it.
_HISTORY = """SELECT ?agreement ?status ?published WHERE {
  GRAPH ?article { ?agreement bkg:status ?status }
  ?article schema:datePublished ?published .
}"""

# One triple pattern each, on purpose: until the default graph holds each fact once
# (issue 11), a country named by 10,000 articles has its type and its code 10,000 times
# each, and joining the two patterns would make 10^8 rows. Only countries have an ISO
# code and only posts a role, so the type adds nothing.
_STATUSES = "SELECT DISTINCT ?agreement ?status WHERE { ?agreement bkg:status ?status }"

_ROLES = "SELECT DISTINCT ?post ?role WHERE { ?post org:role ?role }"


def _key(term: Any) -> str:
    return str(term.value).removeprefix(str(BKGID))


def _local(term: Any) -> str:
    return str(term.value).rsplit("#", 1)[-1]


def _day(value: date | str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InvalidParameterError(f"{name} must be a date (YYYY-MM-DD), not {text!r}") from None


def agreement_history(kg: KnowledgeGraph) -> dict[str, list[dict[str, str]]]:
    """Each agreement's dated status changes (see :func:`kg.analysis.timeline.status_history`).

    >>> from kg.knowledge import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     agreement_history(kg)
    {}
    """
    rows = kg.store.select(sparql_prefixes() + _HISTORY)
    return _timeline.status_history(
        (_key(agreement), _local(status), str(published.value)[:10])  # type: ignore[union-attr]
        for agreement, status, published in rows
    )


def _statuses(kg: KnowledgeGraph) -> dict[str, str]:
    found: dict[str, str] = {}
    for agreement, status in kg.store.select(sparql_prefixes() + _STATUSES):
        key, local = _key(agreement), _local(status)
        # Articles may disagree: an agreement only moves forward, the furthest status wins.
        if STATUS_ORDER.get(local, -1) > STATUS_ORDER.get(found.get(key, ""), -1):
            found[key] = local
    return found


def country_ids(kg: KnowledgeGraph) -> dict[str, str]:
    """``{ISO alpha-2: country node id}`` of the countries in the graph.

    >>> from kg.knowledge import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                        "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
    ...                        url="https://example.com/1", published="2025-04-22")
    ...     sorted(country_ids(kg).items())
    [('CN', 'country/cn'), ('ID', 'country/id')]
    """
    return country_codes(kg.store)


def _pair(kg: KnowledgeGraph, a: str | None, b: str | None) -> tuple[str, str] | None:
    if not a and not b:
        return None
    if not a or not b:
        raise InvalidParameterError("a country pair needs both a and b (ISO 3166-1 alpha-2)")
    return country_pair(kg.store, a, b)


def map_data(
    kg: KnowledgeGraph,
    *,
    a: str | None = None,
    b: str | None = None,
    layers: Iterable[str] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> dict[str, Any]:
    """The map's layers (:func:`kg.analysis.geo.map_layers`), for the country pair
    ``a``–``b`` (ISO codes) if given, the chosen ``layers`` and the period.

    >>> from kg.knowledge import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     sorted(map_data(kg, layers=["events"]))
    ['agreements', 'countries', 'events', 'pair', 'places', 'posts', 'since', 'until']
    """
    chosen = list(layers) if layers else list(geo.LAYERS)
    unknown = sorted(set(chosen) - set(geo.LAYERS))
    if unknown:
        raise InvalidParameterError(
            f"unknown map layer {unknown[0]!r}: choose from {', '.join(geo.LAYERS)}"
        )
    graph = kg.to_networkx()
    codes = country_ids(kg)
    layers_ = geo.map_layers(
        graph,
        statuses=_statuses(kg),
        history=agreement_history(kg),
        roles={_key(p): _local(r) for p, r in kg.store.select(sparql_prefixes() + _ROLES)},
        iso={node: code for code, node in codes.items()},
        pair=_pair(kg, a, b),
        layers=chosen,
        since=_day(since, "since"),
        until=_day(until, "until"),
    )
    # Every country the graph knows, for the pair pickers.
    layers_["countries"] = sorted(
        ({**kg.summary(node), "iso": code} for code, node in codes.items() if node in graph),
        key=lambda c: c["label"],
    )
    return layers_


def timeline_data(
    kg: KnowledgeGraph,
    *,
    entity: str | None = None,
    a: str | None = None,
    b: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
) -> dict[str, Any]:
    """The timeline (:func:`kg.analysis.timeline.timeline`) of the whole graph, of one
    ``entity`` (id or exact name) or of the country pair ``a``–``b``.

    >>> from kg.knowledge import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     timeline_data(kg, since="2025-01-01")
    {'entity': None, 'pair': None, 'items': [], 'undated': 0}
    """
    graph = kg.to_networkx()
    scope: set[str] | None = None
    focus = None
    if entity:
        node = kg.summary(entity)["id"]
        scope = _timeline.entity_scope(graph, node)
        focus = kg.summary(node)
    pair = _pair(kg, a, b)
    if pair is not None:
        paired = _timeline.pair_scope(graph, *pair)
        scope = paired if scope is None else scope & paired
    found = _timeline.timeline(
        graph,
        agreement_history(kg),
        scope=scope,
        since=_day(since, "since"),
        until=_day(until, "until"),
    )
    return {"entity": focus, "pair": list(pair) if pair else None, **found}


def landing_data(kg: KnowledgeGraph, top: int = 10) -> dict[str, Any]:
    """The landing page's answer to "what is in here?" (:func:`kg.analysis.overview.landing`).

    >>> from kg.knowledge import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     landing_data(kg)["totals"]["articles"]
    0
    """
    codes = country_ids(kg)
    return _overview.landing(kg.to_networkx(), iso={n: c for c, n in codes.items()}, top=top)
