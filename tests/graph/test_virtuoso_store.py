"""RemoteStore against a live Virtuoso and a live ``oxigraph serve``, both on 127.0.0.1.

The same tests run on both servers (neither with a union default graph), so a quirk of
one shows up as a difference. Patterns name their graphs (``GRAPH ?g``): what a query
without one sees differs between the servers (Virtuoso: every graph, its own included).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from server_stores import reset
from virtuoso_server import Virtuoso, require_virtuoso, running_virtuoso

from kg.bench.corpus import generate
from kg.errors import QueryError, ResultTooLargeError, StoreError
from kg.graph.results import BooleanResult, GraphResult, Solutions
from kg.graph.store import GraphWrite, RemoteStore
from kg.graph.store.facts import SUPPORT_GRAPH
from kg.graph.store.layout import inconsistencies
from kg.graph.store.remote import FACTS_GRAPH, INSERT_CHUNK, SERVER_GRAPHS
from kg.graph.vocab import ONTOLOGY_GRAPH
from kg.knowledge import KnowledgeGraph

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("virtuoso")]

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"
P = ox.NamedNode(f"{EX}p")


def node(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{EX}{name}")


#: Terms that must come back from the server exactly as written (canonical lexical forms:
#: Virtuoso stores values, so "007"^^xsd:integer would come back as "7").
TERMS = {
    "lang-id": ox.Literal("Wali Kota Batam", language="id"),
    "lang-en": ox.Literal("Mayor of Batam", language="en"),
    "lang-subtag": ox.Literal("巴淡岛", language="zh-hans"),
    "date": ox.Literal("2024-03-05", datatype=ox.NamedNode(f"{XSD}date")),
    "decimal": ox.Literal("1250000.75", datatype=ox.NamedNode(f"{XSD}decimal")),
    "integer": ox.Literal("2024", datatype=ox.NamedNode(f"{XSD}integer")),
    "negative": ox.Literal("-17", datatype=ox.NamedNode(f"{XSD}integer")),
    "true": ox.Literal("true", datatype=ox.NamedNode(f"{XSD}boolean")),
    "false": ox.Literal("false", datatype=ox.NamedNode(f"{XSD}boolean")),
    "long": ox.Literal("Kerja sama kota kembar. " * 4000),  # ~100 KB
    "unicode": ox.Literal("Ünïcödé — 中文 · 😀 · ẞ · \u200b"),
    "quotes": ox.Literal("He said \"sister city\" and 'kota kembar'"),
    "backslashes": ox.Literal('C:\\data\\new\\table \\" end\\'),
    "controls": ox.Literal("line one\nline two\ttab\rreturn"),
    "iri-escapes": ox.NamedNode(f"{EX}Surabaya%20Kota/K%C3%B6ln?q=a%26b#x"),
    "iri-unicode": ox.NamedNode(f"{EX}kota/Zürich"),
}


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def server_url(request: pytest.FixtureRequest) -> str:
    if request.param == "virtuoso":
        virtuoso: Virtuoso = request.getfixturevalue("virtuoso")
        return virtuoso.sparql_url
    return str(request.getfixturevalue("oxigraph_server"))


@pytest.fixture
def store(server_url: str) -> Iterator[RemoteStore]:
    store = RemoteStore(server_url)
    reset(store)
    yield store
    store.close()


def sources(store: RemoteStore) -> int:
    """Quads in the source graphs (the default graph and the counts follow from them)."""
    return sum(1 for g in store.graph_names() for _ in store.quads(g))


def article(name: str, *objects: ox.Literal | ox.NamedNode) -> GraphWrite:
    graph = node(f"article/{name}")
    return GraphWrite(graph.value, [ox.Quad(node(name), P, o, graph) for o in objects])


def test_updates_go_to_the_endpoint_virtuoso_takes_them_at(virtuoso: Virtuoso) -> None:
    store = RemoteStore(virtuoso.sparql_url)
    assert store.update_url == virtuoso.sparql_url


def test_write_replace_drop_and_list_graphs(store: RemoteStore) -> None:
    batch = [article(f"a{i}", ox.Literal(f"v{i}"), ox.Literal(f"w{i}")) for i in range(5)]
    store.write(batch)
    assert sorted(store.graph_names()) == sorted(w.graph for w in batch)
    assert sources(store) == 10

    store.write([article("a1", ox.Literal("replaced"))])
    assert {q.object for q in store.quads(batch[1].graph)} == {ox.Literal("replaced")}
    assert sources(store) == 9

    store.drop_graphs([batch[2].graph, f"{EX}never-there"])
    assert batch[2].graph not in store.graph_names()
    assert sources(store) == 7
    assert set(store.quads(batch[0].graph)) == set(batch[0].quads)
    named = {q.graph_name for q in store.quads() if isinstance(q.graph_name, ox.NamedNode)}
    assert {g.value for g in named} == {batch[i].graph for i in (0, 1, 3, 4)} | {SUPPORT_GRAPH}
    assert inconsistencies(store) == []


def test_the_server_graphs_stay_out_of_listings(store: RemoteStore) -> None:
    store.write([article("only", ox.Literal("x"))])
    assert store.graph_names() == [f"{EX}article/only"]
    assert sources(store) == 1
    assert store.count() == len(list(store.quads()))
    # A plain listing shows what else the server keeps (Virtuoso: its own graphs); all of
    # that must be known to the store, or it would count and export it as ours.
    raw = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    others = {row[0].value for row in raw} - {f"{EX}article/only"}  # type: ignore[union-attr]
    assert others <= {*SERVER_GRAPHS, SUPPORT_GRAPH, FACTS_GRAPH}


def test_a_graph_larger_than_one_insert_block(store: RemoteStore) -> None:
    size = 6 * INSERT_CHUNK + 7  # Virtuoso's parser gives up near 5,000 triples per block
    big = article("big", *(ox.Literal(f"value {i}") for i in range(size)))
    store.write([big, article("small", ox.Literal("s"))])
    assert sources(store) == size + 1
    assert store.query(f"ASK {{ <{EX}big> <{P.value}> 'value {size - 1}' }}")  # a fact
    store.write([article("big", ox.Literal("now small"))])
    assert sources(store) == 2
    assert inconsistencies(store) == []


@pytest.mark.parametrize("name", sorted(TERMS))
def test_terms_round_trip(store: RemoteStore, name: str) -> None:
    term = TERMS[name]
    write = article(name, term)
    store.write([write])
    graph = f"<{write.graph}>"
    # Back through SELECT (JSON results) ...
    assert [q.object for q in store.quads(write.graph)] == [term]
    # ... through CONSTRUCT (N-Triples) ...
    constructed = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(constructed, GraphResult)
    assert [t.object for t in constructed] == [term]
    # ... and matched by the server itself, as written in a query.
    found = store.query(f"ASK {{ GRAPH {graph} {{ ?s ?p {term} }} }}")
    assert isinstance(found, BooleanResult)
    assert found.value, f"{name}: the server did not match {term}"


def test_select_ask_and_construct(store: RemoteStore) -> None:
    batam = ox.Literal("Batam", language="id")
    store.write([article("x", batam, node("Xiangyang"))])
    # The article's own graph: on Virtuoso ``GRAPH ?g`` also matches the facts graph.
    graph = f"GRAPH <{EX}article/x>"
    prefix = f"PREFIX ex: <{EX}>\n# a comment naming SELECT and CONSTRUCT\n"
    # Not ORDER BY ?o: Virtuoso sorts literals before IRIs, against SPARQL 1.1 (15.1).
    rows = store.query(prefix + f"select ?o WHERE {{ {graph} {{ ex:x ex:p ?o }} }}")
    assert isinstance(rows, Solutions)
    assert rows.variables == ["o"]
    assert sorted(str(row[0]) for row in rows) == sorted([str(node("Xiangyang")), str(batam)])
    yes = store.query(prefix + f"ASK {{ {graph} {{ ex:x ex:p 'Batam'@id }} }}")
    no = store.query(prefix + f"ASK {{ {graph} {{ ex:x ex:p 'Jakarta' }} }}")
    assert isinstance(yes, BooleanResult)
    assert isinstance(no, BooleanResult)
    assert (yes.value, no.value) == (True, False)
    constructed = f"CONSTRUCT {{ ex:x ex:q ?o }} WHERE {{ {graph} {{ ex:x ex:p ?o }} }}"
    graph_result = store.query(prefix + constructed)
    assert isinstance(graph_result, GraphResult)
    q = node("q")
    assert set(graph_result) == {
        ox.Triple(node("x"), q, batam),
        ox.Triple(node("x"), q, node("Xiangyang")),
    }
    counted = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(counted.rows[0][0], ox.Literal)
    assert int(counted.rows[0][0].value) >= 2


def test_malformed_queries_are_query_errors(store: RemoteStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT ?x WHERE { ?x ?p }")


def test_boolean_filters_on_the_server(store: RemoteStore) -> None:
    store.write([article("flags", TERMS["true"]), article("other", TERMS["false"])])
    ours = f"FILTER(STRSTARTS(STR(?g), '{EX}'))"  # Virtuoso's own graphs hold 1s: true too
    rows = store.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(?o = true) }} {ours} }}")
    assert [row[0] for row in rows] == [node("flags")]


def test_ingest_the_seed_like_the_embedded_store(server_url: str, seed_path: Path) -> None:
    with RemoteStore(server_url) as store:
        reset(store)
    with KnowledgeGraph.open(server_url) as remote:
        summary = remote.ingest([seed_path], workers=1)
        assert (summary.stored, summary.ok) == (1, True)
        with KnowledgeGraph.open("memory:") as local:
            local.ingest([seed_path], workers=1)
            assert sorted(remote.store.graph_names()) == sorted(local.store.graph_names())
            for graph in local.store.graph_names():
                if graph != str(ONTOLOGY_GRAPH):
                    assert set(remote.store.quads(graph)) == set(local.store.quads(graph))
            persons = "SELECT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name }"
            local_names = sorted(str(r["name"]) for r in local.query(persons))  # type: ignore[index]
            remote_names = sorted(str(r["name"]) for r in remote.query(persons))  # type: ignore[index]
            assert remote_names == local_names  # each fact once, on Virtuoso too
        assert inconsistencies(remote.store) == []
        again = remote.ingest([seed_path], workers=1)
        assert (again.stored, again.unchanged) == (0, 1)
        people = remote.store.select(
            "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT DISTINCT ?name WHERE { GRAPH ?g { ?p a bkg:Person ; rdfs:label ?name } }"
        )
        assert {"Zhang Min", "Amsakar Achmad"} <= {row[0].value for row in people}  # type: ignore[union-attr]


def test_virtuoso_needs_the_fixture_grants(virtuoso: Virtuoso) -> None:
    # The fixture's GRANT is what lets /sparql write; without it Virtuoso refuses updates.
    response = httpx.post(
        virtuoso.sparql_url,
        content=b"INSERT DATA { GRAPH <http://example.org/probe> { <urn:a> <urn:b> <urn:c> } }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert response.status_code == 200, response.text[:300]
    # A plain update: the probe is no article, and on a server no test has written to
    # yet, the store's layout check would take it for one of an older layout.
    RemoteStore(virtuoso.sparql_url).update("DROP SILENT GRAPH <http://example.org/probe>")


def test_blank_nodes_are_refused_naming_the_graph(store: RemoteStore) -> None:
    # A blank node has no identity across graphs and cannot be named in DELETE DATA, so
    # the facts model refuses it (the ontology's are skolemized on load).
    graph = node("article/blank")
    quads = [ox.Quad(node("s"), P, ox.BlankNode(), graph)]
    with pytest.raises(StoreError, match=r"blank nodes cannot be stored in .*article/blank"):
        store.write([GraphWrite(graph.value, quads)])
    assert store.graph_names() == []


def test_missing_virtuoso_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="apt-get install virtuoso-opensource"):
        require_virtuoso()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run these tests"):
        require_virtuoso()


def test_results_cut_by_the_server_are_an_error(tmp_path: Path) -> None:
    # Virtuoso cuts SELECT results at ResultSetMaxRows with a 200; a silent cut would make
    # listings and exports incomplete without a word.
    require_virtuoso()
    with running_virtuoso(tmp_path / "small", result_rows=100) as server:
        store = RemoteStore(server.sparql_url)
        store.write([article("many", *(ox.Literal(f"v{i}") for i in range(150)))])
        assert (
            len(store.select(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}many> ?p ?o }} }} LIMIT 99"))
            == 99
        )
        with pytest.raises(ResultTooLargeError, match="cut the results at 100 rows"):
            store.select(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}many> ?p ?o }} }}")
        store.close()


def test_ingest_batches_of_bench_articles(server_url: str) -> None:
    # More articles than one ingest transaction (64): several large multi-graph updates.
    articles = [g.article for g in generate(70, seed=11)]
    with RemoteStore(server_url) as store:
        reset(store)
    with KnowledgeGraph.open(server_url) as remote, KnowledgeGraph.open("memory:") as local:
        summary = remote.ingest(articles, workers=1)
        assert (summary.stored, summary.ok) == (70, True)
        local.ingest(articles, workers=1)
        assert sorted(remote.store.graph_names()) == sorted(local.store.graph_names())
        assert remote.store.count() == local.store.count()
        assert inconsistencies(remote.store) == []
        for graph in local.store.graph_names()[:10]:
            if graph != str(ONTOLOGY_GRAPH):
                assert set(remote.store.quads(graph)) == set(local.store.quads(graph))
