"""/sparql in process: forms, media types, negotiation, errors, limits and updates."""

from __future__ import annotations

import csv
import io
import json

import pytest
from api_support import assert_problem
from fastapi.testclient import TestClient
from rdflib import Graph

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph

PERSON_NAMES = (
    "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT DISTINCT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name } ORDER BY ?name"
)
CONSTRUCT = (
    "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { "
    "?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 5"
)


def test_get_post_form_and_post_direct_agree(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": PERSON_NAMES}).json()
    by_form = client.post("/sparql", data={"query": PERSON_NAMES}).json()
    direct = client.post(
        "/sparql", content=PERSON_NAMES, headers={"Content-Type": "application/sparql-query"}
    ).json()
    assert by_get == by_form == direct
    names = [b["name"]["value"] for b in by_get["results"]["bindings"]]
    assert "Zhang Min" in names


def test_the_default_graph_is_the_union(client: TestClient) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    graphs = int(
        client.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["n"][
            "value"
        ]
    )
    assert graphs >= 6  # five articles and the ontology
    ask = "ASK { <https://w3id.org/bilateral-kg/id/person/zhang-min> ?p ?o }"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
    ],
)
def test_select_negotiation(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": PERSON_NAMES}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["name"]
        assert ["Zhang Min"] in rows


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/trig", "application/trig", "trig"),
    ],
)
def test_construct_negotiation(
    client: TestClient, accept: str | None, media: str, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert len(Graph().parse(data=response.content, format=rdflib_format)) == 5


def test_describe(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "DESCRIBE <https://w3id.org/bilateral-kg/id/person/zhang-min>"}
    )
    assert response.status_code == 200
    assert len(Graph().parse(data=response.content, format="turtle")) > 3


def test_ask_in_xml(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "ASK {}"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert "<boolean>true</boolean>" in response.text


def test_not_acceptable(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert_problem(response, 406)


def test_malformed_query_gives_the_parser_message(client: TestClient) -> None:
    body = assert_problem(client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"}), 400)
    assert "error at 1:" in body["detail"]
    # the column counts in the text sent, not after our BASE declaration
    assert "error at 1:21" in body["detail"] or "error at 1:2" in body["detail"]


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("PUT", {"params": {"query": "ASK {}"}}, 405),
        ("DELETE", {}, 405),
        ("GET", {"params": {"update": "CLEAR ALL"}}, 405),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("POST", {"content": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
        ("POST", {"content": "query=ASK%20%7B%7D", "headers": {"Content-Type": ""}}, 415),
        (
            "POST",
            {
                "content": "ASK {}".encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"},
            },
            415,
        ),
        (
            "POST",
            {"content": b"ASK {\xff}", "headers": {"Content-Type": "application/sparql-query"}},
            400,
        ),
        ("POST", {"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400),
        ("POST", {"data": {"nothing": "here"}}, 400),
        ("GET", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400),
        ("GET", {"params": {"query": "ASK {}", "using-graph-uri": "http://g"}}, 400),
    ],
)
def test_protocol_errors(
    client: TestClient, method: str, kwargs: dict[str, object], status: int
) -> None:
    response = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert_problem(response, status)


def test_method_not_allowed_names_both_methods(client: TestClient) -> None:
    response = client.put("/sparql", content="ASK {}")
    assert_problem(response, 405)
    assert response.headers["allow"] == "GET, POST"


def test_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.content, format="turtle")
    text = response.text
    assert "sd:Service" in text
    assert "sd:SPARQL11Update" in text
    assert len(graph) > 10


def test_service_description_of_a_read_only_server(read_only_client: TestClient) -> None:
    assert "SPARQL11Update" not in read_only_client.get("/sparql").text


def test_html_for_browsers(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.headers["content-type"].startswith("text/html")


def test_update_needs_the_token(writable_client: TestClient, auth: dict[str, str]) -> None:
    update = "INSERT DATA { GRAPH <urn:test:g> { <urn:test:s> <urn:test:p> 1 } }"
    direct = {"Content-Type": "application/sparql-update"}
    missing = writable_client.post("/sparql", content=update, headers=direct)
    assert_problem(missing, 401)
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = writable_client.post(
        "/sparql", data={"update": update}, headers={"Authorization": "Bearer x"}
    )
    assert_problem(wrong, 401)
    ok = writable_client.post("/sparql", content=update, headers={**direct, **auth})
    assert ok.status_code == 204
    ask = "ASK { GRAPH <urn:test:g> { <urn:test:s> <urn:test:p> 1 } }"
    assert writable_client.get("/sparql", params={"query": ask}).json()["boolean"] is True
    gone = writable_client.post("/sparql", data={"update": "DROP GRAPH <urn:test:g>"}, headers=auth)
    assert gone.status_code == 204


def test_update_refreshes_the_projection(writable_client: TestClient, auth: dict[str, str]) -> None:
    writable_client.get("/api/search", params={"q": "Zhang"})  # build the index
    # An analyst's own fact goes into the default graph, which is the knowledge graph.
    fact = (
        "<https://w3id.org/bilateral-kg/id/person/zhang-min> "
        '<http://www.w3.org/2004/02/skos/core#altLabel> "Zhang Quokka"'
    )
    update = f"INSERT DATA {{ {fact} }}"
    assert writable_client.post("/sparql", data={"update": update}, headers=auth).status_code == 204
    found = writable_client.get("/api/search", params={"q": "quokka"}).json()["results"]
    assert found[0]["id"] == "person/zhang-min"
    writable_client.post("/sparql", data={"update": f"DELETE DATA {{ {fact} }}"}, headers=auth)


def test_malformed_update(writable_client: TestClient, auth: dict[str, str]) -> None:
    body = assert_problem(
        writable_client.post("/sparql", data={"update": "CLEAR XYZ"}, headers=auth), 400
    )
    assert "error at" in body["detail"]


def test_using_graph_uri_conflicts_with_with(
    writable_client: TestClient, auth: dict[str, str]
) -> None:
    update = "WITH <urn:a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = writable_client.post(
        "/sparql?using-graph-uri=urn:b",
        content=update,
        headers={**auth, "Content-Type": "application/sparql-update"},
    )
    assert_problem(response, 400)


def test_read_only_server_refuses_updates(read_only_client: TestClient) -> None:
    assert_problem(read_only_client.post("/sparql", data={"update": "CLEAR ALL"}), 403)


def test_row_cap() -> None:
    settings = Settings(store="memory:", max_rows=10)
    with TestClient(create_app(settings, KnowledgeGraph.open(settings=settings))) as small:
        body = assert_problem(
            small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}), 422
        )
        assert "more than 10" in body["detail"]
        ok = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"})
        assert len(json.loads(ok.content)["results"]["bindings"]) == 10


def test_a_browser_following_a_query_link_gets_the_query_page(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
