"""Readers: every format gives articles, every bad input an error naming file, line and reason."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import Article, discover, read_bytes, read_path, read_paths


def one_article(path: Path) -> Article:
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_text_with_front_matter(data_dir: Path) -> None:
    article = one_article(data_dir / "front-matter.txt")
    assert article.url == "https://example.com/news/batam-medan"
    assert article.title == "Wali Kota Batam Terima Konjen Tiongkok"
    assert article.published == date(2025, 4, 22)
    assert article.language == "id"
    assert article.source == "Contoh News"
    assert article.text.startswith("Wali Kota Batam, Amsakar Achmad, menerima")
    assert "---" not in article.text
    assert article.origin == str(data_dir / "front-matter.txt")


def test_markdown_is_reduced_to_prose(data_dir: Path) -> None:
    article = one_article(data_dir / "article.md")
    assert article.title == "Kunjungan ke Xiangyang"
    assert "Wali Kota Batam Amsakar Achmad diundang ke Xiangyang." in article.text
    for markup in ("**", "](", "# ", "> ", "```", "kode ini"):
        assert markup not in article.text


def test_json_article(data_dir: Path) -> None:
    article = one_article(data_dir / "article.json")
    assert article.url == "https://example.com/news/json"
    assert article.published == date(2025, 4, 21)
    assert article.source == "JSON Daily"


def test_json_lines_report_bad_lines_by_number(data_dir: Path) -> None:
    path = data_dir / "feed.jsonl"
    items = list(read_path(path))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, SourceError)]
    assert [a.url for a in articles] == [
        "https://example.com/feed/1",
        "https://example.com/feed/2",
        "https://example.com/feed/6",
    ]
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:6"]
    assert [(e.origin, e.reason.split(":")[0]) for e in errors] == [
        (f"{path}:3", "malformed JSON"),
        (f"{path}:4", "field 'text' is missing"),
    ]


def test_html_page(data_dir: Path) -> None:
    assert one_article(data_dir / "page.html").source == "Berita Kepri"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        pytest.param("empty.txt", "empty file", id="empty"),
        pytest.param("whitespace.txt", "empty file", id="whitespace-only"),
        pytest.param("binary.txt", "binary data", id="binary"),
        pytest.param("invalid-utf-8.txt", "invalid UTF-8", id="invalid-utf-8"),
        pytest.param("notes.docx", "unknown extension '.docx'", id="unknown-extension"),
        pytest.param("missing.txt", "cannot read", id="missing-file"),
    ],
)
def test_bad_files(data_dir: Path, name: str, reason: str) -> None:
    [error] = read_path(data_dir / name)
    assert isinstance(error, SourceError)
    assert error.origin == str(data_dir / name)
    assert reason in error.reason


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        pytest.param("latin-1.txt", "rencontré le consul général", id="latin-1"),
        pytest.param("utf-16.txt", "“sister city”", id="utf-16"),
    ],
)
def test_other_encodings(data_dir: Path, name: str, fragment: str) -> None:
    assert fragment in one_article(data_dir / name).text


def test_text_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Batam dan Xiangyang. " * 100_000)  # 2.1 MB
    [error] = read_path(big)
    assert isinstance(error, SourceError)
    assert "over the limit of 2,000,000" in error.reason
    [small] = read_path(big, max_bytes=3_000_000)
    assert isinstance(small, Article)


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(9_000)
    [error] = read_path(big, max_bytes=2_000)
    assert isinstance(error, SourceError)
    assert "file is 9,000 bytes" in error.reason


def test_json_lines_limit_applies_per_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [{"text": "x" * 1_500, "url": f"https://x.id/{i}"} for i in range(5)]
    lines[2]["text"] = "y" * 2_500
    feed.write_text("\n".join(json.dumps(line) for line in lines))
    items = list(read_path(feed, max_bytes=2_000))
    assert [type(i).__name__ for i in items] == ["Article"] * 2 + ["SourceError"] + ["Article"] * 2
    assert items[2].origin == f"{feed}:3"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param("[1, 2]", "expected a JSON object, got list", id="list"),
        pytest.param('{"text": "a",}', "malformed JSON", id="trailing-comma"),
        pytest.param("[" * 5_000 + "]" * 5_000, "nested 5000 levels deep", id="deep-nesting"),
    ],
)
def test_bad_json(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content)
    [error] = read_path(path)
    assert isinstance(error, SourceError)
    assert reason in error.reason


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads unreadable files"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Batam")
    path.chmod(0)
    [error] = read_path(path)
    assert isinstance(error, SourceError)
    assert "cannot read: Permission denied" in error.reason


def test_folders_are_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("Satu")
    (tmp_path / "b" / "deep" / "c.md").write_text("Dua")
    (tmp_path / "b" / "skip.csv").write_text("not an article")
    (tmp_path / ".hidden" / "d.txt").write_text("Tersembunyi")
    (tmp_path / "b" / ".e.txt").write_text("Tersembunyi")
    found = [p for p in discover([tmp_path]) if isinstance(p, Path)]
    assert found == [tmp_path / "a.txt", tmp_path / "b" / "deep" / "c.md"]
    assert [a.text for a in read_paths([tmp_path]) if isinstance(a, Article)] == ["Satu", "Dua"]


def test_missing_paths_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Satu")
    items = list(read_paths([tmp_path / "nope", tmp_path / "a.txt"]))
    assert isinstance(items[0], SourceError)
    assert items[0].reason == "no such file or folder"
    assert isinstance(items[1], Article)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_special_file_is_not_a_regular_file() -> None:
    [error] = discover(["/dev/null"])
    assert isinstance(error, SourceError)
    assert error.reason == "not a regular file"


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        pytest.param(b"Wali Kota Batam hadir.", ["Article"], id="text"),
        pytest.param(
            b'{"text": "a"}\n{"text": "b"}\nnope\n',
            ["Article", "Article", "SourceError"],
            id="json-lines",
        ),
        pytest.param(b"  \n", ["SourceError"], id="empty"),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, kinds: list[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_paths(["-"]))
    assert [type(i).__name__ for i in items] == kinds
    assert all(i.origin.startswith("<stdin>") for i in items)


def test_read_bytes_with_an_explicit_kind() -> None:
    [article] = read_bytes(b'{"text": "Batam", "url": "https://x.id/1"}', "api", ".json")
    assert isinstance(article, Article)
    assert article.url == "https://x.id/1"


def test_read_errors_become_source_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs as root too, where chmod 0 does not stop reading.
    path = tmp_path / "secret.txt"
    path.write_text("Batam")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [error] = read_paths([path])
    assert isinstance(error, SourceError)
    assert error.reason == "cannot read: Permission denied"
