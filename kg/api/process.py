"""Run ``bikg serve`` in a child process on a free 127.0.0.1 port, until it answers.

Tests, the benchmark and scripts that need a live server share this one way to start
it, wait for it and stop it.

>>> with served(["--store", "memory:"]) as server:
...     httpx.get(f"{server.url}/api/stats").status_code
200
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

__all__ = ["Served", "free_port", "served"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 <= free_port() <= 65535
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Served:
    """A running server: its base URL and process.

    >>> with served(["--store", "memory:"]) as server:
    ...     server.process.poll() is None
    True
    """

    url: str
    process: subprocess.Popen[bytes]


@contextlib.contextmanager
def served(
    args: Sequence[str] = (),
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    log: IO[bytes] | None = None,
    timeout: float = 120.0,
) -> Iterator[Served]:
    """Start ``bikg serve ARGS`` on 127.0.0.1 and a free port; stop it on exit.

    ``env`` replaces the environment (default: this one); the server's output goes to
    ``log`` (default: a temporary file, shown in the error if it fails to start).

    >>> with served(["--store", "memory:"]) as server:
    ...     server.url.startswith("http://127.0.0.1:")
    True
    """
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "--quiet", "serve", *args]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with contextlib.ExitStack() as stack:
        output = log if log is not None else stack.enter_context(tempfile.TemporaryFile())
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=dict(os.environ if env is None else env),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_ready(url, process, output, timeout)
            yield Served(url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(
    url: str, process: subprocess.Popen[bytes], output: IO[bytes], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"bikg serve exited with {process.returncode}:\n{_tail(output)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/api/stats", timeout=5).status_code == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"bikg serve did not answer within {timeout:g} s:\n{_tail(output)}")
        time.sleep(0.2)


def _tail(output: IO[bytes]) -> str:
    try:
        output.flush()
        output.seek(0)
        return output.read()[-3000:].decode(errors="replace")
    except (OSError, ValueError):  # a log the caller opened write-only
        return "(see the server's log)"
