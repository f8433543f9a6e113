"""Real SPARQL clients against the live server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("live_server")]

PREFIXES = """PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
PEOPLE = PREFIXES + "SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name }"
CHINA = URIRef("https://w3id.org/bilateral-kg/id/country/cn")


def _wrapper(live_server: str) -> SPARQLWrapper:
    return SPARQLWrapper(f"{live_server}/sparql")


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_json(live_server: str, method: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setQuery(PEOPLE)
    sparql.setReturnFormat(JSON)
    sparql.setMethod(method)
    result = sparql.query().convert()
    names = {b["name"]["value"] for b in result["results"]["bindings"]}  # type: ignore[index]
    assert {"Zhang Min", "Amsakar Achmad"} <= names


def test_sparqlwrapper_select_xml_and_csv(live_server: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setQuery(PEOPLE + " ORDER BY ?name LIMIT 3")
    sparql.setReturnFormat(XML)
    document = sparql.query().convert()
    assert len(document.getElementsByTagName("result")) == 3  # type: ignore[union-attr]
    sparql.setReturnFormat(CSV)
    lines = sparql.query().convert().decode().splitlines()  # type: ignore[union-attr]
    assert lines[0] == "name"
    assert len(lines) == 4


def test_sparqlwrapper_ask(live_server: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setQuery(PREFIXES + 'ASK { ?c rdfs:label "Tiongkok"@id }')
    sparql.setReturnFormat(JSON)
    assert sparql.query().convert()["boolean"] is True  # type: ignore[index]


def test_sparqlwrapper_construct_turtle(live_server: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setQuery(
        PREFIXES + f"CONSTRUCT {{ <{CHINA}> rdfs:label ?l }} WHERE {{ <{CHINA}> rdfs:label ?l }}"
    )
    sparql.setReturnFormat(TURTLE)
    graph = Graph().parse(data=sparql.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert (CHINA, None, Literal("China", lang="en")) in graph


def test_sparqlwrapper_reports_a_malformed_query(live_server: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setQuery("SELECT ?x WHERE { ?x ")
    sparql.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="error at 1"):
        sparql.query()


def test_sparqlwrapper_update_without_token_is_refused(live_server: str) -> None:
    sparql = _wrapper(live_server)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:x> <urn:p> <urn:o> }")
    with pytest.raises(Unauthorized):
        sparql.query()


def test_rdflib_sparqlstore_select_and_ask(live_server: str) -> None:
    store = SPARQLStore(f"{live_server}/sparql", returnFormat="json")
    graph = Graph(store)
    rows = list(graph.query(PEOPLE))
    assert Literal("Zhang Min") in {row[0] for row in rows}  # type: ignore[index]
    assert graph.query(PREFIXES + 'ASK { ?c skos:altLabel "RRT" }').askAnswer is True
    assert (CHINA, None, None) in graph


def test_rdflib_sparqlstore_xml_results(live_server: str) -> None:
    store = SPARQLStore(f"{live_server}/sparql", returnFormat="xml", method="POST")
    rows = list(Graph(store).query(PEOPLE + " LIMIT 2"))
    assert len(rows) == 2


def test_rdflib_sparqlstore_construct(live_server: str) -> None:
    store = SPARQLStore(f"{live_server}/sparql")
    result = Graph(store).query(
        PREFIXES + f"CONSTRUCT {{ <{CHINA}> ?p ?l }} "
        f"WHERE {{ <{CHINA}> rdfs:label|skos:altLabel ?l ; ?p ?l }}"
    )
    assert (CHINA, None, Literal("Tiongkok", lang="id")) in result.graph  # type: ignore[operator]
    assert (CHINA, None, Literal("RRT")) in result.graph  # type: ignore[operator]


def test_rdflib_update_store_with_token(live_server: str, write_token: str) -> None:
    store = SPARQLUpdateStore(
        f"{live_server}/sparql",
        f"{live_server}/sparql",
        headers={"Authorization": f"Bearer {write_token}"},
    )
    graph = Graph(store, identifier=URIRef("urn:test:clients"))
    graph.add((URIRef("urn:test:s"), URIRef("urn:test:p"), Literal("o")))
    assert (URIRef("urn:test:s"), URIRef("urn:test:p"), Literal("o")) in Graph(
        SPARQLStore(f"{live_server}/sparql"), identifier=URIRef("urn:test:clients")
    )
    store.update("DROP SILENT GRAPH <urn:test:clients>")
