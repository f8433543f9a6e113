"""The ``statements`` stage: a Statement node per direct quote and per reported statement."""

from __future__ import annotations

from bisect import bisect_right, insort

from kg.extract.context import ArticleContext
from kg.extract.statements.direct import (
    _MIN_WORDS,
    Quote,
    _direct_speaker,
    _emit,
    _Index,
    find_quotes,
)
from kg.extract.statements.indirect import _indirect


def add_statements(ctx: ArticleContext) -> int:
    """Add a Statement node per direct quote and per reported statement; return how many."""
    quotes = find_quotes(ctx.text)
    idx = _Index(ctx, quotes)
    count = 0
    reported = []
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        k = bisect_right(idx.quote_starts, s.end - 1) - 1
        if k >= 0 and quotes[k].end > s.start:
            continue  # a sentence with a quotation in it is a direct statement's
        found = _indirect(idx, s, sm)
        if found is not None:
            reported.append((s, found))
            idx.spoken.append((found[1], found[0]))
    previous: tuple[Quote, str] | None = None
    for q in quotes:
        inner_start = q.start + 1
        inner_end = q.end if q.continued else q.end - 1
        if len(ctx.text[inner_start:inner_end].split()) < _MIN_WORDS:
            continue
        speaker, cue = _direct_speaker(idx, q, previous)
        located = idx.sentence_at(q.start)
        if speaker is None or located is None:
            continue
        if _emit(ctx, speaker, inner_start, inner_end, cue, True, located[0]):
            count += 1
            previous = (q, speaker)
            insort(idx.spoken, (q.start, speaker))
    for s, found in reported:
        if _emit(ctx, found[0], found[1], found[2], found[3], False, s):
            count += 1
    return count
