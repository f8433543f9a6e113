"""The whole benchmark at smoke size: every phase, baselines included, in well under 60 s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.bench.queries import example_queries
from kg.bench.report import markdown
from kg.bench.run import BenchConfig, run, write_results
from kg.bench.served import TARGETS

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
    for name in ("corpus", "extract", "ingest_oxigraph", "ingest_rdflib", "api", "served"):
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


def test_every_example_query_is_timed_through_the_server(results: dict) -> None:
    served = results["phases"]["served"]
    assert set(served["queries"]) == set(example_queries())
    assert any(name.startswith("README ") for name in served["queries"])
    assert any(name.startswith("SPARQL page ") for name in served["queries"])
    for name, figures in served["queries"].items():
        assert "error" not in figures, (name, figures)
        assert figures["p95_ms"] >= figures["p50_ms"] > 0, name
    # The README examples answer on the bench corpus (the page's evidence example names a
    # node of the sample articles, absent here).
    assert served["queries"]["README who-holds-which-post"]["rows"] > 0


def test_the_most_cited_node_page_neighbours_and_edits(results: dict) -> None:
    served = results["phases"]["served"]
    top = served["most_cited"]
    assert top["node"].startswith("https://w3id.org/bilateral-kg/id/")
    assert top["articles"] >= 5  # the Zipf corpus repeats its head even in 20 articles
    page = served["entity_page"]
    assert page["bytes"] > 1000
    assert page["p95_ms"] >= page["p50_ms"] > 0
    near = served["neighbors"]
    assert near["requests"] > 0
    assert near["errors"] == 0, near["statuses"]
    for kind in ("replace", "delete"):
        assert served["edits"][kind]["runs"] == 2
        assert served["edits"][kind]["p50_ms"] > 0
    assert served["server"]["stopped"] is None
    assert 0 < served["server"]["peak_rss_mb"] < served["server"]["memory_limit_mb"]
    extraction = served["edits"]["replace"]["extraction_alone"]
    assert extraction["p50_ms"] > 0  # the same text extracted alone, for comparison


def test_issue_targets_are_printed_with_ratios(results: dict) -> None:
    targets = results["targets"]
    for name in TARGETS:
        entry = targets[f"issue 11: {name}"]
        assert entry["ratio"] is not None, name
        assert entry["met"] == (entry["ratio"] <= 1 if TARGETS[name][2] else entry["ratio"] >= 1), (
            name
        )
    # The entity page is judged by its computed answer, not only by cached repeats.
    page = results["phases"]["served"]["entity_page"]
    judged = targets["issue 11: entity page of the most cited node"]["ratio"] * 100.0
    assert judged == pytest.approx(max(page["first_ms"], page["p95_ms"]), abs=0.5)  # rounded
    text = markdown(results)
    assert "### The full store through the server (issue 11)" in text
    assert "ratio = measured / target" in text
