"""Direct quotes and who said them.

A quote is text between “curly” or "straight" quote marks within one paragraph, of at least
``_MIN_WORDS`` words (shorter ones are scare quotes or names). Its speaker is, in order:
the person right after a speech verb following the quote (``," ujar Amsakar``,
``," said Zhang``), the person before a speech verb preceding it (``Zhang said: "``), a person
named in the attribution after it (``Zhang Min said``); for a pronoun attribution
(``ujarnya``, ``he said``, ``ia menambahkan``) or none, the last person named outside quotes
before it.
"""

from __future__ import annotations

import hashlib

from kg.extract.context import ArticleContext
from kg.extract.mentions import PersonMention, SentenceMentions
from kg.extract.model import LangText
from kg.extract.sentences import Sentence

__all__ = ["add_statements"]

_MIN_WORDS = 4
_ATTRIBUTION_WINDOW = 120  # characters after a quote searched for "ujar X"


def _persons_between(ctx: ArticleContext, lo: int, hi: int) -> list[tuple[int, PersonMention]]:
    out: list[tuple[int, PersonMention]] = []
    for sm in ctx.mentions:
        if sm.sentence.end < lo or sm.sentence.start > hi:
            continue
        for pm in sm.persons:
            at = sm.tokens[pm.start].start
            if lo <= at < hi and not ctx.in_quote(at):
                out.append((at, pm))
    return sorted(out, key=lambda x: x[0])


def _sentence_at(ctx: ArticleContext, pos: int) -> tuple[Sentence, SentenceMentions] | None:
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        if s.start <= pos < s.end:
            return s, sm
    return None


def _speaker(ctx: ArticleContext, qs: int, qe: int) -> str | None:
    lex = ctx.lex
    here = _sentence_at(ctx, qe - 1) or _sentence_at(ctx, qs)
    para_end = ctx.text.find("\n", qe)
    para_end = len(ctx.text) if para_end == -1 else para_end
    sent_end = here[0].end if here else para_end
    after_end = min(para_end, sent_end, qe + _ATTRIBUTION_WINDOW)
    # 1. "…," ujar X / kata X / said X / X said
    for _, pm in _persons_between(ctx, qe, after_end):
        return ctx.person_key(pm)
    after_text = ctx.text[qe:after_end].lower()
    pronoun_attr = any(w in after_text.split() for w in lex.pronoun_forms) or any(
        f" {p} " in f" {after_text} " for p in lex.pronouns
    )
    # 2. X mengatakan, "…" / X said: "…"
    sent_start = here[0].start if here else qs
    before = _persons_between(ctx, sent_start, qs)
    if before and not pronoun_attr:
        return ctx.person_key(before[-1][1])
    # 3. the last person named before the quote, outside quotes
    earlier = _persons_between(ctx, 0, qs)
    if earlier:
        return ctx.person_key(earlier[-1][1])
    return None


def add_statements(ctx: ArticleContext) -> int:
    out = ctx.out
    count = 0
    for qs, qe in ctx.quotes:
        inner = ctx.text[qs + 1 : qe - 1].strip()
        if len(inner.split()) < _MIN_WORDS:
            continue
        speaker = _speaker(ctx, qs, qe)
        if speaker is None or speaker not in out.nodes:
            continue
        located = _sentence_at(ctx, qs)
        if located is None:
            continue
        s = located[0]
        text = inner.rstrip(",").strip()
        digest = hashlib.sha1(f"{speaker}|{text}".encode()).hexdigest()[:12]
        key = f"statement/{digest}"
        node = out.node(key, "Statement")
        words = text.split()
        node.labels.setdefault("", " ".join(words[:8]) + ("…" if len(words) > 8 else ""))
        node.add("schema:text", LangText(text, ctx.lang))
        ev = ctx.evidence(s, 0.85)
        ctx.attach(node, ev)
        ctx.relate(key, "bkg:speaker", speaker, ev)
        count += 1
    return count
