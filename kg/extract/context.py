"""Everything read from one article before relations are built: the shared working state.

:func:`analyse` runs sentence splitting, mention finding (two passes: strong contexts first,
then names already recognised elsewhere in the article), organisations, companies and
within-article coreference. The relation builders read from the resulting
:class:`ArticleContext` and write into its :class:`~kg.extract.model.Extraction`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from kg.config import get_settings
from kg.extract.budget import Budget
from kg.extract.companies import abbreviated_companies, company_abbreviations, find_companies
from kg.extract.dates import FoundDate, latest_explicit_date
from kg.extract.mentions import (
    PersonMention,
    SentenceMentions,
    analyse_sentence,
    expand_short_names,
    find_known_persons,
)
from kg.extract.model import IRI, Edge, Evidence, Extraction, Node
from kg.extract.orgs import CompanyMention, OrgMention, find_orgs
from kg.extract.sentences import Sentence, split_sentences
from kg.language.lexicon import Lexicon, lexicon
from kg.resolve.coref import resolve_names
from kg.resolve.gazetteer import Place
from kg.resolve.names import name_tokens, slug
from kg.sources.model import Article
from kg.sources.noise import noise_lines

__all__ = ["ArticleContext", "analyse", "quoted_spans"]

_QUOTE = re.compile(r"“[^”\n]{1,3000}”|\"[^\"\n]{1,3000}\"|«[^»\n]{1,3000}»")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``text`` (quote marks included)."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text)]


@dataclass(slots=True)
class ArticleContext:
    article: Article
    lang: str
    lex: Lexicon
    text: str
    sentences: list[Sentence]
    mentions: list[SentenceMentions]
    orgs: list[list[OrgMention]]
    companies: list[list[CompanyMention]]
    canonical: dict[str, str]  # person name as mentioned -> full name
    ref: date | None
    quotes: list[tuple[int, int]]
    dateline: Place | None
    out: Extraction
    budget: Budget
    person_keys: dict[str, str] = field(default_factory=dict)  # full name -> key
    date_cache: dict[int, list[FoundDate]] = field(default_factory=dict)
    _attached: set[tuple[str, int, int]] = field(default_factory=set)
    _related: set[tuple[str, str, str, int]] = field(default_factory=set)
    _para_rank: list[int] = field(default_factory=list)
    _evidence_starts: dict[str, tuple[int, frozenset[int]]] = field(default_factory=dict)
    _persons_at: list[tuple[int, PersonMention]] | None = None

    def attach(self, node: Node, ev: Evidence) -> None:
        """Add evidence to a node once (a set, not a list scan: articles can be long)."""
        mark = (node.key, ev.start, ev.end)
        if mark not in self._attached:
            self._attached.add(mark)
            node.evidence.append(ev)

    def relate(
        self, subject: str, predicate: str, obj: str | IRI, ev: Evidence | None = None
    ) -> None:
        """Add an edge once per subject, predicate, object and evidence sentence."""
        target = obj.value if isinstance(obj, IRI) else obj
        mark = (subject, predicate, target, ev.start if ev is not None else -1)
        if mark not in self._related:
            self._related.add(mark)
            self.out.edges.append(Edge(subject, predicate, obj, ev))

    def evidence(self, s: Sentence, confidence: float = 0.9) -> Evidence:
        return Evidence(s.text, s.start, s.end, confidence)

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """Whether ``start:end`` lies inside one quotation (a binary search: quotes are sorted)."""
        end = start if end is None else end
        k = bisect_right(self.quotes, (start, len(self.text) + 1)) - 1
        return k >= 0 and self.quotes[k][0] <= start and end <= self.quotes[k][1]

    def persons_between(self, lo: int, hi: int) -> list[tuple[int, PersonMention]]:
        """Persons named outside quotes with their first token in ``lo:hi``, by position.

        The index is built once per article, so each call costs a binary search and the slice.
        """
        if self._persons_at is None:
            found = [(sm.tokens[pm.start].start, pm) for sm in self.mentions for pm in sm.persons]
            self._persons_at = sorted(
                ((at, pm) for at, pm in found if not self.in_quote(at)), key=lambda x: x[0]
            )
        index = self._persons_at
        a = bisect_right(index, lo - 1, key=lambda x: x[0])
        b = bisect_right(index, hi - 1, key=lambda x: x[0])
        return index[a:b]

    def evidence_starts(self, key: str) -> frozenset[int]:
        """Start offsets of the sentences that are evidence for node ``key`` (kept up to date
        with :meth:`attach`, so repeated look-ups do not rescan a long evidence list)."""
        node = self.out.nodes.get(key)
        if node is None:
            return frozenset()
        cached = self._evidence_starts.get(key)
        if cached is None or cached[0] != len(node.evidence):
            cached = (len(node.evidence), frozenset(e.start for e in node.evidence))
            self._evidence_starts[key] = cached
        return cached[1]

    def paragraphs_between(self, first: int, last: int) -> int:
        """How many paragraphs sentences ``first`` to ``last`` (both included) span."""
        if len(self._para_rank) != len(self.sentences):
            rank, seen = [], -1
            count = 0
            for s in self.sentences:
                if s.paragraph != seen:
                    count, seen = count + 1, s.paragraph
                rank.append(count)
            self._para_rank = rank
        if last < first:
            return 0
        return self._para_rank[last] - self._para_rank[first] + 1

    def person_key(self, pm: PersonMention) -> str:
        name = self.canonical.get(pm.name, pm.name)
        return f"person/{slug(name)}"

    def full_name(self, pm: PersonMention) -> str:
        return self.canonical.get(pm.name, pm.name)


#: Paragraphs at the top of an article searched for its dateline (after headline, byline...).
_DATELINE_PARAGRAPHS = 4


def _dateline(sm: SentenceMentions) -> Place | None:
    """ "MEDAN –", "Telegrapnews.com, Batam –", "KUCHING (Feb 12):": a place before the
    first dash or colon of the sentence that stands apart ("Sumut-Guangdong" is no
    dateline)."""
    alone = sm.places[0] if len(sm.places) == 1 else None
    if (
        alone is not None
        and alone.start == 0
        and alone.place.kind == "City"
        and all(t.text in ".,–—-:" for t in sm.tokens[alone.end :])
    ):
        return alone.place  # "Batam." on its own before the lead: a dateline
    for k, t in enumerate(sm.tokens[:12]):
        if t.text in ("–", "—", "-", ":") and k > 0:
            if t.text != ":" and t.start == sm.tokens[k - 1].end:
                continue  # a hyphen inside a name or a pair, not the dateline's dash
            cands = [p for p in sm.places if p.end <= k]
            end = k
            if k > 2 and sm.tokens[k - 1].text == ")":
                # "Ambon, Maluku (ANTARA) -": the news agency in brackets
                end = next((j for j in range(k - 2, -1, -1) if sm.tokens[j].text == "("), k)
            ending = [p for p in cands if p.end == end]
            first = cands[0] if cands else None
            if first is not None and first.start == 0 and first.place.kind == "City":
                # "SIDOARJO, KOMPAS.com -", "Semarang, CNN Indonesia --": the city comes
                # first; an outlet or a date may stand between it and the dash
                return first.place
            if not ending or first is None:
                return None
            if (
                first.start == 0
                and first.place.kind == "City"
                and ending[-1].place.kind != "City"
                and all(sm.tokens[j].text == "," or sm.place_at(j) for j in range(first.end, end))
            ):
                # "Ambon, Maluku -": the city, then the province it lies in
                return first.place
            return ending[-1].place
    return None


def _find_dateline(
    article: Article, sentences: list[Sentence], mentions: list[SentenceMentions]
) -> Place | None:
    """The dateline of the first paragraphs' opening sentences, past the headline."""
    seen: set[int] = set()
    title = (article.title or "").strip()
    for s, sm in zip(sentences, mentions, strict=True):
        if s.paragraph in seen:
            continue
        seen.add(s.paragraph)
        if len(seen) > _DATELINE_PARAGRAPHS:
            break
        if title and s.text.strip() == title:
            continue
        found = _dateline(sm)
        if found is not None:
            return found
    return None


def analyse(
    article: Article, lang: str, reading: Budget | None = None, building: Budget | None = None
) -> ArticleContext:
    """Read the article: sentences, mentions, organisations, companies, coreference.

    Sentences are read until ``reading`` is spent (the rest of the article is then left
    out, with a warning); ``building`` is the budget the relation builders share.
    """
    text = article.text
    lex = lexicon(lang)
    reading = reading or Budget(get_settings().extract_time_budget)
    sentences = split_sentences(text, lang)
    furniture = noise_lines(text)
    if furniture:
        # bylines, date lines, "Baca juga" links, captions: kept in the text, not read
        kept = [s for s in sentences if s.paragraph not in furniture]
        sentences = [replace(s, index=k) for k, s in enumerate(kept)]
    mentions = [analyse_sentence(s, lang) for s in reading.each(sentences, "reading sentences")]
    if len(mentions) < len(sentences):
        sentences = sentences[: len(mentions)]
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
    ordered = [p.name for sm in mentions for p in sm.persons]
    canonical = resolve_names(ordered)
    orgs = [find_orgs(sm, lex) for sm in mentions]
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
    ref = article.published or latest_explicit_date(text, lang)
    return ArticleContext(
        article=article,
        lang=lang,
        lex=lex,
        text=text,
        sentences=sentences,
        mentions=mentions,
        orgs=orgs,
        companies=companies,
        canonical=canonical,
        ref=ref,
        quotes=quoted_spans(text),
        dateline=_find_dateline(article, sentences, mentions),
        out=Extraction(language=lang),
        budget=building or Budget(get_settings().extract_time_budget),
    )
