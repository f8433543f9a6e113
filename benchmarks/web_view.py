"""Time until a 2,000-node view in headless Chromium is interactive.

The real app (over an empty in-memory store) serves the page and its assets; the
browser's request for the start view (``/api/overview``) is answered with a synthetic
graph of ``--nodes`` nodes shaped like the real one (hubs of countries and cities,
people holding posts, events with participants). Measured:

* ``load``: navigation start until the view is laid out (stabilised, physics off);
* ``click``: a click on a node at its real screen coordinates until the app has
  selected it;
* ``interactive``: the two together, the number the issue asks to keep to a few seconds.

Run: ``.venv/bin/python benchmarks/web_view.py [--nodes 2000] [--runs 3] [--json]``.
Needs Debian's Chromium (``/usr/bin/chromium`` or ``BIKG_CHROMIUM``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


def synthetic_view(count: int, seed: int = 7) -> dict[str, Any]:
    """A graph in the /api/neighbors shape: ``count`` nodes, about 2.5 edges per node."""
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
    return {"center": None, "nodes": nodes, "edges": edges, "truncated": False}


def _chromium() -> str:
    for candidate in (
        os.environ.get("BIKG_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")


def _serve() -> tuple[str, Any]:
    """The real app over an empty in-memory store, on a free port, in a thread."""
    import uvicorn

    from kg.api.app import create_app
    from kg.config import Settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(Settings(store="memory:"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            sys.exit("the app did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def measure(
    browser: Any, base: str, view: dict[str, Any], screenshot: Path | None = None
) -> dict[str, float]:
    body = json.dumps(view)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        context.route(
            "**/api/overview*",
            lambda route: route.fulfill(body=body, content_type="application/json"),
        )
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{base}/")
        page.wait_for_function(
            "() => window.__bikg && window.__bikg.ready && window.__bikg.stable",
            timeout=120_000,
            polling=20,
        )
        loaded = time.perf_counter() - started
        stabilization = page.evaluate("window.__bikg.lastStabilization")
        shown = page.evaluate("window.__bikg.visibleNodeIds().length")
        positions = page.evaluate("window.__bikg.positions()")
        box = page.locator("#network").bounding_box()
        # A node well inside the canvas, so the click lands on the canvas, not a panel.
        target = next(
            node
            for node, p in sorted(positions.items())
            if box["x"] + 40 < p["x"] < box["x"] + box["width"] - 440
            and box["y"] + 40 < p["y"] < box["y"] + box["height"] - 40
            and not node.startswith("more:")
        )
        point = positions[target]
        clicked = time.perf_counter()
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function(
            "(id) => window.__bikg.selected === id", arg=target, timeout=60_000, polling=10
        )
        click = time.perf_counter() - clicked
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot))
        return {
            "nodes": shown,
            "edges": len(view["edges"]),
            "load_s": round(loaded, 3),
            "stabilization_ms": stabilization["ms"],
            "click_s": round(click, 3),
            "interactive_s": round(loaded + click, 3),
        }
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--screenshot", type=Path, help="save the last run's view as a PNG")
    parser.add_argument(
        "--max-seconds", type=float, default=None, help="exit 1 if the median is slower"
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    base, server = _serve()
    view = synthetic_view(args.nodes)
    runs = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
            try:
                for run in range(args.runs):
                    last = run == args.runs - 1
                    runs.append(measure(browser, base, view, args.screenshot if last else None))
            finally:
                browser.close()
    finally:
        server.should_exit = True
    median = statistics.median(r["interactive_s"] for r in runs)
    result = {"runs": runs, "median_interactive_s": median, "cpus": os.cpu_count()}
    if args.json:
        print(json.dumps(result))
    else:
        for r in runs:
            print(
                f"{r['nodes']} nodes, {r['edges']} edges: laid out in {r['load_s']:.2f} s "
                f"(stabilisation {r['stabilization_ms']} ms), click answered in "
                f"{r['click_s'] * 1000:.0f} ms -> interactive in {r['interactive_s']:.2f} s"
            )
        print(f"median time to interactive: {median:.2f} s ({os.cpu_count()} CPUs)")
    if args.max_seconds is not None and median > args.max_seconds:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
