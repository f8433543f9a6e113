"""Follow news feeds: ingest each new item of RSS/Atom feeds, once or on a schedule.

``bikg ingest --feed URL`` calls :func:`ingest_feeds` once; ``bikg watch URL...`` calls
:func:`watch`, which repeats it every so often. Both keep a :class:`~kg.sources.feed.FeedState`
file, so an item is fetched once: a second run asks the feed whether it changed (``ETag``,
``Last-Modified``) and fetches only items it has not handled. A page that cannot be read
(404, not HTML, no article text) is recorded as failed and not fetched again; one that timed
out or met a server error is tried again on the next runs, at most three times in all.

Every failure names the feed or the page's URL and the reason; none stops the others, and
what was stored stays stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kg.errors import InvalidParameterError, SourceError
from kg.ingest import Failure, IngestSummary
from kg.sources.feed import FeedState, is_transient, parse_feed, read_item
from kg.sources.fetch import fetch

if TYPE_CHECKING:
    from kg.knowledge import KnowledgeGraph

__all__ = ["FeedReport", "FeedRun", "ingest_feeds", "parse_interval", "watch"]

logger = logging.getLogger(__name__)

#: The largest feed document read.
MAX_FEED_BYTES = 10_000_000


@dataclass(slots=True)
class FeedReport:
    """What one run did with one feed.

    >>> print(FeedReport("https://e.x/rss", items=5, new=2, fetched=2))
    https://e.x/rss: 5 items, 2 new, 2 pages tried
    >>> print(FeedReport("https://e.x/rss", not_modified=True))
    https://e.x/rss: unchanged since the last run
    """

    feed: str
    items: int = 0
    new: int = 0
    fetched: int = 0
    not_modified: bool = False
    error: str | None = None

    def __str__(self) -> str:
        if self.error:
            return f"{self.feed}: {self.error}"
        if self.not_modified:
            return f"{self.feed}: unchanged since the last run"
        return f"{self.feed}: {self.items} items, {self.new} new, {self.fetched} pages tried"


@dataclass(slots=True)
class FeedRun:
    """One run over the feeds: a report per feed and the ingest summary of all of them.

    ``summary.failed`` holds every failure: feeds that could not be read, pages that
    could not be fetched or read, articles the pipeline rejected.

    >>> run = FeedRun([FeedReport("https://e.x/rss", items=1, new=1, fetched=1)],
    ...               IngestSummary(read=1, stored=1))
    >>> run.fetched, run.summary.ok
    (1, True)
    """

    feeds: list[FeedReport] = field(default_factory=list)
    summary: IngestSummary = field(default_factory=IngestSummary)

    @property
    def fetched(self) -> int:
        """Item pages tried in this run.

        >>> FeedRun([FeedReport("a", fetched=2), FeedReport("b", fetched=1)]).fetched
        3
        """
        return sum(report.fetched for report in self.feeds)

    def __str__(self) -> str:
        return "\n".join([*(str(report) for report in self.feeds), str(self.summary)])


def _merge(into: IngestSummary, part: IngestSummary) -> None:
    into.read += part.read
    into.stored += part.stored
    into.unchanged += part.unchanged
    into.not_extracted += part.not_extracted
    into.failed.extend(part.failed)
    into.triples += part.triples
    into.seconds += part.seconds
    into.graphs.extend(part.graphs)


def ingest_feeds(
    kg: KnowledgeGraph,
    feeds: Sequence[str],
    state: FeedState,
    *,
    timeout: float = 20.0,
    trust_feed_hosts: bool = True,
    progress: bool = False,
) -> FeedRun:
    """Read each feed, fetch its new items' pages, ingest them, and update ``state``.

    ``trust_feed_hosts`` lets the feeds' own hosts be private or loopback (the user named
    them); item pages on other hosts must still be public. The state is saved after
    each feed, so an interrupted run keeps what it did.

    >>> import pathlib, tempfile
    >>> from kg import KnowledgeGraph
    >>> state = FeedState.load(pathlib.Path(tempfile.mkdtemp()) / "feeds.json")
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     run = ingest_feeds(kg, ["ftp://e.x/rss"], state)
    >>> [str(f) for f in run.summary.failed]
    ['ftp://e.x/rss: refusing to fetch ftp://e.x/rss: only http(s) URLs with a host']
    """
    run = FeedRun()
    limit = kg.settings.max_article_bytes
    for url in feeds:
        report = FeedReport(url)
        run.feeds.append(report)
        trusted = {urlsplit(url).hostname or ""} if trust_feed_hosts else set()
        try:
            answer = fetch(
                url,
                max_bytes=MAX_FEED_BYTES,
                timeout=timeout,
                headers=state.validators(url),
                trusted_hosts=trusted,
            )
            if answer.status == 304:
                report.not_modified = True
                continue
            feed = parse_feed(answer.body, url)
        except (SourceError, InvalidParameterError) as exc:
            reason = exc.reason if isinstance(exc, SourceError) else str(exc)
            report.error = reason
            run.summary.failed.append(Failure(url, reason))
            continue
        run.summary.failed.extend(Failure(e.origin, e.reason) for e in feed.broken)
        new = [item for item in feed.items if not state.done(url, item.key)]
        report.items, report.new = len(feed.items), len(new)
        logger.info("%s: %d items, %d new", url, len(feed.items), len(new))
        read = []
        bar = None
        if progress and new:
            from tqdm import tqdm

            bar = tqdm(total=len(new), unit="page", desc="fetch", disable=None)
        for item in new:
            report.fetched += 1
            try:
                read.append(
                    (
                        item,
                        read_item(
                            item, feed, max_bytes=limit, timeout=timeout, trusted_hosts=trusted
                        ),
                    )
                )
            except (SourceError, InvalidParameterError) as exc:
                reason = exc.reason if isinstance(exc, SourceError) else str(exc)
                logger.warning("%s: %s", item.url, reason)
                run.summary.failed.append(Failure(item.url, reason))
                state.record(url, item, "failed", reason)
            finally:
                if bar is not None:
                    bar.update()
        if bar is not None:
            bar.close()
        if read:
            summary = kg.ingest([article for _, article in read], progress=progress)
            rejected = {failure.origin: failure.reason for failure in summary.failed}
            for item, _ in read:
                rejection = rejected.get(item.url)
                state.record(url, item, "failed" if rejection else "stored", rejection)
            _merge(run.summary, summary)
        # A feed with items to try again must be read again next time, not answered 304.
        retry = any(
            is_transient(f.reason) for f in run.summary.failed if f.origin in {i.url for i in new}
        )
        state.remember_validators(url, {} if retry else answer.headers)
        state.save()
    return run


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``2h`` or ``1d``.

    >>> parse_interval("15m"), parse_interval("90"), parse_interval("0.5s")
    (900.0, 90.0, 0.5)
    >>> parse_interval("soon")
    Traceback (most recent call last):
    ...
    kg.errors.InvalidParameterError: not an interval: 'soon' (try 90s, 15m, 2h or 1d)
    """
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = (text[:-1], text[-1]) if text[-1:] in units else (text, "s")
    try:
        seconds = float(number) * units[unit]
    except ValueError:
        raise InvalidParameterError(f"not an interval: {text!r} (try 90s, 15m, 2h or 1d)") from None
    if seconds < 0:
        raise InvalidParameterError(f"not an interval: {text!r} is negative")
    return seconds


def watch(
    kg: KnowledgeGraph,
    feeds: Sequence[str],
    state_path: Path,
    *,
    every: float,
    runs: int | None = None,
    timeout: float = 20.0,
    on_run: Callable[[int, FeedRun], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Run :func:`ingest_feeds` every ``every`` seconds (``runs`` times, or until stopped).

    Each run starts ``every`` seconds after the previous one started (a long run is not
    followed by a sleep). Returns the number of runs made.

    >>> import pathlib, tempfile
    >>> from kg import KnowledgeGraph
    >>> state, naps = pathlib.Path(tempfile.mkdtemp()) / "feeds.json", []
    >>> with KnowledgeGraph.open("memory:") as kg:
    ...     watch(kg, ["ftp://e.x/rss"], state, every=60, runs=2, sleep=naps.append)
    2
    >>> len(naps), 59 < naps[0] <= 60
    (1, True)
    """
    done = 0
    while runs is None or done < runs:
        started = time.monotonic()
        state = FeedState.load(state_path)
        result = ingest_feeds(kg, feeds, state, timeout=timeout)
        done += 1
        if on_run is not None:
            on_run(done, result)
        if runs is not None and done >= runs:
            break
        sleep(max(0.0, every - (time.monotonic() - started)))
    return done
