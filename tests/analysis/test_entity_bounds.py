"""Entity pages stay bounded when a fact is stated by many articles; the rest is paged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph
from kg.sources import Article

ZHANG = "person/zhang-min"
POST = "post/consul-general/cn/medan-1214520"
CITIES = ["Batam", "Pekanbaru", "Padang", "Jambi", "Bengkulu", "Palembang", "Tanjungpinang"]


def articles(n: int) -> list[Article]:
    """``n`` short reports, each stating that Zhang Min is China's consul general in Medan."""
    made = []
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        text = (
            f"Konsul Jenderal Tiongkok di Medan, Zhang Min, bertemu Wali Kota {city} "
            f"di {city}, Senin ({i % 27 + 1}/3/2025). Pertemuan ke-{i + 1} itu membahas "
            "kerja sama perdagangan."
        )
        made.append(
            Article(
                text,
                url=f"https://news.example/{i}",
                title=f"Konjen ke {city} #{i}",
                published=date(2025, 3, i % 27 + 1),
                language="id",
            )
        )
    return made


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with KnowledgeGraph.open("memory:") as graph:
        summary = graph.ingest(articles(24), workers=1)
        assert summary.stored == 24, str(summary)
        yield graph


def test_relations_carry_their_support_and_few_sentences(kg: KnowledgeGraph) -> None:
    zhang = kg.entity(ZHANG)
    [holds] = [r for r in zhang["relations"]["out"] if r["predicate"] == "org:holds"]
    assert holds["support"] == 24
    assert 1 <= len(holds["evidence"]) <= 3
    assert zhang["articles_total"] == 24
    assert len(zhang["articles"]) == 10
    dates = [a["published"] for a in zhang["articles"]]
    assert dates == sorted(dates, reverse=True)  # the newest first


def test_relations_are_ranked_by_support_and_limited(kg: KnowledgeGraph) -> None:
    china = kg.entity("country/cn", limit=2)
    rel = china["relations"]
    assert len(rel["in"]) <= 2
    assert rel["in_total"] >= len(rel["in"])
    supports = [r["support"] for r in rel["in"]]
    assert supports == sorted(supports, reverse=True)
    more = kg.entity("country/cn", limit=2, offset=2)["relations"]["in"]
    shown = {(r["predicate"], r["source"]["id"]) for r in rel["in"]}
    assert not shown & {(r["predicate"], r["source"]["id"]) for r in more}


def test_evidence_pages_through_every_article(kg: KnowledgeGraph) -> None:
    seen = []
    offset = 0
    while True:
        page = kg.evidence(ZHANG, "org:holds", POST, offset=offset, limit=10)
        assert (page["support"], page["total"]) == (24, 24)
        if not page["evidence"]:
            break
        seen += page["evidence"]
        offset += len(page["evidence"])
    assert len(seen) == 24
    assert len({e["article"]["id"] for e in seen}) == 24
    published = [e["article"]["published"] for e in seen]
    assert published == sorted(published, reverse=True)


def test_the_routes(kg: KnowledgeGraph) -> None:
    app = create_app(Settings(store="memory:"), kg=kg)
    with TestClient(app) as client:
        entity = client.get(f"/api/entities/{ZHANG}", params={"limit": 1, "evidence": 1})
        assert entity.status_code == 200
        [holds] = entity.json()["relations"]["out"]
        assert (holds["support"], len(holds["evidence"])) == (24, 1)
        page = client.get(
            "/api/evidence",
            params={"subject": ZHANG, "predicate": "org:holds", "object": POST, "limit": 5},
        )
        assert page.status_code == 200
        assert len(page.json()["evidence"]) == 5
        bad = client.get("/api/evidence", params={"subject": ZHANG, "predicate": "org:holds"})
        assert bad.status_code == 422


def test_walking_a_popular_nodes_articles_finds_the_same_evidence(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``_WALK`` articles on both ends the page walks the node's articles newest first
    instead of intersecting both sets: the same relations, with the same sentences."""
    import kg.analysis.entity as entity

    intersected = kg.entity("country/cn")
    monkeypatch.setattr(entity, "_WALK", 0)  # every relation takes the walk
    walked = kg.entity("country/cn")
    assert walked == intersected
    assert any(r["evidence"] for r in walked["relations"]["in"])
