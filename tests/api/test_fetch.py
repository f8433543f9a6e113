"""Fetching article URLs: only when allowed, and never from internal addresses."""

from __future__ import annotations

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.errors import InvalidParameterError
from kg.knowledge import KnowledgeGraph
from kg.sources.fetch import check_public_url, fetch_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://localhost/",
        "http://[::1]/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
        "ftp://example.com/",
        "http:///nohost",
    ],
)
def test_internal_and_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidParameterError):
        check_public_url(url)
    with pytest.raises(InvalidParameterError):
        fetch_url(url, max_bytes=1000)


def test_the_api_refuses_a_loopback_url_even_when_fetching_is_on() -> None:
    settings = Settings(store="memory:", write_token="t", allow_fetch=True)
    with TestClient(create_app(settings, KnowledgeGraph.open(settings=settings))) as client:
        response = client.post(
            "/api/articles",
            json={"url": "http://127.0.0.1:9/secret"},
            headers={"Authorization": "Bearer t"},
        )
        body = assert_problem(response, 422)
        assert "not a public address" in body["detail"]
