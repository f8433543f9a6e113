"""Fair share on a live server: a client over its query budget gets 429 while another
client is still served, and writes through the API are never starved by reads.

Each client has its own source address on the loopback network (127.0.0.2, .3), and
the budget is applied to this host (``BIKG_QUERY_BUDGET_LOCALHOST``), as a public
server applies it to everyone.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from kg.api.process import Served, served

from .support import ARTICLE_PREFIX, TOKEN, clean_env, record, variant_records

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("fair_share")]

TIMEOUT = 1.5
BUDGET = 2.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("fair")
    env = clean_env(
        BIKG_WRITE_TOKEN=TOKEN,
        BIKG_WORKERS="1",
        BIKG_QUERY_TIMEOUT=str(TIMEOUT),
        BIKG_QUERY_BUDGET=str(BUDGET),
        BIKG_QUERY_BUDGET_LOCALHOST="true",
    )
    with (
        (work / "serve.log").open("wb") as log,
        served(["--store", str(work / "store")], env=env, cwd=work, log=log) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Queries may run 10 s here: long enough that reads are surely running throughout."""
    work = tmp_path_factory.mktemp("slow")
    env = clean_env(BIKG_WRITE_TOKEN=TOKEN, BIKG_WORKERS="1", BIKG_QUERY_TIMEOUT="10")
    with (
        (work / "serve.log").open("wb") as log,
        served(["--store", str(work / "store")], env=env, cwd=work, log=log) as running,
    ):
        yield running


def _client(address: str) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)


def test_a_client_over_its_budget_gets_429_while_another_is_served(server: Served) -> None:
    with _client("127.0.0.2") as analyst, _client("127.0.0.3") as other:
        spent = []
        # Each runaway uses its whole timeout: two of them use the 2 s budget up.
        for _ in range(2):
            response = analyst.get(f"{server.url}/sparql", params={"query": RUNAWAY})
            assert response.status_code == 503, response.text[:300]
            spent.append(response)
        refused = analyst.get(f"{server.url}/sparql", params={"query": "ASK {}"})
        assert refused.status_code == 429, refused.text[:300]
        assert refused.headers["content-type"] == "application/problem+json"
        problem = refused.json()
        assert problem["limit"] == "query_budget"
        assert problem["limitValue"] == BUDGET
        retry = int(refused.headers["Retry-After"])
        assert 1 <= retry <= 60
        assert problem["retryAfter"] == retry

        served_other = other.get(f"{server.url}/sparql", params={"query": "ASK {}"})
        assert served_other.status_code == 200
        assert served_other.json()["boolean"] is True
        # Only queries are budgeted: the analyst still gets the rest of the API.
        assert analyst.get(f"{server.url}/api/stats").status_code == 200
    record("fair_share", {"budget_s_per_min": BUDGET, "retry_after_s": retry})


def test_ingest_through_the_api_is_not_starved_by_heavy_reads(slow_server: Served) -> None:
    server = slow_server
    article = variant_records(1, prefix="fair")[0]
    with (
        _client("127.0.0.4") as reader,
        _client("127.0.0.5") as writer,
        ThreadPoolExecutor(8) as pool,
    ):
        pending = [
            pool.submit(reader.get, f"{server.url}/sparql", params={"query": RUNAWAY})
            for _ in range(8)
        ]
        time.sleep(0.5)  # the runaways hold every worker they may; the rest wait
        started = time.monotonic()
        posted = writer.post(
            f"{server.url}/api/articles",
            json=article,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        seconds = time.monotonic() - started
        reads_running = sum(not f.done() for f in pending)
        statuses = [f.result().status_code for f in pending]
    assert posted.status_code == 201, posted.text[:300]
    # The write went ahead while every heavy read was still running, not after them.
    assert reads_running == len(pending), f"the write took {seconds:.1f} s"
    assert set(statuses) == {503}
    # The query workers see the new article graph at once (the write told them to reopen).
    graph = f"{ARTICLE_PREFIX}{posted.json()['article']['id'].removeprefix('article/')}"
    found = httpx.get(
        f"{server.url}/sparql",
        params={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert found.status_code == 200, found.text[:300]
    assert found.json()["boolean"] is True
    record("write_priority", {"ingest_during_heavy_reads_s": round(seconds, 2)})
