"""The baseline every figure is compared with: rdflib's in-memory store and SPARQL engine.

:class:`RdflibStore` is a :class:`~kg.graph.store.GraphStore` over an rdflib ``Dataset``
(``default_union=True``, like our Oxigraph stores), so :func:`kg.ingest.ingest` can write
into it unchanged. :func:`timed_query` runs one query with a time cap, using ``SIGALRM``
(rdflib's engine is pure Python, so the alarm interrupts it between bytecodes).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.graph.results import BooleanResult, GraphResult, QueryResult, Solutions
from kg.graph.store.base import GraphStore, GraphWrite

__all__ = ["QueryCappedError", "RdflibStore", "load_nquads", "timed_query"]


class QueryCappedError(Exception):
    """A baseline query ran past its time cap."""


class RdflibStore(GraphStore):
    """rdflib's in-memory ``Dataset``; queries see the union of the named graphs."""

    kind = "rdflib"

    def __init__(self) -> None:
        self.dataset = Dataset(default_union=True)

    def write(self, batch: Sequence[GraphWrite]) -> None:
        for write in batch:
            self.dataset.remove_graph(URIRef(write.graph))
        data = ox.serialize([q for w in batch for q in w.quads], format=ox.RdfFormat.N_QUADS)
        if data:
            self.dataset.parse(data=data.decode("utf-8"), format="nquads")

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self.dataset.remove_graph(URIRef(graph))

    # The baseline keeps rdflib's union default graph and writes graphs directly (above),
    # so the facts model's planning hooks are never called.
    def _stored(self, graph: str) -> set[ox.Triple] | None:
        raise NotImplementedError("the rdflib baseline writes graphs directly")

    def _support(self, facts: Collection[ox.NamedNode]) -> dict[ox.NamedNode, int]:
        raise NotImplementedError("the rdflib baseline keeps no support counts")

    def graph_names(self) -> list[str]:
        return [
            str(c.identifier) for c in self.dataset.contexts() if isinstance(c.identifier, URIRef)
        ]

    def query(self, sparql: str, **_: Any) -> QueryResult:
        """Run ``sparql`` on rdflib's engine; rows come back as pyoxigraph terms.

        Results are converted here rather than parsed by pyoxigraph, whose result objects
        must not be dropped on another thread (the process pool's).
        """
        result = self.dataset.query(sparql)
        if result.type == "ASK":
            return BooleanResult(bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars or []]
            rows = [tuple(_ox(term) for term in row) for row in result]  # type: ignore[union-attr]
            return Solutions(variables, rows)
        data = result.serialize(format="nt") or b""
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        ]
        return GraphResult(triples)

    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions:
        raise NotImplementedError("RdflibStore answers through query()")

    def update(self, sparql: str) -> None:
        self.dataset.update(sparql)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        data = self.dataset.serialize(format="nquads", encoding="utf-8")
        for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
            if graph is None or (
                isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == graph
            ):
                yield quad

    def count(self) -> int:
        return sum(len(c) for c in self.dataset.contexts())


def _ox(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def load_nquads(path: Path | str) -> Dataset:
    """An rdflib Dataset (union default graph) holding the N-Quads file ``path``."""
    dataset = Dataset(default_union=True)
    dataset.parse(str(path), format="nquads")
    return dataset


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise QueryCappedError


def timed_query(dataset: Dataset, query: str, cap: float) -> tuple[float | None, int]:
    """Seconds to run ``query`` and read every row (``None`` past ``cap``), and the rows.

    Must run in the main thread (it uses ``SIGALRM``); elsewhere the cap is not enforced.
    """
    main = threading.current_thread() is threading.main_thread()
    old: Any = None
    if main:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, cap)
    started = time.perf_counter()
    try:
        rows = sum(1 for _ in dataset.query(query))
    except QueryCappedError:
        return None, 0
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return time.perf_counter() - started, rows
