"""Ingest: read articles, extract in a process pool, write each article's graph.

One writer (this process) stores batches of article graphs; each batch is one
transaction, so a crash or a kill leaves only whole articles in the store. An
article whose text and metadata are unchanged is skipped; a changed one replaces
its graph, so facts no longer supported by any article disappear with it.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context

import pyoxigraph as ox

from kg.errors import ExtractionError, SourceError, StoreError
from kg.extract import extract
from kg.extract.model import Extraction
from kg.graph.build import article_iri, build_article
from kg.graph.store import GraphStore, GraphWrite
from kg.graph.store.base import check_quads
from kg.graph.store.facts import split_evidence
from kg.sources.model import Article

__all__ = ["Failure", "IngestSummary", "Processed", "ingest", "process_article"]

logger = logging.getLogger(__name__)

#: Articles written per transaction (the ``ingest_batch`` setting's default): large
#: enough to amortise the commit, small enough that a kill loses little work. Each
#: batch becomes one set of sorted table files, which RocksDB then merges into the rest
#: in the background; the fewer and larger the sets, the less it merges. On the 10k
#: bench corpus: 64 -> 89 articles/s (6,000 articles), 256 -> 102, 512 -> 113, the
#: ingest's peak memory 0.57 -> 0.86 GB.
BATCH = 512
#: Articles in a batch from which extraction goes to worker processes.
POOL_FROM = 64
#: Chunks extracted ahead of the writer.
IN_FLIGHT = 3


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that did not go in, and why.

    >>> print(Failure("notes/empty.txt", "no text"))
    notes/empty.txt: no text
    """

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did; ``ok`` is False when anything failed.

    ``skipped`` (an alias of ``unchanged``) counts articles already stored as they are;
    ``failed`` lists each input that did not go in, with its reason.

    >>> summary = IngestSummary(read=3, stored=1, unchanged=1, failed=[Failure("a.txt", "no text")])
    >>> summary.ok, summary.skipped, [(f.origin, f.reason) for f in summary.failed]
    (False, 1, [('a.txt', 'no text')])
    >>> print(summary)
    3 read, 1 stored, 1 unchanged, 1 failed; 0 triples written in 0.0 s (0 articles/s)
      failed: a.txt: no text
    """

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    not_extracted: int = 0
    failed: list[Failure] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    graphs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed.

        >>> IngestSummary(read=1, stored=1).ok
        True
        """
        return not self.failed

    @property
    def skipped(self) -> int:
        """Articles skipped because they are stored already, unchanged.

        >>> IngestSummary(read=2, unchanged=2).skipped
        2
        """
        return self.unchanged

    def __str__(self) -> str:
        rate = self.read / self.seconds if self.seconds > 0 else 0.0
        lines = [
            f"{self.read} read, {self.stored} stored, {self.unchanged} unchanged, "
            f"{len(self.failed)} failed; {self.triples:,} triples written in "
            f"{self.seconds:.1f} s ({rate:.0f} articles/s)"
        ]
        if self.not_extracted:
            lines.append(f"{self.not_extracted} stored without extraction (unsupported language)")
        lines += [f"  failed: {f}" for f in self.failed]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Processed:
    """An article after extraction, ready to store (picklable, for the process pool).

    ``extraction`` holds what was found: ``nodes`` by id and ``edges`` with evidence.

    >>> done = process_article(Article("Wali Kota Batam, Amsakar Achmad, menerima Konsul "
    ...                                "Jenderal Tiongkok di Medan, Zhang Min.", url="https://e.x/1"))
    >>> sorted(n.label for n in done.extraction.nodes.values() if n.kind in ("Person", "Post"))
    ['Amsakar Achmad', 'Consul General of China in Medan', 'Mayor of Batam', 'Zhang Min']
    """

    article: Article
    graph: str
    nquads: bytes = field(repr=False)
    extraction: Extraction
    #: Where the evidence quads start in ``nquads`` (they come last; see :func:`_store`).
    evidence_at: int = -1


def process_article(article: Article) -> Processed | Failure:
    """Extract one article and serialise its graph; never raises for bad text.

    >>> done = process_article(Article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                                "Tiongkok, Zhang Min.", url="https://e.x/1", language="id"))
    >>> done.extraction.language, sorted(n.label for n in done.extraction.nodes.values()
    ...                                  if n.kind == "Person")
    ('id', ['Amsakar Achmad', 'Zhang Min'])
    >>> process_article(Article("Bonjour.", url="https://e.x/2")).extraction.extracted
    False
    """
    try:
        extraction = extract(article)
        graph, quads = build_article(article, extraction)
        # Evidence (most of an article's quads) states no facts: serialised after the
        # rest, the writer stores it without parsing it back (see GraphWrite.evidence).
        stating, evidence = split_evidence(quads)
        check_quads(graph, evidence)
        head = ox.serialize(stating, format=ox.RdfFormat.N_QUADS) or b""
        data = head + (ox.serialize(evidence, format=ox.RdfFormat.N_QUADS) or b"")
    except (ExtractionError, ValueError, RecursionError) as exc:
        return Failure(article.origin, f"extraction failed: {exc}")
    except Exception as exc:  # a bug on one article must not stop the batch
        logger.exception("%s: extraction crashed", article.origin)
        return Failure(article.origin, f"extraction crashed: {type(exc).__name__}: {exc}")
    return Processed(article, graph, data, extraction, len(head))


def _start_worker() -> None:
    """Load the language data in a new worker, then keep it out of garbage collection.

    Lexicons and the gazetteer are hundreds of thousands of objects that live as long
    as the process; frozen, the collector stops walking them (3 to 7% of extraction
    measured in one process).
    """
    extract(Article("Wali Kota Batam bertemu Konsul Jenderal Tiongkok di Medan."))
    gc.freeze()


def _process_in_worker(article: Article) -> Processed | Failure:
    """:func:`process_article` for a worker process: what the writer needs, and no more.

    The writer reads the graph's N-Quads and whether anything was extracted; the nodes
    and edges stay behind (half of what a worker would send back, and thousands of
    objects per batch for the writer's cycle collector to walk).
    """
    done = process_article(article)
    if isinstance(done, Failure):
        return done
    light = Extraction(done.extraction.language, extracted=done.extraction.extracted)
    return dataclasses.replace(done, extraction=light)


_SCHEMA = "https://schema.org/"
_STORED = """SELECT ?hash ?url ?title ?published ?source ?language WHERE {{ GRAPH <{g}> {{
  <{g}> <https://w3id.org/bilateral-kg/ontology#contentHash> ?hash .
  OPTIONAL {{ <{g}> <{s}url> ?url }}
  OPTIONAL {{ <{g}> <{s}headline> ?title }}
  OPTIONAL {{ <{g}> <{s}datePublished> ?published }}
  OPTIONAL {{ <{g}> <{s}publisher> ?source }}
  OPTIONAL {{ <{g}> <{s}inLanguage> ?language }}
}} }} LIMIT 1"""


def _unchanged(store: GraphStore, graph: str, article: Article) -> bool:
    """Whether the stored graph came from this very text and metadata."""
    if not store.has_graph(graph):
        return False  # one lookup; parsing the query below cost more for a new article
    for row in store.query(_STORED.format(g=graph, s=_SCHEMA)):  # type: ignore[union-attr]
        stored = [None if term is None else term.value for term in row]  # type: ignore[union-attr]
        published = article.published.isoformat() if article.published else None
        ours = [article.content_hash, article.url, article.title, published, article.source]
        # The stored language may have been detected: only a declared one can differ.
        language_same = article.language is None or article.language == stored[5]
        return stored[:5] == ours and language_same
    return False


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    store: GraphStore,
    items: Iterable[Article | SourceError],
    *,
    workers: int = 1,
    batch: int = BATCH,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_stored: Callable[[Processed], None] | None = None,
) -> IngestSummary:
    """Store every article of ``items``; report bad inputs instead of stopping.

    ``workers`` > 1 extracts in that many processes; ``batch`` articles are written
    per transaction. ``progress`` is called with the
    number of inputs handled since its last call. ``force`` re-extracts unchanged
    articles (after an extractor upgrade).

    >>> from kg.graph.store import open_store
    >>> store = open_store("memory:")
    >>> article = Article("Zhang Min bertemu Amsakar Achmad di Batam.", url="https://e.x/1")
    >>> ingest(store, [article, SourceError("b.txt", "no text")]).failed
    [Failure(origin='b.txt', reason='no text')]
    >>> ingest(store, [article]).skipped
    1
    """
    summary = IngestSummary()
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1

    def articles() -> Iterator[Article]:
        for item in items:
            summary.read += 1
            if isinstance(item, SourceError):
                summary.failed.append(Failure(item.origin, item.reason))
                if progress:
                    progress(1)
            else:
                yield item

    pool: ProcessPoolExecutor | None = None
    # Chunks being extracted by the pool while the previous one is written: the writer
    # and the workers overlap, and at most IN_FLIGHT chunks are held in memory.
    pending: deque[tuple[int, Iterator[Processed | Failure]]] = deque()

    def write_oldest() -> None:
        size, results = pending.popleft()
        _store(store, list(results), summary, on_stored)
        if progress:
            progress(size)

    try:
        for chunk in _chunks(articles(), batch):
            todo = _changed(store, chunk, summary, force)
            # Workers pay off only past a few dozen articles (each starts in about a
            # second). They are spawned, not forked: a fork would copy the open store and
            # Oxigraph's thread-bound objects into every child.
            if pool is None and workers > 1 and len(todo) >= min(batch, POOL_FROM):
                pool = ProcessPoolExecutor(
                    workers, mp_context=get_context("spawn"), initializer=_start_worker
                )
            if pool is not None:
                work = process_article if on_stored else _process_in_worker
                pending.append((len(chunk), pool.map(work, todo, chunksize=8)))
            else:
                pending.append((len(chunk), iter([process_article(a) for a in todo])))
            while len(pending) >= IN_FLIGHT:
                write_oldest()
        while pending:
            write_oldest()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    summary.seconds = time.perf_counter() - started
    return summary


def _changed(
    store: GraphStore, chunk: list[Article], summary: IngestSummary, force: bool
) -> list[Article]:
    todo: list[Article] = []
    seen: set[str] = set()
    for article in chunk:
        graph = article_iri(article)
        if graph in seen:  # the same URL twice in one batch: the later one wins
            todo = [a for a in todo if article_iri(a) != graph]
        seen.add(graph)
        if not force and _unchanged(store, graph, article):
            summary.unchanged += 1
            summary.graphs.append(graph)
        else:
            todo.append(article)
    return todo


def _store(
    store: GraphStore,
    results: list[Processed | Failure],
    summary: IngestSummary,
    on_stored: Callable[[Processed], None] | None,
) -> None:
    done = [r for r in results if isinstance(r, Processed)]
    summary.failed.extend(r for r in results if isinstance(r, Failure))
    writes = []
    for item in done:
        split = item.evidence_at if item.evidence_at >= 0 else len(item.nquads)
        quads = list(ox.parse(item.nquads[:split], format=ox.RdfFormat.N_QUADS))
        writes.append(GraphWrite(item.graph, quads, item.nquads[split:]))
    try:
        store.write(writes)
    except StoreError as exc:
        summary.failed.extend(Failure(item.article.origin, str(exc)) for item in done)
        raise
    for item, write in zip(done, writes, strict=True):
        summary.stored += 1
        summary.triples += len(write.quads) + write.evidence.count(b"\n")
        summary.graphs.append(item.graph)
        if not item.extraction.extracted:
            summary.not_extracted += 1
        if on_stored:
            on_stored(item)
    logger.debug("stored %d articles", len(done))
