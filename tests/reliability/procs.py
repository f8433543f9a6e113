"""What a live server's processes are doing, read from /proc: resident memory and CPU.

The heavy-query tests use these to check that killed query workers are gone (or
idle) after their deadline and that the service stays under its memory ceiling.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True, slots=True)
class Sample:
    """One process at one moment: CPU seconds used so far and resident bytes."""

    pid: int
    cpu: float
    rss: int
    command: str


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds, resident bytes) of ``pid``, None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
        statm = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    if fields[0] == "Z":  # a zombie uses nothing; its parent has yet to reap it
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / _TICKS, int(statm[1]) * _PAGE


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def tree(root: int) -> dict[int, Sample]:
    """``root`` and every process below it, by pid."""
    parents: dict[int, int] = {}
    found: dict[int, Sample] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        stat = _stat(pid)
        if stat is None:
            continue
        parents[pid] = stat[0]
        found[pid] = Sample(pid, stat[1], stat[2], "")
    inside = {root}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in inside and pid not in inside:
                inside.add(pid)
                changed = True
    return {
        pid: Sample(pid, found[pid].cpu, found[pid].rss, _command(pid))
        for pid in inside
        if pid in found
    }


def workers(root: int) -> dict[int, Sample]:
    """The query workers below ``root`` (spawned multiprocessing children)."""
    return {pid: s for pid, s in tree(root).items() if "spawn_main" in s.command}


def cpu_of(pid: int) -> float | None:
    """CPU seconds ``pid`` has used, None when it no longer exists."""
    stat = _stat(pid)
    return None if stat is None else stat[1]
