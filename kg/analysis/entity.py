"""Everything about one node: types, labels, properties, relations with how many articles
state them and a few sentences each, and the newest articles it comes from (the
contract's ``/api/entities/{id}``)."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.analysis.evidence import CANDIDATES as _CANDIDATES
from kg.analysis.evidence import fact_term, relation_evidence
from kg.analysis.nodes import PROVENANCE, require_node, summary
from kg.analysis.projection import curie
from kg.graph.bindings import with_bindings
from kg.graph.results import term_to_python
from kg.graph.store import GraphStore
from kg.graph.vocab import BKGID, ONTOLOGY_GRAPH, expand, sparql_prefixes

__all__ = ["entity_details"]

#: Past this many articles on both ends of a relation, its newest articles are found by
#: walking the node's articles in date order rather than by intersecting the two sets.
_WALK = 64

_HIDDEN = {
    expand("rdf:type"),
    expand("rdfs:label"),
    expand("skos:altLabel"),
    expand("schema:articleBody"),
    expand("prov:wasDerivedFrom"),
}

# Property by property, not ?p: a country cited by 10,000 articles has 10,000
# prov:wasDerivedFrom links that a scan of all its triples would read one by one.
_PREDICATES = f"""SELECT DISTINCT ?p WHERE {{
  GRAPH <{ONTOLOGY_GRAPH}> {{
    ?p a ?kind .
    VALUES ?kind {{ owl:DatatypeProperty owl:ObjectProperty owl:AnnotationProperty rdf:Property }}
  }}
}}"""
_STANDARD = ("rdf:type", "rdfs:label", "skos:altLabel", "owl:sameAs", "schema:articleBody")

_PROPERTIES = """SELECT ?p ?o WHERE {
  VALUES ?p { PREDICATES }
  ?n ?p ?o .
  FILTER(isLiteral(?o) || !STRSTARTS(STR(?o), STR(bkgid:)))
}"""


def _select(store: GraphStore, query: str, node: str) -> list[dict[str, Any]]:
    result = store.select(sparql_prefixes() + with_bindings(query, n=ox.NamedNode(node)))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def _plain(term: Any) -> Any:
    value = term_to_python(term)
    return value.isoformat() if hasattr(value, "isoformat") else value


def entity_details(
    store: GraphStore,
    graph: nx.MultiDiGraph,
    node: str,
    *,
    limit: int = 25,
    offset: int = 0,
    evidence: int = 3,
    max_articles: int = 10,
) -> dict[str, Any]:
    """The entity view of ``node`` (an id of the projection), bounded however popular it is.

    Relations come ranked by how many articles state them (``support``), ``limit`` per
    direction from ``offset``, each with up to ``evidence`` sentences
    (:func:`~kg.analysis.evidence.evidence_page` pages through the rest); the newest
    ``max_articles`` articles that mention the node; and the totals of each.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> batam = entity_details(kg.store, kg.to_networkx(), "city/batam-6295587")
    >>> batam["types"], batam["properties"]["owl:sameAs"]
    (['bkg:City'], ['https://sws.geonames.org/6295587/'])
    >>> zhang = entity_details(kg.store, kg.to_networkx(), "person/zhang-min")
    >>> [(r["predicate"], r["support"], len(r["evidence"])) for r in zhang["relations"]["out"]]
    [('org:holds', 1, 1)]
    """
    require_node(graph, node)
    iri = f"{BKGID}{node}"
    types: set[str] = set()
    alt_labels: set[str] = set()
    properties: dict[str, list[Any]] = defaultdict(list)
    declared = {row[0].value for row in store.select(sparql_prefixes() + _PREDICATES).rows}  # type: ignore[union-attr]
    declared |= {expand(name) for name in _STANDARD}
    declared.discard(expand("prov:wasDerivedFrom"))
    wanted = " ".join(f"<{p}>" for p in sorted(declared))
    for row in _select(store, _PROPERTIES.replace("PREDICATES", wanted), iri):
        predicate, value = row["p"].value, row["o"]
        if predicate == expand("rdf:type"):
            types.add(curie(value.value))
        elif predicate == expand("skos:altLabel"):
            alt_labels.add(value.value)
        elif predicate not in _HIDDEN:
            shown = curie(value.value) if isinstance(value, ox.NamedNode) else _plain(value)
            if shown not in properties[curie(predicate)]:
                properties[curie(predicate)].append(shown)

    cache: dict[str, dict[str, Any]] = {}
    # networkx's own adjacency dicts (neighbour -> {key: data}): its views cost a call per
    # lookup, and a country cited by 10,000 articles has as many provenance links.
    adjacency, attributes = graph._succ, graph._node
    mine = adjacency[node]

    def newest(articles: Iterable[str], count: int) -> list[str]:
        return heapq.nlargest(count, articles, key=lambda a: (attributes[a].get("date") or "", a))

    def both_ends(other: str) -> list[str]:
        """The newest articles that mention ``node`` and ``other`` (may state their fact)."""
        theirs = adjacency[other]
        if len(theirs) > _WALK and len(mine) > _WALK:
            # Two popular nodes: walk this node's articles newest first until enough
            # mention the other too, instead of intersecting thousands with thousands.
            found = []
            for article in mine_by_date:
                if PROVENANCE in theirs.get(article, ()):
                    found.append(article)
                    if len(found) == _CANDIDATES:
                        break
            return found
        small, large = (theirs, mine) if len(theirs) <= len(mine) else (mine, theirs)
        return newest(
            (a for a, keys in small.items() if PROVENANCE in keys and a in large), _CANDIDATES
        )

    def related(edges: list[tuple[str, str, str, int]], side: str) -> list[dict[str, Any]]:
        # The best-supported first: a popular node has thousands of relations.
        ranked = sorted(edges, key=lambda e: (-e[3], e[1], e[0], e[2]))
        shown = []
        for s, p, o, weight in ranked[offset : offset + limit]:
            triple = ox.Triple(fact_term(s), fact_term(p), fact_term(o))
            other = o if side == "target" else s
            candidates = [f"{BKGID}{a}" for a in both_ends(other)]
            shown.append(
                {
                    "predicate": p,
                    side: summary(graph, other),
                    "support": weight,
                    "evidence": relation_evidence(store, triple, evidence, cache, candidates),
                }
            )
        return shown

    outgoing, incoming, articles = [], [], []
    for _, target, key, data in graph.out_edges(node, keys=True, data=True):
        relation = data.get("relation", key)
        if relation == PROVENANCE:
            articles.append(target)
        else:
            outgoing.append((node, relation, target, int(data.get("weight", 1))))
    for source, _, key, data in graph.in_edges(node, keys=True, data=True):
        relation = data.get("relation", key)
        if relation != PROVENANCE:
            incoming.append((source, relation, node, int(data.get("weight", 1))))
    mine_by_date = newest(articles, len(articles))
    latest = mine_by_date[:max_articles]
    return {
        **summary(graph, node, with_date=True),
        "iri": iri,
        "types": sorted(types),
        "alt_labels": sorted(alt_labels),
        "properties": dict(properties),
        "relations": {
            "out": related(outgoing, "target"),
            "in": related(incoming, "source"),
            "out_total": len(outgoing),
            "in_total": len(incoming),
            "offset": offset,
        },
        "articles": [_article_summary(store, a) for a in latest],
        "articles_total": len(articles),
    }


def _article_summary(store: GraphStore, article: str) -> dict[str, Any]:
    from kg.analysis.articles import get_article

    return get_article(store, article, text=False)
