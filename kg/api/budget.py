"""Fair share: a budget of query seconds per client per minute, as Wikidata's query service.

Each query's evaluation time (waiting for a worker not included) is charged to its
client, known by its address. A client that used its budget within the last minute
gets :class:`~kg.errors.RateLimitedError` (429 with ``Retry-After``) until enough of
that minute has passed; other clients are served as before. Clients on this host are
exempt unless ``query_budget_localhost`` is set: the person running the server is not
the crowd the budget protects it from.

>>> clock = iter([0.0, 10.0, 61.0]).__next__
>>> budgets = Budgets(30, clock=clock)
>>> budgets.charge("203.0.113.9", 31.0)          # at t=0
>>> budgets.check("203.0.113.9")                 # at t=10: over budget until t=60
Traceback (most recent call last):
...
kg.errors.RateLimitedError: this client used 31 of its 30 query seconds per minute; retry in 50 s
>>> budgets.check("203.0.113.9")                 # at t=61: the minute has passed
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import deque
from collections.abc import Callable

from kg.errors import RateLimitedError

__all__ = ["Budgets", "is_local"]

#: Seconds over which a budget is counted.
WINDOW = 60.0
#: Clients remembered before those without recent charges are forgotten.
_PURGE_ABOVE = 10_000


def is_local(address: str | None) -> bool:
    """Whether ``address`` is this host (loopback), or unknown (an in-process test client).

    >>> is_local("127.0.0.1"), is_local("::1"), is_local("203.0.113.9"), is_local(None)
    (True, True, False, True)
    """
    if not address:
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:  # "testclient" and other non-addresses
        return True


class Budgets:
    """Query seconds used per client over the last :data:`WINDOW` seconds.

    ``seconds`` per minute per client; 0 turns budgets off.

    >>> Budgets(0).enabled
    False
    """

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._used: dict[str, deque[tuple[float, float]]] = {}

    @property
    def enabled(self) -> bool:
        """Whether there is a budget at all.

        >>> Budgets(120).enabled, Budgets(0).enabled
        (True, False)
        """
        return self.seconds > 0

    def _recent(self, client: str, now: float) -> deque[tuple[float, float]]:
        entries = self._used.get(client)
        if entries is None:
            return deque()
        while entries and entries[0][0] <= now - WINDOW:
            entries.popleft()
        if not entries:
            del self._used[client]
        return entries

    def used(self, client: str) -> float:
        """Seconds ``client`` used within the last minute.

        >>> budgets = Budgets(60, clock=lambda: 5.0)
        >>> budgets.charge("a", 2.5); budgets.charge("a", 1.0)
        >>> budgets.used("a"), budgets.used("b")
        (3.5, 0)
        """
        return sum(seconds for _, seconds in self._recent(client, self.clock()))

    def check(self, client: str) -> None:
        """Raise :class:`~kg.errors.RateLimitedError` if ``client`` has used its budget.

        >>> budgets = Budgets(10, clock=lambda: 0.0)
        >>> budgets.check("a")  # nothing used yet
        >>> budgets.charge("a", 10.0)
        >>> budgets.check("a")
        Traceback (most recent call last):
        ...
        kg.errors.RateLimitedError: this client used 10 of its 10 query seconds per minute; \
retry in 60 s
        """
        if not self.enabled:
            return
        now = self.clock()
        entries = self._recent(client, now)
        used = sum(seconds for _, seconds in entries)
        if used < self.seconds:
            return
        # Retry when enough of the oldest charges have left the window.
        left = used
        retry = WINDOW
        for when, seconds in entries:
            left -= seconds
            if left < self.seconds:
                retry = when + WINDOW - now
                break
        raise RateLimitedError(
            f"this client used {used:.0f} of its {self.seconds:g} query seconds per minute; "
            f"retry in {math.ceil(retry)} s",
            retry_after=max(1, math.ceil(retry)),
        )

    def charge(self, client: str, seconds: float) -> None:
        """Count ``seconds`` of evaluation against ``client``, now.

        >>> budgets = Budgets(10, clock=lambda: 0.0)
        >>> budgets.charge("a", 2.5)
        >>> budgets.used("a")
        2.5
        """
        if not self.enabled or seconds <= 0:
            return
        now = self.clock()
        if len(self._used) > _PURGE_ABOVE:  # forget clients that have not come back
            for known in list(self._used):
                self._recent(known, now)
        self._used.setdefault(client, deque()).append((now, seconds))
