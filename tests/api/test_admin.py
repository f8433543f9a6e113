"""GET /api/stats and GET /api/export."""

from __future__ import annotations

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph


def test_stats(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["articles"] == 5
    assert body["quads"] > 1000
    assert body["by_class"]["Person"] >= 2


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("trig", "application/trig"),
        ("nquads", "application/n-quads"),
        ("turtle", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
    ],
)
def test_export(client: TestClient, fmt: str, media: str) -> None:
    response = client.get("/api/export", params={"format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "attachment" in response.headers["content-disposition"]
    if fmt in ("trig", "nquads"):
        dataset = Dataset().parse(data=response.content, format=fmt)
        assert len(list(dataset.graphs())) > 5
    elif fmt in ("turtle", "jsonld"):
        assert (
            len(Graph().parse(data=response.content, format="json-ld" if fmt == "jsonld" else fmt))
            > 100
        )
    else:
        assert b"person/zhang-min" in response.content


def test_export_bad_format(client: TestClient) -> None:
    assert_problem(client.get("/api/export", params={"format": "docx"}), 422)


def test_unknown_route(client: TestClient) -> None:
    assert_problem(client.get("/api/nothing-here"), 404)


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/sparql",
        "/api/search",
        "/api/entities/{id}",
        "/api/neighbors/{id}",
        "/api/path",
        "/api/analytics/centrality",
        "/api/analytics/communities",
        "/api/bilateral",
        "/api/articles",
        "/api/articles/{id}",
        "/api/stats",
        "/api/export",
    ]:
        assert path in paths, path
    assert client.get("/docs").status_code == 200
