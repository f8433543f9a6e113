"""GET /api/neighbors/{id} and GET /api/path."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from api_support import HOSTILE, assert_problem
from fastapi.testclient import TestClient

BATAM = "city/batam-6295587"


def test_neighbors_of_a_person(client: TestClient) -> None:
    body = client.get("/api/neighbors/person/zhang-min").json()
    assert body["center"] == "person/zhang-min"
    ids = {n["id"] for n in body["nodes"]}
    assert "person/zhang-min" in ids
    assert any(i.startswith("post/") for i in ids)
    assert not any(i.startswith("article/") for i in ids)
    assert body["truncated"] is False
    for edge in body["edges"]:
        assert edge["id"] == f"{edge['source']}|{edge['relation']}|{edge['target']}"
        assert edge["source"] in ids
        assert edge["target"] in ids
        assert edge["weight"] >= 1


def test_neighbor_filters(client: TestClient) -> None:
    body = client.get(
        "/api/neighbors/person/zhang-min",
        params={"depth": 2, "types": "Person,Post,Place", "relations": "org:holds,bkg:basedIn"},
    ).json()
    assert {e["relation"] for e in body["edges"]} <= {"org:holds", "bkg:basedIn"}
    assert {n["type"] for n in body["nodes"]} <= {"Person", "Post", "City", "Province", "Country"}


def test_neighbor_dates_and_limit(client: TestClient) -> None:
    body = client.get(
        f"/api/neighbors/{BATAM}", params={"since": "2025-04-21", "until": "2025-04-21"}
    ).json()
    dated = [n for n in body["nodes"] if "date" in n]
    assert all(n["date"] == "2025-04-21" for n in dated)
    small = client.get(f"/api/neighbors/{BATAM}", params={"limit": 2, "depth": 2}).json()
    assert len(small["nodes"]) == 2
    assert small["truncated"] is True


def test_neighbors_not_found(client: TestClient) -> None:
    assert_problem(client.get("/api/neighbors/city/atlantis"), 404)


@pytest.mark.parametrize(
    "params",
    [
        {"depth": 0},
        {"depth": 9},
        {"limit": 0},
        {"since": "yesterday"},
        {"since": "2025-05-01", "until": "2025-04-01"},
    ],
)
def test_neighbors_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/neighbors/person/zhang-min", params=params), 422)


@pytest.mark.parametrize("value", HOSTILE)
def test_neighbors_hostile(client: TestClient, value: str) -> None:
    response = client.get(
        "/api/neighbors/" + quote(value, safe=""), params={"types": value, "relations": value}
    )
    assert response.status_code in (404, 422)


def test_path_between_two_people(client: TestClient) -> None:
    response = client.get(
        "/api/path", params={"from": "person/zhang-min", "to": "person/amsakar-achmad"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == "person/zhang-min"
    assert body["to"] == "person/amsakar-achmad"
    assert 1 <= len(body["paths"]) <= 3
    lengths = [p["length"] for p in body["paths"]]
    assert lengths == sorted(lengths)
    for path in body["paths"]:
        assert path["nodes"][0] == "person/zhang-min"
        assert path["nodes"][-1] == "person/amsakar-achmad"
        assert len(path["edges"]) == path["length"] == len(path["nodes"]) - 1
        assert not any(n.startswith("article/") for n in path["nodes"])
        assert all(e["relation"] != "prov:wasDerivedFrom" for e in path["edges"])
        assert set(path["nodes"]) <= set(body["nodes"])


def test_path_k_and_max_hops(client: TestClient) -> None:
    one = client.get("/api/path", params={"from": "person/zhang-min", "to": BATAM, "k": 1}).json()
    assert len(one["paths"]) == 1
    assert_problem(
        client.get(
            "/api/path",
            params={"from": "person/zhang-min", "to": "city/changwon-1846326", "max_hops": 1},
        ),
        404,
    )


def test_path_not_found(client: TestClient) -> None:
    assert_problem(client.get("/api/path", params={"from": "person/x", "to": BATAM}), 404)


@pytest.mark.parametrize(
    "params",
    [
        {"from": "person/zhang-min"},
        {"from": "person/zhang-min", "to": BATAM, "k": 0},
        {"from": "person/zhang-min", "to": BATAM, "max_hops": 50},
        {"from": BATAM, "to": BATAM},
    ],
)
def test_path_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    assert_problem(client.get("/api/path", params=params), 422)


@pytest.mark.parametrize("value", HOSTILE)
def test_path_hostile(client: TestClient, value: str) -> None:
    response = client.get("/api/path", params={"from": value, "to": value})
    assert response.status_code in (404, 422)


def test_overview_returns_connected_facts_without_articles(client: TestClient) -> None:
    body = client.get("/api/overview", params={"limit": 20}).json()
    ids = [n["id"] for n in body["nodes"]]
    assert 0 < len(ids) <= 20
    assert not any(i.startswith("article/") for i in ids)
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert "prov:wasDerivedFrom" not in {e["relation"] for e in body["edges"]}


@pytest.mark.parametrize("limit", [pytest.param(0, id="zero"), pytest.param(99999, id="huge")])
def test_overview_refuses_bad_limits(client: TestClient, limit: int) -> None:
    assert_problem(client.get("/api/overview", params={"limit": limit}), 422)
