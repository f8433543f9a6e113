"""The synthetic corpus: deterministic, realistic enough, and its expected facts are found."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.bench.corpus import Ranked, citations, generate, read_corpus, write_corpus
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


def test_popularity_is_head_heavy_on_a_small_corpus() -> None:
    counts = citations(g.gold for g in generate(1_000, seed=42))
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] >= 300  # the most cited entity is in a third of the articles
    assert sorted(ranked)[len(ranked) // 2] <= 5  # and the typical one in a few
    agreements = [n for key, n in counts.most_common() if key.startswith("agreement:")]
    assert agreements[0] >= 50
    assert sum(1 for n in agreements if n == 1) >= len(agreements) // 3


def test_a_partnership_keeps_its_agreement_kind_and_mayors() -> None:
    # The same story told many times names the same agreement and the same office holders.
    kinds: dict[tuple[str, ...], set[str]] = {}
    told: Counter[tuple[str, ...]] = Counter()
    mayors: dict[str, set[str]] = {}
    for item in generate(400, seed=42):
        [agreement] = item.gold["agreements"]
        parties = tuple(agreement["parties"])
        kinds.setdefault(parties, set()).add(agreement["type"])
        told[parties] += 1
        for post in item.gold["posts"]:
            if post["role"] == "Mayor":
                mayors.setdefault(post["jurisdiction"], set()).add(post["holder"])
    assert told.most_common(1)[0][1] >= 20
    assert all(len(v) == 1 for v in kinds.values())
    assert all(len(v) == 1 for v in mayors.values())


def test_zipf_law_of_ranked_items() -> None:
    ranked = Ranked([f"item{i}" for i in range(100)], exponent=1.0)
    assert ranked.share(0) == pytest.approx(2 * ranked.share(1))
    assert ranked.share(0) == pytest.approx(10 * ranked.share(9))
    assert sum(ranked.share(i) for i in range(100)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="nothing to rank"):
        Ranked([])


@pytest.mark.slow
def test_ten_thousand_articles_have_an_entity_in_two_thousand() -> None:
    counts = citations(g.gold for g in generate(10_000, seed=42))
    (_, top), *_ = counts.most_common(1)
    assert top >= 2_000
    people = [n for key, n in counts.most_common() if key.startswith("person:")]
    assert people[0] >= 1_000  # an official in a tenth of the news
    assert sorted(counts.values())[len(counts) // 2] <= 5
