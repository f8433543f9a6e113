"""People named in a context that says so (after an honorific, next to a speech verb, in an
apposition) and, in a second pass, names already recognised elsewhere in the article.
"""

from __future__ import annotations

from kg.extract.mentions.model import PersonMention, SentenceMentions
from kg.extract.mentions.names import (
    _honorific_end,
    _nameish,
    _pair_hyphen,
    name_run,
    name_start,
    person_at,
    person_ending,
)
from kg.extract.mentions.places import _street
from kg.language.lexicon import Lexicon
from kg.resolve.names import canonical_name


def find_persons(sm: SentenceMentions, lex: Lexicon) -> None:
    words, toks = sm.words, sm.tokens
    n = len(words)
    seen: list[tuple[int, int]] = []

    def add(pm: PersonMention | None) -> None:
        if pm is None or any(a < pm.end and pm.start < b for a, b in seen):
            return
        sm.persons.append(pm)
        seen.append((pm.start, pm.end))
        if pm.end + 1 < n and words[pm.end] == "-" and _pair_hyphen(sm, pm.start, pm.end, lex):
            # the running mate after the hyphen is a person too
            add(person_at(sm, pm.end + 1, lex, pm.how))

    for tm in sm.titles:
        add(tm.holder)
    _initial_apposition(sm, lex, add)
    taken = [(tm.start, tm.end) for tm in sm.titles] + [(a, b) for _, a, b in sm.generic]
    honor = lex.honorific_table
    interesting = lex.person_cue_words
    for i in range(n):
        if words[i] not in interesting or any(a <= i < b for a, b in taken):
            continue
        if (
            honor.match(words, i)
            and toks[i].is_cap
            and (i == 0 or words[i - 1] != "-")
            and not _street(lex, words, i)  # "Jalan Jenderal Sudirman"
        ):
            pm = person_at(sm, i, lex, "honorific")
            if pm is not None and _honorific_end(sm, i, lex) > i:
                add(pm)
        hit = lex.speech_after.match(words, i)
        # "Menurut X, …", "According to X, …" open a sentence with a capital
        if hit and (not toks[i].is_cap or lex.according_to.match(words, i)):
            j = i + hit[0]
            if j < n and lex.roles.match(words, j) is None:
                add(person_at(sm, j, lex, "speech"))
        hit = lex.speech_before.match(words, i)
        if hit and i > 0:
            add(person_ending(sm, i, lex, "speech"))
        # "Yanti (52), pedagang kain": a name followed by an age
        if (
            words[i] == "("
            and i + 2 < n
            and toks[i + 1].text.isdigit()
            and len(toks[i + 1].text) <= 3
            and words[i + 2] == ")"
        ):
            add(person_ending(sm, i, lex, "age"))
        # "Lim Siew Ling, 42, said": a name followed by an age between commas
        if (
            words[i] == ","
            and i + 2 < n
            and toks[i + 1].text.isdigit()
            and len(toks[i + 1].text) <= 2
            and words[i + 2] == ","
        ):
            add(person_ending(sm, i, lex, "age"))
        # "Lulusan terbaik tahun ini, Angelina Tefa, diterima": an apposition of two or more names
        if (
            words[i] == ","
            and i > 0
            and ((toks[i - 1].is_word and not toks[i - 1].is_cap) or words[i - 1] == ")")
        ):
            # "… (UNJ), Rakhmat Hidayat, mengapresiasi"
            _apposition_names(sm, i + 1, lex, add)
        elif words[i] == "," and i > 0 and _apposed_before_verb(sm, i + 1, lex):
            # "pemerhati sosial dari Universitas Indonesia, Devie Rahmawati, mengamini …"
            _apposition_names(sm, i + 1, lex, add)


def _initial_apposition(sm: SentenceMentions, lex: Lexicon, add) -> None:  # type: ignore[no-untyped-def]
    """ "Bambang Purnomo, the ministry's director general, said": a name opening the
    sentence, followed by a comma and a title."""
    words = sm.words
    end = name_run(sm, 0, lex)
    if end < 2 or end >= len(words) or words[end] != ",":
        return
    if any(p.start < end for p in sm.places):
        return
    for k in range(end + 1, min(len(words), end + 8)):
        if (
            lex.roles.match(words, k)
            or lex.other_titles.match(words, k)
            or (k == end + 1 and lex.person_descriptors.match(words, k))
        ):
            add(
                PersonMention(
                    canonical_name(sm.text(0, end)), sm.text(0, end), 0, end, "apposition"
                )
            )
            return


def _apposed_before_verb(sm: SentenceMentions, j: int, lex: Lexicon) -> bool:
    """Whether a name at ``j`` stands between commas before a lowercase word, after a
    lowercase description ("pemerhati sosial dari UI, Devie Rahmawati, mengamini")."""
    end = name_run(sm, j, lex)
    n = len(sm.words)
    if end - j < 2 or end + 1 >= n or sm.words[end] != ",":
        return False
    nxt = sm.tokens[end + 1]
    if not nxt.is_word or nxt.is_cap:
        return False
    return any(
        lex.person_descriptors.match(sm.words, k) or lex.other_titles.match(sm.words, k)
        for k in range(max(0, j - 12), j - 1)
        if not sm.tokens[k].is_cap
    )


def _apposition_names(sm: SentenceMentions, j: int, lex: Lexicon, add) -> None:  # type: ignore[no-untyped-def]
    n = len(sm.words)
    found: list[PersonMention] = []
    while j < n:
        end = name_run(sm, j, lex)
        if end - j < 2 or any(p.start < end and j < p.end for p in sm.places):
            return
        if any(
            lex.units.match(sm.words, k) or lex.organisation_words.match(sm.words, k)
            for k in range(j, end)
        ):
            return
        name = canonical_name(sm.text(j, end))
        found.append(PersonMention(name, sm.text(j, end), j, end, "apposition"))
        if end < n and (
            sm.words[end] in lex.and_words
            or sm.words[end] in lex.and_also_words
            or (sm.words[end] == "-" and _pair_hyphen(sm, j, end, lex))
        ):
            j = end + 1
            continue
        if end >= n or sm.words[end] not in (",", ".", ";"):
            return
        break
    for pm in found:
        add(pm)


def find_known_persons(
    sm: SentenceMentions, lex: Lexicon, known: dict[tuple[str, ...], str]
) -> None:
    """Second pass: runs made only of tokens of a name recognised elsewhere in the article."""
    if not known:
        return
    known_tokens = {w for key in known for w in key}
    i = 0
    n = len(sm.tokens)
    while i < n:
        if any(p.start <= i < p.end for p in sm.persons) or sm.words[i] not in known_tokens:
            i += 1
            continue
        if not sm.tokens[i].is_cap or any(p.start <= i < p.end for p in sm.places):
            i += 1
            continue
        end = i
        while end < n and sm.words[end] in known_tokens and sm.tokens[end].is_cap:
            end += 1
        surface = sm.text(i, end)
        sm.persons.append(PersonMention(canonical_name(surface), surface, i, end, "known"))
        i = end


def expand_short_names(mentions: list[SentenceMentions], lex: Lexicon) -> None:
    """Full forms of names recognised only in short ("kata Rakhmat"): the article writes the
    full name once without a cue ("Pengajar sosiologi UNJ, Rakhmat Hidayat, mengapresiasi").

    The first capitalised run of two or more name words that contains the short name, and
    that no organisation word or place opens, becomes a person; the short form then resolves
    to it (:func:`kg.resolve.coref.resolve_names`).
    """
    names = [p.name for sm in mentions for p in sm.persons]
    longer = {w.lower() for n in names if len(n.split()) > 1 for w in n.split()}
    singles = {n.lower() for n in names if len(n.split()) == 1} - longer
    if not singles:
        return
    for sm in mentions:
        if singles.isdisjoint(sm.words):
            continue
        for i, w in enumerate(sm.words):
            if w not in singles or not sm.tokens[i].is_cap:
                continue
            if any(p.start <= i < p.end for p in sm.persons):
                continue
            start = i
            while start > 0 and i - start < 3 and _nameish(sm, start - 1, lex):
                start -= 1
            end = name_run(sm, i, lex)
            if end - start < 2 or end - i > 4:
                continue
            start = name_start(sm, start, end, lex)
            if start > i or end - start < 2 or (end < len(sm.words) and sm.tokens[end].is_cap):
                continue
            if any(p.start < end and start < p.end for p in sm.places) and start == i:
                continue
            surface = sm.text(start, end)
            name = canonical_name(surface)
            if name and len(name.split()) >= 2:
                sm.persons.append(PersonMention(name, surface, start, end, "known"))
                sm.persons.sort(key=lambda p: p.start)
                singles.discard(w)
            break
