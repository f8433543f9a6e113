"""From an article to an :class:`Extraction`: the single entry point is :func:`extract`.

The steps, each in its own module: :mod:`~kg.extract.language` (which language),
:mod:`~kg.extract.sentences` (sentences with offsets), :mod:`~kg.extract.mentions` and
:mod:`~kg.extract.orgs` (places, titles, people, organisations, companies),
:mod:`~kg.extract.context` (both passes and coreference), then the builders
:mod:`~kg.extract.relations` (places, people, posts, organisations, companies),
:mod:`~kg.extract.agreements`, :mod:`~kg.extract.events` (with :mod:`~kg.extract.dates`)
and :mod:`~kg.extract.quotes`. Language knowledge lives in ``data/lexicon/``.
"""

from __future__ import annotations

import logging
import re

from kg.extract.agreements import add_agreements
from kg.extract.context import analyse
from kg.extract.events import add_events
from kg.extract.language import identify, normalize_code
from kg.extract.lexicon import SUPPORTED
from kg.extract.model import IRI, Edge, Evidence, Extraction, LangText, Node, Value
from kg.extract.quotes import add_statements
from kg.extract.relations import add_companies, add_orgs, add_persons, add_places, add_posts
from kg.sources.model import Article

__all__ = [
    "IRI",
    "Edge",
    "Evidence",
    "Extraction",
    "LangText",
    "Node",
    "Value",
    "extract",
    "identify",
]

log = logging.getLogger(__name__)

#: Characters that never carry meaning in news text; replaced by spaces to keep offsets.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Longer articles are cut: everything needed for the graph is in the first part.
MAX_CHARS = 200_000


def article_language(article: Article) -> str:
    """The declared language when given, else the identified one."""
    if article.language:
        return normalize_code(article.language)
    return identify(article.text)


def extract(article: Article) -> Extraction:
    """Everything the article says, as nodes and edges with evidence.

    Unsupported languages give ``Extraction(extracted=False)`` with a warning.
    """
    lang = article_language(article)
    if lang not in SUPPORTED:
        return Extraction(
            language=lang,
            extracted=False,
            warnings=[f"language {lang!r} is not supported (only {', '.join(SUPPORTED)})"],
        )
    text = article.text
    if len(text) > MAX_CHARS or _CONTROL.search(text):
        text = _CONTROL.sub(" ", text[:MAX_CHARS])
        article = Article(
            text=text,
            url=article.url,
            title=article.title,
            published=article.published,
            language=article.language,
            source=article.source,
            origin=article.origin,
        )
    ctx = analyse(article, lang)
    add_places(ctx)
    add_persons(ctx)
    posts = add_posts(ctx)
    add_orgs(ctx)
    add_companies(ctx)
    add_agreements(ctx)
    add_events(ctx, posts)
    add_statements(ctx)
    if len(article.text) != len(text):
        ctx.out.warnings.append(f"text cut to {MAX_CHARS} characters")
    return ctx.out
