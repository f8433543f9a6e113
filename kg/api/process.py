"""Start a server in a child process on free 127.0.0.1 ports, wait until it answers, stop it.

The one way the tests, the benchmarks and scripts start servers: ``bikg serve``
(:func:`served`), ``oxigraph serve`` and Virtuoso (:func:`running`, in the tests'
fixtures). Each child runs in a process group of its own, so stopping it also ends what
it started (query workers, extraction processes) instead of leaving them to hold a store.

>>> with served(["--store", "memory:"]) as server:
...     httpx.get(f"{server.url}/api/stats").status_code
200
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import httpx

__all__ = [
    "Running",
    "Served",
    "ServerError",
    "free_port",
    "freeze_code",
    "running",
    "served",
    "stop",
]

#: The checkout the package runs from (kg/, ontology/, data/ beside each other).
ROOT = Path(__file__).resolve().parents[2]
#: Times a server is started again on new ports when it could not bind the first ones
#: (another process may take a port between the probe and the server's bind).
ATTEMPTS = 3


class ServerError(RuntimeError):
    """A server that exited or did not answer in time; the message ends with its output.

    >>> with served(["--store", "/dev/null/store"]):  # doctest: +ELLIPSIS
    ...     pass
    Traceback (most recent call last):
    kg.api.process.ServerError: bikg serve exited with ...
    """


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now.

    >>> 1024 <= free_port() <= 65535
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 30) -> int:
    """Send ``sig`` to ``process``, wait up to ``grace`` seconds, then kill its whole group.

    The group goes too when the process exits by itself: children it left behind (a
    store's lock held by an orphaned worker) must not outlive it. Returns its exit status.

    >>> child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"],
    ...                          start_new_session=True)
    >>> stop(child) == -signal.SIGTERM
    True
    """
    try:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=grace)
    finally:  # also when the wait is interrupted (Ctrl-C): no child may outlive the caller
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the group's id is the leader's pid
        process.wait()
    return process.returncode


class Running:
    """A started child: its process, ports, output, and a way to stop it gently or not.

    >>> with served(["--store", "memory:"]) as server:
    ...     isinstance(server, Running), len(server.ports)
    (True, 1)
    """

    def __init__(
        self, process: subprocess.Popen[bytes], ports: tuple[int, ...], log: IO[bytes]
    ) -> None:
        self.process = process
        self.ports = ports
        self.log = log
        self.stop_signal: int = signal.SIGTERM

    @property
    def port(self) -> int:
        """The first (usually the only) port.

        >>> with served(["--store", "memory:"]) as server:
        ...     server.port == server.ports[0]
        True
        """
        return self.ports[0]

    def output(self, last: int = 3000) -> str:
        """The last ``last`` characters the child wrote (stdout and stderr together).

        >>> with served(["--store", "memory:"]) as server:
        ...     "Uvicorn running" in server.output() or "startup" in server.output()
        True
        """
        try:
            self.log.flush()
            if isinstance(self.log.name, str):  # opened write-only, maybe: read it anew
                data = Path(self.log.name).read_bytes()
            else:
                self.log.seek(0)
                data = self.log.read()
        except (OSError, ValueError):
            return "(see the server's log)"
        return data[-last:].decode(errors="replace")

    def stop(self, sig: int | None = None) -> int:
        """Stop the child with ``sig`` (default: the signal it was started with).

        >>> with served(["--store", "memory:"]) as server:
        ...     server.stop(signal.SIGKILL) == -signal.SIGKILL
        True
        """
        return stop(self.process, self.stop_signal if sig is None else sig)


@contextlib.contextmanager
def running(
    command: Callable[..., Sequence[str]],
    ready: Callable[..., bool],
    *,
    ports: int = 1,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    log: IO[bytes] | None = None,
    timeout: float = 120.0,
    stop_signal: int = signal.SIGTERM,
    name: str = "server",
    retry_on: str | None = "address already in use",
) -> Iterator[Running]:
    """Start ``command(*ports)`` on ``ports`` free ports until ``ready(*ports)``; stop it on exit.

    Both callables take the ports picked for an attempt; when the child exits before it
    is ready and its output names ``retry_on`` (any exit, if None), it is started again on
    new ports (one was taken meanwhile), up to :data:`ATTEMPTS` times. ``env`` replaces
    the environment (default: this one); the output goes to ``log`` (default: a temporary
    file) and ends the error if it fails.

    >>> code = "import http.server as h, sys; h.test(h.SimpleHTTPRequestHandler, " \\
    ...        "port=int(sys.argv[1]), bind='127.0.0.1')"
    >>> def up(port: int) -> bool:
    ...     with contextlib.suppress(httpx.HTTPError):
    ...         return httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    ...     return False
    >>> with running(lambda port: [sys.executable, "-c", code, str(port)], up) as child:
    ...     child.process.poll() is None
    True
    """
    with contextlib.ExitStack() as stack:
        output = log if log is not None else stack.enter_context(tempfile.NamedTemporaryFile())
        failure = ""
        for _attempt in range(ATTEMPTS):
            picked = tuple(free_port() for _ in range(ports))
            process = subprocess.Popen(
                list(command(*picked)),
                cwd=cwd,
                env=dict(os.environ if env is None else env),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            child = Running(process, picked, output)
            child.stop_signal = stop_signal
            try:
                if _wait(child, ready, timeout):
                    yield child
                    return
                failure = f"{name} exited with {process.returncode}:\n{child.output()}"
                if retry_on is not None and retry_on not in failure.lower():
                    break
            except ServerError as error:
                failure = str(error)
                break
            finally:
                child.stop()
        raise ServerError(failure)


def _wait(child: Running, ready: Callable[..., bool], timeout: float) -> bool:
    """True once ``ready``; False if the child exits first; ServerError past ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        if child.process.poll() is not None:
            return False
        if ready(*child.ports):
            return True
        if time.monotonic() > deadline:
            raise ServerError(f"no answer within {timeout:g} s:\n{child.output()}")
        time.sleep(0.2)


class Served(Running):
    """A running ``bikg serve``: :attr:`url` is its base URL.

    >>> with served(["--store", "memory:"]) as server:
    ...     server.process.poll() is None, server.url.startswith("http://127.0.0.1:")
    (True, True)
    """

    @property
    def url(self) -> str:
        """Its base URL.

        >>> with served(["--store", "memory:"]) as server:
        ...     server.url == f"http://127.0.0.1:{server.port}"
        True
        """
        return f"http://127.0.0.1:{self.port}"


def _answers(port: int) -> bool:
    # The app answers once its store is open. Not /api/stats: it counts the store, which
    # takes half a minute on 10,000 articles, and unanswered probes would pile up.
    with contextlib.suppress(httpx.HTTPError):
        return httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).status_code == 200
    return False


@contextlib.contextmanager
def served(
    args: Sequence[str] = (),
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    log: IO[bytes] | None = None,
    timeout: float = 120.0,
    code: Path | None = None,
    stop_signal: int = signal.SIGTERM,
) -> Iterator[Served]:
    """Start ``bikg serve ARGS`` on 127.0.0.1 and a free port; stop it on exit.

    ``code``: a copy made by :func:`freeze_code` to import the package from, so a server
    started minutes later runs the same code as the first even while the work tree
    changes. ``stop_signal``: what ends it (SIGTERM: a gentle stop; SIGKILL: a crash).

    >>> with served(["--store", "memory:"], stop_signal=signal.SIGKILL) as server:
    ...     httpx.get(f"{server.url}/api/stats").json()["articles"]
    0
    >>> server.process.returncode == -signal.SIGKILL
    True
    """
    environment = dict(os.environ if env is None else env)
    if code is not None:
        environment["PYTHONPATH"] = str(code)

    def command(port: int) -> list[str]:
        serve = [sys.executable, "-m", "kg.cli", "--quiet", "serve", *args]
        return [*serve, "--host", "127.0.0.1", "--port", str(port)]

    with running(
        command,
        _answers,
        env=environment,
        cwd=cwd,
        log=log,
        timeout=timeout,
        stop_signal=stop_signal,
        name="bikg serve",
    ) as child:
        server = Served(child.process, child.ports, child.log)
        server.stop_signal = stop_signal
        yield server


def freeze_code(target: Path, root: Path = ROOT) -> Path:
    """Copy kg/, ontology/ and the language data to ``target`` for children to import.

    A test or benchmark that compares runs made minutes apart must run the same code each
    time; in a work tree others are editing, the files under kg/ and data/ may change.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     copy = freeze_code(Path(tmp) / "code")
    ...     (copy / "kg" / "api" / "process.py").exists()
    True
    """
    skip = shutil.ignore_patterns("__pycache__", "articles", "gold", "bench", "corpus")
    for name in ("kg", "ontology", "data"):
        shutil.copytree(root / name, target / name, ignore=skip)
    return target
