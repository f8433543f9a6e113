"""Companies in a sentence: "PT X (Tbk)", "X Co., Ltd.", "X Group", a cue word before the name
("perusahaan X", "company X") or a list after a cue ("perusahaan ... seperti BYD dan Geely"),
and, in a second pass, names already recognised as companies in the article; abbreviations
("China Communications Construction Company (CCCC)") name the same company.
"""

from __future__ import annotations

from functools import cache

from kg.extract.mentions.model import SentenceMentions
from kg.extract.mentions.names import _nameish
from kg.extract.mentions.places import _resolve
from kg.extract.orgs import CompanyMention, OrgMention, _covered
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import gazetteer

__all__ = [
    "abbreviated_companies",
    "company_abbreviations",
    "company_name",
    "find_companies",
]


def company_name(surface: str, lex: Lexicon) -> str:
    """The company name without legal forms: "PT Sinar Mas Tbk" -> "Sinar Mas"."""
    words = surface.replace(",", " ").replace("'s ", " ").replace("’s ", " ").split()
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]
    legal = lex.company_legal_forms

    def is_legal(w: str) -> bool:
        return w.lower().strip(".()") in legal

    while words and is_legal(words[0]):
        words.pop(0)
    while len(words) > 1 and is_legal(words[-1]):
        words.pop()
    return " ".join(words).strip(" .,")


def _cap_run(sm: SentenceMentions, i: int, lex: Lexicon) -> int:
    """End of a run of capitalised name words (companies allow "&" and acronyms)."""
    toks = sm.tokens
    j = i
    while j < len(toks):
        t = toks[j]
        if t.is_word and (t.is_cap or t.text[:1].isdigit()) and not _covered(sm, j):
            if j == i and not (_nameish(sm, j, lex) or t.is_upper):
                break
            j += 1
            continue
        if j > i and t.text in ("&", "-") and j + 1 < len(toks) and toks[j + 1].is_cap:
            j += 1
            continue
        break
    return j


def _suffix_end(sm: SentenceMentions, j: int, lex: Lexicon) -> int:
    """Skip a legal-form tail ("Co., Ltd.", "Tbk", "Group") starting at ``j``."""
    words = sm.words
    k = j
    while k < len(words):
        if (
            words[k] in (",", ".")
            and k + 1 < len(words)
            and lex.company_suffixes.match(words, k + 1)
        ):
            k += 1
            continue
        hit = lex.company_suffixes.match(words, k)
        if hit is None or not sm.tokens[k].is_cap:
            break
        k += hit[0]
        if k < len(words) and words[k] == ".":
            k += 1
    return k


def find_companies(
    sm: SentenceMentions, lex: Lexicon, orgs: list[OrgMention], known: set[str]
) -> list[CompanyMention]:
    words, toks = sm.words, sm.tokens
    n = len(words)
    found: list[CompanyMention] = []
    blocked = [(o.start, o.end) for o in orgs] + [(p.start, p.end) for p in sm.persons]
    blocked += [(t.start, t.end) for t in sm.titles]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in blocked)

    def add(a: int, b: int, tail: int | None = None, place_ok: bool = False) -> None:
        tail = b if tail is None else tail
        if b <= a or not free(a, b):
            return
        tail = _without_trailing_place(sm, lex, a, tail)
        b = min(b, tail)
        surface = sm.text(a, tail)
        name = company_name(surface, lex)
        if not name or name.lower() in lex.not_name_words:
            return
        if name.split()[-1].lower() in lex.not_company_words:
            return  # "Australia Barat", "Guangxi Zhuang Autonomous Region": a region
        if not place_ok and tail == b and _resolve(gazetteer(), name, None, True) is not None:
            return  # "perusahaan Korea", "seperti Singapura": a place, not a company
        found.append(CompanyMention(name, surface, a, tail))
        blocked.append((a, tail))

    context = any(w in lex.company_context for w in words)
    known_first = _first_words(known)
    i = 0
    while i < n:
        t = toks[i]
        prefixed = words[i] in lex.company_prefixes.by_first and lex.company_prefixes.match(
            words, i
        )
        if t.text == "PT" or (prefixed and (i == 0 or not t.is_cap)):
            hit = lex.company_prefixes.match(words, i)
            j = i + (hit[0] if hit else 1)
            if t.text != "PT":
                # "perusahaan konsultan asal Belanda, Royal HaskoningDHV"
                j = _skip_descriptors(sm, lex, j)
            end = _cap_run(sm, j, lex)
            if end > j and sm.place_at(j) is None:
                tail = _suffix_end(sm, end, lex)
                add(i if t.text == "PT" else j, end, tail)
                i = tail
                if t.text != "PT" and i < n and (words[i] == "," or _and(lex, words[i])):
                    i = _company_list(
                        sm,
                        lex,
                        i
                        + (
                            2
                            if words[i] == "," and i + 1 < n and words[i + 1] in lex.and_words
                            else 1
                        ),
                        add,
                    )
                continue
        # "Changwon-based Doosan Enerbility"
        if words[i] == "-" and i + 2 < n and words[i + 1] in lex.based_words and i > 0:
            end = _cap_run(sm, i + 2, lex)
            if end > i + 2:
                tail = _suffix_end(sm, end, lex)
                add(i + 2, end, tail)
                i = tail
                if i < n and words[i] in lex.and_words:
                    i = _company_list(sm, lex, i + 1, add)
                continue
        if t.is_cap and t.is_word and free(i, i + 1):
            end = _cap_run(sm, i, lex)
            if end > i:
                tail = _suffix_end(sm, end, lex)
                # "Camel Group", "Hibiki Environmental Co., Ltd."; also a suffix inside the run
                inner = any(lex.company_suffixes.match(words, k) for k in range(i + 1, end))
                if tail > end or (inner and sm.place_at(i) is None):
                    add(i, end, tail)
                    i = tail
                    continue
                if (
                    words[i] in known_first
                    and company_name(sm.text(i, end), lex).casefold() in known
                    and sm.place_at(i) is None
                ):
                    add(i, end)
                    i = end
                    continue
                # "Cleanaway, perusahaan pengelola sampah asal Australia"
                if (
                    end + 1 < n
                    and words[end] == ","
                    and lex.company_apposition.match(words, end + 1)
                    and sm.place_at(i) is None
                ):
                    add(i, end)
                    i = end
                    continue
        cue = lex.list_cues.match(words, i) if words[i] in lex.list_cues.by_first else None
        if cue is not None and (context or known):
            i = _company_list(sm, lex, i + cue[0], add)
            continue
        i += 1
    return found


def _without_trailing_place(sm: SentenceMentions, lex: Lexicon, a: int, tail: int) -> int:
    """Where a company name ends when a place follows its legal form or group word:
    "CBH Group Australia" is CBH Group (in Australia), "Meridian Port Holdings Singapura" is
    Meridian Port Holdings. A place before that word stays ("China Communications
    Construction Company")."""
    words = sm.words
    for start in range(max(a + 2, tail - 3), tail):
        if not sm.tokens[start].is_cap or not lex.company_suffixes.match_ending(words, start):
            continue
        if _resolve(gazetteer(), sm.text(start, tail), None, True) is not None:
            return start
    return tail


def _abbreviates(abbr: str, name: str) -> bool:
    """Whether ``abbr`` is made of the starts of the name's words, in order, beginning with
    the first word: initials ("CCCC") or syllables ("Pelindo" from Pelabuhan Indonesia).

    >>> _abbreviates("CCCC", "China Communications Construction Company")
    True
    >>> _abbreviates("Pelindo", "Pelabuhan Indonesia"), _abbreviates("Bintang", "Sinar Mas")
    (True, False)
    """
    short = abbr.lower()
    words = [w.lower() for w in name.replace("-", " ").split() if w[:1].isalnum()]

    @cache
    def fits(i: int, k: int) -> bool:
        if i == len(short):
            return True
        for w in range(k, len(words) if k else min(1, len(words))):
            for size in range(min(len(words[w]), len(short) - i), 0, -1):
                if words[w][:size] == short[i : i + size] and fits(i + size, w + 1):
                    return True
        return False

    return len(words) >= 2 and fits(0, 0)


def company_abbreviations(sm: SentenceMentions, companies: list[CompanyMention]) -> dict[str, str]:
    """Abbreviations written in brackets after a company's name, to the company's name:
    "China Communications Construction Company (CCCC)" gives ``{"CCCC": "China
    Communications Construction"}``. The abbreviation is in capitals and shares its first
    letter with the name (or is made of its initials)."""
    found: dict[str, str] = {}
    toks = sm.tokens
    for cm in companies:
        k = cm.end
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
            abbr = toks[k + 1].text
            if (
                toks[k + 1].is_cap
                and 2 <= len(abbr) <= 10
                and abbr.casefold() != cm.name.casefold()
                and (_abbreviates(abbr, cm.name) or _abbreviates(abbr, cm.surface))
            ):
                found[abbr] = cm.name
    return found


def abbreviated_companies(
    sm: SentenceMentions, aliases: dict[str, str], companies: list[CompanyMention]
) -> list[CompanyMention]:
    """Later mentions of a company by its abbreviation ("Direktur CCCC ..."), as mentions of
    the company under its full name."""
    taken = [(c.start, c.end) for c in companies] + [(p.start, p.end) for p in sm.persons]
    out: list[CompanyMention] = []
    for i, t in enumerate(sm.tokens):
        name = aliases.get(t.text)
        if name is None or any(a <= i < b for a, b in taken):
            continue
        out.append(CompanyMention(name, t.text, i, i + 1))
    return out


def _first_words(known: set[str]) -> set[str]:
    return {k.split()[0] for k in known if k}


def _cued(sm: SentenceMentions, lex: Lexicon, j: int) -> bool:
    return lex.place_cues_before.match_ending(sm.words, j) is not None


def _skip_descriptors(sm: SentenceMentions, lex: Lexicon, j: int) -> int:
    """Lowercase words, "asal <place>" and one comma between a cue and the name."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    start = j
    while j < n and j - start < 6:
        t = toks[j]
        if t.is_word and not t.is_cap and t.norm not in lex.list_cues.by_first:
            j += 1
            continue
        pm = sm.place_at(j)
        if pm is not None and j > start and words[j - 1] in lex.origin_words:
            j = pm.end
            continue
        if words[j] == "," and j > start:
            return j + 1
        break
    # the descriptors must end in a comma or directly in the name
    if j >= n:
        return start
    return j if j == start or not toks[j - 1].is_word or toks[j].is_cap else start


def _and(lex: Lexicon, word: str) -> bool:
    """ "dan", "and", "serta": a conjunction in a list of names."""
    return word in lex.and_words or word in lex.and_also_words


def _company_list(sm: SentenceMentions, lex: Lexicon, j: int, add) -> int:  # type: ignore[no-untyped-def]
    """ "seperti BYD, Geely dan PT Chery": capitalised names separated by commas and "and"."""
    words = sm.words
    n = len(words)
    while j < n:
        if sm.tokens[j].text == "PT":
            j += 1
        end = _cap_run(sm, j, lex)
        pm = sm.place_at(j)
        # "termasuk Toyota dan Yamaha": in a list of companies a city name is a company
        place_ok = pm is None or (pm.place.kind == "City" and not pm.cue)
        if pm is not None and place_ok and pm.end >= end:
            end = pm.end
            sm.places.remove(pm)
        elif end == j or pm is not None:
            break
        tail = _suffix_end(sm, end, lex)
        add(j, end, tail, place_ok)
        j = tail
        if j < n and words[j] == "," and j + 1 < n and _and(lex, words[j + 1]):
            j += 2
        elif j < n and (words[j] in (",", "&") or _and(lex, words[j])):
            j += 1
        else:
            break
    return j
