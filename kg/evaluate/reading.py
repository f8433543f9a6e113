"""Reading an evaluation article: any source format, or a text file with front matter."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.sources.model import Article

__all__ = ["read_article"]


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def read_article(path: Path) -> Article | None:
    """The article in ``path``, through :mod:`kg.sources` when it can read it.

    >>> from kg.config import PROJECT_DIR
    >>> seed = read_article(PROJECT_DIR / "data/articles/batam-xiangyang-sister-city.id.txt")
    >>> seed.title, seed.published.isoformat(), seed.language
    ('Konjen Tiongkok Jajaki Sister City Batam-Xiangyang', '2025-04-22', 'id')
    """
    try:
        from kg.sources import read_path
    except ImportError:  # pragma: no cover - the readers land separately
        return _read_front_matter(path)
    # the readers yield errors as values; an unreadable file is skipped
    found = [a for a in read_path(path) if isinstance(a, Article)]
    return found[0] if found else None


def _read_front_matter(path: Path) -> Article | None:
    """A minimal reader for ``.txt``/``.md`` files with ``key: value`` front matter."""
    if path.suffix not in (".txt", ".md"):
        return None
    raw = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    m = _FRONT.match(raw)
    if m:
        for line in m.group(1).splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        raw = raw[m.end() :]
    published = None
    if meta.get("published"):
        try:
            published = date.fromisoformat(meta["published"][:10])
        except ValueError:
            published = None
    return Article(
        text=raw,
        url=meta.get("url"),
        title=meta.get("title"),
        published=published,
        language=meta.get("language"),
        source=meta.get("source"),
        origin=str(path),
    )
