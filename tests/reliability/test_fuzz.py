"""Property-based fuzzing of every route in the OpenAPI schema (schemathesis).

Every operation is fuzzed twice, with and without the write token, and each response
must pass schemathesis' ``not_a_server_error`` and ``response_schema_conformance``
checks. Writes without the token must be refused. The app runs in process over a
memory store with three articles; the number of cases run goes to the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from starlette.testclient import TestClient

from .support import TOKEN, make_app, record

pytestmark = pytest.mark.slow

#: Examples per operation and token state; schemathesis stops earlier on small schemas.
EXAMPLES = 40
CHECKS = [not_a_server_error, response_schema_conformance]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

# Built at import, as schemathesis needs the schema to parametrize: about two seconds.
APP = make_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)

_cases: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _count() -> Iterator[None]:
    yield
    record("fuzz", dict(_cases), part=True)


def _is_write(case: Any) -> bool:
    return case.method.upper() in ("POST", "DELETE") and case.path.startswith("/api/articles")


@schema.parametrize()
@FUZZ
def test_every_route_with_the_token(case: Any) -> None:
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    case.validate_response(response, checks=CHECKS)
    _cases["cases_with_token"] += 1
    _cases[f"status_{response.status_code}"] += 1


@schema.parametrize()
@FUZZ
def test_every_route_without_a_token(case: Any) -> None:
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    if _is_write(case):  # whatever else is wrong with it, a write without a token fails
        assert response.status_code >= 400, response.text[:300]
    _cases["cases_without_token"] += 1
    _cases[f"status_{response.status_code}"] += 1


# -- SPARQL: the schema declares no parameters for /sparql, so fuzz it by hand ------------

_FRAGMENTS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "{",
        "}",
        "?s",
        "?p",
        "?o",
        "<",
        ">",
        '"',
        "'",
        "#",
        "\\n",
        "UNION",
        "OPTIONAL",
        "FILTER(",
        ")",
        "GRAPH",
        "SERVICE",
        "<http://127.0.0.1:9/>",
        "LIMIT",
        "-1",
        "99999999999999999999",
        "COUNT(*)",
        "*",
        "PREFIX x: <",
        "INSERT DATA",
        "DELETE WHERE",
        "DROP ALL",
        "LOAD",
        "CLEAR",
        ";",
        "bkg:Article",
        "a",
        ".",
        "\\u0000",
        "\ufeff",
        "REGEX(?o, '(a+)+$')",
    ]
)
_QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(_FRAGMENTS, max_size=25).map(" ".join),
)
_ACCEPT = st.sampled_from(
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/turtle",
        "*/*",
        "text/html",
        "image/png",
        "",
    ]
)
_SPARQL_OK = {200, 400, 401, 403, 406, 413, 415, 422, 503}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(APP, raise_server_exceptions=False) as test_client:
        yield test_client


@given(query=_QUERIES, accept=_ACCEPT, how=st.sampled_from(["get", "form", "direct"]))
@FUZZ
def test_sparql_queries_never_fail_on_the_server(
    client: TestClient, query: str, accept: str, how: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        response = client.get("/sparql", params={"query": query}, headers=headers)
    elif how == "form":
        response = client.post("/sparql", data={"query": query}, headers=headers)
    else:
        headers["Content-Type"] = "application/sparql-query"
        response = client.post("/sparql", content=query.encode("utf-8", "replace"), headers=headers)
    assert response.status_code in _SPARQL_OK, (query, response.status_code, response.text[:300])
    _cases["sparql_queries"] += 1


@given(update=_QUERIES, token=st.sampled_from([None, "", "wrong", TOKEN]))
@FUZZ
def test_sparql_updates_need_the_token_and_never_fail_on_the_server(
    client: TestClient, update: str, token: str | None
) -> None:
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    before = client.get("/api/stats").json()
    response = client.post("/sparql", content=update.encode("utf-8", "replace"), headers=headers)
    assert response.status_code in _SPARQL_OK | {204}, (update, response.text[:300])
    if token != TOKEN:
        assert response.status_code in (401, 403), response.text[:300]
        assert client.get("/api/stats").json() == before
    _cases["sparql_updates"] += 1
