"""Heavy queries cannot take the endpoint down (issue 13).

A live ``bikg serve`` over an embedded store evaluates queries in three worker
processes with a 3 s timeout and a 768 MB cap each. One analyst (its own source
address, 127.0.0.2) sends 32 queries at once that would each run for hours; each must
get its problem at the deadline (+1 s at most), the processes that evaluated them
must be gone or idle 2 s after the deadline, the whole service must stay under the
documented memory ceiling, and meanwhile another client's ``/api/stats``, search and
small SELECT keep answering (p95 <= 100 ms, or twice the idle p95 on a host
already slower than that). On a second server (default workers and cap, 30 s timeout), a
query that needs more memory than its cap gets a clear error and the server lives on.

The figures go to test-artifacts/reliability/heavy_queries.json (docs/reliability.md).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from kg.api.process import Served, served

from . import procs
from .support import CORPUS, SAMPLE, TOKEN, clean_env, record

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("heavy_queries")]

TIMEOUT = 3.0
#: Seconds of cheap requests on the idle server first, for comparison.
IDLE_SECONDS = 2.0
#: The p95 latency cheap requests must keep under load.
P95_BOUND = 0.100
WORKERS = 3
MEMORY_MB = 768  # the default
#: The documented ceiling of the whole service (server and workers), resident.
CEILING = 4 * 1024**3
RUNAWAYS = 32
#: The memory cap of the second server's workers (the default).
CAPPED_MB = 768
PREFIX = "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
# The ontology alone (about 700 triples) makes three-way cross products of 10^8 rows and
# more: hours of work, in constant memory. Aggregates keep Oxigraph inside one step,
# where no check between rows can see the deadline; the filtered ones never yield a row.
# (Sorting such a product instead hits the memory cap within the timeout: see below.)
RUNAWAY_QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT ?a (COUNT(?g) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } GROUP BY ?a",
    "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRLEN(CONCAT(STR(?a), STR(?g))) = 0) }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
    "FILTER(STRLEN(CONCAT(STR(?c), STR(?i))) < 0) }",
]
# Sorting a product of the ontology with itself, twice: every row is kept to be sorted
# (10^8 of them); the cap is hit long before the 30 s timeout.
SORT = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
SMALL = PREFIX + "SELECT ?c WHERE { ?c a owl:Class } ORDER BY ?c LIMIT 5"


def _doubling(steps: int) -> str:
    """A query whose one string doubles ``steps`` times: 10 * 2**steps bytes."""
    binds = " ".join(f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(steps))
    return f'SELECT (STRLEN(?s{steps}) AS ?n) WHERE {{ BIND("0123456789" AS ?s0) {binds} }}'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("heavy")
    env = clean_env(
        BIKG_WRITE_TOKEN=TOKEN,
        BIKG_WORKERS="1",
        BIKG_QUERY_TIMEOUT=str(TIMEOUT),
        BIKG_QUERY_WORKERS=str(WORKERS),
        BIKG_QUERY_MEMORY_MB=str(MEMORY_MB),
    )
    load = [arg for name in SAMPLE for arg in ("--load", str(CORPUS / name))]
    with (
        (work / "serve.log").open("wb") as log,
        served(["--store", str(work / "store"), *load], env=env, cwd=work, log=log) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server with the default workers and memory cap whose queries may run 30 s."""
    work = tmp_path_factory.mktemp("capped")
    env = clean_env(
        BIKG_WORKERS="1",
        BIKG_QUERY_TIMEOUT="30",
        BIKG_QUERY_WORKERS=str(WORKERS),
        BIKG_QUERY_MEMORY_MB=str(CAPPED_MB),
    )
    with (
        (work / "serve.log").open("wb") as log,
        served(["--store", str(work / "store")], env=env, cwd=work, log=log) as running,
    ):
        yield running


def _wait_for_workers(server: Served, count: int, within: float = 60.0) -> dict[int, Any]:
    deadline = time.monotonic() + within
    while True:
        found = procs.workers(server.process.pid)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class _Sampler(threading.Thread):
    """Samples the server's process tree every 100 ms: peak resident memory in all, and
    the CPU seconds of each query worker when first and last seen."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.stop = threading.Event()
        self.peak = 0
        self.first_cpu: dict[int, float] = {}
        self.last_cpu: dict[int, float] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            found = procs.tree(self.root)
            self.peak = max(self.peak, sum(s.rss for s in found.values()))
            for pid, sample in found.items():
                if "spawn_main" in sample.command:
                    self.first_cpu.setdefault(pid, sample.cpu)
                    self.last_cpu[pid] = sample.cpu
            time.sleep(0.1)

    def evaluators(self, among: set[int], threshold: float = 0.02) -> list[int]:
        """Workers of ``among`` that used at least ``threshold`` CPU seconds while sampled.

        Only workers there before the load can have evaluated the runaways: those started
        to replace killed ones come after every deadline (and burn CPU importing).
        """
        return [
            pid
            for pid, last in self.last_cpu.items()
            if pid in among and last - self.first_cpu.get(pid, last) >= threshold
        ]


def test_32_runaway_queries_stop_at_the_deadline_and_cheap_answers_stay_cheap(
    server: Served,
) -> None:
    _wait_for_workers(server, WORKERS)
    analyst = httpx.Client(
        transport=httpx.HTTPTransport(local_address="127.0.0.2"),
        timeout=60,
        limits=httpx.Limits(max_connections=RUNAWAYS + 4),
    )
    reader = httpx.Client(timeout=30)
    found = reader.get(f"{server.url}/api/search", params={"q": "Batam"}).json()["results"]
    entity = found[0]["id"]
    cheap = {
        "stats": lambda: reader.get(f"{server.url}/api/stats"),
        "small SELECT": lambda: reader.get(
            f"{server.url}/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"}
        ),
        "search": lambda: reader.get(f"{server.url}/api/search", params={"q": "Batam"}),
        "entity": lambda: reader.get(f"{server.url}/api/entities/{entity}"),
    }
    for call in cheap.values():  # warm: the first request of each kind builds caches
        assert call().status_code == 200
    # The same requests on the idle server: on a host other jobs keep busy, the bound
    # is measured against what this host gives anyway (see below).
    idle: dict[str, list[float]] = {name: [] for name in cheap}
    calm_until = time.monotonic() + IDLE_SECONDS
    while time.monotonic() < calm_until:
        for name, call in cheap.items():
            started = time.monotonic()
            assert call().status_code == 200
            idle[name].append(time.monotonic() - started)
        time.sleep(0.02)

    initial = set(procs.workers(server.process.pid))
    sampler = _Sampler(server.process.pid)
    sampler.start()
    barrier = threading.Barrier(RUNAWAYS)

    def runaway(index: int) -> tuple[float, float, httpx.Response]:
        query = RUNAWAY_QUERIES[index % len(RUNAWAY_QUERIES)]
        barrier.wait()
        sent = time.monotonic()
        response = analyst.get(f"{server.url}/sparql", params={"query": query})
        return sent, time.monotonic(), response

    latencies: dict[str, list[float]] = {name: [] for name in cheap}
    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=RUNAWAYS) as pool:
        pending = [pool.submit(runaway, i) for i in range(RUNAWAYS)]
        time.sleep(0.3)  # let the queries reach the workers
        while not all(f.done() for f in pending):
            for name, call in cheap.items():
                started = time.monotonic()
                response = call()
                latencies[name].append(time.monotonic() - started)
                if response.status_code != 200:
                    failures.append(f"{name}: {response.status_code} {response.text[:200]}")
            time.sleep(0.02)
        results = [f.result() for f in pending]

    last_deadline = max(sent for sent, _, _ in results) + TIMEOUT
    time.sleep(max(0.0, last_deadline + 2.0 - time.monotonic()))
    sampler.stop.set()
    sampler.join()
    evaluators = sampler.evaluators(initial)
    still_busy = []
    for pid in evaluators:
        before = procs.cpu_of(pid)
        time.sleep(0.5)
        after = procs.cpu_of(pid)
        if before is not None and after is not None and after - before > 0.05:
            still_busy.append(pid)
    analyst.close()
    reader.close()

    late = [round(done - sent - TIMEOUT, 2) for sent, done, _ in results]
    for _, _, response in results:
        assert response.status_code == 503, response.text[:300]
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["title"] == "Query timeout"
        assert problem["limit"] == "query_timeout"
        assert problem["limitValue"] == TIMEOUT
    assert max(late) <= 1.0, f"answers came this long after the deadline: {sorted(late)}"
    assert evaluators, "no worker was seen evaluating: the test did not load the server"
    assert not still_busy, f"workers still busy 2 s after the deadline: {still_busy}"
    assert sampler.peak < CEILING, f"the service reached {sampler.peak / 2**20:.0f} MB"
    assert not failures, failures
    p95 = {name: _percentile(values, 0.95) for name, values in latencies.items()}
    idle_p95 = {name: _percentile(values, 0.95) for name, values in idle.items()}
    record(
        "heavy_queries",
        {
            "runaway_queries": RUNAWAYS,
            "timeout_s": TIMEOUT,
            "query_workers": WORKERS,
            "query_memory_mb": MEMORY_MB,
            "answer_after_deadline_max_s": max(late),
            "answer_after_deadline_median_s": statistics.median(late),
            "workers_seen_evaluating": len(evaluators),
            "workers_busy_2s_after_deadline": len(still_busy),
            "peak_rss_service_mb": round(sampler.peak / 2**20),
            "ceiling_mb": CEILING // 2**20,
            **{f"{name}_requests": len(values) for name, values in latencies.items()},
            **{f"{name}_p95_ms": round(v * 1000, 1) for name, v in p95.items()},
            **{f"{name}_idle_p95_ms": round(v * 1000, 1) for name, v in idle_p95.items()},
            **{
                f"{name}_max_ms": round(max(values) * 1000, 1) for name, values in latencies.items()
            },
        },
    )
    for name in ("stats", "small SELECT"):
        assert len(latencies[name]) >= 10, f"too few {name} requests to judge"
        # 100 ms, unless this host was already slower than half that with no heavy query
        # running (other jobs on a shared CI machine): then twice its idle p95.
        bound = max(P95_BOUND, 2 * idle_p95[name])
        assert p95[name] <= bound, (
            f"{name} p95 {p95[name] * 1000:.0f} ms under load "
            f"(idle: {idle_p95[name] * 1000:.0f} ms)"
        )


@pytest.mark.parametrize(
    "query",
    [
        # 10 * 2**27 bytes = 1.3 GB in one string, and as much again to make it.
        _doubling(27),
        SORT,
    ],
    ids=["string", "sort"],
)
def test_a_query_over_its_memory_cap_gets_a_clear_error_and_the_server_lives_on(
    capped_server: Served, query: str
) -> None:
    server = capped_server
    before = _wait_for_workers(server, WORKERS)
    started = time.monotonic()
    response = httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=60)
    seconds = time.monotonic() - started
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Query memory limit"
    assert problem["limit"] == "query_memory_mb"
    assert problem["limitValue"] == CAPPED_MB
    assert f"{CAPPED_MB:,} MB" in problem["detail"]

    assert server.process.poll() is None
    assert httpx.get(f"{server.url}/api/stats", timeout=10).status_code == 200
    small = httpx.get(
        f"{server.url}/sparql", params={"query": SMALL}, headers={"Accept": "text/csv"}
    )
    assert small.status_code == 200
    assert small.text.startswith("c\r\n")
    # The worker that hit the cap is gone and a fresh one took its place.
    after = _wait_for_workers(server, WORKERS)
    assert len(after) == WORKERS
    assert set(before) - set(after), "no worker was replaced"
    # A query well under the cap still passes: the cap is not refusing everything.
    fits = httpx.get(f"{server.url}/sparql", params={"query": _doubling(20)}, timeout=60)
    assert fits.status_code == 200, fits.text[:300]
    assert fits.json()["results"]["bindings"][0]["n"]["value"] == str(10 * 2**20)
    name = "memory_cap_string" if "CONCAT" in query else "memory_cap_sort"
    record(name, {"query_memory_mb": CAPPED_MB, "error_after_s": round(seconds, 2)})


def test_every_worker_at_its_cap_keeps_the_service_under_the_ceiling(
    capped_server: Served,
) -> None:
    """The worst case of the documented ceiling: every worker filling its cap at once."""
    server = capped_server
    _wait_for_workers(server, WORKERS)
    sampler = _Sampler(server.process.pid)
    sampler.start()
    clients = [f"127.0.0.{10 + n}" for n in range(WORKERS)]  # one worker each

    def sort(address: str) -> httpx.Response:
        with httpx.Client(
            transport=httpx.HTTPTransport(local_address=address), timeout=60
        ) as client:
            return client.get(f"{server.url}/sparql", params={"query": SORT})

    with ThreadPoolExecutor(WORKERS) as pool:
        answers = list(pool.map(sort, clients))
    sampler.stop.set()
    sampler.join()
    assert [a.status_code for a in answers] == [422] * WORKERS
    assert sampler.peak < CEILING, f"the service reached {sampler.peak / 2**20:.0f} MB"
    assert server.process.poll() is None
    record(
        "memory_ceiling",
        {
            "query_workers": WORKERS,
            "query_memory_mb": CAPPED_MB,
            "peak_rss_service_mb": round(sampler.peak / 2**20),
            "ceiling_mb": CEILING // 2**20,
        },
    )


def test_a_write_is_seen_by_the_workers_next_query(server: Served) -> None:
    _wait_for_workers(server, WORKERS)
    marker = f"urn:heavy:{time.time_ns()}"
    ask = {"query": f"ASK {{ GRAPH ?g {{ <{marker}> ?p ?o }} }}"}
    json = {"Accept": "application/sparql-results+json"}
    assert httpx.get(f"{server.url}/sparql", params=ask, headers=json).json()["boolean"] is False
    update = httpx.post(
        f"{server.url}/sparql",
        data={"update": f"INSERT DATA {{ GRAPH <urn:heavy> {{ <{marker}> <urn:p> 1 }} }}"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert update.status_code == 204, update.text
    # Every worker must see it, whichever gets the query.
    for _ in range(WORKERS * 2):
        answer = httpx.get(f"{server.url}/sparql", params=ask, headers=json)
        assert answer.status_code == 200, answer.text[:300]
        assert answer.json()["boolean"] is True


def test_query_errors_from_a_worker_keep_their_meaning(server: Served) -> None:
    malformed = httpx.get(f"{server.url}/sparql", params={"query": "SELECT ?x WHERE {"})
    assert malformed.status_code == 400
    assert "error at 1:" in malformed.json()["detail"]
    refused = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
    )
    assert refused.status_code == 406
