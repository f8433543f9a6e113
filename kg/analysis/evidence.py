"""The sentences behind one fact, page by page, and how many articles state it.

Evidence lives in the article graphs (``GRAPH ?article { ?e a bkg:Evidence ... }``)
and the support count in the support graph, so a popular fact (a governor's post,
stated by thousands of articles) costs one count lookup, and its sentences are read
a page at a time rather than all at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg.analysis.projection import curie, entity_id
from kg.graph.bindings import with_bindings
from kg.graph.results import term_to_python
from kg.graph.store import GraphStore
from kg.graph.store.facts import fact_iri
from kg.graph.vocab import BKGID, expand, sparql_prefixes

__all__ = ["CANDIDATES", "evidence_page", "fact_term", "relation_evidence", "support_of"]

#: One evidence node of the fact ?s ?p ?o in graph ?g, with its sentence and offsets.
_IN_GRAPH = """GRAPH ?g {
    ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; a bkg:Evidence ;
       bkg:sentence ?sentence .
    OPTIONAL { ?e bkg:startOffset ?start }
    OPTIONAL { ?e bkg:endOffset ?end }
    OPTIONAL { ?e bkg:confidence ?confidence }
  }"""

# No ORDER BY: the engine stops after the first LIMIT rows, however many articles
# state the fact; a page asked for explicitly is ordered, newest article first.
_SENTENCES = f"""SELECT ?sentence ?start ?end ?confidence ?article WHERE {{
  {_IN_GRAPH.replace("?g", "?article")}
}} LIMIT {{limit}}"""

_PAGE = f"""SELECT ?sentence ?start ?end ?confidence ?article ?published WHERE {{
  {_IN_GRAPH.replace("?g", "?article")}
  OPTIONAL {{ ?article schema:datePublished ?published }}
}} ORDER BY DESC(?published) ?article ?start OFFSET {{offset}} LIMIT {{limit}}"""

_COUNT = """SELECT (COUNT(*) AS ?n) WHERE {
  GRAPH ?article { ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; a bkg:Evidence }
}"""

_ARTICLE = """SELECT ?url ?title ?label ?published WHERE {
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:headline ?title }
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a schema:datePublished ?published }
} LIMIT 1"""


def fact_term(node: str) -> ox.NamedNode:
    """The IRI of a projection id (``person/zhang-min``) or CURIE (``org:holds``).

    >>> fact_term("person/zhang-min").value
    'https://w3id.org/bilateral-kg/id/person/zhang-min'
    >>> fact_term("org:holds").value
    'http://www.w3.org/ns/org#holds'
    """
    if node.startswith(("http://", "https://")):
        return ox.NamedNode(node)
    if ":" in node.split("/", 1)[0]:
        return ox.NamedNode(expand(node))
    return ox.NamedNode(f"{BKGID}{node}")


def support_of(store: GraphStore, triple: ox.Triple) -> int:
    """How many source graphs state ``triple`` (0 when none does).

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> holds = ox.Triple(fact_term("person/zhang-min"), fact_term("org:holds"),
    ...                   fact_term("post/consul-general/cn/medan-1214520"))
    >>> support_of(kg.store, holds)
    1
    """
    fact = fact_iri(triple)
    return store._support([fact]).get(fact, 0)


def _rows(store: GraphStore, query: str, **bindings: Any) -> list[dict[str, Any]]:
    # IRIs are written in place (see with_bindings): Oxigraph does not push VALUES into
    # a GRAPH ?article pattern, and would scan every evidence node of every article.
    result = store.select(sparql_prefixes() + with_bindings(query, **bindings))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def _plain(term: Any) -> Any:
    value = term_to_python(term)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _article(store: GraphStore, article: ox.NamedNode, cache: dict[str, dict[str, Any]]) -> Any:
    if article.value not in cache:
        rows = _rows(store, _ARTICLE, a=article)
        row = rows[0] if rows else {}
        cache[article.value] = {
            "id": entity_id(article.value),
            "url": _plain(row.get("url")),
            "title": _plain(row.get("title") or row.get("label")),
            "published": _plain(row.get("published")),
        }
    return cache[article.value]


def _items(
    store: GraphStore, rows: list[dict[str, Any]], cache: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    return [
        {
            "sentence": row["sentence"].value,
            "start": _plain(row.get("start")),
            "end": _plain(row.get("end")),
            "confidence": _plain(row.get("confidence")),
            "article": _article(store, row["article"], cache),
        }
        for row in rows
    ]


def relation_evidence(
    store: GraphStore,
    triple: ox.Triple,
    limit: int = 3,
    cache: dict[str, dict[str, Any]] | None = None,
    articles: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """A few sentences that state ``triple``.

    With ``articles`` (article IRIs that may state it, newest first: those mentioning
    both ends), the newest sentences, looking into at most ``CANDIDATES`` article
    graphs, each an index lookup. Without, the most confident of a bounded sample.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> holds = ox.Triple(fact_term("person/zhang-min"), fact_term("org:holds"),
    ...                   fact_term("post/consul-general/cn/medan-1214520"))
    >>> [e["article"]["url"] for e in relation_evidence(kg.store, holds)]
    ['https://example.com/1']
    """
    if limit <= 0:
        return []
    cache = {} if cache is None else cache
    bound = {"s": triple.subject, "p": triple.predicate, "o": triple.object}
    if articles is not None:
        if not articles:
            return []
        # One query, a UNION of index lookups into each candidate graph, newest first.
        graphs = [ox.NamedNode(a) for a in articles[:CANDIDATES]]
        union = " UNION ".join(
            f"{{ {_IN_GRAPH.replace('?g', str(g))} BIND({g} AS ?article) }}" for g in graphs
        )
        query = f"SELECT ?sentence ?start ?end ?confidence ?article WHERE {{ {union} }}"
        rows = _rows(store, query, **bound)
        order = {g.value: i for i, g in enumerate(graphs)}
        rows.sort(key=lambda r: (order[r["article"].value], int(_plain(r.get("start")) or 0)))
        return _items(store, rows[:limit], cache)
    query = _SENTENCES.replace("{limit}", str(int(limit) * _SAMPLE))
    rows = _rows(store, query, **bound)

    def rank(row: dict[str, Any]) -> tuple[float, str, int]:
        confidence = _plain(row.get("confidence"))
        return (-float(confidence or 0), row["article"].value, int(_plain(row.get("start")) or 0))

    return _items(store, sorted(rows, key=rank)[:limit], cache)


#: Article graphs looked into for the sentences of one fact on an entity page.
CANDIDATES = 6
#: Sentences read per sentence shown, to choose the most confident from.
_SAMPLE = 5


def evidence_page(
    store: GraphStore, subject: str, predicate: str, obj: str, offset: int = 0, limit: int = 20
) -> dict[str, Any]:
    """One page of the sentences stating a fact, newest article first, with the totals.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> page = evidence_page(kg.store, "person/zhang-min", "org:holds",
    ...                      "post/consul-general/cn/medan-1214520")
    >>> page["support"], page["total"], page["evidence"][0]["sentence"][:15]
    (1, 1, 'Wali Kota Batam')
    """
    s, p, o = fact_term(subject), fact_term(predicate), fact_term(obj)
    triple = ox.Triple(s, p, o)
    bound = {"s": s, "p": p, "o": o}
    total = int(_rows(store, _COUNT, **bound)[0]["n"].value)
    query = _PAGE.replace("{offset}", str(max(0, int(offset)))).replace(
        "{limit}", str(max(0, int(limit)))
    )
    rows = _rows(store, query, **bound)
    return {
        "subject": entity_id(s.value),
        "predicate": curie(p.value),
        "object": entity_id(o.value),
        "support": support_of(store, triple),
        "total": total,
        "offset": offset,
        "evidence": _items(store, rows, {}),
    }
