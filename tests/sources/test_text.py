"""Front matter and Markdown: metadata is split off, prose is kept word for word."""

from __future__ import annotations

import pytest

from kg.sources.text import parse_front_matter, strip_markdown


@pytest.mark.parametrize(
    ("text", "meta", "body"),
    [
        pytest.param("Isi berita", {}, "Isi berita", id="none"),
        pytest.param(
            '---\nurl: https://x.id/a\ntitle: "Batam: kota"\n---\nIsi',
            {"url": "https://x.id/a", "title": "Batam: kota"},
            "Isi",
            id="quoted-colon",
        ),
        pytest.param(
            "\ufeff---\nLanguage: id\n---\nIsi", {"language": "id"}, "Isi", id="bom-and-case"
        ),
        pytest.param(
            "---  \nsource: 'A'\nnot a key line\n---\t\nIsi\n---\nlagi",
            {"source": "A"},
            "Isi\n---\nlagi",
            id="trailing-space-and-later-rule",
        ),
        pytest.param("Teks\n---\na: b\n---\n", {}, "Teks\n---\na: b\n---\n", id="not-at-top"),
        pytest.param("---\nunclosed: yes\nIsi", {}, "---\nunclosed: yes\nIsi", id="unclosed"),
    ],
)
def test_front_matter(text: str, meta: dict[str, str], body: str) -> None:
    assert parse_front_matter(text) == (meta, body)


@pytest.mark.parametrize(
    ("markdown", "prose"),
    [
        pytest.param("# Judul\nIsi", "Judul\nIsi", id="heading"),
        pytest.param("**Wali Kota** dan __Konjen__", "Wali Kota dan Konjen", id="bold"),
        pytest.param("kata *miring* saja", "kata miring saja", id="italic"),
        pytest.param("lihat [Batam](https://x.id/b)", "lihat Batam", id="link"),
        pytest.param("![foto Batam](a.png)", "foto Batam", id="image"),
        pytest.param("> kutipan\n- satu\n* dua", "kutipan\nsatu\ndua", id="quote-and-list"),
        pytest.param("a\n```\nkode\n```\nb", "a\n\nb", id="code-block"),
        pytest.param("2 * 3 * 4 = 24", "2 * 3 * 4 = 24", id="arithmetic-kept"),
    ],
)
def test_strip_markdown(markdown: str, prose: str) -> None:
    assert strip_markdown(markdown) == prose
