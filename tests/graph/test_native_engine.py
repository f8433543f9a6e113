"""Queries run on Oxigraph's own engine; rdflib sees the same triples through oxrdflib."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib.plugins.sparql.evaluate as rdflib_evaluate
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from kg.graph.results import Solutions
from kg.knowledge import KnowledgeGraph

PERSONS = "SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture
def no_rdflib_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rdflib's SPARQL engine was used")

    monkeypatch.setattr(rdflib_evaluate, "evalQuery", refuse)


@pytest.mark.usefixtures("no_rdflib_engine")
def test_queries_answer_without_rdflib_engine(seed_kg: KnowledgeGraph) -> None:
    names = [row["name"] for row in seed_kg.query(PERSONS)]  # type: ignore[index, union-attr]
    assert {"Zhang Min", "Amsakar Achmad"} <= set(names)


@pytest.mark.usefixtures("no_rdflib_engine")
def test_a_query_only_oxigraph_understands(seed_kg: KnowledgeGraph) -> None:
    # LATERAL is an Oxigraph extension; rdflib's parser rejects it.
    query = """
        SELECT ?person ?name WHERE {
          ?person a bkg:Person .
          LATERAL { SELECT ?person ?name WHERE { ?person rdfs:label ?name } LIMIT 1 }
        }"""
    with pytest.raises(Exception):  # noqa: B017, PT011 - any rdflib parse error will do
        prepareQuery("PREFIX bkg: <x:> PREFIX rdfs: <y:>" + query)
    rows = seed_kg.query(query)
    assert {row["name"] for row in rows} >= {"Zhang Min", "Amsakar Achmad"}  # type: ignore[index, union-attr]


def to_graph(term: Node | None) -> ox.NamedNode | ox.DefaultGraph:
    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return ox.NamedNode(str(term))


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))  # oxrdflib keeps Oxigraph's blank node ids
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(str(datatype)))
    return ox.NamedNode(str(term))


def test_rdflib_sees_the_same_quads(seed_kg: KnowledgeGraph) -> None:
    dataset = seed_kg.rdflib_dataset()
    theirs = {
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_graph(g))  # type: ignore[arg-type]
        for s, p, o, g in dataset.quads((None, None, None, None))
    }
    assert theirs == set(seed_kg.store.quads())
    zhang = URIRef("https://w3id.org/bilateral-kg/id/person/zhang-min")
    assert (zhang, RDFS.label, Literal("Zhang Min")) in dataset  # the default graph of facts


@pytest.mark.usefixtures("no_rdflib_engine")
def test_rdflib_string_queries_also_go_to_oxigraph(seed_kg: KnowledgeGraph) -> None:
    dataset = seed_kg.rdflib_dataset()
    rows = dataset.query(
        "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    )
    assert int(next(iter(rows))[0]) == seed_kg.store.count()  # type: ignore[index]


def test_sparql_returns_native_solutions(seed_kg: KnowledgeGraph) -> None:
    result = seed_kg.sparql("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    assert isinstance(result, Solutions)
    assert isinstance(result.rows[0][0], ox.NamedNode | ox.BlankNode)
