"""Titles and the posts they describe: "Wali Kota Batam", "Konsul Jenderal Tiongkok di
Medan", "Menteri Luar Negeri", with the holder named before or after the title.

The long titles of other officials ("Kepala Unit Reserse Kriminal Kepolisian Sektor
Tamansari") are read by :mod:`~kg.extract.mentions.officials`.
"""

from __future__ import annotations

from kg.extract.mentions.model import PersonMention, SentenceMentions, TitleMention
from kg.extract.mentions.names import _nameish, _rank_spans, person_at, person_ending
from kg.extract.mentions.officials import (
    _apply_official,
    _last_country_before,
    _official,
    _strip_trailing_connectors,
)
from kg.extract.mentions.places import _seat
from kg.language.lexicon import Lexicon, role_info
from kg.resolve.gazetteer import Gazetteer, Place, gazetteer


def _match_title(lex: Lexicon, sm: SentenceMentions, i: int) -> tuple[int, str, bool] | None:
    """(length, role, possessive) of a title at ``i``; "Jenderalnya" is possessive."""
    first = sm.words[i]
    if first not in lex.roles.by_first and first not in lex.other_titles.by_first:
        stripped = next(
            (first[: -len(x)] for x in lex.possessive_suffixes if first.endswith(x)), None
        )
        if stripped is None or (
            stripped not in lex.roles.by_first and stripped not in lex.other_titles.by_first
        ):
            return None
    window = sm.words[i : i + 8]
    best: tuple[int, str, bool] | None = None
    for variant, possessive in ((window, False), (_strip_possessive(lex, window), True)):
        if variant is None:
            continue
        role = lex.roles.match(variant, 0)
        other = lex.other_titles.match(variant, 0)
        hit: tuple[int, str] | None = None
        if role and (not other or role[0] >= other[0]):
            hit = role
        elif other:
            hit = (other[0], "OtherOfficial")
        if hit is None:
            continue
        if possessive and not window[hit[0] - 1].endswith(lex.possessive_suffixes or ("\0",)):
            continue
        if best is None or hit[0] > best[0]:
            best = (hit[0], hit[1], possessive)
    return best


def _strip_possessive(lex: Lexicon, window: list[str]) -> list[str] | None:
    if not lex.possessive_suffixes:
        return None
    out = list(window)
    changed = False
    for k in range(min(5, len(window))):
        for suffix in lex.possessive_suffixes:
            if window[k].endswith(suffix) and len(window[k]) > len(suffix) + 2:
                out[k] = window[k][: -len(suffix)]
                changed = True
    return out if changed else None


def find_titles(sm: SentenceMentions, lex: Lexicon) -> None:
    words, toks = sm.words, sm.tokens
    n = len(words)
    firsts = lex.title_firsts
    suffixes = tuple(lex.possessive_suffixes)
    in_rank = {k for a, b in _rank_spans(sm, lex) for k in range(a, b)}
    prefixes = lex.title_prefixes.by_first
    acting = False
    i = 0
    while i < n:
        w = words[i]
        if w not in firsts and w not in prefixes and not (suffixes and w.endswith(suffixes)):
            i += 1
            continue
        if i in in_rank:
            i += 1  # "Ajun Komisaris Roland": a rank, not the title "Komisaris"
            continue
        prefix = lex.title_prefixes.match(words, i) if toks[i].is_cap else None
        if prefix is not None:
            j = i + prefix[0]
            while j < n and words[j] in (".", "(", ")"):
                j += 1
            if j < n and _match_title(lex, sm, j) is not None:
                # "Plt. Kepala Dinas", "Pj Wali Kota": the acting holder holds the post
                acting = True
                i = j
                continue
        if w not in firsts and not (suffixes and w.endswith(suffixes)):
            i += 1
            continue
        generic = lex.generic_references.match(words, i)
        if generic and toks[i].is_cap:
            end = i + generic[0]
            if end >= n or not _nameish(sm, end, lex):
                sm.generic.append((generic[1], i, end))
                i = end
                continue
        hit = _match_title(lex, sm, i)
        # "non-Governor" is no title; a dateline "(ANTARA) - Consul General ..." leaves one
        if hit is None or (i > 0 and words[i - 1] == "-" and toks[i - 1].end == toks[i].start):
            i += 1
            continue
        length, role, possessive = hit
        tm = TitleMention(role, _title_text(sm, i, i + length, possessive, lex), i, i + length)
        kind = "other" if role == "OtherOfficial" else role_info(role)["kind"]
        _complement_before(sm, tm, kind)
        k = _complement_after(sm, tm, kind, lex)
        if possessive and tm.represents is None and kind in ("consular", "embassy"):
            tm.represents = _last_country_before(sm, i)
        tm.end = k
        tm.acting, acting = acting, False
        if role == "OtherOfficial":
            official = _official(sm, tm, i + length, lex)
            if official is not None:
                _apply_official(sm, tm, official, i + length, lex)
                sm.titles.append(tm)
                i = official[0].end
                continue
        # the holder: "Title, Name" / "Title Name" / "Name, Title"
        j = k + 1 if k < n and words[k] == "," else k
        holder = None
        if role in ("OtherOfficial", "Minister") and j == k:
            # "Rektor USU, Andi Sembiring": the words after such titles name an organisation
            holder = _holder_after_apposition(sm, tm, kind, lex)
        if holder is None and j < n:
            holder = person_at(sm, j, lex, "title")
        if holder is None:
            holder = _holder_after_apposition(sm, tm, kind, lex)
        if holder is None:
            holder = _holder_before(sm, i, lex)
        before = sm.place_ending(i)
        if holder is None and before is not None and before.start > 0:
            # "Sigit Pramono Adi, Indonesian consul general in Guangzhou"
            holder = _holder_before(sm, before.start, lex)
        if holder is None and role == "Minister" and tm.end == i + length:
            # "Menteri Sosial Juliari Batubara": a portfolio the lexicon does not know
            official = _official(sm, tm, i + length, lex)
            if official is not None:
                holder, _, org_end = official
                tm.title = sm.text(tm.start, org_end)
                tm.end = org_end
        tm.holder = holder
        if role == "OtherOfficial" and tm.jurisdiction is None:
            tm.jurisdiction = _organisation_place(sm, tm, lex)
        if holder is None and not toks[i].is_cap and role == "OtherOfficial":
            # "the head of the delegation": a lowercase common noun, not a post
            i += 1
            continue
        sm.titles.append(tm)
        i = max(k, i + length)
    _pair_coordinated(sm, lex)


def _pair_coordinated(sm: SentenceMentions, lex: Lexicon) -> None:
    """One title over two places: "Wali Kota Manado dan Hanoi, Fitri Susanto dan Hoang Lan",
    "the governors of Bali and Okinawa, Wayan Koster and Denny Tamaki, respectively". The
    second place gets its own post; two names after them hold the two posts in order."""
    words, n = sm.words, len(sm.words)
    for at, tm in reversed(list(enumerate(sm.titles))):
        first = tm.jurisdiction
        if first is None or tm.role == "OtherOfficial" or role_info(tm.role)["kind"] != "domestic":
            continue
        k = tm.end
        if k + 1 >= n or words[k] not in lex.and_words or sm.place_ending(k) is None:
            continue
        second = sm.place_at(k + 1)
        if second is None or second.place.kind != first.kind or second.place == first:
            continue
        holders = _paired_names(sm, second.end, lex) or _paired_names_before(sm, tm, lex)
        if holders is None and tm.holder is not None:
            continue  # one holder named: which of the posts is theirs is not said
        if holders is not None:
            if tm.holder is not None and tm.holder not in holders:
                continue
            tm.holder = holders[0]
        other = TitleMention(
            tm.role, tm.title, second.start, second.end, jurisdiction=second.place, acting=tm.acting
        )
        other.holder = holders[1] if holders is not None else None
        sm.titles.insert(at + 1, other)


def _paired_names(
    sm: SentenceMentions, i: int, lex: Lexicon
) -> tuple[PersonMention, PersonMention] | None:
    """ ", [respectively] Name and Name" at ``i``: the two holders of a title over two places."""
    words, n = sm.words, len(sm.words)
    if i >= n or words[i] != ",":
        return None
    i += 1
    said = lex.respectively.match(words, i)
    if said is not None:
        i += said[0]
    first = person_at(sm, i, lex, "title") if i < n else None
    if first is None or first.end + 1 >= n or words[first.end] not in lex.and_words:
        return None
    second = person_at(sm, first.end + 1, lex, "title")
    return None if second is None else (first, second)


def _paired_names_before(
    sm: SentenceMentions, tm: TitleMention, lex: Lexicon
) -> tuple[PersonMention, PersonMention] | None:
    """ "Name and Name, the mayors of ...": the holder found before the title and the name
    joined to it."""
    last = tm.holder
    if last is None or last.end > tm.start or last.start < 2:
        return None
    if sm.words[last.start - 1] not in lex.and_words:
        return None
    first = person_ending(sm, last.start - 1, lex, "title")
    return None if first is None else (first, last)


def _holder_after_apposition(
    sm: SentenceMentions, tm: TitleMention, kind: str, lex: Lexicon
) -> PersonMention | None:
    """'Presiden Direktur Huawei untuk Indonesia, Steven Yang': skip the organisation part."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    j = tm.end
    # "head of the investment and one-stop service agency, Dewi Marlina": after "of" the
    # organisation may be written in lowercase
    loose = j < n and words[j] in lex.of_words
    while j < n and j - tm.end < 12 and words[j] != ",":
        t = toks[j]
        if not (
            (t.is_word and (t.is_cap or t.text[0].isdigit()))
            or t.norm in lex.connectors
            or (loose and (t.is_word or t.text == "-"))
        ):
            return None
        j += 1
    if j >= n or words[j] != "," or j == tm.end:
        return None
    holder = person_at(sm, j + 1, lex, "title")
    if holder is None:
        return None
    places = [p for p in sm.places if tm.end <= p.start and p.end <= j]
    if kind == "other" and tm.role == "OtherOfficial":
        cut = next(
            (k for k in range(tm.end, j) if words[k] == "(" or sm.place_at(k) is not None), j
        )
        cut = _strip_trailing_connectors(sm, tm.end, cut, lex)
        if cut > tm.end:
            tm.title = sm.text(tm.start, cut)
    for pm in places:
        place = pm.place
        if kind in ("consular", "embassy"):
            prev = words[pm.start - 1] if pm.start else ""
            if place.kind == "Country" and tm.represents is None:
                tm.represents = place
            elif kind == "consular" and prev in lex.place_prepositions and _seat(sm, pm):
                tm.based_in = tm.based_in or _seat(sm, pm)
            elif kind == "embassy" and place.kind == "Country" and prev in lex.to_prepositions:
                tm.accredited_to = tm.accredited_to or place
        elif kind == "national":
            if place.kind == "Country":
                tm.jurisdiction = tm.jurisdiction or place
        elif tm.jurisdiction is None and place.kind != "Country":
            prev = words[pm.start - 1] if pm.start else ""
            if prev not in lex.to_prepositions or prev in lex.place_prepositions:
                tm.jurisdiction = place
    return holder


def _organisation_place(sm: SentenceMentions, tm: TitleMention, lex: Lexicon) -> Place | None:
    """The city or province in the organisation an official heads: "head of the Batam
    Harbourmaster Office", "Kepala Sekolah SMA Negeri 1 Kupang". Not a country, not "for X"."""
    words = sm.words
    for k in range(tm.start + 1, min(len(words), tm.end + 10)):
        if words[k] in (",", ";", ".") and k >= tm.end:
            break
        pm = sm.place_at(k)
        if pm is None or pm.place.kind == "Country":
            continue
        if k and words[k - 1] in lex.to_prepositions and words[k - 1] not in lex.place_prepositions:
            continue
        return pm.place
    return None


def _title_text(sm: SentenceMentions, i: int, end: int, possessive: bool, lex: Lexicon) -> str:
    text = sm.text(i, end)
    if possessive:
        for suffix in lex.possessive_suffixes:
            if text.lower().endswith(suffix):
                return text[: -len(suffix)]
    return text


def _holder_before(sm: SentenceMentions, i: int, lex: Lexicon) -> PersonMention | None:
    app = lex.appositive.match_ending(sm.words, i)
    if app is None:
        return None
    end = i - app[0]
    if end and sm.words[end - 1] == ",":  # ", the mayor of"
        end -= 1
    found = person_ending(sm, end, lex, "title") if end > 0 else None
    # "Kunjungi Ichikawa, Wali Kota Medan": a lone word that names a place is no holder
    if (
        found is not None
        and found.end - found.start == 1
        and gazetteer().is_name(Gazetteer.normalize(found.surface))
    ):
        return None
    return found


def _complement_before(sm: SentenceMentions, tm: TitleMention, kind: str) -> None:
    """English order: "Batam Mayor", "Chinese Consul General", "China's ambassador"."""
    pm = sm.place_ending(tm.start)
    if pm is None:
        return
    if kind in ("consular", "embassy"):
        if pm.place.kind == "Country":
            tm.represents = pm.place
    elif pm.place.kind != "Country" or kind in ("national", "other"):
        tm.jurisdiction = pm.place


def _complement_after(sm: SentenceMentions, tm: TitleMention, kind: str, lex: Lexicon) -> int:
    words = sm.words
    n = len(words)
    k = tm.end
    if kind == "other":
        while k < n and (
            (lex.units.match(words, k) and sm.tokens[k].is_cap)
            or (
                k > tm.end
                and _nameish(sm, k, lex)
                and sm.place_at(k) is None
                and _unit_seen(sm, tm, k, lex)
            )
            or (
                k > tm.end
                and (words[k] == "&" or words[k] in lex.and_words)
                and k + 1 < n
                and sm.tokens[k + 1].is_cap
            )
        ):
            hit = lex.units.match(words, k)
            k += hit[0] if hit else 1
        if k > tm.end:
            tm.title = sm.text(tm.start, k)
    if kind in ("consular", "embassy"):
        k0 = k
        while (
            k < n
            and k - k0 < 6
            and sm.place_at(k) is None
            and lex.mission_prefixes.match(words, k) is None
            and (lex.units.match(words, k) or (k > k0 and _nameish(sm, k, lex)))
            and sm.tokens[k].is_cap
        ):
            k += 1
        mission = lex.mission_prefixes.match(words, k)
        if mission is not None:
            k += mission[0]
        if sm.place_at(k) is None:
            k = k0 if mission is None else k
    if kind == "national" and tm.role == "Minister":
        start = k + 1 if k < n and words[k] in lex.of_words else k
        hit = lex.portfolios.match(words, start)
        if hit:
            k = start + hit[0]
            # "Menteri Luar Negeri dan Kerja Sama Timor-Leste": more portfolio words
            j = k
            while (
                j + 1 < n
                and (words[j] in ("&", ",") or words[j] in lex.and_words)
                and sm.tokens[j + 1].is_cap
                and sm.place_at(j + 1) is None
            ):
                j += 1
                while j < n and j - k < 6 and sm.tokens[j].is_cap and sm.place_at(j) is None:
                    j += 1
                if sm.place_at(j) is not None or j >= n or not sm.tokens[j].is_cap:
                    k = j
            tm.title = sm.text(tm.start, k)
    if k < n and words[k] in lex.of_words and sm.place_at(k + 1) is not None:
        k += 1
    pm = sm.place_at(k)
    cue = lex.place_cues_before.match(words, k) if pm is None and k < n else None
    if cue is not None and cue[1] and sm.place_at(k + cue[0]) is not None:
        k += cue[0]
        pm = sm.place_at(k)
    if (
        pm is not None
        and pm.start == tm.end
        and tm.jurisdiction is not None
        and pm.end - pm.start == 1
        and pm.end < n
        and sm.place_at(pm.end) is None
        and _nameish(sm, pm.end, lex)
    ):
        # "Manado Mayor Frederik Lumowa": the post has its place already; a place name
        # followed by a name is the holder's given name
        sm.places.remove(pm)
        pm = None
    if pm is not None:
        if kind in ("consular", "embassy"):
            if pm.place.kind == "Country":
                tm.represents = pm.place
            elif kind == "consular" and _seat(sm, pm) is not None:
                tm.based_in = _seat(sm, pm)
            else:
                pm = None
        elif kind == "national":
            # a state minister ("Menteri Perdagangan Australia Selatan") governs a province
            if pm.place.kind == "Country" or (
                tm.role == "Minister" and pm.place.kind == "Province"
            ):
                tm.jurisdiction = pm.place
            else:
                pm = None
        else:
            tm.jurisdiction = pm.place
        if pm is not None:
            k = pm.end
    if kind in ("consular", "embassy") and k < n:
        preps = lex.place_prepositions if kind == "consular" else lex.to_prepositions
        if words[k] in preps:
            # "Ambassador to the Netherlands": a lowercase article before a country name
            skip = (
                2
                if k + 2 < n
                and not sm.tokens[k + 1].is_cap
                and words[k + 1] in lex.articles_before_place
                else 1
            )
            nxt = sm.place_at(k + skip)
            if nxt is not None:
                if kind == "consular" and _seat(sm, nxt) is not None:
                    tm.based_in = _seat(sm, nxt)
                    k = nxt.end
                elif kind == "embassy" and nxt.place.kind == "Country":
                    tm.accredited_to = nxt.place
                    k = nxt.end
    return k


def _unit_seen(sm: SentenceMentions, tm: TitleMention, k: int, lex: Lexicon) -> bool:
    """Capitalised words extend an "other" title only after a unit word ("Kepala Dinas X")."""
    return any(lex.units.match(sm.words, j) for j in range(tm.end, k))
