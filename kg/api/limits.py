"""ASGI middlewares: refuse request bodies above a size with 413; tell query workers
about writes."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodySizeLimit", "WritesReopen"]

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


class _TooLargeError(HTTPException):
    # An HTTPException, because FastAPI turns any other error raised while it parses a
    # body model (POST /api/snapshot) into "400 error parsing the body".
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"the request body is larger than the {max_bytes:,} bytes allowed")


class BodySizeLimit:
    """Refuse a declared ``Content-Length`` above ``max_bytes`` before reading, and stop a
    streamed (chunked) body as soon as it passes the limit.

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> app = FastAPI()
    >>> app.add_middleware(BodySizeLimit, max_bytes=10)
    >>> TestClient(app).post("/anything", content=b"x" * 11).status_code
    413
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLargeError(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLargeError:
            if started:
                raise
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "https://w3id.org/bilateral-kg/problems/request-too-large",
                "title": "Request too large",
                "status": 413,
                "detail": f"the request body is larger than the {self.max_bytes:,} bytes allowed",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class WritesReopen:
    """After any request that may have written (not GET, HEAD or OPTIONS), bump the query
    runner's write generation so query workers reopen the store before their next query.

    ``/sparql`` is left out: its POSTs are mostly queries, and its updates bump themselves.

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> from kg.query.threads import ThreadRunner
    >>> from kg.graph.store import open_store
    >>> app = FastAPI()
    >>> app.state.queries = ThreadRunner(open_store("memory:"))
    >>> app.add_middleware(WritesReopen)
    >>> client = TestClient(app)
    >>> _ = client.get("/anything"), client.post("/anything")
    >>> app.state.queries.generation  # only the POST may have written
    1
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method", "GET") in _SAFE
            or scope.get("path") == "/sparql"
        ):
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            queries = getattr(scope["app"].state, "queries", None)
            if queries is not None:
                queries.bump()
