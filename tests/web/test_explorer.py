"""The explorer in a real browser: loading offline, search, the details panel with its
evidence, filters, expansion, hide/pin/undo, layouts, the path finder, the bilateral
view and the language toggle. Clicks land on real canvas coordinates from the test hook.
"""

from __future__ import annotations

from typing import Any

import pytest
from web_support import Watch, artifact, open_explorer, wait_stable

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]

ZHANG = "person/zhang-min"
CHINA = "country/cn"


def show_only_neighbourhood(page: Any, node: str, limit: int = 25) -> None:
    """Replace the view with one node's neighbourhood, so it is easy to click."""
    page.evaluate(
        """async ([id, limit]) => {
            const r = await fetch(`/api/neighbors/${id}?limit=${limit}`);
            await window.__bikg.loadView(await r.json());
        }""",
        [node, limit],
    )
    wait_stable(page)


def click_node(page: Any, node: str, *, double: bool = False) -> None:
    position = page.evaluate("(id) => window.__bikg.positions()[id]", node)
    assert position is not None, f"{node} is not drawn"
    on_canvas = "([x, y]) => document.elementFromPoint(x, y)?.tagName === 'CANVAS'"
    if not page.evaluate(on_canvas, [position["x"], position["y"]]):
        page.keyboard.press("Escape")  # the details panel floats over that part of the canvas
    assert page.evaluate(on_canvas, [position["x"], position["y"]]), f"{node} is covered"
    if double:
        page.mouse.dblclick(position["x"], position["y"])
    else:
        page.mouse.click(position["x"], position["y"])


def pick_suggestion(page: Any, selector: str, text: str, node: str) -> None:
    page.fill(selector, text)
    page.click(f'.ac-item[data-id="{node}"]')


def test_loads_with_nothing_leaving_localhost(page: Any, web_server: str, watch: Watch) -> None:
    open_explorer(page, web_server)
    count = page.evaluate("window.__bikg.visibleNodeIds().length")
    assert count >= 50
    assert page.evaluate("window.__bikg.errors") == []
    # Every asset came from the app itself.
    assert page.evaluate("typeof window.vis.Network") == "function"
    page.screenshot(path=str(artifact("main-view.png")))
    assert watch.external == []


def test_search_focuses_the_node(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    # The Indonesian alias finds China.
    page.fill("#search", "Tiongkok")
    item = page.locator(f'.ac-item[data-id="{CHINA}"]')
    item.wait_for()
    assert "Tiongkok" in item.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_function("(id) => window.__bikg.selected === id", arg=CHINA)
    assert page.evaluate("window.__bikg.selectedNodes()") == [CHINA]
    page.wait_for_selector(f'#details[data-entity="{CHINA}"][data-state="ready"]')
    assert page.inner_text("#details .entity-label") == "China"
    # The focused node is centred in the part of the canvas the panel leaves free.
    canvas = page.locator("#network").bounding_box()
    panel = page.locator("#details").bounding_box()
    position = page.evaluate("(id) => window.__bikg.positions()[id]", CHINA)
    assert abs(position["x"] - (canvas["x"] + panel["x"]) / 2) < 5
    assert abs(position["y"] - (canvas["y"] + canvas["height"] / 2)) < 5


def test_clicking_a_node_opens_its_evidence(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    show_only_neighbourhood(page, ZHANG)
    click_node(page, ZHANG)
    page.wait_for_selector(f'#details[data-entity="{ZHANG}"][data-state="ready"]')
    panel = page.locator("#details")
    assert panel.locator(".entity-label").inner_text() == "Zhang Min"
    holds = panel.locator('.relation-group[data-predicate="org:holds"]')
    assert "Consul General of China in Medan" in holds.inner_text()
    sentences = holds.locator(".evidence-sentence").all_inner_texts()
    assert any("Zhang Min" in s and "Medan" in s for s in sentences), sentences
    # Each sentence names its article, date and link.
    meta = holds.locator(".evidence-meta").first
    assert meta.locator("a.article-link").get_attribute("href").startswith("https://")
    assert meta.locator("time").count() == 1


def test_place_panel_links_to_geonames(page: Any, web_server: str) -> None:
    open_explorer(page, web_server, "#node=city%2Fbatam-6295587")
    page.wait_for_selector('#details[data-entity="city/batam-6295587"][data-state="ready"]')
    link = page.locator("#details a.geonames")
    assert link.get_attribute("href") == "https://sws.geonames.org/6295587/"


def test_type_filter_hides_those_nodes(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    cities = "window.__bikg.visibleNodeIds().filter((id) => id.startsWith('city/')).length"
    assert page.evaluate(cities) > 0
    total = page.evaluate("window.__bikg.visibleNodeIds().length")
    page.uncheck('#type-filters input[value="city"]')
    assert page.evaluate(cities) == 0
    drawn = page.evaluate("Object.keys(window.__bikg.positions())")
    assert not [node for node in drawn if node.startswith("city/")]
    page.check('#type-filters input[value="city"]')
    assert page.evaluate("window.__bikg.visibleNodeIds().length") == total


def test_relation_and_date_filters(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    hidden = "(rel) => window.__bikg.view.edges.get().filter((e) => e.hidden).length"
    page.uncheck('#relation-filters input[value="bkg:locatedIn"]')
    located = page.evaluate(
        "[...window.__bikg.view.edgeData.values()]"
        ".filter((e) => e.relation === 'bkg:locatedIn').length"
    )
    assert located > 0
    assert page.evaluate(hidden) == located
    # Dated events (the extractor leaves an event undated when the text gives no day).
    events = (
        "window.__bikg.visibleNodeIds().filter((id) => id.startsWith('event/'))"
        ".map((id) => window.__bikg.view.data.get(id).date).filter((d) => d)"
    )
    before = sorted(page.evaluate(events))
    assert len(set(before)) >= 2
    distinct = sorted(set(before))
    since = distinct[len(distinct) // 2]  # drops the earlier half of the dates
    page.fill("#date-since", since)
    page.dispatch_event("#date-since", "change")
    dates = page.evaluate(events)
    assert dates
    assert len(dates) < len(before)
    assert all(date >= since for date in dates)
    # Undated things (people, places) are not touched by the date range.
    assert "country/cn" in page.evaluate("window.__bikg.visibleNodeIds()")


def test_double_click_expands_with_more(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    show_only_neighbourhood(page, "city/medan-1214520", limit=4)
    before = page.evaluate("window.__bikg.nodeIds().length")
    click_node(page, "city/medan-1214520", double=True)
    page.wait_for_function("() => window.__bikg.lastExpanded")
    wait_stable(page)
    expanded = page.evaluate("window.__bikg.lastExpanded")
    assert expanded["id"] == "city/medan-1214520"
    after = page.evaluate("window.__bikg.nodeIds().length")
    assert after > before
    # Medan has more neighbours than one expansion shows: a "more…" node offers the rest.
    assert expanded["truncated"]
    more = "more:city/medan-1214520"
    assert more in page.evaluate("window.__bikg.nodeIds()")
    click_node(page, more)
    page.wait_for_function("(n) => window.__bikg.nodeIds().length > n", arg=after)


def test_hide_pin_and_undo(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    show_only_neighbourhood(page, ZHANG)
    click_node(page, ZHANG)
    page.click("#hide-selected")
    assert ZHANG not in page.evaluate("window.__bikg.visibleNodeIds()")
    page.click("#undo")
    assert ZHANG in page.evaluate("window.__bikg.visibleNodeIds()")
    click_node(page, ZHANG)
    page.click("#pin-selected")
    assert page.evaluate("(id) => window.__bikg.view.pinned.has(id)", ZHANG)
    page.click("#undo")
    assert not page.evaluate("(id) => window.__bikg.view.pinned.has(id)", ZHANG)


def test_hierarchical_layout(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    show_only_neighbourhood(page, ZHANG)
    page.select_option("#layout", "hierarchical")
    wait_stable(page)
    levels = page.evaluate(
        "Object.values(window.__bikg.view.network.getPositions()).map((p) => Math.round(p.y))"
    )
    assert len(set(levels)) < len(levels)  # nodes share levels
    page.select_option("#layout", "force")
    wait_stable(page)


def test_path_finder_highlights_a_path(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    page.click('[role=tab][data-tab="path"]')
    pick_suggestion(page, "[name=path-from]", "Zhang Min", ZHANG)
    pick_suggestion(page, "[name=path-to]", "Xiangyang", "city/xiangyang-1790587")
    page.click("#tab-path button[type=submit]")
    page.wait_for_selector("#tab-path .path-item")
    lit = page.evaluate("window.__bikg.highlighted")
    assert ZHANG in lit["nodes"]
    assert "city/xiangyang-1790587" in lit["nodes"]
    assert len(lit["edges"]) >= 1
    # Lit edges are drawn wide and in the highlight colour; others are dimmed.
    edge = page.evaluate("(id) => window.__bikg.view.edges.get(id)", lit["edges"][0])
    assert edge["width"] == 4
    listed = page.locator("#tab-path .path-item").first.inner_text()
    assert "Zhang Min" in listed
    assert "Xiangyang" in listed


def test_bilateral_view_lists_the_sister_city_proposal(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    page.click('[role=tab][data-tab="bilateral"]')
    pick_suggestion(page, "[name=country-a]", "Indonesia", "country/id")
    pick_suggestion(page, "[name=country-b]", "Tiongkok", CHINA)
    page.click("#tab-bilateral button[type=submit]")
    proposed = page.locator('#tab-bilateral .status-column[data-status="Proposed"]')
    proposed.locator("li.agreement").first.wait_for()
    items = proposed.locator("li.agreement").all_inner_texts()
    assert any("Batam" in text and "Xiangyang" in text for text in items), items
    assert page.locator("#tab-bilateral .timeline-item").count() >= 1
    page.click("#tab-bilateral .small-button")  # show in network
    wait_stable(page)
    assert "country/id" in page.evaluate("window.__bikg.visibleNodeIds()")


def test_language_toggle(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    page.click('.lang-toggle button[data-lang="id"]')
    page.wait_for_function("() => document.documentElement.lang === 'id'")
    assert page.get_attribute("#search", "placeholder").startswith("Cari")
    assert page.inner_text('[role=tab][data-tab="path"]') == "Pencari jalur"
    label = page.evaluate("(id) => window.__bikg.view.nodes.get(id)?.label", CHINA)
    assert label == "Tiongkok"
    page.click('.lang-toggle button[data-lang="en"]')
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.evaluate("(id) => window.__bikg.view.nodes.get(id)?.label", CHINA) == "China"


def test_clicking_an_edge_shows_its_evidence(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    show_only_neighbourhood(page, ZHANG)
    post = "post/consul-general/cn/medan-1214520"
    edge = f"{ZHANG}|org:holds|{post}"
    # A point on the edge where nothing else is drawn.
    point = page.evaluate(
        """([a, b, edge]) => {
            const view = window.__bikg.view;
            const rect = view.container.getBoundingClientRect();
            const p = window.__bikg.positions();
            for (let f = 0.5; f > 0.15; f -= 0.05) for (const g of [f, 1 - f]) {
                const x = p[a].x + (p[b].x - p[a].x) * g;
                const y = p[a].y + (p[b].y - p[a].y) * g;
                const dom = {x: x - rect.left, y: y - rect.top};
                const net = view.network;
                if (net.getEdgeAt(dom) === edge && net.getNodeAt(dom) === undefined) return {x, y};
            }
            return null;
        }""",
        [ZHANG, post, edge],
    )
    assert point is not None
    x, y = point["x"], point["y"]
    page.mouse.click(x, y)
    page.wait_for_selector(f'#details[data-entity="{ZHANG}"][data-state="ready"]')
    focused = page.locator("#details .relation-item.focused")
    assert focused.get_attribute("data-target") == post
    assert "Zhang Min" in focused.locator(".evidence-sentence").first.inner_text()
