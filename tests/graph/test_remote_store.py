"""The remote store against a live ``oxigraph serve`` (no union setting) on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import QueryError, ResultTooLargeError, StoreError
from kg.graph.results import Solutions
from kg.graph.store import GraphWrite, QueryLimits, RemoteStore
from kg.graph.store.facts import SUPPORT_GRAPH
from kg.graph.vocab import ONTOLOGY_GRAPH, sparql_prefixes
from kg.knowledge import KnowledgeGraph

PREFIXES = sparql_prefixes()

pytestmark = pytest.mark.server

PERSONS = "SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name }"


@pytest.fixture
def remote(oxigraph_server: str) -> Iterator[RemoteStore]:
    store = RemoteStore(oxigraph_server)
    store.update("DROP SILENT ALL")
    yield store
    store.close()


@pytest.fixture
def remote_kg(oxigraph_server: str, remote: RemoteStore) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open(oxigraph_server) as kg:
        yield kg


def test_ingest_and_query_the_seed(remote_kg: KnowledgeGraph, seed_path: Path) -> None:
    summary = remote_kg.ingest([seed_path], workers=1)
    assert (summary.stored, summary.ok) == (1, True)
    names = {row["name"] for row in remote_kg.query(PERSONS)}  # type: ignore[index, union-attr]
    assert {"Zhang Min", "Amsakar Achmad"} <= names
    assert remote_kg.query("ASK { ?a a bkg:SisterCityAgreement ; bkg:status bkg:Proposed }")


def test_remote_ingest_is_idempotent(remote_kg: KnowledgeGraph, seed_path: Path) -> None:
    remote_kg.ingest([seed_path], workers=1)
    count, quads = remote_kg.store.count(), set(remote_kg.store.quads())
    again = remote_kg.ingest([seed_path], workers=1)
    assert (again.stored, again.unchanged) == (0, 1)
    forced = remote_kg.ingest([seed_path], workers=1, force=True)
    assert forced.stored == 1
    assert remote_kg.store.count() == count
    assert set(remote_kg.store.quads()) == quads


def test_remote_graphs_equal_the_embedded_ones(remote_kg: KnowledgeGraph, seed_path: Path) -> None:
    remote_kg.ingest([seed_path], workers=1)
    with KnowledgeGraph.open("memory:") as local:
        local.ingest([seed_path], workers=1)
        articles = [g for g in local.store.graph_names() if g != str(ONTOLOGY_GRAPH)]
        assert sorted(remote_kg.store.graph_names()) == sorted(local.store.graph_names())
        for graph in articles:
            assert set(remote_kg.store.quads(graph)) == set(local.store.quads(graph))


def test_default_graph_of_facts_on_the_server(remote: RemoteStore) -> None:
    a, p, b = (ox.NamedNode(f"http://ex/{n}") for n in "apb")
    g1, g2 = ox.NamedNode("http://ex/g1"), ox.NamedNode("http://ex/g2")
    remote.write(
        [GraphWrite(g1.value, [ox.Quad(a, p, b, g1)]), GraphWrite(g2.value, [ox.Quad(a, p, b, g2)])]
    )
    rows = remote.query("SELECT ?o WHERE { <http://ex/a> ?p ?o }")
    assert isinstance(rows, Solutions)
    assert len(rows) == 1  # one fact, stated by two graphs, as embedded
    support = f"SELECT ?n WHERE {{ GRAPH <{SUPPORT_GRAPH}> {{ ?f bkg:supportCount ?n }} }}"
    assert [row["n"] for row in remote.query(PREFIXES + support).dicts()] == [2]  # type: ignore[union-attr]
    remote.write([GraphWrite(g1.value, [ox.Quad(b, p, a, g1)])])
    assert set(remote.quads(g1.value)) == {ox.Quad(b, p, a, g1)}
    remote.drop_graphs([g1.value, g2.value])
    assert remote.graph_names() == []
    assert not remote.query("ASK { ?s ?p ?o }")
    assert not remote.query(
        PREFIXES + f"ASK {{ GRAPH <{SUPPORT_GRAPH}> {{ ?f bkg:supportCount ?n }} }}"
    )


def test_has_graph_asks_the_server(remote: RemoteStore) -> None:
    a, g = ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/g")
    remote.write([GraphWrite(g.value, [ox.Quad(a, a, a, g)])])
    assert remote.has_graph(g.value)
    assert not remote.has_graph("http://ex/other")
    assert not remote.has_graph(SUPPORT_GRAPH)  # it holds counts, not what a source says
    assert not remote.has_graph('http://ex/"')  # not an IRI: names no graph


def test_remote_query_forms_and_errors(remote: RemoteStore) -> None:
    a, p = ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p")
    x = ox.Literal("x", language="id")
    remote.write([GraphWrite("http://ex/g", [ox.Quad(a, p, x, ox.NamedNode("http://ex/g"))])])
    assert bool(remote.query("ASK { ?s ?p ?o }"))
    constructed = remote.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert set(constructed) == {  # type: ignore[arg-type]
        ox.Triple(
            ox.NamedNode("http://ex/a"), ox.NamedNode("http://ex/p"), ox.Literal("x", language="id")
        )
    }
    with pytest.raises(QueryError, match="malformed query"):
        remote.query("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(ResultTooLargeError):
        remote.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", limits=QueryLimits(max_rows=0))


def test_rdflib_dataset_over_the_server(remote_kg: KnowledgeGraph, seed_path: Path) -> None:
    remote_kg.ingest([seed_path], workers=1)
    dataset = remote_kg.rdflib_dataset()
    zhang = URIRef("https://w3id.org/bilateral-kg/id/person/zhang-min")
    assert (zhang, RDFS.label, Literal("Zhang Min")) in dataset


def test_unreachable_server_is_a_store_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = RemoteStore(f"http://127.0.0.1:{port}/query", timeout=2)
    with pytest.raises(StoreError, match="cannot reach"):
        store.count()
