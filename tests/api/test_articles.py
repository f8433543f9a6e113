"""/api/articles: list, read, add (JSON, upload) and delete."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from api_support import HOSTILE, assert_problem
from fastapi.testclient import TestClient

SEED_TEXT = (
    "Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok di Medan, "
    "Zhang Min, Senin (21/4/2025)."
)


def test_list(client: TestClient) -> None:
    body = client.get("/api/articles", params={"limit": 2}).json()
    assert body["total"] == 5
    assert len(body["articles"]) == 2
    first = body["articles"][0]
    assert set(first) == {"id", "url", "title", "published", "language", "source", "extracted"}
    rest = client.get("/api/articles", params={"limit": 50, "offset": 2}).json()["articles"]
    assert len(rest) == 3
    assert first["id"] not in {a["id"] for a in rest}
    dates = [a["published"] for a in body["articles"] + rest if a["published"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 5000}, {"offset": -1}])
def test_list_bad_parameters(client: TestClient, params: dict[str, int]) -> None:
    assert_problem(client.get("/api/articles", params=params), 422)


def test_one(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"limit": 50}).json()["articles"]
    seed = next(a for a in listed if (a["url"] or "").endswith("/batam-xiangyang-sister-city"))
    body = client.get(f"/api/articles/{seed['id']}").json()
    assert body["id"] == seed["id"]
    assert "Zhang Min" in body["text"]
    ids = {e["id"] for e in body["entities"]}
    assert {"person/zhang-min", "person/amsakar-achmad"} <= ids
    bare = client.get(f"/api/articles/{seed['id'].removeprefix('article/')}").json()
    assert bare["id"] == seed["id"]


def test_one_not_found(client: TestClient) -> None:
    assert_problem(client.get("/api/articles/article/000000000000000000000000"), 404)


@pytest.mark.parametrize("value", HOSTILE)
def test_one_hostile(client: TestClient, value: str) -> None:
    response = client.get("/api/articles/" + quote(value, safe=""))
    assert response.status_code in (404, 422)


def test_add_json_then_delete(writable_client: TestClient, auth: dict[str, str]) -> None:
    client = writable_client
    before = client.get("/api/stats").json()
    response = client.post(
        "/api/articles",
        json={"text": SEED_TEXT, "url": "https://example.com/added", "published": "2025-04-22"},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    article = body["article"]
    assert article["url"] == "https://example.com/added"
    assert article["published"] == "2025-04-22"
    assert {"person/zhang-min", "person/amsakar-achmad"} <= {n["id"] for n in body["nodes"]}
    assert body["relations"] >= 2
    assert client.get("/api/stats").json()["articles"] == before["articles"] + 1
    # the projection is refreshed: the new article is a neighbour of Zhang Min now
    neighbors = client.get(
        "/api/neighbors/person/zhang-min", params={"types": "Article,Person"}
    ).json()
    assert article["id"] in {n["id"] for n in neighbors["nodes"]}

    deleted = client.delete(f"/api/articles/{article['id']}", headers=auth)
    assert deleted.status_code == 204
    assert client.get("/api/stats").json() == before
    assert_problem(client.get(f"/api/articles/{article['id']}"), 404)
    assert_problem(client.delete(f"/api/articles/{article['id']}", headers=auth), 404)
    # An id that cannot be part of an IRI names no article (the fuzz test found a 500).
    assert_problem(client.delete("/api/articles/%22", headers=auth), 404)


def test_add_upload(writable_client: TestClient, auth: dict[str, str]) -> None:
    text = "---\ntitle: Uploaded\nurl: https://example.com/upload\n---\n" + SEED_TEXT
    response = writable_client.post(
        "/api/articles", files={"file": ("note.md", text.encode(), "text/markdown")}, headers=auth
    )
    assert response.status_code == 201, response.text
    assert response.json()["article"]["title"] == "Uploaded"
    writable_client.delete(f"/api/articles/{response.json()['article']['id']}", headers=auth)


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {}}, 422),
        ({"json": {"text": "  "}}, 422),
        ({"json": {"text": SEED_TEXT, "published": "not a date"}}, 422),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422),
        ({"content": b"text", "headers": {"Content-Type": "text/plain"}}, 422),
        ({"files": {"other": ("a.txt", b"x")}}, 422),
        ({"files": {"file": ("a.txt", b"")}}, 422),
    ],
)
def test_add_bad_bodies(
    writable_client: TestClient, auth: dict[str, str], kwargs: dict[str, object], status: int
) -> None:
    headers = {**auth, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    assert_problem(writable_client.post("/api/articles", headers=headers, **kwargs), status)  # type: ignore[arg-type]


def test_url_only_is_not_fetched_unless_allowed(
    writable_client: TestClient, auth: dict[str, str]
) -> None:
    response = writable_client.post(
        "/api/articles", json={"url": "https://example.com/news"}, headers=auth
    )
    body = assert_problem(response, 422)
    assert "fetch" in body["detail"]


def test_writes_need_the_token(writable_client: TestClient) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        response = writable_client.post("/api/articles", json={"text": SEED_TEXT}, headers=headers)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
        deleted = writable_client.delete("/api/articles/article/0123", headers=headers)
        assert_problem(deleted, 401)


def test_read_only_server_refuses_writes(read_only_client: TestClient) -> None:
    response = read_only_client.post(
        "/api/articles", json={"text": SEED_TEXT}, headers={"Authorization": "Bearer anything"}
    )
    assert_problem(response, 403)
    assert_problem(read_only_client.delete("/api/articles/article/0123"), 403)
