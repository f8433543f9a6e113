"""The KnowledgeGraph methods the CLI, the API and notebooks share, on the seed article."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.config import Settings
from kg.errors import InvalidParameterError, NotFoundError
from kg.knowledge import KnowledgeGraph


@pytest.fixture(scope="module")
def kg(request: pytest.FixtureRequest) -> Iterator[KnowledgeGraph]:
    seed = (
        Path(request.config.rootpath) / "data" / "articles" / "batam-xiangyang-sister-city.id.txt"
    )
    with KnowledgeGraph.open(settings=Settings(store="memory:", workers=1)) as graph:
        assert graph.ingest([seed], workers=1).ok
        yield graph


@pytest.mark.parametrize("name", ["Tiongkok", "china", "RRT", "Republik Rakyat Tiongkok"])
def test_search_finds_china(kg: KnowledgeGraph, name: str) -> None:
    assert kg.search(name)[0]["id"] == "country/cn"


def test_search_type_filter(kg: KnowledgeGraph) -> None:
    assert {r["type"] for r in kg.search("batam", type="City")} == {"City"}
    with pytest.raises(InvalidParameterError):
        kg.search("batam", limit=0)


def test_entity_by_id_or_name(kg: KnowledgeGraph) -> None:
    assert kg.entity("Zhang Min")["id"] == kg.entity("person/zhang-min")["id"]
    with pytest.raises(NotFoundError):
        kg.entity("Nobody Anywhere")


def test_seed_facts_through_the_methods(kg: KnowledgeGraph) -> None:
    zhang = kg.entity("person/zhang-min")
    [post] = [r["target"] for r in zhang["relations"]["out"] if r["predicate"] == "org:holds"]
    assert post["type"] == "Post"
    ids = {n["id"] for n in kg.neighbors("person/zhang-min", depth=2)["nodes"]}
    assert "person/amsakar-achmad" in ids
    path = kg.paths("Zhang Min", "Xiangyang", k=1)
    assert path["paths"][0]["nodes"][-1].startswith("city/xiangyang")
    summary = kg.bilateral("ID", "CN")
    assert any(
        (p["a"]["label"], p["b"]["label"]) == ("Batam", "Xiangyang") for p in summary["city_pairs"]
    )
    assert summary["agreements"]["Proposed"]
    assert kg.centrality("degree", top=3)
    assert kg.communities()
    listed = kg.articles()
    assert listed["total"] == 1
    article = kg.article(listed["articles"][0]["id"])
    assert "Zhang Min" in article["text"]


def test_bilateral_unknown_code(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFoundError):
        kg.bilateral("ID", "ZZ")


def test_writes_refresh_the_cache_and_threads_share_it() -> None:
    with KnowledgeGraph.open(settings=Settings(store="memory:", workers=1)) as graph:
        assert graph.search("Zhang") == []
        with ThreadPoolExecutor(max_workers=8) as pool:
            projections = list(pool.map(lambda _: graph.to_networkx(), range(16)))
        assert all(p is projections[0] for p in projections)
        graph.add_article(
            "Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok di Medan, "
            "Zhang Min, Senin (21/4/2025).",
            url="https://example.com/1",
        )
        assert graph.to_networkx() is not projections[0]
        assert graph.search("Zhang")[0]["id"] == "person/zhang-min"
