"""The read-only JSON routes answer again from memory until the graph changes."""

from __future__ import annotations

from fastapi.testclient import TestClient

SEED = (
    "Konsul Jenderal Tiongkok di Medan, Zhang Min, bertemu Wali Kota Batam "
    "Amsakar Achmad di Batam, Senin (21/4/2025)."
)


def test_a_repeated_read_is_a_hit_and_answers_the_same(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "Batam", "limit": 3})
    again = client.get("/api/search", params={"q": "Batam", "limit": 3})
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.headers["x-cache"] == "miss"
    assert again.headers["x-cache"] == "hit"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    other = client.get("/api/search", params={"q": "Batam", "limit": 2})
    assert other.headers["x-cache"] == "miss"  # another request, another answer


def test_errors_and_writes_are_not_kept(client: TestClient) -> None:
    for _ in range(2):
        missing = client.get("/api/entities/person/nobody-at-all")
        assert missing.status_code == 404
        assert missing.headers["x-cache"] == "miss"
    assert "x-cache" not in client.get("/api/articles").headers  # not a cached route


def test_a_write_makes_every_kept_answer_stale(
    writable_client: TestClient, auth: dict[str, str]
) -> None:
    query = {"q": "Zhang Min"}
    before = writable_client.get("/api/search", params=query)
    assert writable_client.get("/api/search", params=query).headers["x-cache"] == "hit"
    stats = writable_client.get("/api/stats").json()
    posted = writable_client.post(
        "/api/articles",
        json={"text": SEED, "url": "https://cache.example.org/1", "language": "id"},
        headers=auth,
    )
    assert posted.status_code == 201, posted.text
    after = writable_client.get("/api/search", params=query)
    assert after.headers["x-cache"] == "miss"
    assert writable_client.get("/api/stats").json()["articles"] == stats["articles"] + 1
    assert before.status_code == 200
    assert after.json()["results"]
