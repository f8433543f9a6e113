"""The W3C SPARQL 1.1 Protocol and Service Description tests, against a live server.

The manifests (``../shared/conformance/w3c-sparql11-protocol``) describe each request in
HTTP-in-RDF. Every test starts from an empty store holding only its ``ut:graphData``
files under their graph names; its requests are replayed in order with the ``/sparql/``
path prefix mapped to our ``/sparql`` endpoint, and each response is checked for the
expected status class, result format and boolean. The runner sends the write token
with every request (the manifests know nothing of authentication).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT.parent / "shared" / "conformance" / "w3c-sparql11-protocol"
PROTOCOL = SUITE / "protocol" / "manifest.ttl"
SERVICE = SUITE / "service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

pytestmark = [
    pytest.mark.server,
    pytest.mark.xdist_group("w3c"),
    pytest.mark.skipif(not PROTOCOL.exists(), reason=f"no W3C manifests at {SUITE}"),
]

BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/trig",
}


def _manifest(path: Path) -> tuple[Graph, list[URIRef]]:
    graph = Graph().parse(path, format="turtle", publicID=path.as_uri())
    [manifest] = graph.subjects(RDF.type, MF.Manifest)
    entries = graph.value(manifest, MF.entries)
    return graph, [URIRef(e) for e in Collection(graph, entries)]


def _protocol_tests() -> list[Any]:
    if not PROTOCOL.exists():
        return []
    _, entries = _manifest(PROTOCOL)
    return [pytest.param(e, id=str(e).rsplit("#", 1)[-1]) for e in entries]


@pytest.fixture(scope="module")
def w3c_server(server_factory: Any, write_token: str) -> Iterator[str]:
    with server_factory(load=False) as url:
        yield url


@pytest.fixture(scope="module")
def protocol_manifest() -> Graph:
    return _manifest(PROTOCOL)[0]


def _status_classes(graph: Graph, response: Any) -> set[int]:
    return {
        int(str(s).rsplit("StatusCode", 1)[-1][0])
        for s in graph.objects(response, MF.expectedStatus)
    }


def _reset(base: str, token: str, graph: Graph, test: URIRef) -> None:
    parts = ["DROP ALL"]
    for data in graph.objects(test, UT.graphData):
        source = Path(str(graph.value(data, UT.graph)).removeprefix("file://"))
        name = str(graph.value(data, RDFS.label))
        parts.append(f"INSERT DATA {{ GRAPH <{name}> {{ {source.read_text()} }} }}")
    response = httpx.post(
        f"{base}/sparql",
        content=" ;\n".join(parts).encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 204, response.text


def _boolean(response: httpx.Response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        value = json.loads(response.content)["boolean"]
        assert isinstance(value, bool)
        return value
    root = ElementTree.parse(io.BytesIO(response.content)).getroot()
    [element] = root.iter("{http://www.w3.org/2005/sparql-results#}boolean")
    return (element.text or "").strip() == "true"


@pytest.mark.parametrize("test", _protocol_tests())
def test_protocol(
    test: URIRef, w3c_server: str, write_token: str, protocol_manifest: Graph
) -> None:
    graph = protocol_manifest
    _reset(w3c_server, write_token, graph, test)
    action = graph.value(test, MF.action)
    for request in Collection(graph, graph.value(action, HT.requests)):
        method = str(graph.value(request, HT.methodName))
        path = str(graph.value(request, HT.absolutePath))
        assert path.startswith("/sparql/")
        url = w3c_server + "/sparql" + path[len("/sparql/") :]
        headers = {"Authorization": f"Bearer {write_token}"}
        header_list = graph.value(request, HT.headers)
        for header in Collection(graph, header_list) if header_list else []:
            headers[str(graph.value(header, HT.fieldName))] = str(
                graph.value(header, HT.fieldValue)
            )
        body = graph.value(request, HT.body)
        content = None
        if body is not None:
            encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
            content = str(graph.value(body, CNT.chars)).encode(encoding.lower())
        response = httpx.request(method, url, headers=headers, content=content, timeout=30)

        expected = graph.value(request, HT.resp)
        statuses = _status_classes(graph, expected)
        what = f"{method} {path} -> {response.status_code} {response.text[:300]}"
        assert response.status_code // 100 in statuses, what
        media = response.headers.get("content-type", "").split(";")[0].strip()
        fmt = graph.value(expected, MF.expectedFormat)
        if fmt == Literal("boolean"):
            assert media in BOOLEAN_TYPES, what
        elif fmt == Literal("tabular"):
            assert media in TABULAR_TYPES, what
        elif fmt == Literal("RDF"):
            assert media in RDF_TYPES, what
            Graph().parse(data=response.content, format=media)
        boolean = graph.value(expected, MF.expectedBoolean)
        if boolean is not None:
            assert _boolean(response) is boolean.toPython(), what


# -- service description -----------------------------------------------------------------


def _service_description(base: str, accept: str | None = None) -> tuple[httpx.Response, Graph]:
    headers = {"Accept": accept} if accept else {}
    response = httpx.get(f"{base}/sparql", headers=headers)
    assert response.status_code == 200, response.text
    media = response.headers["content-type"].split(";")[0]
    return response, Graph().parse(data=response.content, format=media)


def test_service_description_manifest_lists_three_tests() -> None:
    _, entries = _manifest(SERVICE)
    assert {str(e).rsplit("#", 1)[-1] for e in entries} == {
        "has-endpoint-triple",
        "returns-rdf",
        "conforms-to-schema",
    }


@pytest.mark.parametrize("accept", [None, "text/turtle", "application/rdf+xml", "*/*"])
def test_returns_rdf(w3c_server: str, accept: str | None) -> None:
    response, graph = _service_description(w3c_server, accept)
    assert response.headers["content-type"].split(";")[0] in RDF_TYPES
    assert len(graph) > 0


def test_has_endpoint_triple(w3c_server: str) -> None:
    _, graph = _service_description(w3c_server)
    assert (None, SD.endpoint, URIRef(f"{w3c_server}/sparql")) in graph


def test_conforms_to_schema(w3c_server: str) -> None:
    _, graph = _service_description(w3c_server)
    [service] = graph.subjects(RDF.type, SD.Service)
    languages = set(graph.objects(service, SD.supportedLanguage))
    assert languages
    assert languages <= {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
    assert SD.SPARQL11Update in languages  # the server has a write token
    for endpoint in graph.objects(service, SD.endpoint):
        assert isinstance(endpoint, URIRef)
    features = set(graph.objects(service, SD.feature))
    # The default graph is the knowledge graph itself (each fact once), not a union.
    assert SD.UnionDefaultGraph not in features
    assert all(isinstance(f, URIRef) for f in features)
    formats = set(graph.objects(service, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    datasets = list(graph.objects(service, SD.defaultDataset))
    assert len(datasets) == 1
    assert (datasets[0], RDF.type, SD.Dataset) in graph
    for default in graph.objects(datasets[0], SD.defaultGraph):
        assert (default, RDF.type, SD.Graph) in graph
    for named in graph.objects(datasets[0], SD.namedGraph):
        assert (named, RDF.type, SD.NamedGraph) in graph
        assert isinstance(graph.value(named, SD.name), URIRef)


def test_browser_gets_the_sparql_page(w3c_server: str) -> None:
    response = httpx.get(
        f"{w3c_server}/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
