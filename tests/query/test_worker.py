"""The query worker process: what it starts with."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.store import OxigraphStore
from kg.query.worker import MALLOC_TUNABLES, Worker


def environment_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(entry.split("=", 1) for entry in raw.decode().split("\0") if "=" in entry)


@pytest.mark.parametrize("preset", [None, "glibc.malloc.tcache_count=3"])
def test_a_worker_starts_with_the_malloc_tunables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preset: str | None
) -> None:
    if preset is None:
        monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    else:
        monkeypatch.setenv("GLIBC_TUNABLES", preset)  # the user's own value is kept
    OxigraphStore(tmp_path / "store").close()
    worker = Worker(tmp_path / "store", memory_mb=0)
    try:
        worker.wait_ready(60)
        assert environment_of(worker.pid)["GLIBC_TUNABLES"] == (preset or MALLOC_TUNABLES)
    finally:
        worker.stop()
