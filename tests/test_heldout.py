"""The extractor's floor on the held-out articles, written apart from the rules.

The development corpus is what the rules were written against; this set was written
separately, so it is the better guess of quality on unseen news. The floor sits a
little under the measured score to catch regressions, not to certify quality.
"""

from __future__ import annotations

from pathlib import Path

from kg.evaluate import evaluate

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
MICRO_FLOOR = 0.86


def test_heldout_quality_floor() -> None:
    report = evaluate(HELDOUT / "articles", HELDOUT / "gold")
    print(report.format_table())
    assert report.articles == 18
    assert report.micro.f1 >= MICRO_FLOOR, report.format_table()
