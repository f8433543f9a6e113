"""Load N-Quads parts (from :func:`kg.ingest.partition.map_partitions`) into a store.

Into a SPARQL server, each part is one POST to its Graph Store endpoint (Oxigraph server's
``/store``, GraphDB's ``/repositories/<id>/statements``), so a part goes in whole or not at
all; the parts hold article graphs only, and one SPARQL 1.1 update
(:func:`~kg.graph.store.facts.rebuild_update`) then builds the default graph of facts and
the support counts on the server. Into any other store (a folder, ``memory:``, a server
without a Graph Store endpoint) each article graph is written as ``bikg ingest`` writes it.

Every part is parsed here first: a broken part is reported as one line naming the file and
line, and the rest of the batch still goes in.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg.errors import SourceError, StoreError
from kg.graph.store import GraphStore, GraphWrite
from kg.graph.store.facts import rebuild_update
from kg.ingest.pipeline import BATCH, Failure

__all__ = ["LoadSummary", "check_part", "default_graph_store_url", "load_parts", "part_files"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadSummary:
    """What a load did; ``ok`` is False when a part did not go in.

    >>> print(LoadSummary(loaded=2, quads=1500, failed=[Failure("p/part-00001.nq:3", "bad")]))
    2 parts loaded (1,500 quads), 1 failed; 0.0 s
      failed: p/part-00001.nq:3: bad
    """

    loaded: int = 0
    quads: int = 0
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every part went in.

        >>> LoadSummary(loaded=1).ok
        True
        """
        return not self.failed

    def __str__(self) -> str:
        lines = [
            f"{self.loaded} parts loaded ({self.quads:,} quads), {len(self.failed)} failed; "
            f"{self.seconds:.1f} s"
        ]
        lines += [f"  failed: {f}" for f in self.failed]
        return "\n".join(lines)


def part_files(paths: Iterable[str | Path]) -> list[Path | SourceError]:
    """The part files named by ``paths``: a folder stands for its ``*.nq`` files, sorted.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("part-00001.nq", "part-00000.nq", "notes.txt"):
    ...         _ = (Path(tmp) / name).write_text("")
    ...     [getattr(p, "name", str(p)) for p in part_files([tmp, "no/such.nq"])]
    ['part-00000.nq', 'part-00001.nq', 'no/such.nq: no such file or folder']
    """
    found: list[Path | SourceError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.nq")))
        elif path.is_file():
            found.append(path)
        else:
            found.append(SourceError(str(path), "no such file or folder"))
    return found


def default_graph_store_url(store: GraphStore) -> str | None:
    """Where a store takes whole N-Quads files: ``/store`` beside an Oxigraph server's
    ``/query``; None for other stores, which are written article graph by article graph.

    >>> from kg.graph.store import open_store
    >>> default_graph_store_url(open_store("http://127.0.0.1:7878/query"))
    'http://127.0.0.1:7878/store'
    >>> default_graph_store_url(open_store("http://127.0.0.1:8890/sparql")) is None
    True
    """
    query_url = getattr(store, "query_url", None)
    if not query_url:
        return None
    head, _, last = str(query_url).rstrip("/").rpartition("/")
    return f"{head}/store" if last == "query" else None


def _quads(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        reason = str(exc.args[0] if exc.args else exc).split(": ", 1)[-1]
        line = exc.lineno or 0
        if "line jump" in reason and exc.offset == 1 and line > 1:
            line -= 1  # a quad cut short is reported where the next line starts
        raise SourceError(f"{path}:{line}", f"not N-Quads: {reason}") from None
    except OSError as exc:
        raise SourceError(str(path), f"cannot read: {exc.strerror or exc}") from None


def check_part(path: Path) -> int:
    """Parse a part and count its quads; a :class:`~kg.errors.SourceError` names the line
    that is not N-Quads.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     part = Path(tmp) / "part-00000.nq"
    ...     _ = part.write_text('<urn:a> <urn:b> "c" <urn:g> .' + chr(10) + "<urn:a> <urn:b")
    ...     check_part(part)
    Traceback (most recent call last):
    kg.errors.SourceError: /.../part-00000.nq:2: not N-Quads: ...
    """
    count = 0
    for quad in _quads(path):
        count += 1  # one quad a line in the parts we write
        if isinstance(quad.graph_name, ox.DefaultGraph):
            raise SourceError(f"{path}:{count}", "a triple outside an article graph")
    return count


def _post(client: httpx.Client, url: str, body: bytes, media: str) -> None:
    try:
        response = client.post(url, content=body, headers={"Content-Type": media})
    except httpx.HTTPError as exc:
        raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from exc
    if response.status_code >= 300:
        raise StoreError(f"{url} answered {response.status_code}: {response.text[:300].strip()}")


def _write(store: GraphStore, path: Path) -> None:
    """Write a part's graphs as an ingest does, a batch of article graphs per transaction."""
    graphs: dict[str, list[ox.Quad]] = {}
    for quad in _quads(path):
        graphs.setdefault(quad.graph_name.value, []).append(quad)  # type: ignore[union-attr]
    writes = [GraphWrite(graph, quads) for graph, quads in graphs.items()]
    for start in range(0, len(writes), BATCH):
        store.write(writes[start : start + BATCH])


def load_parts(
    parts: Sequence[Path | SourceError],
    store: GraphStore,
    *,
    graph_store_url: str | None = None,
    timeout: float = 600.0,
    progress: Callable[[str, Failure | None], None] | None = None,
) -> LoadSummary:
    """Load N-Quads ``parts`` into ``store``; report a broken part and go on with the rest.

    With ``graph_store_url`` (a remote store's Graph Store endpoint), each part is one POST
    there and the facts are rebuilt on the server at the end; otherwise each article graph
    is written through ``store`` (facts and counts kept in step as by an ingest).
    ``progress`` is called with each part and its failure, if any.

    >>> import tempfile
    >>> from kg.graph.store import open_store
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     good, bad = Path(tmp) / "part-00000.nq", Path(tmp) / "part-00001.nq"
    ...     graph = "<https://w3id.org/bilateral-kg/id/article/x>"
    ...     _ = good.write_text(f"<urn:a> <urn:b> <urn:c> {graph} ." + chr(10))
    ...     _ = bad.write_text("<urn:a> <urn:b>" + chr(10))
    ...     store = open_store("memory:")
    ...     done = load_parts(part_files([tmp]), store)
    >>> done.loaded, [Path(f.origin).name for f in done.failed], store.count() > 0
    (1, ['part-00001.nq:1'], True)
    """
    started = time.perf_counter()
    summary = LoadSummary()
    client = httpx.Client(timeout=timeout) if graph_store_url else None
    try:
        for part in parts:
            failure = None
            try:
                if isinstance(part, SourceError):
                    raise part
                quads = check_part(part)
                if client is not None:
                    _post(client, str(graph_store_url), part.read_bytes(), "application/n-quads")
                else:
                    _write(store, part)
            except (SourceError, StoreError) as exc:
                origin = getattr(exc, "origin", str(part))
                failure = Failure(origin, getattr(exc, "reason", str(exc)))
                summary.failed.append(failure)
                logger.warning("%s", failure)
            else:
                summary.loaded += 1
                summary.quads += quads
                logger.debug("loaded %s", part)
            if progress:
                progress(getattr(part, "origin", str(part)), failure)
    finally:
        if client is not None:
            client.close()
    if client is not None and summary.loaded:
        store.select("SELECT * WHERE { } LIMIT 1")  # learns where the server keeps the facts
        store.update(rebuild_update(getattr(store, "facts_graph", None)))
        logger.info("built the default graph of facts and the support counts")
    summary.seconds = time.perf_counter() - started
    return summary
