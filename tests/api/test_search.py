"""GET /api/search."""

from __future__ import annotations

import pytest
from api_support import HOSTILE, assert_problem
from fastapi.testclient import TestClient


@pytest.mark.parametrize("q", ["Tiongkok", "china", "CHINA", "RRT", "Republik Rakyat", "Chna"])
def test_indonesian_and_english_names_find_china(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == q
    top = body["results"][0]
    assert top["id"] == "country/cn"
    assert top["type"] == "Country"
    assert set(top) >= {"id", "label", "labels", "type", "matched", "score"}


def test_ranking_exact_before_prefix_before_fuzzy(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "batam", "limit": 20}).json()["results"]
    assert results[0]["label"] == "Batam"
    assert results[0]["score"] == 1.0
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_accents_and_case_are_ignored(client: TestClient) -> None:
    plain = client.get("/api/search", params={"q": "zhang min"}).json()["results"]
    accented = client.get("/api/search", params={"q": "ZHÁNG MÍN"}).json()["results"]
    assert plain[0]["id"] == accented[0]["id"] == "person/zhang-min"


def test_type_filter(client: TestClient) -> None:
    results = client.get("/api/search", params={"q": "batam", "type": "Person"}).json()["results"]
    assert all(r["type"] == "Person" for r in results)
    places = client.get("/api/search", params={"q": "batam", "type": "Place"}).json()["results"]
    assert places
    assert {r["type"] for r in places} <= {"City", "Province", "Country"}


def test_nothing_found_is_an_empty_list(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "qqqqxxxxzzzz"})
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "batam", "limit": 0}, {"q": "batam", "limit": 1000}, {"q": "x" * 300}],
)
def test_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/search", params=params), 422)


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_are_just_text(client: TestClient, q: str) -> None:
    response = client.get("/api/search", params={"q": q, "type": q})
    assert response.status_code == 200
    assert response.json()["query"] == q
