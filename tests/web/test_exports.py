"""Exports of the current view: PNG, GEXF, GraphML, and the pyvis snapshot, which must
open with the network cable pulled."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from web_support import Watch, open_explorer, open_offline

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.xdist_group("browser")]


def download(page: Any, button: str) -> Path:
    page.click(".menu summary")
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path())


def test_png(page: Any, web_server: str) -> None:
    open_explorer(page, web_server)
    data = download(page, "#export-png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000


@pytest.mark.parametrize(
    ("button", "tag"),
    [("#export-gexf", "{http://gexf.net/1.3}gexf"), ("#export-graphml", "graphml")],
)
def test_network_files(page: Any, web_server: str, button: str, tag: str) -> None:
    open_explorer(page, web_server)
    shown = set(page.evaluate("window.__bikg.visibleNodeIds()"))
    root = ET.parse(download(page, button)).getroot()
    assert root.tag.endswith(tag.rsplit("}", 1)[-1])
    ids = {el.get("id") for el in root.iter() if el.tag.endswith("}node")}
    assert ids == shown
    assert any(el.tag.endswith("}edge") for el in root.iter())


def test_snapshot_opens_offline(page: Any, browser: Any, web_server: str, watch: Watch) -> None:
    open_explorer(page, web_server)
    shown = page.evaluate("window.__bikg.visibleNodeIds().length")
    html = download(page, "#export-snapshot").read_text(encoding="utf-8")
    assert "cdn" not in html.lower().replace("data:", "").split("<style>")[0]
    assert "bootstrap" not in html.lower()
    context = browser.new_context()
    try:
        snapshot = open_offline(context, html, watch)
        assert snapshot.evaluate("window.__snapshot.nodes") == shown
        assert snapshot.evaluate("window.__snapshot.edges") > 0
    finally:
        context.close()
    watch.assert_clean()
