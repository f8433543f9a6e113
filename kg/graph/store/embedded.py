"""The default store: Oxigraph embedded in the process, on disk or in memory."""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreFullError
from kg.graph.store.base import GraphStore, GraphWrite

__all__ = ["OxigraphStore", "store_error"]

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


def _triples_text(quads: Sequence[ox.Quad]) -> str:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()


def replacement_update(batch: Sequence[GraphWrite]) -> str:
    """One SPARQL update that drops and refills each graph of ``batch``."""
    parts = []
    for write in batch:
        graph = str(ox.NamedNode(write.graph))  # checks the IRI: nothing can break out of <>
        parts.append(f"DROP SILENT GRAPH {graph}")
        if write.quads:
            parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{_triples_text(write.quads)}}} }}")
    return " ;\n".join(parts)


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

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only here")

    def write(self, batch: Sequence[GraphWrite]) -> None:
        self._writable()
        # The same graph twice in a batch: the later write wins, as it would one at a time.
        batch = list({w.graph: w for w in batch}.values())
        if not batch:
            return
        try:
            if any(self.native.contains_named_graph(ox.NamedNode(w.graph)) for w in batch):
                # One update is one transaction: drops and inserts land together or not at all.
                self.native.update(replacement_update(batch))
            else:
                # A plain atomic insert is several times faster than an update for new graphs.
                self.native.extend(q for w in batch for q in w.quads)
                for write in batch:
                    if not write.quads:
                        self.native.add_graph(ox.NamedNode(write.graph))
        except OSError as exc:
            raise store_error(exc, "writing to the store") from exc
        except RuntimeError as exc:  # Oxigraph's error for an update it cannot apply
            raise StoreError(f"writing to the store failed: {exc}") from exc

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        self._writable()
        drops = " ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs)
        if drops:
            try:
                self.native.update(drops)
            except OSError as exc:
                raise store_error(exc, "removing graphs") from exc

    def graph_names(self) -> list[str]:
        return [g.value for g in self.native.named_graphs() if isinstance(g, ox.NamedNode)]

    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        kwargs: dict[str, object] = {}
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
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
