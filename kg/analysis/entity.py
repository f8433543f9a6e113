"""Everything about one node: types, labels, properties, relations with their evidence,
and the articles it comes from (the contract's ``/api/entities/{id}``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.analysis.nodes import PROVENANCE, require_node, summary
from kg.analysis.projection import curie, entity_id
from kg.graph.bindings import with_bindings
from kg.graph.results import term_to_python
from kg.graph.store import GraphStore
from kg.graph.vocab import BKGID, expand, sparql_prefixes

__all__ = ["entity_details"]

_HIDDEN = {
    expand("rdf:type"),
    expand("rdfs:label"),
    expand("skos:altLabel"),
    expand("schema:articleBody"),
    expand("prov:wasDerivedFrom"),
}

_PROPERTIES = """SELECT DISTINCT ?p ?o WHERE {
  ?n ?p ?o .
  FILTER(isLiteral(?o) || !STRSTARTS(STR(?o), STR(bkgid:)))
}"""

_EVIDENCE = """SELECT DISTINCT ?s ?p ?o ?sentence ?start ?end ?confidence ?article ?url ?title
       ?published WHERE {
  { ?e rdf:subject ?n } UNION { ?e rdf:object ?n }
  ?e a bkg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     bkg:sentence ?sentence ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?e bkg:startOffset ?start }
  OPTIONAL { ?e bkg:endOffset ?end }
  OPTIONAL { ?e bkg:confidence ?confidence }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:headline|rdfs:label ?title }
  OPTIONAL { ?article schema:datePublished ?published }
} ORDER BY ?article ?start"""


def _select(store: GraphStore, query: str, node: str) -> list[dict[str, Any]]:
    result = store.select(sparql_prefixes() + with_bindings(query, n=ox.NamedNode(node)))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def _plain(term: Any) -> Any:
    value = term_to_python(term)
    return value.isoformat() if hasattr(value, "isoformat") else value


def entity_details(store: GraphStore, graph: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """The entity view of ``node`` (an id of the projection).

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> batam = entity_details(kg.store, kg.to_networkx(), "city/batam-6295587")
    >>> batam["types"], batam["properties"]["owl:sameAs"]
    (['bkg:City'], ['https://sws.geonames.org/6295587/'])
    """
    require_node(graph, node)
    iri = f"{BKGID}{node}"
    types: set[str] = set()
    alt_labels: set[str] = set()
    properties: dict[str, list[Any]] = defaultdict(list)
    for row in _select(store, _PROPERTIES, iri):
        predicate, value = row["p"].value, row["o"]
        if predicate == expand("rdf:type"):
            types.add(curie(value.value))
        elif predicate == expand("skos:altLabel"):
            alt_labels.add(value.value)
        elif predicate not in _HIDDEN:
            shown = curie(value.value) if isinstance(value, ox.NamedNode) else _plain(value)
            if shown not in properties[curie(predicate)]:
                properties[curie(predicate)].append(shown)

    evidence: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    seen = set()
    for row in _select(store, _EVIDENCE, iri):
        key = (entity_id(row["s"].value), curie(row["p"].value), entity_id(row["o"].value))
        item = {
            "sentence": row["sentence"].value,
            "start": _plain(row.get("start")),
            "end": _plain(row.get("end")),
            "confidence": _plain(row.get("confidence")),
            "article": {
                "id": entity_id(row["article"].value),
                "url": _plain(row.get("url")),
                "title": _plain(row.get("title")),
                "published": _plain(row.get("published")),
            },
        }
        marker = (key, item["article"]["id"], item["start"])
        if marker not in seen:  # headline and label may both match ?title
            seen.add(marker)
            evidence[key].append(item)

    out_relations = []
    in_relations = []
    articles = []
    for _, target, key, data in sorted(graph.out_edges(node, keys=True, data=True)):
        relation = data.get("relation", key)
        if relation == PROVENANCE:
            articles.append(target)
            continue
        out_relations.append(
            {
                "predicate": relation,
                "target": summary(graph, target),
                "evidence": evidence.get((node, relation, target), []),
            }
        )
    for source, _, key, data in sorted(graph.in_edges(node, keys=True, data=True)):
        relation = data.get("relation", key)
        if relation == PROVENANCE:
            continue
        in_relations.append(
            {
                "predicate": relation,
                "source": summary(graph, source),
                "evidence": evidence.get((source, relation, node), []),
            }
        )
    return {
        **summary(graph, node, with_date=True),
        "iri": iri,
        "types": sorted(types),
        "alt_labels": sorted(alt_labels),
        "properties": dict(properties),
        "relations": {"out": out_relations, "in": in_relations},
        "articles": [_article_summary(store, a) for a in articles],
    }


def _article_summary(store: GraphStore, article: str) -> dict[str, Any]:
    from kg.analysis.articles import get_article

    return get_article(store, article, text=False)
