from __future__ import annotations

import time

import pytest
from extract_support import article

from kg.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\n  ", id="blank"),
        pytest.param("%$#@!~^&*()_+" * 50, id="garbage"),
        pytest.param("Wali Kota " * 20000, id="100k-char-sentence"),
        pytest.param("Kota Batam &amp; Medan &nbsp; &#8220;kerja sama&#8221;", id="html-entities"),
        pytest.param(
            "Wali Kota Batam said the sister city plan akan dibahas.", id="mixed-language"
        ),
        pytest.param("Batam\x00\x07 Medan\x1b Kota\u200b Batam\ufeff", id="control-chars"),
        pytest.param("“unterminated quote " * 200, id="unbalanced-quotes"),
        pytest.param("A. " * 5000, id="many-initials"),
        pytest.param("(" * 3000 + ")" * 3000, id="brackets"),
    ],
)
def test_never_crashes_and_is_quick(text: str) -> None:
    started = time.perf_counter()
    x = extract(article(text, None))
    assert time.perf_counter() - started < 2.0
    assert x.language in ("id", "en", "und")
    for node in x.nodes.values():
        for ev in node.evidence:
            assert 0 <= ev.start <= ev.end


def test_every_cut_of_the_corpus_is_safe() -> None:
    """Articles cut anywhere (mid-word, mid-quote, after a cue) never crash the rules."""
    from pathlib import Path

    from kg.evaluate import read_article

    folder = Path(__file__).resolve().parents[2] / "data" / "articles"
    for path in sorted(folder.glob("*.txt"))[:12]:
        found = read_article(path)
        assert found is not None
        text = found.text
        for cut in range(40, len(text), 53):
            extract(article(text[:cut], found.language))
