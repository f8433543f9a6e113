"""HTML pages: the article's main text and metadata, via trafilatura."""

from __future__ import annotations

import logging
from typing import Any

from kg.errors import SourceError

__all__ = ["parse_html"]

logger = logging.getLogger(__name__)


def parse_html(html: str, origin: str) -> dict[str, Any]:
    """Return an article record (``text``, ``title``, ``published``, ``url``...) from a page.

    >>> body = "Wali Kota Batam, Amsakar Achmad, menerima Konsul Jenderal Tiongkok. " * 3
    >>> page = ('<html><head><title>Batam dan Xiangyang</title><meta property='
    ...         '"article:published_time" content="2025-04-22"></head><body><article>'
    ...         f'<h1>Batam dan Xiangyang</h1><p>{body}</p></article></body></html>')
    >>> record = parse_html(page, "page.html")
    >>> record["title"], record["published"], "Amsakar Achmad" in record["text"]
    ('Batam dan Xiangyang', '2025-04-22', True)
    """
    import trafilatura  # imported here: it is heavy and only HTML needs it

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if document is None:
        raise SourceError(origin, "no article text found in the HTML page")
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = data.get("text") or ""
    if not text.strip():
        raise SourceError(origin, "no article text found in the HTML page")
    record: dict[str, Any] = {"text": text}
    for ours, theirs in (("title", "title"), ("url", "url"), ("source", "sitename")):
        if data.get(theirs):
            record[ours] = data[theirs]
    if data.get("date"):
        record["published"] = data["date"]
    if data.get("language"):
        record["language"] = data["language"]
    logger.debug("%s: extracted %d characters of HTML main text", origin, len(text))
    return record
