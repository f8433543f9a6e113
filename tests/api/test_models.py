"""The REST routes declare response models: /openapi.json documents each JSON shape, and
what the routes return is exactly what their model describes and serializes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from kg.api import models

#: (method, path in the schema, status, model, a request that answers it).
ROUTES = [
    ("get", "/api/stats", "200", models.Stats, "/api/stats"),
    ("get", "/api/search", "200", models.SearchResults, "/api/search?q=Batam"),
    ("get", "/api/entities/{id}", "200", models.Entity, "/api/entities/city/batam-6295587"),
    (
        "get",
        "/api/evidence",
        "200",
        models.EvidencePage,
        "/api/evidence?subject=person/zhang-min&predicate=org:holds"
        "&object=post/consul-general/cn/medan-1214520",
    ),
    ("get", "/api/neighbors/{id}", "200", models.Network, "/api/neighbors/city/batam-6295587"),
    ("get", "/api/overview", "200", models.Network, "/api/overview?limit=20"),
    ("get", "/api/overview/network", "200", models.Network, "/api/overview/network?limit=20"),
    ("get", "/api/path", "200", models.Paths, "/api/path?from=city/batam-6295587&to=country/cn"),
    ("get", "/api/analytics/centrality", "200", models.Centrality, "/api/analytics/centrality"),
    ("get", "/api/analytics/communities", "200", models.Communities, "/api/analytics/communities"),
    ("get", "/api/bilateral", "200", models.Bilateral, "/api/bilateral?a=ID&b=CN"),
    ("get", "/api/articles", "200", models.ArticleList, "/api/articles"),
    ("get", "/api/map", "200", models.MapLayers, "/api/map?a=ID&b=CN"),
    ("get", "/api/timeline", "200", models.Timeline, "/api/timeline"),
    ("get", "/api/summary", "200", models.Landing, "/api/summary"),
    ("get", "/api/vocabulary", "200", models.Vocabulary, "/api/vocabulary"),
]


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    return schema


def _ref(openapi: dict[str, Any], method: str, path: str, status: str) -> str:
    response = openapi["paths"][path][method]["responses"][status]
    ref: str = response["content"]["application/json"]["schema"]["$ref"]
    return ref


@pytest.mark.parametrize(("method", "path", "status", "model", "url"), ROUTES, ids=lambda v: str(v))
def test_openapi_names_the_model(
    openapi: dict[str, Any], method: str, path: str, status: str, model: type[BaseModel], url: str
) -> None:
    assert _ref(openapi, method, path, status) == f"#/components/schemas/{model.__name__}"
    properties = openapi["components"]["schemas"][model.__name__]["properties"]
    assert set(properties) >= {f.alias or name for name, f in model.model_fields.items()}


def test_article_routes_have_models(openapi: dict[str, Any]) -> None:
    assert _ref(openapi, "get", "/api/articles/{id}", "200").endswith("/ArticleDetail")
    assert _ref(openapi, "post", "/api/articles", "201").endswith("/AddedArticle")


def test_node_summary_is_documented(openapi: dict[str, Any]) -> None:
    node = openapi["components"]["schemas"]["Node"]
    assert set(node["required"]) == {"id", "label", "labels", "type"}


@pytest.mark.parametrize(("method", "path", "status", "model", "url"), ROUTES, ids=lambda v: str(v))
def test_answer_is_what_its_model_serializes(
    client: TestClient, method: str, path: str, status: str, model: type[BaseModel], url: str
) -> None:
    response = client.get(url)
    assert response.status_code == int(status), response.text
    body = response.json()
    parsed = model.model_validate(body)
    assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == body
    # The documented fields are there (not only passed through as extras).
    assert parsed.model_fields_set >= {
        name for name, field in model.model_fields.items() if field.is_required()
    }
