"""In-process API fixtures: apps over memory stores loaded with a few articles.

``client`` is shared by the whole session and must not be written to; tests that write
use ``writable_client`` (a fresh app per module) or ``read_only_client`` (no token).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kg.api.app import create_app
from kg.config import Settings
from kg.knowledge import KnowledgeGraph

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
SAMPLE = [
    "batam-xiangyang-sister-city.id.txt",
    "batam-xiangyang-surat-pernyataan-kehendak.id.txt",
    "konjen-tiongkok-temui-gubernur-sumut.id.txt",
    "makassar-changwon-kota-kembar.id.txt",
    "surabaya-kitakyushu-kota-kembar.id.txt",
]
TOKEN = "in-process-token"


def make_client(**overrides: object) -> TestClient:
    settings = Settings(store="memory:", write_token=TOKEN, workers=1).model_copy(update=overrides)
    kg = KnowledgeGraph.open(settings=settings)
    summary = kg.ingest([ARTICLES / name for name in SAMPLE], workers=1)
    assert summary.ok, str(summary)
    return TestClient(create_app(settings, kg), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    with make_client() as test_client:
        yield test_client


@pytest.fixture(scope="module")
def writable_client() -> Iterator[TestClient]:
    with make_client() as test_client:
        yield test_client


@pytest.fixture(scope="session")
def read_only_client() -> Iterator[TestClient]:
    with make_client(write_token=None) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
