"""One query worker: a spawned process that opens the store read-only and answers queries.

The parent can kill a worker at any moment (pyoxigraph cannot cancel a query, a
process can be ended), and the worker caps what a query may add to its address space
with ``RLIMIT_AS``, so a query that grows without bound ends its own worker instead of
the server. A worker sees the store
as of its last open, so each job carries the server's write generation and the worker
reopens when it has changed.

>>> job = Job("ASK {}", accept="application/sparql-results+json")
>>> from kg.graph.store import open_store
>>> answer(open_store("memory:"), job)
(b'{"head": {}, "boolean": true}', 'application/sparql-results+json')
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError
from kg.graph.results import GraphResult
from kg.graph.store import GraphStore, QueryLimits
from kg.graph.store.embedded import OxigraphStore
from kg.graph.vocab import PREFIXES
from kg.query import protocol

__all__ = ["Job", "NotAcceptableError", "Worker", "answer"]

logger = logging.getLogger(__name__)

_SPAWN = multiprocessing.get_context("spawn")
#: Tries at opening the store read-only beside a writer that may be compacting it.
_OPEN_ATTEMPTS = 5
#: Seconds a new worker may take to start (import the package, nothing more).
START_TIMEOUT = 60.0
#: glibc's allocator keeps 7 freed blocks of each size per thread for reuse; Oxigraph
#: makes and drops a RocksDB iterator per pattern per row, and a quarter of a heavy
#: query's time went to malloc and free. Keeping 1,000 made the 10k examples 3-13%
#: faster (docs/performance.md). Read by glibc when a worker starts; a value the user
#: set is kept, and other C libraries ignore it.
MALLOC_TUNABLES = "glibc.malloc.tcache_count=1000"


@dataclass(frozen=True, slots=True)
class Job:
    """A query to answer, with its limits and the media types the client accepts.

    >>> Job("ASK {}").max_rows is None
    True
    """

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    timeout: float | None = None
    max_rows: int | None = None
    #: The server's write generation; a worker that opened the store earlier reopens it.
    generation: int = 0
    #: RDF syntax for CONSTRUCT/DESCRIBE when the caller chose one (the CLI; the answer's
    #: "media type" is then ``graph:<format>``); else negotiated.
    graph_format: str | None = None
    #: Results format for SELECT/ASK when the caller chose one (the CLI); else negotiated.
    results_format: str | None = None
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))


class NotAcceptableError(Exception):
    """None of the offered media types is acceptable to the client (HTTP 406).

    >>> NotAcceptableError(["text/turtle"]).offered
    ['text/turtle']
    """

    def __init__(self, offered: list[str]) -> None:
        super().__init__(f"cannot answer in any accepted type; offered: {', '.join(offered)}")
        self.offered = offered


def answer(store: GraphStore, job: Job) -> tuple[bytes, str]:
    """Run ``job`` on ``store``: the serialised result and its media type.

    Raises the store's errors (:class:`~kg.errors.QueryError` and its limits) and
    :class:`NotAcceptableError`.

    >>> from kg.graph.store import open_store
    >>> answer(open_store("memory:"), Job("ASK {}", accept="image/png"))
    Traceback (most recent call last):
    ...
    kg.query.worker.NotAcceptableError: cannot answer in any accepted type; offered: \
application/sparql-results+json, application/sparql-results+xml, text/csv, \
text/tab-separated-values
    """
    # The results format is chosen before the query runs, so the engine can write it.
    fmt, media = job.results_format, job.results_format
    if fmt is None:
        media = protocol.negotiate(job.accept, protocol.RESULT_MEDIA, protocol.RESULT_ALIASES)
        fmt = None if media is None else protocol.RESULT_MEDIA[media]
    result = store.query(
        job.query,
        default_graphs=list(job.default_graphs) or None,
        named_graphs=list(job.named_graphs) or None,
        limits=QueryLimits(job.timeout, job.max_rows),
        encode=fmt,  # rows written by the engine when it can
    )
    if isinstance(result, GraphResult):
        if job.graph_format is not None:
            fmt = job.graph_format
            return result.serialize(fmt, prefixes=job.prefixes), f"graph:{fmt}"
        media = protocol.negotiate(job.accept, protocol.GRAPH_MEDIA, protocol.GRAPH_ALIASES)
        if media is None:
            raise NotAcceptableError(list(protocol.GRAPH_MEDIA))
        return result.serialize(protocol.GRAPH_MEDIA[media], prefixes=job.prefixes), media
    if fmt is None or media is None:
        raise NotAcceptableError(list(protocol.RESULT_MEDIA))
    return result.serialize(fmt), media


# -- the worker process ----------------------------------------------------------------

#: Replies: ("ok", body, media) | ("error", class name, message) | ("406", offered)
Reply = tuple[Any, ...]


def _die_with_parent() -> None:
    # A server killed with SIGKILL cannot kill its workers; Linux can, for it. (Linux
    # sends it when the *thread* that started the worker ends: start workers from a
    # thread that lives as long as the process.)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _serve(conn: multiprocessing.connection.Connection, path: str, memory_bytes: int) -> None:
    """The worker's loop: answer jobs until the pipe closes or a ``None`` job arrives."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server to handle
    # Over the memory cap Rust prints one line and aborts; a backtrace would only bury it.
    os.environ["RUST_BACKTRACE"] = "0"
    _die_with_parent()
    store: OxigraphStore | None = None
    generation = -1
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fatal = False
        try:
            if store is None or job.generation != generation:
                store = _reopen(store, path, memory_bytes)
                generation = job.generation
            try:
                body, media = answer(store, job)
            except (StoreError, OSError) as exc:
                # A read-only open is not isolated from the writer: it may have compacted
                # away files this snapshot still names ("No such file"), or flushed the
                # log this open replayed from, so that a quad's string is missing ("not
                # found in the string store"). A fresh open sees a consistent state; a
                # second failure is real.
                logger.info("query worker %s reopens the store after: %s", os.getpid(), exc)
                store = _reopen(store, path, memory_bytes)
                body, media = answer(store, job)
            reply: Reply = ("ok", body, media)
        except NotAcceptableError as exc:
            reply = ("406", exc.offered)
        except KGError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except MemoryError:
            # The cap was hit in Python (serialising a large result): say so, then leave
            # so the pool starts a fresh worker rather than reuse a fragmented heap.
            reply = ("error", "QueryMemoryError", "")
            fatal = True
        except Exception as exc:  # noqa: BLE001 - the worker must answer whatever happened
            reply = ("error", "QueryError", f"the query failed: {exc}")
            traceback.clear_frames(exc.__traceback__)
        try:
            conn.send(reply)
        except (OSError, MemoryError):
            return
        if fatal:
            return


def _address_space() -> int:
    """Bytes of address space this process has mapped (``VmSize``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _reopen(store: OxigraphStore | None, path: str, memory_bytes: int) -> OxigraphStore:
    """Open the store afresh, then cap what a query may add to the address space.

    The cap counts from what the worker maps once the store is open (about 0.5 GB of
    mostly unused reservations: the interpreter, RocksDB's threads and tables), so
    ``memory_bytes`` is what one query may use. Only the soft limit is set, so the
    worker can lift it to reopen; nothing a query does can change it.
    """
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    if store is not None:
        store.close()
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            opened = OxigraphStore(path, read_only=True)
            break
        except (StoreError, RuntimeError):
            # The writer's compaction may delete a file between our reading its name and
            # opening it ("Corruption: ... No such file"): the next try sees the new files.
            if attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    if memory_bytes > 0:
        limit = _address_space() + memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
    return opened


class Worker:
    """A query worker process and the parent's end of its pipe (blocking calls).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     OxigraphStore(Path(tmp) / "store").close()
    ...     worker = Worker(Path(tmp) / "store", memory_mb=0)
    ...     worker.wait_ready(60)
    ...     worker.conn.send(Job("ASK {}", results_format="json"))
    ...     reply = worker.conn.recv()
    ...     worker.stop()
    >>> reply
    ('ok', b'{"head": {}, "boolean": true}', 'json')
    """

    def __init__(self, path: str | Path, memory_mb: int) -> None:
        os.environ.setdefault("GLIBC_TUNABLES", MALLOC_TUNABLES)  # a spawned child inherits it
        self.conn, child = _SPAWN.Pipe()
        self.process: SpawnProcess = _SPAWN.Process(
            target=_serve,
            args=(child, str(path), memory_mb * 1024 * 1024),
            name="bikg-query",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.pid = self.process.pid
        #: Whether its CPU priority was lowered for a long query (the pool does that).
        self.lowered = False

    def wait_ready(self, timeout: float) -> None:
        """Wait until the worker has started; :class:`~kg.errors.StoreError` if it did not.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     Worker(Path(tmp) / "no-store", memory_mb=0).wait_ready(60)  # starts, idle
        """
        from kg.errors import StoreError

        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError(f"a query worker did not start within {timeout:g} s")
        try:
            message = self.conn.recv()
        except EOFError:
            self.kill()
            raise StoreError(
                f"a query worker exited while starting (exit code {self.process.exitcode})"
            ) from None
        if message[0] != "ready":
            raise StoreError(f"a query worker said {message!r} instead of starting")

    def kill(self) -> None:
        """End the worker at once (it may be deep inside Oxigraph) and reap it.

        >>> worker = Worker("var/store", memory_mb=0)
        >>> worker.kill()
        >>> worker.process.is_alive()
        False
        """
        with contextlib.suppress(OSError, ValueError):
            self.process.kill()
        self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to leave; kill it if it does not.

        >>> worker = Worker("var/store", memory_mb=0)
        >>> worker.wait_ready(60)
        >>> worker.stop()
        >>> worker.process.exitcode
        0
        """
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(OSError):
            self.conn.close()


def error_from(name: str, message: str, memory_mb: int) -> KGError:
    """Rebuild a worker's error in the parent, by class name.

    >>> error_from("QueryTimeoutError", "slow", 0)
    QueryTimeoutError('slow')
    >>> error_from("QueryMemoryError", "", 512)  # doctest: +ELLIPSIS
    QueryMemoryError('the query needed more than the 512 MB of memory a query may use...')
    """
    import kg.errors as errors

    if name == "QueryMemoryError":
        return memory_error(memory_mb)
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, KGError) and name != "SourceError":
        return cls(message)
    return QueryError(message)


def memory_error(memory_mb: int) -> KGError:
    """The error for a query that outgrew its worker's memory cap.

    >>> str(memory_error(256))  # doctest: +ELLIPSIS
    'the query needed more than the 256 MB of memory a query may use and was stopped; ...'
    """
    from kg.errors import QueryMemoryError

    return QueryMemoryError(
        f"the query needed more than the {memory_mb:,} MB of memory a query may use and "
        "was stopped; narrow it down, add a LIMIT or avoid sorting or grouping huge results"
    )
