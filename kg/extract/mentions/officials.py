"""Other officials' titles: a title run with its unit and organisation, ending at the holder's
name ("Kepala Unit Reserse Kriminal | Kepolisian Sektor Tamansari | Ajun Komisaris | Roland
Manurung").
"""

from __future__ import annotations

from kg.extract.mentions.model import PersonMention, SentenceMentions, TitleMention
from kg.extract.mentions.names import (
    _acronym,
    _inside_name,
    _rank_before,
    name_start,
    person_at,
    rank_at,
)
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import Place
from kg.resolve.names import is_postnominal


def _last_country_before(sm: SentenceMentions, i: int) -> Place | None:
    found = [p.place for p in sm.places if p.end <= i and p.place.kind == "Country"]
    return found[-1] if found else None


def _complement_run(sm: SentenceMentions, k: int, lex: Lexicon) -> int:
    """End of the capitalised run after a title: units, bracketed short forms, the
    organisation, a rank and a name ("Reserse Kriminal Umum (Dirreskrimum) Polda Riau
    Kombes Pol Asep Darmawan Saputra")."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    j = k
    while j < n and j - k < 24:
        t = toks[j]
        if t.is_word and (t.is_cap or t.text[0].isdigit()):
            j += 1
        elif words[j] == "(":
            close = next((c for c in range(j + 1, min(n, j + 5)) if words[c] == ")"), None)
            if close is None:
                break
            j = close + 1
        elif (
            j > k
            and j + 1 < n
            and (words[j] in lex.name_run_joiners or _inside_name(sm, j))
            and (toks[j + 1].is_cap or toks[j + 1].text[0].isdigit())
        ):
            j += 1
        else:
            break
    return j


def _official(
    sm: SentenceMentions, tm: TitleMention, k: int, lex: Lexicon
) -> tuple[PersonMention, int, int] | None:
    """The holder named at the end of an official's title run, and where the organisation
    starts and ends: "Kepala Unit Reserse Kriminal | Kepolisian Sektor Tamansari | Ajun
    Komisaris | Roland Manurung"."""
    end = _complement_run(sm, k, lex)
    if end <= k:
        return None
    start = name_start(sm, k, end, lex, after_title=True)
    n = len(sm.words)
    if start >= end or (end < n and sm.tokens[end].is_cap):
        return None
    if end + 1 < n and sm.words[end] == ",":
        after = person_at(sm, end + 1, lex, "title")
        upto = next((j for j in range(end + 1, n) if sm.words[j] == ","), n)
        if after is not None and not is_postnominal(sm.text(end + 1, upto)):
            return None  # "Direktur Utama PT Bukit Asam, Budi Hartanto": the name follows
    holder = person_at(sm, start, lex, "title", split=False)
    if holder is None or holder.end != end:
        return None
    # the rank and honorifics before the name are neither name nor organisation
    org_end = start
    for j in range(k, start):
        if rank_at(sm, j, lex) > j:
            org_end = j
            break
    if not holder.rank:
        holder.rank = _rank_before(sm, org_end, start, lex)
    org_start = next(
        (
            j
            for j in range(k, org_end)
            if lex.organisation_starts.match(sm.words, j)
            or _acronym(sm.tokens[j])
            or sm.place_at(j) is not None
        ),
        org_end,
    )
    bracket = next((j for j in range(k, org_end) if sm.words[j] == "("), None)
    if org_start == k and bracket is not None:
        # "Kepala Kepolisian Daerah (Kapolda) Riau": the title names the body it heads
        org_start = bracket
    return holder, org_start, org_end


def _apply_official(
    sm: SentenceMentions,
    tm: TitleMention,
    found: tuple[PersonMention, int, int],
    words_end: int,
    lex: Lexicon,
) -> None:
    """Title up to the organisation (at least its own words ``tm.start:words_end``),
    the organisation, its place as jurisdiction, and the holder."""
    holder, org_start, org_end = found
    title_end = org_start
    while title_end > tm.start + 1 and sm.words[title_end - 1] in (")", "("):
        # "Direktur Reserse Kriminal Umum (Dirreskrimum)": the short form is no part
        title_end = next(
            (j for j in range(title_end - 1, tm.start, -1) if sm.words[j] == "("), title_end
        )
    title_end = max(words_end, _strip_trailing_connectors(sm, tm.start, title_end, lex))
    tm.title = sm.text(tm.start, title_end)
    kept = [
        j
        for j in range(org_start, org_end)
        if not _in_brackets(sm, j, org_start) and sm.words[j] not in "()"
    ]
    if kept:
        tm.organisation = " ".join(sm.tokens[j].text for j in kept)
    if tm.jurisdiction is None:
        for j in range(org_start, org_end):
            pm = sm.place_at(j)
            if pm is not None and pm.place.kind != "Country":
                tm.jurisdiction = pm.place
                break
    tm.end = org_end
    tm.holder = holder


def _in_brackets(sm: SentenceMentions, j: int, lo: int) -> bool:
    opened = False
    for k in range(lo, j):
        if sm.words[k] == "(":
            opened = True
        elif sm.words[k] == ")":
            opened = False
    return opened


def _strip_trailing_connectors(sm: SentenceMentions, start: int, end: int, lex: Lexicon) -> int:
    while end > start and (
        sm.words[end - 1] in lex.connectors or (sm.words[end - 1],) in lex.place_cues_before
    ):
        end -= 1
    return end
