"""Fixtures of the graph tests: a live ``oxigraph serve`` on 127.0.0.1 (no union setting)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

OXIGRAPH = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "oxigraph"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a fresh Oxigraph server, stopped at the end of the session."""
    binary = OXIGRAPH if OXIGRAPH.exists() else Path("oxigraph")
    location = tmp_path_factory.mktemp("oxigraph")
    for _attempt in range(3):  # another process may take the port between probe and bind
        port = free_port()
        process = subprocess.Popen(
            [
                str(binary),
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        if process.poll() is None:
            break
    else:
        pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")  # type: ignore[union-attr]
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
