"""Write the whole dataset, or its union graph, in an RDF syntax."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import InvalidParameterError
from kg.graph.store import GraphStore
from kg.graph.vocab import PREFIXES

__all__ = ["DATASET_FORMATS", "RDF_EXPORT_FORMATS", "export_rdf"]

#: Formats that keep named graphs.
DATASET_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
#: Formats of one graph: the union of all graphs, each triple once.
GRAPH_ONLY_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
RDF_EXPORT_FORMATS = {**DATASET_FORMATS, **GRAPH_ONLY_FORMATS}


def _union(store: GraphStore) -> Iterator[ox.Triple]:
    seen: set[ox.Triple] = set()
    for quad in store.quads():
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if triple not in seen:
            seen.add(triple)
            yield triple


def export_rdf(store: GraphStore, output: BinaryIO, fmt: str) -> None:
    """Serialise the store to ``output`` in ``fmt`` (see :data:`RDF_EXPORT_FORMATS`).

    >>> import io
    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> out = io.BytesIO()
    >>> export_rdf(kg.store, out, "nquads")
    >>> graphs = {line.rsplit(" ", 2)[-2] for line in out.getvalue().decode().splitlines()}
    >>> sorted(graphs)  # the ontology and the article, each in its own graph
    ['<https://w3id.org/bilateral-kg/id/article/87b0bccd0b1595bbd2eb9a12>', \
'<https://w3id.org/bilateral-kg/ontology>']
    """
    if fmt not in RDF_EXPORT_FORMATS:
        raise InvalidParameterError(
            f"unknown export format {fmt!r}; choose one of {', '.join(RDF_EXPORT_FORMATS)}"
        )
    rdf_format = RDF_EXPORT_FORMATS[fmt]
    prefixes = {k: v for k, v in PREFIXES.items() if k != "sh"}
    pretty = (
        {"prefixes": prefixes} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else {}
    )
    source = store.quads() if fmt in DATASET_FORMATS else _union(store)
    ox.serialize(source, output, format=rdf_format, **pretty)  # type: ignore[arg-type]
