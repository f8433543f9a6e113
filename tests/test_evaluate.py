"""The extractor's quality floor on the development corpus, and the scoring itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import CATEGORIES, Report, Score, evaluate, norm, norm_company

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
GOLD = ROOT / "data" / "gold"


def test_score_arithmetic() -> None:
    s = Score(tp=8, fp=2, fn=2)
    assert s.precision == pytest.approx(0.8)
    assert s.recall == pytest.approx(0.8)
    assert s.f1 == pytest.approx(0.8)
    assert Score().f1 == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("PT Sinar Mas Tbk", "Sinar Mas", id="pt-tbk"),
        pytest.param("Hibiki Environmental Co., Ltd.", "Hibiki Environmental", id="co-ltd"),
        pytest.param("Camel Group", "Camel", id="group"),
    ],
)
def test_company_names_match_without_legal_form(a: str, b: str) -> None:
    assert norm_company(a) == norm_company(b)


def test_names_match_without_accents_and_case() -> None:
    assert norm("Xanana Gusmão") == norm("XANANA GUSMAO")


def test_format_table_lists_every_category() -> None:
    table = Report().format_table()
    for category in (*CATEGORIES, "micro overall"):
        assert category in table


@pytest.mark.skipif(not any(GOLD.glob("*.json")), reason="no gold annotations")
def test_quality_floor() -> None:
    report = evaluate(ARTICLES, GOLD)
    assert report.articles >= 1
    assert report.micro.f1 >= 0.90, report.format_table()
    for name, score in report.scores.items():
        assert score.f1 >= 0.80, f"{name}\n{report.format_table()}"
