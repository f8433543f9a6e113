"""Stores of the previous layout: refused with the command to run, then migrated losslessly.

``tests/data/stores/legacy-store-v1.tar.gz`` is an embedded store written by
bilateral-kg before the facts graph (commit a028889) from three bundled articles.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli, main
from kg.errors import StoreLayoutError
from kg.graph.store import OxigraphStore
from kg.graph.store.facts import LAYOUT
from kg.graph.store.layout import check_layout, inconsistencies, layout_of
from kg.graph.vocab import ONTOLOGY_GRAPH
from kg.knowledge import KnowledgeGraph

LEGACY = Path(__file__).resolve().parents[1] / "data" / "stores" / "legacy-store-v1.tar.gz"


@pytest.fixture
def legacy_store(tmp_path: Path) -> Path:
    with tarfile.open(LEGACY) as archive:
        archive.extractall(tmp_path, filter="data")
    return tmp_path / "legacy-store"


def article_quads(path: Path) -> set[ox.Quad]:
    store = ox.Store(str(path))
    try:
        return {
            q
            for q in store
            if isinstance(q.graph_name, ox.NamedNode) and "/id/article/" in q.graph_name.value
        }
    finally:
        del store


def test_an_old_store_is_refused_with_the_command_to_run(
    legacy_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreLayoutError, match="bikg migrate"):
        KnowledgeGraph.open(str(legacy_store))
    with pytest.raises(SystemExit) as stopped:
        main(["stats", "--store", str(legacy_store)])
    assert stopped.value.code == 3
    err = capsys.readouterr().err
    assert "bikg migrate" in err
    assert "Traceback" not in err


def test_migrate_keeps_every_article_and_builds_the_facts(legacy_store: Path) -> None:
    before = article_quads(legacy_store)
    assert len({q.graph_name for q in before}) == 3
    result = CliRunner().invoke(cli, ["migrate", "--store", str(legacy_store)])
    assert result.exit_code == 0, result.output
    assert "migrated 3 article graphs" in result.output
    assert article_quads(legacy_store) == before  # nothing lost, nothing rewritten
    with KnowledgeGraph.open(str(legacy_store)) as kg:
        assert layout_of(kg.store) == LAYOUT
        assert inconsistencies(kg.store) == []
        names = {
            row["name"]
            for row in kg.query("SELECT ?name WHERE { ?p a bkg:Person ; rdfs:label ?name }")
        }  # type: ignore[index,union-attr]
        assert {"Zhang Min", "Amsakar Achmad"} <= names
        assert kg.query("ASK { bkg:Mayor skos:prefLabel ?label }")  # the ontology, reloaded
    again = CliRunner().invoke(cli, ["migrate", "--store", str(legacy_store)])
    assert "current layout" in again.output


def test_an_interrupted_migration_can_run_again(legacy_store: Path) -> None:
    from kg.graph.store import layout

    store = OxigraphStore(legacy_store)
    calls = []

    def interrupt(done: int) -> None:
        calls.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        layout.migrate(store, progress=interrupt)
    assert layout_of(store) == 1  # not recorded as migrated
    layout.migrate(store)
    check_layout(store)
    assert inconsistencies(store) == []
    assert str(ONTOLOGY_GRAPH) not in store.graph_names()  # reloaded on the next open
    store.close()
