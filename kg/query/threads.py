"""Queries in threads, for stores another process cannot open, and what both runners share.

:class:`ThreadRunner` serves ``memory:`` and remote stores: the client still gets its
answer at the deadline, but the query runs on in its thread until the store gives up (a
remote store drops the connection then). :class:`Evaluation`, :func:`timeout_error` and
the ``charge``/``admit`` callbacks are common to it and :class:`~kg.query.pool.QueryPool`.
"""

from __future__ import annotations

import asyncio
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import anyio

from kg.errors import QueryTimeoutError
from kg.graph.store import GraphStore
from kg.query.worker import Job, answer

__all__ = ["GRACE", "Admit", "Charge", "Evaluation", "ThreadRunner", "timeout_error"]

#: Seconds past the deadline the store's own deadline check may take to answer first.
GRACE = 0.25


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A query's answer: the serialised body and its media type.

    >>> Evaluation(b"true", "text/plain").media
    'text/plain'
    """

    body: bytes
    media: str


def timeout_error(timeout: float | None) -> QueryTimeoutError:
    """The error a client gets at the deadline.

    >>> str(timeout_error(2))
    'the query ran longer than the 2 s timeout and was stopped'
    """
    return QueryTimeoutError(f"the query ran longer than the {timeout:g} s timeout and was stopped")


Charge = Callable[[float], None]
Admit = Callable[[], None]


def nothing(*_: object) -> None:
    return None


class ThreadRunner:
    """Queries in threads over a store this process holds (``memory:``, remote stores).

    Answers at the deadline; the thread runs on until the store stops the query (the
    row-by-row deadline check, or a remote store's request timeout). ``size`` threads
    at most, so runaways cannot take every thread of the REST routes.

    >>> import asyncio
    >>> from kg.graph.store import open_store
    >>> runner = ThreadRunner(open_store("memory:"))
    >>> asyncio.run(runner.run(Job("ASK {}", results_format="json"), "me")).body
    b'{"head": {}, "boolean": true}'
    """

    def __init__(self, store: GraphStore, size: int = 8) -> None:
        self.store = store
        self.limiter = anyio.CapacityLimiter(max(1, size))
        self.generation = 0
        self.killed = 0

    def bump(self) -> None:
        """Nothing to reopen: the threads share this process's store.

        >>> from kg.graph.store import open_store
        >>> ThreadRunner(open_store("memory:")).bump()
        """
        self.generation += 1

    def pids(self) -> list[int]:
        """No processes of its own.

        >>> from kg.graph.store import open_store
        >>> ThreadRunner(open_store("memory:")).pids()
        []
        """
        return []

    async def start(self) -> None:
        """Nothing to start.

        >>> import asyncio
        >>> from kg.graph.store import open_store
        >>> asyncio.run(ThreadRunner(open_store("memory:")).start())
        """
        return None

    async def close(self) -> None:
        """Nothing to stop: threads left running end with their queries.

        >>> import asyncio
        >>> from kg.graph.store import open_store
        >>> asyncio.run(ThreadRunner(open_store("memory:")).close())
        """
        return None

    async def run(
        self, job: Job, client: str, *, charge: Charge = nothing, admit: Admit = nothing
    ) -> Evaluation:
        """Evaluate ``job`` in a thread; the timeout error at its deadline.

        >>> import asyncio
        >>> from kg.graph.store import open_store
        >>> runner = ThreadRunner(open_store("memory:"))
        >>> asyncio.run(runner.run(Job("ASK {}", results_format="csv"), "me")).media
        'csv'
        """
        admit()
        started = time.monotonic()

        def evaluate() -> Evaluation:
            try:
                return Evaluation(*answer(self.store, job))
            except Exception as exc:
                # Frames holding Oxigraph results may only be dropped by this thread.
                traceback.clear_frames(exc.__traceback__)
                raise

        call = anyio.to_thread.run_sync(evaluate, abandon_on_cancel=True, limiter=self.limiter)
        try:
            if job.timeout is None:
                return await call
            return await asyncio.wait_for(call, job.timeout + GRACE)
        except TimeoutError:
            raise timeout_error(job.timeout) from None
        finally:
            charge(time.monotonic() - started)
