"""Helpers the reliability tests share: a generated corpus, store snapshots, figures.

The figures each test measures go to ``test-artifacts/reliability/<name>.json`` and
are merged into ``test-artifacts/reliability.json`` at the end of a session, so that
docs/reliability.md can quote them.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from kg.api.process import Served, served
from kg.graph.store.facts import SUPPORT_GRAPH
from kg.sources import Article, read_paths

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "articles"
ARTIFACTS = ROOT / "test-artifacts"
FIGURES = ARTIFACTS / "reliability"
ARTICLE_PREFIX = "https://w3id.org/bilateral-kg/id/article/"


# -- figures ---------------------------------------------------------------------------


def record(name: str, figures: dict[str, Any], *, part: bool = False) -> None:
    """Keep one test's figures (one file per name, so xdist workers never share a file).

    With ``part``, each worker keeps its own share (``name.gw0.json``) and the merge adds
    the shares' numbers up: for counters that tests spread over several workers.
    """
    FIGURES.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    file = f"{name}.{worker}.json" if part else f"{name}.json"
    (FIGURES / file).write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")


def clear_parts() -> None:
    """Forget the per-worker shares of an earlier session (called once, before tests run)."""
    for path in FIGURES.glob("*.*.json"):
        path.unlink(missing_ok=True)


def merge_figures() -> None:
    """Merge every test's figures into test-artifacts/reliability.json."""
    if not FIGURES.is_dir():
        return
    merged: dict[str, Any] = {}
    for path in sorted(FIGURES.glob("*.json")):
        name, _, worker = path.stem.partition(".")
        figures = json.loads(path.read_text())
        if not worker:
            merged[name] = figures
            continue
        total = merged.setdefault(name, {})
        for key, value in figures.items():
            total[key] = total.get(key, 0) + value
    (ARTIFACTS / "reliability.json").write_text(json.dumps(merged, indent=2) + "\n")


# -- a corpus of distinct articles -----------------------------------------------------


def corpus_articles() -> list[Article]:
    """The bundled development articles, read the way ``bikg ingest`` reads them."""
    return [a for a in read_paths([CORPUS]) if isinstance(a, Article)]


def write_variants(folder: Path, count: int, *, prefix: str = "a") -> list[Path]:
    """Write ``count`` distinct articles: corpus articles with their own URLs and a
    small change of text, as front-matter text files."""
    folder.mkdir(parents=True, exist_ok=True)
    base = corpus_articles()
    paths = []
    for i in range(count):
        article = base[i % len(base)]
        meta = {
            "url": f"https://reliability.example.org/{prefix}{i:04d}/{Path(article.origin).stem}",
            "title": f"{article.title or 'Untitled'} ({prefix}{i})",
            "published": article.published.isoformat() if article.published else None,
            "language": article.language,
            "source": article.source,
        }
        front = "".join(f"{k}: {v}\n" for k, v in meta.items() if v)
        path = folder / f"{prefix}{i:04d}.txt"
        path.write_text(f"---\n{front}---\n{article.text}\n\nRevisi {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def variant_records(count: int, *, prefix: str = "p") -> list[dict[str, Any]]:
    """The same variants as JSON records for POST /api/articles."""
    base = corpus_articles()
    records = []
    for i in range(count):
        article = base[i % len(base)]
        records.append(
            {
                "text": f"{article.text}\n\nRevisi {prefix}{i}.",
                "url": f"https://reliability.example.org/{prefix}{i:04d}/{Path(article.origin).stem}",
                "title": f"{article.title or 'Untitled'} ({prefix}{i})",
                "published": article.published.isoformat() if article.published else None,
                "language": article.language,
                "source": article.source,
            }
        )
    return records


# -- running the CLI -------------------------------------------------------------------


def clean_env(code: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment without any BIKG_* setting of the caller, plus ``extra``; with
    ``code``, subprocesses import the package from that copy (``kg.api.process.freeze_code``).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIKG_")}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    env.update(extra)
    return env


def bikg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def run_bikg(
    *args: str, cwd: Path, timeout: float = 300, **env: str
) -> subprocess.CompletedProcess:
    """Run ``bikg`` to completion in ``cwd`` (so no stray .env file is read)."""
    return subprocess.run(
        bikg_command(*args),
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# -- store snapshots -------------------------------------------------------------------

#: Graph name ("" for the default graph) to its triples as N-Triples lines.
Snapshot = dict[str, frozenset[str]]
DEFAULT = ""
_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _lines(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph) -> frozenset[str]:
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
    return frozenset(data.decode().splitlines())


def snapshot(path: Path, only: set[str] | None = None) -> Snapshot:
    """The graphs of the store at ``path`` (all, or those named in ``only``).

    Opening the store is part of the check: after a kill it must open.
    """
    store = ox.Store(str(path))
    try:
        return snapshot_of(store, only)
    finally:
        del store


def snapshot_of(store: ox.Store, only: set[str] | None = None) -> Snapshot:
    """The source graphs of an open native store (all, or those named in ``only``).

    The default graph and the support counts are derived from the source graphs in the
    same transactions; ``kg.graph.store.layout.inconsistencies`` checks them.
    """
    return {
        g.value: _lines(store, g)
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode)
        and g.value != SUPPORT_GRAPH
        and (only is None or g.value in only)
    }


def graph_sizes(path: Path) -> dict[str, int]:
    """Triples per named graph, counted by the store (cheap: no strings are decoded)."""
    store = ox.Store(str(path))
    try:
        sizes = {row["g"].value: int(row["n"].value) for row in store.query(_COUNTS)}
        for g in store.named_graphs():
            sizes.setdefault(g.value, 0)
        sizes.pop(SUPPORT_GRAPH, None)  # derived, like the default graph
    finally:
        del store
    return sizes


def sizes_of(found: Snapshot) -> dict[str, int]:
    return {name: len(lines) for name, lines in found.items()}


def _rdflib_graph(lines: frozenset[str]) -> rdflib.Graph:
    return rdflib.Graph().parse(data="\n".join(lines), format="nt")


def same_graph(a: frozenset[str], b: frozenset[str]) -> bool:
    """Equal as sets of triples, or isomorphic (rdflib.compare) when blank nodes appear."""
    if a == b:
        return True
    if len(a) != len(b) or not any("_:" in line for line in a | b):
        return False
    return isomorphic(_rdflib_graph(a), _rdflib_graph(b))


def partial_graphs(found: Snapshot, reference: Snapshot) -> list[str]:
    """Graphs of ``found`` that are not exactly the reference's graph of the same name."""
    return [
        name
        for name, lines in found.items()
        if name not in reference or not same_graph(lines, reference[name])
    ]


def article_graphs(found: dict[str, object]) -> list[str]:
    return [name for name in found if name.startswith(ARTICLE_PREFIX)]


# -- in-process apps -------------------------------------------------------------------

#: The write token of the in-process apps.
TOKEN = "reliability-token"
#: Corpus articles the in-process apps hold.
SAMPLE = [
    "batam-xiangyang-sister-city.id.txt",
    "konjen-tiongkok-temui-gubernur-sumut.id.txt",
    "makassar-changwon-mou-signed.en.txt",
]


def make_app(**overrides: Any) -> Any:
    """A FastAPI app over a memory store with the SAMPLE articles and the token TOKEN."""
    from kg.api.app import create_app
    from kg.config import Settings
    from kg.knowledge import KnowledgeGraph

    settings = Settings(store="memory:", write_token=TOKEN, workers=1).model_copy(update=overrides)
    kg = KnowledgeGraph.open(settings=settings)
    summary = kg.ingest([CORPUS / name for name in SAMPLE], workers=1)
    assert summary.ok, str(summary)
    return create_app(settings, kg)


# -- live servers ----------------------------------------------------------------------


@contextlib.contextmanager
def start_server(
    store: str, cwd: Path, *, timeout: float = 180, **settings: Any
) -> Iterator[Served]:
    """``bikg serve --store STORE`` with the token TOKEN, one query worker and BIKG_<NAME>
    ``settings``, its log kept in ``cwd``; ``server.stop(signal.SIGKILL)`` crashes it."""
    env = clean_env(BIKG_WRITE_TOKEN=TOKEN, BIKG_WORKERS="1")
    env.update({f"BIKG_{k.upper()}": str(v) for k, v in settings.items()})
    with (
        tempfile.NamedTemporaryFile(dir=cwd, prefix="serve-", suffix=".log", delete=False) as log,
        served(["--store", store], env=env, cwd=cwd, log=log, timeout=timeout) as server,
    ):
        yield server
