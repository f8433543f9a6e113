"""Turn one article and its extraction into the quads of the article's named graph.

Layout (see ``ontology/README.md``): the graph's name is the article's IRI. It holds
the article's metadata, every node the article mentions (type, labels, properties,
``prov:wasDerivedFrom`` the article), every relation, and one ``bkg:Evidence`` node
per relation that points at the triple (``rdf:subject``/``rdf:predicate``/
``rdf:object``) with the sentence, its offsets and a confidence.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox

from kg.extract.model import IRI, Edge, Evidence, Extraction, LangText, Value
from kg.graph.vocab import BKGID, expand
from kg.sources.model import Article

__all__ = ["article_iri", "build_article", "node_iri"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


@lru_cache(maxsize=512)
def term(curie: str) -> ox.NamedNode:
    """The NamedNode of a CURIE or IRI (cached: the vocabulary is small).

    A ``bkg:`` name the ontology does not declare raises :class:`~kg.errors.VocabularyError`.
    """
    return ox.NamedNode(expand(curie))


_DATE = ox.NamedNode(_XSD + "date")
_INTEGER = ox.NamedNode(_XSD + "integer")
_DECIMAL = ox.NamedNode(_XSD + "decimal")
_DOUBLE = ox.NamedNode(_XSD + "double")
_BOOLEAN = ox.NamedNode(_XSD + "boolean")


def article_iri(article: Article) -> str:
    """The IRI of an article, also the name of its graph.

    >>> article_iri(Article("Text.", url="https://example.com/1"))
    'https://w3id.org/bilateral-kg/id/article/87b0bccd0b1595bbd2eb9a12'
    """
    return f"{BKGID}article/{article.identity}"


def node_iri(key: str) -> str:
    """The IRI of an extracted node from its key (``person/zhang-min``).

    >>> node_iri("person/zhang-min")
    'https://w3id.org/bilateral-kg/id/person/zhang-min'
    """
    return f"{BKGID}{key}"


def literal(value: Value) -> ox.NamedNode | ox.Literal:
    """An RDF term for a property value of the extraction model."""
    if isinstance(value, IRI):
        return term(value.value)
    if isinstance(value, LangText):
        return ox.Literal(value.text, language=value.lang) if value.lang else ox.Literal(value.text)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_BOOLEAN)
    if isinstance(value, date):
        return ox.Literal(value.isoformat(), datatype=_DATE)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_INTEGER)
    if isinstance(value, float):
        if not math.isfinite(value):  # no xsd:decimal for these
            text = "NaN" if math.isnan(value) else "INF" if value > 0 else "-INF"
            return ox.Literal(text, datatype=_DOUBLE)
        # Positional notation: "1e-07" or "2.5e+09" is not an xsd:decimal, and
        # "%.6g" also dropped digits.
        return ox.Literal(format(Decimal(repr(value)), "f"), datatype=_DECIMAL)
    return ox.Literal(value)


# Every fixed term, named once at import: a misspelt one fails when this module loads.
_BKG_ARTICLE = term("bkg:Article")
_BKG_EVIDENCE = term("bkg:Evidence")
_BKG_CONFIDENCE = term("bkg:confidence")
_BKG_CONTENT_HASH = term("bkg:contentHash")
_BKG_END_OFFSET = term("bkg:endOffset")
_BKG_EXTRACTED = term("bkg:extracted")
_BKG_SENTENCE = term("bkg:sentence")
_BKG_START_OFFSET = term("bkg:startOffset")
_PROV_WAS_DERIVED_FROM = term("prov:wasDerivedFrom")
_RDF_OBJECT = term("rdf:object")
_RDF_PREDICATE = term("rdf:predicate")
_RDF_SUBJECT = term("rdf:subject")
_RDF_TYPE = term("rdf:type")
_RDFS_LABEL = term("rdfs:label")
_SCHEMA_ARTICLE_BODY = term("schema:articleBody")
_SCHEMA_DATE_PUBLISHED = term("schema:datePublished")
_SCHEMA_HEADLINE = term("schema:headline")
_SCHEMA_IN_LANGUAGE = term("schema:inLanguage")
_SCHEMA_PUBLISHER = term("schema:publisher")
_SCHEMA_URL = term("schema:url")
_SKOS_ALT_LABEL = term("skos:altLabel")


def _metadata(article: Article, subject: ox.NamedNode, extraction: Extraction) -> list[ox.Triple]:
    triples: list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (_RDF_TYPE, _BKG_ARTICLE),
        (_BKG_CONTENT_HASH, ox.Literal(article.content_hash)),
        (_SCHEMA_IN_LANGUAGE, ox.Literal(extraction.language)),
        (_BKG_EXTRACTED, literal(extraction.extracted)),
        (_SCHEMA_ARTICLE_BODY, ox.Literal(article.text)),
        (_RDFS_LABEL, ox.Literal(article.title or article.url or article.origin)),
    ]
    if article.url:
        triples.append((_SCHEMA_URL, ox.Literal(article.url, datatype=_ANY_URI)))
    if article.title:
        triples.append((_SCHEMA_HEADLINE, ox.Literal(article.title)))
    if article.published:
        triples.append((_SCHEMA_DATE_PUBLISHED, literal(article.published)))
    if article.source:
        triples.append((_SCHEMA_PUBLISHER, ox.Literal(article.source)))
    return [ox.Triple(subject, p, o) for p, o in triples]


_ANY_URI = ox.NamedNode(_XSD + "anyURI")


def _evidence(
    graph: ox.NamedNode,
    triple: ox.Triple,
    evidence: Evidence,
) -> list[ox.Quad]:
    digest = hashlib.blake2b(
        f"{graph.value} {triple} {evidence.start}".encode(), digest_size=10
    ).hexdigest()
    node = ox.NamedNode(f"{BKGID}evidence/{digest}")
    facts = [
        (_RDF_TYPE, _BKG_EVIDENCE),
        (_RDF_SUBJECT, triple.subject),
        (_RDF_PREDICATE, triple.predicate),
        (_RDF_OBJECT, triple.object),
        (_BKG_SENTENCE, ox.Literal(evidence.sentence)),
        (_BKG_START_OFFSET, ox.Literal(str(evidence.start), datatype=_INTEGER)),
        (_BKG_END_OFFSET, ox.Literal(str(evidence.end), datatype=_INTEGER)),
        (_BKG_CONFIDENCE, ox.Literal(f"{evidence.confidence:.3f}", datatype=_DECIMAL)),
        (_PROV_WAS_DERIVED_FROM, graph),
    ]
    return [ox.Quad(node, p, o, graph) for p, o in facts]


def build_article(article: Article, extraction: Extraction) -> tuple[str, list[ox.Quad]]:
    """The graph IRI and quads for one article.

    Every node gets its type, labels, properties and a link to the article; the first
    sentence that mentions it is kept as evidence of its type. Every relation that came
    from the text gets an evidence node.

    >>> from kg.extract import extract
    >>> article = Article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok "
    ...                   "di Medan, Zhang Min.", url="https://example.com/1", language="id")
    >>> graph, quads = build_article(article, extract(article))
    >>> graph == article_iri(article), all(q.graph_name.value == graph for q in quads)
    (True, True)
    """
    graph_iri = article_iri(article)
    graph = ox.NamedNode(graph_iri)
    quads: list[ox.Quad] = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in _metadata(article, graph, extraction)
    ]
    derived, label, alt, rdf_type = _PROV_WAS_DERIVED_FROM, _RDFS_LABEL, _SKOS_ALT_LABEL, _RDF_TYPE
    for node in extraction.nodes.values():
        subject = ox.NamedNode(node_iri(node.key))
        typed = ox.Triple(subject, rdf_type, term(f"bkg:{node.kind}"))
        quads.append(ox.Quad(subject, rdf_type, typed.object, graph))
        quads.append(ox.Quad(subject, derived, graph, graph))
        for lang, text in node.labels.items():
            quads.append(
                ox.Quad(
                    subject,
                    label,
                    ox.Literal(text, language=lang) if lang else ox.Literal(text),
                    graph,
                )
            )
        preferred = set(node.labels.values())
        for text in sorted(node.alt_labels - preferred):
            quads.append(ox.Quad(subject, alt, ox.Literal(text), graph))
        for prop, values in node.props.items():
            predicate = term(prop)
            for value in values:
                quads.append(ox.Quad(subject, predicate, literal(value), graph))
        if node.evidence:
            quads.extend(_evidence(graph, typed, node.evidence[0]))
    for edge in extraction.edges:
        quads.extend(_edge(graph, edge))
    return graph_iri, quads


def _edge(graph: ox.NamedNode, edge: Edge) -> list[ox.Quad]:
    subject = ox.NamedNode(node_iri(edge.subject))
    obj = (
        term(edge.object.value)
        if isinstance(edge.object, IRI)
        else ox.NamedNode(node_iri(edge.object))
    )
    predicate = term(edge.predicate)
    quads = [ox.Quad(subject, predicate, obj, graph)]
    if edge.evidence is not None:
        quads.extend(_evidence(graph, ox.Triple(subject, predicate, obj), edge.evidence))
    return quads
