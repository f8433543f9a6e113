"""Reading PFSA-ID: BILOU-tagged tokens back into articles with their gold persons, roles and
statements (spans, detokenizing, the speaker of each statement).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import SourceError
from kg.language.lexicon import lexicon
from kg.resolve.names import canonical_name

__all__ = [
    "GoldArticle",
    "GoldStatement",
    "Span",
    "count_articles",
    "detokenize",
    "name_words",
    "read_pfsa",
    "spans",
]

_QUOTES = frozenset("\"“”„‟«»‘’'")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{")
_NON_WORD = re.compile(r"[\W_]+")
_PRONOUNS = frozenset({"ia", "dia", "beliau", "nya", "mereka", "saya", "aku", "kami", "pihaknya"})


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled run of tokens ``[start, end)`` (token indices within one article).

    >>> Span("PERSON", 0, 2).end
    2
    """

    label: str
    start: int
    end: int


@dataclass(slots=True)
class GoldStatement:
    """An annotated statement: its characters, whether it is quoted, and who said it.

    >>> GoldStatement(0, 12, direct=False, speaker=("roland", "manurung")).direct
    False
    """

    start: int
    end: int
    direct: bool
    speaker: tuple[str, ...] | None


@dataclass(slots=True)
class GoldArticle:
    """One article rebuilt from the tokens, with what the annotators marked in it.

    >>> GoldArticle("Pasar itu aman.", line=1).persons
    set()
    """

    text: str
    line: int  # line of the file where the article starts
    persons: set[tuple[str, ...]] = field(default_factory=set)
    pairs: set[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=set)
    statements: list[GoldStatement] = field(default_factory=list)


# -- reading ----------------------------------------------------------------------------


def spans(tagged: list[tuple[str, str]]) -> list[Span]:
    """The labelled spans of BILOU-tagged tokens (a stray ``I-``/``L-`` opens a span too).

    >>> spans([("Zhang", "B-PERSON"), ("Min", "L-PERSON"), ("said", "U-CUE")])
    [Span(label='PERSON', start=0, end=2), Span(label='CUE', start=2, end=3)]
    """
    out: list[Span] = []
    open_label: str | None = None
    start = 0
    for i, (_, tag) in enumerate(tagged):
        prefix, _, label = tag.partition("-")
        if prefix in ("B", "U") or (prefix in ("I", "L") and open_label != label):
            if open_label is not None:
                out.append(Span(open_label, start, i))
            open_label, start = label, i
        elif prefix == "O" or not label:
            if open_label is not None:
                out.append(Span(open_label, start, i))
            open_label = None
            continue
        if prefix in ("L", "U"):
            out.append(Span(label, start, i + 1))
            open_label = None
    if open_label is not None:
        out.append(Span(open_label, start, len(tagged)))
    return out


def _glued(prev: str, tok: str) -> bool:
    """Whether ``tok`` is written without a space before it: punctuation, and the parts
    of "21/2/2022" and "Covid-19" that the tokenizer split."""
    return (
        tok in _NO_SPACE_BEFORE
        or prev in _NO_SPACE_AFTER
        or tok in ("/", "-")
        or prev in ("/", "-")
    )


def _layout(
    words: list[str], opening: set[int], breaks: set[int]
) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``words`` and each word's character span; a paragraph starts at each
    index in ``breaks``; ``opening`` holds the indices of opening quote marks."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, tok in enumerate(words):
        sep = ""
        if i in breaks and i:
            sep = "\n\n"
        elif i:
            prev = words[i - 1]
            closing = tok in _QUOTES and i not in opening
            after_open = prev in _QUOTES and (i - 1) in opening
            if not (closing or after_open or _glued(prev, tok)):
                sep = " "
        pos += len(sep)
        parts.append(sep)
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def detokenize(tokens: list[str], opening: set[int] | None = None) -> str:
    """Tokens back to text; ``opening`` holds the indices of opening quote marks.

    >>> detokenize(["Senin", "(", "21", "/", "2", "/", "2022", ")", "."])
    'Senin (21/2/2022).'
    """
    return _layout(tokens, opening or set(), set())[0]


def name_words(name: str, strip: bool = False) -> tuple[str, ...]:
    """A name's words, casefolded without accents or punctuation; ``strip`` drops leading
    ranks and honorifics and trailing academic degrees (as the annotators included them).

    >>> name_words("AKBP Roland Manurung, S.H.", strip=True)
    ('roland', 'manurung')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    if strip:
        lex = lexicon("id")
        # honorifics the name resolver drops ("Raden", "Haji") and academic degrees
        text = canonical_name(text.split(",")[0]).casefold() or text.split(",")[0]
        words = tuple(w for w in _NON_WORD.split(text) if w)
        prefixes = {tuple(w for w in _NON_WORD.split(h) if w) for h in lex.honorifics}
        prefixes |= set(lex.ranks.entries) | {(w,) for w in lex.rank_suffixes}
        longest = max(len(p) for p in prefixes)
        changed = True
        while changed and len(words) > 1:
            changed = False
            for n in range(min(longest, len(words) - 1), 0, -1):
                if words[:n] in prefixes:
                    words = words[n:]
                    changed = True
                    break
        return words
    return tuple(w for w in _NON_WORD.split(text) if w)


def _sentences(path: Path) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    current: list[tuple[str, str]] = []
    first = 0
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip():
                if current:
                    yield first, current
                current = []
                continue
            parts = line.split("\t")
            if len(parts) != 2 or not parts[0]:
                raise SourceError(f"{path}:{number}", f"expected 'token<TAB>tag', got {line!r}")
            if not current:
                first = number
            current.append((parts[0], parts[1]))
    if current:
        yield first, current


def _articles(path: Path) -> Iterator[tuple[int, list[list[tuple[str, str]]]]]:
    """Sentences grouped per article: each article's lead carries the one ``ISSUE`` span."""
    article: list[list[tuple[str, str]]] = []
    start = 0
    for line, sentence in _sentences(path):
        starts_issue = any(tag in ("B-ISSUE", "U-ISSUE") for _, tag in sentence)
        if starts_issue and article:
            yield start, article
            article = []
        if not article:
            start = line
        article.append(sentence)
    if article:
        yield start, article


def _build(line: int, sentences: list[list[tuple[str, str]]]) -> GoldArticle:
    """Rebuild the text: sentences within a quotation stay in one paragraph; a quote mark
    left at the end of a sentence (the tokenizer's split of ``. ”Saya``) opens the next one."""
    tagged: list[tuple[str, str]] = []
    breaks: list[int] = []  # token index where a paragraph starts
    opening: set[int] = set()
    depth = 0
    for sentence in sentences:
        toks = list(sentence)
        moved: tuple[str, str] | None = None
        inside = depth % 2 == 1  # this sentence continues a quotation
        for k, (tok, _) in enumerate(toks):
            if tok in '"“”«»':
                if depth % 2 == 0 and k == len(toks) - 1 and k > 0:
                    moved = toks[k]  # the opening quote of the next sentence
                    break
                if depth % 2 == 0:
                    opening.add(len(tagged) + k)
                depth += 1
        if moved is not None:
            toks = toks[:-1]
        if not inside or not tagged:
            breaks.append(len(tagged))
        tagged.extend(toks)
        if moved is not None:
            opening.add(len(tagged))
            depth += 1
            breaks.append(len(tagged))
            tagged.append(moved)
    text, offsets = _layout([t for t, _ in tagged], opening, set(breaks))
    gold = GoldArticle(text=text, line=line)
    _annotate(gold, tagged, offsets)
    return gold


def _sentence_of(text: str, offsets: list[tuple[int, int]]) -> list[int]:
    """A sentence number per token: sentences end at . ! ? or a paragraph break."""
    out: list[int] = []
    n = 0
    for i, (a, _) in enumerate(offsets):
        if i and (text[offsets[i - 1][1] : a].count("\n") or text[offsets[i - 1][0]] in ".!?"):
            n += 1
        out.append(n)
    return out


def _annotate(
    gold: GoldArticle, tagged: list[tuple[str, str]], offsets: list[tuple[int, int]]
) -> None:
    found = spans(tagged)
    text = gold.text
    sent = _sentence_of(text, offsets)

    def surface(sp: Span) -> str:
        return text[offsets[sp.start][0] : offsets[sp.end - 1][1]]

    persons = [sp for sp in found if sp.label == "PERSON"]
    for sp in persons:
        words = name_words(surface(sp), strip=True)
        if words:
            gold.persons.add(words)
    # person-title pairs: ROLE [AFFILIATION] PERSON, or PERSON , ROLE
    ordered = sorted(found, key=lambda s: s.start)
    for k, sp in enumerate(ordered):
        if sp.label != "PERSON":
            continue
        person = name_words(surface(sp), strip=True)
        before = [s for s in ordered[max(0, k - 3) : k] if sent[s.start] == sent[sp.start]]
        role = None
        if before and before[-1].label == "AFFILIATION" and len(before) > 1:
            if before[-2].label == "ROLE" and before[-2].end <= before[-1].start:
                role = before[-2]
        elif before and before[-1].label == "ROLE":
            role = before[-1]
        if role is not None and _gap_ok(tagged, role.end, sp.start, before):
            gold.pairs.add((person, name_words(surface(role))))
            continue
        after = ordered[k + 1] if k + 1 < len(ordered) else None
        if (
            after is not None
            and after.label == "ROLE"
            and after.start == sp.end + 1
            and tagged[sp.end][0] == ","
        ):
            gold.pairs.add((person, name_words(surface(after))))
    _statements(gold, ordered, tagged, offsets, sent, surface)


def _gap_ok(tagged: list[tuple[str, str]], end: int, start: int, between: list[Span]) -> bool:
    """Only an affiliation, commas or brackets between a role and its holder."""
    covered = {i for s in between for i in range(s.start, s.end)}
    return all(i in covered or tagged[i][0] in ",()" for i in range(end, start))


def _statements(
    gold: GoldArticle,
    ordered: list[Span],
    tagged: list[tuple[str, str]],
    offsets: list[tuple[int, int]],
    sent: list[int],
    surface: Callable[[Span], str],
) -> None:
    persons = [s for s in ordered if s.label == "PERSON"]
    people = [s for s in ordered if s.label in ("PERSON", "PERSONCOREF")]

    def resolve(sp: Span) -> tuple[str, ...] | None:
        words = name_words(surface(sp), strip=True)
        if sp.label == "PERSON":
            return words
        earlier = [p for p in persons if p.start < sp.start]
        if words and not set(words) <= _PRONOUNS:
            named = [p for p in persons if set(words) <= set(name_words(surface(p), strip=True))]
            if named:
                return name_words(surface(named[-1]), strip=True)
        return name_words(surface(earlier[-1]), strip=True) if earlier else None

    previous: tuple[str, ...] | None = None
    previous_sentence = -10
    for st in ordered:
        if st.label != "STATEMENT":
            continue
        first, last = sent[st.start], sent[st.end - 1]
        near = [
            p
            for p in people
            if first <= sent[p.start] <= last and (p.end <= st.start or p.start >= st.end)
        ]
        speaker: tuple[str, ...] | None = None
        if near:
            closest = min(near, key=lambda p: min(abs(p.start - st.end), abs(st.start - p.end)))
            speaker = resolve(closest)
        else:
            # "”…,” katanya.": the person named last before the quote, in this or the
            # two sentences before ("X mengatakan, … ”…,” ujarnya": X, although only the
            # quote is annotated); else the speaker of the statement before
            earlier = [p for p in people if p.end <= st.start]
            if earlier and first - sent[earlier[-1].start] <= 2:
                speaker = resolve(earlier[-1])
            elif previous is not None and first - previous_sentence <= 3:
                speaker = previous
            else:
                speaker = resolve(earlier[-1]) if earlier else None
        toks = [t for t, _ in tagged[st.start : st.end]]
        before = tagged[st.start - 1][0] if st.start else ""
        direct = bool({toks[0], toks[-1], before} & _QUOTES)
        gold.statements.append(
            GoldStatement(offsets[st.start][0], offsets[st.end - 1][1], direct, speaker)
        )
        if speaker is not None:
            previous, previous_sentence = speaker, last


def count_articles(path: Path | str) -> int:
    """How many articles a PFSA-ID file holds (for a progress bar).

    >>> from kg.config import PROJECT_DIR
    >>> count_articles(PROJECT_DIR / "tests" / "data" / "pfsa" / "tiny.txt")
    2
    """
    return sum(1 for _ in _articles(Path(path)))


def read_pfsa(path: Path | str) -> Iterator[GoldArticle]:
    """The articles of a PFSA-ID file, rebuilt, with their annotations.

    >>> from kg.config import PROJECT_DIR
    >>> first = next(read_pfsa(PROJECT_DIR / "tests" / "data" / "pfsa" / "tiny.txt"))
    >>> first.text[:36], ("roland", "manurung") in first.persons
    ('MEDAN, KOMPAS — Wali Kota Medan memb', True)
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError(str(path), "no such PFSA-ID file")
    for line, sentences in _articles(path):
        yield _build(line, sentences)
