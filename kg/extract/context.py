"""The one working state of an article's extraction, shared by every stage.

The reading stages (:mod:`kg.extract.reading`) fill in sentences, mentions, organisations,
companies, coreference and the dateline; the builders read them and write into
:attr:`ArticleContext.out`, an :class:`~kg.extract.model.Extraction`. The stages and their
order are declared in :mod:`kg.extract.pipeline`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from kg.config import get_settings
from kg.extract.budget import Budget
from kg.extract.dates import FoundDate
from kg.extract.mentions import PersonMention, SentenceMentions, TitleMention
from kg.extract.model import IRI, Edge, Evidence, Extraction, Node
from kg.extract.orgs import CompanyMention, OrgMention
from kg.extract.sentences import Sentence
from kg.language.lexicon import Lexicon, lexicon
from kg.resolve.gazetteer import Place
from kg.resolve.names import slug
from kg.sources.model import Article

__all__ = ["ArticleContext", "Posts", "quoted_spans"]

#: Per sentence index, each title with the key of the post it names (from the ``posts`` stage).
Posts = dict[int, list[tuple[TitleMention, str | None]]]

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
    out: Extraction
    budget: Budget  # the builders' budget
    reading: Budget  # the reading stages' budget
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[SentenceMentions] = field(default_factory=list)
    orgs: list[list[OrgMention]] = field(default_factory=list)
    companies: list[list[CompanyMention]] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)  # name as mentioned -> full name
    ref: date | None = None
    quotes: list[tuple[int, int]] = field(default_factory=list)
    dateline: Place | None = None
    posts: Posts = field(default_factory=dict)
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

    @classmethod
    def start(
        cls, article: Article, lang: str, reading: Budget | None, building: Budget | None
    ) -> ArticleContext:
        """An empty context for ``article``: the stages fill it in."""
        seconds = get_settings().extract_time_budget
        return cls(
            article=article,
            lang=lang,
            lex=lexicon(lang),
            text=article.text,
            out=Extraction(language=lang),
            budget=building or Budget(seconds),
            reading=reading or Budget(seconds),
        )
