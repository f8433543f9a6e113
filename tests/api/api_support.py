"""Helpers of the API tests (imported as ``api_support``: tests/api is on sys.path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
SAMPLE = [
    "batam-xiangyang-sister-city.id.txt",
    "batam-xiangyang-surat-pernyataan-kehendak.id.txt",
    "konjen-tiongkok-temui-gubernur-sumut.id.txt",
    "makassar-changwon-kota-kembar.id.txt",
    "surabaya-kitakyushu-kota-kembar.id.txt",
]
TOKEN = "in-process-token"


def make_client(**overrides: object) -> TestClient:
    """An app over a memory store with the SAMPLE articles (token ``TOKEN``)."""
    settings = Settings(store="memory:", write_token=TOKEN, workers=1).model_copy(update=overrides)
    kg = KnowledgeGraph.open(settings=settings)
    summary = kg.ingest([ARTICLES / name for name in SAMPLE], workers=1)
    assert summary.ok, str(summary)
    return TestClient(create_app(settings, kg), raise_server_exceptions=False)


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    return body


#: Values that would change a query's shape if pasted into it.
HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "'; DROP ALL ; '",
    "a}b{c",
    "} UNION {",
    "line\nbreak\r\n<http://evil>",
    '"""',
    "\\u0022",
]
