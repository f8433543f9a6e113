from __future__ import annotations

import pytest
from extract_support import article, objects

from kg.extract import extract
from kg.extract.model import IRI


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param(
            "Makassar telah memiliki hubungan kota kembar dengan Kota Songkhla, Thailand.",
            "id",
            id="id-already-has",
        ),
        pytest.param(
            "Semarang already has sister-city ties with Brisbane.", "en", id="en-already-has"
        ),
    ],
)
def test_an_existing_tie_is_signed(text: str, lang: str) -> None:
    x = extract(article(text, lang))
    statuses = [
        v for k in x.nodes if k.startswith("agreement/") for v in objects(x, k, "bkg:status")
    ]
    assert statuses
    assert all(v == IRI("bkg:Signed") for v in statuses)
