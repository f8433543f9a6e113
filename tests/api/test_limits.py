"""Request body limit (413) and CORS (off unless configured)."""

from __future__ import annotations

from collections.abc import Iterator

from api_support import assert_problem
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph


def _app(**overrides: object) -> TestClient:
    settings = Settings(store="memory:", write_token="t").model_copy(update=overrides)
    return TestClient(create_app(settings, KnowledgeGraph.open(settings=settings)))


def test_declared_length_above_the_limit() -> None:
    with _app(max_body_bytes=100) as client:
        response = client.post(
            "/sparql",
            content="ASK {} #" + "x" * 200,
            headers={"Content-Type": "application/sparql-query"},
        )
        body = assert_problem(response, 413)
        assert "100 bytes" in body["detail"]
        small = client.post(
            "/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
        )
        assert small.status_code == 200


def test_streamed_body_above_the_limit() -> None:
    def chunks() -> Iterator[bytes]:
        yield b"ASK {} #"
        for _ in range(20):
            yield b"x" * 50

    with _app(max_body_bytes=100) as client:
        response = client.post(
            "/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
        )
        assert_problem(response, 413)


def test_cors_is_off_by_default() -> None:
    with _app() as client:
        response = client.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in response.headers


def test_cors_when_configured() -> None:
    with _app(cors_origins=["https://view.example"]) as client:
        response = client.get("/api/stats", headers={"Origin": "https://view.example"})
        assert response.headers["access-control-allow-origin"] == "https://view.example"
        other = client.get("/api/stats", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
