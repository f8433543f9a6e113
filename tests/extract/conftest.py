"""Fixtures for the extractor tests."""

from __future__ import annotations

import pytest
from extract_support import SEED

from kg.evaluate import read_article
from kg.extract import Extraction, extract
from kg.sources.model import Article


@pytest.fixture(scope="session")
def seed_article() -> Article:
    found = read_article(SEED)
    assert found is not None
    return found


@pytest.fixture(scope="session")
def seed(seed_article: Article) -> Extraction:
    return extract(seed_article)
