"""Time until network views of 500, 2,000 and 5,000 nodes are interactive in headless
Chromium (vis-network up to 1,000 nodes, sigma.js + graphology WebGL above).

The real app (over an empty in-memory store) serves the network page and its assets;
the browser's request for the start view (``/api/overview``, ``/api/overview/network``)
is answered with a synthetic graph of ``--nodes`` nodes and about ``--edges-per-node``
edges per node, shaped like the real one (hubs of countries and cities, people holding
posts, events with participants). Measured:

* ``load``: navigation start until the view is drawn and answers clicks (vis-network:
  stabilised, physics off; sigma.js: first frame of the one-pass placement);
* ``click``: a click on a node at its real screen coordinates until the app has
  selected it;
* ``interactive``: the two together, the number the issue asks to keep under 2 s at
  5,000 nodes and 20,000 edges;
* ``settled`` (sigma.js only): until ForceAtlas2 has finished refining the layout, which
  it does a few iterations per frame while the view stays interactive.

Run: ``.venv/bin/python benchmarks/web_view.py [--nodes 500 --nodes 2000 --nodes 5000]
[--runs 3] [--json]``; ``--store`` also times the overview and the map over a real store
(e.g. the generated 10,000-article store of the browser tests). Chromium's flags are the
browser tests' (``tests/chromium.py``). Needs Debian's Chromium
(``/usr/bin/chromium`` or ``BIKG_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# One Chromium and one set of flags for the tests and this benchmark (WebGL via SwiftShader).
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web")]
from chromium import CHROMIUM_ARGS, chromium_path, launch  # noqa: E402
from web_support import exclusive  # noqa: E402

from kg.api.process import served  # noqa: E402

_KINDS = [  # (type, id prefix, share of the nodes)
    ("Country", "country", 0.01),
    ("Province", "province", 0.04),
    ("City", "city", 0.12),
    ("Person", "person", 0.2),
    ("Post", "post", 0.15),
    ("Company", "company", 0.06),
    ("GovernmentBody", "org", 0.04),
    ("SisterCityAgreement", "agreement", 0.06),
    ("Meeting", "event", 0.1),
    ("Statement", "statement", 0.12),
    ("Article", "article", 0.1),
]


def synthetic_view(count: int, seed: int = 7, edges_per_node: float = 4.0) -> dict[str, Any]:
    """A graph in the /api/neighbors shape: ``count`` nodes, about ``edges_per_node``
    edges per node (the structural ones, then mentions of people and places together)."""
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    by_type: dict[str, list[str]] = {}
    for kind, prefix, share in _KINDS:
        for i in range(max(2, round(count * share))):
            if len(nodes) >= count:
                break
            node_id = f"{prefix}/bench-{i}"
            node: dict[str, Any] = {
                "id": node_id,
                "label": f"{kind} {i}",
                "labels": {"en": f"{kind} {i}", "id": f"{kind} {i} (id)"},
                "type": kind,
            }
            if kind in ("Meeting", "Article"):
                node["date"] = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            nodes.append(node)
            by_type.setdefault(kind, []).append(node_id)
    edges: list[dict[str, Any]] = []
    seen: set[str] = set()

    def link(source: str, relation: str, target: str) -> None:
        key = f"{source}|{relation}|{target}"
        if source != target and key not in seen:
            seen.add(key)
            edges.append(
                {"id": key, "source": source, "target": target, "relation": relation, "weight": 1}
            )

    pick = rng.choice
    for city in by_type["City"]:
        link(city, "bkg:locatedIn", pick(by_type["Province"]))
    for province in by_type["Province"]:
        link(province, "bkg:locatedIn", pick(by_type["Country"]))
    for person, post in zip(by_type["Person"], by_type["Post"], strict=False):
        link(person, "org:holds", post)
    for post in by_type["Post"]:
        link(post, "bkg:jurisdiction", pick(by_type["City"]))
    for company in by_type["Company"] + by_type["GovernmentBody"]:
        link(company, "bkg:locatedIn", pick(by_type["City"]))
    for agreement in by_type["SisterCityAgreement"]:
        link(agreement, "bkg:party", pick(by_type["City"]))
        link(agreement, "bkg:party", pick(by_type["City"]))
    for event in by_type["Meeting"]:
        link(event, "bkg:place", pick(by_type["City"]))
        for _ in range(2):
            link(event, "bkg:participant", pick(by_type["Person"]))
        link(event, "bkg:concerns", pick(by_type["SisterCityAgreement"]))
    for statement in by_type["Statement"]:
        link(statement, "bkg:speaker", pick(by_type["Person"]))
    articles = by_type["Article"]
    for node in nodes:
        if node["type"] != "Article" and rng.random() < 0.3:
            link(node["id"], "prov:wasDerivedFrom", pick(articles))
    # Up to the wanted density: events and statements mention more people and places.
    wanted = round(count * edges_per_node)
    talkers = by_type["Meeting"] + by_type["Statement"] + by_type["SisterCityAgreement"]
    mentioned = by_type["Person"] + by_type["City"] + by_type["Company"]
    while len(edges) < wanted:
        link(pick(talkers), "bkg:concerns", pick(mentioned))
    return {"center": None, "nodes": nodes, "edges": edges, "truncated": False}


def _clickable(positions: dict[str, dict[str, float]], box: dict[str, float]) -> str:
    """A node well inside the canvas (not under the details panel) that stands apart
    from the others (no other node within 14 px, else 10, else 6), so a click on its
    centre can only mean it."""
    for cell in (14.0, 10.0, 6.0):
        grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for p in positions.values():
            grid.setdefault((int(p["x"] // cell), int(p["y"] // cell)), []).append((p["x"], p["y"]))
        for node, p in sorted(positions.items()):
            inside = (
                box["x"] + 40 < p["x"] < box["x"] + box["width"] - 440
                and box["y"] + 40 < p["y"] < box["y"] + box["height"] - 40
            )
            if not inside or node.startswith("more:"):
                continue
            gx, gy = int(p["x"] // cell), int(p["y"] // cell)
            crowded = any(
                0 < (q[0] - p["x"]) ** 2 + (q[1] - p["y"]) ** 2 < cell**2
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for q in grid.get((gx + dx, gy + dy), [])
            )
            if not crowded:
                return node
    # Dense views: any node inside; the click then counts if it selects a node under it.
    return next(
        node
        for node, p in sorted(positions.items())
        if box["x"] + 40 < p["x"] < box["x"] + box["width"] - 440
        and box["y"] + 40 < p["y"] < box["y"] + box["height"] - 40
        and not node.startswith("more:")
    )


_PHASES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const data = resources.filter((e) => e.name.includes("/api/overview"));
  const scripts = resources.filter((e) => e.initiatorType === "script");
  const round = (x) => (x == null ? null : Math.round(x));
  return {
    scripts_loaded: round(Math.max(0, ...scripts.map((e) => e.responseEnd))),
    dom_content_loaded: round(nav.domContentLoadedEventEnd),
    data_requested: round(data.length ? data[data.length - 1].startTime : null),
    data_received: round(data.length ? data[data.length - 1].responseEnd : null),
    data_bytes: data.length ? data[data.length - 1].decodedBodySize : null,
  };
}"""


def measure(
    browser: Any, base: str, view: dict[str, Any], screenshot: Path | None = None
) -> dict[str, float]:
    body = json.dumps(view)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        context.route(
            "**/api/overview**",
            lambda route: route.fulfill(body=body, content_type="application/json"),
        )
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{base}/network?size={len(view['nodes'])}")
        page.wait_for_function(
            "() => window.__bikg && window.__bikg.ready && window.__bikg.stable",
            timeout=120_000,
            polling=20,
        )
        loaded = time.perf_counter() - started
        ready_at = round(page.evaluate("performance.now()"))
        stabilization = page.evaluate("window.__bikg.lastStabilization")
        phases = page.evaluate(_PHASES)
        renderer = page.evaluate("window.__bikg.renderer()")
        shown = page.evaluate("window.__bikg.visibleNodeIds().length")
        positions = page.evaluate("window.__bikg.positions()")
        box = page.locator("#large" if renderer == "sigma" else "#network").bounding_box()
        target = _clickable(positions, box)
        point = positions[target]
        clicked = time.perf_counter()
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function("() => window.__bikg.selected", timeout=60_000, polling=10)
        click = time.perf_counter() - clicked
        chosen = page.evaluate("window.__bikg.selected")
        at = positions.get(chosen)
        # Where nodes overlap the click may pick a neighbour drawn on top: it must be
        # under the pointer all the same.
        if at is None or (at["x"] - point["x"]) ** 2 + (at["y"] - point["y"]) ** 2 > 16**2:
            raise RuntimeError(f"the click at {point} selected {chosen!r} at {at}")
        page.wait_for_function("() => window.__bikg.settled", timeout=300_000, polling=50)
        settled = time.perf_counter() - started
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        return {
            "renderer": renderer,
            "nodes": shown,
            "edges": len(view["edges"]),
            "settled_s": round(settled, 3),
            "load_s": round(loaded, 3),
            "stabilization_ms": stabilization["ms"],
            # Where the load went (ms since navigation start): scripts parsed, the view's
            # data received, then the view's own build, layout and first frame.
            "phases_ms": {
                **phases,
                "ready": page.evaluate("window.__bikg.readyAt"),
                "ready_seen": ready_at,
                **{
                    k: stabilization[k]
                    for k in ("startedAt", "buildMs", "layoutMs", "ms", "drawnAt")
                    if k in stabilization
                },
            },
            "click_s": round(click, 3),
            "interactive_s": round(loaded + click, 3),
        }
    finally:
        context.close()


#: Polling interval of the waits on the map page, in ms. Playwright's default polls on
#: animation frames, so it cannot tell the app's work from a slow frame.
_POLL_MS = 20

#: Records when ``#details`` first names an entity and when the frame after it starts.
_PAINTED_AFTER_FILLED = """() => {
  const details = document.querySelector('#details');
  window.__bikgFilled = window.__bikgPainted = undefined;
  const seen = new MutationObserver(() => {
    if (!details.dataset.entity || window.__bikgFilled) return;
    window.__bikgFilled = performance.now();
    seen.disconnect();
    requestAnimationFrame(() => { window.__bikgPainted = performance.now(); });
  });
  seen.observe(details, { attributes: true, attributeFilter: ['data-entity'] });
}"""


def measure_pages(browser: Any, base: str) -> dict[str, float]:
    """Time to interactive of the overview and the map over a real store: navigation
    start until the page has drawn its data, then (map) a click on a place mark until
    the details panel shows that entity."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{base}/")
        page.wait_for_function(
            "() => window.__bikgOverview && window.__bikgOverview.ready", timeout=600_000
        )
        overview = time.perf_counter() - started
        started = time.perf_counter()
        page.goto(f"{base}/map")
        page.wait_for_function(
            "() => window.__bikgMap && window.__bikgMap.ready", timeout=600_000, polling=_POLL_MS
        )
        drawn = time.perf_counter() - started
        marks = [m for m in page.evaluate("window.__bikgMap.marks()") if m["kind"] == "place"]
        box = page.locator("#map").bounding_box()
        target = next(
            m
            for m in marks
            if box["x"] + 20 < m["x"] < box["x"] + box["width"] - 20
            and box["y"] + 20 < m["y"] < box["y"] + box["height"] - 20
        )
        # Two moments: the panel holds the entity (the app's work: request, answer,
        # DOM), and the next frame shows it (the browser's: style, layout, raster).
        page.evaluate(_PAINTED_AFTER_FILLED)
        clicked = page.evaluate("performance.now()")
        page.locator(f'#map circle.place[data-id="{target["id"]}"]').dispatch_event("click")
        page.wait_for_function("() => window.__bikgPainted", timeout=120_000, polling=_POLL_MS)
        filled, painted = page.evaluate("[window.__bikgFilled, window.__bikgPainted]")
        if page.evaluate("document.querySelector('#details').dataset.entity") != target["id"]:
            raise RuntimeError(f"the panel does not show {target['id']}")
        return {
            "overview_s": round(overview, 3),
            "map_drawn_s": round(drawn, 3),
            "map_click_s": round((filled - clicked) / 1000, 3),
            "map_click_painted_s": round((painted - clicked) / 1000, 3),
            "map_interactive_s": round(drawn + (painted - clicked) / 1000, 3),
            "map_marks": len(page.evaluate("window.__bikgMap.marks()")),
        }
    finally:
        context.close()


@contextlib.contextmanager
def _serve_store(store: str) -> Iterator[tuple[str, float]]:
    """``bikg serve`` over ``store`` (its own process, as users run it); yields its URL
    and how long the first answer that needs the networkx projection took (it is built
    on first use)."""
    import httpx

    # The browser tests' 10k store is built and served under a lock: wait for it.
    lock = Path(store).parent / "lock"
    with (
        exclusive(lock) if lock.exists() else contextlib.nullcontext(),
        served(["--store", store], cwd=ROOT, timeout=1800) as server,
    ):
        started = time.perf_counter()
        httpx.get(f"{server.url}/api/summary", timeout=1800).raise_for_status()
        yield server.url, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--nodes", type=int, action="append", help="view sizes (default 500, 2000, 5000)"
    )
    parser.add_argument("--edges-per-node", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", help="also time the overview and the map over this store")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--screenshot", type=Path, help="save each size's last run as a PNG")
    parser.add_argument(
        "--max-seconds", type=float, default=None, help="exit 1 if a median is slower"
    )
    args = parser.parse_args(argv)
    sizes = args.nodes or [500, 2000, 5000]

    from playwright.sync_api import sync_playwright

    if chromium_path() is None:
        sys.exit("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")
    load_before = [round(x, 2) for x in os.getloadavg()]
    views = []
    pages: dict[str, Any] | None = None
    # The real app over an empty store, its own process as users run it; the benchmark's
    # views are answered by the browser's router, not by the store.
    with served(["--store", "memory:"], cwd=ROOT) as server:
        base = server.url
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                for size in sizes:
                    view = synthetic_view(size, edges_per_node=args.edges_per_node)
                    runs = []
                    for run in range(args.runs):
                        shot = None
                        if args.screenshot and run == args.runs - 1:
                            shot = args.screenshot.with_name(f"{args.screenshot.stem}-{size}.png")
                        runs.append(measure(browser, base, view, shot))
                    views.append(
                        {
                            "nodes": size,
                            "edges": len(view["edges"]),
                            "renderer": runs[-1]["renderer"],
                            "runs": runs,
                            "median_interactive_s": statistics.median(
                                r["interactive_s"] for r in runs
                            ),
                            "median_settled_s": statistics.median(r["settled_s"] for r in runs),
                        }
                    )
                if args.store:
                    with _serve_store(args.store) as (store_base, first):
                        runs = [measure_pages(browser, store_base) for _ in range(args.runs)]
                    pages = {
                        "store": args.store,
                        "first_answer_s": round(first, 3),
                        "runs": runs,
                        "median_overview_s": statistics.median(r["overview_s"] for r in runs),
                        "median_map_interactive_s": statistics.median(
                            r["map_interactive_s"] for r in runs
                        ),
                    }
            finally:
                browser.close()
    result = {
        "views": views,
        "pages": pages,
        "cpus": os.cpu_count(),
        # The machine is shared: the load says how much of it the browser had.
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "chromium_args": CHROMIUM_ARGS,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for v in views:
            for r in v["runs"]:
                print(
                    f"{r['nodes']} nodes, {r['edges']} edges ({r['renderer']}): drawn in "
                    f"{r['load_s']:.2f} s, click answered in {r['click_s'] * 1000:.0f} ms "
                    f"-> interactive in {r['interactive_s']:.2f} s; layout settled at "
                    f"{r['settled_s']:.2f} s"
                )
            print(
                f"  median time to interactive at {v['nodes']} nodes: "
                f"{v['median_interactive_s']:.2f} s ({os.cpu_count()} CPUs)"
            )
        if pages:
            print(
                f"store {pages['store']}: first answer (projection built) "
                f"{pages['first_answer_s']:.1f} s"
            )
            for r in pages["runs"]:
                print(
                    f"  overview {r['overview_s']:.2f} s; map drawn {r['map_drawn_s']:.2f} s "
                    f"({r['map_marks']} marks), click answered {r['map_click_s'] * 1000:.0f} ms, "
                    f"painted {r['map_click_painted_s'] * 1000:.0f} ms"
                )
    slow = [v for v in views if args.max_seconds and v["median_interactive_s"] > args.max_seconds]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
