from __future__ import annotations

import pytest

from kg.extract import extract
from kg.resolve.coref import resolve_names
from kg.sources.model import Article


@pytest.mark.parametrize(
    ("names", "short", "full"),
    [
        pytest.param(["Zhang Min", "Zhang"], "Zhang", "Zhang Min", id="surname"),
        pytest.param(["Eri Cahyadi", "Eri"], "Eri", "Eri Cahyadi", id="given-name"),
        pytest.param(
            ["Andi Baso Rahman", "Andi Baso"], "Andi Baso", "Andi Baso Rahman", id="two-of-three"
        ),
        pytest.param(["Zhang", "Zhang Min"], "Zhang", "Zhang Min", id="short-form-first"),
        pytest.param(
            ["Wang Hongbo", "Zhang Min", "Wang"], "Wang", "Wang Hongbo", id="among-others"
        ),
    ],
)
def test_short_forms(names: list[str], short: str, full: str) -> None:
    assert resolve_names(names)[short] == full


def test_most_recent_full_name_wins() -> None:
    names = ["Budi Santoso", "Budi Hartono", "Budi"]
    assert resolve_names(names)["Budi"] == "Budi Hartono"


def test_unrelated_names_stay() -> None:
    assert resolve_names(["Zhang Min", "Amsakar"])["Amsakar"] == "Amsakar"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Konsul Jenderal Tiongkok di Medan, Zhang Min, tiba. Konjen Zhang lalu bertemu warga.",
            id="titled-short-form",
        ),
        pytest.param(
            "Gubernur Sumatera Utara, Rahmat Siregar, hadir. "
            "“Kami siap bekerja sama,” kata Rahmat.",
            id="speech-short-form",
        ),
    ],
)
def test_article_level_coreference(text: str) -> None:
    x = extract(Article(text=text, language="id"))
    people = [n for n in x.nodes.values() if n.kind == "Person"]
    assert len(people) == 1
    assert len(people[0].label.split()) == 2
