"""In-process API fixtures: apps over memory stores loaded with a few articles.

``client`` is shared by the whole session and must not be written to; tests that write
use ``writable_client`` (a fresh app per module) or ``read_only_client`` (no token).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_support import TOKEN, make_client
from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with make_client() as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writable_client() -> Iterator[TestClient]:
    """A fresh app per module: what one module writes, no other module sees."""
    with make_client() as test_client:
        yield test_client


@pytest.fixture(scope="session")
def read_only_client() -> Iterator[TestClient]:
    with make_client(write_token=None) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
