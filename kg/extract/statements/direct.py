"""Direct statements: quotations in any quote style and their speakers, and the index of
sentences, persons and speakers that both kinds of statement look speakers up in.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass

from kg.extract.context import ArticleContext
from kg.extract.mentions import PersonMention, SentenceMentions
from kg.extract.model import IRI, LangText
from kg.extract.sentences import Sentence
from kg.language.lexicon import Lexicon

_MIN_WORDS = 4
_ATTRIBUTION_WINDOW = 160  # characters after a quote searched for "ujar X"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation ``text[start:end]`` with its marks; ``continued`` when the paragraph
    ended before the quote closed."""

    start: int
    end: int
    continued: bool = False


_DOUBLE_MARK = re.compile('[“”"«»„]')
_SINGLE_OPENING = re.compile(r"(?<!\w)[‘'](?=\w)")
_SINGLE_CLOSING = re.compile(r"(?<=\S)[’'](?![^\W\d_])")


def _double_quotes(text: str, lo: int, hi: int, out: list[Quote]) -> None:
    opened = -1
    for m in _DOUBLE_MARK.finditer(text, lo, hi):
        k, c = m.start(), m.group()
        if opened < 0:
            if c != "»":
                opened = k
        elif c in '”"»':
            out.append(Quote(opened, k + 1))
            opened = -1
    if opened >= 0 and len(text[opened:hi].split()) >= _MIN_WORDS:
        out.append(Quote(opened, hi, continued=True))


def _single_quotes(text: str, lo: int, hi: int, out: list[Quote]) -> None:
    """‘…’ and '…': an opening mark before a word, a closing one after a non-space and
    not before a letter ("don't" and "Ma'ruf" are no quotes)."""
    closes = [m.start() for m in _SINGLE_CLOSING.finditer(text, lo, hi)]
    if not closes:
        return
    taken = [(q.start, q.end) for q in out]
    after = lo
    for m in _SINGLE_OPENING.finditer(text, lo, hi):
        k = m.start()
        if k < after:
            continue
        at = bisect_right(closes, k)
        if at >= len(closes):
            break
        j = closes[at]
        if len(text[k + 1 : j].split()) >= _MIN_WORDS and not any(a <= k < b for a, b in taken):
            out.append(Quote(k, j + 1))
            after = j + 1


def find_quotes(text: str) -> list[Quote]:
    """The quotations of ``text``, in order.

    >>> [text[q.start:q.end] for text in ['”Kami siap bekerja sama,” kata Budi.']
    ...  for q in find_quotes(text)]
    ['”Kami siap bekerja sama,”']
    >>> find_quotes('He said: "We will sign the deal\\n\\n"soon."')[0].continued
    True
    """
    out: list[Quote] = []
    lo = 0
    n = len(text)
    while lo < n:
        hi = text.find("\n", lo)
        hi = n if hi == -1 else hi
        if hi > lo:
            found: list[Quote] = []
            _double_quotes(text, lo, hi, found)
            _single_quotes(text, lo, hi, found)
            out.extend(sorted(found, key=lambda q: q.start))
        lo = hi + 1
    return out


class _Index:
    """Sentences, quotes and persons of one article, searchable by character offset."""

    def __init__(self, ctx: ArticleContext, quotes: list[Quote]) -> None:
        self.ctx = ctx
        self.spoken: list[tuple[int, str]] = []  # (where a statement starts, its speaker)
        self.quotes = quotes
        self.quote_starts = [q.start for q in quotes]
        self.starts = [s.start for s in ctx.sentences]
        persons = [
            (sm.tokens[pm.start].start, sm.tokens[pm.end - 1].end, pm)
            for sm in ctx.mentions
            for pm in sm.persons
        ]
        self.persons = sorted((p for p in persons if not self.in_quote(p[0])), key=lambda p: p[0])
        self.person_starts = [p[0] for p in self.persons]

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and self.quotes[k].start <= pos < self.quotes[k].end

    def sentence_at(self, pos: int) -> tuple[Sentence, SentenceMentions] | None:
        k = bisect_right(self.starts, pos) - 1
        if k >= 0 and pos < self.ctx.sentences[k].end:
            return self.ctx.sentences[k], self.ctx.mentions[k]
        return None

    def persons_between(self, lo: int, hi: int) -> list[tuple[int, int, PersonMention]]:
        """Persons named outside quotes whose name starts in ``lo:hi``, in order."""
        a = bisect_right(self.person_starts, lo - 1)
        b = bisect_right(self.person_starts, hi - 1)
        return self.persons[a:b]


def _words(text: str) -> list[str]:
    return [w.strip(".,;:!?()\"“”'‘’").lower() for w in text.split()]


def _cue_in(lex: Lexicon, words: list[str]) -> str | None:
    """The first speech cue among ``words`` (a phrase of up to three words)."""
    for i in range(len(words)):
        hit = lex.speech_after.match(words, i) or lex.speech_before.match(words, i)
        if hit is not None:
            return " ".join(words[i : i + hit[0]])
    return None


def _pronoun(lex: Lexicon, words: list[str]) -> bool:
    return any(w in lex.pronoun_forms or w in lex.pronouns for w in words)


def _direct_speaker(
    idx: _Index, q: Quote, previous: tuple[Quote, str] | None
) -> tuple[str | None, str | None]:
    """(speaker key, cue) of a direct quote."""
    ctx, lex = idx.ctx, idx.ctx.lex
    text = ctx.text
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end == -1 else para_end
    nxt = bisect_right(idx.quote_starts, q.end - 1)
    stop = min(para_end, q.end + _ATTRIBUTION_WINDOW)
    if nxt < len(idx.quotes):
        stop = min(stop, idx.quotes[nxt].start)
    after = text[q.end : stop]
    # the attribution ends with its sentence: "…,” kata Budi. Ia lalu pergi."
    cut = next(
        (
            k
            for k, c in enumerate(after)
            if c in ".!?" and (k + 1 >= len(after) or after[k + 1] == " ")
        ),
        len(after),
    )
    after_words = _words(after[:cut])
    cue = _cue_in(lex, after_words[:6])
    pronoun = cue is not None and _pronoun(lex, after_words[:6])
    attributed = cue is not None
    found = idx.persons_between(q.end, q.end + cut)
    if found and (cue is not None or found[0][0] - q.end <= 3):
        # "…,” kata Roland kepada wartawan", "…," Zhang said
        return ctx.person_key(found[0][2]), cue
    if pronoun:
        # "…,” katanya", "…," he said: the person named last before the quote; else the
        # last one who spoke, directly or reported
        earlier = idx.persons_between(0, q.start)
        if earlier:
            return ctx.person_key(earlier[-1][2]), cue
        return _last_speaker(idx, q.start) or (previous[1] if previous else None), cue
    here = idx.sentence_at(q.start)
    sent_start = here[0].start if here else q.start
    before = idx.persons_between(sent_start, q.start)
    lead = text[max(sent_start, q.start - 200) : q.start]
    # only the last words before the quote can hold its cue; splitting the whole lead of a
    # long sentence for each quote made an article of many quotes quadratic
    lead_cue = _cue_in(lex, _words(lead)[-6:]) if lead.strip() else None
    if before and (lead_cue is not None or lead.rstrip().endswith(":")) and not pronoun:
        return ctx.person_key(before[-1][2]), lead_cue or cue
    if previous is not None and (q.start - previous[0].end) < 400 and not attributed:
        return previous[1], cue
    earlier = idx.persons_between(0, q.start)
    if earlier:
        return ctx.person_key(earlier[-1][2]), cue or lead_cue
    return None, cue


def _last_speaker(idx: _Index, pos: int) -> str | None:
    """The speaker of the last statement before ``pos``, if at most two paragraphs back."""
    k = bisect_right(idx.spoken, (pos, "")) - 1
    if k < 0:
        return None
    at, speaker = idx.spoken[k]
    if idx.ctx.text.count("\n", at, pos) > 4:
        return None
    return speaker


def _emit(
    ctx: ArticleContext,
    speaker: str,
    start: int,
    end: int,
    cue: str | None,
    direct: bool,
    s: Sentence,
) -> bool:
    out = ctx.out
    if speaker not in out.nodes:
        return False
    text = ctx.text[start:end].strip().rstrip(",").strip()
    if len(text.split()) < _MIN_WORDS:
        return False
    digest = hashlib.sha1(f"{speaker}|{text}".encode()).hexdigest()[:12]
    key = f"statement/{digest}"
    node = out.node(key, "Statement")
    words = text.split()
    node.labels.setdefault("", " ".join(words[:8]) + ("…" if len(words) > 8 else ""))
    node.add("schema:text", LangText(text, ctx.lang))
    node.add("bkg:spanStart", start)
    node.add("bkg:spanEnd", end)
    if cue:
        node.add("bkg:cue", cue)
    ev = ctx.evidence(s, 0.85 if direct else 0.75)
    ctx.attach(node, ev)
    ctx.relate(key, "bkg:speaker", speaker, ev)
    mode = "bkg:DirectSpeech" if direct else "bkg:IndirectSpeech"
    ctx.relate(key, "bkg:speechMode", IRI(mode), ev)
    return True
