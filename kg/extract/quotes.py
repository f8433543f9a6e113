"""Statements: direct quotes in any quote style, and reported (indirect) speech, with speakers.

**Direct.** A quotation is text between quote marks within one paragraph: “…”, "…", «…», „…“,
the Indonesian ”…” (Kompas opens with a closing mark), and ‘…’ or '…' of at least
``_MIN_WORDS`` words (shorter ones are scare quotes or names). A quote left open at the end of a
paragraph continues into the next one (the English convention for long quotes). Its speaker is,
in order: the person named in the attribution after it (``," ujar Amsakar``, ``," Zhang said``,
``,” kata Roland kepada wartawan``); the person before a speech verb preceding it in its sentence
(``Zhang said: "``); for a pronoun attribution (``katanya``, ``he said``) or none, the speaker of
the quote just before (a split or continued quote) or else the last person named outside quotes.

**Indirect.** A sentence without quote marks that reports speech: ``X mengatakan, …``,
``X said (that) …``, ``Menurut X, …``, ``According to X, …``, ``…, kata X.``, ``…, he said.``;
the reported words run to the end of the sentence and must be at least ``_MIN_WORDS`` words.

Each statement is a ``Statement`` node with ``schema:text``, ``bkg:cue`` (the cue as written, if
any), ``bkg:spanStart``/``bkg:spanEnd`` (character offsets of the words in the article) and an
edge ``bkg:speechMode`` to ``bkg:DirectSpeech`` or ``bkg:IndirectSpeech``.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right, insort
from dataclasses import dataclass

from kg.extract.context import ArticleContext
from kg.extract.mentions import PersonMention, SentenceMentions
from kg.extract.model import IRI, LangText
from kg.extract.sentences import Sentence
from kg.language.lexicon import Lexicon

__all__ = ["Quote", "add_statements", "find_quotes"]

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


# -- indirect speech --------------------------------------------------------------------


def _person_ending(sm: SentenceMentions, end: int, slack: int) -> PersonMention | None:
    """The last person whose name ends at most ``slack`` tokens before token ``end``."""
    best = None
    for pm in sm.persons:
        if pm.end <= end and end - pm.end <= slack:
            best = pm
    return best


def _last_person_before(idx: _Index, pos: int) -> str | None:
    earlier = idx.persons_between(0, pos)
    return idx.ctx.person_key(earlier[-1][2]) if earlier else None


def _complementizer(sm: SentenceMentions, j: int, lex: Lexicon) -> int:
    """ "told the Governor that …": skip a short object up to a complementizer."""
    for k in range(j, min(len(sm.words), j + 6)):
        if sm.words[k] in lex.complementizers:
            return k
        if sm.words[k] in (",", ".", ";"):
            break
    return j


def _titled_speaker(idx: _Index, sm: SentenceMentions, i: int) -> str | None:
    """ "The ambassador said …", "Konjen menilai …": a bare title before the verb names
    the person who held that title last in the article."""
    ctx = idx.ctx
    bare = next((t for t in sm.titles if t.holder is None and t.end <= i and i - t.end <= 1), None)
    if bare is None:
        return None
    for s_mentions in reversed(ctx.mentions[: sm.sentence.index + 1]):
        for tm in reversed(s_mentions.titles):
            if tm.role == bare.role and tm.holder is not None and tm is not bare:
                return ctx.person_key(tm.holder)
    return None


def _clause_start(sm: SentenceMentions, k: int, lex: Lexicon) -> int:
    """Skip what separates a cue from the reported words: commas, colons, "bahwa",
    "kepada wartawan", a date in brackets."""
    words, n = sm.words, len(sm.words)
    while k < n:
        hit = lex.reported_objects.match(words, k)
        if hit is not None:
            k += hit[0]
        elif words[k] in (",", ":", "—", "-") or words[k] in lex.complementizers:
            k += 1
        else:
            break
    return k


def _indirect(idx: _Index, s: Sentence, sm: SentenceMentions) -> tuple[str, int, int, str] | None:
    """(speaker, start, end, cue) of the reported speech in one sentence, if any."""
    ctx, lex = idx.ctx, idx.ctx.lex
    words, toks, n = sm.words, sm.tokens, len(sm.words)
    if n < _MIN_WORDS + 2:
        return None
    last = n - 1 if words[-1] in (".", "!", "?") else n
    firsts = _cue_firsts(lex)
    for i in range(n):
        w = words[i]
        if w not in firsts and not (ctx.lang == "en" and w == ","):
            continue
        # Menurut X, … / According to X, …
        hit = lex.according_to.match(words, i)
        if hit is not None and (i == 0 or words[i - 1] in (",",) or not toks[i - 1].is_word):
            j = i + hit[0]
            pm = next((p for p in sm.persons if p.start == j), None)
            speaker = ctx.person_key(pm) if pm is not None else None
            pronoun_next = j < n and (words[j] in lex.pronouns or words[j] in lex.pronoun_forms)
            if pm is None and (pronoun_next or w in lex.pronoun_forms):  # "Menurutnya, …"
                speaker = _last_person_before(idx, toks[i].start)
            comma = next((k for k in range(j, min(n, j + 25)) if words[k] == ","), None)
            if speaker and comma is not None:
                start = _clause_start(sm, comma + 1, lex)
                if start < last:
                    return speaker, toks[start].start, toks[last - 1].end, sm.text(i, i + hit[0])
        # X mengatakan, … / X said (that) …
        hit = lex.indirect_verbs.match(words, i)
        if hit is not None and i > 0 and not toks[i].is_cap:
            j = i + hit[0]
            start = _clause_start(sm, _complementizer(sm, j, lex), lex)
            pm = _person_ending(sm, i, 12)
            # "X mengatakan, …", "X mengatakan bahwa …"; "Wagub Aminuddin mengatakan kedua …"
            # right after the name; "X said the city …"
            bare = lex.indirect_verbs_bare.match(words, i) is not None and (
                (pm is not None and i - pm.end <= 2) or words[i - 1] in lex.pronouns
            )
            if (start > j or bare) and start < last - _MIN_WORDS + 1:
                speaker = ctx.person_key(pm) if pm is not None else None
                if pm is None and (
                    words[i - 1] in lex.pronouns or (i >= 2 and words[0] in lex.pronouns)
                ):
                    speaker = _last_person_before(idx, toks[i].start)
                if speaker is None:
                    speaker = _titled_speaker(idx, sm, i)
                if speaker:
                    return speaker, toks[start].start, toks[last - 1].end, sm.text(i, j)
        # …, kata X. / …, he said.
        hit = lex.speech_after.match(words, i)
        if hit is not None and i >= _MIN_WORDS and words[i - 1] == "," and not toks[i].is_cap:
            j = i + hit[0]
            pm = next((p for p in sm.persons if p.start == j), None) or _person_ending(sm, i, 0)
            speaker = ctx.person_key(pm) if pm is not None else None
            if speaker is None and (w in lex.pronoun_forms or (j < n and words[j] in lex.pronouns)):
                speaker = _last_person_before(idx, toks[i].start)
            if speaker:
                return speaker, toks[0].start, toks[i - 1].start, sm.text(i, j)
        if ctx.lang == "en" and i > 0 and words[i - 1] == "," and i + 1 < n:
            # "…, Zhang said." / "…, he said."
            hit = lex.speech_after.match(words, i + 1)
            if hit is not None and (
                words[i] in lex.pronouns or any(p.start == i for p in sm.persons)
            ):
                pm = next((p for p in sm.persons if p.start == i), None)
                speaker = (
                    ctx.person_key(pm)
                    if pm is not None
                    else _last_person_before(idx, toks[i].start)
                )
                if speaker and i - 1 >= _MIN_WORDS:
                    return speaker, toks[0].start, toks[i - 1].start, sm.text(i + 1, i + 1 + hit[0])
    return None


_FIRSTS: dict[str, frozenset[str]] = {}


def _cue_firsts(lex: Lexicon) -> frozenset[str]:
    """First words of every cue :func:`_indirect` looks for: other words are skipped."""
    found = _FIRSTS.get(lex.lang)
    if found is None:
        found = _FIRSTS[lex.lang] = frozenset(
            [*lex.according_to.by_first, *lex.indirect_verbs.by_first, *lex.speech_after.by_first]
        )
    return found


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
