"""Ingest: idempotent, replacing, atomic per article, and a bad input never stops the batch."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kg.ingest.pipeline as ingest_module
from kg.config import Settings
from kg.graph.build import article_iri
from kg.graph.store import OxigraphStore
from kg.graph.store.layout import inconsistencies
from kg.graph.vocab import ONTOLOGY_GRAPH
from kg.knowledge import KnowledgeGraph
from kg.sources import Article, read_paths

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
ZHANG_MIN = 'ASK { ?p a bkg:Person ; rdfs:label "Zhang Min" }'
NEW_TEXT = (
    "Wali Kota Batam, Amsakar Achmad, menerima rombongan pengusaha di Batam, "
    "Selasa (22/4/2025). Mereka membahas investasi di kawasan industri."
)


def quad_set(store: OxigraphStore, *, ontology: bool = False) -> set[ox.Quad]:
    """Every quad of the source graphs (the articles', and the ontology's if asked).

    The default graph and the support counts follow from them (checked by
    ``inconsistencies``); counts change whenever another article states a fact.
    """
    return {
        q
        for graph in store.graph_names()
        if ontology or graph != str(ONTOLOGY_GRAPH)
        for q in store.quads(graph)
    }


@pytest.fixture
def disk_kg(tmp_path: Path) -> Iterator[KnowledgeGraph]:
    # A fresh Settings reads the variable (the process-wide one may have been read before).
    with KnowledgeGraph.open(str(tmp_path / "store"), settings=Settings()) as kg:
        yield kg


def test_second_run_adds_nothing(disk_kg: KnowledgeGraph, seed_path: Path) -> None:
    first = disk_kg.ingest([seed_path], workers=1)
    assert (first.stored, first.unchanged, first.ok) == (1, 0, True)
    before = set(disk_kg.store.quads())
    second = disk_kg.ingest([seed_path], workers=1)
    assert (second.read, second.stored, second.unchanged, second.triples) == (1, 0, 1, 0)
    assert set(disk_kg.store.quads()) == before
    assert disk_kg.store.count() == len(before)


def test_force_rewrites_the_same_graph(disk_kg: KnowledgeGraph, seed_path: Path) -> None:
    disk_kg.ingest([seed_path], workers=1)
    before = set(disk_kg.store.quads())
    again = disk_kg.ingest([seed_path], workers=1, force=True)
    assert again.stored == 1
    assert set(disk_kg.store.quads()) == before


def test_same_text_without_url_is_one_article(disk_kg: KnowledgeGraph) -> None:
    article = Article(NEW_TEXT, origin="a")
    disk_kg.ingest([article, replace(article, origin="b")], workers=1)
    disk_kg.ingest([replace(article, origin="c")], workers=1)
    assert disk_kg.stats().articles == 1


def test_changed_text_under_the_same_url_replaces_old_facts(
    disk_kg: KnowledgeGraph, seed_article: Article, tmp_path: Path
) -> None:
    disk_kg.ingest([seed_article], workers=1)
    assert disk_kg.query(ZHANG_MIN) is True
    changed = replace(seed_article, text=NEW_TEXT)
    summary = disk_kg.ingest([changed], workers=1)
    assert summary.stored == 1
    # Zhang Min was only in the old text: his node is gone, not merely unlinked.
    assert disk_kg.query(ZHANG_MIN) is False
    assert disk_kg.query("ASK { ?s rdfs:label ?l FILTER(STR(?l) = 'Xiangyang') }") is False
    # The store is exactly what ingesting only the new text gives.
    with KnowledgeGraph.open(str(tmp_path / "fresh")) as fresh:
        fresh.ingest([changed], workers=1)
        assert quad_set(disk_kg.store) == quad_set(fresh.store)  # type: ignore[arg-type]


def test_changed_metadata_alone_is_rewritten(
    disk_kg: KnowledgeGraph, seed_article: Article
) -> None:
    disk_kg.ingest([seed_article], workers=1)
    retitled = replace(seed_article, title="Judul baru", source="Sumber lain")
    summary = disk_kg.ingest([retitled], workers=1)
    assert (summary.stored, summary.unchanged) == (1, 0)
    rows = disk_kg.query("SELECT ?h ?s WHERE { ?a schema:headline ?h ; schema:publisher ?s }")
    assert [(r["h"], r["s"]) for r in rows] == [("Judul baru", "Sumber lain")]  # type: ignore[index]


def test_the_later_copy_in_one_batch_wins(disk_kg: KnowledgeGraph, seed_article: Article) -> None:
    changed = replace(seed_article, text=NEW_TEXT)
    disk_kg.ingest([seed_article, changed], workers=1)
    assert disk_kg.stats().articles == 1
    assert disk_kg.query(ZHANG_MIN) is False


def test_bad_inputs_are_reported_and_the_rest_stored(
    disk_kg: KnowledgeGraph, seed_path: Path, tmp_path: Path
) -> None:
    disk_kg.ingest([seed_path], workers=1)
    before = quad_set(disk_kg.store)  # type: ignore[arg-type]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.txt").write_text(NEW_TEXT)
    (tmp_path / "in" / "feed.jsonl").write_text(
        json.dumps({"text": "Zhang Min tiba di Medan.", "url": "https://x.id/1"}) + "\n{oops\n"
    )
    summary = disk_kg.ingest([tmp_path / "in", tmp_path / "nope.txt"], workers=1)
    assert summary.stored == 2
    assert not summary.ok
    failed = {(f.origin, f.reason.split(":")[0]) for f in summary.failed}
    assert failed == {
        (str(tmp_path / "in" / "empty.txt"), "empty file"),
        (f"{tmp_path / 'in' / 'feed.jsonl'}:2", "malformed JSON"),
        (str(tmp_path / "nope.txt"), "no such file or folder"),
    }
    assert before <= quad_set(disk_kg.store)  # type: ignore[arg-type]
    assert inconsistencies(disk_kg.store) == []


def test_an_extractor_crash_fails_one_article_only(
    disk_kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, seed_article: Article
) -> None:
    real = ingest_module.extract

    def flaky(article: Article):  # type: ignore[no-untyped-def]
        if "rombongan" in article.text:
            raise TypeError("boom")
        return real(article)

    monkeypatch.setattr(ingest_module, "extract", flaky)
    broken = Article(NEW_TEXT, url="https://x.id/broken", origin="broken.txt")
    summary = disk_kg.ingest([broken, seed_article], workers=1)
    assert summary.stored == 1
    assert [(f.origin, f.reason) for f in summary.failed] == [
        ("broken.txt", "extraction crashed: TypeError: boom")
    ]


# -- a killed ingest ---------------------------------------------------------------------


def make_batch(folder: Path, count: int) -> list[Article]:
    """``count`` JSON articles: the corpus over and over, each copy under its own URL."""
    corpus = [a for a in read_paths([ARTICLES]) if isinstance(a, Article)]
    folder.mkdir()
    made = []
    for i in range(count):
        source = corpus[i % len(corpus)]
        article = replace(source, url=f"https://example.com/copy/{i:03d}", origin="")
        record = {
            "text": article.text,
            "url": article.url,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "source": article.source,
        }
        (folder / f"{i:03d}.json").write_text(json.dumps(record), encoding="utf-8")
        made.append(article)
    return made


def graphs_by_name(store: OxigraphStore) -> dict[str, set[ox.Quad]]:
    out: dict[str, set[ox.Quad]] = {}
    for quad in quad_set(store):
        out.setdefault(quad.graph_name.value, set()).add(quad)  # type: ignore[union-attr]
    return out


def ontology_graph(store: OxigraphStore) -> Graph:
    triples = [
        ox.Triple(q.subject, q.predicate, q.object) for q in store.quads(str(ONTOLOGY_GRAPH))
    ]
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


@pytest.fixture(scope="module")
def killable_batch(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, set[ox.Quad]], Graph]:
    """A folder of 200 articles and the article graphs of an uninterrupted ingest."""
    root = tmp_path_factory.mktemp("batch")
    articles = make_batch(root / "in", 200)
    # The reference comes from the same command as the killed runs, so both run the
    # same extractor code.
    finish_ingest(root / "reference", root / "in")
    with OxigraphStore(root / "reference") as store:
        reference = graphs_by_name(store)
        ontology = ontology_graph(store)
    assert set(reference) == {article_iri(a) for a in articles}
    return root / "in", reference, ontology


def ingest_command(store: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kg.cli",
        "--quiet",
        "ingest",
        "--store",
        str(store),
        "-j",
        "2",
        str(folder),
    ]


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIKG_")}
    # Batches of 64: the 200 articles span several transactions and use the worker
    # pool, so a kill can land between commits (the default batch would take them all).
    return {**env, "BIKG_INGEST_BATCH": "64"}


def check_whole_graphs(store_dir: Path, reference: dict[str, set[ox.Quad]], ontology: Graph) -> int:
    with OxigraphStore(store_dir) as store:
        present = graphs_by_name(store)
        for name, quads in present.items():
            assert quads == reference[name], f"article graph {name} is not whole"
        if store.count():
            assert isomorphic(ontology_graph(store), ontology)
        # the facts graph and the counts moved with the articles, in the same transactions
        assert inconsistencies(store) == []
        return len(present)


def stored_articles(store_dir: Path) -> int:
    """Article graphs a running ingest has committed (read-only: the writer holds the lock)."""
    try:
        graphs = list(ox.Store.read_only(str(store_dir)).named_graphs())
    except OSError:
        return 0  # not created yet
    return sum(1 for g in graphs if g.value != str(ONTOLOGY_GRAPH))


def start_ingest(store_dir: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ingest_command(store_dir, folder),
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its extraction workers die with it, as in an OOM kill
    )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def finish_ingest(store_dir: Path, folder: Path) -> None:
    process = start_ingest(store_dir, folder)
    try:
        _, stderr = process.communicate(timeout=600)
    finally:
        kill_group(process)
    assert process.returncode == 0, stderr.decode()[-2000:]


def run_killed(store_dir: Path, folder: Path, rng: random.Random) -> bool:
    """Start an ingest and SIGKILL it mid-batch; True if it was still running."""
    process = start_ingest(store_dir, folder)
    try:
        # Wait for a commit (or none), then a little longer: the kill lands while the
        # next batch is being extracted or written. Polling copes with a loaded machine.
        target = stored_articles(store_dir) + rng.choice([0, 1, 60])
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if stored_articles(store_dir) >= target:
                break
            time.sleep(0.1)
        time.sleep(rng.uniform(0.0, 1.5))
        running = process.poll() is None
    finally:
        kill_group(process)
    return running


@pytest.mark.parametrize(
    "kills",
    [pytest.param(1, id="one-kill"), pytest.param(3, id="three-kills", marks=pytest.mark.slow)],
)
def test_a_killed_ingest_leaves_whole_articles_and_a_rerun_completes(
    killable_batch: tuple[Path, dict[str, set[ox.Quad]], Graph], tmp_path: Path, kills: int
) -> None:
    folder, reference, ontology = killable_batch
    store_dir = tmp_path / "store"
    rng = random.Random(kills)
    interrupted = 0
    for _ in range(kills):
        interrupted += run_killed(store_dir, folder, rng)
        check_whole_graphs(store_dir, reference, ontology)
    assert interrupted, "no kill landed while the ingest was running"
    finish_ingest(store_dir, folder)
    with OxigraphStore(store_dir) as store:
        assert graphs_by_name(store) == reference
        assert isomorphic(ontology_graph(store), ontology)


def test_the_batch_setting_sets_how_many_articles_go_in_per_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []
    real_write = OxigraphStore.write

    def counted(self: OxigraphStore, batch: list[object]) -> None:
        writes.append(len(batch))
        real_write(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(OxigraphStore, "write", counted)
    monkeypatch.setenv("BIKG_INGEST_BATCH", "2")
    articles = [
        Article(f"Wali Kota Batam, Amsakar Achmad, bertemu warga ke-{i}.", url=f"https://e.x/{i}")
        for i in range(5)
    ]
    # A fresh Settings reads the variable (the process-wide one may have been read before).
    with KnowledgeGraph.open(str(tmp_path / "store"), settings=Settings()) as kg:
        summary = kg.ingest(articles, workers=1)
    assert summary.stored == 5
    assert writes[-3:] == [2, 2, 1]
