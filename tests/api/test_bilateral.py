"""GET /api/bilateral."""

from __future__ import annotations

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient


def test_indonesia_china(client: TestClient) -> None:
    response = client.get("/api/bilateral", params={"a": "ID", "b": "CN"})
    assert response.status_code == 200
    body = response.json()
    assert body["a"]["id"] == "country/id"
    assert body["a"]["iso"] == "ID"
    assert body["b"]["iso"] == "CN"
    pairs = {(p["a"]["label"], p["b"]["label"]) for p in body["city_pairs"]}
    assert ("Batam", "Xiangyang") in pairs
    proposed = body["agreements"]["Proposed"]
    assert any({"Batam", "Xiangyang"} <= {p["label"] for p in a["parties"]} for a in proposed)
    assert set(body["agreements"]) >= {"Proposed", "Signed", "Ended"}
    people = {p["label"]: p["side"] for p in body["people"]}
    assert people.get("Zhang Min") == "b"
    assert people.get("Amsakar Achmad") == "a"
    roles = {p["post"]["id"]: p["role"] for p in body["posts"]}
    assert "ConsulGeneral" in roles.values()
    dates = [e["date"] for e in body["events"] if e["date"]]
    assert dates == sorted(dates)
    assert any(e["date"] == "2025-04-21" for e in body["events"])
    assert all(set(c) >= {"id", "label", "type", "located_in"} for c in body["companies"])


def test_lower_case_codes(client: TestClient) -> None:
    assert client.get("/api/bilateral", params={"a": "id", "b": "cn"}).status_code == 200


def test_unknown_country(client: TestClient) -> None:
    body = assert_problem(client.get("/api/bilateral", params={"a": "ID", "b": "ZZ"}), 404)
    assert "ZZ" in body["detail"]


@pytest.mark.parametrize(
    "params", [{"a": "IDN", "b": "CN"}, {"a": "1D", "b": "CN"}, {"a": "ID", "b": "ID"}, {"a": "'"}]
)
def test_bad_parameters(client: TestClient, params: dict[str, str]) -> None:
    assert_problem(client.get("/api/bilateral", params=params), 422)
