"""Fixtures of the browser tests: a live server over the development corpus plus the
injection article, one headless Chromium per session, and pages that may only talk to
127.0.0.1 (anything else is aborted and recorded, so a test can assert none was tried).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import ROOT, Watch, exclusive, guard, watch_page

from kg.api.process import served, stop

CORPUS = [ROOT / "data" / "articles", ROOT / "tests" / "data" / "articles"]

#: The generated store of the large-corpus browser tests: kept under var/ between local
#: runs (a stamp says it is complete), built once per session in a fresh clone (CI).
BIG_ARTICLES = 10_000
BIG_SEED = 42
BIG_DIR = ROOT / "var" / "test-web-10k"


def _bikg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``bikg serve`` over a store pre-loaded with the corpus."""
    store = tmp_path_factory.mktemp("web-store") / "store"
    env = {**os.environ, "BIKG_STORE": str(store), "PYTHONUNBUFFERED": "1"}
    env.pop("BIKG_WRITE_TOKEN", None)
    subprocess.run(
        _bikg("-q", "ingest", "--store", str(store), *map(str, CORPUS)),
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    with (
        (tmp_path_factory.mktemp("web-log") / "serve.log").open("w+b") as log,
        served(["--store", str(store)], env=env, cwd=ROOT, log=log, timeout=60) as server,
    ):
        yield server.url


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser: Any, watch: Watch) -> Iterator[Any]:
    ctx = browser.new_context(
        viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="en-GB"
    )
    guard(ctx, watch)
    ctx.on("page", lambda page: watch_page(page, watch))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any, watch: Watch) -> Iterator[Any]:
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    watch.assert_clean()


def _big_store(lock: int) -> Path:
    """Generate the 10,000-article bench corpus and ingest it (about 2 to 7 minutes on
    two cores), unless a complete store of the same size and seed is already there.

    Called with :func:`web_support.exclusive` held (``lock``). The ingest writes a fresh folder,
    runs in a process group of its own that is gone (workers too) before the store is
    used, keeps the lock while it lives (an ingest orphaned by a dying test worker still
    bars the next one), and only a finished store is renamed into place and stamped.
    """
    from kg.bench.corpus import write_corpus

    store = BIG_DIR / "store"
    stamp = BIG_DIR / "complete.json"
    wanted = {"articles": BIG_ARTICLES, "seed": BIG_SEED}
    if stamp.exists() and json.loads(stamp.read_text()) == wanted and store.exists():
        return store
    stamp.unlink(missing_ok=True)
    building = BIG_DIR / "building"
    shutil.rmtree(building, ignore_errors=True)
    articles = write_corpus(BIG_DIR / "corpus", BIG_ARTICLES, seed=BIG_SEED)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    ingest = subprocess.Popen(
        _bikg("-q", "ingest", "--store", str(building), "-j", "2", str(articles)),
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        pass_fds=(lock,),
    )
    try:
        _, errors = ingest.communicate(timeout=1800)
    finally:
        stop(ingest, signal.SIGKILL, grace=0)  # it has exited, or must: its group goes too
    # Exit 1 means some input failed; the views need the store, not every article of it.
    summary = re.search(r"(\d+) stored, \d+ unchanged, (\d+) failed", errors)
    assert ingest.returncode in (0, 1), errors[-3000:]
    assert summary is not None, errors[-3000:]
    assert int(summary.group(1)) >= 0.99 * BIG_ARTICLES, errors[-3000:]
    shutil.rmtree(store, ignore_errors=True)
    building.rename(store)
    stamp.write_text(json.dumps(wanted))
    return store


@pytest.fixture(scope="session")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``bikg serve`` over the generated 10,000-article store, built first if
    needed; the store stays locked against other builders and servers meanwhile."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("BIKG_WRITE_TOKEN", None)
    with (
        exclusive(BIG_DIR / "lock") as lock,
        (tmp_path_factory.mktemp("web-10k-log") / "serve.log").open("w+b") as log,
        served(
            ["--store", str(_big_store(lock))], env=env, cwd=ROOT, log=log, timeout=900
        ) as server,
    ):
        yield server.url
