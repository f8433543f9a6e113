"""Which runner evaluates the app's queries: worker processes for a store on disk,
threads for ``memory:`` (no other process can open it) or when workers are off."""

from __future__ import annotations

import os
import time
from pathlib import Path

from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph
from kg.query.pool import QueryPool
from kg.query.threads import ThreadRunner

ASK = {"query": "ASK {}"}
JSON = {"Accept": "application/sparql-results+json"}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    return status != "Z"


def test_a_memory_store_keeps_threads() -> None:
    settings = Settings(store="memory:")
    app = create_app(settings, KnowledgeGraph.open(settings=settings))
    with TestClient(app) as client:
        assert isinstance(app.state.queries, ThreadRunner)
        assert client.get("/sparql", params=ASK, headers=JSON).json()["boolean"] is True


def test_a_store_on_disk_gets_worker_processes_stopped_with_the_app(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "store"), query_workers=1)
    kg = KnowledgeGraph.open(settings=settings)
    app = create_app(settings, kg)
    with TestClient(app) as client:
        pool = app.state.queries
        assert isinstance(pool, QueryPool)
        [pid] = pool.pids()
        assert pid != os.getpid()
        assert _alive(pid)
        assert client.get("/sparql", params=ASK, headers=JSON).json()["boolean"] is True
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)
    kg.close()


def test_workers_can_be_turned_off(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "store"), query_workers=0)
    kg = KnowledgeGraph.open(settings=settings)
    app = create_app(settings, kg)
    with TestClient(app) as client:
        assert isinstance(app.state.queries, ThreadRunner)
        assert client.get("/sparql", params=ASK, headers=JSON).status_code == 200
    kg.close()


def test_an_update_through_the_endpoint_reaches_the_workers(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "store"), query_workers=2, write_token="t")
    kg = KnowledgeGraph.open(settings=settings)
    app = create_app(settings, kg)
    ask = {"query": "ASK { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }"}
    with TestClient(app) as client:
        for _ in range(2):  # each worker opens the store as it is now
            assert client.get("/sparql", params=ask, headers=JSON).json()["boolean"] is False
        done = client.post(
            "/sparql",
            data={"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:p> 1 } }"},
            headers={"Authorization": "Bearer t"},
        )
        assert done.status_code == 204
        for _ in range(4):
            assert client.get("/sparql", params=ask, headers=JSON).json()["boolean"] is True
    kg.close()
