"""The PFSA-ID scorer: rebuilding articles from BILOU tokens, reading the gold, scoring.

The fixture ``tests/data/pfsa/tiny.txt`` is written for these tests in the corpus' format.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.pfsa import count_articles, name_words, read_pfsa, score_pfsa, spans

TINY = Path(__file__).resolve().parent / "data" / "pfsa" / "tiny.txt"


def test_articles_split_at_each_lead() -> None:
    assert count_articles(TINY) == 2
    first, second = read_pfsa(TINY)
    assert first.text.startswith("MEDAN, KOMPAS — Wali Kota Medan")
    assert second.text.startswith("BANDUNG, KOMPAS — Hujan turun.")


def test_quote_left_at_sentence_end_opens_the_next_paragraph() -> None:
    first = next(read_pfsa(TINY))
    assert (
        "pasar itu aman.\n\n”Kami menjaga pasar setiap malam. Semua petugas siaga,” kata Roland."
        in (first.text)
    )


def test_gold_names_lose_ranks_and_pairs_link_role_and_holder() -> None:
    first, second = read_pfsa(TINY)
    assert first.persons == {("roland", "manurung"), ("sari", "dewi")}
    assert (("roland", "manurung"), ("kepala", "unit", "reserse", "kriminal")) in first.pairs
    assert (("sari", "dewi"), ("ketua", "paguyuban")) in first.pairs
    assert second.persons == {("budi", "santoso")}


def test_statement_speaker_resolves_short_form_and_spans_sentences() -> None:
    first, second = read_pfsa(TINY)
    (quote,) = first.statements
    assert quote.direct
    assert quote.speaker == ("roland", "manurung")
    said = first.text[quote.start : quote.end]
    assert said.startswith("”Kami")
    assert said.endswith("siaga,”")
    assert second.statements[0].speaker == ("budi", "santoso")


def test_spans_accept_unit_and_stray_inside_tags() -> None:
    tagged = [("a", "U-CUE"), ("b", "I-ROLE"), ("c", "L-ROLE"), ("d", "O")]
    assert [(s.label, s.start, s.end) for s in spans(tagged)] == [("CUE", 0, 1), ("ROLE", 1, 3)]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        pytest.param("Kombes Pol Yusri Yunus", ("yusri", "yunus"), id="police-rank"),
        pytest.param("Komisaris Besar Mokhamad Ngajib", ("mokhamad", "ngajib"), id="long-rank"),
        pytest.param("Prof. Dr. H. Ahmad Sani", ("ahmad", "sani"), id="honorifics"),
        pytest.param("Komisaris", ("komisaris",), id="rank-alone-is-kept"),
    ],
)
def test_name_words_strip_ranks_and_honorifics(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name, strip=True) == words


def test_scores_count_every_gold_item() -> None:
    report = score_pfsa(TINY, keep_misses=True)
    assert report.articles == 2
    assert report.person_recall.total == 3
    assert report.pair_recall.total == 2
    assert report.statement_recall.total == 2
    assert report.by_kind["direct"].total == 2
    # every miss is listed with the line where its article starts
    missed = report.person_recall.total - report.person_recall.hit
    assert sum(1 for m in report.misses if " person " in m) == missed
    assert "person recall" in report.format_table()


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Kata\tO\nrusak\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.txt:2"):
        list(read_pfsa(bad))


def test_cli_scores_a_pfsa_file(capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import main

    try:
        main(["eval", "--pfsa", str(TINY), "--errors"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr().out
    assert code == 0
    assert "articles                      2" in out
    assert "person-title pair recall" in out
