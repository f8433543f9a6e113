"""Crash safety: SIGKILL ``bikg ingest`` at random points of a 500-article batch.

Each round resumes from the store the previous kill left behind, so the kills land
on fresh stores, half-filled ones and (with ``--force``) on graphs being replaced.
After every kill the store must open and hold only whole articles: each graph the
same as in one uninterrupted run (the size of every graph, every triple of a random
sample, and every triple of every graph at each fifth kill). A final run must then
produce exactly the reference dataset, graph by graph.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import CRASH_ARTICLES
from .support import (
    Snapshot,
    article_graphs,
    bikg_command,
    clean_env,
    graph_sizes,
    partial_graphs,
    record,
    run_bikg,
    sizes_of,
    snapshot,
)

KILLS = 20
#: Give up after this many rounds even if some runs finished before their kill.
MAX_ROUNDS = 40
#: A fuse for a badly overloaded machine: the kill loop stops after this many seconds.
BUDGET_S = 1200
#: Graphs whose every triple is compared after each kill (besides all graph sizes).
SAMPLE = 40
SEED = 20250422
#: Growth of the store folder that means a batch was committed (64 articles write MBs).
COMMIT_BYTES = 512 * 1024


def _folder_bytes(folder: Path) -> int:
    total = 0
    for path in folder.glob("*"):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _run_and_kill(
    store: Path, corpus: Path, cwd: Path, code: Path, rng: random.Random, force: bool
) -> tuple[bool, str]:
    """Start an ingest and SIGKILL its process group at a random point.

    Two kills in three wait for a batch to be committed first (the folder grows), so
    they land between and inside later batches whatever the machine's load; the others
    strike early, while the store is opened or the first batch extracted. Returns
    whether the process was still running when killed, and where the kill aimed.
    """
    args = ["-q", "ingest", "--store", str(store), str(corpus)]
    if force:
        args.append("--force")
    log = cwd / "ingest.log"
    initial = _folder_bytes(store) if store.exists() else 0
    point = rng.choice(["early", "after a commit", "after a commit"])
    with log.open("wb") as err:
        process = subprocess.Popen(
            bikg_command(*args),
            cwd=cwd,
            env=clean_env(code),
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,  # the pool's workers die with the writer, as in an OOM kill
        )
        try:
            if point == "after a commit":
                deadline = time.monotonic() + 300
                while process.poll() is None and time.monotonic() < deadline:
                    if _folder_bytes(store) - initial >= COMMIT_BYTES:
                        break
                    time.sleep(0.05)
            process.wait(timeout=rng.uniform(0.1, 2.5))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            return True, point
    assert process.returncode == 0, log.read_text(errors="replace")[-2000:]
    return False, point


def _check(
    store: Path, reference: Snapshot, sizes: dict[str, int], rng: random.Random, full: bool
) -> tuple[dict[str, int], int]:
    """Assert the killed store holds only whole graphs; return its sizes and graphs compared."""
    found_sizes = graph_sizes(store)  # the store must open after the kill
    wrong = [n for n, size in found_sizes.items() if n not in sizes or sizes[n] != size]
    assert not wrong, f"partial or unknown graphs: {wrong[:3]}"
    names = sorted(found_sizes)
    chosen = set(names) if full else set(rng.sample(names, min(SAMPLE, len(names))))
    found = snapshot(store, only=chosen)
    broken = partial_graphs(found, reference)
    assert not broken, f"graphs differ from the uninterrupted run: {broken[:3]}"
    return found_sizes, len(found)


@pytest.mark.slow
def test_sigkill_during_ingest_leaves_whole_articles(
    tmp_path: Path,
    crash_corpus: Path,
    crash_reference: tuple[Snapshot, float],
    frozen_code: Path,
) -> None:
    reference, full_seconds = crash_reference
    sizes = sizes_of(reference)
    assert len(article_graphs(reference)) == CRASH_ARTICLES
    rng = random.Random(SEED)
    store = tmp_path / "store"
    kills: list[dict[str, object]] = []
    rounds = compared = present = 0
    started = time.monotonic()
    while len(kills) < KILLS and rounds < MAX_ROUNDS:
        assert time.monotonic() - started < BUDGET_S, f"{len(kills)} kills in {BUDGET_S} s"
        rounds += 1
        # Resume most rounds; every third round (and once all is in) re-extracts with
        # --force so kills also land while existing graphs are being replaced.
        force = present == CRASH_ARTICLES or rounds % 3 == 0
        killed, point = _run_and_kill(store, crash_corpus, tmp_path, frozen_code, rng, force)
        if not killed:
            present = CRASH_ARTICLES
            continue
        before = present
        full = (len(kills) + 1) % 5 == 0
        found_sizes, checked = _check(store, reference, sizes, rng, full)
        compared += checked
        present = len(article_graphs(found_sizes))
        kills.append({"aim": point, "force": force, "before": before, "after": present})
    assert len(kills) == KILLS, f"only {len(kills)} of {rounds} runs were killed"

    done = run_bikg(
        "-q", "ingest", "--store", str(store), str(crash_corpus), cwd=tmp_path, code=frozen_code
    )
    assert done.returncode == 0, done.stderr[-2000:]
    final = snapshot(store)
    assert sorted(final) == sorted(reference)
    assert not partial_graphs(final, reference)

    record(
        "crash",
        {
            "articles_per_batch": CRASH_ARTICLES,
            "kills_survived": len(kills),
            "runs": rounds,
            "runs_finished_before_kill": rounds - len(kills),
            "uninterrupted_ingest_s": round(full_seconds, 1),
            "distinct_article_counts_at_kill": len({k["after"] for k in kills}),
            "kills_during_force_rewrite": sum(1 for k in kills if k["force"]),
            "graphs_compared_triple_by_triple": compared + len(final),
            "graphs_in_final_store": len(final),
            "seconds": round(time.monotonic() - started, 1),
            "kills": kills,
        },
    )
