"""Measuring a phase: run it in a fresh child process, with a memory watchdog, and take
its peak memory; timing statistics."""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kg.bench.load import percentile

__all__ = ["in_child", "timing_stats", "vm_hwm_mb"]


def _peak_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux.
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: no watchdog
        return 0.0


def _watchdog(limit_mb: int) -> None:
    """Stop this process if it outgrows ``limit_mb``: a benchmark must not take the machine."""

    def watch() -> None:
        while True:
            if _rss_mb() > limit_mb:
                sys.stderr.write(f"bench: phase exceeded {limit_mb} MB, stopping it\n")
                os._exit(70)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="bench-watchdog").start()


def _child(fn: Callable[..., dict[str, Any]], limit_mb: int, *args: Any) -> dict[str, Any]:
    _watchdog(limit_mb)
    started = time.perf_counter()
    result = fn(*args)
    result["phase_seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = _peak_mb(resource.RUSAGE_SELF)
    children = _peak_mb(resource.RUSAGE_CHILDREN)
    if children:
        result["peak_rss_workers_mb"] = children
    return result


def in_child(limit_mb: int, fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run ``fn(*args)`` in a fresh process; its result plus the process's peak memory."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(_child, fn, limit_mb, *args).result()


def timing_stats(seconds: list[float]) -> dict[str, Any]:
    return {
        "runs": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p95_ms": round(percentile(seconds, 95) * 1000, 2),
        "min_ms": round(min(seconds) * 1000, 2) if seconds else None,
    }


def vm_hwm_mb(pid: int) -> float | None:
    """The peak resident memory of process ``pid`` (MB), None where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None
