"""Injection: REST parameters cannot change a query's shape, and a URL given to
POST /api/articles is never fetched unless fetching is on, and then never from
loopback, private or link-local addresses.

(That article text cannot run script in the web view, the SPARQL page or the pyvis
snapshot is checked in a browser by tests/web/test_safety.py.)
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from .support import TOKEN, make_app, record

HOSTILE = [
    '"',
    "'",
    "}",
    "} UNION { ?s ?p ?o }",
    'x" } UNION { ?s ?p ?o } #',
    "Batam' } UNION { ?s ?p ?o } #",
    "line\nbreak",
    "# comment",
    "<http://evil.example/>",
    "a>b<c",
    "?s ?p ?o",
    "*",
    ".*",
    "\\",
    "%00",
    "person/x> ?p ?o } #",
]
OK = {200, 404, 422}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(make_app(), raise_server_exceptions=False) as test:
        yield test


@pytest.fixture(scope="module")
def labels(client: TestClient) -> set[str]:
    """Every label the store holds: what a search may match at most."""
    query = (
        "SELECT DISTINCT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label>"
        "|<http://www.w3.org/2004/02/skos/core#altLabel>"
        "|<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    rows = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    ).json()["results"]["bindings"]
    return {row["l"]["value"] for row in rows}


@pytest.fixture(scope="module")
def known(client: TestClient) -> dict[str, Any]:
    """A real entity and its unfiltered neighbourhood, to compare filtered answers with."""
    found = client.get("/api/search", params={"q": "Batam"}).json()["results"]
    center = found[0]["id"]
    around = client.get(f"/api/neighbors/{center}", params={"depth": 2}).json()
    return {"center": center, "nodes": {n["id"] for n in around["nodes"]}}


_counts = {"requests": 0, "fetches_refused": 0, "browser_pages": 0}


def _check(response: Any) -> Any:
    _counts["requests"] += 1
    assert response.status_code in OK, (response.request.url, response.text[:300])
    return response


@pytest.mark.parametrize("value", HOSTILE)
def test_search_matches_only_stored_labels(
    client: TestClient, labels: set[str], value: str
) -> None:
    for params in ({"q": value}, {"q": "Batam", "type": value}, {"q": value, "limit": "5"}):
        response = _check(client.get("/api/search", params=params))
        if response.status_code == 200:
            for result in response.json()["results"]:
                assert result["matched"] in labels, result
                assert _check(client.get(f"/api/entities/{result['id']}")).status_code == 200


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_find_nothing(client: TestClient, value: str) -> None:
    for path in ("/api/entities/", "/api/neighbors/", "/api/articles/", "/api/entities/person/"):
        response = _check(client.get(path + quote(value, safe="")))
        assert response.status_code in (404, 422), (path, value, response.text[:300])
    response = _check(client.get("/api/path", params={"from": value, "to": "country/cn"}))
    assert response.status_code in (404, 422)
    response = _check(client.get("/api/bilateral", params={"a": value, "b": "CN"}))
    assert response.status_code in (404, 422)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filters_never_widen_a_neighbourhood(
    client: TestClient, known: dict[str, Any], value: str
) -> None:
    center = known["center"]
    for params in (
        {"types": value},
        {"relations": value},
        {"types": f"City,{value}"},
        {"since": value},
        {"until": value},
    ):
        response = _check(client.get(f"/api/neighbors/{center}", params={"depth": 2, **params}))
        if response.status_code == 200:
            nodes = {n["id"] for n in response.json()["nodes"]}
            assert nodes <= known["nodes"], params


@pytest.mark.parametrize("value", HOSTILE)
def test_other_parameters_refuse_hostile_values(client: TestClient, value: str) -> None:
    for path, params in (
        ("/api/analytics/centrality", {"type": value}),
        ("/api/analytics/centrality", {"measure": value}),
        ("/api/export", {"format": value}),
        ("/api/articles", {"limit": value}),
        ("/api/path", {"from": "country/cn", "to": "country/id", "max_hops": value}),
    ):
        response = _check(client.get(path, params=params))
        if response.status_code == 200 and path == "/api/analytics/centrality":
            assert response.json()["results"] == [] or "type" not in params


@pytest.fixture(scope="module", autouse=True)
def _figures() -> Iterator[None]:
    yield
    record("injection", dict(_counts), part=True)


# -- fetching --------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - one list per test server, reset by the fixture

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"<html><body><p>Wali Kota Batam bertemu Zhang Min.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def bait() -> Iterator[tuple[str, list[str]]]:
    """A tiny HTTP server on 127.0.0.1 that records every request it gets."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article", hits
    finally:
        server.shutdown()
        server.server_close()


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_a_url_is_not_fetched_when_fetching_is_off(
    client: TestClient, bait: tuple[str, list[str]]
) -> None:
    url, hits = bait
    response = client.post("/api/articles", json={"url": url}, headers=AUTH)
    assert response.status_code == 422
    assert "does not fetch" in response.json()["detail"]
    # With text, the URL is only the article's identity: still no request.
    response = client.post(
        "/api/articles",
        json={"url": url, "text": "Wali Kota Batam bertemu Zhang Min."},
        headers=AUTH,
    )
    assert response.status_code == 201, response.text
    assert hits == []


INTERNAL = [
    "{bait}",
    "http://localhost:{port}/article",
    "http://[::1]:{port}/article",
    "http://127.1:{port}/article",
    "http://0.0.0.0:{port}/article",
    "http://2130706433:{port}/article",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]:{port}/article",
    "file:///etc/passwd",
    "ftp://127.0.0.1/",
    "gopher://127.0.0.1:{port}/",
]


@pytest.fixture(scope="module")
def fetching() -> Iterator[TestClient]:
    with TestClient(make_app(allow_fetch=True), raise_server_exceptions=False) as test:
        yield test


@pytest.mark.parametrize("template", INTERNAL)
def test_fetching_refuses_internal_addresses(
    fetching: TestClient, bait: tuple[str, list[str]], template: str
) -> None:
    url, hits = bait
    port = url.split(":")[2].split("/")[0]
    target = template.format(bait=url, port=port)
    response = fetching.post("/api/articles", json={"url": target}, headers=AUTH)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "refusing to fetch" in detail or "cannot resolve" in detail or "URL" in detail, detail
    assert hits == []
    _counts["fetches_refused"] += 1


# -- the browser: article text is text in the view, the SPARQL page and the snapshot --------

PAYLOADS = [
    "<script>alert('s')</script>",
    "<img src=x onerror=alert('i')>",
    "<svg onload=alert('v')>",
    '"><iframe srcdoc="<script>alert(1)</script>">',
    "javascript:alert('j')",
    "${alert('t')}",
]
HOSTILE_ARTICLE = {
    "url": "https://reliability.example.org/xss?<script>alert('u')</script>",
    "title": "Batam " + " ".join(PAYLOADS),
    "published": "2025-05-02",
    "language": "en",
    "source": "<b onmouseover=alert('b')>Wire</b>",
    "text": (
        "BATAM - The Mayor of Batam, Amsakar Achmad, met the Consul General of China in "
        f"Medan, Zhang Min, and businessman Robert {PAYLOADS[0]} Tan on Friday (2/5/2025).\n"
        f'"We welcome {PAYLOADS[1]} every partner {PAYLOADS[2]}," said Amsakar Achmad.\n'
        f'"{PAYLOADS[3]} Xiangyang is ready, see {PAYLOADS[4]} {PAYLOADS[5]}," Zhang Min said.'
    ),
}
# Records every element a payload could create once the page's own markup is parsed.
TRAP = """
window.__created = [];
let armed = false;
document.addEventListener("DOMContentLoaded", () => { armed = true; });
new MutationObserver((records) => {
  if (!armed) return;
  for (const record of records) for (const node of record.addedNodes) {
    if (node.nodeType === 1 && /^(SCRIPT|IMG|SVG|IFRAME|OBJECT|EMBED)$/i.test(node.tagName)) {
      window.__created.push(node.outerHTML.slice(0, 120));
    }
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    import httpx

    from .support import start_server

    folder = tmp_path_factory.mktemp("xss")
    with start_server("memory:", folder) as server:
        response = httpx.post(
            f"{server.url}/api/articles", json=HOSTILE_ARTICLE, headers=AUTH, timeout=120
        )
        assert response.status_code == 201, response.text
        yield {"url": server.url, **response.json()}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    events: dict[str, list[str]] = {"dialogs": [], "outside": []}

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            events["outside"].append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.add_init_script(TRAP)
    page.events = events
    yield page
    context.close()


def _assert_inert(page: Any) -> None:
    page.wait_for_timeout(500)  # an onerror handler fires after the image fails to load
    assert page.evaluate("window.__created") == []
    assert page.events["dialogs"] == []
    assert page.events["outside"] == []


@pytest.mark.browser
@pytest.mark.server
def test_the_explorer_shows_hostile_text_as_text(page: Any, hostile_server: dict) -> None:
    page.goto(hostile_server["url"] + "/network")
    page.wait_for_function("() => window.__bikg && window.__bikg.ready", timeout=60_000)
    ids = [hostile_server["article"]["id"], *[n["id"] for n in hostile_server["nodes"]]]
    for node in ids:
        page.evaluate("(id) => window.__bikg.app.focusEntity(id)", node)
        page.wait_for_selector(f'#details[data-entity="{node}"][data-state="ready"]')
    page.evaluate("(id) => window.__bikg.app.focusEntity(id)", ids[0])
    page.wait_for_selector(f'#details[data-entity="{ids[0]}"][data-state="ready"]')
    assert PAYLOADS[0] in page.inner_text("#details")  # shown, as text
    _assert_inert(page)
    _counts["browser_pages"] += 1


@pytest.mark.browser
@pytest.mark.server
def test_the_sparql_page_shows_hostile_text_as_text(page: Any, hostile_server: dict) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), '<')) }"
    # The page (YASGUI) runs a ?query= link in a tab of its own.
    page.goto(hostile_server["url"] + "/sparql.html?query=" + quote(query))
    page.wait_for_function("() => window.__bikg && window.__bikg.rows > 0", timeout=60_000)
    page.select_option(".tabPanel.active .tableSizer", "-1")  # every row on one page
    cells = page.locator(".tabPanel.active .yasr table.dataTable tbody").inner_text()
    assert PAYLOADS[0] in cells
    _assert_inert(page)
    _counts["browser_pages"] += 1


@pytest.mark.browser
@pytest.mark.server
def test_the_pyvis_snapshot_shows_hostile_text_as_text(
    page: Any, hostile_server: dict, tmp_path: Any
) -> None:
    import httpx

    ids = [hostile_server["article"]["id"], *[n["id"] for n in hostile_server["nodes"]]]
    response = httpx.post(
        hostile_server["url"] + "/api/snapshot",
        json={"nodes": ids, "title": PAYLOADS[0]},
        timeout=120,
    )
    assert response.status_code == 200, response.text[:300]
    for payload in PAYLOADS[:4]:
        assert payload not in response.text
    snapshot = f"{hostile_server['url']}/__snapshot_test.html"
    page.route(snapshot, lambda r: r.fulfill(body=response.text, content_type="text/html"))
    page.goto(snapshot)
    page.wait_for_function("() => window.__snapshot && window.__snapshot.ready")
    labels = page.evaluate("window.__snapshot.network.body.data.nodes.get().map((n) => n.label)")
    assert any(PAYLOADS[0][:20] in label for label in labels), labels
    assert page.title() == PAYLOADS[0]
    _assert_inert(page)
    _counts["browser_pages"] += 1
