"""A time budget per article, so one pathological text never holds up a batch.

Every step of the extractor is meant to be linear in the article's length; the budget is the
guard for when a rule is not. The steps ask :meth:`Budget.spent` between units of work
(sentences, steps) and stop early when it says so; the article is then stored with what was
found and a warning naming where extraction stopped.

>>> budget = Budget(60.0)
>>> list(budget.each([1, 2, 3])), budget.spent(), budget.warnings
([1, 2, 3], False, [])
>>> over = Budget(0.0)
>>> list(over.each([1, 2, 3], "events")), over.spent()
([], True)
>>> over.warnings
['time budget of 0 s spent: events stopped after 0 of 3']
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TypeVar

__all__ = ["Budget", "OutOfTime", "Stop", "hard_stop"]

T = TypeVar("T")


class Budget:
    """A deadline of ``seconds`` from now; ``clock`` is replaceable for tests.

    Once spent, a budget stays spent: later steps see it at once and skip their work, so
    an article past its budget costs at most one more unit of work per step.
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._deadline = clock() + seconds
        self._spent = False
        self.warnings: list[str] = []

    def left(self) -> float:
        """Seconds until the deadline (0 when spent)."""
        return max(0.0, self._deadline - self._clock())

    def spent(self) -> bool:
        """Whether the deadline has passed (checked against the clock until it has)."""
        if not self._spent and self._clock() >= self._deadline:
            self._spent = True
        return self._spent

    def note(self, what: str) -> None:
        """Record that ``what`` was cut short by the budget (once per distinct message)."""
        message = f"time budget of {self.seconds:g} s spent: {what}"
        if message not in self.warnings:
            self.warnings.append(message)

    def each(self, items: Sequence[T], step: str = "extraction") -> Iterator[T]:
        """The items in order until the budget is spent; a warning says how far it got."""
        for done, item in enumerate(items):
            if self.spent():
                self.note(f"{step} stopped after {done} of {len(items)}")
                return
            yield item


class OutOfTime(BaseException):
    """Raised inside a step that runs past its deadline (see :func:`hard_stop`).

    A ``BaseException`` so that no ``except Exception`` inside a rule swallows it.
    """


def _can_interrupt() -> bool:
    """Whether a timer signal may interrupt this call: the main thread of a POSIX process
    where nobody else (a test runner's timeout, the application) uses ``SIGALRM``."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@dataclass(slots=True)
class Stop:
    """What :func:`hard_stop` reports: ``hit`` when the block was stopped."""

    hit: bool = False


@contextmanager
def hard_stop(seconds: float) -> Iterator[Stop]:
    """Stop the block with :class:`OutOfTime` if it runs longer than ``seconds``; the
    yielded :class:`Stop` says whether it was stopped (the exception does not escape).

    The guard for steps that do not check the budget themselves. Where a timer signal
    cannot be used (another thread, another user of ``SIGALRM``) the block runs unguarded
    and only the cooperative checks of :class:`Budget` apply.

    >>> with hard_stop(5.0) as stopped:
    ...     total = sum(range(10))
    >>> total, stopped.hit
    (45, False)
    """
    stop = Stop()
    if seconds <= 0 or not _can_interrupt():
        yield stop
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield stop
    except OutOfTime:
        stop.hit = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
