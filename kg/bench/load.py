"""A bounded HTTP load generator: N concurrent clients for a fixed time, over real sockets.

Each client sends its next request as soon as the previous answer has been read (a closed
loop, like ``wrk``), so the figures are throughput and latency at N requests in flight.

>>> LoadResult("x", [0.010, 0.020, 0.030], 0, 1.0, 2).p50_ms
20.0
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

__all__ = ["LoadResult", "percentile", "run_load"]


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; 0 for no values.

    >>> percentile([1, 2, 3, 4], 50), percentile([5.0], 95)
    (2.5, 5.0)
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(slots=True)
class LoadResult:
    """Latencies (seconds) of the successful requests of one endpoint, and the failures."""

    name: str
    latencies: list[float]
    errors: int
    seconds: float
    concurrency: int
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies, 50) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies, 95) * 1000

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "concurrency": self.concurrency,
            "requests_per_s": round(self.requests_per_s, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "p99_ms": round(percentile(self.latencies, 99) * 1000, 2),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
        }


async def _load(
    base_url: str, name: str, path: str, concurrency: int, duration: float, timeout: float
) -> LoadResult:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=timeout) as client:
        started = time.perf_counter()
        deadline = started + duration

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                except httpx.HTTPError:
                    errors += 1
                    continue
                took = time.perf_counter() - sent
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
                if response.status_code == 200:
                    latencies.append(took)
                else:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return LoadResult(name, latencies, errors, seconds, concurrency, statuses)


def run_load(
    base_url: str,
    name: str,
    path: str,
    *,
    concurrency: int = 16,
    duration: float = 10.0,
    timeout: float = 30.0,
) -> LoadResult:
    """``concurrency`` clients requesting ``GET path`` for ``duration`` seconds."""
    return asyncio.run(_load(base_url, name, path, concurrency, duration, timeout))
