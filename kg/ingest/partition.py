"""Beyond one machine: extraction as a map over partitions of the inputs, writing N-Quads.

The inputs (files, folders, JSON-lines corpora) are cut into ``partitions`` slices of about
the same number of articles: a JSON-lines file counts one per line and may be split across
slices, any other file counts one. A task extracts its slice and writes ``part-<n>.nq``
holding every article's named graph. Tasks share nothing, so they run on any engine that
maps a function over a list: a local process pool, or a Dask cluster (the optional extra
``distributed``: ``pip install 'bilateral-kg[distributed]'``). The parts are then loaded
into a store by :func:`kg.ingest.load.load_parts` (``bikg load``; see ``docs/scaling.md``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, SourceError
from kg.ingest.pipeline import Failure, Processed, process_article

__all__ = ["MapSummary", "Part", "Segment", "map_partitions", "partition_ranges", "plan"]

logger = logging.getLogger(__name__)

_LINES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Segment:
    """A slice of one input: a whole file, or lines ``start`` to ``stop - 1`` of a JSON-lines
    file (counted from 0).

    >>> Segment("corpus.jsonl", 0, 100), Segment("a.txt")
    (Segment(path='corpus.jsonl', start=0, stop=100), Segment(path='a.txt', start=0, stop=None))
    """

    path: str
    start: int = 0
    stop: int | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """One partition's output: its N-Quads file, what went into it and what did not.

    >>> Part(0, Path("parts/part-00000.nq"), 4, 1200).failed
    ()
    """

    index: int
    path: Path
    articles: int
    quads: int
    failed: tuple[Failure, ...] = ()


@dataclass(slots=True)
class MapSummary:
    """What a map over partitions wrote; ``ok`` is False when any input failed.

    >>> run = MapSummary([Part(0, Path("p/part-00000.nq"), 3, 90)], [Failure("x.txt", "gone")])
    >>> run.ok, run.articles, run.quads
    (False, 3, 90)
    >>> print(run)
    3 articles in 1 parts (90 quads), 1 failed; 0.0 s
      failed: x.txt: gone
    """

    parts: list[Part] = field(default_factory=list)
    unread: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        """Articles written to the parts.

        >>> MapSummary([Part(0, Path("a.nq"), 2, 10), Part(1, Path("b.nq"), 1, 5)]).articles
        3
        """
        return sum(p.articles for p in self.parts)

    @property
    def quads(self) -> int:
        """Quads written to the parts.

        >>> MapSummary([Part(0, Path("a.nq"), 2, 10), Part(1, Path("b.nq"), 1, 5)]).quads
        15
        """
        return sum(p.quads for p in self.parts)

    @property
    def failed(self) -> list[Failure]:
        """Every input that did not go into a part, with its reason.

        >>> MapSummary([Part(0, Path("a.nq"), 0, 0, (Failure("a.txt", "empty file"),))]).failed
        [Failure(origin='a.txt', reason='empty file')]
        """
        return [*self.unread, *(f for p in self.parts for f in p.failed)]

    @property
    def ok(self) -> bool:
        """True when every input went into a part.

        >>> MapSummary().ok
        True
        """
        return not self.failed

    def __str__(self) -> str:
        failed = self.failed
        lines = [
            f"{self.articles} articles in {len(self.parts)} parts ({self.quads:,} quads), "
            f"{len(failed)} failed; {self.seconds:.1f} s"
        ]
        lines += [f"  failed: {f}" for f in failed]
        return "\n".join(lines)


def partition_ranges(total: int, partitions: int) -> list[tuple[int, int]]:
    """``partitions`` contiguous ``(start, stop)`` ranges covering ``total`` items.

    >>> partition_ranges(10, 3)
    [(0, 4), (4, 7), (7, 10)]
    """
    partitions = max(1, min(partitions, total)) if total else 1
    size, extra = divmod(total, partitions)
    ranges, start = [], 0
    for i in range(partitions):
        stop = start + size + (i < extra)
        ranges.append((start, stop))
        start = stop
    return ranges


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def plan(paths: Sequence[str | Path], partitions: int) -> tuple[list[list[Segment]], list[Failure]]:
    """Cut the inputs under ``paths`` into up to ``partitions`` slices of about the same
    number of articles, and list the inputs that cannot be read.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.jsonl").write_text('{"text": "Halo."}' + chr(10) * 5)
    ...     _ = (Path(tmp) / "b.txt").write_text("Halo Batam.")
    ...     slices, unread = plan([tmp, "-"], 2)
    ...     [[(Path(s.path).name, s.start, s.stop) for s in part] for part in slices]
    [[('a.jsonl', 0, 3)], [('a.jsonl', 3, 5), ('b.txt', 0, None)]]
    >>> print(*unread)
    -: standard input cannot be partitioned: save it to a file
    """
    from kg.sources import discover

    inputs: list[tuple[Path, int, bool]] = []
    unread: list[Failure] = []
    for found in discover(paths):
        if isinstance(found, SourceError):
            unread.append(Failure(found.origin, found.reason))
        elif str(found) == "-":
            unread.append(Failure("-", "standard input cannot be partitioned: save it to a file"))
        elif found.suffix.lower() in _LINES:
            try:
                inputs.append((found, _count_lines(found), True))
            except OSError as exc:
                unread.append(Failure(str(found), f"cannot read: {exc.strerror or exc}"))
        else:
            inputs.append((found, 1, False))
    total = sum(weight for _, weight, _ in inputs)
    slices: list[list[Segment]] = []
    for low, high in partition_ranges(total, partitions) if total else []:
        segments, offset = [], 0
        for path, weight, lines in inputs:
            start, stop = max(low, offset), min(high, offset + weight)
            if start < stop:
                whole = Segment(str(path))
                segments.append(
                    Segment(str(path), start - offset, stop - offset) if lines else whole
                )
            offset += weight
        slices.append(segments)
    return slices, unread


def _read(segment: Segment, max_bytes: int) -> Iterator[Any]:
    """The articles (or errors) of one slice."""
    from kg.sources import read_bytes, read_path

    if segment.stop is None:
        yield from read_path(Path(segment.path), max_bytes)
        return
    with open(segment.path, "rb") as lines:
        for number, line in enumerate(lines):
            if number >= segment.stop:
                break
            if number >= segment.start and line.strip():
                # The same reader as a whole JSON-lines file, one line at a time, so the
                # errors name the file and line as ``bikg ingest`` does.
                yield from read_bytes(line, f"{segment.path}:{number + 1}", ".json", max_bytes)


def extract_partition(segments: Sequence[Segment], out: str, index: int) -> Part:
    """Extract ``segments`` into ``out/part-<index>.nq``; the file appears only when complete.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     source = Path(tmp) / "a.jsonl"
    ...     _ = source.write_text('{"text": "Zhang Min bertemu Amsakar Achmad di Batam."}'
    ...                           + chr(10) + '{"title": "no text"}' + chr(10))
    ...     part = extract_partition([Segment(str(source), 0, 2)], tmp, 0)
    ...     part.path.name, part.articles, part.quads > 0, [f.reason for f in part.failed]
    ('part-00000.nq', 1, True, ["field 'text' is missing"])
    """
    from kg.config import get_settings

    max_bytes = get_settings().max_article_bytes
    path = Path(out) / f"part-{index:05d}.nq"
    tmp = path.with_suffix(".nq.tmp")
    articles = quads = 0
    failed: list[Failure] = []
    seen: set[str] = set()
    with tmp.open("wb") as handle:
        for segment in segments:
            for item in _read(segment, max_bytes):
                if isinstance(item, SourceError):
                    failed.append(Failure(item.origin, item.reason))
                    continue
                result = process_article(item)
                if not isinstance(result, Processed):
                    failed.append(result)
                elif result.graph in seen:
                    # Two texts in one graph would mix their facts; ingest it alone instead.
                    failed.append(Failure(item.origin, "an earlier input has the same URL"))
                else:
                    seen.add(result.graph)
                    handle.write(result.nquads)
                    articles += 1
                    quads += result.nquads.count(b"\n")
    tmp.replace(path)  # a part exists only once it is complete
    for failure in failed:  # the caller reports them (a spawned worker's log may go nowhere)
        logger.debug("%s", failure)
    return Part(index, path, articles, quads, tuple(failed))


def _outcome(result: Callable[[], Part], task: tuple[Any, ...]) -> Part:
    """A task's part; a task that crashed (a lost worker, a bug) is a part that failed
    as a whole, so the other tasks still count and the task can be rerun.

    >>> def lost() -> Part:
    ...     raise OSError("worker lost")
    >>> print(*_outcome(lost, ([Segment("a.jsonl", 0, 5)], "out", 2)).failed)
    a.jsonl:1-5: the task crashed (OSError: worker lost); rerun it
    """
    segments, out, index = task
    try:
        return result()
    except Exception as exc:  # a crashed task must not lose the other parts
        logger.debug("partition %d crashed", index, exc_info=True)
        origins = ", ".join(_origin(s) for s in segments)
        reason = f"the task crashed ({type(exc).__name__}: {exc}); rerun it"
        return Part(index, Path(out) / f"part-{index:05d}.nq", 0, 0, (Failure(origins, reason),))


def _origin(segment: Segment) -> str:
    if segment.stop is None:
        return segment.path
    return f"{segment.path}:{segment.start + 1}-{segment.stop}"


def _on_dask(address: str, tasks: list[tuple[Any, ...]], progress: Callable[[Part], None]) -> None:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as completed
    except ImportError:
        raise ConfigError(
            "--dask needs the 'distributed' extra: pip install 'bilateral-kg[distributed]'"
        ) from None
    try:
        client = Client(address, timeout="30s")
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    with client:
        futures = {client.submit(extract_partition, *t, pure=False): t for t in tasks}
        for future in completed(list(futures)):
            progress(_outcome(future.result, futures[future]))


def map_partitions(
    paths: Sequence[str | Path] | str | Path,
    out: Path | str,
    partitions: int,
    *,
    engine: str = "processes",
    dask: str | None = None,
    workers: int | None = None,
    progress: Callable[[Part], None] | None = None,
) -> MapSummary:
    """Extract the inputs under ``paths`` as ``partitions`` independent tasks into ``out``.

    ``engine`` is ``"processes"`` (a local pool of ``workers`` processes) or ``"dask"``
    (the Dask scheduler at the address ``dask``, e.g. ``tcp://10.0.0.1:8786``; every worker
    needs the package and ``out`` must be storage they share). Earlier ``part-*.nq`` files
    in ``out`` are removed first. ``progress`` is called with each part as it is done.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     run = map_partitions([Path(tmp) / "missing.jsonl"], Path(tmp) / "parts", 2)
    ...     run.parts, [f.reason for f in run.failed]
    ([], ['no such file or folder'])
    """
    started = time.perf_counter()
    if isinstance(paths, str | Path):
        paths = [paths]
    if dask is not None:
        engine = "dask"
    if engine not in ("processes", "dask"):
        raise ConfigError(f"unknown engine {engine!r}: expected 'processes' or 'dask'")
    if engine == "dask" and not dask:
        raise ConfigError("the Dask engine needs the address of a scheduler (--dask ADDRESS)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("part-*.nq"):
        stale.unlink()
    slices, unread = plan(paths, partitions)
    summary = MapSummary(unread=unread)
    tasks = [(segments, str(out), i) for i, segments in enumerate(slices)]
    logger.info("extracting %d partitions with %s", len(tasks), engine)

    def done(part: Part) -> None:
        summary.parts.append(part)
        if progress:
            progress(part)

    if not tasks:
        pass
    elif engine == "dask":
        _on_dask(str(dask), tasks, done)
    else:
        count = min(len(tasks), workers or os.cpu_count() or 1)
        # Spawned, not forked: the caller may hold an open store (see kg.ingest.pipeline).
        with ProcessPoolExecutor(count, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(extract_partition, *t): t for t in tasks}
            for future in as_completed(futures):
                done(_outcome(future.result, futures[future]))
    summary.parts.sort(key=lambda part: part.index)
    summary.seconds = time.perf_counter() - started
    return summary
