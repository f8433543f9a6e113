"""What every graph store offers: atomic per-article graphs and SPARQL by string.

A store holds a dataset: one named graph per source (an article, the ontology), the
default graph with each fact of those graphs once, and the support graph with how
many sources state each fact (:mod:`kg.graph.store.facts`). Every write keeps the
three in step in one transaction. Queries see the default graph (the knowledge
graph) unless the caller names graphs. Queries are passed as strings to the store's
own engine, never as rdflib prepared queries, which oxrdflib would silently hand to
rdflib's much slower engine.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, cast, overload

import pyoxigraph as ox

from kg.errors import QueryTimeoutError, ResultTooLargeError, StoreError
from kg.graph.results import (
    BooleanResult,
    EncodedSolutions,
    GraphResult,
    QueryResult,
    Solutions,
)
from kg.graph.store.facts import SUPPORT_GRAPH, Plan, plan, render_update

__all__ = ["GraphStore", "GraphWrite", "QueryLimits", "check_quads", "graph_node"]


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """How long a query may run and how many rows it may return.

    >>> QueryLimits(timeout=30.0, max_rows=1000).max_rows
    1000
    """

    timeout: float | None = None
    max_rows: int | None = None


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """Replace one named graph by ``quads`` (all of which must be in that graph).

    >>> GraphWrite("urn:article:1", []).graph
    'urn:article:1'
    """

    graph: str
    quads: Sequence[ox.Quad]
    #: More quads of the graph as N-Quads, all with evidence nodes as subjects (see
    #: :func:`~kg.graph.store.facts.split_evidence`): they state no facts, so a store can
    #: write them without reading them. The ingest pipeline serialises them in its
    #: workers, after checking them with :func:`check_quads`.
    evidence: bytes = b""


class GraphStore(ABC):
    """A dataset of named graphs behind a SPARQL engine.

    >>> from kg.graph.store import open_store
    >>> with open_store("memory:") as store:
    ...     isinstance(store, GraphStore), store.kind, store.count()
    (True, 'memory', 0)
    """

    #: ``embedded``, ``memory`` or ``remote``
    kind: str = "abstract"

    #: The graph that plays the default graph: ``None`` for the real default graph;
    #: a named graph on servers whose default graph is the union of all (Virtuoso).
    facts_graph: str | None = None

    def write(self, batch: Sequence[GraphWrite]) -> None:
        """Replace each graph of ``batch`` in one transaction: all or nothing.

        The default graph and the support counts change with it: a fact enters the
        default graph with the first graph that states it and leaves with the last.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.query("SELECT ?o WHERE { ?s ?p ?o }").dicts()  # the default graph
        [{'o': 'Batam'}]
        >>> store.write([GraphWrite("urn:article:1", [])])  # replaced by nothing
        >>> store.query("ASK { ?s ?p ?o }").value
        False
        """
        # The same graph twice in a batch: the later write wins, as it would one at a time.
        latest = {w.graph: w for w in batch}
        for write in latest.values():
            check_quads(write.graph, write.quads)
        evidence = {w.graph: w.evidence for w in latest.values() if w.evidence}
        self._change([(w.graph, w.quads) for w in latest.values()], evidence)

    def drop_graphs(self, graphs: Iterable[str]) -> None:
        """Remove source graphs and the facts only they stated (absent ones are ignored).

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.drop_graphs(["urn:article:1", "urn:never-there"])
        >>> store.graph_names(), store.query("ASK { ?s ?p ?o }").value
        ([], False)
        """
        self._change([(graph, None) for graph in dict.fromkeys(graphs)])

    #: Set once the store's layout is known to be this one (checked before the first write).
    _layout_checked: bool = False

    def _change(
        self,
        changes: Sequence[tuple[str, Sequence[ox.Quad] | None]],
        evidence: Mapping[str, bytes] | None = None,
    ) -> None:
        if not changes:
            return
        if not self._layout_checked:
            # A new store records its layout; one of an older layout is refused before
            # anything is written into it in the wrong shape.
            from kg.graph.store.layout import check_layout

            check_layout(self)
            self._layout_checked = True
        self._apply(plan(changes, self._stored, self._support, evidence))

    def _apply(self, step: Plan) -> None:
        """Apply a plan in one transaction (a store may override with a faster way)."""
        text = render_update(step, self.facts_graph)
        if text:
            self.update(text)

    def has_graph(self, graph: str) -> bool:
        """Whether a source graph of that name exists (stores override with a lookup).

        >>> from kg.graph.store import open_store
        >>> open_store("memory:").has_graph("urn:article:1")
        False
        >>> open_store("memory:").has_graph('not an "IRI"')  # names no graph
        False
        """
        node = graph_node(graph)
        return node is not None and graph != SUPPORT_GRAPH and self._has_graph(node)

    def _has_graph(self, node: ox.NamedNode) -> bool:
        """Whether the named graph ``node`` (not the support graph) exists."""
        return node.value in self.graph_names()

    @abstractmethod
    def _stored(self, graph: str) -> set[ox.Triple] | None:
        """The triples of a named graph, ``None`` when it does not exist."""

    @abstractmethod
    def _support(self, facts: Collection[ox.NamedNode]) -> dict[ox.NamedNode, int]:
        """The support count of each fact IRI that has one."""

    @abstractmethod
    def graph_names(self) -> list[str]:
        """IRIs of every source graph (articles, the ontology; not the support graph).

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.graph_names()
        ['urn:article:1']
        """

    @abstractmethod
    def _query(
        self,
        sparql: str,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | Iterator[ox.Triple]:
        """Start a query on the native engine; results may be lazy."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update in one transaction.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }")
        >>> store.count()
        1
        """

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> [q.object.value for q in store.quads("urn:article:1")]
        ['Batam']
        """

    @abstractmethod
    def count(self) -> int:
        """Number of quads in the store, in every graph (default and support included).

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.count()  # the article's quad, its fact, the fact's count node, the layout
        7
        """

    def close(self) -> None:  # noqa: B027 - optional for stores holding nothing open
        """Release files and connections.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> store.close()
        """

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @overload
    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limits: QueryLimits = QueryLimits(),
        encode: None = None,
    ) -> QueryResult: ...

    @overload
    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limits: QueryLimits = QueryLimits(),
        encode: str,
    ) -> QueryResult | EncodedSolutions: ...

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        limits: QueryLimits = QueryLimits(),
        encode: str | None = None,
    ) -> QueryResult | EncodedSolutions:
        """Run a query and read its results, enforcing ``limits`` while reading.

        With ``encode`` (a results format: ``json`` or ``xml``), SELECT rows come back
        as :class:`~kg.graph.results.EncodedSolutions` in that format, written by the
        engine itself without a Python object per value (other forms of query, and
        other formats, as usual).

        Raises :class:`~kg.errors.QueryError` for a malformed query,
        :class:`~kg.errors.QueryTimeoutError` and :class:`~kg.errors.ResultTooLargeError`
        for the limits.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.query("ASK { ?s ?p 'Batam' }").value
        True
        >>> limits = QueryLimits(max_rows=0)
        >>> store.query("SELECT * WHERE { ?s ?p ?o }", limits=limits)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        kg.errors.ResultTooLargeError: the query returned more than 0 results; ...
        >>> store.query("SELECT ?o WHERE { ?s ?p ?o }", encode="json").body
        b'{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"Batam"}}]}}'
        >>> store.query("SELECT ?o WHERE { ?s ?p ?o }", encode="json", limits=limits)
        Traceback (most recent call last):
        ...
        kg.errors.ResultTooLargeError: the query returned more than 0 results; ...
        """
        deadline = None if limits.timeout is None else time.monotonic() + limits.timeout
        if not default_graphs and self.facts_graph is not None:
            default_graphs = [self.facts_graph]
        raw = self._query(sparql, default_graphs, named_graphs)
        if isinstance(raw, ox.QueryBoolean):
            return BooleanResult(bool(raw))
        if isinstance(raw, ox.QuerySolutions):
            if encode in _NATIVE:
                body = _encode(raw, encode, deadline, limits)
                if body is not None:
                    return EncodedSolutions(body, encode)
                # Perhaps more rows than the cap allows: run it again, counting them.
                raw = cast(ox.QuerySolutions, self._query(sparql, default_graphs, named_graphs))
            variables = [v.value for v in raw.variables]
            # A solution iterates its values in the order of the variables (None where
            # unbound): faster than looking each variable up by name.
            return Solutions(variables, _read(raw, deadline, limits, tuple))
        return GraphResult(_read(raw, deadline, limits, _as_triple))

    def select(self, sparql: str) -> Solutions:
        """Run a SELECT query (no limits) and return its rows.

        >>> from kg.graph.store import open_store
        >>> store = open_store("memory:")
        >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
        >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
        >>> store.select("SELECT ?o WHERE { ?s ?p ?o }").dicts()
        [{'o': 'Batam'}]
        """
        result = self.query(sparql)
        if not isinstance(result, Solutions):
            raise TypeError("select() needs a SELECT query")
        return result


def graph_node(graph: str) -> ox.NamedNode | None:
    """The graph name as an IRI, or None when it is not one (it then names no graph).

    >>> graph_node("urn:article:1").value, graph_node("article/a b")
    ('urn:article:1', None)
    """
    try:
        return ox.NamedNode(graph)
    except ValueError:
        return None


def check_quads(graph: str, quads: Iterable[ox.Quad]) -> None:
    """Refuse quads a source graph cannot hold: those of another graph, blank nodes.

    >>> a, g = ox.NamedNode("urn:a"), ox.NamedNode("urn:g")
    >>> check_quads("urn:g", [ox.Quad(a, a, ox.BlankNode(), g)])
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: blank nodes cannot be stored in urn:g: ...
    """
    # Blank nodes have no identity across graphs and cannot be named in DELETE DATA:
    # sources skolemize them (see kg.graph.ontology).
    name = ox.NamedNode(graph)
    blank = ox.BlankNode
    for quad in quads:
        if quad.graph_name != name:
            raise StoreError(f"a quad for {graph} names another graph: {quad}")
        if type(quad.subject) is blank or type(quad.object) is blank:
            raise StoreError(f"blank nodes cannot be stored in {graph}: {quad}")


def _as_triple(item: ox.Triple | ox.Quad) -> ox.Triple:
    if isinstance(item, ox.Quad):
        return ox.Triple(item.subject, item.predicate, item.object)
    return item


def _read(
    results: Iterable[Any],
    deadline: float | None,
    limits: QueryLimits,
    convert: Callable[[Any], Any],
) -> list[Any]:
    out = []
    check_every = 256
    for index, item in enumerate(results):
        out.append(convert(item))
        if limits.max_rows is not None and len(out) > limits.max_rows:
            raise _too_many(limits.max_rows)
        if deadline is not None and index % check_every == 0 and time.monotonic() > deadline:
            raise QueryTimeoutError(_timeout_message(limits.timeout))
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeoutError(_timeout_message(limits.timeout))
    return out


#: Results formats the engine writes itself, each with a byte string that bounds its
#: rows from above: a JSON row after the first begins ``,{`` (inside a row a comma comes
#: before a quoted name; a value may add more, never fewer); an XML row is a
#: ``<result>`` element (a ``<`` in a value is escaped). Counted at C speed.
_NATIVE = {
    "json": (ox.QueryResultsFormat.JSON, b",{", 1),
    "xml": (ox.QueryResultsFormat.XML, b"<result>", 0),
}


class _MaybeTooManyError(Exception):
    """The rows written so far may pass the cap: count them exactly instead."""


class _Sink:
    """Where the engine writes its results (8 KB at a time; it stops when a write
    raises): the chunks, with the deadline and the bound on the rows checked on each."""

    def __init__(self, fmt: str, deadline: float | None, limits: QueryLimits) -> None:
        _, self.marker, self.rows = _NATIVE[fmt]
        self.chunks: list[bytes] = []
        self.deadline = deadline
        self.limits = limits
        self.tail = b""  # the previous chunk's end, for a marker cut in two

    def write(self, chunk: bytes) -> int:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise QueryTimeoutError(_timeout_message(self.limits.timeout))
        data = bytes(chunk)
        self.chunks.append(data)
        if self.limits.max_rows is not None:
            self.rows += (self.tail + data).count(self.marker)
            self.tail = data[1 - len(self.marker) :]  # markers are two bytes or more
            if self.rows > self.limits.max_rows:
                raise _MaybeTooManyError
        return len(data)

    def flush(self) -> None:
        pass


def _encode(
    solutions: ox.QuerySolutions, fmt: str, deadline: float | None, limits: QueryLimits
) -> bytes | None:
    """The rows as the engine writes them in ``fmt``, or None when they may be more
    than the row cap allows (the caller then counts them one by one)."""
    sink = _Sink(fmt, deadline, limits)
    try:
        solutions.serialize(cast(IO[bytes], sink), _NATIVE[fmt][0])
    except _MaybeTooManyError:
        return None
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeoutError(_timeout_message(limits.timeout))
    return b"".join(sink.chunks)


def _too_many(max_rows: int) -> ResultTooLargeError:
    return ResultTooLargeError(
        f"the query returned more than {max_rows:,} results; add a LIMIT or narrow it down"
    )


def _timeout_message(timeout: float | None) -> str:
    return f"the query ran longer than the {timeout:g} s timeout and was stopped"
