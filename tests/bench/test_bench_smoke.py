"""The whole benchmark at smoke size: every phase, baselines included, in well under 60 s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.bench.report import markdown
from kg.bench.run import BenchConfig, run, write_results

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("bench")]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("bench")
    return run(BenchConfig.smoke(workdir))


def test_every_phase_reports_beside_its_baseline(results: dict) -> None:
    phases = results["phases"]
    assert phases["extract"]["one_process"]["articles_per_s"] > 0
    assert phases["extract"]["pool"]["articles_per_s"] > 0
    assert phases["ingest_oxigraph"]["articles"] == 20
    assert phases["ingest_rdflib"]["articles"] == 10
    for entry in phases["queries"].values():
        assert set(entry["oxigraph"]["queries"]) == set(entry["rdflib"]["queries"])
        assert entry["ratio"]
        for name, timing in entry["oxigraph"]["queries"].items():
            assert timing["p95_ms"] >= timing["p50_ms"] > 0, name
            assert timing["rows"] == entry["rdflib"]["queries"][name]["rows"], name


def test_every_phase_reports_its_peak_memory(results: dict) -> None:
    phases = results["phases"]
    for name in ("corpus", "extract", "ingest_oxigraph", "ingest_rdflib", "api"):
        assert phases[name]["peak_rss_mb"] > 0, name
    for entry in phases["queries"].values():
        assert entry["oxigraph"]["peak_rss_mb"] > 0
        assert entry["rdflib"]["peak_rss_mb"] > 0


def test_api_answers_under_load(results: dict) -> None:
    endpoints = results["phases"]["api"]["endpoints"]
    assert set(endpoints) == {"/sparql", "/api/search", "/api/neighbors"}
    for name, figures in endpoints.items():
        assert figures["requests"] > 0, name
        assert figures["errors"] == 0, (name, figures["statuses"])
        assert figures["p95_ms"] >= figures["p50_ms"] > 0, name


def test_results_are_json_and_markdown(results: dict, tmp_path: Path) -> None:
    path = write_results(results, tmp_path, "smoke.json")
    assert json.loads(path.read_text())["machine"]["cores"] >= 1
    text = markdown(results)
    for heading in ("### Extraction", "### Ingest", "### Competency queries", "### API"):
        assert heading in text
    assert "rdflib" in text
