"""One query in a fresh worker process, killed at its deadline: ``bikg query``'s way.

A process of its own stops the query at ``BIKG_QUERY_TIMEOUT`` even when Oxigraph is
deep inside one step (an aggregate over a cross product), which no check between rows
can see, and the read-only open works beside a running ``bikg serve``.

>>> import tempfile
>>> from kg.graph.store.embedded import OxigraphStore
>>> with tempfile.TemporaryDirectory() as tmp:
...     OxigraphStore(Path(tmp) / "store").close()
...     run_once(Path(tmp) / "store", Job("ASK {}", results_format="json", timeout=30))
(b'{"head": {}, "boolean": true}', 'json')
"""

from __future__ import annotations

import time
from pathlib import Path

from kg.errors import QueryError
from kg.query.threads import GRACE, timeout_error
from kg.query.worker import START_TIMEOUT, Job, NotAcceptableError, Worker, error_from, memory_error

__all__ = ["run_once"]


def run_once(path: str | Path, job: Job, *, memory_mb: int = 0) -> tuple[bytes, str]:
    """The serialised answer to ``job`` over the store at ``path``, and its format.

    Raises :class:`~kg.errors.QueryTimeoutError` at ``job.timeout`` (the worker is
    killed then), :class:`~kg.errors.QueryMemoryError` past ``memory_mb``, and the
    query's own errors.

    >>> import tempfile
    >>> from kg.graph.store.embedded import OxigraphStore
    >>> runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     store = OxigraphStore(Path(tmp) / "store")
    ...     store.update("INSERT DATA { " + " ".join(
    ...         f"<urn:s{n}> <urn:p> {n} ." for n in range(2000)) + " }")
    ...     store.close()
    ...     run_once(Path(tmp) / "store", Job(runaway, results_format="json", timeout=0.5))
    Traceback (most recent call last):
    ...
    kg.errors.QueryTimeoutError: the query ran longer than the 0.5 s timeout and was stopped
    """
    worker = Worker(path, memory_mb)
    try:
        worker.wait_ready(START_TIMEOUT)
        # Starting the worker is not the query's time: the deadline counts from here.
        deadline = time.monotonic() + (job.timeout if job.timeout is not None else 1e9)
        worker.conn.send(job)
        if not worker.conn.poll(max(0.0, deadline + GRACE - time.monotonic())):
            raise timeout_error(job.timeout)
        try:
            reply = worker.conn.recv()
        except EOFError:
            worker.process.join(5)
            if memory_mb > 0:
                raise memory_error(memory_mb) from None
            raise QueryError(
                f"the query stopped its worker (exit code {worker.process.exitcode})"
            ) from None
    finally:
        worker.kill()
    if reply[0] == "ok":
        return reply[1], reply[2]
    if reply[0] == "406":
        raise NotAcceptableError(reply[1])
    raise error_from(reply[1], reply[2], memory_mb)
