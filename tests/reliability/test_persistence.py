"""Persistence: a restarted server finds everything; a full disk leaves a clear message
and a store that still opens with every complete article intact."""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .support import (
    TOKEN,
    Snapshot,
    article_graphs,
    partial_graphs,
    record,
    run_bikg,
    snapshot,
    start_server,
    variant_records,
    write_variants,
)

pytestmark = pytest.mark.server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
QUERY = (
    "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?a ?t WHERE { ?a a bkg:Article ; rdfs:label ?t } ORDER BY ?a ?t"
)


def _state(url: str) -> tuple[dict, dict]:
    stats = httpx.get(f"{url}/api/stats", timeout=60).json()
    rows = httpx.get(
        f"{url}/sparql",
        params={"query": QUERY},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    ).json()["results"]["bindings"]
    return stats, rows


def test_a_restarted_server_finds_everything(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    posted = variant_records(12, prefix="persist")
    with start_server(store, tmp_path) as server:
        for body in posted[:10]:
            response = httpx.post(
                f"{server.url}/api/articles", json=body, headers=AUTH, timeout=120
            )
            assert response.status_code == 201, response.text
        before = _state(server.url)
    assert before[0]["articles"] == 10

    # A gentle stop (SIGTERM), then a restart on the same folder.
    with start_server(store, tmp_path) as server:
        assert _state(server.url) == before
        # Two more, acknowledged, then SIGKILL: acknowledged writes must survive too.
        for body in posted[10:]:
            response = httpx.post(
                f"{server.url}/api/articles", json=body, headers=AUTH, timeout=120
            )
            assert response.status_code == 201, response.text
        after_posts = _state(server.url)
        server.stop(signal.SIGKILL)

    with start_server(store, tmp_path) as server:
        assert _state(server.url) == after_posts
        assert after_posts[0]["articles"] == 12
    record(
        "persistence_restart",
        {"restarts": 2, "articles_kept": 12, "sigkill_after_acknowledged_writes": 1},
    )


# -- a full disk -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs mounted at a temporary folder (root only), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command to make a small disk")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs (needs root): {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _resize(mount: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(mount)], check=True)


def _used_kib(mount: Path) -> int:
    usage = shutil.disk_usage(mount)
    return usage.used // 1024


@pytest.mark.slow
def test_a_full_disk_is_a_clear_error_and_keeps_complete_articles(
    small_disk: Path, tmp_path: Path, frozen_code: Path
) -> None:
    first = write_variants(tmp_path / "first", 64, prefix="f")
    second = write_variants(tmp_path / "second", 192, prefix="s")
    reference_dir = tmp_path / "reference"
    done = run_bikg(
        "-q",
        "ingest",
        "--store",
        str(reference_dir),
        str(first[0].parent),
        str(second[0].parent),
        cwd=tmp_path,
        code=frozen_code,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    reference: Snapshot = snapshot(reference_dir)

    store = small_disk / "store"
    done = run_bikg(
        "-q", "ingest", "--store", str(store), str(first[0].parent), cwd=tmp_path, code=frozen_code
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Leave about a megabyte: the next batch of 64 articles needs several.
    _resize(small_disk, f"{_used_kib(small_disk) + 1024}k")
    full = run_bikg(
        "-q", "ingest", "--store", str(store), str(second[0].parent), cwd=tmp_path, code=frozen_code
    )
    assert full.returncode == 3, (full.returncode, full.stderr[-2000:])
    assert "Traceback" not in full.stderr
    assert "the disk under the store is full" in full.stderr
    assert "free some space and run the command again" in full.stderr

    _resize(small_disk, "256m")
    found = snapshot(store)  # opens
    assert not partial_graphs(found, reference)
    kept = len(article_graphs(found))
    assert kept >= 64, "the articles stored before the disk filled up are gone"

    rerun = run_bikg(
        "-q", "ingest", "--store", str(store), str(second[0].parent), cwd=tmp_path, code=frozen_code
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    final = snapshot(store)
    assert sorted(final) == sorted(reference)
    assert not partial_graphs(final, reference)
    record(
        "persistence_full_disk",
        {
            "exit_code": full.returncode,
            "articles_kept_when_full": kept,
            "articles_after_rerun": len(article_graphs(final)),
            "message": full.stderr.strip().splitlines()[-1],
        },
    )
