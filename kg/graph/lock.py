"""Who holds an embedded store: the process owning RocksDB's lock on ``<store>/LOCK``.

RocksDB takes a POSIX lock on that file; Linux lists such locks in ``/proc/locks`` with
the holder's pid and the file's inode, so the CLI can say which process to stop (or
use) instead of repeating RocksDB's "Resource temporarily unavailable".

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     lock_holder(tmp) is None  # nobody holds an empty folder
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Holder", "is_lock_error", "lock_holder"]


@dataclass(frozen=True, slots=True)
class Holder:
    """A process holding the store's lock: its pid and command line.

    >>> str(Holder(42, "bikg serve --store var/store"))
    "process 42 ('bikg serve --store var/store')"
    """

    pid: int
    command: str

    def __str__(self) -> str:
        return f"process {self.pid} ({self.command!r})" if self.command else f"process {self.pid}"

    @property
    def is_server(self) -> bool:
        """Whether the holder looks like ``bikg serve``.

        >>> Holder(42, "bikg --quiet serve --store var/store").is_server
        True
        >>> Holder(43, "bikg ingest data/articles").is_server
        False
        """
        return " serve" in f" {self.command}"


def is_lock_error(error: BaseException) -> bool:
    """Whether ``error`` is RocksDB's refusal to open a store another process holds.

    >>> is_lock_error(OSError("IO error: While lock file: var/store/LOCK: "
    ...                       "Resource temporarily unavailable"))
    True
    >>> is_lock_error(OSError("No space left on device"))
    False
    """
    text = str(error)
    return "LOCK" in text and ("lock" in text.lower().replace("LOCK", ""))


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    parts = [p for p in raw.decode(errors="replace").split("\0") if p]
    # "python -m kg.cli serve ..." and ".venv/bin/bikg serve ..." both read as "bikg serve ...".
    for index, part in enumerate(parts):
        if part == "kg.cli" or part.endswith("/bikg") or part == "bikg":
            return " ".join(["bikg", *parts[index + 1 :]])
    return " ".join(parts)


def lock_holder(store: str | Path) -> Holder | None:
    """The process holding the lock of the store folder ``store``, if Linux can say.

    >>> import subprocess, sys, tempfile, time
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     holder = subprocess.Popen([sys.executable, "-c", "import pyoxigraph, sys, time; "
    ...                                f"s = pyoxigraph.Store({tmp!r}); print(1, flush=True); "
    ...                                "time.sleep(60)"], stdout=subprocess.PIPE)
    ...     _ = holder.stdout.readline()  # the store is open
    ...     found = lock_holder(tmp)
    ...     holder.kill(); _ = holder.wait()
    >>> found.pid == holder.pid, "pyoxigraph.Store" in found.command
    (True, True)
    """
    lock = Path(store) / "LOCK"
    try:
        inode = lock.stat().st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        # "1: POSIX  ADVISORY  WRITE 12345 08:01:1311 0 EOF" (a "->" marks a waiter)
        if len(fields) < 6 or fields[1] == "->":
            continue
        pid, where = fields[4], fields[5]
        if where.rsplit(":", 1)[-1] == str(inode) and pid.isdigit() and int(pid) != os.getpid():
            return Holder(int(pid), _command(int(pid)))
    return None
