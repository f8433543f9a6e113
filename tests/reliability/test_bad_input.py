"""Bad input: every case in tests/data/bad/ and a few huge ones made at test time.

Each input must give a clear error (a reason that names what is wrong) or a partial
result, within a bounded time, and nothing already stored may change: the store holds
three good articles first, and their graphs are compared after every case.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.knowledge import KnowledgeGraph

from .support import CORPUS, ROOT, Snapshot, record, run_bikg, snapshot_of

BAD = ROOT / "tests" / "data" / "bad"
#: Seconds one bad input may take, huge ones included (a loaded CI machine is slow).
CASE_SECONDS = 120
BASELINE = [
    "batam-xiangyang-sister-city.id.txt",
    "makassar-changwon-mou-signed.en.txt",
    "perth-denpasar-letter-of-intent.en.html",
]


def refused(reason: str) -> tuple[str, str]:
    return ("refused", reason)


STORED = ("stored", "")

#: Every committed case and what it must give: refused with a reason, or stored.
CASES: dict[str, tuple[str, str]] = {
    "empty.txt": refused("empty file"),
    "whitespace-only.txt": refused("empty file"),
    "bom-only.txt": refused("empty text"),
    "zero-width-only.txt": refused("no words"),
    "punctuation-only.txt": refused("no words"),
    "binary.txt": refused("binary data"),
    "png-named-txt.txt": refused("binary data"),
    "utf-16-no-bom.txt": refused("binary data"),
    "invalid-utf-8.txt": refused("invalid UTF-8"),
    "control-characters.txt": refused("control characters"),
    "front-matter-only.md": refused("empty text"),
    "front-matter-bad-date.txt": refused("not an ISO date"),
    "truncated.json": refused("malformed JSON"),
    "nested-array.json": refused("nested"),
    "nested-field.json": refused("nested"),
    "top-level-list.json": refused("expected a JSON object"),
    "top-level-string.json": refused("expected a JSON object"),
    "text-number.json": refused("field 'text': expected a string"),
    "text-list.json": refused("field 'text': expected a string"),
    "text-object.json": refused("field 'text': expected a string"),
    "title-object.json": refused("field 'title': expected a string"),
    "language-bool.json": refused("field 'language': expected a string"),
    "published-number.json": refused("field 'published'"),
    "missing-text.json": refused("field 'text' is missing"),
    "null-text.json": refused("field 'text' is missing"),
    "empty-text.json": refused("empty text"),
    "future-date.json": refused("in the future"),
    "impossible-date.json": refused("not an ISO date"),
    "ancient-date.json": refused("implausibly old"),
    "javascript-url.json": refused("not an http(s) URL"),
    "file-url.json": refused("not an http(s) URL"),
    "lone-surrogate.json": refused("invalid Unicode"),
    "stored-url-future-date.json": refused("in the future"),
    "stored-url-empty-text.json": refused("empty text"),
    "html-only-scripts.html": refused("no article text"),
    "unknown-extension.pdf": refused("unknown extension"),
    "latin-1.txt": STORED,
    "utf-16-bom.txt": STORED,
    "utf-16-be-bom.txt": STORED,
    "truncated-utf-8.txt": STORED,
    "few-control-characters.txt": STORED,
    "rtl-marks.txt": STORED,
    "punctuation-names.txt": STORED,
    "names-with-sparql.txt": STORED,
    "front-matter-unclosed.txt": STORED,
    "markdown-brackets.md": STORED,
    "nul-escape.json": STORED,
    "html-scripts.html": STORED,
    # 2 good lines stored, 5 refused, each named by its line number
    "mixed-feed.jsonl": (
        "mixed",
        "2:malformed JSON|3:field 'text'|4:expected a JSON object|"
        "5:field 'text' is missing|6:in the future",
    ),
}

# Bidirectional overrides and isolates: in a label they can make a name read backwards.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

_figures: dict[str, dict[str, object]] = {}


def test_every_committed_case_is_listed() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.name != "README.md"}
    assert on_disk == set(CASES)
    assert len(CASES) >= 30


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """A disk store holding three good articles before any bad input arrives."""
    with KnowledgeGraph.open(str(tmp_path_factory.mktemp("bad") / "store")) as graph:
        summary = graph.ingest([CORPUS / name for name in BASELINE], workers=1)
        assert summary.stored == len(BASELINE), str(summary)
        yield graph


@pytest.fixture(scope="module")
def baseline(kg: KnowledgeGraph) -> Snapshot:
    found = snapshot_of(kg.store.native)  # type: ignore[attr-defined]
    assert len(found) == len(BASELINE) + 1  # and the ontology
    return found


def _assert_unchanged(kg: KnowledgeGraph, baseline: Snapshot) -> None:
    now = snapshot_of(kg.store.native, only=set(baseline))  # type: ignore[attr-defined]
    assert now == baseline, "a bad input changed what was already stored"


def _labels(kg: KnowledgeGraph, graphs: list[str]) -> list[str]:
    found = []
    for graph in graphs:
        rows = kg.query(
            "SELECT ?l WHERE { GRAPH ?g { ?s rdfs:label|skos:altLabel ?l } }", g=ox.NamedNode(graph)
        )
        found += [str(row["l"]) for row in rows]  # type: ignore[union-attr]
    return found


def _check_stored(kg: KnowledgeGraph, name: str, graphs: list[str]) -> None:
    labels = _labels(kg, graphs)
    assert labels, f"{name}: nothing was extracted"
    for label in labels:
        assert any(ch.isalnum() for ch in label), f"{name}: a label of punctuation only {label!r}"
        assert not _BIDI.search(label), f"{name}: a bidi override in the label {label!r}"
        assert label == label.strip(), f"{name}: label with edge whitespace {label!r}"
        assert all(unicodedata.category(ch) != "Cc" for ch in label), f"{name}: {label!r}"
    if name == "html-scripts.html":
        rows = kg.query(
            "SELECT ?b WHERE { GRAPH ?g { ?a schema:articleBody ?b } }", g=ox.NamedNode(graphs[0])
        )
        body = str(rows[0]["b"])  # type: ignore[index]
        assert "Zhang Min" in body
        for sign in ("alert(", "<script", "document.write", "<iframe", "onerror"):
            assert sign not in body


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_refused_or_partly_stored(
    kg: KnowledgeGraph, baseline: Snapshot, name: str
) -> None:
    outcome, detail = CASES[name]
    started = time.monotonic()
    summary = kg.ingest([BAD / name], workers=1)  # must not raise
    seconds = time.monotonic() - started
    assert seconds < CASE_SECONDS
    reasons = [f"{f.origin}: {f.reason}" for f in summary.failed]
    new_graphs = [g for g in summary.graphs if g not in baseline]
    if outcome == "refused":
        assert summary.stored == 0, f"{name} was stored"
        assert len(summary.failed) == 1, reasons
        assert summary.failed[0].origin.endswith(name), "the error must name the input"
        assert detail in summary.failed[0].reason
    elif outcome == "stored":
        assert summary.stored == 1, reasons
        assert not summary.failed, reasons
        _check_stored(kg, name, new_graphs)
    else:
        assert summary.stored == 2, str(summary)
        expected = dict(item.split(":", 1) for item in detail.split("|"))
        found = {f.origin.rsplit(":", 1)[1]: f.reason for f in summary.failed}
        assert sorted(found) == sorted(expected)
        for line, reason in expected.items():
            assert reason in found[line], (line, found[line])
    _assert_unchanged(kg, baseline)
    _figures[name] = {"outcome": outcome, "seconds": round(seconds, 2)}
    record("bad_input_committed", dict(sorted(_figures.items())))


# -- huge inputs, made at test time ------------------------------------------------------

_SENTENCE = (
    "Wali Kota Batam, Amsakar Achmad, bertemu Konsul Jenderal Tiongkok di Medan, Zhang Min, "
    "di Batam pada Senin (21/4/2025). "
)
_WORDS = [
    "kota",
    "batam",
    "dan",
    "xiangyang",
    "bekerja",
    "sama",
    "di",
    "bidang",
    "ekonomi",
    "serta",
    "pendidikan",
]
_MB50 = 50 * 1024 * 1024


def _long_sentence(size: int) -> str:
    words = []
    length = 0
    while length < size:
        word = _WORDS[len(words) % len(_WORDS)]
        words.append(word)
        length += len(word) + 1
    return "Wali Kota Batam berkata bahwa " + " ".join(words)[:size]


def _make(folder: Path, name: str) -> Path:
    path = folder / name
    if name == "50mb.txt":
        path.write_bytes(_SENTENCE.encode() * (_MB50 // len(_SENTENCE) + 1))
    elif name == "50mb.jsonl":
        text = _SENTENCE * (_MB50 // len(_SENTENCE) + 1)
        path.write_text(json.dumps({"text": text, "url": "https://bad.example.org/50mb"}))
    elif name == "50mb.html":
        path.write_text("<html><body><p>" + _SENTENCE * (_MB50 // len(_SENTENCE)) + "</p>")
    elif name == "sentence-100k.txt":
        path.write_text(_long_sentence(100_000) + ".\n")
    elif name == "word-100k.txt":
        path.write_text("Batam " + "x" * 100_000 + " Medan.\n")
    elif name == "repeated-1.9mb.txt":
        # A zip-bomb-like input: one sentence repeated up to just under the size limit.
        path.write_text(_SENTENCE * (1_900_000 // len(_SENTENCE)))
    elif name == "many-short-lines.txt":
        path.write_text("Batam.\n" * 250_000)
    elif name == "deep-nesting-4mb.jsonl":
        path.write_text("[" * 2_000_000 + "]" * 2_000_000 + "\n")
    return path


HUGE: dict[str, tuple[str, str]] = {
    "50mb.txt": refused("over the limit"),
    "50mb.jsonl": refused("too long for one article"),
    "50mb.html": refused("over the limit"),
    "deep-nesting-4mb.jsonl": refused("nested"),
    "sentence-100k.txt": STORED,
    "word-100k.txt": STORED,
    "many-short-lines.txt": STORED,
    "repeated-1.9mb.txt": STORED,
}


@pytest.mark.parametrize("name", sorted(HUGE))
def test_huge_input_is_refused_or_stored_in_bounded_time(
    kg: KnowledgeGraph, baseline: Snapshot, tmp_path: Path, name: str
) -> None:
    outcome, detail = HUGE[name]
    path = _make(tmp_path, name)
    started = time.monotonic()
    summary = kg.ingest([path], workers=1)
    seconds = time.monotonic() - started
    assert seconds < CASE_SECONDS, f"{name} took {seconds:.0f} s"
    if outcome == "refused":
        assert summary.stored == 0, str(summary)
        assert len(summary.failed) == 1, str(summary)
        assert detail in summary.failed[0].reason
    else:
        assert summary.stored == 1, str(summary)
    _assert_unchanged(kg, baseline)
    record(
        f"bad_input_huge_{name.replace('.', '_')}",
        {
            "bytes": path.stat().st_size,
            "outcome": outcome,
            "seconds": round(seconds, 2),
            "triples_written": summary.triples,
        },
    )


def test_the_cli_reports_every_bad_file_without_a_traceback(tmp_path: Path) -> None:
    done = run_bikg("ingest", "--store", str(tmp_path / "store"), "-j", "1", str(BAD), cwd=tmp_path)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    refused_files = [n for n, (outcome, _) in CASES.items() if outcome == "refused"]
    for name in refused_files:
        if name.endswith(".pdf"):
            continue  # a folder is scanned for article suffixes only
        assert f"{name}: " in done.stderr, f"{name} is not named in the summary"
    summary = re.search(r"(\d+) read, (\d+) stored, (\d+) unchanged, (\d+) failed", done.stderr)
    assert summary is not None, done.stderr[-2000:]
    record(
        "bad_input_cli",
        dict(
            zip(["read", "stored", "unchanged", "failed"], map(int, summary.groups()), strict=True)
        ),
    )


# -- the same files through the API ----------------------------------------------------------


@pytest.fixture(scope="module")
def api() -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from .support import make_app

    with TestClient(make_app(), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_uploaded_to_the_api_is_422_or_201(api: Any, name: str) -> None:
    from .support import TOKEN

    before = api.get("/api/stats").json()
    response = api.post(
        "/api/articles",
        files={"file": (name, (BAD / name).read_bytes())},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    outcome, detail = CASES[name]
    if name.endswith(".pdf"):  # an upload's name only picks the reader; this one reads as text
        assert response.status_code in (201, 422), response.text[:300]
    elif outcome == "refused":
        assert response.status_code == 422, response.text[:300]
        assert response.headers["content-type"] == "application/problem+json"
        assert detail in response.json()["detail"]
        assert api.get("/api/stats").json() == before
    else:  # stored, or the first line of the mixed feed
        assert response.status_code == 201, response.text[:300]
