"""The CLI beside a running ``bikg serve`` that holds the store's lock.

Reading commands (search, entity, query) open the store read-only and answer; ``bikg
ingest`` says in one line which process holds the store and what to do instead;
``bikg query`` stops at ``BIKG_QUERY_TIMEOUT`` even inside one step of Oxigraph.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.api.process import Served, free_port, served

from .support import CORPUS, SAMPLE, TOKEN, clean_env, run_bikg

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("cli_beside_server")]

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Path]]:
    work = tmp_path_factory.mktemp("beside")
    store = work / "store"
    env = clean_env(BIKG_WRITE_TOKEN=TOKEN, BIKG_WORKERS="1")
    load = [arg for name in SAMPLE for arg in ("--load", str(CORPUS / name))]
    with (
        (work / "serve.log").open("wb") as log,
        served(["--store", str(store), *load], env=env, cwd=work, log=log) as server,
    ):
        assert (store / "LOCK").exists()
        yield server, store


def test_search_entity_and_query_answer_beside_the_server(
    running: tuple[Served, Path], tmp_path: Path
) -> None:
    server, store = running
    found = run_bikg("search", "--store", str(store), "--json", "Batam", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits
    assert hits[0]["label"] == "Batam"

    entity = run_bikg("entity", "--store", str(store), hits[0]["id"], cwd=tmp_path)
    assert entity.returncode == 0, entity.stderr
    assert json.loads(entity.stdout)["label"] == "Batam"
    by_name = run_bikg("entity", "--store", str(store), "Batam", cwd=tmp_path)
    assert by_name.returncode == 0, by_name.stderr

    query = (
        "SELECT ?name WHERE { ?c a <https://w3id.org/bilateral-kg/ontology#City> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
    )
    rows = run_bikg("query", "--store", str(store), "-f", "csv", query, cwd=tmp_path)
    assert rows.returncode == 0, rows.stderr
    assert "Batam" in rows.stdout.splitlines()
    table = run_bikg("query", "--store", str(store), query, cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "rows)" in table.stdout
    # The server never noticed: it still answers and still holds the store.
    assert server.process.poll() is None


def test_ingest_names_the_process_holding_the_store(
    running: tuple[Served, Path], tmp_path: Path
) -> None:
    server, store = running
    article = CORPUS / SAMPLE[0]
    done = run_bikg("ingest", "--store", str(store), str(article), cwd=tmp_path)
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"process {server.process.pid}" in lines[0]
    assert "bikg --quiet serve --store" in lines[0]
    assert "POST /api/articles" in lines[0]
    assert "Traceback" not in done.stderr


def test_query_stops_at_the_timeout_beside_the_server(
    running: tuple[Served, Path], tmp_path: Path
) -> None:
    _, store = running
    started = time.monotonic()
    done = run_bikg("query", "--store", str(store), RUNAWAY, cwd=tmp_path, BIKG_QUERY_TIMEOUT="1")
    seconds = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "longer than the 1 s timeout" in done.stderr
    # Starting Python and the worker takes a few seconds on a busy machine; the
    # query itself would run for hours.
    assert seconds < 30


def test_a_second_server_on_the_same_store_names_the_first(
    running: tuple[Served, Path], tmp_path: Path
) -> None:
    server, store = running
    done = run_bikg(
        "serve", "--store", str(store), "--port", str(free_port()), cwd=tmp_path, timeout=120
    )
    assert done.returncode == 3
    [line] = done.stderr.strip().splitlines()
    assert f"process {server.process.pid}" in line
    assert "use that server, or stop it" in line
