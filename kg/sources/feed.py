"""RSS and Atom feeds: their items, each item's page read as an article, and what was seen.

:func:`parse_feed` reads a feed's bytes with feedparser (never letting it fetch anything
itself); :func:`read_item` fetches one item's page and reads it with trafilatura, keeping
the feed's title and date where the page has none. :class:`FeedState` is the JSON state
file that remembers, per feed, the items already handled and the feed's ``ETag`` and
``Last-Modified``, so that a second run fetches nothing it has fetched before.

Fetching follows :func:`kg.sources.fetch.fetch`: public hosts only, except the host of a
feed the user named on the command line (``trusted_hosts``).

>>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Warta</title>
... <language>id</language><item><title>Batam dan Xiangyang</title>
... <link>https://news.example/batam-xiangyang</link>
... <pubDate>Tue, 22 Apr 2025 08:00:00 +0700</pubDate></item></channel></rss>'''
>>> feed = parse_feed(rss, "https://news.example/rss")
>>> feed.title, feed.language, [(i.url, i.published) for i in feed.items]
('Warta', 'id', [('https://news.example/batam-xiangyang', datetime.date(2025, 4, 22))])
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from kg.errors import SourceError
from kg.sources.fetch import fetch
from kg.sources.model import Article
from kg.sources.reader import read_bytes

__all__ = ["Feed", "FeedItem", "FeedState", "is_transient", "parse_feed", "read_item"]

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")
#: Failures worth trying again on a later run; the rest (404, not HTML, no text) are final.
TRANSIENT_PREFIXES = ("no answer within", "cannot fetch", "the server answered 5")
#: How many runs may try an item that keeps failing for a transient reason.
MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: ``key`` (its id, else its link) says whether it is new.

    >>> FeedItem("urn:x:1", "https://e.x/a", title="A").key
    'urn:x:1'
    """

    key: str
    url: str
    title: str | None = None
    published: date | None = None


@dataclass(slots=True)
class Feed:
    """A parsed feed: its title and language, its items, and entries that had no link.

    >>> Feed("https://e.x/rss", title="Warta").items
    []
    """

    url: str
    title: str | None = None
    language: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    broken: list[SourceError] = field(default_factory=list)


def _date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def parse_feed(body: bytes, url: str) -> Feed:
    """The items of an RSS or Atom feed; :class:`SourceError` naming ``url`` if it is none.

    >>> parse_feed(b"<html><body>not a feed</body></html>", "https://e.x/feed")
    Traceback (most recent call last):
    ...
    kg.errors.SourceError: https://e.x/feed: not an RSS or Atom feed
    """
    import feedparser  # imported here: only feeds need it

    # Bytes, never a string: feedparser fetches a string that looks like a URL itself.
    parsed = feedparser.parse(body)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    detail = f" ({' '.join(str(problem).split())})" if problem else ""
    if not parsed.get("version"):
        raise SourceError(url, f"not an RSS or Atom feed{detail}")
    if problem is not None and not parsed.get("entries"):
        # feedparser reads what it can of a damaged feed; with no item left, say why.
        raise SourceError(url, f"a broken feed{detail}")
    if problem is not None:
        logger.warning("%s: the feed is not well-formed, read what could be read%s", url, detail)
    info = parsed.get("feed", {})
    language = (info.get("language") or "").lower().split("-")[0] or None
    feed = Feed(url=url, title=info.get("title") or None, language=language)
    for n, entry in enumerate(parsed.get("entries", []), start=1):
        link = entry.get("link")
        if not link:
            feed.broken.append(SourceError(f"{url} item {n}", "the item has no link"))
            continue
        link = urljoin(url, link)
        if urlsplit(link).scheme not in ("http", "https"):
            feed.broken.append(SourceError(f"{url} item {n}", f"{link!r} is not an http(s) URL"))
            continue
        feed.items.append(
            FeedItem(
                key=entry.get("id") or link,
                url=link,
                title=entry.get("title") or None,
                published=_date(entry),
            )
        )
    return feed


def read_item(
    item: FeedItem,
    feed: Feed,
    *,
    max_bytes: int,
    timeout: float,
    trusted_hosts: Collection[str] = (),
) -> Article:
    """Fetch the page of ``item`` and read it as an article; errors name the page's URL.

    >>> read_item(FeedItem("1", "http://10.0.0.1/a"), Feed("https://e.x/rss"),
    ...           max_bytes=1000, timeout=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: refusing to fetch http://10.0.0.1/a: ...
    """
    page = fetch(item.url, max_bytes=max_bytes, timeout=timeout, trusted_hosts=trusted_hosts)
    media = page.content_type.split(";")[0].strip().lower()
    if media in _HTML_TYPES or not media:
        kind = ".html"
    elif media in _TEXT_TYPES:
        kind = ".txt"
    else:
        raise SourceError(item.url, f"not an HTML page: the server sent {media}")
    found = next(iter(read_bytes(page.body, item.url, kind, max_bytes)))
    if isinstance(found, SourceError):
        raise SourceError(item.url, found.reason)
    return Article(
        text=found.text,
        url=item.url,  # the feed's link, not a redirect target: it is what others cite
        title=found.title or item.title,
        published=found.published or item.published,
        language=found.language or feed.language,
        source=found.source or feed.title,
        origin=item.url,
    )


def is_transient(reason: str) -> bool:
    """Whether a failure may go away by itself (a timeout, a 5xx), so a later run retries.

    >>> is_transient("no answer within 20 s"), is_transient("the server answered 404")
    (True, False)
    """
    return reason.startswith(TRANSIENT_PREFIXES)


class FeedState:
    """The state file: per feed, its validators and the items handled, as JSON.

    Written atomically (a temporary file renamed over the old one), so a crash leaves
    either the old state or the new one, never half of it.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "feeds.json"
    >>> state = FeedState.load(path)
    >>> state.record("https://e.x/rss", FeedItem("a", "https://e.x/a"), "stored")
    >>> state.save(); FeedState.load(path).done("https://e.x/rss", "a")
    True
    """

    VERSION = 1

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.data: dict[str, Any] = data or {"version": self.VERSION, "feeds": {}}

    @classmethod
    def load(cls, path: Path) -> FeedState:
        """The state in ``path`` (empty if the file does not exist yet).

        >>> FeedState.load(Path("no/such/feeds.json")).data
        {'version': 1, 'feeds': {}}
        """
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SourceError(str(path), f"cannot read the feed state file: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("feeds"), dict):
            raise SourceError(str(path), "not a feed state file (no 'feeds' object)")
        return cls(path, data)

    def _feed(self, url: str) -> dict[str, Any]:
        feeds: dict[str, Any] = self.data["feeds"]
        return feeds.setdefault(url, {"items": {}})

    def validators(self, url: str) -> dict[str, str]:
        """The conditional-GET headers for the feed (``If-None-Match``, ``If-Modified-Since``).

        >>> state = FeedState(Path("feeds.json"))
        >>> state.remember_validators("https://e.x/rss", {"etag": '"v2"'})
        >>> state.validators("https://e.x/rss"), state.validators("https://e.x/other")
        ({'If-None-Match': '"v2"'}, {})
        """
        feed = self._feed(url)
        headers = {}
        if feed.get("etag"):
            headers["If-None-Match"] = feed["etag"]
        if feed.get("last_modified"):
            headers["If-Modified-Since"] = feed["last_modified"]
        return headers

    def remember_validators(self, url: str, headers: dict[str, str]) -> None:
        """Keep the feed's ``etag`` and ``last-modified`` from a response's (lower-case) headers.

        >>> state = FeedState(Path("feeds.json"))
        >>> state.remember_validators("https://e.x/rss", {"last-modified": "Tue, 22 Apr 2025"})
        >>> state.validators("https://e.x/rss")
        {'If-Modified-Since': 'Tue, 22 Apr 2025'}
        """
        feed = self._feed(url)
        feed["etag"] = headers.get("etag")
        feed["last_modified"] = headers.get("last-modified")
        feed["checked"] = datetime.now(UTC).isoformat(timespec="seconds")

    def done(self, url: str, key: str) -> bool:
        """Whether the item needs no fetching: stored, failed for good, or tried enough.

        >>> state = FeedState(Path("feeds.json"))
        >>> state.record("https://e.x/rss", FeedItem("a", "https://e.x/a"), "failed",
        ...              "the server answered 503")
        >>> state.done("https://e.x/rss", "a"), state.done("https://e.x/rss", "b")
        (False, False)
        """
        entry = self._feed(url)["items"].get(key)
        if entry is None:
            return False
        if entry["status"] != "failed" or not is_transient(entry.get("reason", "")):
            return True
        return int(entry.get("attempts", 1)) >= MAX_ATTEMPTS

    def record(self, url: str, item: FeedItem, status: str, reason: str | None = None) -> None:
        """Note what happened to ``item``: ``stored`` or ``failed`` (with the reason).

        >>> state = FeedState(Path("feeds.json"))
        >>> state.record("https://e.x/rss", FeedItem("a", "https://e.x/a"), "stored")
        >>> state.data["feeds"]["https://e.x/rss"]["items"]["a"]["attempts"]
        1
        """
        items = self._feed(url)["items"]
        attempts = int(items.get(item.key, {}).get("attempts", 0)) + 1
        items[item.key] = {
            "url": item.url,
            "status": status,
            "attempts": attempts,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            **({"reason": reason} if reason else {}),
        }

    def save(self) -> None:
        """Write the state file atomically.

        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "sub" / "feeds.json"
        >>> FeedState(path).save(); path.exists()
        True
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".feeds-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.data, out, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
