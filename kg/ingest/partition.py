"""Beyond one machine: extraction as a map over article partitions, writing N-Quads.

Each partition is a line range of a JSON-lines corpus; a task reads its lines, extracts each
article and writes ``part-<n>.nq`` holding every article's named graph. Tasks share nothing,
so they run on any engine that maps a function over a list: Dask (the optional extra
``distributed``: ``pip install 'bilateral-kg[distributed]'``; a ``dask.distributed`` cluster is
used when a client is active) or, without it, a local process pool. The parts are then
bulk-loaded into a SPARQL 1.1 server (:func:`load_into_server` for Oxigraph server; see
``docs/scaling.md`` for Virtuoso, GraphDB and Neptune) that the app uses through
``--store http://host:port/query``.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

from kg.errors import SourceError, StoreError
from kg.graph.store.facts import rebuild_update

__all__ = ["Part", "load_into_server", "map_partitions", "partition_ranges"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Part:
    """One partition's output: its N-Quads file and what went into it."""

    index: int
    path: Path
    articles: int
    quads: int
    failed: int


def partition_ranges(total: int, partitions: int) -> list[tuple[int, int]]:
    """``partitions`` contiguous ``(start, stop)`` line ranges covering ``total`` lines.

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


def extract_partition(source: str, start: int, stop: int, out: str, index: int) -> Part:
    """Extract lines ``start`` to ``stop - 1`` of ``source`` into ``out/part-<index>.nq``."""
    from kg.config import get_settings
    from kg.ingest import Processed, process_article
    from kg.sources.fields import make_article

    max_bytes = get_settings().max_article_bytes
    path = Path(out) / f"part-{index:05d}.nq"
    tmp = path.with_suffix(".nq.tmp")
    articles = quads = failed = 0
    with open(source, encoding="utf-8") as lines, tmp.open("wb") as handle:
        for number, line in enumerate(lines):
            if number < start:
                continue
            if number >= stop:
                break
            origin = f"{source}:{number + 1}"
            try:
                article = make_article(json.loads(line), origin, max_bytes)
            except (json.JSONDecodeError, SourceError) as exc:
                logger.warning("%s: %s", origin, exc)
                failed += 1
                continue
            result = process_article(article)
            if isinstance(result, Processed):
                handle.write(result.nquads)
                articles += 1
                quads += result.nquads.count(b"\n")
            else:
                logger.warning("%s", result)
                failed += 1
    tmp.replace(path)  # a part exists only once it is complete
    return Part(index, path, articles, quads, failed)


def _engine(engine: str) -> str:
    if engine != "auto":
        return engine
    try:
        import dask  # noqa: F401
    except ImportError:
        return "processes"
    return "dask"


def map_partitions(
    source: Path | str,
    out: Path | str,
    partitions: int,
    *,
    engine: str = "auto",
    workers: int | None = None,
) -> list[Part]:
    """Extract a JSON-lines corpus as ``partitions`` independent tasks; the parts written.

    ``engine`` is ``"dask"`` (``dask.delayed``, computed on the active ``dask.distributed``
    client if there is one, else Dask's local process scheduler), ``"processes"`` (a local
    process pool) or ``"auto"`` (Dask when it is installed).
    """
    source, out = Path(source), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle:
        total = sum(1 for _ in handle)
    tasks = [
        (str(source), start, stop, str(out), i)
        for i, (start, stop) in enumerate(partition_ranges(total, partitions))
    ]
    chosen = _engine(engine)
    logger.info("extracting %d articles in %d partitions with %s", total, len(tasks), chosen)
    if chosen == "dask":
        import dask

        delayed = [dask.delayed(extract_partition)(*t) for t in tasks]
        try:
            from dask.distributed import default_client

            default_client()
            scheduler = None  # the active distributed client
        except (ImportError, ValueError):
            scheduler = "processes"
        options = {"num_workers": workers} if scheduler and workers else {}
        computed = dask.compute(*delayed, scheduler=scheduler, **options)
        return list(computed)
    if chosen != "processes":
        raise ValueError(f"unknown engine {engine!r}")
    with ProcessPoolExecutor(workers or os.cpu_count() or 1) as pool:
        return list(pool.map(extract_partition, *zip(*tasks, strict=True)))


def load_into_server(
    parts: Sequence[Path | str],
    store_url: str,
    timeout: float = 600,
    update_url: str | None = None,
) -> None:
    """POST N-Quads parts to a SPARQL 1.1 Graph Store endpoint that accepts datasets, then
    build the default graph of facts and the support counts on the server.

    ``store_url`` is Oxigraph server's ``http://host:port/store`` (GraphDB's
    ``/repositories/<id>/statements`` accepts the same request). Each part is one request,
    so a part is loaded whole or not at all. The parts hold article graphs only; one
    SPARQL 1.1 update (:func:`~kg.graph.store.facts.rebuild_update`, sent to
    ``update_url``, by default ``/update`` beside ``/store``) then derives the facts.
    """
    with httpx.Client(timeout=timeout) as client:
        for part in parts:
            with open(part, "rb") as handle:
                response = client.post(
                    store_url,
                    content=handle.read(),
                    headers={"Content-Type": "application/n-quads"},
                )
            if response.status_code >= 300:
                raise StoreError(
                    f"loading {part} into {store_url} failed: "
                    f"{response.status_code} {response.text[:300]}"
                )
            logger.info("loaded %s", part)
        target = update_url or store_url.rstrip("/").rsplit("/", 1)[0] + "/update"
        response = client.post(
            target,
            content=rebuild_update().encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        if response.status_code >= 300:
            raise StoreError(
                f"building the facts graph at {target} failed: "
                f"{response.status_code} {response.text[:300]}"
            )
        logger.info("built the default graph of facts and the support counts at %s", target)
