"""The facts model: after any sequence of ingests, changed re-ingests and deletes, the
default graph is exactly the facts the remaining article graphs state, each support
count is the number of graphs stating its fact, and a kill mid-write leaves that true."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from server_stores import reset

from kg.graph.store import GraphStore, GraphWrite, OxigraphStore, RemoteStore, embedded
from kg.graph.store.facts import (
    SUPPORT_GRAPH,
    fact_iri,
    kind_of,
    plan,
    rebuild_update,
    split_evidence,
)
from kg.graph.store.layout import inconsistencies
from kg.graph.vocab import BKGID

ARTICLES = [f"{BKGID}article/{n:024x}" for n in range(5)]
PEOPLE = [ox.NamedNode(f"{BKGID}person/p{n}") for n in range(4)]
POSTS = [ox.NamedNode(f"{BKGID}post/mayor/c{n}") for n in range(3)]
HOLDS = ox.NamedNode("http://www.w3.org/ns/org#holds")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
SENTENCE = ox.NamedNode("https://w3id.org/bilateral-kg/ontology#sentence")

#: Facts an article may state: posts held, labels in two spellings.
SHARED = [ox.Triple(p, HOLDS, post) for p in PEOPLE for post in POSTS] + [
    ox.Triple(p, LABEL, ox.Literal(name)) for p in PEOPLE for name in ("Zhang Min", "Zhang")
]


def article_quads(graph: str, facts: frozenset[int]) -> list[ox.Quad]:
    """An article graph: its facts, a provenance link per subject and one evidence node each."""
    g = ox.NamedNode(graph)
    quads = [ox.Quad(g, LABEL, ox.Literal(f"article {graph[-4:]}"), g)]
    for index in sorted(facts):
        fact = SHARED[index]
        quads.append(ox.Quad(fact.subject, fact.predicate, fact.object, g))
        quads.append(ox.Quad(fact.subject, DERIVED, g, g))
        evidence = ox.NamedNode(f"{BKGID}evidence/{graph[-6:]}-{index}")
        quads.append(ox.Quad(evidence, SENTENCE, ox.Literal(f"says fact {index}"), g))
    return quads


def expected_support(store: GraphStore) -> Counter[ox.Triple]:
    support: Counter[ox.Triple] = Counter()
    for graph in store.graph_names():
        for quad in store.quads(graph):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if kind_of(triple, graph) == "shared":
                support[triple] += 1
    return support


def check(store: GraphStore) -> None:
    assert inconsistencies(store) == []
    # And through SPARQL: the count per fact reads without scanning evidence.
    rows = store.query(
        f"SELECT ?s ?p ?o ?n WHERE {{ GRAPH <{SUPPORT_GRAPH}> {{ ?f "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ; "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o ; "
        "<https://w3id.org/bilateral-kg/ontology#supportCount> ?n } }"
    )
    counted = {ox.Triple(s, p, o): int(n.value) for s, p, o, n in rows}  # type: ignore[misc,union-attr]
    assert counted == dict(expected_support(store))


#: One step: put an article with these facts (a first ingest or a changed re-ingest),
#: or delete it; several steps may go in one batch, as ingest writes them.
step = st.one_of(
    st.tuples(st.just("put"), st.sampled_from(ARTICLES), st.frozensets(st.integers(0, 19))),
    st.tuples(st.just("delete"), st.sampled_from(ARTICLES), st.just(frozenset())),
)
batches = st.lists(st.lists(step, min_size=1, max_size=3), min_size=1, max_size=8)


def put(graph: str, facts: frozenset[int], *, split: bool = False) -> GraphWrite:
    """The write of one article; ``split`` hands its evidence over as N-Quads, as ingest does."""
    quads = article_quads(graph, facts)
    if not split:
        return GraphWrite(graph, quads)
    stating, evidence = split_evidence(quads)
    return GraphWrite(graph, stating, ox.serialize(evidence, format=ox.RdfFormat.N_QUADS) or b"")


def apply(
    store: GraphStore, batch: list[tuple[str, str, frozenset[int]]], *, split: bool = False
) -> None:
    writes = [put(g, facts, split=split) for op, g, facts in batch if op == "put"]
    deletes = [g for op, g, _ in batch if op == "delete"]
    if writes:
        store.write(writes)
    if deletes:
        store.drop_graphs(deletes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches)
def test_random_sequences_keep_facts_and_counts_exact(batches: list) -> None:
    with OxigraphStore(None) as store:
        for batch in batches:
            apply(store, batch)
            check(store)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(batches)
def test_table_file_writes_with_evidence_as_nquads_keep_facts_exact(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, batches: list
) -> None:
    """The ingest path: evidence as N-Quads, every insert as table files (bulk loads)."""
    monkeypatch.setattr(embedded, "BULK_QUADS", 1)
    with OxigraphStore(tmp_path_factory.mktemp("bulk") / "store") as store:
        for batch in batches:
            apply(store, batch, split=True)
            check(store)


@settings(max_examples=40, deadline=None)
@given(batches)
def test_the_sparql_rebuild_gives_the_same_store(batches: list) -> None:
    with OxigraphStore(None) as store:
        for batch in batches:
            apply(store, batch)
        written = set(store.quads())
        store.update(rebuild_update())
        rebuilt = set(store.quads())
    assert rebuilt == written


def test_a_fact_leaves_only_with_its_last_article() -> None:
    with OxigraphStore(None) as store:
        store.write([GraphWrite(g, article_quads(g, frozenset({0}))) for g in ARTICLES[:3]])
        ask = f"ASK {{ {SHARED[0].subject} {SHARED[0].predicate} {SHARED[0].object} }}"
        for graph in ARTICLES[:2]:
            store.drop_graphs([graph])
            assert store.query(ask)
        store.write([GraphWrite(ARTICLES[2], article_quads(ARTICLES[2], frozenset({1})))])
        assert not store.query(ask)  # the changed re-ingest no longer states it
        check(store)


def test_evidence_stays_in_the_article_graphs() -> None:
    with OxigraphStore(None) as store:
        store.write([GraphWrite(ARTICLES[0], article_quads(ARTICLES[0], frozenset({0, 1})))])
        assert not store.query(f"ASK {{ ?e {SENTENCE} ?s }}")
        assert store.query(f"ASK {{ GRAPH ?g {{ ?e {SENTENCE} ?s }} }}")


def test_an_unchanged_rewrite_plans_nothing() -> None:
    with OxigraphStore(None) as store:
        quads = article_quads(ARTICLES[0], frozenset({0, 1}))
        store.write([GraphWrite(ARTICLES[0], quads)])
        step = plan([(ARTICLES[0], quads)], store._stored, store._support)
        assert (step.drop, step.fill, step.support_add, step.default_add) == ([], [], [], [])


def test_the_fact_iri_is_the_same_for_the_same_triple() -> None:
    assert fact_iri(SHARED[0]) == fact_iri(ox.Triple(*SHARED[0]))
    assert len({fact_iri(t) for t in SHARED}) == len(SHARED)


# -- a kill in the middle ------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import random, sys
    sys.path.insert(0, {tests!r})
    from graph.test_facts import ARTICLES, apply
    from kg.graph.store import OxigraphStore, embedded
    embedded.BULK_QUADS = {bulk}
    store = OxigraphStore({path!r})
    rng = random.Random({seed})
    print("ready", flush=True)
    while True:
        batch = []
        for _ in range(rng.randint(1, 3)):
            graph = rng.choice(ARTICLES)
            if rng.random() < 0.25:
                batch.append(("delete", graph, frozenset()))
            else:
                batch.append(("put", graph, frozenset(rng.sample(range(20), rng.randint(0, 12)))))
        apply(store, batch, split={split})
    """
)


@pytest.mark.parametrize(("seed", "bulk"), [(1, False), (2, False), (3, True), (4, True)])
def test_a_kill_mid_write_leaves_a_consistent_store(tmp_path: Path, seed: int, bulk: bool) -> None:
    """``bulk``: every write goes in as table files, with its evidence as N-Quads (ingest)."""
    path = tmp_path / "store"
    code = _WRITER.format(
        tests=str(Path(__file__).parents[1]),
        path=str(path),
        seed=seed,
        bulk=1 if bulk else embedded.BULK_QUADS,
        split=bulk,
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == b"ready", writer.stderr.read()  # type: ignore[union-attr]
    time.sleep(0.3 + 0.2 * seed)  # hundreds of writes in, at a different point each time
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    with OxigraphStore(path) as store:
        assert store.graph_names()  # it did write
        check(store)


# -- the same on live SPARQL servers ------------------------------------------------


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    from kg.graph.store import RemoteStore

    if request.param == "virtuoso":
        url = request.getfixturevalue("virtuoso").sparql_url
    else:
        url = request.getfixturevalue("oxigraph_server")
    store = RemoteStore(url)
    yield store
    reset(store)
    store.close()


@pytest.mark.server
@pytest.mark.xdist_group("virtuoso")
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(batches)
def test_random_sequences_on_live_servers(server_store: RemoteStore, batches: list) -> None:
    """Oxigraph server (the facts in the default graph) and Virtuoso (in a named graph)."""
    reset(server_store)
    for batch in batches:
        apply(server_store, batch)
        check(server_store)
