"""The default store: Oxigraph embedded in the process, on disk or in memory."""

from __future__ import annotations

import errno
import logging
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreFullError
from kg.graph.store.base import GraphStore
from kg.graph.store.facts import SUPPORT_COUNT, SUPPORT_GRAPH, Plan, plan_nquads
from kg.graph.vocab import expand

__all__ = ["OxigraphStore", "store_error"]

_SUPPORT = ox.NamedNode(SUPPORT_GRAPH)
#: Set while the additions of a write are in and the counts they replace not yet out.
_PENDING = ox.Quad(
    _SUPPORT, ox.NamedNode(expand("bkg:pendingCounts")), ox.Literal("true"), _SUPPORT
)

logger = logging.getLogger(__name__)


def store_error(exc: OSError, action: str) -> StoreError:
    """Translate an Oxigraph I/O error into our hierarchy, spotting a full disk.

    >>> type(store_error(OSError(errno.ENOSPC, "No space left on device"), "writing")).__name__
    'StoreFullError'
    """
    text = str(exc)
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or "No space left" in text:
        return StoreFullError(
            f"{action} failed: the disk under the store is full. Nothing of this write was "
            "kept; free some space and run the command again."
        )
    return StoreError(f"{action} failed: {text}")


#: Inserts of at least this many quads go in as table files (see ``OxigraphStore._insert``).
BULK_QUADS = 10_000
#: Support counts a writer keeps in memory (about 200 bytes each).
COUNT_CACHE = 500_000


class OxigraphStore(GraphStore):
    """Oxigraph's RocksDB store in ``path``, or an in-memory store when ``path`` is None.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = OxigraphStore(Path(tmp) / "store")
    ...     store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
    ...     store.close()
    ...     OxigraphStore(Path(tmp) / "store").count()  # still there after reopening
    1
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.kind = "memory" if path is None else "embedded"
        # Read-only opens need no lock, so they work beside the process that writes; each
        # sees the store as it was when opened: reopen to see later writes.
        self.read_only = read_only and self.path is not None
        # Keyed by the fact IRI's text: strings and ints are not tracked by Python's
        # cycle collector, so a cache of 500,000 counts costs its collections nothing.
        self._counts: dict[str, int] = {}
        try:
            if self.read_only:
                self.native = ox.Store.read_only(str(self.path))
            else:
                if self.path is not None:
                    self.path.mkdir(parents=True, exist_ok=True)
                self.native = ox.Store(None if self.path is None else str(self.path))
        except OSError as exc:
            raise store_error(exc, f"opening the store at {self.path}") from exc
        logger.debug("opened %s store %s", self.kind, self.path or "")
        if self.path is not None and not self.read_only:
            try:
                self._repair()
            except OSError as exc:
                raise store_error(exc, f"repairing the store at {self.path}") from exc

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only here")

    def _change(
        self,
        changes: Sequence[tuple[str, Sequence[ox.Quad] | None]],
        evidence: Mapping[str, bytes] | None = None,
    ) -> None:
        self._writable()
        super()._change(changes, evidence)

    def _stored(self, graph: str) -> set[ox.Triple] | None:
        named = ox.NamedNode(graph)
        if not self.native.contains_named_graph(named):
            return None
        return {
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.native.quads_for_pattern(None, None, None, named)
        }

    def _support(self, facts: Collection[ox.NamedNode]) -> dict[ox.NamedNode, int]:
        # This process is the store's only writer (it holds the lock), so the counts it
        # wrote or read stay true until an update of unknown effect clears them.
        known = self._counts
        found = {}
        for fact in facts:
            count = known.get(fact.value)
            if count is None:
                count = 0
                for quad in self.native.quads_for_pattern(fact, SUPPORT_COUNT, None, _SUPPORT):
                    count = int(quad.object.value)  # type: ignore[union-attr]
                known[fact.value] = count
            if count:
                found[fact] = count
        return found

    def _apply(self, step: Plan) -> None:
        try:
            self._write(step)
        except BaseException:
            self._counts.clear()  # the write may have landed in part: forget, re-read
            raise
        if len(self._counts) + len(step.counts) > COUNT_CACHE:
            self._counts.clear()
        self._counts.update((fact.value, count) for fact, count in step.counts.items())

    def _write(self, step: Plan) -> None:
        try:
            if step.drop or step.default_remove or step.create:
                # One update is one transaction: removals and additions land together.
                super()._apply(step)
            elif not step.support_remove:
                # Only new facts: a plain atomic insert is several times faster than an update.
                self._insert([plan_nquads(step, self.facts_graph), *step.fill_nquads])
            else:
                self._add_then_raise_counts(step)
        except OSError as exc:
            raise store_error(exc, "writing to the store") from exc
        except (RuntimeError, QueryError) as exc:  # an update Oxigraph cannot apply
            raise StoreError(f"writing to the store failed: {exc}") from exc

    def _insert(self, nquads: Sequence[bytes]) -> None:
        """Add N-Quads in one atomic step.

        Large batches (an ingest's) go in as sorted table files: RocksDB ingests the
        files of every index in one atomic step, at about half the cost of a transaction
        that indexes each quad, and Oxigraph parses the text without making Python
        objects of it. Small ones (an article posted through the API) use a
        transaction, so a stream of single writes does not leave files behind each.
        """
        size = sum(data.count(b"\n") for data in nquads)
        if self.path is None or size < BULK_QUADS:
            self.native.extend(
                [q for data in nquads for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)]
            )
        else:
            # One input, so one loader batch and one atomic ingestion of its files.
            self.native.bulk_load(b"".join(nquads), format=ox.RdfFormat.N_QUADS)

    def _add_then_raise_counts(self, step: Plan) -> None:
        """New articles (the common ingest): add everything, then drop the replaced counts.

        Parsing an update costs more than the rest of the write, so the additions go in
        by one atomic insert that also sets a pending mark, and a small update removes
        the counts they replace with the mark. Counts only rise in such a batch, so a
        kill between the two leaves facts with their old and new count, which
        :meth:`_repair` (run on open while the mark is there) settles on the higher.
        """
        pending = f"{_PENDING} .\n".encode()
        self._insert([plan_nquads(step, self.facts_graph), pending, *step.fill_nquads])
        removed = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in step.support_remove)
        self.native.update(
            f"DELETE DATA {{ GRAPH <{SUPPORT_GRAPH}> {{\n{removed}"
            f"{_PENDING.subject} {_PENDING.predicate} {_PENDING.object} }} }}"
        )

    def _repair(self) -> None:
        if not any(self.native.quads_for_pattern(*_PENDING)):
            return
        logger.warning("finishing a write that was interrupted: settling support counts")
        self.native.update(
            f"DELETE {{ GRAPH <{SUPPORT_GRAPH}> {{ ?f {SUPPORT_COUNT} ?low }} }} "
            f"WHERE {{ GRAPH <{SUPPORT_GRAPH}> {{ ?f {SUPPORT_COUNT} ?low , ?high "
            f"FILTER(?low < ?high) }} }} ; "
            f"DELETE DATA {{ GRAPH <{SUPPORT_GRAPH}> {{ "
            f"{_PENDING.subject} {_PENDING.predicate} {_PENDING.object} }} }}"
        )

    def _has_graph(self, node: ox.NamedNode) -> bool:
        return self.native.contains_named_graph(node)

    def graph_names(self) -> list[str]:
        return [
            g.value
            for g in self.native.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value != SUPPORT_GRAPH
        ]

    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self.native.query(sparql, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QueryError(f"malformed query: {exc}") from None
        except OSError as exc:
            raise store_error(exc, "querying the store") from exc

    def update(self, sparql: str) -> None:
        self._writable()
        self._counts.clear()  # an update may change any count
        try:
            self.native.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed update: {exc}") from None
        except RuntimeError as exc:  # e.g. CREATE GRAPH of a graph that exists
            raise QueryError(f"update refused: {exc}") from None
        except OSError as exc:
            raise store_error(exc, "updating the store") from exc

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        target = None if graph is None else ox.NamedNode(graph)
        return iter(self.native.quads_for_pattern(None, None, None, target))

    def count(self) -> int:
        return len(self.native)

    def close(self) -> None:
        if not hasattr(self, "native"):  # closed already
            return
        try:
            if not self.read_only:
                self.native.flush()
        except OSError as exc:
            logger.warning("flushing the store failed: %s", exc)
        del self.native
