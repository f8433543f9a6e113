"""``bikg ingest --feed`` and ``bikg watch`` as a user runs them, against the news site on
127.0.0.1: good pages go in, each bad one is a clear error naming its URL, and a second run
fetches nothing it fetched before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_support import SLOW, NewsSite, news_site

from kg.knowledge import KnowledgeGraph
from kg.sources.feed import FeedState

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 1.0
assert TIMEOUT < SLOW


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with news_site() as running:
        yield running


def bikg(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIKG_")}
    env.update(
        {
            "BIKG_WORKERS": "1",
            "BIKG_FETCH_TIMEOUT": str(TIMEOUT),
            "BIKG_FEED_STATE": str(tmp_path / "feeds.json"),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def stored_urls(store: Path) -> set[str]:
    with KnowledgeGraph.open(str(store)) as kg:
        rows = kg.query("SELECT DISTINCT ?url WHERE { ?a a bkg:Article ; schema:url ?url }")
    return {row["url"] for row in rows}  # type: ignore[index]


def test_ingest_a_feed_then_nothing_new(site: NewsSite, tmp_path: Path) -> None:
    store = tmp_path / "store"
    feed = f"{site.base}/feed.xml"
    first = bikg(tmp_path, "ingest", "--store", str(store), "--feed", feed)
    assert first.returncode == 1, first.stderr  # some items failed
    assert "Traceback" not in first.stderr
    for line in (
        f"{site.base}/news/gone.html: the server answered 404",
        f"{site.base}/news/slow.html: no answer within {TIMEOUT:g} s",
        f"{site.base}/news/report.pdf: not an HTML page: the server sent application/pdf",
        f"http://localhost:{site.base.rsplit(':', 1)[1]}/news/elsewhere.html: refusing to fetch",
    ):
        assert line in first.stderr, first.stderr
    assert f"{feed}: 6 items, 6 new" in first.stderr
    assert "2 stored" in first.stderr
    # Nothing else lost: the good pages are in the store.
    assert stored_urls(store) == {
        f"{site.base}/news/batam-xiangyang.html",
        f"{site.base}/news/medan-penang.html",
    }
    assert "/news/elsewhere.html" not in site.seen(), "another host is never fetched"

    site.clear()
    second = bikg(tmp_path, "ingest", "--store", str(store), "--feed", feed)
    # Only the timed-out page is tried again; the rest were stored or failed for good.
    assert site.seen() == ["/feed.xml", "/news/slow.html"], second.stderr
    assert f"{feed}: 6 items, 1 new, 1 pages tried" in second.stderr
    assert "0 stored" in second.stderr
    state = FeedState.load(tmp_path / "feeds.json")
    assert state.done(feed, f"{site.base}/news/batam-xiangyang.html")


def test_watch_picks_up_new_items_only(site: NewsSite, tmp_path: Path) -> None:
    store = tmp_path / "store"
    feed = f"{site.base}/feed.xml"
    # Keep the first run simple: the good pages only.
    site.items = site.items[:2]
    first = bikg(tmp_path, "watch", "--store", str(store), "--runs", "2", "--every", "0", feed)
    assert first.returncode == 0, first.stderr
    assert "run 1:" in first.stderr
    assert "run 2:" in first.stderr
    assert f"{feed}: unchanged since the last run" in first.stderr
    assert site.seen("/news/") == ["/news/batam-xiangyang.html", "/news/medan-penang.html"]

    site.clear()
    site.publish("/news/surabaya-kitakyushu.html", "Surabaya", "Tue, 10 Jun 2025 08:00:00 +0700")
    again = bikg(tmp_path, "watch", "--store", str(store), "--runs", "1", "--every", "1h", feed)
    assert again.returncode == 0, again.stderr
    assert site.seen() == ["/feed.xml", "/news/surabaya-kitakyushu.html"]
    assert f"{feed}: 3 items, 1 new, 1 pages tried" in again.stderr
    assert f"{site.base}/news/surabaya-kitakyushu.html" in stored_urls(store)


def test_a_broken_feed_does_not_stop_the_others(site: NewsSite, tmp_path: Path) -> None:
    store = tmp_path / "store"
    broken, atom = f"{site.base}/broken.xml", f"{site.base}/atom.xml"
    done = bikg(tmp_path, "ingest", "--store", str(store), "--feed", broken, "--feed", atom)
    assert done.returncode == 1
    assert f"{broken}: a broken feed" in done.stderr
    assert "Traceback" not in done.stderr
    assert stored_urls(store) == {f"{site.base}/news/surabaya-kitakyushu.html"}


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    nothing = bikg(tmp_path, "ingest", "--store", "memory:")
    assert nothing.returncode == 2
    assert "give files or folders to ingest, or --feed URL" in nothing.stderr
    interval = bikg(tmp_path, "watch", "--store", "memory:", "--every", "soon", "http://e.x/rss")
    assert interval.returncode == 2
    assert "error: not an interval: 'soon'" in interval.stderr
    assert "Traceback" not in interval.stderr
