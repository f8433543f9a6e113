"""GET /api/analytics/centrality and /api/analytics/communities."""

from __future__ import annotations

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank"])
def test_centrality(client: TestClient, measure: str) -> None:
    response = client.get("/api/analytics/centrality", params={"measure": measure, "top": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["measure"] == measure
    assert len(body["results"]) == 5
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert not any(r["type"] == "Article" for r in body["results"])


def test_centrality_by_type(client: TestClient) -> None:
    body = client.get("/api/analytics/centrality", params={"type": "Person"}).json()
    assert body["results"]
    assert {r["type"] for r in body["results"]} == {"Person"}


def test_centrality_of_an_absent_type_is_empty(client: TestClient) -> None:
    body = client.get("/api/analytics/centrality", params={"type": "NoSuchClass"}).json()
    assert body["results"] == []


@pytest.mark.parametrize(
    "params", [{"measure": "closeness"}, {"top": 0}, {"top": 100000}, {"measure": "'}"}]
)
def test_centrality_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/analytics/centrality", params=params), 422)


def test_communities(client: TestClient) -> None:
    response = client.get("/api/analytics/communities")
    assert response.status_code == 200
    communities = response.json()["communities"]
    assert communities
    assert [c["id"] for c in communities] == list(range(len(communities)))
    sizes = [c["size"] for c in communities]
    assert sizes == sorted(sizes, reverse=True)
    seen: set[str] = set()
    for community in communities:
        ids = {m["id"] for m in community["members"]}
        assert len(ids) == community["size"] >= 2
        assert not ids & seen
        seen |= ids


def test_unknown_analytics_route_is_not_found(client: TestClient) -> None:
    assert_problem(client.get("/api/analytics/nothing"), 404)
