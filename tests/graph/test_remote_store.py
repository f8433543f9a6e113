"""The remote store against a live ``oxigraph serve`` (no union setting) on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
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

OXIGRAPH = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "oxigraph"
PERSONS = "SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name }"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a fresh Oxigraph server, stopped at the end of the session."""
    binary = OXIGRAPH if OXIGRAPH.exists() else Path("oxigraph")
    location = tmp_path_factory.mktemp("oxigraph")
    for _attempt in range(3):  # another process may take the port between probe and bind
        port = free_port()
        process = subprocess.Popen(
            [
                str(binary),
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        if process.poll() is None:
            break
    else:
        pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def remote(server: str) -> Iterator[RemoteStore]:
    store = RemoteStore(server)
    store.update("DROP SILENT ALL")
    yield store
    store.close()


@pytest.fixture
def remote_kg(server: str, remote: RemoteStore) -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open(server) as kg:
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
    assert not remote.query(f"ASK {{ GRAPH <{SUPPORT_GRAPH}> {{ ?s ?p ?o }} }}")


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
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(StoreError, match="cannot reach"):
        store.count()
