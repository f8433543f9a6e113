"""The SPARQL page in a browser: served at /sparql to a browser, examples run, rows link
into the network view, results download as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from web_support import Watch, artifact, wait_stable

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]


def open_sparql(page: Any, base: str) -> None:
    page.goto(f"{base}/sparql")  # a browser's Accept: text/html gets the page, not the endpoint
    page.wait_for_function("() => window.__bikg && window.__bikg.ready")


def run_example(page: Any, key: str) -> int:
    page.click(f'[data-example="{key}"]')
    page.wait_for_function("() => window.__bikg.rows !== null")
    return int(page.evaluate("window.__bikg.rows"))


def test_example_query_shows_rows(page: Any, web_server: str, watch: Watch) -> None:
    open_sparql(page, web_server)
    # The editor highlights the query.
    assert page.locator(".editor-highlight .tok-keyword").count() > 3
    assert page.locator(".editor-highlight .tok-variable").count() > 3
    rows = run_example(page, "sisterCities")
    assert rows > 5
    table = page.locator("table.results tbody tr")
    assert table.count() == rows
    text = page.inner_text("table.results")
    assert "Batam" in text
    assert "Xiangyang" in text
    page.screenshot(path=str(artifact("sparql-page.png")))
    assert watch.external == []


@pytest.mark.parametrize("key", ["holders", "sisterCities", "meetings", "evidence"])
def test_every_example_runs(page: Any, web_server: str, key: str) -> None:
    open_sparql(page, web_server)
    assert run_example(page, key) > 0
    assert "error" not in (page.get_attribute("#result-status", "class") or "")


def test_typed_query_and_link_into_the_view(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    page.fill(
        "#query",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?person WHERE { ?person rdfs:label 'Zhang Min' }",
    )
    page.keyboard.press("Control+Enter")
    page.wait_for_function("() => window.__bikg.rows !== null")
    assert page.evaluate("window.__bikg.rows") == 1
    link = page.locator("table.results a.node-link").first
    assert link.inner_text() == "person/zhang-min"
    link.click()
    page.wait_for_url("**/#node=*")
    wait_stable(page)
    page.wait_for_selector('#details[data-entity="person/zhang-min"][data-state="ready"]')


def test_bad_query_shows_the_error(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    page.fill("#query", "SELECT nonsense WHERE {")
    page.click("#run")
    page.wait_for_function("() => window.__bikg.rows === -1")
    assert "error" in page.get_attribute("#result-status", "class")


def test_downloads(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    rows = run_example(page, "holders")
    with page.expect_download() as info:
        page.click("#download-csv")
    text = info.value.path().read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["person", "name", "post", "postLabel", "role"]
    assert len(table) == rows + 1
    with page.expect_download() as info:
        page.click("#download-json")
    data = json.loads(info.value.path().read_text(encoding="utf-8"))
    assert len(data["results"]["bindings"]) == rows


def test_a_query_link_opens_the_page_and_runs(page: Any, web_server: str) -> None:
    from urllib.parse import quote

    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?person WHERE { ?person rdfs:label 'Zhang Min' }"
    )
    page.goto(f"{web_server}/sparql?query={quote(query)}")
    page.wait_for_function("() => window.__bikg && window.__bikg.rows !== null")
    assert page.evaluate("window.__bikg.rows") == 1
    assert page.input_value("#query") == query
