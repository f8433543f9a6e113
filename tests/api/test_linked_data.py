"""Linked Data: /id/..., /ontology, /shapes and /.well-known/void, in-process and live.

Every RDF answer is parsed back with rdflib and compared as a graph, never as text.
"""

from __future__ import annotations

import httpx
import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

BKGID = Namespace("https://w3id.org/bilateral-kg/id/")
BKG = Namespace("https://w3id.org/bilateral-kg/ontology#")
VOID = Namespace("http://rdfs.org/ns/void#")
ORG = Namespace("http://www.w3.org/ns/org#")
ZHANG = BKGID["person/zhang-min"]
ONTOLOGY = URIRef("https://w3id.org/bilateral-kg/ontology")

#: Accept header -> (media type answered, rdflib parser).
RDF_TYPES = [
    pytest.param("text/turtle", "text/turtle", "turtle", id="turtle"),
    pytest.param("application/ld+json", "application/ld+json", "json-ld", id="jsonld"),
    pytest.param("application/n-triples", "application/n-triples", "nt", id="ntriples"),
    pytest.param("application/rdf+xml", "application/rdf+xml", "xml", id="rdfxml"),
    pytest.param("*/*", "text/turtle", "turtle", id="any-is-turtle"),
    pytest.param(
        "text/html;q=0.5, application/ld+json;q=0.9", "application/ld+json", "json-ld", id="q"
    ),
]


def _graph(response: httpx.Response, fmt: str) -> Graph:
    return Graph().parse(data=response.content, format=fmt)


def _describe(client: TestClient, path: str, accept: str) -> httpx.Response:
    return client.get(f"/id/{path}", headers={"Accept": accept}, follow_redirects=False)


@pytest.mark.parametrize(("accept", "media", "fmt"), RDF_TYPES)
def test_an_entity_in_each_rdf_syntax(
    client: TestClient, accept: str, media: str, fmt: str
) -> None:
    response = _describe(client, "person/zhang-min", accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert response.headers["vary"] == "Accept"
    graph = _graph(response, fmt)
    assert (ZHANG, RDFS.label, Literal("Zhang Min")) in graph
    assert (ZHANG, RDF.type, BKG.Person) in graph
    # The post he holds comes with its label, so a reader needs no second request.
    [post] = graph.objects(ZHANG, ORG.holds)
    assert graph.value(post, RDFS.label) is not None


def test_the_syntaxes_say_the_same(client: TestClient) -> None:
    graphs = [
        _graph(_describe(client, "person/zhang-min", media), fmt)
        for _, media, fmt in (p.values for p in RDF_TYPES[:4])
    ]
    for other in graphs[1:]:
        assert isomorphic(graphs[0], other)


def test_each_fact_once(client: TestClient) -> None:
    # Two sample articles name Zhang Min: the union layout matches each fact twice.
    response = _describe(client, "person/zhang-min", "application/n-triples")
    lines = [line for line in response.text.splitlines() if line.strip()]
    assert len(lines) == len(set(lines))
    assert sum(" <http://www.w3.org/2000/01/rdf-schema#label> " in x for x in lines) >= 1


def test_incoming_links_are_bounded_and_skip_evidence(client: TestClient) -> None:
    graph = _graph(_describe(client, "country/cn", "text/turtle"), "turtle")
    incoming = set(graph.subject_predicates(BKGID["country/cn"]))
    assert incoming, "facts that point at China are part of its description"
    assert all(p not in (RDF.subject, RDF.object) for _, p in incoming)
    assert len(incoming) <= 200


def test_a_browser_is_sent_to_the_entity_page(client: TestClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = _describe(client, "person/zhang-min", accept)
    assert response.status_code == 303
    assert response.headers["location"] == "/network#node=person/zhang-min"
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]


@pytest.mark.parametrize(
    ("suffix", "media", "fmt"),
    [
        ("ttl", "text/turtle", "turtle"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("nt", "application/n-triples", "nt"),
        ("rdf", "application/rdf+xml", "xml"),
    ],
)
def test_a_file_extension_picks_the_syntax(
    client: TestClient, suffix: str, media: str, fmt: str
) -> None:
    response = client.get(f"/id/person/zhang-min.{suffix}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "vary" not in response.headers
    assert (ZHANG, RDFS.label, Literal("Zhang Min")) in _graph(response, fmt)


def test_content_location_names_the_file(client: TestClient) -> None:
    response = _describe(client, "person/zhang-min", "application/ld+json")
    location = response.headers["content-location"]
    assert location == "/id/person/zhang-min.jsonld"
    assert client.get(location).content == response.content


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("person/nobody-at-all", id="unknown"),
        pytest.param("person/nobody-at-all.ttl", id="unknown-with-extension"),
        pytest.param("person/x%3E%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo", id="injection"),
        pytest.param("", id="empty"),
    ],
)
def test_unknown_iris_are_404(client: TestClient, path: str) -> None:
    response = client.get(f"/id/{path}", headers={"Accept": "text/turtle"})
    body = assert_problem(response, 404)
    assert "nothing is known" in body["detail"]


def test_unacceptable_type_is_406(client: TestClient) -> None:
    assert_problem(_describe(client, "person/zhang-min", "image/png"), 406)


def test_head_answers_without_a_body(client: TestClient) -> None:
    response = client.head("/id/person/zhang-min", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(("accept", "media", "fmt"), RDF_TYPES[:4])
def test_the_ontology_in_each_rdf_syntax(
    client: TestClient, accept: str, media: str, fmt: str
) -> None:
    response = client.get("/ontology", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    graph = _graph(response, fmt)
    assert (ONTOLOGY, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in graph
    assert (BKG.Post, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in graph
    reference = Graph().parse("ontology/bilateral.ttl", format="turtle")
    assert isomorphic(graph, reference)


def test_the_ontology_page_for_a_browser(client: TestClient) -> None:
    response = client.get("/ontology", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "Content-Security-Policy" in response.headers
    # Hash IRIs of the terms land on their entries.
    assert '<section id="Mayor"' in response.text
    assert '<section id="twinnedWith"' in response.text


def test_the_shapes_dereference(client: TestClient) -> None:
    graph = _graph(client.get("/shapes", headers={"Accept": "text/turtle"}), "turtle")
    assert (None, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")) in graph
    assert_problem(client.get("/shapes.png"), 404)


def _count(graph: Graph, dataset: URIRef, predicate: URIRef) -> int:
    value = graph.value(dataset, predicate)
    assert value is not None, predicate
    return int(value)


def test_void_describes_the_dataset(client: TestClient) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = _graph(response, "turtle")
    [dataset] = graph.subjects(RDF.type, VOID.Dataset)
    base = "http://testserver"
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{base}/sparql")
    dump = graph.value(dataset, VOID.dataDump)
    assert dump is not None
    assert client.get(str(dump).removeprefix(base)).status_code == 200
    assert ONTOLOGY in set(graph.objects(dataset, VOID.vocabulary))
    assert graph.value(dataset, VOID.uriSpace) == Literal(str(BKGID))
    # The counts are the store's distinct facts, checked against a query of our own.
    distinct = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert _count(graph, dataset, VOID.triples) == len(distinct.json()["results"]["bindings"])
    assert _count(graph, dataset, VOID.documents) == 5
    persons = next(
        p
        for p in graph.objects(dataset, VOID.classPartition)
        if graph.value(p, VOID["class"]) == BKG.Person
    )
    assert _count(graph, persons, VOID.entities) >= 2
    assert _count(graph, dataset, VOID.entities) > _count(graph, persons, VOID.entities)
    example = graph.value(dataset, VOID.exampleResource)
    assert example is not None
    assert (
        _describe(client, str(example).removeprefix(str(BKGID)), "text/turtle").status_code == 200
    )


@pytest.mark.server
@pytest.mark.xdist_group("live_server")
def test_rdflib_dereferences_against_a_live_server(live_server: str) -> None:
    graph = Graph().parse(f"{live_server}/id/person/zhang-min")
    assert (ZHANG, RDFS.label, Literal("Zhang Min")) in graph
    ontology = Graph().parse(f"{live_server}/ontology")
    assert (ONTOLOGY, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in ontology
    void = Graph().parse(f"{live_server}/.well-known/void")
    assert len(list(void.subjects(RDF.type, VOID.Dataset))) == 1


@pytest.mark.server
@pytest.mark.xdist_group("live_server")
def test_curl_like_clients_against_a_live_server(live_server: str) -> None:
    with httpx.Client(base_url=live_server) as http:
        turtle = http.get("/id/person/zhang-min", headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200
        assert (ZHANG, RDFS.label, Literal("Zhang Min")) in _graph(turtle, "turtle")
        html = http.get("/id/person/zhang-min", headers={"Accept": "text/html"})
        assert html.status_code == 303
        page = http.get(
            "/id/person/zhang-min", headers={"Accept": "text/html"}, follow_redirects=True
        )
        assert page.status_code == 200
        assert "<html" in page.text
        assert http.get("/id/person/nobody-at-all").status_code == 404
