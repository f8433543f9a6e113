"""Where a person's name starts and ends in a run of capitalised words: ranks, honorifics,
organisations before the name, particles and hyphens inside it. The building blocks of
:mod:`~kg.extract.mentions.titles`, :mod:`~kg.extract.mentions.officials` and
:mod:`~kg.extract.mentions.persons`.
"""

from __future__ import annotations

from kg.extract.mentions.model import PersonMention, SentenceMentions
from kg.extract.mentions.places import _resolve
from kg.language.lexicon import Lexicon, lexicon
from kg.language.tokens import Token
from kg.resolve.gazetteer import gazetteer
from kg.resolve.names import canonical_name, is_postnominal


def _nameish(sm: SentenceMentions, i: int, lex: Lexicon) -> bool:
    t = sm.tokens[i]
    if not (t.is_word and t.is_cap) or t.text[0].isdigit():
        return False
    if t.norm in lex.stop_words:
        return False
    return lex.roles.match(sm.words, i) is None and lex.other_titles.match(sm.words, i) is None


def _honorific_end(sm: SentenceMentions, i: int, lex: Lexicon) -> int:
    """Skip honorifics ("Bapak", "H.", "Dr.", "Dato' Sri") starting at ``i``."""
    words = sm.words
    honor = lex.honorific_table
    while i < len(words):
        hit = honor.match(words, i)
        if hit is None or not sm.tokens[i].is_cap:
            break
        j = _rank_suffix_end(sm, i + hit[0], lex)
        while j < len(words) and words[j] in (".", "'", "’"):
            j += 1
        # an honorific must be followed by a name, not be the name itself
        if j >= len(words) or not sm.tokens[j].is_cap:
            break
        i = j
    return i


def _rank_suffix_end(sm: SentenceMentions, j: int, lex: Lexicon) -> int:
    """Skip what may follow a rank: "Pol", "TNI", "(Purn)", a corps ("Inf")."""
    words, n = sm.words, len(sm.words)
    while j < n:
        if words[j] in lex.rank_suffixes and sm.tokens[j].is_cap:
            j += 1
        elif (
            words[j] == "("
            and j + 2 < n
            and words[j + 2] == ")"
            and words[j + 1] in lex.rank_suffixes
        ):
            j += 3
        else:
            break
    return j


def rank_at(sm: SentenceMentions, i: int, lex: Lexicon) -> int:
    """End of a police or military rank at ``i`` that stands before a name, else ``i``.

    A rank is capitalised and followed (after "Pol", "TNI", "(Purn)") by a capitalised
    word: "Ajun Komisaris Roland", "Kombes Pol Yusri", "Brigjen TNI (Purn) Budi".
    """
    hit = lex.ranks.match(sm.words, i)
    if hit is None or not sm.tokens[i].is_cap:
        return i
    title = lex.other_titles.match(sm.words, i)
    if title is not None and title[0] > hit[0]:
        return i  # "Komisaris Utama PT X": a company title, not the rank Komisaris
    j = _rank_suffix_end(sm, i + hit[0], lex)
    while j < len(sm.words) and sm.words[j] == ".":
        j += 1
    if j < len(sm.tokens) and sm.tokens[j].is_cap and sm.tokens[j].is_word:
        return j
    return i


def _rank_spans(sm: SentenceMentions, lex: Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    firsts = lex.ranks.by_first
    toks = sm.tokens
    for i, w in enumerate(sm.words):
        if w in firsts and toks[i].is_cap and not (spans and spans[-1][1] > i):
            end = rank_at(sm, i, lex)
            if end > i:
                spans.append((i, end))
    return spans


def _place_word(text: str, after_organisation: bool) -> bool:
    """Whether one capitalised word names a place in the gazetteer: any place right after
    an organisation and before a full name, else only a country (a city's or a province's
    name may be a given name: "Piter Abdullah", "Sebastian Salang")."""
    if len(text) < 3:
        return False
    place = _resolve(gazetteer(), text, None, False)
    if place is None:
        return False
    return after_organisation or place.kind == "Country"


def _acronym(t: Token) -> bool:
    return t.is_word and t.is_upper and len(t.text) >= 2 and t.text.isalpha()


def _abbreviated(t: Token) -> bool:
    """ "Muh.", "Moh.", "Abd.": a given name written short."""
    return t.norm in lexicon("id").name_abbreviations


def _inside_name(sm: SentenceMentions, k: int) -> bool:
    """Punctuation that belongs to a name: "Soo-yeon", "K. Ramesh", "Ma'ruf"."""
    toks = sm.tokens
    t = toks[k]
    if t.text in ("-", "'", "’") and 0 < k < len(toks) - 1:
        return toks[k - 1].end == t.start and toks[k + 1].start == t.end
    return t.text == "." and k > 0 and (len(toks[k - 1].text) == 1 or _abbreviated(toks[k - 1]))


def name_start(
    sm: SentenceMentions, start: int, end: int, lex: Lexicon, after_title: bool = False
) -> int:
    """Where the name starts in a capitalised run that may open with an organisation or a
    rank: "Bank OCBC NISP Parwati Surjaudaja" -> "Parwati", "Polda Metro Jaya Kombes Yusri
    Yunus" -> "Yusri". Returns ``end`` when no name is left."""
    words, toks = sm.words, sm.tokens
    breakers = lex.breakers
    b = start
    k = start
    after_rank = -1  # right after a rank the name starts, whatever the gazetteer says
    while k < end:
        t = toks[k]
        rank = rank_at(sm, k, lex)
        if rank > k:
            b = k = after_rank = rank
            while k < end and _acronym(toks[k]) and len(toks[k].text) <= 3:
                k += 1  # "Irjen RZ Panca": initials after a rank belong to the name
            continue
        known = lex.organisation_names.match(words, k)
        if known is not None and k + known[0] <= end:
            b = k = k + known[0]  # "Polda Metro Jaya": a whole organisation
            continue
        starter = lex.name_starters.match(words, k)
        if starter is not None and k > b and t.is_cap and k + starter[0] < end:
            # "Candi Borobudur I Gusti Putu Ngurah Sedana": a name's own first word
            b = k
            k += starter[0]
            continue
        pm = next((p for p in sm.places if p.start == k), None)
        if pm is not None:
            # "Kabupaten Malaka Yohanes Nahak", "DKI Jakarta Andri Yansyah", "Sulut Ardiles
            # Mewoh": a place that completes an organisation, or is followed by a full name
            follows = sum(1 for j in range(pm.end, min(end, pm.end + 2)) if toks[j].is_cap)
            strong = pm.place.kind != "City" or pm.end - pm.start > 1 or pm.cue
            # a one-word city before a single word may be a given name ("Sebastian Salang")
            if (b == k and (k > start or after_title) and (follows >= 2 or strong)) or (
                strong and follows >= 2
            ):
                b = max(b, pm.end)
                k = pm.end
                continue
        need = lex.organisation_starts_need_name.match(words, k)
        if need is not None and k + need[0] < end:
            b = max(b, k + need[0] + 1)  # "Masjid Istiqlal", "Bank Mandiri": a name follows
        elif (
            t.is_word
            and not t.is_cap
            and words[k] not in lex.name_particles
            and not (k > start and _inside_name(sm, k - 1))  # "Soo-yeon"
        ):
            # "Komunikasi dan Informatika": lowercase joins an organisation, and the word
            # after a conjunction is still the organisation's
            b = max(b, k + (2 if words[k] in lex.name_run_joiners else 1))
        elif b < k and _acronym(t) and len(t.text) <= 2 and k + 1 < end and toks[k + 1].is_cap:
            pass  # "Bambang PS Brodjonegoro", "Imam B Prasodjo": initials inside a name
        elif (
            (not t.is_word and not _inside_name(sm, k))
            or t.text[0].isdigit()
            or (_acronym(t) and not (b < k and len(t.text) <= 2 and k + 1 == end))
            or words[k] in breakers
            or lex.roles.match(words, k)
            or lex.other_titles.match(words, k)
        ):
            b = max(b, k + 1)
        elif pm is not None:
            k = pm.end  # a place inside a name: "Bambang Surya Putra"
            continue
        elif k > start and lex.honorific_table.match(words, k) and k + 1 < end:
            # "Rektor Unesa Prof Nurhasan": an honorific ends what stood before it
            b = k
        elif (
            t.is_cap
            and k != after_rank
            and _place_word(t.text, b == k and k > start and end - k > 2)
        ):
            # "(CORE) Indonesia Piter Abdullah": a place the finder left as part of a name
            b = max(b, k + 1)
        k += 1
    return min(b, end)


def _continues_name(sm: SentenceMentions, j: int, lex: Lexicon) -> bool:
    """Inside a name a capitalised function word is a name: "Steven Yang", "Liu Yang"."""
    t = sm.tokens[j]
    if not t.is_word or not t.is_cap or t.text[0].isdigit() or t.norm in lex.not_name_words:
        return False
    if t.norm in lex.function_words:
        return True
    # "Zhou Jun", "Li Mei": a month abbreviation inside a name, not before a day number
    nxt = sm.tokens[j + 1].text if j + 1 < len(sm.tokens) else ""
    return t.norm in lex.month_words and not nxt[:1].isdigit()


def name_run(sm: SentenceMentions, i: int, lex: Lexicon, max_len: int = 5) -> int:
    """End index of a run of name tokens starting at ``i`` (``i`` if none)."""
    toks = sm.tokens
    j = i
    n = len(toks)
    while j < n and j - i < max_len * 2:
        t = toks[j]
        if (
            _nameish(sm, j, lex)
            or (j > i and _continues_name(sm, j, lex))
            # "Dedie A Rachim": a one-letter initial inside a name
            or (
                j > i and len(t.text) == 1 and t.text.isupper() and j + 1 < n and toks[j + 1].is_cap
            )
        ):
            j += 1
            # an initial or an abbreviated given name: "A. Rahman", "Muh. Nasir Tombili"
            if (
                (len(t.text) == 1 or t.norm in lex.name_abbreviations)
                and j < n
                and toks[j].text == "."
                and j + 1 < n
                and toks[j + 1].is_cap
            ):
                j += 1
            continue
        if j > i and t.norm in lex.name_particles:
            # "van der Berg", "bin Omar": one or more particles before the next name word
            k = j + 1
            while k < n and k - j < 3 and toks[k].norm in lex.name_particles:
                k += 1
            if k < n and _nameish(sm, k, lex):
                j = k
                continue
        if j > i and t.text == "-" and _pair_hyphen(sm, i, j, lex):
            break  # "Rahmawati Yunus-Syahrul Amri": a ticket of two people
        if j > i and t.text == "-" and j + 1 < n and toks[j + 1].is_word:
            # "Soo-yeon", "Al-Farisi": a hyphen joins the parts of one name
            joined = toks[j - 1].end == t.start and toks[j + 1].start == t.end
            if joined or _nameish(sm, j + 1, lex):
                j += 2
                continue
        break
    while j > i and sm.tokens[j - 1].text in (".", "-"):
        j -= 1
    return j


def _pair_hyphen(sm: SentenceMentions, i: int, j: int, lex: Lexicon) -> bool:
    """Whether the hyphen at ``j`` joins two full names ("Yusri Erwin-Fauzi Rahman"): two
    name words before it (from ``i``) and two capitalised name words after it."""
    n = len(sm.tokens)
    before = sum(1 for k in range(i, j) if sm.tokens[k].is_cap and sm.tokens[k].is_word)
    return (
        before >= 2
        and j + 2 < n
        and sm.tokens[j + 1].is_cap
        and _nameish(sm, j + 1, lex)
        and sm.tokens[j + 2].is_cap
        and _nameish(sm, j + 2, lex)
    )


def person_at(
    sm: SentenceMentions, i: int, lex: Lexicon, how: str, split: bool = True
) -> PersonMention | None:
    """A person whose (honorific and) name starts at token ``i``; ``split`` looks for an
    organisation before the name (callers that found the name's start already do not)."""
    k = _honorific_end(sm, i, lex)
    if k == i and sm.tokens[i].is_upper and i + 1 < len(sm.tokens):
        # "PUBPP Datuk Zulkifli Hamzah": an acronym before an honorific names a body
        h = _honorific_end(sm, i + 1, lex)
        if h > i + 1:
            i, k = i + 1, h
    end = name_run(sm, k, lex)
    if end == k:
        return None
    inner = name_start(sm, k, end, lex) if split else k
    if inner >= end:
        return None
    if inner > k:
        # "Kepolisian Sektor Tamansari Ajun Komisaris Roland Manurung": the name is last
        i = k = _honorific_end(sm, inner, lex) if rank_at(sm, inner, lex) == inner else inner
        if k >= end:
            return None
    pm = sm.place_at(k)
    if pm is not None and (pm.end >= end or pm.place.kind == "Country"):
        return None  # the whole run is a place
    if end < len(sm.words) and (
        lex.roles.match(sm.words, end) or lex.other_titles.match(sm.words, end)
    ):
        return None  # "Home Affairs Minister": a portfolio or organisation before a title
    if end - k == 1 and sm.tokens[k].is_upper:
        return None  # "anggota PUBPP": a lone acronym names a body
    surface = sm.text(i, end)
    if is_postnominal(sm.text(k, end)):
        return None  # "S.E.", "M.M.": a degree after a name, not a person
    name = canonical_name(sm.text(k, end))
    if not name:
        return None
    return PersonMention(name, surface, i, end, how, _rank_before(sm, i, k, lex))


def _rank_before(sm: SentenceMentions, i: int, k: int, lex: Lexicon) -> str:
    """The rank among the words ``i:k`` before a name, as written."""
    for j in range(i, k):
        end = rank_at(sm, j, lex)
        if end > j:
            return sm.text(j, _rank_suffix_end(sm, j + lex.ranks.match(sm.words, j)[0], lex))  # type: ignore[index]
    return ""


def person_ending(sm: SentenceMentions, end: int, lex: Lexicon, how: str) -> PersonMention | None:
    """A person whose name ends just before token ``end``."""
    start = end
    while start > 0 and end - start < 5:
        prev = start - 1
        t = sm.tokens[prev]
        if _nameish(sm, prev, lex):
            start = prev
            continue
        if t.text == "." and prev > 0 and len(sm.tokens[prev - 1].text) == 1:
            start = prev - 1
            continue
        break
    if start == end:
        return None
    # the words before the run may open an organisation the run completes:
    # "Partai | Golkar Sebastian Salang menilai"
    ext = start
    while ext > 0 and start - ext < 3 and sm.tokens[ext - 1].is_cap and sm.tokens[ext - 1].is_word:
        ext -= 1
    start = max(start, name_start(sm, ext, end, lex))
    if start >= end:
        return None
    if any(p.start <= start and end <= p.end for p in sm.places):
        return None  # "Tiongkok menyatakan": a place, not a person
    if end - start == 1 and (_acronym(sm.tokens[start]) or sm.words[start] in lex.breakers):
        return None  # "KPU menyatakan", "Polisi mengatakan": a body, not a person
    surface = sm.text(start, end)
    if is_postnominal(surface):
        return None  # "Adi Sarwono, M.M., Kepala Dinas": the degree is no holder
    name = canonical_name(surface)
    return PersonMention(name, surface, start, end, how) if name else None
