"""A bounded HTTP load generator: N concurrent clients for a fixed time, over real sockets.

Each client sends its next request as soon as the previous answer has been read (a closed
loop, like ``wrk``), so the figures are throughput and latency at N requests in flight.

The clients speak HTTP/1.1 over asyncio streams with keep-alive and read each answer by
its ``Content-Length`` or chunks, nothing more. The generator shares the machine with the
server, so its own cost counts: httpx spends about 1.5 ms of CPU per request, and at 16
clients on two cores that alone put 80 ms into the p95 of answers the server gave in
2 ms (measured on the 10k store, issue 11). ``wrk`` works the same way.

>>> LoadResult("x", [0.010, 0.020, 0.030], 0, 1.0, 2).p50_ms
20.0
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

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


class _UnreadableError(Exception):
    """An answer the client cannot read (not HTTP/1.1, a cut connection)."""


_CUT = asyncio.IncompleteReadError


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one answer: its status and whether the server keeps the connection open."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise _UnreadableError(f"not an HTTP/1.1 answer: {lines[0][:60]!r}")
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    if "chunked" in headers.get("transfer-encoding", ""):
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")  # the last chunk's end (no trailers are sent)
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection") != "close"


async def _load(
    base_url: str, name: str, path: str, concurrency: int, duration: float, timeout: float
) -> LoadResult:
    url = urlsplit(base_url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {url.netloc}\r\nAccept: application/json\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    started = time.perf_counter()
    deadline = started + duration

    async def client() -> None:
        nonlocal errors
        stream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            try:
                if stream is None:
                    stream = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
                reader, writer = stream
                writer.write(request)
                status, keep = await asyncio.wait_for(_read_answer(reader), timeout)
            except (OSError, TimeoutError, ValueError, _UnreadableError, _CUT):
                errors += 1
                if stream is not None:
                    stream[1].close()
                stream = None
                await asyncio.sleep(0.01)  # a refused connection must not spin the CPU
                continue
            took = time.perf_counter() - sent
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                latencies.append(took)
            else:
                errors += 1
            if not keep:
                writer.close()
                stream = None
        if stream is not None:
            stream[1].close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
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
