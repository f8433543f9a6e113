"""A throwaway ``oxigraph serve`` for the tests, on a free 127.0.0.1 port.

Started without ``--union-default-graph``: the store must not need it (issue 11).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

__all__ = ["running_oxigraph"]

#: The server installed with pyoxigraph's extra (pyproject's test extras), else PATH.
BINARY = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "oxigraph"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_oxigraph(location: Path, *, timeout: float = 30.0) -> Iterator[str]:
    """Start ``oxigraph serve`` on ``location``; yield its query URL, then stop it."""
    binary = str(BINARY) if BINARY.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is not installed (pip install -e '.[test]')")
    error = ""
    for _attempt in range(3):  # another process may take the port between probe and bind
        port = _free_port()
        process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}/query"
        try:
            deadline = time.monotonic() + timeout
            while process.poll() is None and time.monotonic() < deadline:
                try:
                    if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                        yield url
                        return
                except httpx.HTTPError:
                    time.sleep(0.1)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            error = (process.stderr.read() if process.stderr else b"").decode(errors="replace")
    pytest.fail(f"oxigraph serve did not start: {error[-500:]}", pytrace=False)
