"""Articles per second of :func:`kg.extract.extract` on one core.

Runs the development corpus repeated to about 1000 articles, after one warm-up pass
(the gazetteer is built once per process). Prints the figure; not a test.

    .venv/bin/python benchmarks/extract_speed.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kg.evaluate import read_article
from kg.extract import extract

ROOT = Path(__file__).resolve().parents[1]


def main(target: int = 1000) -> None:
    articles = []
    for path in sorted((ROOT / "data" / "articles").iterdir()):
        try:
            found = read_article(path)
        except Exception as exc:  # noqa: BLE001 - a benchmark skips what it cannot read
            print(f"skip {path.name}: {exc}", file=sys.stderr)
            continue
        if found is not None:
            articles.append(found)
    if not articles:
        print("no articles")
        return
    for a in articles:
        extract(a)
    batch = (articles * (target // len(articles) + 1))[:target]
    size = sum(len(a.text) for a in batch) / len(batch)
    started = time.perf_counter()
    cpu = time.process_time()
    for a in batch:
        extract(a)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(
        f"{len(batch)} articles (mean {size:.0f} chars): {len(batch) / elapsed:.0f} articles/s "
        f"wall clock, {len(batch) / cpu:.0f} articles/s of CPU time on one core"
    )


if __name__ == "__main__":
    main()
