"""Fixtures shared by the package tests: the seed article, a small corpus, live servers."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium_path, launch
from oxigraph_server import running_oxigraph
from virtuoso_server import Virtuoso, require_virtuoso, running_virtuoso

from kg.api.process import served
from kg.knowledge import KnowledgeGraph
from kg.sources import Article, read_path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "batam-xiangyang-sister-city.id.txt"


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    # --doctest-modules would import every conftest.py as a module named "conftest",
    # and the second one (tests/api, tests/extract) clashes with the first ("import
    # file mismatch"). They hold fixtures, not examples; pytest still loads them as
    # conftests.
    return True if collection_path.name == "conftest.py" else None


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article() -> Article:
    [article] = read_path(SEED)
    assert isinstance(article, Article)
    return article


# -- live servers ------------------------------------------------------------------------
#
# `live_server` runs `bikg serve` in a subprocess on a free 127.0.0.1 port, with a
# memory store loaded from data/articles and the write token TEST_TOKEN, and yields its
# base URL. Each xdist worker that needs it starts its own (free port per worker); group
# tests on one worker with @pytest.mark.xdist_group("live_server") to start it once.
# `server_factory` starts more servers with other settings (a context manager).


#: The bearer token of the servers the fixtures start.
TEST_TOKEN = "test-write-token"


@contextlib.contextmanager
def run_server(*, load: bool = True, timeout: float = 120.0, **settings: Any) -> Iterator[str]:
    """Start `bikg serve --store memory:` with BIKG_<NAME> settings; yield its base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BIKG_")}
    env.update({"BIKG_WRITE_TOKEN": TEST_TOKEN, "BIKG_WORKERS": "2"})
    env.update({f"BIKG_{k.upper()}": str(v) for k, v in settings.items() if v is not None})
    for key in [k for k, v in settings.items() if v is None]:
        env.pop(f"BIKG_{key.upper()}", None)
    args = ["--store", "memory:", *(["--load", str(ARTICLES)] if load else [])]
    with served(args, env=env, cwd=ROOT, timeout=timeout) as server:
        yield server.url


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Base URL of a live server over data/articles (write token: ``TEST_TOKEN``)."""
    with run_server() as url:
        yield url


@pytest.fixture(scope="session")
def server_factory() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """``with server_factory(query_timeout=1, load=False) as url: ...``"""
    return run_server


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A live Virtuoso on free 127.0.0.1 ports; ``.sparql_url`` takes queries and updates.

    Skipped where the Debian package is missing; a failure under ``CI=true``. Group its
    tests with @pytest.mark.xdist_group("virtuoso") to start it once.
    """
    require_virtuoso()
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a live ``oxigraph serve`` (no union default graph)."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def write_token() -> str:
    return TEST_TOKEN


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The sample inputs of the source readers: tests/data/sources/."""
    return Path(__file__).resolve().parent / "data" / "sources"


@pytest.fixture(scope="module")
def seed_kg(seed_path: Path) -> Iterator[KnowledgeGraph]:
    """An in-memory knowledge graph holding the seed article (shared by one module)."""
    with KnowledgeGraph.open("memory:") as kg:
        summary = kg.ingest([seed_path], workers=1)
        assert summary.stored == 1, str(summary)
        yield kg


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium per test module, shared by every browser test in it.

    One fixture, so two sync Playwright instances never live in one process (they cannot);
    per module, because sync Playwright keeps an asyncio loop running in the main thread,
    which would break any later test of the same worker that calls ``asyncio.run``.
    """
    if chromium_path() is None:
        pytest.skip("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
