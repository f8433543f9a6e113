"""The exploring commands print what the API answers, from the same KnowledgeGraph layer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import KnowledgeGraph
from kg.cli import cli

SEED = (
    Path(__file__).resolve().parents[2] / "data" / "articles" / "batam-xiangyang-sister-city.id.txt"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = str(tmp_path_factory.mktemp("explore") / "store")
    with KnowledgeGraph.open(folder) as kg:
        kg.ingest([SEED], workers=1)
    return folder


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_search_finds_china_by_its_indonesian_name(store: str) -> None:
    first = run("search", "--store", store, "Tiongkok").splitlines()[0]
    assert "country/cn" in first
    assert "China" in first


def test_search_json_matches_the_layer(store: str) -> None:
    printed = json.loads(run("search", "--store", store, "--json", "-t", "City", "Batam"))
    with KnowledgeGraph.open(store) as kg:
        assert printed == json.loads(json.dumps(kg.search("Batam", type=["City"]), default=str))


def test_entity_lists_the_post_with_its_evidence(store: str) -> None:
    printed = json.loads(run("entity", "--store", store, "Zhang Min"))
    holds = [r for r in printed["relations"]["out"] if r["predicate"] == "org:holds"]
    assert holds
    assert "Zhang Min" in holds[0]["evidence"][0]["sentence"]


def test_path_from_batam_to_xiangyang(store: str) -> None:
    first = run("path", "--store", store, "Batam", "Xiangyang").splitlines()[0]
    assert first.startswith("1. Batam")
    assert first.endswith("Xiangyang")


def test_no_path_exits_non_zero(store: str) -> None:
    result = CliRunner().invoke(cli, ["path", "--store", store, "Batam", "Batam"])
    assert result.exit_code != 0 or "1. Batam" in result.output


def test_bilateral_lists_the_proposed_sister_city(store: str) -> None:
    printed = json.loads(run("bilateral", "--store", store, "ID", "CN"))
    proposed = printed["agreements"]["Proposed"]
    assert any(a["type"] == "SisterCityAgreement" for a in proposed)


def test_central_ranks_nodes(store: str) -> None:
    lines = run("central", "--store", store, "-n", "3").splitlines()
    assert len(lines) == 3
