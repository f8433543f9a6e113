"""A remote store drops a query's connection at the timeout (live ``oxigraph serve``)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from oxigraph_server import running_oxigraph

from kg.errors import QueryTimeoutError
from kg.graph.ontology import ensure_ontology
from kg.graph.store import RemoteStore, open_store

pytestmark = pytest.mark.server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def query_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    location = tmp_path_factory.mktemp("oxigraph")
    with running_oxigraph(location, "--union-default-graph") as url:
        ensure_ontology(RemoteStore(url))  # about 700 triples: cross products of 10^8 rows
        yield url


def test_a_runaway_remote_query_ends_at_the_timeout(query_url: str) -> None:
    store = open_store(query_url, query_timeout=1.0)
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="1 s timeout"):
        store.query(RUNAWAY)
    assert time.monotonic() - started < 5  # 1 s, plus a second of grace, plus a busy host
    # The same store still answers: only that connection was dropped.
    assert store.query("ASK {}").value is True  # type: ignore[union-attr]


def test_without_a_timeout_the_client_default_applies(query_url: str) -> None:
    store = open_store(query_url)
    assert isinstance(store, RemoteStore)
    assert store.query_timeout is None
    assert store.query("ASK {}").value is True  # type: ignore[union-attr]
