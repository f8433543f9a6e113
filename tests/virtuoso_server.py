"""A throwaway Virtuoso (Debian ``virtuoso-opensource``) for the tests, on 127.0.0.1.

`running_virtuoso` starts ``virtuoso-t`` in a folder of its own with a generated
``virtuoso.ini`` on free ports (HTTP and ISQL bound to 127.0.0.1), waits until
``/sparql`` answers, lets that endpoint run SPARQL Update, and stops the server when the
``with`` block ends, also on failure. `require_virtuoso` skips a test where the package
is missing, except under ``CI=true``, where a missing package is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kg.api.process import ServerError, running

__all__ = ["Virtuoso", "require_virtuoso", "running_virtuoso"]

#: Where Debian puts the server and its SQL client.
SERVER = "virtuoso-t"
ISQL = "isql-vt"
MISSING = (
    "Virtuoso is not installed (needs `virtuoso-t` and `isql-vt`: "
    "apt-get install virtuoso-opensource; .ci/run installs it in CI)"
)

# The anonymous /sparql user ("SPARQL", identity "nobody") may read but not write by
# default. Grant it SPARQL Update, and read/write on every graph (7 = read+write+list).
_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); "

# Small buffers and one thread per query: the test machine is shared. ResultSetMaxRows
# raises Virtuoso's default of 10,000 rows, past which it cuts SELECT results silently.
_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{isql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 2
CheckpointInterval = 0
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {result_rows}
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True, slots=True)
class Virtuoso:
    """A running server: ``sparql_url`` takes queries and updates alike."""

    sparql_url: str
    isql_port: int
    directory: Path

    def isql(self, sql: str, timeout: float = 60.0) -> str:
        """Run SQL as ``dba`` through ``isql-vt``; raise on an error."""
        done = subprocess.run(
            [_which(ISQL), f"127.0.0.1:{self.isql_port}", "dba", "dba", f"exec={sql}"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(
                f"isql-vt failed on {sql!r}: {done.stdout[-500:]}{done.stderr[-500:]}"
            )
        return done.stdout


def _which(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(name)
    return found


def installed() -> bool:
    """True when both the server and its SQL client are on PATH."""
    return shutil.which(SERVER) is not None and shutil.which(ISQL) is not None


def require_virtuoso() -> None:
    """Skip the calling test without Virtuoso; under ``CI=true`` fail instead."""
    if installed():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{MISSING}; CI must run these tests", pytrace=False)
    pytest.skip(MISSING)


def _answers(http_port: int, isql_port: int = 0) -> bool:
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        response = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=2)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


@contextlib.contextmanager
def running_virtuoso(
    directory: Path, *, timeout: float = 90.0, result_rows: int = 1_000_000
) -> Iterator[Virtuoso]:
    """Start Virtuoso with its database in ``directory``; yield it, then stop it.

    ``result_rows`` is ResultSetMaxRows: SELECT results past it are cut by the server.
    """
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "virtuoso.log"

    def command(http_port: int, isql_port: int) -> list[str]:
        for stale in directory.glob("virtuoso*.[dlt]*"):  # a fresh database each attempt
            if stale.suffix in (".db", ".lck", ".trx", ".log"):
                stale.unlink()
        ini = directory / "virtuoso.ini"
        ini.write_text(
            _INI.format(
                dir=directory, http_port=http_port, isql_port=isql_port, result_rows=result_rows
            )
        )
        return [_which(SERVER), "+foreground", "+configfile", str(ini)]

    try:
        # Virtuoso checkpoints and exits on TERM; its errors go to its log, not its output.
        started = running(
            command,
            _answers,
            ports=2,
            cwd=directory,
            timeout=timeout,
            name="virtuoso-t",
            retry_on=None,
        )
        with started as child:
            server = Virtuoso(
                f"http://127.0.0.1:{child.ports[0]}/sparql", child.ports[1], directory
            )
            server.isql(_GRANTS)
            yield server
    except ServerError as error:
        failure = log.read_text(errors="replace")[-1500:] if log.exists() else ""
        pytest.fail(f"virtuoso-t did not start in {directory}:\n{failure}{error}", pytrace=False)
