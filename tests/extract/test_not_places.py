"""Honorifics that GeoNames also lists as places are read as part of a name, not a place."""

from __future__ import annotations

import pytest
from extract_support import article

from kg.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Also present was Permanent Secretary Dayang Nur Amalina binti Haji Osman.",
            id="dayang",
        ),
        pytest.param(
            "Pengiran Muda Abdul Qawi met the delegation in Bandar Seri Begawan.", id="pengiran"
        ),
    ],
)
def test_honorific_is_not_a_place(text: str) -> None:
    x = extract(article(text, "en"))
    places = {n.label for n in x.nodes.values() if n.kind in ("City", "Province", "Country")}
    assert not {"Dayang", "Pengiran"} & places
