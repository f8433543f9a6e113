"""The article record every source reader produces and the extractor consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from a file, a JSON line or the API.

    ``origin`` says where it came from (``data/a.txt``, ``feed.jsonl:12``) so errors
    and summaries can point at it. ``language`` is the declared language, if any;
    the extractor identifies it when it is ``None``.

    >>> from datetime import date
    >>> article = Article("Wali Kota Batam menerima Konsul Jenderal Tiongkok.",
    ...                   url="https://example.com/1", published=date(2025, 4, 22), language="id")
    >>> article.identity == Article("Changed text.", url="https://example.com/1").identity
    True
    """

    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None
    origin: str = "<memory>"

    @property
    def identity(self) -> str:
        """What makes two ingests the same article: the URL, else the text.

        >>> Article("Same text.").identity == Article("Same text.", title="Other").identity
        True
        """
        basis = f"url:{self.url}" if self.url else f"text:{self.text}"
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]

    @property
    def content_hash(self) -> str:
        """A digest of the text: an article whose text is unchanged is not re-extracted.

        >>> Article("Text.", url="https://e.x/1").content_hash == Article("Text.").content_hash
        True
        """
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
