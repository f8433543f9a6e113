"""A runaway query ends with the timeout error while other requests keep being answered."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("timeout")]

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# An aggregate keeps Oxigraph busy inside one step, where the row-by-row deadline check
# cannot see it: only the endpoint's own wait answers at the deadline.
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def slow_server(server_factory: Any) -> Iterator[str]:
    # The ontology alone (about 1,500 triples) makes a three-way cross product of 10^9 rows.
    with server_factory(load=False, query_timeout=1) as url:
        yield url


@pytest.mark.parametrize("query", [CROSS, COUNT], ids=["rows", "aggregate"])
def test_runaway_query_times_out_while_others_are_answered(slow_server: str, query: str) -> None:
    def runaway() -> tuple[httpx.Response, float]:
        started = time.monotonic()
        response = httpx.get(f"{slow_server}/sparql", params={"query": query}, timeout=30)
        return response, time.monotonic() - started

    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = pool.submit(runaway)
        time.sleep(0.2)
        answered = []
        while not pending.done():
            started = time.monotonic()
            stats = httpx.get(f"{slow_server}/api/stats", timeout=10)
            answered.append((stats.status_code, time.monotonic() - started))
            time.sleep(0.1)
        response, elapsed = pending.result()

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Query timeout"
    assert "1 s timeout" in problem["detail"]
    assert elapsed < 6  # the timeout is 1 s; the margin is for a loaded machine
    assert answered, "no request was made while the query ran"
    assert all(status == 200 for status, _ in answered)
    assert max(seconds for _, seconds in answered) < 3


def test_the_server_still_answers_queries_after_a_timeout(slow_server: str) -> None:
    httpx.get(f"{slow_server}/sparql", params={"query": COUNT}, timeout=30)
    response = httpx.get(f"{slow_server}/sparql", params={"query": "ASK {}"}, timeout=10)
    assert response.json() == {"head": {}, "boolean": True}
