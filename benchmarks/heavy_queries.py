"""The issue 13 scenario: runaway queries, then an entity page, with threads or workers.

On a store on disk, ``bikg serve`` is started once per mode: ``threads`` (queries in
threads, as before issue 13: ``BIKG_QUERY_WORKERS=0``) and ``workers`` (the default
pool of killable worker processes). Each run measures the entity page and the stats
on the idle server, sends ``--runaways`` analyst queries at once that run far past the
timeout, and measures again right after their 503s; it also counts the CPU seconds the
server's processes burn in the 2 s after the deadline (work nobody will read) and the
peak resident memory of the whole service. The ratios after/idle are the figures.

Run: ``.venv/bin/python benchmarks/heavy_queries.py --store var/bench2k/store``
(a store of a few thousand articles: ``bikg bench corpus DIR -n 2000`` then
``bikg ingest --store DIR/store DIR/articles.jsonl``). Results go to
``benchmarks/results/heavy-queries-latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from kg.api.process import served

ROOT = Path(__file__).resolve().parent.parent
# The same /proc reading as the heavy-query tests.
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
from procs import tree  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _timed(url: str, timeout: float = 300) -> float:
    started = time.monotonic()
    response = httpx.get(url, timeout=timeout)
    response.raise_for_status()
    return time.monotonic() - started


def run(store: Path, mode: str, timeout: float, runaways: int, entity: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIKG_")}
    env.update(
        BIKG_QUERY_TIMEOUT=str(timeout),
        BIKG_QUERY_WORKERS="0" if mode == "threads" else "3",
        BIKG_WORKERS="1",
    )
    with served(["--store", str(store)], env=env, cwd=store.parent, timeout=600) as server:
        entity_url = f"{server.url}/api/entities/{entity}"
        stats_url = f"{server.url}/api/stats"
        idle_entity = statistics.median(_timed(entity_url) for _ in range(3))
        idle_stats = statistics.median(_timed(stats_url) for _ in range(3))
        idle_rss = sum(p.rss for p in tree(server.process.pid).values())
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, sum(p.rss for p in tree(server.process.pid).values()))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.monotonic()
        with ThreadPoolExecutor(runaways) as pool:
            statuses = list(
                pool.map(
                    lambda _: (
                        httpx.get(
                            f"{server.url}/sparql", params={"query": RUNAWAY}, timeout=300
                        ).status_code
                    ),
                    range(runaways),
                )
            )
        answered = time.monotonic() - started
        # CPU of processes alive at both ends (a killed worker burns nothing after).
        before = {pid: p.cpu for pid, p in tree(server.process.pid).items()}
        time.sleep(2.0)
        later = {pid: p.cpu for pid, p in tree(server.process.pid).items()}
        burnt = sum(later[pid] - before[pid] for pid in later.keys() & before.keys())
        after_entity = _timed(entity_url)
        after_stats = _timed(stats_url)
        stop.set()
        sampler.join()
    return {
        "mode": mode,
        "runaways": runaways,
        "timeout_s": timeout,
        "runaway_statuses": sorted(set(statuses)),
        "runaways_answered_s": round(answered, 2),
        "cpu_s_burnt_in_2s_after": round(burnt, 2),
        "entity_idle_s": round(idle_entity, 3),
        "entity_after_s": round(after_entity, 3),
        "entity_ratio": round(after_entity / idle_entity, 2),
        "stats_idle_s": round(idle_stats, 3),
        "stats_after_s": round(after_stats, 3),
        "stats_ratio": round(after_stats / idle_stats, 2),
        "idle_rss_service_mb": round(idle_rss / 2**20),
        "peak_rss_service_mb": round(peak / 2**20),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store folder")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--runaways", type=int, default=4)
    parser.add_argument("--entity", default="country/cn")
    parser.add_argument("--modes", default="threads,workers")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args()
    results = [
        run(args.store.resolve(), mode, args.timeout, args.runaways, args.entity)
        for mode in args.modes.split(",")
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {
        "when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "store": args.store.name,
        "cores": os.cpu_count(),
        "load_average": os.getloadavg()[0],
        "results": results,
    }
    (RESULTS / "heavy-queries-latest.json").write_text(json.dumps(record, indent=2) + "\n")
    if args.json:
        json.dump(record, sys.stdout, indent=2)
        return
    print(f"{args.runaways} runaway queries, {args.timeout:g} s timeout, store {args.store}")
    header = (
        "mode      answered  cpu burnt 2s after  entity idle->after (x)  stats (x)"
        "  idle MB  peak MB"
    )
    print(header)
    for r in results:
        print(
            f"{r['mode']:<9} {r['runaways_answered_s']:>7.2f}s"
            f"  {r['cpu_s_burnt_in_2s_after']:>17.2f}s"
            f"  {r['entity_idle_s']:.3f}->{r['entity_after_s']:.3f} s ({r['entity_ratio']:g})"
            f"  {r['stats_ratio']:>8g}  {r['idle_rss_service_mb']:>7}"
            f"  {r['peak_rss_service_mb']:>7}"
        )


if __name__ == "__main__":
    main()
