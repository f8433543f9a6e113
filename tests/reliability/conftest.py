"""Fixtures of the reliability suite: generated corpora, reference stores, live servers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kg.api.process import freeze_code

from .support import (
    Snapshot,
    clear_parts,
    merge_figures,
    run_bikg,
    snapshot,
    write_variants,
)

#: Articles in the crash test's batch.
CRASH_ARTICLES = 500


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the xdist controller, or no xdist
        clear_parts()


def pytest_sessionfinish(session: pytest.Session) -> None:
    merge_figures()


@pytest.fixture(scope="session")
def crash_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 500 distinct articles (corpus variants with their own URLs)."""
    folder = tmp_path_factory.mktemp("crash-corpus")
    write_variants(folder, CRASH_ARTICLES)
    return folder


@pytest.fixture(scope="session")
def frozen_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the code and its data that subprocesses import for the whole session."""
    return freeze_code(tmp_path_factory.mktemp("code"))


@pytest.fixture(scope="session")
def crash_reference(
    tmp_path_factory: pytest.TempPathFactory, crash_corpus: Path, frozen_code: Path
) -> tuple[Snapshot, float]:
    """The store one uninterrupted ``bikg ingest`` builds: its snapshot and duration."""
    work = tmp_path_factory.mktemp("crash-reference")
    store = work / "store"
    started = time.monotonic()
    done = run_bikg(
        "-q", "ingest", "--store", str(store), str(crash_corpus), cwd=work, code=frozen_code
    )
    seconds = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return snapshot(store), seconds
