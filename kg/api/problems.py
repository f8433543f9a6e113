"""Errors as ``application/problem+json`` (RFC 9457), mapped from :mod:`kg.errors` in one place.

=============================  ======  ==============================================
error                          status  why
=============================  ======  ==============================================
``QueryTimeoutError``          503     the server gave up; the same query may pass later
``QueryMemoryError``           422     the query needs more memory than a query may use
``RateLimitedError``           429     the client used its query seconds for the minute
                                       (``Retry-After`` says when to come back)
``ResultTooLargeError``        422     well-formed, but the answer exceeds the row cap:
                                       add a LIMIT (413 would blame the request body)
``QueryError``                 400     malformed query or update (the parser's message)
``NotFoundError``              404
``VocabularyError``            404     a request names a bkg: term the ontology lacks
``InvalidParameterError``      422     like FastAPI's own parameter validation
``SourceError``                422     an article body that cannot be read as an article
``PermissionDeniedError``      401     missing or wrong token (``WWW-Authenticate: Bearer``)
                               403     no token configured: the server is read-only
``StoreFullError``             507
``StoreError``                 503
anything else from ``KGError``  500
=============================  ======  ==============================================
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    InvalidParameterError,
    KGError,
    NotFoundError,
    PermissionDeniedError,
    QueryError,
    QueryMemoryError,
    QueryTimeoutError,
    RateLimitedError,
    ResultTooLargeError,
    SourceError,
    StoreError,
    StoreFullError,
    VocabularyError,
)

__all__ = [
    "PROBLEM_TYPE",
    "ProblemResponse",
    "install_problem_handlers",
    "limit_hit",
    "problem",
    "status_of",
]

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "https://w3id.org/bilateral-kg/problems/"

#: (error class, status, title): the first matching class wins, so subclasses come first.
STATUSES: list[tuple[type[KGError], int, str]] = [
    (QueryTimeoutError, 503, "Query timeout"),
    (QueryMemoryError, 422, "Query memory limit"),
    (RateLimitedError, 429, "Too many requests"),
    (ResultTooLargeError, 422, "Result too large"),
    (QueryError, 400, "Malformed query"),
    (NotFoundError, 404, "Not found"),
    (VocabularyError, 404, "Not found"),
    (InvalidParameterError, 422, "Invalid parameter"),
    (SourceError, 422, "Unreadable article"),
    (PermissionDeniedError, 401, "Unauthorized"),
    (StoreFullError, 507, "Store full"),
    (StoreError, 503, "Store unavailable"),
    (KGError, 500, "Internal error"),
]


class ProblemResponse(JSONResponse):
    """A JSON response served as ``application/problem+json`` (RFC 9457).

    >>> ProblemResponse({"status": 404}, status_code=404).media_type
    'application/problem+json'
    """

    media_type = "application/problem+json"


def problem(
    status: int,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> ProblemResponse:
    """A problem+json response; ``type`` is a stable IRI per title; ``extra`` members
    (RFC 9457 extensions) follow the standard ones.

    >>> import json
    >>> response = problem(404, "Not found", "no entity 'person/nobody'")
    >>> response.status_code, json.loads(response.body)["title"]
    (404, 'Not found')
    """
    slug = title.lower().replace(" ", "-")
    body = {"type": PROBLEM_TYPE + slug, "title": title, "status": status, "detail": detail}
    body.update(extra or {})
    return ProblemResponse(body, status_code=status, headers=headers)


def limit_hit(exc: KGError, settings: Any) -> dict[str, Any]:
    """The problem members naming the limit ``exc`` hit: ``limit`` (the setting) and
    ``limitValue`` (its value, in the setting's unit), empty for other errors.

    >>> from kg.config import Settings
    >>> limit_hit(QueryTimeoutError("slow"), Settings(query_timeout=2))
    {'limit': 'query_timeout', 'limitValue': 2.0}
    >>> limit_hit(NotFoundError("x"), Settings())
    {}
    """
    names = [
        (QueryTimeoutError, "query_timeout"),
        (QueryMemoryError, "query_memory_mb"),
        (ResultTooLargeError, "max_rows"),
        (RateLimitedError, "query_budget"),
    ]
    for cls, name in names:
        if isinstance(exc, cls):
            found = {"limit": name}
            if settings is not None:
                found["limitValue"] = getattr(settings, name)
            return found
    return {}


def status_of(exc: KGError) -> tuple[int, str]:
    """The HTTP status and title for one of our errors.

    >>> status_of(QueryTimeoutError("slow"))
    (503, 'Query timeout')
    """
    return next((status, title) for cls, status, title in STATUSES if isinstance(exc, cls))


async def _kg_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, KGError)
    status, title = status_of(exc)
    headers: dict[str, str] = {}
    if isinstance(exc, PermissionDeniedError):
        if request.app.state.settings.write_token is None:
            status, title = 403, "Forbidden"
        else:
            headers["WWW-Authenticate"] = 'Bearer realm="bilateral-kg"'
    if isinstance(exc, QueryTimeoutError | StoreError) and not isinstance(exc, StoreFullError):
        headers["Retry-After"] = "5"
    extra = limit_hit(exc, getattr(request.app.state, "settings", None))
    if isinstance(exc, RateLimitedError):
        headers["Retry-After"] = str(exc.retry_after)
        extra["retryAfter"] = exc.retry_after
    if status >= 500 and status not in (503, 507):
        logger.error("request %s failed", request.url.path, exc_info=exc)
    return problem(status, title, str(exc), headers=headers or None, extra=extra)


async def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    headers: dict[str, str] = dict(exc.headers or {})
    title = _TITLES.get(exc.status_code, "Error")
    detail = exc.detail if isinstance(exc.detail, str) else title
    return problem(exc.status_code, title, detail, headers=headers or None)


async def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return problem(422, "Invalid parameter", "; ".join(parts) or "invalid request")


_TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Request too large",
    415: "Unsupported media type",
    429: "Too many requests",
}


def install_problem_handlers(app: FastAPI) -> None:
    """Register the one handler for our errors, plus problem+json for HTTP errors.

    >>> from fastapi.testclient import TestClient
    >>> from kg.errors import NotFoundError
    >>> app = FastAPI()
    >>> install_problem_handlers(app)
    >>> @app.get("/missing")
    ... def missing() -> None:
    ...     raise NotFoundError("no entity 'x'")
    >>> answer = TestClient(app).get("/missing")
    >>> answer.status_code, answer.headers["content-type"], answer.json()["detail"]
    (404, 'application/problem+json', "no entity 'x'")
    """
    handlers: dict[Any, Any] = {
        KGError: _kg_error,
        StarletteHTTPException: _http_error,
        RequestValidationError: _validation_error,
    }
    for cls, handler in handlers.items():
        app.add_exception_handler(cls, handler)
