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
from collections.abc import Callable
from dataclasses import replace

from kg.config import Settings, get_settings
from kg.extract.agreements import add_agreements
from kg.extract.budget import Budget, hard_stop
from kg.extract.context import ArticleContext, analyse
from kg.extract.events import add_events
from kg.extract.language import identify, normalize_code
from kg.extract.mentions import TitleMention
from kg.extract.model import IRI, Edge, Evidence, Extraction, LangText, Node, Value
from kg.extract.quotes import add_statements
from kg.extract.relations import add_companies, add_orgs, add_persons, add_places, add_posts
from kg.language.lexicon import SUPPORTED
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
#: Share of the time budget for reading sentences; the builders get the rest, so an article
#: stopped while reading still gets its facts built from what was read.
_READING_SHARE = 0.6


def article_language(article: Article) -> str:
    """The declared language when given, else the identified one."""
    if article.language:
        return normalize_code(article.language)
    return identify(article.text)


def extract(article: Article, settings: Settings | None = None) -> Extraction:
    """Everything the article says, as nodes and edges with evidence.

    Unsupported languages give ``Extraction(extracted=False)`` with a warning. Text past
    ``settings.extract_max_chars`` is not read; an article that spends its
    ``settings.extract_time_budget`` keeps what was found, with a warning (see
    :mod:`kg.extract.budget`).
    """
    settings = settings or get_settings()
    lang = article_language(article)
    if lang not in SUPPORTED:
        return Extraction(
            language=lang,
            extracted=False,
            warnings=[f"language {lang!r} is not supported (only {', '.join(SUPPORTED)})"],
        )
    original = len(article.text)
    limit = settings.extract_max_chars
    if original > limit or _CONTROL.search(article.text):
        article = replace(article, text=_CONTROL.sub(" ", article.text[:limit]))
    seconds = settings.extract_time_budget
    reading = Budget(seconds * _READING_SHARE)
    building = Budget(seconds)
    # one timer for the whole article: the steps check the budgets themselves, the timer
    # stops a step that does not (see kg.extract.budget)
    with hard_stop(seconds) as stopped:
        ctx = analyse(article, lang, reading, building)
    if stopped.hit:
        return Extraction(
            language=lang, warnings=[f"time budget of {seconds:g} s spent reading the text"]
        )
    posts: dict[int, list[tuple[TitleMention, str | None]]] = {}

    def build_posts(c: ArticleContext) -> None:
        posts.update(add_posts(c))

    steps: list[tuple[str, Callable[[ArticleContext], object]]] = [
        ("places", add_places),
        ("persons", add_persons),
        ("posts", build_posts),
        ("organisations", add_orgs),
        ("companies", add_companies),
        ("agreements", add_agreements),
        ("events", lambda c: add_events(c, posts)),
        ("statements", add_statements),
    ]
    current = ""
    with hard_stop(building.left()) as stopped:
        for name, step in steps:
            current = name
            if building.spent():
                building.note(f"{name} not built")
                continue
            step(ctx)
    if stopped.hit:
        building.note(f"{current} stopped part way")
        names = [name for name, _ in steps]
        for name in names[names.index(current) + 1 :]:
            building.note(f"{name} not built")
    if original > limit:
        ctx.out.warnings.append(f"text cut to {limit} of {original} characters")
    for warning in reading.warnings + building.warnings:
        ctx.out.warnings.append(warning)
        log.warning("%s: %s", article.origin, warning)
    return ctx.out
