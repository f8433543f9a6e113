"""Which layout a store was written in, and bringing an older store over.

Layout 1 (bilateral-kg before the facts graph) kept only article graphs and asked the
engine for their union as the default graph. Layout 2 (:mod:`kg.graph.store.facts`)
adds the default graph with each fact once and the support counts. A store records
its layout in the support graph; a store with article graphs and no record is layout
1, which :func:`check_layout` refuses with the command to run, and :func:`migrate`
brings over without touching the article graphs.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import StoreLayoutError
from kg.graph.store.base import GraphStore
from kg.graph.store.facts import (
    LAYOUT,
    LAYOUT_MARKER,
    SUPPORT_COUNT,
    SUPPORT_GRAPH,
    fact_iri,
    kind_of,
    plan,
)
from kg.graph.vocab import ONTOLOGY_GRAPH

__all__ = ["MigrationSummary", "check_layout", "inconsistencies", "layout_of", "migrate"]

logger = logging.getLogger(__name__)

#: Source graphs rebuilt per transaction while migrating.
_BATCH = 64


def layout_of(store: GraphStore) -> int | None:
    """The store's layout: its recorded version, 1 for an older store, None when empty.

    >>> from kg.graph.store import open_store
    >>> layout_of(open_store("memory:")) is None
    True
    """
    rows = store.query(
        f"SELECT ?v WHERE {{ GRAPH <{SUPPORT_GRAPH}> {{ <{SUPPORT_GRAPH}> {LAYOUT_MARKER} ?v }} }}"
    )
    versions = [int(row[0].value) for row in rows]  # type: ignore[union-attr]
    if versions:
        return max(versions)
    sources = [g for g in store.graph_names() if g != str(ONTOLOGY_GRAPH)]
    return 1 if sources else None


def check_layout(store: GraphStore, where: str = "", *, record: bool = True) -> None:
    """Record the layout of a new store; refuse an older one with what to run.

    An older store holding only the ontology has nothing to lose and is brought over
    at once. With ``record`` False (a read-only open) nothing is written.

    >>> from kg.graph.store import open_store
    >>> store = open_store("memory:")
    >>> check_layout(store); layout_of(store)
    2
    """
    found = layout_of(store)
    store._layout_checked = found == LAYOUT
    if found == LAYOUT:
        return
    if found is None or (found < LAYOUT and not _articles(store)):
        if not record:
            return
        store.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>")  # reloaded in the new layout
        _mark(store)
        store._layout_checked = True
        return
    if found > LAYOUT:
        raise StoreLayoutError(
            f"the store{where} was written by a newer bilateral-kg (layout {found}); "
            "upgrade bilateral-kg to open it"
        )
    raise StoreLayoutError(
        f"the store{where} was written by an earlier bilateral-kg (one graph per article, "
        "no facts graph). Run `bikg migrate` (with the same --store) to bring it over; "
        "the articles it holds are kept as they are."
    )


@dataclass(slots=True)
class MigrationSummary:
    """What :func:`migrate` did.

    >>> print(MigrationSummary(graphs=2, facts=150))
    migrated 2 article graphs: 150 facts in the default graph
    """

    graphs: int = 0
    facts: int = 0

    def __str__(self) -> str:
        return f"migrated {self.graphs} article graphs: {self.facts:,} facts in the default graph"


def migrate(store: GraphStore, progress: Callable[[int], object] | None = None) -> MigrationSummary:
    """Build the default graph and support counts of an older store from its article graphs.

    Article graphs are read, never rewritten. The layout is recorded last, so an
    interrupted migration leaves an older store that can be migrated again.

    >>> from kg.graph.store import open_store
    >>> from kg.graph.store.base import GraphWrite
    >>> store = open_store("memory:")
    >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> store.native.add(ox.Quad(a, label, ox.Literal("Batam"), g))  # as layout 1 wrote it
    >>> layout_of(store)
    1
    >>> print(migrate(store)); layout_of(store)
    migrated 1 article graphs: 1 facts in the default graph
    2
    """
    default = "DEFAULT" if store.facts_graph is None else f"GRAPH <{store.facts_graph}>"
    store.update(
        f"DROP SILENT {default} ; DROP SILENT GRAPH <{SUPPORT_GRAPH}> ; "
        f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}>"
    )
    summary = MigrationSummary()
    graphs = _articles(store)
    for start in range(0, len(graphs), _BATCH):
        chunk = graphs[start : start + _BATCH]
        changes = [(g, list(store.quads(g))) for g in chunk]
        step = plan(changes, lambda _graph: None, store._support)
        step.fill.clear()  # the article graphs are there already
        step.create.clear()
        store._apply(step)
        summary.graphs += len(chunk)
        if progress is not None:
            progress(len(chunk))
    _mark(store)
    store._layout_checked = True
    summary.facts = _count(store)
    logger.info("%s", summary)
    return summary


def _articles(store: GraphStore) -> list[str]:
    return sorted(g for g in store.graph_names() if g != str(ONTOLOGY_GRAPH))


def _mark(store: GraphStore) -> None:
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    marker = f"<{SUPPORT_GRAPH}> {LAYOUT_MARKER} {ox.Literal(str(LAYOUT), datatype=integer)}"
    store.update(
        f"DELETE WHERE {{ GRAPH <{SUPPORT_GRAPH}> {{ <{SUPPORT_GRAPH}> {LAYOUT_MARKER} ?v }} }} ; "
        f"INSERT DATA {{ GRAPH <{SUPPORT_GRAPH}> {{ {marker} }} }}"
    )


def _count(store: GraphStore) -> int:
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows.rows[0][0].value)  # type: ignore[union-attr]


def inconsistencies(store: GraphStore, most: int = 20) -> list[str]:
    """What differs between the source graphs and the default graph and support counts.

    Reads the whole store: for checks and tests, not for every request. An empty list
    means the default graph is exactly the facts the source graphs state and each
    count is the number of source graphs stating its fact.

    >>> from kg.graph.store import open_store
    >>> from kg.graph.store.base import GraphWrite
    >>> store = open_store("memory:")
    >>> g, a = ox.NamedNode("urn:article:1"), ox.NamedNode("urn:batam")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> store.write([GraphWrite("urn:article:1", [ox.Quad(a, label, ox.Literal("Batam"), g)])])
    >>> inconsistencies(store)
    []
    >>> store.update("INSERT DATA { GRAPH <urn:article:1> { <urn:a> <urn:p> <urn:b> } }")
    >>> inconsistencies(store)  # written by hand, around the facts model
    ['missing from the default graph: <urn:a> <urn:p> <urn:b>', \
'no support count for <urn:a> <urn:p> <urn:b> (stated 1 times)']
    """
    expected: set[ox.Triple] = set()
    support: Counter[ox.Triple] = Counter()
    for graph in store.graph_names():
        for quad in store.quads(graph):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            kind = kind_of(triple, graph)
            if kind != "evidence":
                expected.add(triple)
            if kind == "shared":
                support[triple] += 1
    default = ox.DefaultGraph()  # quads() gives a remote store's facts graph as the default
    support_graph = ox.NamedNode(SUPPORT_GRAPH)
    found: set[ox.Triple] = set()
    counts: dict[ox.NamedNode, list[int]] = {}
    for quad in store.quads():
        if quad.graph_name == default:
            found.add(ox.Triple(quad.subject, quad.predicate, quad.object))
        elif quad.graph_name == support_graph and quad.predicate == SUPPORT_COUNT:
            counts.setdefault(quad.subject, []).append(int(quad.object.value))  # type: ignore[arg-type,union-attr]
    problems = [f"missing from the default graph: {t}" for t in sorted(expected - found, key=str)]
    problems += [f"stated by no source graph: {t}" for t in sorted(found - expected, key=str)]
    for triple, n in sorted(support.items(), key=lambda item: str(item[0])):
        seen = counts.pop(fact_iri(triple), None)
        if seen is None:
            problems.append(f"no support count for {triple} (stated {n} times)")
        elif seen != [n]:
            problems.append(f"support of {triple} is {seen}, stated {n} times")
    problems += [f"a count for a fact no graph states: {fact}" for fact in sorted(counts, key=str)]
    return problems[:most]
