"""Fixtures for the source reader tests: the sample inputs in tests/data/sources/."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "sources"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
