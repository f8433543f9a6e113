"""The read-only JSON routes answer again from memory until the graph changes."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI, Response
from fastapi.testclient import TestClient

from kg.api.cache import ResponseCache

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


# -- the cache itself, on a small app ---------------------------------------------------


class _Graph:
    """Stands in for the knowledge graph: only its write version matters to the cache."""

    version = 0


def _toy_app(max_bytes: int, calls: list[str], delay: float = 0.0) -> FastAPI:
    app = FastAPI()
    app.state.kg = _Graph()

    @app.get("/api/search")
    async def search(q: str, size: int = 10) -> Response:
        calls.append(q)
        await asyncio.sleep(delay)
        return Response(b"x" * size, media_type="application/json")

    app.add_middleware(ResponseCache, max_bytes=max_bytes)
    return app


def test_answers_are_kept_up_to_the_byte_budget_least_recently_used_first() -> None:
    calls: list[str] = []
    app = _toy_app(1_000, calls)
    with TestClient(app) as client:
        for q in ("a", "b", "c", "d"):
            assert client.get("/api/search", params={"q": q, "size": 240}).status_code == 200
        assert client.get("/api/search", params={"q": "a", "size": 240}).headers["x-cache"] == "hit"
        client.get("/api/search", params={"q": "e", "size": 240})  # over 1,000 bytes: b leaves
        again = [client.get("/api/search", params={"q": q, "size": 240}) for q in ("b", "a")]
        assert [a.headers["x-cache"] for a in again] == ["miss", "hit"]
        # one answer may take a quarter of the budget, no more
        for _ in range(2):
            big = client.get("/api/search", params={"q": "big", "size": 251})
            assert big.headers["x-cache"] == "miss"
            assert len(big.content) == 251
    assert calls.count("big") == 2


def test_a_write_frees_every_kept_answer() -> None:
    calls: list[str] = []
    app = _toy_app(10_000, calls)
    with TestClient(app) as client:
        for q in ("a", "b"):
            client.get("/api/search", params={"q": q, "size": 1_000})
        cache = client.app.middleware_stack  # type: ignore[attr-defined]
        while not isinstance(cache, ResponseCache):
            cache = cache.app
        assert cache.size == 2_000
        app.state.kg.version = 1  # a write
        again = client.get("/api/search", params={"q": "a", "size": 1_000})
        assert again.headers["x-cache"] == "miss"
        assert cache.size == 1_000  # b's stale answer is gone too


def test_clients_asking_at_once_share_one_computation() -> None:
    calls: list[str] = []
    app = _toy_app(10_000, calls, delay=0.3)

    async def ask_together() -> list[str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers = await asyncio.gather(
                *(client.get("/api/search", params={"q": "map", "size": 500}) for _ in range(5))
            )
        assert all(a.status_code == 200 and len(a.content) == 500 for a in answers)
        return sorted(a.headers["x-cache"] for a in answers)

    assert asyncio.run(ask_together()) == ["hit", "hit", "hit", "hit", "miss"]
    assert calls == ["map"]
