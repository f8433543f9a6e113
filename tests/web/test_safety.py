"""Text from articles is text: the injection article's <script>, <img onerror> and
javascript: payloads show as plain text in the view, the panel, the search list, the
SPARQL results and the pyvis snapshot, and nothing runs (no dialog, no new element)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from web_support import InertParses, Watch, open_explorer, open_offline, wait_stable

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]

TITLE_SCRIPT = "<script>alert('title')</script>"
QUOTE_IMG = "<img src=x onerror=alert('quote')>"

# Records every element a payload could create once the page's own markup is parsed.
TRAP = """
window.__created = [];
let armed = false;
document.addEventListener("DOMContentLoaded", () => { armed = true; });
new MutationObserver((records) => {
  if (!armed) return;
  for (const record of records) for (const node of record.addedNodes) {
    if (node.nodeType === 1 && /^(SCRIPT|IMG|MARQUEE|IFRAME|OBJECT|EMBED)$/.test(node.tagName)) {
      window.__created.push(node.outerHTML.slice(0, 120));
    }
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture(scope="module")
def hostile(web_server: str) -> dict[str, Any]:
    """The injection article and the nodes it produced."""
    articles = httpx.get(f"{web_server}/api/articles", params={"limit": 200}).json()["articles"]
    [article] = [a for a in articles if "<script>" in (a["title"] or "")]
    detail = httpx.get(f"{web_server}/api/articles/{article['id']}").json()
    statements = [e["id"] for e in detail["entities"] if e["type"] == "Statement"]
    return {"article": article, "statements": statements, "entities": detail["entities"]}


def trap(page: Any) -> None:
    page.add_init_script(TRAP)


def assert_nothing_ran(page: Any, watch: Watch) -> None:
    # Wait a moment: an onerror handler fires after the image fails to load.
    page.wait_for_timeout(300)
    assert page.evaluate("window.__created") == []
    assert page.evaluate("document.querySelectorAll('marquee, img').length") == 0
    assert watch.dialogs == []


def test_panel_shows_payloads_as_text(
    page: Any, web_server: str, watch: Watch, hostile: dict[str, Any]
) -> None:
    trap(page)
    open_explorer(page, web_server)
    article = hostile["article"]["id"]
    page.evaluate("(id) => window.__bikg.app.focusEntity(id)", article)
    page.wait_for_selector(f'#details[data-entity="{article}"][data-state="ready"]')
    wait_stable(page)
    assert TITLE_SCRIPT in page.inner_text("#details .entity-label")
    # Canvas labels and tooltips are the same plain strings; the tooltip shows it as text.
    label = page.evaluate("(id) => window.__bikg.view.nodes.get(id).title", article)
    assert TITLE_SCRIPT in label
    point = page.evaluate("(id) => window.__bikg.positions()[id]", article)
    page.mouse.move(point["x"] + 1, point["y"] + 1)
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert TITLE_SCRIPT in tooltip.inner_text()
    # innerText turns the line breaks into <br>; nothing else may appear.
    tags = tooltip.evaluate("(el) => [...el.querySelectorAll('*')].map((c) => c.tagName)")
    assert set(tags) <= {"BR"}
    for statement in hostile["statements"]:
        page.evaluate("(id) => window.__bikg.app.focusEntity(id)", statement)
        page.wait_for_selector(f'#details[data-entity="{statement}"][data-state="ready"]')
    texts = [
        page.evaluate("(id) => window.__bikg.view.data.get(id).label", s)
        for s in hostile["statements"]
    ]
    assert any(QUOTE_IMG in text for text in texts), texts
    # Evidence sentences with markup stay text as well.
    panel = page.inner_text("#details")
    assert "<" in panel
    assert_nothing_ran(page, watch)


def test_search_list_shows_payloads_as_text(page: Any, web_server: str, watch: Watch) -> None:
    trap(page)
    open_explorer(page, web_server)
    page.fill("#search", "alert")
    page.locator(".ac-item").first.wait_for()
    assert "<" in page.inner_text(".ac-list")
    assert_nothing_ran(page, watch)


def test_article_link_is_never_javascript(
    page: Any, web_server: str, watch: Watch, hostile: dict[str, Any]
) -> None:
    trap(page)
    open_explorer(page, web_server, "#node=person%2Famsakar-achmad")
    page.wait_for_selector('#details[data-entity="person/amsakar-achmad"][data-state="ready"]')
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map((a) => a.href)")
    assert hrefs
    assert not [h for h in hrefs if not h.startswith(("http://", "https://"))]
    assert_nothing_ran(page, watch)


def test_sparql_results_show_payloads_as_text(page: Any, web_server: str, watch: Watch) -> None:
    trap(page)
    parses = InertParses(page)
    page.goto(f"{web_server}/sparql")
    page.wait_for_function("() => window.__bikg && window.__bikg.ready")
    page.evaluate(
        "q => window.__bikg.yasgui.getTab().getYasqe().setValue(q)",
        "PREFIX schema: <https://schema.org/>\n"
        'SELECT ?text WHERE { ?s schema:headline|schema:text ?text FILTER(CONTAINS(?text, "<")) }',
    )
    page.evaluate("window.__bikg.rows = null")
    page.click(".tabPanel.active .yasqe_queryButton")
    page.wait_for_function("() => window.__bikg.rows !== null")
    assert page.evaluate("window.__bikg.rows") >= 2
    cells = page.locator(".tabPanel.active .yasr table.dataTable tbody").inner_text()
    assert TITLE_SCRIPT in cells
    assert QUOTE_IMG in cells
    assert_nothing_ran(page, watch)
    # YASGUI's DOMPurify parses the values in an inert document; nothing reached the page.
    parses.settle(watch)


def test_snapshot_shows_payloads_as_text(
    browser: Any, web_server: str, watch: Watch, hostile: dict[str, Any]
) -> None:
    ids = [hostile["article"]["id"], *[e["id"] for e in hostile["entities"]]]
    response = httpx.post(
        f"{web_server}/api/snapshot", json={"nodes": ids, "title": "<script>alert('t')</script>"}
    )
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    context = browser.new_context()
    try:
        page = open_offline(context, html, watch, TRAP)
        assert page.title() == "<script>alert('t')</script>"
        labels = page.evaluate(
            "window.__snapshot.network.body.data.nodes.get().map((n) => n.label)"
        )
        assert any(TITLE_SCRIPT[:20] in label for label in labels)
        assert_nothing_ran(page, watch)
    finally:
        context.close()
    watch.assert_clean()
