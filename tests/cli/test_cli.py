"""The bikg command: exit codes, output formats, one-line errors, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.config import get_settings

ROOT = Path(__file__).resolve().parents[2]
PERSONS = (
    "SELECT DISTINCT ?name WHERE { ?p a <https://w3id.org/bilateral-kg/ontology#Person> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
)
CONSTRUCT = (
    "CONSTRUCT { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name } WHERE { "
    "?p a <https://w3id.org/bilateral-kg/ontology#Person> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?name }"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``bikg ARGS`` in process: (exit code, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def clean_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("BIKG_STORE", "BIKG_WORKERS", "BIKG_UPDATE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BIKG_WORKERS", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """A store holding the seed article, ingested by the CLI."""
    store = tmp_path_factory.mktemp("cli") / "store"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "ingest",
            "--store",
            str(store),
            "-j",
            "1",
            str(seed_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "1 read, 1 stored, 0 unchanged, 0 failed" in done.stderr
    return store


def test_second_ingest_adds_nothing(
    capsys: pytest.CaptureFixture[str], seeded: Path, seed_path: Path
) -> None:
    before = ox.Store.read_only(str(seeded))
    count = len(before)
    del before
    code, _, err = run(capsys, "ingest", "--store", str(seeded), str(seed_path))
    assert code == 0
    assert "1 read, 0 stored, 1 unchanged, 0 failed; 0 triples" in err
    after = ox.Store.read_only(str(seeded))
    assert len(after) == count


def test_query_json_is_sparql_results_json(
    capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    code, out, _ = run(capsys, "query", "--store", str(seeded), "--format", "json", PERSONS)
    assert code == 0
    parsed = json.loads(out)
    assert parsed["head"] == {"vars": ["name"]}
    names = [row["name"] for row in parsed["results"]["bindings"]]
    assert {"type": "literal", "value": "Zhang Min"} in names
    assert {"type": "literal", "value": "Amsakar Achmad"} in names
    assert out.endswith("}\n")


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        pytest.param("table", lambda out: "Zhang Min" in out and "rows)" in out, id="table"),
        pytest.param(
            "xml",
            lambda out: "Zhang Min" in {e.text for e in ET.fromstring(out).iter()},
            id="xml",
        ),
        pytest.param(
            "csv", lambda out: out.startswith("name\r\n") and "Zhang Min\r\n" in out, id="csv"
        ),
        pytest.param(
            "tsv", lambda out: out.startswith("?name\n") and '"Zhang Min"\n' in out, id="tsv"
        ),
    ],
)
def test_select_formats(capsys: pytest.CaptureFixture[str], seeded: Path, fmt: str, check) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "query", "-s", str(seeded), "-f", fmt, PERSONS)
    assert code == 0
    assert check(out), out


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("json", {"head": {}, "boolean": True}, id="json"),
        pytest.param("table", "true", id="table"),
    ],
)
def test_ask(capsys: pytest.CaptureFixture[str], seeded: Path, fmt: str, expected: object) -> None:
    code, out, _ = run(capsys, "query", "-s", str(seeded), "-f", fmt, "ASK { ?s ?p ?o }")
    assert code == 0
    assert (json.loads(out) if fmt == "json" else out.strip()) == expected


@pytest.mark.parametrize(
    ("fmt", "rdf_format"),
    [
        pytest.param("turtle", ox.RdfFormat.TURTLE, id="turtle"),
        pytest.param("nt", ox.RdfFormat.N_TRIPLES, id="nt"),
        pytest.param("jsonld", ox.RdfFormat.JSON_LD, id="jsonld"),
    ],
)
def test_construct_formats(
    capsys: pytest.CaptureFixture[str], seeded: Path, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    code, out, _ = run(capsys, "query", "-s", str(seeded), "-f", fmt, CONSTRUCT)
    assert code == 0
    labels = {t.object.value for t in ox.parse(out.encode(), format=rdf_format)}
    assert {"Zhang Min", "Amsakar Achmad"} <= labels


def test_query_from_a_file(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path
) -> None:
    query = tmp_path / "q.rq"
    query.write_text(PERSONS)
    code, out, _ = run(capsys, "query", "-s", str(seeded), "-f", "csv", f"@{query}")
    assert code == 0
    assert "Zhang Min" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        pytest.param(
            ["SELECT ?x WHERE { ?x ?p }"], "malformed query: error at 1:26", id="malformed"
        ),
        pytest.param(["-f", "turtle", "ASK {}"], "needs a CONSTRUCT or DESCRIBE", id="format-kind"),
        pytest.param(["@/nonexistent/q.rq"], "cannot read the query file", id="missing-file"),
    ],
)
def test_query_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], seeded: Path, args: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, "query", "-s", str(seeded), *args)
    assert code == 2
    assert out == ""
    lines = [line for line in err.splitlines() if not line.startswith("INFO ")]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err


def test_debug_shows_the_traceback(seeded: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "--debug",
            "query",
            "-s",
            str(seeded),
            "SELECT ?x WHERE { ?x ?p }",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" in done.stderr


def test_store_errors_exit_3_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    code, _, err = run(capsys, "stats", "--store", str(not_a_folder))
    assert code == 3
    assert err.startswith("error: ")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [
        pytest.param("trig", lambda b: list(ox.parse(b, format=ox.RdfFormat.TRIG)), id="trig"),
        pytest.param(
            "nquads", lambda b: list(ox.parse(b, format=ox.RdfFormat.N_QUADS)), id="nquads"
        ),
        pytest.param(
            "turtle", lambda b: list(ox.parse(b, format=ox.RdfFormat.TURTLE)), id="turtle"
        ),
        pytest.param(
            "jsonld", lambda b: list(ox.parse(b, format=ox.RdfFormat.JSON_LD)), id="jsonld"
        ),
        pytest.param("graphml", lambda b: list(nx.read_graphml(b).nodes), id="graphml"),
        pytest.param("gexf", lambda b: list(nx.read_gexf(b).nodes), id="gexf"),
    ],
)
def test_export_formats(
    capsys: pytest.CaptureFixture[str], seeded: Path, tmp_path: Path, fmt: str, parse
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"out.{fmt}"
    code, _, _ = run(capsys, "export", "-s", str(seeded), "-f", fmt, "-o", str(target))
    assert code == 0
    assert len(parse(str(target) if fmt in ("graphml", "gexf") else target.read_bytes())) > 10


def test_stats(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, _ = run(capsys, "stats", "-s", str(seeded), "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["articles"] == 1
    assert stats["by_class"]["Person"] >= 2
    assert stats["by_article"][0]["title"] == "Konjen Tiongkok Jajaki Sister City Batam-Xiangyang"
    code, out, _ = run(capsys, "stats", "-s", str(seeded))
    assert code == 0
    assert "1 articles" in out
    assert "Person" in out


def test_validate(capsys: pytest.CaptureFixture[str], seeded: Path) -> None:
    code, out, err = run(capsys, "validate", "-s", str(seeded))
    assert code == 0, out
    assert "1 graphs checked, 0 violations" in err


def test_eval(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path) -> None:
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    (articles / seed_path.name).write_bytes(seed_path.read_bytes())
    gold_file = ROOT / "data" / "gold" / "batam-xiangyang-sister-city.json"
    record = json.loads(gold_file.read_text(encoding="utf-8"))
    record["persons"].append("Nobody Atall")  # a guaranteed miss for --errors to list
    (gold / gold_file.name).write_text(json.dumps(record), encoding="utf-8")
    code, out, _ = run(capsys, "eval", "--errors", str(articles), str(gold))
    assert code == 0
    assert "micro overall" in out
    assert "(1 articles)" in out
    misses = [line for line in out.splitlines() if "nobody atall" in line.casefold()]
    assert len(misses) == 1
    assert misses[0].startswith("batam-xiangyang-sister-city")
    assert "persons FN" in misses[0]
    code, _, err = run(capsys, "eval", str(tmp_path / "missing"), str(gold))
    assert code == 2
    assert "does not exist" in err


def test_bad_input_fails_the_batch_but_the_rest_goes_in(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Wali Kota Batam, Amsakar Achmad, menerima tamu di Batam.")
    (inputs / "empty.md").write_text("")
    (inputs / "feed.jsonl").write_text(
        '{"text": "Zhang Min tiba di Medan.", "url": "https://x.id/1"}\n'
        '{"url": "https://x.id/2"}\n'
        "{broken\n"
    )
    store = str(tmp_path / "store")
    code, _, err = run(capsys, "ingest", "-s", store, str(inputs), str(tmp_path / "nope.txt"))
    assert code == 1
    assert "Traceback" not in err
    assert "6 read, 2 stored, 0 unchanged, 4 failed" in err
    assert f"{inputs / 'empty.md'}: empty file" in err
    assert f"{inputs / 'feed.jsonl'}:2: field 'text' is missing" in err
    assert f"{inputs / 'feed.jsonl'}:3: malformed JSON" in err
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in err
    code, out, _ = run(
        capsys,
        "query",
        "-s",
        store,
        "-f",
        "json",
        "SELECT ?a WHERE { ?a a <https://w3id.org/bilateral-kg/ontology#Article> }",
    )
    assert len(json.loads(out)["results"]["bindings"]) == 2


def test_stdin_ingest_and_query(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    command = [sys.executable, "-m", "kg.cli", "-q"]
    done = subprocess.run(
        [*command, "ingest", "-s", store, "-j", "1", "-"],
        input="Wali Kota Batam, Amsakar Achmad, menerima Konsul Jenderal Tiongkok di Medan, "
        "Zhang Min.",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "1 read, 1 stored" in done.stderr
    done = subprocess.run(
        [*command, "query", "-s", store, "-f", "csv", "-"],
        input=PERSONS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Zhang Min" in done.stdout


def test_store_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seeded: Path
) -> None:
    monkeypatch.setenv("BIKG_STORE", str(seeded))
    get_settings.cache_clear()
    code, out, _ = run(capsys, "query", "-f", "csv", PERSONS)
    assert code == 0
    assert "Zhang Min" in out


@pytest.mark.parametrize("spec", ["memory:", "memory"])
def test_memory_store(
    capsys: pytest.CaptureFixture[str], spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(
        capsys, "query", "--store", spec, "ASK { ?s a <http://www.w3.org/2002/07/owl#Ontology> }"
    )
    assert code == 0
    assert out.strip() == "true"  # the ontology graph, loaded on open
    assert not (tmp_path / "memory").exists()
