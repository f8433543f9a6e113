"""Helpers of the API tests (imported as ``api_support``: tests/api is on sys.path)."""

from __future__ import annotations

from typing import Any


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; returns its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    return body


#: Values that would change a query's shape if pasted into it.
HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "'; DROP ALL ; '",
    "a}b{c",
    "} UNION {",
    "line\nbreak\r\n<http://evil>",
    '"""',
    "\\u0022",
]
