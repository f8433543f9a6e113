"""Helpers of the browser tests: Chromium, the request guard and the explorer's test hook."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"

from chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402,F401  (re-exported)


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[int]:
    """Hold an exclusive ``flock`` on ``path`` for the block, waiting for any holder.

    Every process that builds or serves the 10k store takes it first (tests/web/conftest.py,
    benchmarks/web_view.py): two xdist workers, two sessions in one checkout, or the
    benchmark beside the tests then take turns instead of one deleting or opening the
    store while another's ingest is writing it (the "in use by ... bikg ingest" and
    "Corruption: Mismatch in unique ID" of issue 14).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # releases the lock unless a child still holds the descriptor


@dataclass
class Watch:
    """What a page tried that it should not have: external requests, dialogs, errors."""

    external: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.external == [], f"requests left 127.0.0.1: {self.external}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"page errors: {self.errors}"


def _local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


def guard(target: Any, watch: Watch) -> None:
    """Abort and record every request of ``target`` (a context) not for 127.0.0.1."""

    def route(route: Any) -> None:
        url = route.request.url
        if _local(url):
            route.continue_()
        else:
            watch.external.append(url)
            route.abort()

    target.route("**/*", route)
    # Requests the router never sees (WebSockets, prefetches) still show up here.
    target.on("request", lambda r: None if _local(r.url) else watch.external.append(r.url))


def watch_page(page: Any, watch: Watch) -> None:
    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message: Any) -> None:
        # A blocked load or script shows up only as a console message.
        if message.type == "error" and "Content Security Policy" in message.text:
            watch.errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("console", on_console)


SNAPSHOT_URL = "http://127.0.0.1:9/snapshot.html"


def open_offline(context: Any, html: str, watch: Watch, init_script: str | None = None) -> Any:
    """Open a standalone page as if from disk with no network at all: the page itself is
    answered by the router, and every other request it makes is recorded and refused."""

    def route(route: Any) -> None:
        if route.request.url == SNAPSHOT_URL:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            watch.external.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watch_page(page, watch)
    if init_script:
        page.add_init_script(init_script)
    page.goto(SNAPSHOT_URL)
    page.wait_for_function("() => window.__snapshot && window.__snapshot.ready")
    return page


def open_explorer(page: Any, base: str, fragment: str = "") -> None:
    """Load the explorer and wait until its first view is laid out."""
    page.goto(f"{base}/network{fragment}")
    wait_stable(page)


def wait_stable(page: Any) -> None:
    page.wait_for_function("() => window.__bikg && window.__bikg.ready && window.__bikg.stable")


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


class InertParses:
    """Tell Chrome's reports of DOMPurify's work from real Content-Security-Policy breaches.

    YASGUI cleans result values with DOMPurify, which parses them in an inert document
    (``DOMParser``): nothing there loads or runs, but Chrome still reports an inline event
    handler it meets (``<img onerror=...>`` in article text) as a CSP violation. Each report
    names the offending node; a node of the page's own document is a real breach, one of an
    inert document is not. :meth:`settle` fails on a real one and drops the console errors
    of the inert ones from ``watch``, which keeps failing the test on anything else.
    """

    def __init__(self, page: Any) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.reports: list[dict[str, Any]] = []
        self.cdp.on("Audits.issueAdded", self._issue)
        self.cdp.send("DOM.enable")
        self.cdp.send("Audits.enable")

    def _issue(self, event: dict[str, Any]) -> None:
        details = event["issue"]["details"].get("contentSecurityPolicyIssueDetails")
        if details:
            self.reports.append(details)

    def _in_page(self, node: int) -> bool:
        from playwright.sync_api import Error

        try:
            self.cdp.send("DOM.resolveNode", {"backendNodeId": node})
        except Error as error:
            if "does not belong to the document" in str(error):
                return False
            raise
        return True

    def settle(self, watch: Watch) -> int:
        """Check every report; return how many were inert parses (and forget their errors)."""
        inert = 0
        for report in self.reports:
            node = report.get("violatingNodeId")
            real = node is None or self._in_page(node)
            assert not real, f"a Content-Security-Policy breach in the page: {report}"
            inert += 1
        for _ in range(inert):
            found = next((e for e in watch.errors if "Content Security Policy" in e), None)
            if found is not None:
                watch.errors.remove(found)
        return inert


def open_view(page: Any, base: str, path: str, hook: str) -> None:
    """Load one of the views (``/``, ``/map``, ``/timeline``, ``/network``) and wait until
    its data is drawn (``window.<hook>.ready``)."""
    page.goto(f"{base}{path}")
    page.wait_for_function(f"() => window.{hook} && window.{hook}.ready", timeout=180_000)
    assert page.evaluate(f"window.{hook}.errors") == []


AXE = ROOT / "web" / "vendor" / "axe-core" / "axe.min.js"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2 A/AA and best practice)."""
    # Evaluated through the DevTools protocol: the pages' CSP rightly refuses inline scripts.
    page.evaluate(AXE.read_text("utf-8") + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        """async () => await window.axe.run(document, {
            runOnly: {type: "tag",
                      values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]
