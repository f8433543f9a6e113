"""The embedded store: persistence, memory, atomic graph writes, the facts default graph, limits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.graph.store.base as base
from kg.errors import QueryError, QueryTimeoutError, ResultTooLargeError, StoreError
from kg.graph.results import BooleanResult, EncodedSolutions, GraphResult, Solutions
from kg.graph.store import GraphWrite, OxigraphStore, QueryLimits, open_store

EX = "http://example.org/"
G1, G2, G3 = EX + "g1", EX + "g2", EX + "g3"


def iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def quads(graph: str, *facts: tuple[str, str, str | ox.Literal]) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [
        ox.Quad(iri(s), iri(p), o if isinstance(o, ox.Literal) else iri(o), g) for s, p, o in facts
    ]


@pytest.fixture
def store() -> Iterator[OxigraphStore]:
    with OxigraphStore(None) as opened:
        yield opened


def graph_set(store: OxigraphStore, graph: str | None = None) -> set[ox.Quad]:
    """The quads of one source graph, or of every source graph (not default, not support)."""
    if graph is not None:
        return set(store.quads(graph))
    return {q for g in store.graph_names() for q in store.quads(g)}


def facts(store: OxigraphStore) -> set[tuple[str, str, str]]:
    """The default graph, as (s, p, o) values."""
    rows = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    return {tuple(t.value for t in row) for row in rows}  # type: ignore[misc,union-attr]


def test_open_store_specs(tmp_path: Path) -> None:
    assert open_store("memory:").kind == "memory"
    assert open_store("memory").kind == "memory"
    folder = tmp_path / "nested" / "store"
    on_disk = open_store(str(folder))
    assert on_disk.kind == "embedded"
    assert folder.is_dir()
    on_disk.close()


def test_embedded_store_persists_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphStore(path) as first:
        first.write([GraphWrite(G1, quads(G1, ("a", "p", "b"), ("b", "p", ox.Literal("x"))))])
    with OxigraphStore(path) as second:
        assert len(graph_set(second)) == 2
        assert second.graph_names() == [G1]
        assert bool(second.query(f"ASK {{ <{EX}a> <{EX}p> <{EX}b> }}"))


def test_a_locked_store_gives_a_store_error(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "s"), pytest.raises(StoreError, match="opening the store"):
        OxigraphStore(tmp_path / "s")


def test_memory_store_starts_empty(store: OxigraphStore) -> None:
    assert store.kind == "memory"
    assert store.count() == 0
    assert store.graph_names() == []


def test_write_replaces_a_graph_and_leaves_others(store: OxigraphStore) -> None:
    store.write(
        [GraphWrite(G1, quads(G1, ("a", "p", "old"))), GraphWrite(G2, quads(G2, ("c", "p", "d")))]
    )
    store.write([GraphWrite(G1, quads(G1, ("a", "p", "new")))])
    assert graph_set(store, G1) == set(quads(G1, ("a", "p", "new")))
    assert graph_set(store, G2) == set(quads(G2, ("c", "p", "d")))
    assert facts(store) == {(EX + "a", EX + "p", EX + "new"), (EX + "c", EX + "p", EX + "d")}


def test_write_mixing_new_and_replaced_graphs(store: OxigraphStore) -> None:
    store.write([GraphWrite(G1, quads(G1, ("a", "p", "old")))])
    store.write(
        [GraphWrite(G1, quads(G1, ("a", "p", "new"))), GraphWrite(G2, quads(G2, ("c", "p", "d")))]
    )
    assert graph_set(store) == set(quads(G1, ("a", "p", "new")) + quads(G2, ("c", "p", "d")))


def test_the_later_write_of_one_graph_in_a_batch_wins(store: OxigraphStore) -> None:
    store.write(
        [GraphWrite(G1, quads(G1, ("a", "p", "1"))), GraphWrite(G1, quads(G1, ("a", "p", "2")))]
    )
    assert graph_set(store) == set(quads(G1, ("a", "p", "2")))


def test_a_failing_write_changes_nothing(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write([GraphWrite(G1, quads(G1, ("a", "p", "old")))])
    store.update(f"CREATE GRAPH <{G3}>")
    before = set(store.quads())
    original = base.render_update
    # The update fails after dropping G1 and inserting G1 and G2: all of it must roll back,
    # the default graph and the support counts included.
    monkeypatch.setattr(
        base,
        "render_update",
        lambda step, facts_graph: original(step, facts_graph) + f" ;\nCREATE GRAPH <{G3}>",
    )
    batch = [
        GraphWrite(G1, quads(G1, ("a", "p", "new"))),
        GraphWrite(G2, quads(G2, ("c", "p", "d"))),
    ]
    with pytest.raises(StoreError, match="already exists"):
        store.write(batch)
    assert set(store.quads()) == before


def test_a_failing_update_changes_nothing(store: OxigraphStore) -> None:
    store.update(f"CREATE GRAPH <{G3}>")
    with pytest.raises(QueryError, match="update refused"):
        store.update(f"INSERT DATA {{ <{EX}a> <{EX}p> <{EX}b> }} ; CREATE GRAPH <{G3}>")
    assert store.count() == 0


def test_graph_iris_cannot_break_out_of_the_update(store: OxigraphStore) -> None:
    store.write([GraphWrite(G1, quads(G1, ("a", "p", "b")))])
    hostile = f"{G2}> }} ; DROP ALL ; INSERT DATA {{ GRAPH <{G2}"
    with pytest.raises(ValueError, match="Invalid IRI"):
        store.write([GraphWrite(G1, []), GraphWrite(hostile, [])])
    with pytest.raises(ValueError, match="Invalid IRI"):
        store.drop_graphs([hostile])
    assert graph_set(store) == set(quads(G1, ("a", "p", "b")))


def test_drop_graphs(store: OxigraphStore) -> None:
    store.write(
        [GraphWrite(G1, quads(G1, ("a", "p", "b"))), GraphWrite(G2, quads(G2, ("c", "p", "d")))]
    )
    store.drop_graphs([G1, EX + "absent"])
    assert store.graph_names() == [G2]
    store.drop_graphs([])
    assert graph_set(store) == set(quads(G2, ("c", "p", "d")))
    assert facts(store) == {(EX + "c", EX + "p", EX + "d")}


@pytest.fixture
def two_graphs(store: OxigraphStore) -> OxigraphStore:
    """``a p b`` stated in two graphs, ``b q c`` in one."""
    store.write(
        [
            GraphWrite(G1, quads(G1, ("a", "p", "b"), ("b", "q", "c"))),
            GraphWrite(G2, quads(G2, ("a", "p", "b"))),
        ]
    )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            f"SELECT ?c WHERE {{ <{EX}a> <{EX}p> ?b . ?b <{EX}q> ?c }}",
            # a p b is stated by two graphs but is one fact of the default graph
            [(EX + "c",)],
            id="join-sees-each-fact-once",
        ),
        pytest.param(
            f"SELECT DISTINCT ?c WHERE {{ <{EX}a> <{EX}p> ?b . ?b <{EX}q> ?c }}",
            [(EX + "c",)],
            id="distinct",
        ),
        pytest.param(
            f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ <{EX}a> <{EX}p> ?o }}",
            [("1",)],
            id="count-distinct",
        ),
        pytest.param(
            f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}a> <{EX}p> <{EX}b> }} }} ORDER BY ?g",
            [(G1,), (G2,)],
            id="named-graphs-visible",
        ),
    ],
)
def test_default_graph_holds_each_fact_once(
    two_graphs: OxigraphStore, query: str, expected: list
) -> None:
    result = two_graphs.query(query)
    assert isinstance(result, Solutions)
    assert [tuple(t.value for t in row if t is not None) for row in result] == expected


def test_explicit_default_graph_narrows_the_query(two_graphs: OxigraphStore) -> None:
    result = two_graphs.query(f"SELECT ?s WHERE {{ ?s <{EX}q> ?o }}", default_graphs=[G2])
    assert len(result) == 0  # type: ignore[arg-type]
    result = two_graphs.query(f"SELECT ?s WHERE {{ ?s <{EX}q> ?o }}", default_graphs=[G1])
    assert len(result) == 1  # type: ignore[arg-type]


def test_query_result_kinds(two_graphs: OxigraphStore) -> None:
    assert isinstance(two_graphs.query("ASK { ?s ?p ?o }"), BooleanResult)
    constructed = two_graphs.query(f"CONSTRUCT {{ ?s <{EX}r> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert isinstance(constructed, GraphResult)
    assert set(constructed) == {ox.Triple(iri("a"), iri("r"), iri("b"))}
    described = two_graphs.query(f"DESCRIBE <{EX}b>")
    assert isinstance(described, GraphResult)
    assert ox.Triple(iri("b"), iri("q"), iri("c")) in set(described)


def test_malformed_query_names_the_position(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match=r"malformed query: error at 1:26") as caught:
        store.query("SELECT ?x WHERE { ?x ?p }")
    assert "\n" not in str(caught.value)


@pytest.fixture
def cross_product(store: OxigraphStore) -> OxigraphStore:
    store.write([GraphWrite(G1, quads(G1, *((f"s{i}", "p", f"o{i}") for i in range(300))))])
    return store


CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 27 million rows


def test_row_cap(cross_product: OxigraphStore) -> None:
    with pytest.raises(ResultTooLargeError, match="more than 1,000 results"):
        cross_product.query(CROSS, limits=QueryLimits(max_rows=1_000))
    within = cross_product.query("SELECT * WHERE { ?s ?p ?o }", limits=QueryLimits(max_rows=300))
    assert len(within) == 300  # type: ignore[arg-type]


def test_timeout_on_a_streaming_cross_product(cross_product: OxigraphStore) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"0\.3 s timeout"):
        cross_product.query(CROSS, limits=QueryLimits(timeout=0.3))
    assert time.monotonic() - started < 5


# -- rows written by the engine (encode=) ------------------------------------------------

#: Values that hold the byte strings the row bound counts, so the bound is above the rows.
TRICKY = ['x,{"a":1},{', "<result><result>", "plain", 'quote " and \\ and \n'] * 25


@pytest.fixture
def tricky(store: OxigraphStore) -> OxigraphStore:
    facts = [(f"s{i}", "p", ox.Literal(v)) for i, v in enumerate(TRICKY)]
    facts += [(f"s{i}", "q", f"o{i}") for i in range(0, len(TRICKY), 2)]  # some unbound
    store.write([GraphWrite(G1, quads(G1, *facts))])
    return store


ROWS = f"SELECT ?s ?v ?o WHERE {{ ?s <{EX}p> ?v OPTIONAL {{ ?s <{EX}q> ?o }} }}"


def parsed(body: bytes, fmt: str) -> set[tuple[object, ...]]:
    native = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}[fmt]
    return {tuple(row) for row in ox.parse_query_results(body, native)}  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_engine_written_rows_say_what_ours_say(tricky: OxigraphStore, fmt: str) -> None:
    encoded = tricky.query(ROWS, encode=fmt)
    ours = tricky.query(ROWS)
    assert isinstance(encoded, EncodedSolutions)
    assert isinstance(ours, Solutions)
    assert len(parsed(encoded.body, fmt)) == len(TRICKY)
    assert parsed(encoded.body, fmt) == parsed(ours.serialize(fmt), fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_engine_written_rows_keep_the_exact_row_cap(tricky: OxigraphStore, fmt: str) -> None:
    rows = len(TRICKY)
    # The values hold the counted byte strings: the bound passes the cap, the rows do not,
    # and the answer is still every row.
    within = tricky.query(ROWS, encode=fmt, limits=QueryLimits(max_rows=rows))
    assert len(parsed(within.serialize(fmt), fmt)) == rows
    with pytest.raises(ResultTooLargeError, match=f"more than {rows - 1} results"):
        tricky.query(ROWS, encode=fmt, limits=QueryLimits(max_rows=rows - 1))


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_engine_written_rows_are_stopped_by_the_limits(
    cross_product: OxigraphStore, fmt: str
) -> None:
    plain = cross_product.query("SELECT * WHERE { ?s ?p ?o }", encode=fmt)
    assert isinstance(plain, EncodedSolutions)  # the fast path, when the rows surely fit
    started = time.monotonic()
    with pytest.raises(ResultTooLargeError, match="more than 1,000 results"):
        cross_product.query(CROSS, encode=fmt, limits=QueryLimits(max_rows=1_000))
    with pytest.raises(QueryTimeoutError, match=r"0\.3 s timeout"):
        cross_product.query(CROSS, encode=fmt, limits=QueryLimits(timeout=0.3))
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_row_bound_counts_a_marker_cut_between_writes(fmt: str) -> None:
    marker = base._NATIVE[fmt][1]
    sink = base._Sink(fmt, None, QueryLimits(max_rows=10))
    sink.write(b"head" + marker[:1])
    sink.write(marker[1:] + b"row" + marker)  # two markers: the one cut in two counts
    assert sink.rows == 2 + base._NATIVE[fmt][2]
    assert b"".join(sink.chunks) == b"head" + marker + b"row" + marker


def test_select_refuses_other_query_forms(store: OxigraphStore) -> None:
    with pytest.raises(TypeError):
        store.select("ASK { ?s ?p ?o }")
