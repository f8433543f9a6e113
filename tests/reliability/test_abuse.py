"""Abuse of the API: oversized bodies, missing and wrong tokens, runaway queries, and
the address the server binds to by default."""

from __future__ import annotations

import hmac
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import kg.api.deps
from kg.config import Settings

from .support import TOKEN, bikg_command, clean_env, make_app, record, start_server

LIMIT = 20_000


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(make_app(max_body_bytes=LIMIT), raise_server_exceptions=False) as test:
        yield test


@pytest.fixture(scope="module")
def read_only() -> Iterator[TestClient]:
    with TestClient(make_app(write_token=None), raise_server_exceptions=False) as test:
        yield test


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- oversized bodies ----------------------------------------------------------------------

BIG = b"x" * (LIMIT + 1)
ROUTES = [
    ("/api/articles", "application/json"),
    ("/sparql", "application/sparql-query"),
    ("/sparql", "application/sparql-update"),
    ("/api/snapshot", "application/json"),
]


@pytest.mark.parametrize(("path", "media"), ROUTES)
def test_a_declared_oversized_body_is_refused_with_413(
    client: TestClient, path: str, media: str
) -> None:
    response = client.post(path, content=BIG, headers={"Content-Type": media, **_auth(TOKEN)})
    assert response.status_code == 413, response.text[:300]
    assert response.json()["status"] == 413


@pytest.mark.parametrize(("path", "media"), ROUTES)
def test_a_chunked_oversized_body_is_refused_with_413(
    client: TestClient, path: str, media: str
) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count
        for _ in range(LIMIT // 1000 + 2):
            yield b"y" * 1000

    response = client.post(path, content=chunks(), headers={"Content-Type": media, **_auth(TOKEN)})
    assert response.status_code == 413, response.text[:300]
    assert "content-length" not in {k.lower() for k in response.request.headers}


def test_a_chunked_oversized_body_is_refused_by_a_live_server(tmp_path: Path) -> None:
    with start_server("memory:", tmp_path, max_body_bytes=LIMIT) as server:

        def chunks() -> Iterator[bytes]:
            for _ in range(LIMIT // 1000 + 2):
                yield b"z" * 1000

        response = httpx.post(
            f"{server.url}/api/articles",
            content=chunks(),
            headers={"Content-Type": "application/json", **_auth(TOKEN)},
            timeout=60,
        )
        assert response.status_code == 413
        assert httpx.get(f"{server.url}/api/stats", timeout=30).status_code == 200


# -- tokens ---------------------------------------------------------------------------------

ARTICLE = {"text": "Wali Kota Batam bertemu Konsul Jenderal Tiongkok di Medan, Zhang Min."}
WRITES: list[tuple[str, str, dict[str, Any]]] = [
    ("POST", "/api/articles", {"json": ARTICLE}),
    ("DELETE", "/api/articles/article/000000000000000000000000", {}),
    (
        "POST",
        "/sparql",
        {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    ),
    ("POST", "/sparql", {"data": {"update": "CLEAR DEFAULT"}}),
]
BAD_TOKENS = [
    pytest.param(None, 401, id="missing"),
    pytest.param("Bearer", 401, id="empty"),
    pytest.param("Bearer wrong-token", 401, id="wrong"),
    pytest.param(f"Bearer {TOKEN}x", 401, id="longer"),
    pytest.param(f"Bearer {TOKEN[:-1]}", 401, id="prefix"),
    pytest.param(f"Basic {TOKEN}", 401, id="other-scheme"),
    pytest.param(f"Bearer {TOKEN.upper()}", 401, id="case"),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), WRITES)
@pytest.mark.parametrize(("header", "status"), BAD_TOKENS)
def test_writes_without_the_right_token_are_refused(
    client: TestClient,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    header: str | None,
    status: int,
) -> None:
    before = client.get("/api/stats").json()
    headers = dict(kwargs.get("headers", {}))
    if header is not None:
        headers["Authorization"] = header
    rest = {k: v for k, v in kwargs.items() if k != "headers"}
    response = client.request(method, path, headers=headers, **rest)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    assert client.get("/api/stats").json() == before


@pytest.mark.parametrize(("method", "path", "kwargs"), WRITES)
def test_a_server_without_a_token_is_read_only(
    read_only: TestClient, method: str, path: str, kwargs: dict[str, Any]
) -> None:
    headers = {**kwargs.get("headers", {}), **_auth(TOKEN)}
    rest = {k: v for k, v in kwargs.items() if k != "headers"}
    response = read_only.request(method, path, headers=headers, **rest)
    assert response.status_code == 403, response.text[:300]


def test_tokens_are_compared_in_constant_time(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return original(a, b)

    monkeypatch.setattr(kg.api.deps.hmac, "compare_digest", spy)
    response = client.post("/api/articles", json=ARTICLE, headers=_auth("guess"))
    assert response.status_code == 401
    assert calls == [(b"guess", TOKEN.encode())]


# -- runaway queries ------------------------------------------------------------------------

# An aggregate over a cross product: no row comes out before it ends, so only the
# server's own deadline can answer (the store's row-by-row check never runs).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.mark.server
def test_runaway_queries_time_out_and_the_server_keeps_answering(tmp_path: Path) -> None:
    timeout = 2.0
    with start_server("memory:", tmp_path, query_timeout=timeout) as server:
        url = server.url
        assert (
            httpx.post(
                f"{url}/api/articles", json=ARTICLE, headers=_auth(TOKEN), timeout=120
            ).status_code
            == 201
        )

        def runaway(_: int) -> tuple[int, float]:
            started = time.monotonic()
            response = httpx.get(f"{url}/sparql", params={"query": RUNAWAY}, timeout=120)
            return response.status_code, time.monotonic() - started

        # One alone, then twelve at once: more than the server's query threads.
        status, seconds = runaway(0)
        assert status == 503
        assert seconds < timeout + 10
        with ThreadPoolExecutor(12) as pool:
            crowd = list(pool.map(runaway, range(12)))
            stats_started = time.monotonic()
            stats = httpx.get(f"{url}/api/stats", timeout=60)
            stats_seconds = time.monotonic() - stats_started
        assert stats.status_code == 200
        assert {s for s, _ in crowd} == {503}
        assert max(t for _, t in crowd) < 4 * timeout + 30
        assert stats_seconds < 15
        record(
            "abuse_runaway",
            {
                "timeout_s": timeout,
                "runaway_queries": 1 + len(crowd),
                "first_answer_s": round(seconds, 2),
                "slowest_answer_s": round(max(t for _, t in crowd), 2),
                "stats_during_runaways_s": round(stats_seconds, 2),
            },
        )


# -- the default address --------------------------------------------------------------------


def test_the_server_binds_to_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIKG_HOST", raising=False)
    assert Settings(_env_file=None).host == "127.0.0.1"  # type: ignore[call-arg]
    helped = subprocess.run(
        bikg_command("serve", "--help"),
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "127.0.0.1" in helped.stdout
    assert "0.0.0.0" not in helped.stdout


def test_the_counts_of_this_module() -> None:
    record(
        "abuse",
        {
            "oversized_bodies_refused": 2 * len(ROUTES) + 1,
            "token_cases_refused": len(WRITES) * (len(BAD_TOKENS) + 1),
        },
    )
