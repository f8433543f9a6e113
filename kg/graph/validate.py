"""SHACL validation of the store, one article graph at a time, with readable results."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from kg.graph.store import GraphStore
from kg.graph.vocab import ONTOLOGY_GRAPH, PREFIXES, SHAPES_FILE

__all__ = ["Violation", "validate_store"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: the article graph, the focus node, the path and the message.

    >>> print(Violation("urn:g", "urn:n", "bkg:party", "needs two parties", "Violation"))
    Violation: <urn:n> bkg:party: needs two parties  [urn:g]
    """

    graph: str
    focus: str
    path: str | None
    message: str
    severity: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}  [{self.graph}]"


@dataclass(slots=True)
class ValidationReport:
    """How many graphs were checked and what failed; ``conforms`` when nothing did.

    >>> ValidationReport(graphs=3).conforms
    True
    """

    graphs: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


def _rdflib_graph(store: GraphStore, graph: str) -> Graph:
    data = ox.serialize(
        (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(graph)),
        format=ox.RdfFormat.N_TRIPLES,
    )
    result = Graph()
    for prefix, namespace in PREFIXES.items():  # so violations name paths as bkg:party
        result.bind(prefix, namespace, replace=True)
    result.parse(data=data or b"", format="nt")
    return result


def validate_store(store: GraphStore, graphs: list[str] | None = None) -> ValidationReport:
    """Validate each article graph (shapes are written for one article at a time).

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open("memory:")
    >>> _ = kg.add_article("Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal "
    ...                    "Tiongkok di Medan, Zhang Min.", url="https://example.com/1")
    >>> report = validate_store(kg.store)
    >>> report.graphs, report.violations
    (1, [])
    """
    from pyshacl import validate
    from rdflib.namespace import SH

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    report = ValidationReport()
    for graph in graphs or store.graph_names():
        if graph == str(ONTOLOGY_GRAPH):
            continue
        report.graphs += 1
        data = _rdflib_graph(store, graph)
        conforms, results, _ = validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True
        )
        if conforms:
            continue
        for result in results.objects(None, SH.result):
            severity = results.value(result, SH.resultSeverity)
            path = results.value(result, SH.resultPath)
            report.violations.append(
                Violation(
                    graph=graph,
                    focus=str(results.value(result, SH.focusNode)),
                    path=None if path is None else data.namespace_manager.normalizeUri(path),
                    message=str(results.value(result, SH.resultMessage) or "violates a shape"),
                    severity=str(severity).rsplit("#", 1)[-1],
                )
            )
    return report
