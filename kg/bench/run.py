"""The benchmark phases, each in a fresh child process so its peak memory is its own.

Phases: the corpus; extraction throughput (one process, one worker per core) and accuracy
against the expected facts; end-to-end ingest into embedded Oxigraph and, as the baseline,
into rdflib's in-memory store; the competency queries on stores of growing size (p50/p95 on
Oxigraph, and rdflib's engine on the same N-Quads); the REST API under load; and the figures of
issue 11 on the full ingested store through a live server (:mod:`kg.bench.served`). Every
figure is reported beside its baseline or target from the same run, in one JSON document
(:func:`run`).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from kg.api.process import served
from kg.bench.corpus import read_corpus, write_corpus
from kg.bench.load import run_load
from kg.bench.measure import in_child, vm_hwm_mb
from kg.bench.queries import JOIN_HEAVY, Parameters, competency_queries
from kg.bench.query_phases import phase_queries_oxigraph, phase_queries_rdflib
from kg.bench.served import phase_served, served_targets

__all__ = ["BenchConfig", "machine", "run"]

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class BenchConfig:
    """What to measure and how much; the defaults are the full run (< 15 min on 2 cores)."""

    workdir: Path = Path("var/bench")
    articles: int = 10_000
    seed: int = 42
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    extract_single: int = 300
    extract_parallel: int = 1_000
    baseline_articles: int = 2_000
    growth: tuple[int, ...] = (100_000, 300_000, 1_000_000)
    query_repeats: int = 30
    query_seconds: float = 5.0
    rdflib_repeats: int = 3
    rdflib_cap: float = 60.0
    rdflib_max_triples: int = 1_000_000
    api_seconds: float = 10.0
    api_concurrency: int = 16
    served_repeats: int = 20
    served_seconds: float = 10.0
    served_cap: float = 30.0
    served_memory_mb: int = 4_000
    edits: int = 5
    memory_limit_mb: int = 16_000
    progress: bool = True

    @classmethod
    def quick(cls, workdir: Path) -> BenchConfig:
        """A few minutes: 1k articles, stores up to 300k triples, short API runs."""
        return cls(
            workdir=workdir,
            articles=1_000,
            extract_single=100,
            extract_parallel=300,
            baseline_articles=300,
            growth=(100_000, 300_000),
            query_repeats=10,
            rdflib_repeats=1,
            rdflib_cap=20.0,
            api_seconds=4.0,
            served_repeats=10,
            served_seconds=5.0,
        )

    @classmethod
    def smoke(cls, workdir: Path) -> BenchConfig:
        """Seconds: the test suite's run of every phase on a tiny corpus."""
        return cls(
            workdir=workdir,
            articles=20,
            workers=2,
            extract_single=10,
            extract_parallel=20,
            baseline_articles=10,
            growth=(5_000,),
            query_repeats=3,
            query_seconds=1.0,
            rdflib_repeats=1,
            rdflib_cap=10.0,
            api_seconds=1.0,
            api_concurrency=4,
            served_repeats=3,
            served_seconds=1.0,
            served_cap=30.0,
            edits=2,
            progress=False,
        )


def _bar(cfg: BenchConfig, total: int, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="article", disable=not cfg.progress, file=sys.stderr)


# -- phases -------------------------------------------------------------------------------


def phase_corpus(cfg: BenchConfig) -> dict[str, Any]:
    directory = cfg.workdir / f"corpus-{cfg.articles}-{cfg.seed}"
    started = time.perf_counter()
    path = write_corpus(directory, cfg.articles, cfg.seed)
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    return {
        "path": str(directory),
        "articles": cfg.articles,
        "seed": cfg.seed,
        "bytes": size,
        "seconds": round(seconds, 2),
    }


def _articles(directory: str, n: int | None = None) -> Iterator[Any]:
    pairs = read_corpus(directory)
    return itertools.islice(pairs, n) if n is not None else pairs


def _extract_one(article: Any) -> Any:
    from kg.extract import extract

    return extract(article)


def phase_extract(cfg: BenchConfig, corpus: str) -> dict[str, Any]:
    from kg.evaluate import CATEGORIES, Report, _score_article
    from kg.extract import extract
    from kg.extract.pipeline import StageClock

    single = list(_articles(corpus, cfg.extract_single))
    extract(single[0][0])  # load the gazetteer and lexicons outside the timing
    clock = StageClock()  # seconds per extraction stage, over the one-process run
    started = time.perf_counter()
    for article, _ in single:
        extract(article, on_stage=clock)
    one = time.perf_counter() - started
    pairs = list(_articles(corpus, cfg.extract_parallel))
    with ProcessPoolExecutor(cfg.workers) as pool:
        list(pool.map(_extract_one, [p[0] for p in pairs[: cfg.workers]]))  # warm the workers
        started = time.perf_counter()
        extractions = list(pool.map(_extract_one, [p[0] for p in pairs], chunksize=16))
        many = time.perf_counter() - started
    report = Report()
    for (_, gold), extraction in zip(pairs, extractions, strict=True):
        report.articles += 1
        _score_article(extraction, gold, report, gold["article"])
    micro = report.micro
    return {
        "one_process": {
            "articles": len(single),
            "seconds": round(one, 2),
            "articles_per_s": round(len(single) / one, 1),
            "stage_seconds": clock.rounded(),
        },
        "pool": {
            "workers": cfg.workers,
            "articles": len(pairs),
            "seconds": round(many, 2),
            "articles_per_s": round(len(pairs) / many, 1),
            "articles_per_s_per_core": round(len(pairs) / many / cfg.workers, 1),
        },
        "accuracy": {
            "articles": report.articles,
            "micro": _score(micro),
            "categories": {c: _score(report.scores[c]) for c in CATEGORIES},
        },
    }


def _score(s: Any) -> dict[str, Any]:
    return {
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "precision": round(s.precision, 3),
        "recall": round(s.recall, 3),
        "f1": round(s.f1, 3),
    }


def phase_ingest(cfg: BenchConfig, corpus: str, target: str, keep: bool = False) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.bench.baseline import RdflibStore
    from kg.graph.ontology import ensure_ontology
    from kg.graph.store import GraphStore, OxigraphStore
    from kg.ingest import ingest

    n = cfg.articles if target == "oxigraph" else min(cfg.articles, cfg.baseline_articles)
    store: GraphStore
    path = cfg.workdir / "store-ingest"
    if target == "oxigraph":
        shutil.rmtree(path, ignore_errors=True)
        store = OxigraphStore(path)
    else:
        store = RdflibStore()
    ensure_ontology(store)
    bar = _bar(cfg, n, f"ingest {target}")
    articles = (a for a, _ in _articles(corpus, n))
    summary = ingest(store, articles, workers=cfg.workers, progress=bar.update)
    bar.close()
    result: dict[str, Any] = {
        "store": target,
        "articles": summary.stored,
        "failed": len(summary.failed),
        "triples": summary.triples,
        "seconds": round(summary.seconds, 2),
        "articles_per_s": round(summary.stored / summary.seconds, 1),
        "triples_per_s": round(summary.triples / summary.seconds),
        "workers": cfg.workers,
    }
    if isinstance(store, OxigraphStore):
        dump = cfg.workdir / f"dataset-{cfg.articles}-{cfg.seed}.nq"
        started = time.perf_counter()
        store.native.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        result["quads_in_store"] = store.count()
        result["dump"] = {"path": str(dump), "seconds": round(time.perf_counter() - started, 2)}
        store.close()
        if keep:  # for the phase that serves the full store
            result["path"] = str(path)
        else:
            shutil.rmtree(path, ignore_errors=True)
    return result


def phase_api(cfg: BenchConfig, store: str, params: dict[str, Any]) -> dict[str, Any]:
    p = Parameters(**params)
    with served(["--store", store]) as server:
        base = server.url
        holder = httpx.get(
            f"{base}/api/entities/{p.subject.removeprefix('https://w3id.org/bilateral-kg/id/')}",
            timeout=30,
        ).json()
        name = str(holder.get("label") or "Wijaya")
        sparql = competency_queries(p)["evidence"]
        paths = {
            "/sparql": f"/sparql?query={quote(sparql)}",
            "/api/search": f"/api/search?q={quote(name.split()[0])}&limit=10",
            "/api/neighbors": "/api/neighbors/"
            + p.city.removeprefix("https://w3id.org/bilateral-kg/id/")
            + "?depth=1",
        }
        results = {}
        for label, path in paths.items():
            run_load(base, label, path, concurrency=2, duration=min(1.0, cfg.api_seconds / 3))
            results[label] = {
                "path": path if label != "/sparql" else "/sparql?query=<evidence query>",
                **run_load(
                    base, label, path, concurrency=cfg.api_concurrency, duration=cfg.api_seconds
                ).summary(),
            }
        server_peak = vm_hwm_mb(server.process.pid)
    return {
        "endpoints": results,
        "server_peak_rss_mb": server_peak,
        "load_generator": "asyncio HTTP/1.1 keep-alive (kg.bench.load)",
    }


# -- the run ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """Cores, memory, CPU, OS and the versions that matter, for the report."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    packages: dict[str, str | None] = {}
    for name in ("bilateral-kg", "pyoxigraph", "rdflib", "fastapi", "uvicorn", "httpx"):
        try:
            packages[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is reported, not fatal
            packages[name] = None
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": packages,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def run(cfg: BenchConfig, phases: set[str] | None = None) -> dict[str, Any]:
    """Run the benchmark and return the results document (also the JSON written to disk)."""
    wanted = phases or {"extract", "ingest", "queries", "api", "served"}
    cfg.workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(cfg).items()},
        "phases": {},
    }
    phases_out: dict[str, Any] = results["phases"]

    def step(name: str, fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
        logger.info("bench: %s", name)
        sys.stderr.write(f"bench: {name}\n")
        out = in_child(cfg.memory_limit_mb, fn, cfg, *args)
        phases_out[name] = out
        return out

    corpus = step("corpus", phase_corpus)["path"]
    if "extract" in wanted:
        step("extract", phase_extract, corpus)
    ingest = step("ingest_oxigraph", phase_ingest, corpus, "oxigraph", "served" in wanted)
    if "ingest" in wanted:
        step("ingest_rdflib", phase_ingest, corpus, "rdflib")
    dataset = ingest["dump"]["path"]
    last: dict[str, Any] | None = None
    if "queries" in wanted or "api" in wanted:
        growth: dict[str, Any] = {}
        phases_out["queries"] = growth
        for size in cfg.growth:
            ox = step(f"queries_oxigraph_{size}", phase_queries_oxigraph, dataset, size)
            entry: dict[str, Any] = {"oxigraph": ox}
            if "queries" in wanted and ox["quads"] <= cfg.rdflib_max_triples * 1.2:
                entry["rdflib"] = step(
                    f"queries_rdflib_{size}", phase_queries_rdflib, ox["dataset"], ox["parameters"]
                )
                entry["ratio"] = _ratios(ox["queries"], entry["rdflib"]["queries"])
            growth[str(size)] = entry
            phases_out.pop(f"queries_oxigraph_{size}", None)
            phases_out.pop(f"queries_rdflib_{size}", None)
            last = ox
    if "api" in wanted and last is not None:
        step("api", phase_api, last["store"], last["parameters"])
    if "served" in wanted:
        try:
            step("served", phase_served, corpus, ingest["path"])
        finally:
            shutil.rmtree(ingest["path"], ignore_errors=True)
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = targets(results)
    return results


def _ratios(ox: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """rdflib p50 / Oxigraph p50 per query; a capped rdflib run gives a lower bound."""
    out: dict[str, Any] = {}
    for name, timing in ox.items():
        fast = timing["p50_ms"] or 0.001
        slow = base.get(name, {})
        if slow.get("capped_at_s"):
            out[name] = {"at_least": round(slow["capped_at_s"] * 1000 / fast)}
        elif slow.get("p50_ms") is not None:
            out[name] = round(slow["p50_ms"] / fast, 1)
    return out


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """Each target of the issue, with the measured figure and whether it was met."""
    phases = results["phases"]
    out: dict[str, Any] = {}
    if "extract" in phases:
        rate = phases["extract"]["pool"]["articles_per_s_per_core"]
        out["extraction >= 200 articles/s per core"] = {"value": rate, "met": rate >= 200}
    ingest = phases.get("ingest_oxigraph")
    if ingest and ingest["articles"] >= 10_000:
        out["ingest 10k articles < 120 s"] = {
            "value": ingest["seconds"],
            "met": ingest["seconds"] < 120,
        }
    growth = phases.get("queries", {})
    big = [k for k in growth if int(k) >= 1_000_000]
    if big:
        entry = growth[big[-1]]
        worst = max(q["p95_ms"] for q in entry["oxigraph"]["queries"].values())
        out["competency p95 < 100 ms at 1M triples"] = {"value": worst, "met": worst < 100}
        ratios = entry.get("ratio", {})
        joins = {}
        for name in JOIN_HEAVY:
            r = ratios.get(name)
            joins[name] = r["at_least"] if isinstance(r, dict) else r
        measured = [v for v in joins.values() if v is not None]
        if measured:  # absent when only some phases ran
            out["join-heavy >= 100x rdflib"] = {"value": joins, "met": min(measured) >= 100}
    api = phases.get("api", {}).get("endpoints", {})
    for name in ("/api/search", "/api/neighbors"):
        if name in api:
            p95 = api[name]["p95_ms"]
            out[f"{name} p95 < 50 ms at 16 clients"] = {"value": p95, "met": p95 < 50}
    out.update({f"issue 11: {k}": v for k, v in served_targets(phases).items()})
    return out


def write_results(results: dict[str, Any], directory: Path, name: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
