"""The SPARQL page in a browser: YASGUI, served by this app, pointed at its /sparql.

A competency query runs through YASGUI's editor and run button, the table shows it, the
chart plugin plots it, and a result IRI opens the explorer; the examples open as tabs and
run; the editor completes our prefixes, classes and properties from our own ontology; results
download; a /sparql?query= link runs. The page fixture fails any test in which a request
left 127.0.0.1, a dialog opened or the page raised an error (YASGUI's default completers
would ask prefix.cc and Linked Open Vocabularies).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from web_support import InertParses, Watch, artifact, wait_stable

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]

#: The tab YASGUI shows (each tab has its own editor and results).
ACTIVE = ".tabPanel.active"
PREFIXES = (
    "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
#: Competency question 2 of the README, counted per status so that it can be charted.
SISTER_CITIES = (
    PREFIXES
    + """SELECT ?status (COUNT(DISTINCT ?agreement) AS ?agreements)
       (SAMPLE(?party) AS ?oneParty) WHERE {
  ?agreement a bkg:SisterCityAgreement ; bkg:status ?status ; bkg:party ?party .
} GROUP BY ?status ORDER BY DESC(?agreements)"""
)
ZHANG_MIN = PREFIXES + "SELECT DISTINCT ?person WHERE { ?person rdfs:label 'Zhang Min' }"


@pytest.fixture
def page(page: Any, watch: Watch) -> Iterator[Any]:
    """The browser page, with DOMPurify's reports told from real breaches (web_support)."""
    parses = InertParses(page)
    page.inert_parses = parses  # for the test that checks the check
    yield page
    parses.settle(watch)


def open_sparql(page: Any, base: str, path: str = "/sparql") -> None:
    page.goto(f"{base}{path}")  # a browser's Accept: text/html gets the page, not the endpoint
    page.wait_for_function("() => window.__bikg && window.__bikg.ready")


def wait_rows(page: Any) -> int:
    page.wait_for_function("() => window.__bikg.rows !== null")
    return int(page.evaluate("window.__bikg.rows"))


def type_query(page: Any, query: str) -> None:
    """Replace the active tab's query by typing it into YASGUI's editor."""
    page.click(f"{ACTIVE} .CodeMirror-code")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(query)


def run_typed(page: Any, query: str) -> int:
    type_query(page, query)
    page.evaluate("window.__bikg.rows = null")
    page.click(f"{ACTIVE} .yasqe_queryButton")
    return wait_rows(page)


def run_example(page: Any, key: str) -> int:
    page.evaluate("window.__bikg.rows = null")
    page.click(f'[data-example="{key}"]')
    return wait_rows(page)


def test_competency_query_table_chart_and_explorer(
    page: Any, web_server: str, watch: Watch
) -> None:
    open_sparql(page, web_server)
    rows = run_typed(page, SISTER_CITIES)
    assert rows >= 2, "signed and proposed agreements at least"
    # The table: one row per status, counts as numbers, our IRIs shortened by our prefixes.
    table = page.locator(f"{ACTIVE} .yasr table.dataTable tbody tr")
    assert table.count() == rows
    text = page.inner_text(f"{ACTIVE} .yasr table.dataTable")
    assert "bkg:Signed" in text
    page.screenshot(path=str(artifact("sparql-yasgui-table.png")))

    # The chart: a bar per status, sized by the count column.
    page.click(f"{ACTIVE} .yasr .select_chart")
    bars = page.locator(f"{ACTIVE} svg.bikg-chart-svg rect")
    bars.first.wait_for()
    assert bars.count() == rows
    assert page.input_value(f"{ACTIVE} select.bikg-chart-value") == "agreements"
    labels = page.locator(f"{ACTIVE} svg.bikg-chart-svg text").all_text_contents()
    assert "bkg:Signed" in labels
    widths = [float(bars.nth(i).get_attribute("width")) for i in range(rows)]
    assert widths == sorted(widths, reverse=True), "largest first"
    page.screenshot(path=str(artifact("sparql-yasgui-chart.png")))

    # Back to the table, and from a result IRI into the explorer.
    page.click(f"{ACTIVE} .yasr .select_table")
    link = page.locator(f"{ACTIVE} .yasr a.node-link").first
    link.wait_for()
    href = link.get_attribute("href")
    assert href.startswith("/network#node=")
    link.click()
    page.wait_for_url("**/network#node=*")
    wait_stable(page)
    entity = href.removeprefix("/network#node=").replace("%2F", "/")
    page.wait_for_selector(f'#details[data-entity="{entity}"][data-state="ready"]')
    assert watch.external == []


@pytest.mark.parametrize(
    "key",
    [
        "holders",
        "sisterCities",
        "meetings",
        "evidence",
        "mostCited",
        "agreementsByStatus",
        "busiest",
    ],
)
def test_every_example_opens_a_tab_and_runs(page: Any, web_server: str, key: str) -> None:
    open_sparql(page, web_server)
    tabs = page.locator(".tabsList .tab").count()
    assert run_example(page, key) > 0
    assert page.locator(".tabsList .tab").count() == tabs + 1
    assert page.locator(f"{ACTIVE} .yasr .errorResult").count() == 0
    # A second click reuses the example's tab.
    run_example(page, key)
    assert page.locator(".tabsList .tab").count() == tabs + 1


def test_the_editor_points_at_this_server(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    endpoint = page.input_value(f"{ACTIVE} .autocomplete")
    assert endpoint == f"{web_server}/sparql"


def _hints(page: Any) -> list[str]:
    page.wait_for_selector(".CodeMirror-hints li")
    hints: list[str] = page.locator(".CodeMirror-hints li").all_inner_texts()
    return hints


def test_completion_of_our_prefixes_classes_and_properties(
    page: Any, web_server: str, watch: Watch
) -> None:
    open_sparql(page, web_server)
    vocabulary = page.evaluate("window.__bikg.vocabulary")
    assert "https://w3id.org/bilateral-kg/ontology#SisterCityAgreement" in vocabulary["classes"]
    assert "https://w3id.org/bilateral-kg/ontology#twinnedWith" in vocabulary["properties"]

    type_query(page, "PREFIX bk")
    page.keyboard.press("Control+Space")
    assert "bkg: <https://w3id.org/bilateral-kg/ontology#>" in _hints(page)

    type_query(page, PREFIXES + "SELECT * WHERE { ?agreement a bkg:Sister")
    page.keyboard.press("Control+Space")
    assert "bkg:SisterCityAgreement" in _hints(page)
    page.keyboard.press("Enter")
    assert "a bkg:SisterCityAgreement" in page.evaluate(
        "window.__bikg.yasgui.getTab().getYasqe().getValue()"
    )

    type_query(page, PREFIXES + "SELECT * WHERE { ?city bkg:twin")
    page.keyboard.press("Control+Space")
    assert "bkg:twinnedWith" in _hints(page)
    assert watch.external == [], "completion asked a remote service"


def test_bad_query_shows_the_error(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    assert run_typed(page, "SELECT nonsense WHERE {") == -1
    assert page.locator(f"{ACTIVE} .yasr .errorResult").count() == 1


def test_downloads(page: Any, web_server: str) -> None:
    open_sparql(page, web_server)
    rows = run_example(page, "holders")
    with page.expect_download() as info:
        page.click(f"{ACTIVE} .yasr_downloadIcon")
    table = list(csv.reader(io.StringIO(info.value.path().read_text(encoding="utf-8"))))
    assert table[0] == ["person", "name", "post", "postLabel", "role"]
    assert len(table) == rows + 1
    page.click(f"{ACTIVE} .yasr .select_chart")
    page.locator(f"{ACTIVE} svg.bikg-chart-svg rect").first.wait_for()
    with page.expect_download() as info:
        page.click(f"{ACTIVE} .yasr_downloadIcon")
    svg = info.value.path().read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert svg.count("<rect") > 0


def test_a_query_link_opens_the_page_and_runs(page: Any, web_server: str) -> None:
    open_sparql(page, web_server, f"/sparql?query={quote(ZHANG_MIN)}")
    assert wait_rows(page) == 1
    assert page.evaluate("window.__bikg.yasgui.getTab().getYasqe().getValue()") == ZHANG_MIN
    assert page.locator(f"{ACTIVE} .yasr a.node-link").inner_text() == "bkgid:person/zhang-min"


def test_the_page_loads_only_vendored_assets(page: Any, web_server: str) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    open_sparql(page, web_server)
    scripts = [u for u in loaded if u.endswith(".js")]
    assert f"{web_server}/static/vendor/yasgui/yasgui.min.js" in scripts
    assert all(u.startswith(web_server) for u in loaded)


def test_a_real_breach_is_not_taken_for_an_inert_parse(
    page: Any, web_server: str, watch: Watch
) -> None:
    open_sparql(page, web_server)
    own: InertParses = page.inert_parses
    # Markup with a handler in the live page: CSP blocks it, and the check must fail.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')")
    page.wait_for_function("() => document.querySelector('img').complete")
    page.wait_for_timeout(300)
    with pytest.raises(AssertionError, match="breach in the page"):
        own.settle(watch)
    own.reports.clear()  # the breach was made on purpose
    watch.errors.clear()
