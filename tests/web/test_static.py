"""The web view without a browser: the routes serve web/ (and nothing outside it) with a
Content-Security-Policy, the snapshot route answers a standalone page, the translations
are complete, and no asset points at another host."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.api.routes.views import WEB_DIR
from kg.config import Settings
from kg.graph.domain import vocabulary
from kg.knowledge import KnowledgeGraph

SEED = (
    Path(__file__).resolve().parents[2] / "data" / "articles" / "batam-xiangyang-sister-city.id.txt"
)
INJECTION = Path(__file__).resolve().parents[1] / "data" / "articles" / "injection.en.txt"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    settings = Settings(store="memory:", workers=1)
    kg = KnowledgeGraph.open(settings=settings)
    kg.ingest([SEED, INJECTION], workers=1)
    with TestClient(create_app(settings, kg)) as test_client:
        yield test_client
    kg.close()


@pytest.mark.parametrize("path", ["/", "/map", "/timeline", "/network", "/sparql.html"])
def test_pages_carry_a_content_security_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-eval" not in policy


def test_a_browser_asking_for_sparql_gets_the_page(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert 'id="yasgui"' in response.text


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/static/js/app.js", "text/javascript"),
        ("/static/css/app.css", "text/css"),
        ("/static/i18n/id.json", "application/json"),
        ("/static/vendor/vis-network/vis-network.min.js", "text/javascript"),
        ("/static/js/map.js", "text/javascript"),
        ("/static/css/views.css", "text/css"),
        ("/static/vendor/world-atlas/countries-50m.json", "application/json"),
        ("/static/vendor/sigma/sigma.min.js", "text/javascript"),
    ],
)
def test_assets_are_served_with_their_type(client: TestClient, path: str, media: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml", "/static/js", "/static/nope.js"],
)
def test_nothing_outside_web_is_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_snapshot_is_a_standalone_page(client: TestClient) -> None:
    response = client.post(
        "/api/snapshot",
        json={"nodes": ["person/zhang-min", "country/cn", "no/such-node"], "title": "<b>t</b>"},
    )
    assert response.status_code == 200
    page = response.text
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "bootstrap" not in page.lower()
    assert "Content-Security-Policy" in page
    assert "vis.Network" in page


def test_snapshot_escapes_article_text(client: TestClient) -> None:
    articles = client.get("/api/articles").json()["articles"]
    [hostile] = [a for a in articles if "<script>" in a["title"]]
    page = client.post("/api/snapshot", json={"nodes": [hostile["id"]]}).text
    assert "<script>alert" not in page
    assert "\\u003cscript\\u003ealert('title')" in page


@pytest.mark.parametrize(
    ("body", "status"),
    [({"nodes": []}, 422), ({"nodes": ["no/such-node"]}, 404), ({}, 422)],
)
def test_snapshot_refuses_bad_requests(client: TestClient, body: dict, status: int) -> None:
    response = client.post("/api/snapshot", json=body)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")


def _keys(lang: str) -> set[str]:
    return set(json.loads((WEB_DIR / "i18n" / f"{lang}.json").read_text(encoding="utf-8")))


def _ontology_keys() -> set[str]:
    """The keys web/js/i18n.js fills from GET /api/vocabulary (the ontology's words)."""
    words = vocabulary()
    return (
        {f"class.{name}" for name in words["classes"]}
        | {f"status.{status['id']}" for status in words["statuses"]}
        | {f"type.{category['key']}" for category in words["categories"]}
        | {f"rel.{curie}" for curie in words["relations"]}
    )


def test_both_languages_have_every_string() -> None:
    assert _keys("en") == _keys("id")


def test_every_string_the_code_asks_for_exists() -> None:
    known = _keys("en") | _ontology_keys()
    used: set[str] = set()
    for html in WEB_DIR.glob("*.html"):
        used |= set(re.findall(r'data-i18n(?:-[a-z]+)?="([^"]+)"', html.read_text("utf-8")))
    for js in (WEB_DIR / "js").glob("*.js"):
        used |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", js.read_text("utf-8")))
    assert used
    assert used - known == set()


def test_no_asset_points_at_another_host() -> None:
    remote = re.compile(
        r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import""",
        re.IGNORECASE,
    )
    # axe-core is vendored for the browser tests, which inject it; no page loads it.
    test_only = WEB_DIR / "vendor" / "axe-core"
    for path in WEB_DIR.rglob("*"):
        if path.suffix in (".html", ".css", ".js") and not path.is_relative_to(test_only):
            text = path.read_text("utf-8")
            for found in remote.finditer(text):
                # A link a reader may click (YASGUI's help text links to MDN) loads nothing.
                tag = text[text.rfind("<", 0, found.start()) : found.start()]
                assert re.match(r"<a\s", tag), (path, text[found.start() - 60 : found.end() + 40])
