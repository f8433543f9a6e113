"""Articles as the contract lists them: id, url, title, published, language, source.

>>> from kg.graph.store import open_store
>>> store = open_store("memory:")
>>> list_articles(store)
{'total': 0, 'articles': []}
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.analysis.nodes import summary
from kg.analysis.projection import entity_id
from kg.errors import InvalidParameterError, NotFoundError
from kg.graph.bindings import with_bindings
from kg.graph.results import term_to_python
from kg.graph.store import GraphStore
from kg.graph.vocab import BKGID, sparql_prefixes

__all__ = ["article_iri", "article_with_entities", "get_article", "list_articles"]

_FIELDS = """
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:headline ?headline }
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a schema:datePublished ?published }
  OPTIONAL { ?a schema:inLanguage ?language }
  OPTIONAL { ?a schema:publisher ?source }
  OPTIONAL { ?a bkg:extracted ?extracted }
"""
_VARIABLES = "?a ?url ?headline ?label ?published ?language ?source ?extracted"


def article_iri(article_id: str) -> str:
    """The IRI of an article from its id (``article/<hex>``, ``<hex>`` or the IRI).

    >>> article_iri("article/87b0bccd0b1595bbd2eb9a12")
    'https://w3id.org/bilateral-kg/id/article/87b0bccd0b1595bbd2eb9a12'
    """
    if article_id.startswith(("http://", "https://")) and not article_id.startswith(str(BKGID)):
        raise NotFoundError(f"no article {article_id!r}")
    iri = (
        article_id
        if article_id.startswith(str(BKGID))
        else f"{BKGID}article/" + (article_id.removeprefix("article/"))
    )
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise NotFoundError(f"no article {article_id!r}") from None
    return iri


def _record(row: dict[str, ox.NamedNode | ox.Literal | None]) -> dict[str, Any]:
    def value(name: str) -> Any:
        found = term_to_python(row.get(name))
        return found.isoformat() if hasattr(found, "isoformat") else found

    return {
        "id": entity_id(str(value("a"))),
        "url": value("url"),
        "title": value("headline") or value("label"),
        "published": value("published"),
        "language": value("language"),
        "source": value("source"),
        "extracted": value("extracted") if value("extracted") is not None else True,
    }


def _rows(store: GraphStore, query: str, **bindings: Any) -> list[dict[str, Any]]:
    result = store.select(sparql_prefixes() + with_bindings(query, **bindings))
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def list_articles(store: GraphStore, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """``{"total", "articles"}``, newest first (undated last), then by id.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> [(a["url"], a["language"], a["extracted"]) for a in list_articles(kg.store)["articles"]]
    [('https://example.com/1', 'id', True)]
    """
    if not 1 <= limit <= 1000:
        raise InvalidParameterError("limit must be between 1 and 1000")
    if offset < 0:
        raise InvalidParameterError("offset must not be negative")
    total = _rows(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bkg:Article }")
    count = int(term_to_python(total[0]["n"])) if total else 0
    # Each article graph describes its article once, so no DISTINCT is needed here.
    query = f"""SELECT {_VARIABLES} WHERE {{
      GRAPH ?a {{ ?a a bkg:Article {_FIELDS} }}
    }} ORDER BY DESC(BOUND(?published)) DESC(?published) ?a
    LIMIT {int(limit)} OFFSET {int(offset)}"""
    return {"total": count, "articles": [_record(row) for row in _rows(store, query)]}


def get_article(store: GraphStore, article_id: str, *, text: bool = True) -> dict[str, Any]:
    """One article, with its ``text`` if asked; :class:`NotFoundError` if absent.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> get_article(kg.store, "article/87b0bccd0b1595bbd2eb9a12")["text"][:15]
    'Wali Kota Batam'
    """
    iri = ox.NamedNode(article_iri(article_id))
    body = "OPTIONAL { ?a schema:articleBody ?text }" if text else ""
    # The article's description is in the default graph too (each fact once), where a
    # bound subject is an index lookup; GRAPH ?a with a bound ?a is not pushed down.
    query = f"""SELECT {_VARIABLES} ?text WHERE {{
      ?a a bkg:Article {_FIELDS} {body}
    }} LIMIT 1"""
    rows = _rows(store, query, a=iri)
    if not rows:
        raise NotFoundError(f"no article {article_id!r}")
    record = _record(rows[0])
    if text:
        record["text"] = term_to_python(rows[0].get("text")) or ""
    return record


def article_with_entities(store: GraphStore, graph: nx.MultiDiGraph, id: str) -> dict[str, Any]:
    """:func:`get_article` plus ``entities``: summaries of the nodes taken from it.

    >>> from kg.graph.store import open_store
    >>> article_with_entities(open_store("memory:"), nx.MultiDiGraph(), "article/00")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no article 'article/00'
    """
    record = get_article(store, id)
    node = record["id"]
    entities = (
        sorted(s for s, _, key in graph.in_edges(node, keys=True) if key == "prov:wasDerivedFrom")
        if node in graph
        else []
    )
    record["entities"] = [summary(graph, n) for n in entities]
    return record
