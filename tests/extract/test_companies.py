"""Companies as news names them: country words kept, trailing places dropped, abbreviations
as aliases of one node."""

from __future__ import annotations

import pytest
from extract_support import article

from kg.extract import extract
from kg.extract.model import Extraction


def _companies(x: Extraction) -> dict[str, set[str]]:
    return {n.label: n.alt_labels for n in x.nodes.values() if n.kind == "Company"}


def test_a_country_word_inside_the_name_is_kept() -> None:
    x = extract(
        article(
            "Pemprov Sultra meneken nota kesepahaman dengan China Communications Construction "
            "Company di Kendari.",
            "id",
        )
    )
    assert "China Communications Construction" in _companies(x)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        pytest.param(
            "The port deal with CBH Group Australia was signed in Perth.", "en", "CBH", id="en"
        ),
        pytest.param(
            "Meridian Port Holdings Singapura menandatangani MoU dengan Pemprov Sultra.",
            "id",
            "Meridian Port",
            id="id",
        ),
    ],
)
def test_a_place_after_the_group_word_is_not_part_of_the_name(
    text: str, lang: str, name: str
) -> None:
    found = _companies(extract(article(text, lang)))
    assert name in found, found
    assert not any(label.endswith(("Australia", "Singapura")) for label in found)


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        pytest.param(
            "Pemprov Sultra meneken MoU dengan China Communications Construction Company "
            "(CCCC). Tim CCCC akan meninjau pelabuhan pekan depan.",
            "China Communications Construction",
            "CCCC",
            id="initials",
        ),
        pytest.param(
            "PT Semen Indonesia (Semindo) menandatangani kerja sama dengan Pemkot Kendari. "
            "Semindo akan membangun pabrik.",
            "Semen Indonesia",
            "Semindo",
            id="syllables",
        ),
        pytest.param(
            "PT Bukit Asam Tbk (PTBA) menandatangani kerja sama dengan Beibu Gulf Port Group. "
            "PTBA akan memperluas dermaga.",
            "Bukit Asam",
            "PTBA",
            id="with-legal-form",
        ),
    ],
)
def test_an_abbreviation_after_the_name_is_an_alias_of_one_node(
    text: str, name: str, alias: str
) -> None:
    x = extract(article(text, "id"))
    found = _companies(x)
    assert alias in found[name], found
    assert alias not in found
    assert not any(n.label == alias for n in x.nodes.values() if n.kind == "Organization")
    node = next(n for n in x.nodes.values() if n.kind == "Company" and n.label == name)
    # both sentences are evidence for the one company
    assert len({e.start for e in node.evidence}) == 2


def test_company_patterns() -> None:
    x = extract(
        article(
            "Investor seperti PT Sinar Mas Tbk, Hibiki Environmental Co., Ltd. dan Camel Group "
            "menanam modal. Perusahaan BYD juga hadir."
        )
    )
    companies = {n.label for n in x.nodes.values() if n.kind == "Company"}
    assert {"Sinar Mas", "Hibiki Environmental", "Camel", "BYD"} <= companies
