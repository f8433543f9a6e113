"""Answers of the read-only JSON routes, kept until the graph changes.

The same popular nodes (a country in every article, the governor everyone meets) are
asked for again and again, by many clients at once, and their answers only change
when the graph does. :class:`ResponseCache` keeps the encoded answer of a ``GET`` to
one of the cached routes, keyed by the request and the graph's version
(:attr:`~kg.knowledge.KnowledgeGraph.version` and the query runner's write
generation), so any write makes every kept answer stale at once. Answers go out with
an ``X-Cache: hit`` or ``miss`` header.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CACHED_ROUTES", "ResponseCache"]

logger = logging.getLogger(__name__)

#: Route prefixes whose GET answers depend on the graph and the request alone.
CACHED_ROUTES = (
    "/api/entities/",
    "/api/evidence",
    "/api/neighbors/",
    "/api/overview",
    "/api/stats",
    "/api/search",
    "/api/map",
    "/api/timeline",
    "/api/bilateral",
    "/api/analytics/",
    "/api/summary",
    "/api/path",
)
#: Request headers that change an answer (content negotiation, the view's language).
_VARY = (b"accept", b"accept-language")


@dataclass(frozen=True, slots=True)
class _Kept:
    version: tuple[int, int]
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Keep answers up to ``max_bytes`` in all, each at most ``max_bytes // 4``.

    The least recently used answers leave first; a write drops every kept answer at
    once. Requests for an answer being computed wait for it rather than compute it again
    (a map of the whole graph asked for by many clients after a write is computed once).

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> from kg.knowledge import KnowledgeGraph
    >>> from kg.query.threads import ThreadRunner
    >>> app = FastAPI()
    >>> app.state.kg = KnowledgeGraph.open("memory:")
    >>> app.state.queries = ThreadRunner(app.state.kg.store)
    >>> calls = []
    >>> @app.get("/api/stats")
    ... def stats() -> dict:
    ...     calls.append(1)
    ...     return {"calls": len(calls)}
    >>> app.add_middleware(ResponseCache)
    >>> client = TestClient(app)
    >>> [client.get("/api/stats").headers["x-cache"] for _ in range(2)], len(calls)
    (['miss', 'hit'], 1)
    >>> app.state.kg.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # a write
    >>> client.get("/api/stats").json()
    {'calls': 2}
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: Sequence[str] = CACHED_ROUTES,
        max_bytes: int = 128_000_000,
    ) -> None:
        self.app = app
        self.routes = tuple(routes)
        self.max_bytes = max_bytes
        self.max_body = max_bytes // 4
        self._kept: OrderedDict[tuple[bytes, ...], _Kept] = OrderedDict()
        self._size = 0
        self._version: tuple[int, int] | None = None
        self._computing: dict[tuple[bytes, ...], asyncio.Event] = {}
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Bytes of the answers kept now (at most ``max_bytes``).

        >>> from starlette.applications import Starlette
        >>> ResponseCache(Starlette(), max_bytes=1_000).size
        0
        """
        return self._size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if scope.get("method") != "GET" or not path.startswith(self.routes):
            await self.app(scope, receive, send)
            return
        state = scope["app"].state
        version = (
            getattr(getattr(state, "kg", None), "version", 0),
            getattr(getattr(state, "queries", None), "generation", 0),
        )
        headers = dict(scope.get("headers", ()))
        key = (path.encode(), scope.get("query_string", b""), *(headers.get(h, b"") for h in _VARY))
        kept = self._get(key, version)
        if kept is None and (computing := self._computing.get(key)) is not None:
            await computing.wait()  # the same answer is on its way: share it
            kept = self._get(key, version)
        if kept is not None:
            await send(
                {
                    "type": "http.response.start",
                    "status": kept.status,
                    "headers": [*kept.headers, (b"x-cache", b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": kept.body})
            return
        done = self._computing.setdefault(key, asyncio.Event())
        try:
            await self._answer(scope, receive, send, key, version)
        finally:
            if self._computing.get(key) is done:
                del self._computing[key]
            done.set()

    def _get(self, key: tuple[bytes, ...], version: tuple[int, int]) -> _Kept | None:
        with self._lock:
            if version != self._version:
                # A write made every kept answer stale: free them now, not one by one.
                self._kept.clear()
                self._size = 0
                self._version = version
                return None
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept

    def _keep(self, key: tuple[bytes, ...], kept: _Kept) -> None:
        with self._lock:
            if kept.version != self._version:
                return  # written while it was computed
            old = self._kept.pop(key, None)
            self._size += len(kept.body) - (len(old.body) if old else 0)
            self._kept[key] = kept
            while self._size > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._size -= len(dropped.body)

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        key: tuple[bytes, ...],
        version: tuple[int, int],
    ) -> None:
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def keeping_send(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message["headers"], (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and size <= self.max_body:
                parts.append(message.get("body", b""))
                size += len(parts[-1])
            await send(message)

        await self.app(scope, receive, keeping_send)
        if start is None or start["status"] != 200 or size > self.max_body:
            return
        self._keep(key, _Kept(version, 200, list(start["headers"]), b"".join(parts)))
