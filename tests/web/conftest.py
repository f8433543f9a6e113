"""Fixtures of the browser tests: a live server over the development corpus plus the
injection article, one headless Chromium per session, and pages that may only talk to
127.0.0.1 (anything else is aborted and recorded, so a test can assert none was tried).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from web_support import CHROMIUM_ARGS, ROOT, Watch, chromium_path, guard, watch_page

CORPUS = [ROOT / "data" / "articles", ROOT / "tests" / "data" / "articles"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    port = _free_port()
    log = (tmp_path_factory.mktemp("web-log") / "serve.log").open("w")
    process = subprocess.Popen(
        _bikg("-q", "serve", "--store", str(store), "--port", str(port)),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"bikg serve exited with {process.returncode}; see {log.name}")
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"bikg serve did not answer within 60 s; see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: apt-get install chromium (or set BIKG_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
