"""SHACL validation of stored article graphs (ontology/shapes.ttl, one graph at a time)."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.store import GraphWrite
from kg.graph.validate import validate_store
from kg.graph.vocab import BKGID, ONTOLOGY_GRAPH
from kg.knowledge import KnowledgeGraph


def test_the_seed_article_graph_conforms(seed_kg: KnowledgeGraph) -> None:
    report = seed_kg.validate()
    assert report.graphs == 1  # the ontology graph is not an article graph
    assert report.conforms, "\n".join(map(str, report.violations))


def test_a_broken_article_graph_is_reported() -> None:
    with KnowledgeGraph.open("memory:") as kg:
        graph = f"{BKGID}article/000000000000000000000000"
        node = ox.NamedNode(graph)
        agreement = ox.NamedNode(f"{BKGID}agreement/x")
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        bkg = "https://w3id.org/bilateral-kg/ontology#"
        quads = [
            ox.Quad(node, rdf_type, ox.NamedNode(bkg + "Article"), node),
            ox.Quad(agreement, rdf_type, ox.NamedNode(bkg + "SisterCityAgreement"), node),
        ]
        kg.store.write([GraphWrite(graph, quads)])
        report = validate_store(kg.store)
        assert not report.conforms
        assert {v.graph for v in report.violations} == {graph}
        focus = {v.focus for v in report.violations}
        assert {graph, agreement.value} <= focus  # no language; no parties, status, label
        assert all(v.severity == "Violation" for v in report.violations)
        assert str(ONTOLOGY_GRAPH) not in {v.graph for v in report.violations}


def test_violations_name_paths_by_prefix() -> None:
    with KnowledgeGraph.open("memory:") as kg:
        graph = f"{BKGID}article/111111111111111111111111"
        node = ox.NamedNode(graph)
        agreement = ox.NamedNode(f"{BKGID}agreement/y")
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        bkg = "https://w3id.org/bilateral-kg/ontology#"
        kg.store.write(
            [
                GraphWrite(
                    graph,
                    [
                        ox.Quad(node, rdf_type, ox.NamedNode(bkg + "Article"), node),
                        ox.Quad(agreement, rdf_type, ox.NamedNode(bkg + "Agreement"), node),
                    ],
                )
            ]
        )
        paths = {v.path for v in validate_store(kg.store).violations}
        assert {"bkg:party", "bkg:status", "rdfs:label", "schema:inLanguage"} <= paths
