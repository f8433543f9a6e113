"""Linked Data: what an IRI we mint says about itself, and the VoID description of the dataset.

The API's ``/id/{path}``, ``/ontology`` and ``/.well-known/void`` routes serialise these
triples in whichever RDF syntax the client asks for; the logic lives here so a notebook or
the CLI can produce the same descriptions.

A description holds every fact with the IRI as subject, the labels and types of the things
it points to, and a bounded number of incoming links (a country is the object of thousands
of facts). The triples are de-duplicated here, so the answer is the same whether the
default graph holds each fact once or is the union of the article graphs.

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph.open("memory:")
>>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
...                    "Tiongkok di Medan, Zhang Min, Senin (21/4/2025).",
...                    url="https://example.com/1")
>>> about = describe(kg, BKGID + "person/zhang-min")
>>> label = ox.Triple(ox.NamedNode(BKGID + "person/zhang-min"),
...                   ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
...                   ox.Literal("Zhang Min"))
>>> label in about, len(about) == len(set(about))
(True, True)
>>> describe(kg, BKGID + "person/nobody")
[]
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph.results import Solutions
from kg.graph.vocab import BKGID, ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES, SHAPES_FILE

if TYPE_CHECKING:
    from kg.knowledge import KnowledgeGraph

__all__ = [
    "ID_SPACE",
    "INCOMING_LIMIT",
    "VOCABULARIES",
    "describe",
    "entity_iri",
    "ontology_triples",
    "shapes_triples",
    "void_triples",
]

#: Every instance IRI starts with this (``bkgid:``).
ID_SPACE = str(BKGID)
#: At most this many incoming links go into a description.
INCOMING_LIMIT = 200

_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_XSD = PREFIXES["xsd"]
_VOID = "http://rdfs.org/ns/void#"
_DCT = PREFIXES["dct"]
_SD = "http://www.w3.org/ns/sparql-service-description#"
_FOAF = "http://xmlns.com/foaf/0.1/"

#: The vocabularies the data uses (``void:vocabulary``).
VOCABULARIES = [
    str(ONTOLOGY_GRAPH),
    "http://www.w3.org/ns/org#",
    "https://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
    "http://www.w3.org/2000/01/rdf-schema#",
]

# Path segments of the IRIs we mint: slugs, hex digests, GeoNames ids. Anything else
# (quotes, brackets, spaces) cannot name one of our nodes and must not reach a query.
_ID_PATH = re.compile(r"[A-Za-z0-9._~%-]+(?:/[A-Za-z0-9._~%-]+)*")
# Evidence nodes point at the facts they support; they are not links a reader follows.
_REIFICATION = (f"<{_RDF}subject>", f"<{_RDF}predicate>", f"<{_RDF}object>")


def entity_iri(path: str) -> str | None:
    """The instance IRI for a path under ``/id/``, or None if no IRI of ours looks like it.

    >>> entity_iri("person/zhang-min")
    'https://w3id.org/bilateral-kg/id/person/zhang-min'
    >>> entity_iri('person/x> } UNION { ?s ?p ?o') is None
    True
    """
    if not _ID_PATH.fullmatch(path) or ".." in path.split("/"):
        return None
    return ID_SPACE + path


def _select(kg: KnowledgeGraph, query: str) -> Solutions:
    result = kg.sparql(query)
    assert isinstance(result, Solutions)
    return result


def describe(kg: KnowledgeGraph, iri: str, incoming: int = INCOMING_LIMIT) -> list[ox.Triple]:
    """The triples that describe ``iri``; empty if the store says nothing about it.

    ``iri`` must already be checked (see :func:`entity_iri`): it is written into the query.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                        "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    ...     about = describe(kg, BKGID + "city/batam-6295587", incoming=0)
    >>> sorted({t.predicate.value.rsplit("#", 1)[-1] for t in about})[:3]
    ['label', 'locatedIn', 'sameAs']
    """
    node = ox.NamedNode(iri)
    found: dict[ox.Triple, None] = {}

    def add(s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: object) -> None:
        found[ox.Triple(s, p, o)] = None  # type: ignore[arg-type]

    for p, o in _select(kg, f"SELECT DISTINCT ?p ?o WHERE {{ {node} ?p ?o }}"):
        add(node, p, o)  # type: ignore[arg-type]
    if not found:
        return []
    # What the objects are called and what they are, so a reader needs no second request.
    for o, p, value in _select(
        kg,
        f"""SELECT DISTINCT ?o ?p ?value WHERE {{
              {node} ?link ?o . FILTER(isIRI(?o))
              VALUES ?p {{ <{_RDFS}label> <{_RDF}type> }}
              ?o ?p ?value }}""",
    ):
        add(o, p, value)  # type: ignore[arg-type]
    if incoming > 0:
        not_evidence = ", ".join(_REIFICATION)
        for s, p, label in _select(
            kg,
            f"""SELECT ?s ?p (SAMPLE(?l) AS ?label) WHERE {{
                  ?s ?p {node} . FILTER(isIRI(?s) && ?p NOT IN ({not_evidence}))
                  OPTIONAL {{ ?s <{_RDFS}label> ?l }}
                }} GROUP BY ?s ?p ORDER BY ?p ?s LIMIT {int(incoming)}""",
        ):
            add(s, p, node)  # type: ignore[arg-type]
            if label is not None:
                add(s, ox.NamedNode(_RDFS + "label"), label)  # type: ignore[arg-type]
    return list(found)


@functools.cache
def _parsed(path: str) -> tuple[ox.Triple, ...]:
    data = open(path, "rb").read()  # noqa: SIM115 - read once and cached
    return tuple(
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_GRAPH))
    )


def ontology_triples() -> list[ox.Triple]:
    """The ontology of ``ontology/bilateral.ttl``, as served at ``/ontology``.

    >>> owl_ontology = ox.NamedNode("http://www.w3.org/2002/07/owl#Ontology")
    >>> any(t.object == owl_ontology for t in ontology_triples())
    True
    """
    return list(_parsed(str(ONTOLOGY_FILE)))


def shapes_triples() -> list[ox.Triple]:
    """The SHACL shapes of ``ontology/shapes.ttl``, as served at ``/shapes``.

    >>> node_shape = ox.NamedNode("http://www.w3.org/ns/shacl#NodeShape")
    >>> any(t.object == node_shape for t in shapes_triples())
    True
    """
    return list(_parsed(str(SHAPES_FILE)))


def _count(kg: KnowledgeGraph, query: str) -> int:
    rows = _select(kg, query).rows
    value = rows[0][0] if rows else None
    return int(value.value) if isinstance(value, ox.Literal) else 0


def void_triples(kg: KnowledgeGraph, base: str) -> list[ox.Triple]:
    """A VoID description of the dataset served at ``base`` (e.g. ``http://127.0.0.1:8000``).

    Counts are of distinct triples and nodes, so they do not depend on how the store lays
    out the article graphs. The dataset is ``<{base}/.well-known/void#dataset>``.

    >>> from kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                        "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    ...     void = void_triples(kg, "http://127.0.0.1:8000/")
    >>> documents = ox.NamedNode(_VOID + "documents")
    >>> [t.object.value for t in void if t.predicate == documents]
    ['1']
    """
    base = base.rstrip("/")
    dataset = ox.NamedNode(f"{base}/.well-known/void#dataset")
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal | ox.BlankNode) -> None:
        out.append(ox.Triple(s, ox.NamedNode(p), o))

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(_XSD + "integer"))

    ontology = f"<{ONTOLOGY_GRAPH}>"
    triples = _count(kg, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # each fact once
    entities = _count(
        kg,
        f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o
              FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID_SPACE}")) }}""",
    )
    articles = _count(
        kg, f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a <{PREFIXES['bkg']}Article> }}"
    )
    add(dataset, _RDF + "type", ox.NamedNode(_VOID + "Dataset"))
    add(dataset, _DCT + "title", ox.Literal("bilateral-kg", language="en"))
    add(
        dataset,
        _DCT + "description",
        ox.Literal(
            "Bilateral ties between countries, cities and people, taken from news articles.",
            language="en",
        ),
    )
    add(dataset, _VOID + "triples", integer(triples))
    add(dataset, _VOID + "entities", integer(entities))
    add(dataset, _VOID + "documents", integer(articles))
    add(dataset, _VOID + "uriSpace", ox.Literal(ID_SPACE))
    add(dataset, _VOID + "sparqlEndpoint", ox.NamedNode(f"{base}/sparql"))
    add(dataset, _VOID + "dataDump", ox.NamedNode(f"{base}/api/export?format=trig"))
    add(dataset, _VOID + "rootResource", ox.NamedNode(str(ONTOLOGY_GRAPH)))
    add(dataset, _VOID + "feature", ox.NamedNode("http://www.w3.org/ns/formats/Turtle"))
    add(dataset, _VOID + "feature", ox.NamedNode("http://www.w3.org/ns/formats/JSON-LD"))
    for vocabulary in VOCABULARIES:
        add(dataset, _VOID + "vocabulary", ox.NamedNode(vocabulary))
    example = _select(
        kg, f"SELECT ?s WHERE {{ ?s a <{PREFIXES['bkg']}Person> }} ORDER BY ?s LIMIT 1"
    ).rows
    if example and isinstance(example[0][0], ox.NamedNode):
        add(dataset, _VOID + "exampleResource", example[0][0])
    for cls, n in _select(
        kg,
        f"""SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
              ?s a ?class FILTER(STRSTARTS(STR(?class), "{PREFIXES["bkg"]}"))
              # the ontology's own individuals (statuses, roles) are not data
              FILTER NOT EXISTS {{ GRAPH {ontology} {{ ?s a ?class }} }}
            }} GROUP BY ?class ORDER BY ?class""",
    ):
        partition = ox.BlankNode()
        out.append(ox.Triple(dataset, ox.NamedNode(_VOID + "classPartition"), partition))
        out.append(ox.Triple(partition, ox.NamedNode(_VOID + "class"), cls))  # type: ignore[arg-type]
        out.append(
            ox.Triple(partition, ox.NamedNode(_VOID + "entities"), integer(int(n.value)))  # type: ignore[union-attr]
        )
    service = ox.NamedNode(f"{base}/sparql")
    add(service, _RDF + "type", ox.NamedNode(_SD + "Service"))
    add(service, _SD + "endpoint", service)
    add(dataset, _FOAF + "homepage", ox.NamedNode(f"{base}/"))
    return out
