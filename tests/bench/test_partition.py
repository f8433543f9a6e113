"""Beyond one machine, at small scale: partitions -> N-Quads -> a real Oxigraph server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import running_oxigraph

from kg.bench.corpus import write_corpus
from kg.bench.partition import load_into_server, map_partitions, partition_ranges
from kg.graph.store.layout import inconsistencies
from kg.knowledge import KnowledgeGraph

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("bench")]


def test_ranges_cover_every_line_once() -> None:
    for total in (0, 1, 7, 100):
        for parts in (1, 3, 8):
            ranges = partition_ranges(total, parts)
            assert [i for a, b in ranges for i in range(a, b)] == list(range(total))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with running_oxigraph(tmp_path / "db") as url:
        yield url.removesuffix("/query")


@pytest.mark.parametrize("engine", ["processes", "auto"])
def test_partitions_to_a_sparql_server(tmp_path: Path, server: str, engine: str) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12, seed=11)
    parts = map_partitions(corpus, tmp_path / "parts", 3, engine=engine, workers=2)
    assert [p.articles for p in parts] == [4, 4, 4]
    assert all(p.path.exists() and p.quads > 0 for p in parts)
    load_into_server([p.path for p in parts], f"{server}/store")
    with KnowledgeGraph.open(f"{server}/query") as kg:
        rows = kg.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a bkg:Article }")
        assert rows[0]["n"] == 12
        people = kg.query("SELECT DISTINCT ?p WHERE { ?p org:holds ?post }")
        assert len(people) >= 12
        # the same quads as an ingest on one machine
        total = sum(p.quads for p in parts)
        in_articles = kg.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/bilateral-kg/id/article/')) }"
        )
        assert in_articles[0]["n"] == total
        # the default graph and the counts, built on the server, are those of an ingest
        assert inconsistencies(kg.store) == []
