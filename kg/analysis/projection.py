"""The networkx projection of the RDF graph: typed nodes, typed edges weighted by support.

Nodes are the extracted things and the articles (``bkgid:`` IRIs), keyed by their id
(the IRI after ``/id/``), with ``type``, ``label``, ``labels`` (by language) and, for
events and articles, ``date``. Edges are the object properties between them, keyed
by the property's CURIE, with ``weight`` = the number of articles that state the fact
(its support count; 1 for facts without one, such as provenance links).
Provenance links (``prov:wasDerivedFrom``) connect nodes to their articles.

>>> g = project_rows(
...     nodes=[("person/a", "Person", "A", "", None), ("post/m", "Post", "Mayor of X", "", None)],
...     edges=[("person/a", "org:holds", "post/m", 2)],
... )
>>> g.edges["person/a", "post/m", "org:holds"]["weight"]
2
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from datetime import date
from typing import Any, BinaryIO

import networkx as nx

from kg.graph.results import Solutions
from kg.graph.store import GraphStore
from kg.graph.store.facts import SUPPORT_GRAPH
from kg.graph.vocab import BKGID, PREFIXES, sparql_prefixes

__all__ = ["curie", "entity_id", "project", "project_rows", "write_network"]

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def curie(iri: str) -> str:
    """Shorten an IRI with the project's prefixes.

    >>> curie("http://www.w3.org/ns/org#holds")
    'org:holds'
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and prefix != "bkgid":
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def entity_id(iri: str) -> str:
    """The id of a ``bkgid:`` IRI (``person/zhang-min``); other IRIs unchanged.

    >>> entity_id("https://w3id.org/bilateral-kg/id/person/zhang-min")
    'person/zhang-min'
    >>> entity_id("https://sws.geonames.org/1790587/")
    'https://sws.geonames.org/1790587/'
    """
    return iri[len(str(BKGID)) :] if iri.startswith(str(BKGID)) else iri


# Three small queries joined here: a node has one type and date but several labels,
# and the join in Python keeps the rows few.
_TYPES = """
SELECT ?n ?type WHERE {
  ?n a ?type .
  FILTER(STRSTARTS(STR(?type), STR(bkg:)) && STRSTARTS(STR(?n), STR(bkgid:)))
}"""
_LABELS = """
SELECT ?n ?label WHERE {
  ?n rdfs:label ?label .
  FILTER(STRSTARTS(STR(?n), STR(bkgid:)))
}"""
_DATES = """
SELECT ?n ?date WHERE {
  ?n schema:startDate|schema:datePublished ?date .
  FILTER(STRSTARTS(STR(?n), STR(bkgid:)))
}"""

_EDGES = f"""
SELECT ?s ?p ?o ?w WHERE {{
  ?s ?p ?o .
  FILTER(isIRI(?o) && ?p != rdf:type)
  FILTER(STRSTARTS(STR(?s), STR(bkgid:)) && STRSTARTS(STR(?o), STR(bkgid:)))
  OPTIONAL {{
    GRAPH <{SUPPORT_GRAPH}> {{
      ?f rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; bkg:supportCount ?w
    }}
  }}
}}"""


def _select(store: GraphStore, query: str) -> Solutions:
    return store.select(sparql_prefixes() + query)


def project(store: GraphStore) -> nx.MultiDiGraph:
    """Build the projection of the whole store.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> g = project(kg.store)
    >>> g.nodes["person/zhang-min"]["type"], g.has_edge("person/zhang-min",
    ...     "post/consul-general/cn/medan-1214520", "org:holds")
    ('Person', True)
    """
    labels: dict[str, list[tuple[str, str]]] = {}
    for n, label in _select(store, _LABELS):
        lang = getattr(label, "language", None) or ""
        labels.setdefault(n.value, []).append((label.value, lang))  # type: ignore[union-attr]
    dates = {n.value: when.value for n, when in _select(store, _DATES)}  # type: ignore[union-attr]
    nodes: list[tuple[str, str, str | None, str, str | None]] = []
    for n, t in _select(store, _TYPES):
        iri = n.value  # type: ignore[union-attr]
        kind = t.value.rsplit("#", 1)[-1]  # type: ignore[union-attr]
        node_id, when = entity_id(iri), dates.get(iri)
        named: list[tuple[str | None, str]] = [*labels.get(iri, [])] or [(None, "")]
        for text, lang in named:
            nodes.append((node_id, kind, text, lang, when))
    edges = [
        (entity_id(s.value), curie(p.value), entity_id(o.value), 1 if w is None else int(w.value))  # type: ignore[union-attr]
        for s, p, o, w in _select(store, _EDGES)
    ]
    return project_rows(nodes, edges)


# When a node has several types (City and Place), the most specific wins.
_GENERAL = {"Place": 1, "Organization": 1, "Agreement": 1, "Event": 1}


def project_rows(
    nodes: Iterable[tuple[str, str, str | None, str, str | None]],
    edges: Iterable[tuple[str, str, str, int]],
) -> nx.MultiDiGraph:
    """Build the projection from (id, type, label, lang, date) and (s, p, o, weight) rows.

    A node seen with several types keeps the most specific; English labels win.

    >>> g = project_rows(
    ...     nodes=[("country/cn", "Place", "Tiongkok", "id", None),
    ...            ("country/cn", "Country", "China", "en", None)],
    ...     edges=[],
    ... )
    >>> g.nodes["country/cn"]
    {'type': 'Country', 'label': 'China', 'labels': {'id': 'Tiongkok', 'en': 'China'}}
    """
    graph = nx.MultiDiGraph()
    for node_id, node_type, label, lang, when in nodes:
        data: dict[str, Any] = graph.nodes[node_id] if node_id in graph else {}
        if not data:
            graph.add_node(node_id, type=node_type, label=node_id, labels={})
            data = graph.nodes[node_id]
        if _GENERAL.get(data["type"], 0) > _GENERAL.get(node_type, 0):
            data["type"] = node_type
        if label is not None:
            data["labels"][lang] = label
            data["label"] = data["labels"].get("", data["labels"].get("en", label))
        if when:
            with contextlib.suppress(ValueError):
                data["date"] = date.fromisoformat(when[:10]).isoformat()
    for s, p, o, weight in edges:
        for end in (s, o):
            if end not in graph:
                graph.add_node(end, type="Thing", label=end, labels={})
        graph.add_edge(s, o, key=p, relation=p, weight=weight)
    return graph


def write_network(graph: nx.MultiDiGraph, output: BinaryIO, fmt: str) -> None:
    """Write the projection as GraphML or GEXF (label dictionaries flattened).

    >>> g = project_rows([("city/b", "City", "Batam", "en", None)], [])
    >>> out = io.BytesIO()
    >>> write_network(g, out, "graphml")
    >>> nx.read_graphml(io.BytesIO(out.getvalue())).nodes["city/b"]["label_en"]
    'Batam'
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k != "labels" and v is not None}
        for lang, text in data.get("labels", {}).items():
            attrs[f"label_{lang or 'plain'}"] = text
        flat.add_node(node, **attrs)
    for s, o, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(s, o, key=key, **data)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer)
    elif fmt == "gexf":
        nx.write_gexf(flat, buffer)
    else:
        raise ValueError(f"unknown network format {fmt!r}")
    output.write(buffer.getvalue())
