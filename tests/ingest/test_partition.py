"""Beyond one machine, at small scale: data/articles -> partitions -> N-Quads parts -> a live
``oxigraph serve`` (and the embedded store), giving what a plain ``bikg ingest`` gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import running_oxigraph

from kg.bench.corpus import write_corpus
from kg.graph.store import GraphStore
from kg.graph.store.layout import inconsistencies
from kg.ingest import map_partitions
from kg.ingest.partition import Segment, partition_ranges, plan
from kg.knowledge import KnowledgeGraph

pytestmark = [pytest.mark.server, pytest.mark.xdist_group("partition")]

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "data" / "articles"
#: The README's first example, run on both stores.
WHO_HOLDS = """SELECT ?person ?name ?post ?postLabel ?role WHERE {
  ?person org:holds ?post ; rdfs:label ?name .
  ?post org:role ?role ; rdfs:label ?postLabel .
} ORDER BY ?postLabel ?name"""


def bikg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "-q", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )


def by_graph(store: GraphStore) -> dict[str, set[ox.Quad]]:
    """Every quad of a store, by graph: articles, facts (default graph) and support counts."""
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for quad in store.quads():
        graphs[str(quad.graph_name)].add(quad)
    return dict(graphs)


def answers(kg: KnowledgeGraph) -> tuple[int, list[tuple[str, ...]]]:
    rows = kg.query(WHO_HOLDS)
    return kg.stats().articles, [tuple(str(row[k]) for k in row) for row in rows]


def test_ranges_cover_every_line_once() -> None:
    for total in (0, 1, 7, 100):
        for parts in (1, 3, 8):
            ranges = partition_ranges(total, parts)
            assert [i for a, b in ranges for i in range(a, b)] == list(range(total))


def test_the_plan_splits_corpora_by_line_and_keeps_other_files_whole(tmp_path: Path) -> None:
    (tmp_path / "big.jsonl").write_text('{"text": "Halo."}\n' * 7)
    (tmp_path / "a.txt").write_text("Halo Batam.")
    (tmp_path / "b.md").write_text("Halo Medan.")
    slices, unread = plan([tmp_path, tmp_path / "gone.txt"], 3)
    big, a, b = (str(tmp_path / n) for n in ("big.jsonl", "a.txt", "b.md"))
    assert slices == [
        [Segment(a), Segment(b), Segment(big, 0, 1)],
        [Segment(big, 1, 4)],
        [Segment(big, 4, 7)],
    ]
    assert [(f.origin, f.reason) for f in unread] == [
        (str(tmp_path / "gone.txt"), "no such file or folder")
    ]


def test_a_corpus_maps_to_parts_that_report_their_bad_lines(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12, seed=11)
    with corpus.open("a", encoding="utf-8") as handle:
        handle.write('{"title": "no text"}\n')
    seen: list[int] = []
    run = map_partitions(
        [corpus], tmp_path / "parts", 3, workers=2, progress=lambda p: seen.append(p.index)
    )
    assert sorted(seen) == [0, 1, 2]
    assert [p.articles for p in run.parts] == [5, 4, 3]  # 13 lines: 5, 4, 4; the last one bad
    assert all(p.path.exists() and p.quads > 0 for p in run.parts)
    assert [str(f) for f in run.failed] == [f"{corpus}:13: field 'text' is missing"]
    assert not list((tmp_path / "parts").glob("*.tmp"))


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``bikg ingest data/articles`` into an embedded store, the reference."""
    store = tmp_path_factory.mktemp("plain") / "store"
    done = bikg("ingest", "--store", store, "--workers", "1", ARTICLES)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``bikg ingest --partitions 3 --no-load``: the parts a cluster would write."""
    out = tmp_path_factory.mktemp("parts")
    done = bikg("ingest", "--partitions", "3", "-j", "2", "--parts", out, "--no-load", ARTICLES)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"part-0000{i}.nq" for i in range(3)]
    assert f"bikg load {out}" in done.stderr
    return out


def test_parts_loaded_into_a_live_server_answer_as_a_plain_ingest(
    tmp_path: Path, plain: Path, parts: Path
) -> None:
    with running_oxigraph(tmp_path / "db") as url:
        done = bikg("load", parts, "--store", url)
        assert done.returncode == 0, done.stderr
        assert "3 parts loaded" in done.stderr
        with KnowledgeGraph.open(url) as served, KnowledgeGraph.open(str(plain)) as local:
            assert inconsistencies(served.store) == []  # facts and counts rebuilt on the server
            assert answers(served) == answers(local)
            assert answers(local)[0] == len(list(ARTICLES.glob("*.*")))
            assert by_graph(served.store) == by_graph(local.store)


def test_ingest_with_partitions_fills_the_embedded_store_as_a_plain_ingest(
    tmp_path: Path, plain: Path
) -> None:
    store = tmp_path / "store"
    done = bikg("ingest", "--partitions", "2", "-j", "2", "--store", store, ARTICLES)
    assert done.returncode == 0, done.stderr
    with KnowledgeGraph.open(str(store)) as split, KnowledgeGraph.open(str(plain)) as local:
        assert by_graph(split.store) == by_graph(local.store)
        assert inconsistencies(split.store) == []


def test_a_broken_part_is_one_line_and_the_rest_goes_in(
    tmp_path: Path, plain: Path, parts: Path
) -> None:
    batch = tmp_path / "parts"
    shutil.copytree(parts, batch)
    broken = batch / "part-00001.nq"
    lines = broken.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:25] + b"\n"  # a quad cut short, as by a full disk
    broken.write_bytes(b"".join(lines))
    with running_oxigraph(tmp_path / "db") as url:
        done = bikg("load", batch, "--store", url)
        assert done.returncode == 1
        errors = [line for line in done.stderr.splitlines() if "failed:" in line]
        assert errors == [errors[0]]
        assert errors[0].startswith(f"failed: {broken}:3: not N-Quads: ")
        assert "Traceback" not in done.stderr
        assert "2 parts loaded" in done.stderr
        whole = {
            q.graph_name
            for name in ("part-00000.nq", "part-00002.nq")
            for q in ox.parse(path=str(batch / name), format=ox.RdfFormat.N_QUADS)
        }
        with KnowledgeGraph.open(url) as served:
            assert served.stats().articles == len(whole)  # the whole parts, none of the broken
            assert inconsistencies(served.store) == []


def test_bad_options_are_one_line(tmp_path: Path) -> None:
    done = bikg("ingest", "--partitions", "2", "--dask", "tcp://127.0.0.1:9", ARTICLES)
    assert done.returncode == 2
    assert "--dask and --no-load need --parts DIR" in done.stderr
    done = bikg("load", tmp_path / "none", "--store", "memory:")
    assert done.returncode == 1
    assert f"failed: {tmp_path / 'none'}: no such file or folder" in done.stderr


def test_a_dask_cluster_writes_the_same_parts(tmp_path: Path, parts: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the 'distributed' extra")
    out = tmp_path / "parts"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        done = bikg(
            "ingest", "--partitions", "3", "--dask", cluster.scheduler_address,
            "--parts", out, "--no-load", ARTICLES,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{len(list(ARTICLES.glob('*.*')))} articles in 3 parts" in done.stderr
    for name in ("part-00000.nq", "part-00001.nq", "part-00002.nq"):
        ours, theirs = (sorted((d / name).read_bytes().splitlines()) for d in (out, parts))
        assert ours == theirs, name
