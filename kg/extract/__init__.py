"""From an article to an :class:`Extraction`: the single entry point is :func:`extract`.

The extractor is the declared sequence of named stages :data:`~kg.extract.pipeline.STAGES`
over one :class:`~kg.extract.context.ArticleContext`, run by one loop
(:func:`~kg.extract.pipeline.run_stages`). Reading stages (:mod:`~kg.extract.reading`):
``sentences`` (:mod:`~kg.extract.sentences`), ``mentions`` (places, titles, people:
:mod:`~kg.extract.mentions`), ``names`` (the article-wide second pass), ``coreference``,
``org_mentions`` (:mod:`~kg.extract.orgs`), ``company_mentions``
(:mod:`~kg.extract.companies`), ``dateline``. Builders: ``places``, ``persons``, ``posts``,
``organisations``, ``companies`` (:mod:`~kg.extract.relations`), ``agreements``
(:mod:`~kg.extract.agreements`), ``events`` (:mod:`~kg.extract.events`, with
:mod:`~kg.extract.dates`) and ``statements`` (:mod:`~kg.extract.statements`). Language knowledge
lives in ``data/lexicon/``, loaded by :mod:`kg.language`.

>>> from kg.sources.model import Article
>>> x = extract(Article("Wali Kota Batam Amsakar Achmad tiba.", language="id"),
...             disable={"statements"})
>>> "person/amsakar-achmad" in x.nodes
True
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from dataclasses import replace

from kg.config import Settings, get_settings
from kg.extract.budget import Budget
from kg.extract.context import ArticleContext
from kg.extract.language import identify, normalize_code
from kg.extract.model import IRI, Edge, Evidence, Extraction, LangText, Node, Value
from kg.extract.pipeline import STAGES, Stage, StageTimer, check_disable, run
from kg.language.lexicon import SUPPORTED, lexicon
from kg.resolve.gazetteer import gazetteer
from kg.sources.model import Article

__all__ = [
    "IRI",
    "STAGES",
    "Edge",
    "Evidence",
    "Extraction",
    "LangText",
    "Node",
    "Stage",
    "StageTimer",
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


def extract(
    article: Article,
    settings: Settings | None = None,
    *,
    disable: Collection[str] = (),
    on_stage: StageTimer | None = None,
) -> Extraction:
    """Everything the article says, as nodes and edges with evidence.

    ``disable`` names stages of :data:`~kg.extract.pipeline.STAGES` to switch off (an
    unknown or required name raises :class:`~kg.errors.InvalidParameterError`); ``on_stage``
    is called with each stage's name and seconds.

    Unsupported languages give ``Extraction(extracted=False)`` with a warning. Text past
    ``settings.extract_max_chars`` is not read; an article that spends its
    ``settings.extract_time_budget`` keeps what was found, with a warning (see
    :mod:`kg.extract.budget`).
    """
    settings = settings or get_settings()
    off = check_disable(disable, STAGES)
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
    # Loading the language data and the gazetteer (once per process, seconds on a busy
    # machine) is not the article's time: done before its budget starts, so the first
    # article of every worker is read as fully as the rest.
    lexicon(lang), lexicon("en"), gazetteer()
    seconds = settings.extract_time_budget
    reading = Budget(seconds * _READING_SHARE)
    building = Budget(seconds)
    ctx = ArticleContext.start(article, lang, reading, building)
    # one timer per phase: the stages check the budgets themselves, the timer stops a
    # stage that does not (see kg.extract.budget)
    if not run(ctx, seconds, STAGES, disable=off, on_stage=on_stage):
        return Extraction(
            language=lang, warnings=[f"time budget of {seconds:g} s spent reading the text"]
        )
    if original > limit:
        ctx.out.warnings.append(f"text cut to {limit} of {original} characters")
    for warning in reading.warnings + building.warnings:
        ctx.out.warnings.append(warning)
        log.warning("%s: %s", article.origin, warning)
    return ctx.out
