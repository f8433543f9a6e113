"""Where the API evaluates SPARQL queries: a pool of killable worker processes, or threads.

:class:`QueryPool` (an embedded store on disk) keeps ``size`` :class:`~kg.query.worker.Worker`
processes. A query waits for a free worker until its deadline, runs there, and when it
is still running at the deadline its worker is killed, so the query really stops, and a
fresh worker is started in the background. A worker that dies of its memory cap is
replaced the same way. Free workers go first to the waiting client holding the fewest,
and one client may hold at most ``per_client`` of them, so one analyst's heavy queries
leave a worker for everybody else.

:class:`~kg.query.threads.ThreadRunner` is for stores another process cannot open
(``memory:``) and for remote stores. Both take a ``charge`` callback told the seconds of
evaluation each query used (for :mod:`kg.api.budget`), and an ``admit`` callback run just
before evaluation starts.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import anyio

from kg.errors import QueryTimeoutError, StoreError
from kg.query.threads import (
    GRACE,
    Admit,
    Charge,
    Evaluation,
    ThreadRunner,
    nothing,
    timeout_error,
)
from kg.query.worker import (
    START_TIMEOUT,
    Job,
    NotAcceptableError,
    Worker,
    error_from,
    memory_error,
)

__all__ = ["QueryPool", "QueryRunner", "evaluate"]

logger = logging.getLogger(__name__)

#: Seconds a query waiting for a worker must have left to be given one.
MIN_RUN = 0.5
#: Seconds after which a query counts as long: its worker's CPU priority is lowered.
LOWER_AFTER = 0.5
#: Exit codes of a worker that ran out of its memory cap: Rust aborts on a failed
#: allocation (SIGABRT); C++ code (RocksDB) may abort or crash.
_OUT_OF_MEMORY = frozenset({-signal.SIGABRT, -signal.SIGSEGV})
#: The niceness (see nice(2)) of a worker running a long query; the server keeps 0.
LOWERED_NICENESS = 10


class QueryPool:
    """Worker processes over the embedded store at ``path`` (see the module docs).

    Create it in the running event loop and ``await pool.start()`` before use.

    >>> QueryPool("var/store", 3, memory_mb=768, per_client=0).per_client  # all but one
    2
    """

    def __init__(
        self,
        path: str | Path,
        size: int,
        *,
        memory_mb: int,
        per_client: int,
        flush: Callable[[], None] | None = None,
    ) -> None:
        self.path = Path(path)
        #: Writes the writer's buffers to the store's files: a read-only open replays
        #: whatever is only in the write-ahead log, which takes seconds after many writes.
        self.flush = flush
        self._flushed = 0
        self._flush_lock = asyncio.Lock()
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.per_client = per_client if per_client > 0 else max(1, self.size - 1)
        self.generation = 0
        self._idle: list[Worker] = []
        self._busy: dict[int, Worker] = {}
        self._held: dict[str, int] = {}
        #: (arrival, client, future, latest start): see :meth:`_acquire`.
        self._waiters: list[tuple[int, str, asyncio.Future[Worker], float]] = []
        self._order = itertools.count()
        self._starting = 0
        self._closed = False
        self._tasks: set[asyncio.Task[None]] = set()
        #: Workers killed at a deadline and replaced (for tests and logs).
        self.killed = 0

    # -- workers -----------------------------------------------------------------------

    async def start(self) -> None:
        """Start every worker and wait until they are ready.

        >>> import asyncio, tempfile
        >>> from kg.graph.store.embedded import OxigraphStore
        >>> async def started(path: Path) -> int:
        ...     pool = QueryPool(path, 1, memory_mb=0, per_client=0)
        ...     await pool.start()
        ...     alive = len(pool.pids())
        ...     await pool.close()
        ...     return alive
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     OxigraphStore(Path(tmp) / "store").close()
        ...     asyncio.run(started(Path(tmp) / "store"))
        1
        """
        await asyncio.gather(*(self._add_worker() for _ in range(self.size)))

    async def _add_worker(self) -> None:
        self._starting += 1
        try:
            # Started from the event loop's thread, which lives as long as the server:
            # a worker gets SIGKILL when the thread that started it ends (PDEATHSIG).
            worker = Worker(self.path, self.memory_mb)
            await anyio.to_thread.run_sync(worker.wait_ready, START_TIMEOUT)
        except (StoreError, OSError) as exc:
            logger.error("could not start a query worker: %s", exc)
            return
        finally:
            self._starting -= 1
        if self._closed:
            await anyio.to_thread.run_sync(worker.stop)
            return
        self._idle.append(worker)
        self._dispatch()

    def _replace(self, worker: Worker, client: str | None = None) -> None:
        """Kill ``worker`` (from a thread: reaping may take a moment) and start another.

        With ``client``, the client whose query cost the worker goes on holding its share
        until the new worker is ready: one whose queries keep getting workers killed
        cannot take the worker kept for others while its own are being replaced.
        """
        self._busy.pop(worker.pid or 0, None)

        async def replace() -> None:
            try:
                await anyio.to_thread.run_sync(worker.kill)
                if not self._closed:
                    await self._add_worker()
            finally:
                if client is not None:
                    self._unhold(client)
                    self._dispatch()

        task = asyncio.get_running_loop().create_task(replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def pids(self) -> list[int]:
        """Process ids of the workers alive now (idle or busy).

        >>> QueryPool("var/store", 3, memory_mb=768, per_client=0).pids()  # not started
        []
        """
        return [w.pid for w in [*self._idle, *self._busy.values()] if w.pid is not None]

    async def close(self) -> None:
        """Stop every worker, busy or not; waiting queries are cancelled.

        >>> import asyncio
        >>> pool = QueryPool("var/store", 3, memory_mb=768, per_client=0)
        >>> asyncio.run(pool.close())
        >>> pool.pids()
        []
        """
        self._closed = True
        for _, _, future, _ in self._waiters:
            future.cancel()
        self._waiters.clear()
        workers = [*self._idle, *self._busy.values()]
        self._idle.clear()
        self._busy.clear()
        for worker in workers:
            await anyio.to_thread.run_sync(worker.stop)
        for task in list(self._tasks):
            task.cancel()

    def bump(self) -> None:
        """The store was written: workers reopen it before their next query.

        >>> pool = QueryPool("var/store", 3, memory_mb=768, per_client=0)
        >>> pool.bump()
        >>> pool.generation
        1
        """
        self.generation += 1

    # -- scheduling --------------------------------------------------------------------

    def _dispatch(self) -> None:
        """Hand free workers to waiting clients: fewest held first, then first come."""
        self._waiters = [w for w in self._waiters if not w[2].done()]
        self._drop_dead()
        now = time.monotonic()
        while self._idle and self._waiters:
            eligible = [
                w for w in self._waiters if self._held.get(w[1], 0) < self.per_client and w[3] > now
            ]
            if not eligible:
                return
            chosen = min(eligible, key=lambda w: (self._held.get(w[1], 0), w[0]))
            self._waiters.remove(chosen)
            _, client, future, _ = chosen
            worker = self._idle.pop()
            self._take(worker, client)
            future.set_result(worker)

    def _drop_dead(self) -> None:
        """Replace idle workers that died (killed from outside, say by the OOM killer)."""
        for worker in [w for w in self._idle if not w.process.is_alive()]:
            logger.warning(
                "idle query worker %s died (exit code %s)", worker.pid, worker.process.exitcode
            )
            self._idle.remove(worker)
            self._replace(worker)

    def _take(self, worker: Worker, client: str) -> None:
        self._busy[worker.pid or 0] = worker
        self._held[client] = self._held.get(client, 0) + 1

    def _unhold(self, client: str) -> None:
        held = self._held.get(client, 1) - 1
        if held > 0:
            self._held[client] = held
        else:
            self._held.pop(client, None)

    def _release(self, worker: Worker, client: str) -> None:
        """``client`` is done with ``worker``, which answered: back to the idle ones."""
        self._busy.pop(worker.pid or 0, None)
        self._unhold(client)
        if worker.lowered:
            # It cannot get its priority back (only root may raise one): a fresh worker
            # takes its place. The query answered, so its client is not held up by that.
            self._replace(worker)
        elif not self._closed and worker.process.is_alive():
            self._idle.append(worker)
        self._dispatch()

    async def _acquire(self, client: str, deadline: float, timeout: float | None) -> Worker:
        if self._closed:
            raise StoreError("the server is shutting down")
        self._drop_dead()
        if self._idle and not self._waiters and self._held.get(client, 0) < self.per_client:
            worker = self._idle.pop()
            self._take(worker, client)
            return worker
        # A query that could only start in the last moments before its deadline would
        # just get a worker killed: it waits for its timeout error instead.
        least = min(MIN_RUN, (timeout or 0.0) / 4)
        future: asyncio.Future[Worker] = asyncio.get_running_loop().create_future()
        self._waiters.append((next(self._order), client, future, deadline - least))
        self._dispatch()
        try:
            return await asyncio.wait_for(future, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            # Handed a worker in the same instant the wait ran out: give it back.
            if future.done() and not future.cancelled():
                self._release(future.result(), client)
            raise timeout_error(timeout) from None
        except asyncio.CancelledError:  # the client went away while waiting
            if future.done() and not future.cancelled():
                self._release(future.result(), client)
            raise

    # -- running -----------------------------------------------------------------------

    async def run(
        self,
        job: Job,
        client: str,
        *,
        charge: Charge = nothing,
        admit: Admit = nothing,
    ) -> Evaluation:
        """Evaluate ``job`` for ``client`` within ``job.timeout`` seconds of now.

        Raises the query's own errors, :class:`~kg.errors.QueryTimeoutError` at the
        deadline (waiting included), :class:`~kg.errors.QueryMemoryError` when the
        worker hit its memory cap, and whatever ``admit`` raises. (Call it through
        :func:`evaluate`, which raises the error of a killed worker as itself.)

        >>> import asyncio, tempfile
        >>> from kg.graph.store.embedded import OxigraphStore
        >>> async def ask(path: Path) -> bytes:
        ...     pool = QueryPool(path, 1, memory_mb=0, per_client=0)
        ...     await pool.start()
        ...     try:
        ...         found = await pool.run(Job("ASK {}", results_format="json"), "me")
        ...     finally:
        ...         await pool.close()
        ...     return found.body
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     OxigraphStore(Path(tmp) / "store").close()
        ...     asyncio.run(ask(Path(tmp) / "store"))
        b'{"head": {}, "boolean": true}'
        """
        timeout = job.timeout
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        worker = await self._acquire(client, deadline, timeout)
        try:
            admit()
        except BaseException:
            self._release(worker, client)
            raise
        started = time.monotonic()
        try:
            await self._flush_writes()
        except BaseException:
            self._release(worker, client)
            raise
        job = _with_generation(job, self.generation)
        answered = False
        try:
            found = await self._exchange(worker, job, deadline, timeout, client)
            answered = True
            return found
        except _WorkerGoneError:
            raise  # replaced already, on this client's account
        except asyncio.CancelledError:
            # The worker may still answer this job: it must not get another one.
            self._replace(worker, client)
            raise
        except BaseException:
            answered = True  # the worker answered with an error: it is fine
            raise
        finally:
            charge(time.monotonic() - started)
            if answered:
                self._release(worker, client)

    async def _flush_writes(self) -> None:
        """Flush the writer once per generation, before a worker reopens the store."""
        if self.flush is None or self._flushed >= self.generation:
            return
        async with self._flush_lock:
            target = self.generation
            if self._flushed >= target:
                return
            try:
                await anyio.to_thread.run_sync(self.flush)
            except OSError as exc:  # a full disk, say: workers replay the log instead
                logger.warning("flushing the store before a query failed: %s", exc)
            self._flushed = target

    async def _exchange(
        self, worker: Worker, job: Job, deadline: float, timeout: float | None, client: str
    ) -> Evaluation:
        remaining = max(0.0, deadline + GRACE - time.monotonic())
        try:
            worker.conn.send(job)
        except OSError:
            reply_task = None
        else:
            reply_task = asyncio.ensure_future(
                anyio.to_thread.run_sync(worker.conn.recv, abandon_on_cancel=True)
            )
        try:
            if reply_task is None:
                raise EOFError("the worker was gone before the query reached it")
            done, _ = await asyncio.wait({reply_task}, timeout=min(LOWER_AFTER, remaining))
            if not done:
                # A long query: below the server and the short queries of other workers
                # in the scheduler's eyes, so cheap answers stay cheap on a busy host.
                _lower_priority(worker)
                left = max(0.0, deadline + GRACE - time.monotonic())
                done, _ = await asyncio.wait({reply_task}, timeout=left)
            if not done:
                self.killed += 1
                self._replace(worker, client)
                logger.info("killed query worker %s at the %g s deadline", worker.pid, timeout)
                raise _WorkerGoneError(timeout_error(timeout))
            reply = reply_task.result()
        except (EOFError, OSError):
            await anyio.to_thread.run_sync(worker.process.join, 5)
            code = worker.process.exitcode
            self._replace(worker, client)
            logger.warning("query worker %s died (exit code %s)", worker.pid, code)
            if self.memory_mb > 0 and code in _OUT_OF_MEMORY:
                raise _WorkerGoneError(memory_error(self.memory_mb)) from None
            raise _WorkerGoneError(
                StoreError(f"the query worker ended unexpectedly (exit code {code}); try again")
            ) from None
        finally:
            if reply_task is not None and not reply_task.done():
                reply_task.cancel()
        kind = reply[0]
        if kind == "ok":
            return Evaluation(reply[1], reply[2])
        if kind == "406":
            raise NotAcceptableError(reply[1])
        error = error_from(reply[1], reply[2], self.memory_mb)
        if reply[1] == "QueryMemoryError":
            self._replace(worker, client)
            raise _WorkerGoneError(error)
        raise error


def _lower_priority(worker: Worker) -> None:
    if worker.pid is None or worker.lowered:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, worker.pid, LOWERED_NICENESS)
        worker.lowered = True
    except OSError:  # gone already, or a system that does not allow it
        pass


class _WorkerGoneError(Exception):
    """The worker was killed or died; carries the error for the client."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _with_generation(job: Job, generation: int) -> Job:
    from dataclasses import replace

    return replace(job, generation=generation)


async def run_in_pool(
    pool: QueryPool, job: Job, client: str, *, charge: Charge = nothing, admit: Admit = nothing
) -> Evaluation:
    """:meth:`QueryPool.run`, with the error of a killed worker raised as itself.

    A worker that died on its own (not killed at the deadline) is tried once more on a
    fresh worker: a read-only snapshot opened while the writer compacts can fail where a
    fresh open does not, and a query is safe to repeat. A second death is the answer.
    """
    try:
        return await pool.run(job, client, charge=charge, admit=admit)
    except _WorkerGoneError as gone:
        if isinstance(gone.error, QueryTimeoutError):
            raise gone.error from None
        logger.info("a query worker died (%s); trying the query once more", gone.error)
    try:
        return await pool.run(job, client, charge=charge, admit=admit)
    except _WorkerGoneError as gone:
        raise gone.error from None


QueryRunner = QueryPool | ThreadRunner


async def evaluate(
    runner: QueryRunner,
    job: Job,
    client: str,
    *,
    charge: Charge = nothing,
    admit: Admit = nothing,
) -> Evaluation:
    """Evaluate ``job`` with whichever runner the server has.

    >>> import asyncio
    >>> from kg.graph.store import open_store
    >>> runner = ThreadRunner(open_store("memory:"))
    >>> asyncio.run(evaluate(runner, Job("ASK {}", results_format="json"), "me")).body
    b'{"head": {}, "boolean": true}'
    """
    if isinstance(runner, QueryPool):
        return await run_in_pool(runner, job, client, charge=charge, admit=admit)
    return await runner.run(job, client, charge=charge, admit=admit)
