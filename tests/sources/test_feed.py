"""Feeds, item pages and the state file, against a news site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from feed_support import NewsSite, news_site

from kg.errors import InvalidParameterError, SourceError
from kg.sources.feed import Feed, FeedItem, FeedState, is_transient, parse_feed, read_item
from kg.sources.fetch import fetch

TIMEOUT = 1.0


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    with news_site() as running:
        yield running


@pytest.fixture(scope="module")
def feed(site: NewsSite) -> Feed:
    answer = fetch(f"{site.base}/feed.xml", max_bytes=1_000_000, trusted_hosts={"127.0.0.1"})
    return parse_feed(answer.body, f"{site.base}/feed.xml")


def _item(feed: Feed, path: str) -> FeedItem:
    return next(item for item in feed.items if item.url.endswith(path))


def _read(site: NewsSite, feed: Feed, path: str) -> object:
    return read_item(
        _item(feed, path), feed, max_bytes=1_000_000, timeout=TIMEOUT, trusted_hosts={"127.0.0.1"}
    )


def test_rss_items_and_metadata(site: NewsSite, feed: Feed) -> None:
    assert feed.title == "Warta Uji"
    assert feed.language == "id"
    assert len(feed.items) == 6
    first = feed.items[0]
    assert first.url == f"{site.base}/news/batam-xiangyang.html"
    assert first.key == first.url  # the guid
    assert first.published == date(2025, 4, 22)


def test_atom_links_are_resolved_against_the_feed(site: NewsSite) -> None:
    answer = fetch(f"{site.base}/atom.xml", max_bytes=1_000_000, trusted_hosts={"127.0.0.1"})
    atom = parse_feed(answer.body, f"{site.base}/atom.xml")
    [entry] = atom.items
    assert entry.key == "urn:test:surabaya"
    assert entry.url == f"{site.base}/news/surabaya-kitakyushu.html"


def test_a_broken_feed_names_its_url(site: NewsSite) -> None:
    url = f"{site.base}/broken.xml"
    body = fetch(url, max_bytes=1_000_000, trusted_hosts={"127.0.0.1"}).body
    with pytest.raises(SourceError, match="a broken feed") as caught:
        parse_feed(body, url)
    assert caught.value.origin == url


def test_an_item_without_a_link_is_reported_not_dropped() -> None:
    rss = (
        b'<rss version="2.0"><channel><title>t</title><item><title>no link</title></item>'
        b"<item><title>ok</title><link>https://e.x/a</link></item></channel></rss>"
    )
    feed = parse_feed(rss, "https://e.x/rss")
    assert [i.url for i in feed.items] == ["https://e.x/a"]
    assert [str(e) for e in feed.broken] == ["https://e.x/rss item 1: the item has no link"]


def test_a_page_becomes_an_article(site: NewsSite, feed: Feed) -> None:
    article = _read(site, feed, "/news/batam-xiangyang.html")
    assert article.url == f"{site.base}/news/batam-xiangyang.html"  # type: ignore[attr-defined]
    assert article.title == "Batam dan Xiangyang jajaki kerja sama kota kembar"  # type: ignore[attr-defined]
    assert article.published == date(2025, 4, 22)  # type: ignore[attr-defined]
    assert article.language == "id"  # type: ignore[attr-defined]
    assert "Zhang Min" in article.text  # type: ignore[attr-defined]
    assert "Hak cipta" not in article.text, "the footer is boilerplate"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param("/news/gone.html", "the server answered 404", id="404"),
        pytest.param("/news/slow.html", f"no answer within {TIMEOUT:g} s", id="slow"),
        pytest.param(
            "/news/report.pdf", "not an HTML page: the server sent application/pdf", id="pdf"
        ),
    ],
)
def test_bad_pages_are_clear_errors(site: NewsSite, feed: Feed, path: str, reason: str) -> None:
    with pytest.raises(SourceError) as caught:
        _read(site, feed, path)
    assert caught.value.origin == f"{site.base}{path}"
    assert caught.value.reason == reason


def test_items_on_other_private_hosts_are_refused(site: NewsSite, feed: Feed) -> None:
    site.clear()
    with pytest.raises(InvalidParameterError, match="not a public address"):
        _read(site, feed, "/news/elsewhere.html")
    assert site.seen() == [], "nothing was requested"


def test_the_feed_host_is_not_trusted_unless_named(site: NewsSite) -> None:
    with pytest.raises(InvalidParameterError, match=r"127\.0\.0\.1 is not a public address"):
        fetch(f"{site.base}/feed.xml", max_bytes=1000)


def test_conditional_get_answers_304(site: NewsSite) -> None:
    url = f"{site.base}/atom.xml"
    first = fetch(url, max_bytes=1_000_000, trusted_hosts={"127.0.0.1"})
    again = fetch(
        url,
        max_bytes=1_000_000,
        trusted_hosts={"127.0.0.1"},
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert (first.status, again.status, again.body) == (200, 304, b"")


def test_state_round_trip_and_retries(tmp_path: Path) -> None:
    path = tmp_path / "state" / "feeds.json"
    state = FeedState.load(path)
    feed = "https://e.x/rss"
    good, gone, slow = (FeedItem(k, f"https://e.x/{k}") for k in ("good", "gone", "slow"))
    state.record(feed, good, "stored")
    state.record(feed, gone, "failed", "the server answered 404")
    state.record(feed, slow, "failed", "no answer within 1 s")
    state.remember_validators(feed, {"etag": '"v1"'})
    state.save()
    loaded = FeedState.load(path)
    assert loaded.done(feed, "good")
    assert loaded.done(feed, "gone"), "a 404 is final"
    assert not loaded.done(feed, "slow"), "a timeout is tried again"
    assert not loaded.done(feed, "never-seen")
    assert loaded.validators(feed) == {"If-None-Match": '"v1"'}
    for _ in range(2):
        loaded.record(feed, slow, "failed", "no answer within 1 s")
    assert loaded.done(feed, "slow"), "three attempts are enough"
    assert [p.name for p in path.parent.iterdir()] == ["feeds.json"], "no temporary files left"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param("{not json", "cannot read the feed state file", id="not-json"),
        pytest.param('{"items": []}', "not a feed state file", id="wrong-shape"),
    ],
)
def test_a_damaged_state_file_is_named(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "feeds.json"
    path.write_text(content)
    with pytest.raises(SourceError, match=reason) as caught:
        FeedState.load(path)
    assert caught.value.origin == str(path)
    assert path.read_text() == content, "the file is left as it was"


def test_transient_failures() -> None:
    assert is_transient("the server answered 503")
    assert is_transient("cannot fetch: connection refused")
    assert not is_transient("not an HTML page: the server sent application/pdf")
