"""The extractor as declared stages: switching one off, timing each, the order they run in."""

from __future__ import annotations

import pytest
from extract_support import article

from kg.errors import InvalidParameterError
from kg.extract import STAGES, extract
from kg.extract.pipeline import analyse

TEXT = (
    "MEDAN - Wali Kota Medan Bobby Nasution menerima kunjungan Konsul Jenderal Tiongkok di "
    "Medan Zhang Min, Senin (21/4/2025). Kota Medan dan Kota Ichikawa menandatangani nota "
    'kesepahaman kerja sama kota kembar. "Kerja sama ini membuka peluang investasi," kata '
    "Bobby. Pemerintah Kota Medan juga menggandeng perusahaan PT Sinar Mas."
)


def _kinds(x: object) -> set[str]:
    return {n.kind for n in x.nodes.values()}  # type: ignore[attr-defined]


def test_every_stage_runs_by_default() -> None:
    x = extract(article(TEXT))
    assert {"Person", "Statement"} <= _kinds(x)
    assert any(e.predicate == "org:holds" for e in x.edges)


def test_switching_off_statements_removes_them_and_keeps_the_rest() -> None:
    full = extract(article(TEXT))
    without = extract(article(TEXT), disable={"statements"})
    assert "Statement" in _kinds(full)
    assert "Statement" not in _kinds(without)
    # every node of another kind is still there, with the same key
    kept = {k for k, n in full.nodes.items() if n.kind != "Statement"}
    assert kept <= set(without.nodes)
    assert len(without.nodes) == len(kept)


def test_switching_off_a_reading_stage_changes_what_the_builders_see() -> None:
    kinds = ("GovernmentBody", "Company")
    assert set(kinds) <= _kinds(extract(article(TEXT)))
    without = extract(article(TEXT), disable={"org_mentions", "company_mentions"})
    assert not [n for n in without.nodes.values() if n.kind in kinds]
    assert "person/bobby-nasution" in without.nodes


def test_switching_off_posts_leaves_people_without_posts() -> None:
    x = extract(article(TEXT), disable={"posts"})
    assert "person/bobby-nasution" in x.nodes
    assert not any(e.predicate == "org:holds" for e in x.edges)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("quote", "no extraction stage 'quote'", id="unknown"),
        pytest.param("mentions", "'mentions' cannot be switched off", id="required"),
    ],
)
def test_a_stage_that_cannot_be_switched_off_is_named(name: str, message: str) -> None:
    with pytest.raises(InvalidParameterError, match=message):
        extract(article(TEXT), disable={name})


def test_each_stage_is_timed_in_order() -> None:
    seen: list[tuple[str, float]] = []
    extract(article(TEXT), on_stage=lambda name, seconds: seen.append((name, seconds)))
    assert [name for name, _ in seen] == [s.name for s in STAGES]
    assert all(seconds >= 0 for _, seconds in seen)


def test_a_switched_off_stage_is_not_timed() -> None:
    seen: list[str] = []
    extract(article(TEXT), disable={"events"}, on_stage=lambda name, _: seen.append(name))
    assert "events" not in seen
    assert "statements" in seen


def test_analyse_runs_the_reading_stages_only() -> None:
    ctx = analyse(article(TEXT), "id")
    assert ctx.sentences
    assert ctx.mentions
    assert ctx.dateline is not None
    assert ctx.out.nodes == {}
    assert analyse(article(TEXT), "id", disable={"dateline"}).dateline is None
