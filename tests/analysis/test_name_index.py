"""Name search: normalisation and ranking, on hand-made indexes."""

from __future__ import annotations

import pytest

from kg.analysis.search import EXACT, FUZZY, PREFIX, WORD_PREFIX, NameIndex, normalize
from kg.errors import InvalidParameterError

NAMES = [
    ("country/cn", "China"),
    ("country/cn", "Tiongkok"),
    ("country/cn", "RRT"),
    ("country/cn", "Republik Rakyat Tiongkok"),
    ("city/chongqing", "Chongqing"),
    ("person/zhang-min", "Zhang Min"),
    ("person/min-ho", "Min-ho Lee"),
    ("city/surabaya", "Surabaya"),
    ("city/sao-paulo", "São Paulo"),
]


@pytest.fixture
def index() -> NameIndex:
    return NameIndex(NAMES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("São Paulo", "sao paulo"), ("  RRT ", "rrt"), ("Min-ho", "min ho"), ("ÉCOLE", "ecole")],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize("query", ["Tiongkok", "tiongkok", "china", "RRT", "rrt", "TIONGKOK"])
def test_every_name_of_china_finds_it_exactly(index: NameIndex, query: str) -> None:
    [first, *_] = index.search(query)
    assert first.id == "country/cn"
    assert first.score == EXACT


def test_bands_exact_prefix_word_prefix_fuzzy(index: NameIndex) -> None:
    # "ch": prefix of China and Chongqing; the shorter name is the closer match
    found = index.search("ch")
    assert [m.id for m in found] == ["country/cn", "city/chongqing"]
    assert PREFIX <= found[1].score < found[0].score < EXACT
    # "min": a word of "Zhang Min" and the first word of "Min-ho Lee"
    words = index.search("min")
    assert {m.id for m in words} == {"person/zhang-min", "person/min-ho"}
    assert words[0].id == "person/min-ho"  # a prefix of the whole name beats a word prefix
    assert WORD_PREFIX <= words[1].score < PREFIX
    # "surabya": a typo, found only by fuzzy matching
    [typo] = index.search("surabya")
    assert typo.id == "city/surabaya"
    assert typo.score < FUZZY


def test_accents_are_ignored_both_ways(index: NameIndex) -> None:
    assert index.search("sao paulo")[0].id == "city/sao-paulo"
    assert index.search("São")[0].matched == "São Paulo"


def test_one_result_per_node_with_its_best_name(index: NameIndex) -> None:
    found = index.search("tiongkok")
    assert [m.id for m in found] == ["country/cn"]
    assert found[0].matched == "Tiongkok"


def test_accept_filters_and_limit(index: NameIndex) -> None:
    found = index.search("ch", accept=lambda node: node.startswith("city/"))
    assert [m.id for m in found] == ["city/chongqing"]
    assert len(index.search("min", limit=1)) == 1
    with pytest.raises(InvalidParameterError):
        index.search("min", limit=0)


def test_empty_and_punctuation_only_queries(index: NameIndex) -> None:
    assert index.search("") == []
    assert index.search('"} UNION {') == []
