"""A throwaway ``oxigraph serve`` for the tests, on a free 127.0.0.1 port.

Started without ``--union-default-graph``: the store must not need it (issue 11).
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.api.process import ServerError, running

__all__ = ["running_oxigraph"]

#: The server installed with pyoxigraph's extra (pyproject's test extras), else PATH.
BINARY = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "oxigraph"


def _answers(port: int) -> bool:
    with contextlib.suppress(httpx.HTTPError):
        url = f"http://127.0.0.1:{port}/query"
        return httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200
    return False


@contextlib.contextmanager
def running_oxigraph(location: Path, *options: str, timeout: float = 30.0) -> Iterator[str]:
    """Start ``oxigraph serve`` on ``location`` (with ``options``, such as
    ``--union-default-graph``); yield its query URL, then stop it."""
    binary = str(BINARY) if BINARY.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is not installed (pip install -e '.[test]')")

    def command(port: int) -> list[str]:
        bind = ["--bind", f"127.0.0.1:{port}"]
        return [binary, "serve", "--location", str(location), *bind, *options]

    try:
        started = running(command, _answers, timeout=timeout, name="oxigraph serve")
        with started as server:
            yield f"http://127.0.0.1:{server.port}/query"
    except ServerError as error:
        pytest.fail(f"oxigraph serve did not start: {str(error)[-500:]}", pytrace=False)
