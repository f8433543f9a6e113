"""The reading stages: from an article's text to the mentions the builders turn into facts.

Each function is one stage of :data:`kg.extract.pipeline.STAGES` and fills in part of the
:class:`~kg.extract.context.ArticleContext`: sentences (without page furniture) and quotes,
mentions of each sentence (under the reading budget), the article-wide second pass over
names, coreference, organisations, companies, and the dateline with the reference date.
"""

from __future__ import annotations

from dataclasses import replace

from kg.extract.companies import abbreviated_companies, company_abbreviations, find_companies
from kg.extract.context import ArticleContext, quoted_spans
from kg.extract.dateline import find_dateline
from kg.extract.dates import latest_explicit_date
from kg.extract.mentions import analyse_sentence, expand_short_names, find_known_persons
from kg.extract.orgs import CompanyMention, find_orgs
from kg.extract.sentences import split_sentences
from kg.resolve.coref import resolve_names
from kg.resolve.names import name_tokens
from kg.sources.noise import noise_lines

__all__ = [
    "find_company_mentions",
    "find_org_mentions",
    "find_sentence_mentions",
    "read_dateline",
    "read_sentences",
    "resolve_coreference",
    "second_pass_names",
]


def read_sentences(ctx: ArticleContext) -> None:
    """Sentences with offsets, leaving out page furniture; the spans of quotations."""
    sentences = split_sentences(ctx.text, ctx.lang)
    furniture = noise_lines(ctx.text)
    if furniture:
        # bylines, date lines, "Baca juga" links, captions: kept in the text, not read
        kept = [s for s in sentences if s.paragraph not in furniture]
        sentences = [replace(s, index=k) for k, s in enumerate(kept)]
    ctx.sentences = sentences
    ctx.quotes = quoted_spans(ctx.text)


def find_sentence_mentions(ctx: ArticleContext) -> None:
    """Places, titles and people of each sentence, until the reading budget is spent (the
    rest of the article is then left out, with a warning)."""
    ctx.mentions = [
        analyse_sentence(s, ctx.lang) for s in ctx.reading.each(ctx.sentences, "reading sentences")
    ]
    if len(ctx.mentions) < len(ctx.sentences):
        ctx.sentences = ctx.sentences[: len(ctx.mentions)]
    ctx.orgs = [[] for _ in ctx.mentions]
    ctx.companies = [[] for _ in ctx.mentions]


def second_pass_names(ctx: ArticleContext) -> None:
    """Names recognised in a strong context, found again where the context is weak."""
    mentions, lex = ctx.mentions, ctx.lex
    expand_short_names(mentions, lex)  # "kata Rakhmat" -> "Rakhmat Hidayat" written elsewhere
    strong = [p.name for sm in mentions for p in sm.persons if len(name_tokens(p.name)) > 0]
    known = {name_tokens(n): n for n in strong if len(name_tokens(n)) > 1}
    known_words = {w for key in known for w in key}
    for sm in mentions:
        # "Tanabe" after "Satoshi Tanabe": an uncued one-word place that repeats a name
        sm.places = [
            p
            for p in sm.places
            if p.cue
            or p.end - p.start > 1
            or p.place.kind != "City"
            or sm.words[p.start] not in known_words
        ]
        find_known_persons(sm, lex, known)
        sm.persons.sort(key=lambda p: p.start)
        sm.places = [
            p for p in sm.places if not any(q.start < p.end and p.start < q.end for q in sm.persons)
        ]


def resolve_coreference(ctx: ArticleContext) -> None:
    """Each person's name as mentioned -> the full name written elsewhere in the article."""
    ctx.canonical = resolve_names([p.name for sm in ctx.mentions for p in sm.persons])


def find_org_mentions(ctx: ArticleContext) -> None:
    """Government bodies, diplomatic missions and named organisations of each sentence."""
    ctx.orgs = [find_orgs(sm, ctx.lex) for sm in ctx.mentions]


def find_company_mentions(ctx: ArticleContext) -> None:
    """Companies of each sentence, then again where a company named elsewhere recurs; an
    abbreviation of a company ("CCCC") is that company, not an organisation."""
    mentions, orgs, lex = ctx.mentions, ctx.orgs, ctx.lex
    companies: list[list[CompanyMention]] = [
        find_companies(sm, lex, o, set()) for sm, o in zip(mentions, orgs, strict=True)
    ]
    known_companies = {c.name.casefold() for cs in companies for c in cs if c.name}
    if known_companies:
        # only sentences that contain a known company word need the second pass
        first_words = {k.split()[0] for k in known_companies}
        companies = [
            find_companies(sm, lex, o, known_companies)
            if not first_words.isdisjoint(sm.words)
            else found
            for sm, o, found in zip(mentions, orgs, companies, strict=True)
        ]
    aliases: dict[str, str] = {}
    for sm, found in zip(mentions, companies, strict=True):
        aliases.update(company_abbreviations(sm, found))
    if aliases:
        # "China Communications Construction Company (CCCC)": the abbreviation is the same
        # company wherever it stands, not an organisation of its own
        for k, sm in enumerate(mentions):
            orgs[k] = [o for o in orgs[k] if o.label not in aliases]
            companies[k] = sorted(
                companies[k] + abbreviated_companies(sm, aliases, companies[k]),
                key=lambda c: c.start,
            )
    ctx.companies = companies


def read_dateline(ctx: ArticleContext) -> None:
    """The article's reference date (published, else its latest explicit date) and dateline."""
    ctx.ref = ctx.article.published or latest_explicit_date(ctx.text, ctx.lang)
    ctx.dateline = find_dateline(ctx.article, ctx.sentences, ctx.mentions)
