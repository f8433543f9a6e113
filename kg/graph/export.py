"""Write the whole dataset, or the knowledge graph alone, in an RDF syntax.

Dataset formats (TriG, N-Quads) write every graph: the default graph of facts, the
support counts and each source graph; loading such a dump into a SPARQL server gives
a store in the same layout. Single-graph formats write the default graph: each fact
once, without the evidence of the article graphs.
"""

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
#: Formats of one graph: the default graph, each fact once.
GRAPH_ONLY_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
RDF_EXPORT_FORMATS = {**DATASET_FORMATS, **GRAPH_ONLY_FORMATS}


def _facts(store: GraphStore) -> Iterator[ox.Triple]:
    # quads() gives the facts as the default graph, also where a server keeps them named.
    for quad in store.quads():
        if quad.graph_name == ox.DefaultGraph():
            yield ox.Triple(quad.subject, quad.predicate, quad.object)


def export_rdf(store: GraphStore, output: BinaryIO, fmt: str) -> None:
    """Serialise the store to ``output`` in ``fmt`` (see :data:`RDF_EXPORT_FORMATS`).

    >>> import io
    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> out = io.BytesIO()
    >>> export_rdf(kg.store, out, "nquads")
    >>> dumped = ox.parse(out.getvalue(), format=ox.RdfFormat.N_QUADS)
    >>> sorted({str(q.graph_name) for q in dumped})  # the facts, the article, the ontology, counts
    ['<https://w3id.org/bilateral-kg/id/article/87b0bccd0b1595bbd2eb9a12>', \
'<https://w3id.org/bilateral-kg/ontology>', '<https://w3id.org/bilateral-kg/support>', 'DEFAULT']
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
    source = store.quads() if fmt in DATASET_FORMATS else _facts(store)
    ox.serialize(source, output, format=rdf_format, **pretty)  # type: ignore[arg-type]
