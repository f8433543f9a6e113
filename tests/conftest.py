"""Fixtures shared by the package tests: the seed article and a small corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.sources import Article, read_path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "batam-xiangyang-sister-city.id.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article() -> Article:
    [article] = read_path(SEED)
    assert isinstance(article, Article)
    return article
