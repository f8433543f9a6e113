"""Exports parse back: dataset formats keep every quad, graph formats the facts."""

from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InvalidParameterError
from kg.graph.export import export_rdf
from kg.graph.store.facts import SUPPORT_GRAPH
from kg.knowledge import KnowledgeGraph


def exported(kg: KnowledgeGraph, fmt: str) -> bytes:
    buffer = io.BytesIO()
    kg.export(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        pytest.param("trig", ox.RdfFormat.TRIG, id="trig"),
        pytest.param("nquads", ox.RdfFormat.N_QUADS, id="nquads"),
    ],
)
def test_dataset_formats_keep_every_quad(
    seed_kg: KnowledgeGraph, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    back = set(ox.parse(exported(seed_kg, fmt), format=rdf_format))
    assert back == set(seed_kg.store.quads())


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        pytest.param("turtle", ox.RdfFormat.TURTLE, id="turtle"),
        pytest.param("nt", ox.RdfFormat.N_TRIPLES, id="nt"),
        pytest.param("jsonld", ox.RdfFormat.JSON_LD, id="jsonld"),
        pytest.param("xml", ox.RdfFormat.RDF_XML, id="rdfxml"),
    ],
)
def test_graph_formats_hold_the_facts(
    seed_kg: KnowledgeGraph, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    back = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(exported(seed_kg, fmt), format=rdf_format)
    }
    rows = seed_kg.store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    facts = {ox.Triple(*row) for row in rows}  # type: ignore[misc]
    assert back == facts
    assert not any("/evidence/" in str(t.subject) for t in back)  # evidence stays in articles


def test_trig_parses_with_rdflib_into_the_same_graphs(seed_kg: KnowledgeGraph) -> None:
    dataset = Dataset()
    dataset.parse(data=exported(seed_kg, "trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {*seed_kg.store.graph_names(), SUPPORT_GRAPH, str(DATASET_DEFAULT_GRAPH_ID)}
    for name in [*seed_kg.store.graph_names(), SUPPORT_GRAPH]:
        ours = Graph()
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in seed_kg.store.quads(name)]
        ours.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
        assert isomorphic(dataset.graph(name), ours)


@pytest.mark.parametrize(
    ("fmt", "read"),
    [
        pytest.param("graphml", nx.read_graphml, id="graphml"),
        pytest.param("gexf", nx.read_gexf, id="gexf"),
    ],
)
def test_network_formats_read_back_with_networkx(
    seed_kg: KnowledgeGraph, fmt: str, read: object
) -> None:
    network = read(io.BytesIO(exported(seed_kg, fmt)))  # type: ignore[operator]
    projection = seed_kg.to_networkx()
    assert network.number_of_nodes() == projection.number_of_nodes() > 0
    assert network.number_of_edges() == projection.number_of_edges() > 0
    labels = {data.get("label") for _, data in network.nodes(data=True)}
    assert {"Zhang Min", "Amsakar Achmad", "Batam"} <= labels


def test_export_to_a_path(seed_kg: KnowledgeGraph, tmp_path: object) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "out.nq"
    seed_kg.export(target, "nquads")
    assert set(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS)) == set(
        seed_kg.store.quads()
    )


def test_unknown_format(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(InvalidParameterError, match="unknown export format"):
        export_rdf(seed_kg.store, io.BytesIO(), "csv")
