"""HTML pages: trafilatura keeps the article and its metadata, drops the boilerplate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import read_path
from kg.sources.html import parse_html


def test_page_main_text_and_metadata(data_dir: Path) -> None:
    [article] = read_path(data_dir / "page.html")
    assert not isinstance(article, SourceError)
    assert "Zhang Min, bertemu Wali Kota Batam, Amsakar Achmad" in article.text
    assert "terbuka terhadap peluang kolaborasi" in article.text
    for boilerplate in ("Beranda", "Berita Terpopuler", "Harga cabai", "Pedoman Media Siber"):
        assert boilerplate not in article.text
    assert article.title == "Batam dan Xiangyang Jajaki Sister City"
    assert article.url == "https://beritakepri.example/2025/04/22/batam-xiangyang"
    assert article.published == date(2025, 4, 22)
    assert article.source == "Berita Kepri"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<html><body></body></html>", id="empty-body"),
        pytest.param("<html><body><script>var a = 1;</script></body></html>", id="script-only"),
    ],
)
def test_page_without_article_text(html: str) -> None:
    with pytest.raises(SourceError, match="no article text"):
        parse_html(html, "x.html")
