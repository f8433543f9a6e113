"""Indirect statements: reported speech without quote marks (``X mengatakan, ...``, ``X said
(that) ...``, ``Menurut X, ...``, ``..., kata X.``) and its speaker.
"""

from __future__ import annotations

from kg.extract.mentions import PersonMention, SentenceMentions
from kg.extract.sentences import Sentence
from kg.extract.statements.direct import _MIN_WORDS, _Index
from kg.language.lexicon import Lexicon


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
    firsts = lex.statement_cue_firsts
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
