"""The synthetic corpus: deterministic, realistic enough, and its expected facts are found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.bench.corpus import generate, read_corpus, write_corpus
from kg.evaluate import Report, _score_article
from kg.extract import extract
from kg.resolve.gazetteer import gazetteer


def test_same_seed_same_corpus() -> None:
    first = [(g.article, g.gold) for g in generate(15, seed=3)]
    again = [(g.article, g.gold) for g in generate(15, seed=3)]
    assert first == again


def test_an_article_does_not_depend_on_its_neighbours() -> None:
    # Partitions generate article i on their own: it must not depend on articles before it.
    whole = list(generate(12, seed=5))
    tail = list(generate(4, seed=5, start=8))
    assert [g.article for g in whole[8:]] == [g.article for g in tail]


def test_other_seed_other_corpus() -> None:
    assert [g.article.text for g in generate(5, seed=1)] != [
        g.article.text for g in generate(5, seed=2)
    ]


def test_both_languages_and_about_three_kilobytes() -> None:
    items = list(generate(60, seed=42))
    assert {g.article.language for g in items} == {"id", "en"}
    sizes = [len(g.article.text.encode()) for g in items]
    assert 2_500 <= sum(sizes) / len(sizes) <= 3_800


def test_places_are_real_gazetteer_places() -> None:
    g = gazetteer()
    for item in generate(30, seed=42):
        for place in item.gold["places"]:
            found = g.resolve(place["name"], kind=place["type"])
            assert found is not None, place
            assert found.name in item.article.text or any(
                label in item.article.text for label in found.labels.values()
            ), place


def test_people_and_holders_are_written_in_the_text() -> None:
    for item in generate(30, seed=42):
        for person in item.gold["persons"]:
            assert person in item.article.text
        for post in item.gold["posts"]:
            assert post["holder"] in item.gold["persons"]


def test_write_and_read_back(tmp_path: Path) -> None:
    path = write_corpus(tmp_path, 8, seed=9)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8
    assert set(json.loads(lines[0])) >= {"text", "url", "title", "published", "language"}
    read = list(read_corpus(tmp_path))
    assert [a.text for a, _ in read] == [g.article.text for g in generate(8, seed=9)]
    assert read[0][1]["article"].startswith("bench-000000")


@pytest.mark.slow
def test_the_extractor_finds_the_expected_facts() -> None:
    report = Report()
    for item in generate(40, seed=42):
        report.articles += 1
        _score_article(extract(item.article), item.gold, report, item.gold["article"])
    micro = report.micro
    assert micro.precision >= 0.85, report.format_table()
    assert micro.recall >= 0.85, report.format_table()
    for category in ("persons", "places", "quote speakers"):
        assert report.scores[category].f1 >= 0.9, report.format_table()
