"""Turn paths (files, folders, ``-`` for stdin) into articles or per-item errors.

Readers never raise for one bad input: they yield a :class:`~kg.errors.SourceError`
in its place, so the rest of a batch still goes in.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.sources.decode import decode_bytes
from kg.sources.fields import make_article
from kg.sources.html import parse_html
from kg.sources.model import Article
from kg.sources.text import parse_front_matter, strip_markdown

__all__ = ["SUFFIXES", "discover", "read_bytes", "read_path", "read_paths"]

logger = logging.getLogger(__name__)

#: A file of glob patterns in a folder: what under it is not an article.
IGNORE_FILE = ".bikgignore"
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".ndjson")
#: Nesting deeper than this in a JSON article is refused rather than parsed.
_MAX_JSON_DEPTH = 64
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")

Item = Article | SourceError


def discover(paths: Iterable[str | Path]) -> Iterator[Path | SourceError]:
    """Expand folders recursively (sorted, hidden files skipped); check each path.

    A folder may hold an ``.bikgignore`` file of glob patterns, one a line, relative
    to that folder (``gold/`` for a whole folder, ``*.draft.txt``): matching files are not articles.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("b.txt", "a.md", ".hidden.txt", "notes.csv"):
    ...         _ = (Path(tmp) / name).write_text("Halo.")
    ...     [getattr(found, "name", str(found)) for found in discover([tmp, "no/such.txt"])]
    ['a.md', 'b.txt', 'no/such.txt: no such file or folder']
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "gold").mkdir()
    ...     _ = (Path(tmp) / "gold" / "a.json").write_text("{}")
    ...     _ = (Path(tmp) / "a.txt").write_text("Halo.")
    ...     _ = (Path(tmp) / ".bikgignore").write_text("# not articles" + chr(10) + "gold/")
    ...     [found.name for found in discover([tmp])]
    ['a.txt']
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield Path("-")
        elif path.is_dir():
            ignored = _ignore_patterns(path)
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                hidden = any(part.startswith(".") for part in relative.parts)
                if (
                    child.is_file()
                    and not hidden
                    and child.suffix.lower() in SUFFIXES
                    and not _ignored(relative.as_posix(), ignored)
                ):
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield SourceError(str(path), "not a regular file")
        else:
            yield SourceError(str(path), "no such file or folder")


def _ignore_patterns(folder: Path) -> list[str]:
    try:
        lines = (folder / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    patterns = []
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


def _ignored(relative: str, patterns: list[str]) -> bool:
    """``gold/`` ignores everything below gold; other patterns are fnmatch globs."""
    return any(
        relative.startswith(p) if p.endswith("/") else fnmatch(relative, p) for p in patterns
    )


def read_paths(paths: Iterable[str | Path], max_bytes: int = 2_000_000) -> Iterator[Item]:
    """Articles from every file under ``paths``, with an error in place of each bad one.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.txt").write_text("---\\ntitle: Halo\\n---\\nHalo Batam.")
    ...     _ = (Path(tmp) / "b.json").write_text('{"title": "no text"}')
    ...     [(item.title, item.text) if isinstance(item, Article) else str(item).split(": ")[1]
    ...      for item in read_paths([tmp])]
    [('Halo', 'Halo Batam.'), "field 'text' is missing"]
    """
    for found in discover(paths):
        if isinstance(found, SourceError):
            yield found
        else:
            yield from read_path(found, max_bytes)


def read_path(path: Path, max_bytes: int = 2_000_000) -> Iterator[Item]:
    """Articles from one file (``-`` reads standard input as text or JSON Lines).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     feed = Path(tmp) / "feed.jsonl"
    ...     _ = feed.write_text('{"text": "Halo Batam.", "published": "2025-04-22"}\\n')
    ...     [(a.text, a.published.isoformat()) for a in read_path(feed)]
    [('Halo Batam.', '2025-04-22')]
    """
    origin = str(path)
    if origin == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", _sniff_stdin, max_bytes)
        return
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield SourceError(
            origin,
            f"unknown extension {suffix or '(none)'!r}; expected one of " + ", ".join(SUFFIXES),
        )
        return
    try:
        size = path.stat().st_size
        # JSON Lines batches may be large; single articles are capped up front.
        if suffix not in (".jsonl", ".ndjson") and size > max_bytes * 4:
            yield SourceError(origin, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(data, origin, suffix, max_bytes)


def _sniff_stdin(text: str) -> str:
    return ".jsonl" if text.lstrip().startswith("{") else ".txt"


def read_bytes(data: bytes, origin: str, kind: Any, max_bytes: int = 2_000_000) -> Iterator[Item]:
    """Articles from the bytes of one input. ``kind`` is a suffix or a sniffing function.

    >>> data = b'{"text": "Halo Batam.", "url": "https://e.x/1"}\\n{"title": "x"}\\n'
    >>> list(read_bytes(data, "feed.jsonl", ".jsonl"))  # doctest: +NORMALIZE_WHITESPACE
    [Article(text='Halo Batam.', url='https://e.x/1', title=None, published=None,
             language=None, source=None, origin='feed.jsonl:1'),
     SourceError("feed.jsonl:2: field 'text' is missing")]
    """
    if not data.strip():
        yield SourceError(origin, "empty file")
        return
    try:
        text = decode_bytes(data, origin)
    except SourceError as exc:
        yield exc
        return
    suffix = kind(text) if callable(kind) else kind
    if suffix in (".jsonl", ".ndjson"):
        yield from _json_lines(text, origin, max_bytes)
        return
    try:
        if suffix == ".json":
            record = _load_json(text, origin)
        elif suffix in (".html", ".htm"):
            record = parse_html(text, origin)
        else:
            meta, body = parse_front_matter(text)
            if suffix in (".md", ".markdown"):
                body = strip_markdown(body)
            record = {**meta, "text": body.strip("\n")}
        yield make_article(record, origin, max_bytes)
    except SourceError as exc:
        yield exc


def _json_lines(text: str, origin: str, max_bytes: int) -> Iterator[Item]:
    # Even with every character escaped (\\uXXXX), an article under the limit fits in
    # this many characters; a longer line is refused before it is scanned and parsed.
    longest = 6 * max_bytes + 65_536
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        if len(line) > longest:
            yield SourceError(
                where,
                f"line is {len(line):,} characters, too long for one article under "
                f"the limit of {max_bytes:,} bytes",
            )
            continue
        try:
            yield make_article(_load_json(line, where), where, max_bytes)
        except SourceError as exc:
            yield exc


def _load_json(text: str, origin: str) -> dict[str, Any]:
    depth = max_depth = 0
    # A cheap guard before the recursive parser sees hostile nesting (brackets inside
    # strings count too, which only errs on the side of refusing).
    for ch in _NOT_BRACKET.sub("", text):
        if ch in "[{":
            depth += 1
            max_depth = max(max_depth, depth)
        elif ch in "]}":
            depth -= 1
    if max_depth > _MAX_JSON_DEPTH:
        raise SourceError(origin, f"JSON nested {max_depth} levels deep (limit {_MAX_JSON_DEPTH})")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(origin, f"malformed JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise SourceError(origin, "JSON nested too deeply") from None
    if not isinstance(value, dict):
        raise SourceError(origin, f"expected a JSON object, got {type(value).__name__}")
    return value
