"""GET /api/entities/{id}."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from api_support import HOSTILE, assert_problem
from fastapi.testclient import TestClient


def test_person_with_relations_and_evidence(client: TestClient) -> None:
    response = client.get("/api/entities/person/zhang-min")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "person/zhang-min"
    assert body["label"] == "Zhang Min"
    assert body["type"] == "Person"
    assert body["iri"] == "https://w3id.org/bilateral-kg/id/person/zhang-min"
    assert "bkg:Person" in body["types"]
    holds = [r for r in body["relations"]["out"] if r["predicate"] == "org:holds"]
    assert holds
    assert holds[0]["target"]["type"] == "Post"
    evidence = holds[0]["evidence"][0]
    assert "Zhang Min" in evidence["sentence"] or "Zhang" in evidence["sentence"]
    assert set(evidence) == {"sentence", "start", "end", "confidence", "article"}
    assert evidence["article"]["id"].startswith("article/")
    assert body["articles"]
    assert all(a["id"].startswith("article/") for a in body["articles"])


def test_place_properties_and_alt_labels(client: TestClient) -> None:
    body = client.get("/api/entities/country/cn").json()
    assert {"Tiongkok", "RRT"} & ({body["labels"].get("id")} | set(body["alt_labels"]))
    assert body["properties"]["bkg:isoCode"] == ["CN"]
    incoming = {r["predicate"] for r in body["relations"]["in"]}
    assert "bkg:represents" in incoming


def test_a_name_resolves_to_its_entity(client: TestClient) -> None:
    assert client.get("/api/entities/Amsakar Achmad").json()["id"] == "person/amsakar-achmad"


def test_not_found(client: TestClient) -> None:
    body = assert_problem(client.get("/api/entities/person/nobody-at-all"), 404)
    assert "person/nobody-at-all" in body["detail"]


def test_bad_id(client: TestClient) -> None:
    assert_problem(client.get("/api/entities/" + "x" * 600), 422)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_are_not_found(client: TestClient, value: str) -> None:
    response = client.get("/api/entities/" + quote(value, safe=""))
    assert response.status_code in (404, 422)
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("subject", ['"', ":", "foaf:name"])
def test_evidence_of_a_value_that_is_no_iri_is_a_bad_parameter(
    client: TestClient, subject: str
) -> None:
    params = {"subject": subject, "predicate": "", "object": ""}
    assert "subject" in assert_problem(client.get("/api/evidence", params=params), 422)["detail"]


def test_evidence_of_an_undeclared_term_is_not_found(client: TestClient) -> None:
    params = {"subject": "city/batam-6295587", "predicate": "bkg:twinedWith", "object": "x"}
    detail = assert_problem(client.get("/api/evidence", params=params), 404)["detail"]
    assert "bkg:twinedWith" in detail
    assert "ontology/bilateral.ttl" in detail
