"""Concurrency: readers keep getting whole, consistent answers while articles are
POSTed one by one through the API.

A writer thread adds up to 200 articles; four reader threads loop over /sparql and
/api/neighbors. Every response must be 200, no article graph may ever be seen without
its content hash, and each article graph must have the same number of triples every
time a reader sees it (a half-written article would show fewer).
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
import pytest

from .support import ARTICLE_PREFIX, TOKEN, record, start_server, variant_records

pytestmark = [pytest.mark.server, pytest.mark.slow]

ARTICLES = 200
READERS = 4
#: Bounds: the writer stops after this many seconds, whatever it has written.
WRITE_SECONDS = 150
SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
HASHLESS = (
    "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#> "
    "SELECT ?g WHERE { GRAPH ?g { ?a a bkg:Article } "
    "FILTER NOT EXISTS { GRAPH ?g { ?a bkg:contentHash ?h } } }"
)
JSON = {"Accept": "application/sparql-results+json"}


def _rows(response: httpx.Response) -> list[dict]:
    assert response.status_code == 200, response.text[:500]
    return response.json()["results"]["bindings"]


def test_readers_see_whole_articles_while_a_writer_posts(tmp_path: Path) -> None:
    records = variant_records(ARTICLES, prefix="conc")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with start_server(str(tmp_path / "store"), tmp_path) as server:
        client = httpx.Client(base_url=server.url, timeout=120)
        nodes = []
        for body in records[:3]:  # something to look at before the readers start
            response = client.post("/api/articles", json=body, headers=auth)
            assert response.status_code == 201, response.text[:500]
            nodes += response.json()["nodes"]
        places = [n["id"] for n in nodes if n["type"] in ("City", "Country", "Province")]
        center_id = (places or [n["id"] for n in nodes])[0]

        done = threading.Event()
        errors: list[str] = []
        served: Counter[str] = Counter()
        seen: dict[str, set[int]] = defaultdict(set)
        lock = threading.Lock()
        written = 3

        def writer() -> None:
            nonlocal written
            deadline = time.monotonic() + WRITE_SECONDS
            try:
                with httpx.Client(base_url=server.url, timeout=120) as http:
                    for body in records[3:]:
                        if time.monotonic() > deadline:
                            break
                        response = http.post("/api/articles", json=body, headers=auth)
                        if response.status_code != 201:
                            errors.append(f"POST {response.status_code}: {response.text[:300]}")
                            return
                        written += 1
            finally:
                done.set()

        def reader() -> None:
            with httpx.Client(base_url=server.url, timeout=120) as http:
                while not done.is_set():
                    try:
                        sizes = _rows(http.get("/sparql", params={"query": SIZES}, headers=JSON))
                        hashless = _rows(
                            http.get("/sparql", params={"query": HASHLESS}, headers=JSON)
                        )
                        around = http.get(f"/api/neighbors/{center_id}", params={"depth": 1})
                        assert around.status_code == 200, around.text[:500]
                        assert around.json()["nodes"], "the neighbourhood went empty"
                    except (AssertionError, httpx.HTTPError) as exc:
                        errors.append(f"{type(exc).__name__}: {exc}")
                        return
                    with lock:
                        served["sparql"] += 2
                        served["neighbors"] += 1
                        if hashless:
                            errors.append(f"article graphs without a hash: {hashless[:2]}")
                        for row in sizes:
                            if row["g"]["value"].startswith(ARTICLE_PREFIX):
                                seen[row["g"]["value"]].add(int(row["n"]["value"]))
                                served["article_graphs_checked"] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=writer)]
        threads += [threading.Thread(target=reader) for _ in range(READERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=WRITE_SECONDS + 300)
        seconds = time.monotonic() - started
        assert not any(t.is_alive() for t in threads), "a thread is stuck"
        assert not errors, (errors[:5], server.output()[-4000:])

        final = {
            row["g"]["value"]: int(row["n"]["value"])
            for row in _rows(client.get("/sparql", params={"query": SIZES}, headers=JSON))
        }
        client.close()
    torn = {g: sorted(n) for g, n in seen.items() if n != {final[g]}}
    assert not torn, f"article graphs seen with other sizes than their final one: {torn}"
    assert written >= 50, f"only {written} articles written in {WRITE_SECONDS} s"
    assert sum(1 for g in final if g.startswith(ARTICLE_PREFIX)) == written
    record(
        "concurrency",
        {
            "articles_posted": written,
            "readers": READERS,
            "sparql_requests": served["sparql"],
            "neighbors_requests": served["neighbors"],
            "requests_served": written + served["sparql"] + served["neighbors"],
            "article_graph_observations": served["article_graphs_checked"],
            "errors": len(errors),
            "seconds": round(seconds, 1),
        },
    )
