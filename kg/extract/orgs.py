"""Organisations and companies in a sentence whose places and people are already known.

Government bodies: a prefix from the lexicon and a place ("Pemerintah Kota Batam", "Pemprov
Sumut", "Batam City Government"). Diplomatic missions: "Konsulat Jenderal RRT di Medan",
"KJRI Guangzhou", "Chinese Embassy". Companies: "PT X (Tbk)", "X Co., Ltd.", "X Group", a cue
word before the name ("perusahaan X", "company X") or a list after a cue ("perusahaan ... seperti
BYD dan Geely"), and, in a second pass, names already recognised as companies in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.mentions.model import PersonMention, SentenceMentions
from kg.extract.mentions.names import _nameish
from kg.extract.mentions.places import _resolve
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import Place, gazetteer
from kg.resolve.names import slug

_MAX_ORG_WORDS = 9

__all__ = [
    "CompanyMention",
    "OrgMention",
    "abbreviated_companies",
    "company_abbreviations",
    "company_name",
    "find_companies",
    "find_orgs",
]


@dataclass(slots=True)
class OrgMention:
    kind: str  # GovernmentBody | DiplomaticMission | Organization
    key: str
    label: str
    start: int
    end: int
    place: Place | None = None  # the place it governs or sits in
    country: Place | None = None  # the sending state of a mission


@dataclass(slots=True)
class CompanyMention:
    name: str
    surface: str
    start: int
    end: int


#: the token positions inside person names, per sentence (the person list and its length
#: tell when it changed); the scans below ask for every token of every capitalised run
_COVER: dict[int, tuple[list[PersonMention], int, frozenset[int]]] = {}


def _covered(sm: SentenceMentions, i: int) -> bool:
    persons = sm.persons
    if not persons:
        return False
    known = _COVER.get(id(sm))
    if known is None or known[0] is not persons or known[1] != len(persons):
        if len(_COVER) > 4096:
            _COVER.clear()
        cover = frozenset(k for p in persons for k in range(p.start, p.end))
        known = _COVER[id(sm)] = (persons, len(persons), cover)
    return i in known[2]


def find_orgs(sm: SentenceMentions, lex: Lexicon) -> list[OrgMention]:
    words = sm.words
    n = len(words)
    found: list[OrgMention] = []
    # a named organisation needs a head word ("Universitas") or a tail word ("Federation"):
    # without any tail word in the sentence, only heads need the forward scan
    tails = lex.organisation_tails.by_last
    has_tail = any(w in tails for w in words)
    i = 0
    while i < n:
        if not sm.tokens[i].is_cap:
            i += 1
            continue
        gov = lex.government_prefixes.match(words, i)
        if gov is not None:
            j = i + gov[0]
            pm = sm.place_at(j)
            if pm is not None:
                template = lex.government_label.get(gov[1]) or "Government of {place}"
                label = template.format(place=pm.place.name)
                key = f"org/government/{pm.place.key.replace('/', '-')}"
                found.append(OrgMention("GovernmentBody", key, label, i, pm.end, pm.place))
                i = pm.end
                continue
        mission = lex.mission_prefixes.match(words, i)
        if mission is not None:
            om = _mission(sm, lex, i, i + mission[0], mission[1], words[i])
            if om is not None:
                found.append(om)
                i = om.end
                continue
        pm = sm.place_at(i)
        if pm is not None:
            suffix = lex.government_suffixes.match(words, pm.end)
            if suffix is not None:
                template = lex.government_label.get(suffix[1]) or "Government of {place}"
                key = f"org/government/{pm.place.key.replace('/', '-')}"
                label = template.format(place=pm.place.name)
                end = pm.end + suffix[0]
                found.append(OrgMention("GovernmentBody", key, label, i, end, pm.place))
                i = end
                continue
            msuffix = lex.mission_suffixes.match(words, pm.end)
            if msuffix is not None and pm.place.kind == "Country":
                om = _mission_org(msuffix[1], pm.place, None, i, pm.end + msuffix[0])
                found.append(om)
                i = om.end
                continue
        om = (
            _named_org(sm, lex, i)
            if has_tail or words[i] in lex.organisation_heads.by_first
            else None
        )
        if om is not None:
            found.append(om)
            i = om.end
            continue
        ministry = lex.ministry_prefixes.match(words, i)
        if ministry is not None:
            j = i + ministry[0]
            hit = lex.portfolios.match(words, j)
            end = j + hit[0] if hit else j
            if end > j:
                label = sm.text(i, end)
                found.append(
                    OrgMention("GovernmentBody", f"org/ministry/{slug(label)}", label, i, end)
                )
                i = end
                continue
        i += 1
    return found


def _named_org(sm: SentenceMentions, lex: Lexicon, i: int) -> OrgMention | None:
    """'Kadin Kota Batam', 'Universitas Sumatera Utara', 'Singapore Business Federation'."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    head = lex.organisation_heads.match(words, i)
    j = i + head[0] if head else i
    acronym = ""
    end = j
    name_end = j
    while end < n and end - i <= _MAX_ORG_WORDS:
        t = toks[end]
        if t.is_word and (t.is_cap or t.text[0].isdigit()) and not _covered(sm, end):
            end += 1
            name_end = end
        elif words[end] == "(" and end + 2 < n and words[end + 2] == ")" and toks[end + 1].is_cap:
            acronym = toks[end + 1].text
            end += 3
        elif (
            (words[end] in ("of", "&") or (not head and words[end] in lex.and_words))
            and end + 1 < n
            and toks[end + 1].is_cap
            and end > j
        ):
            end += 1
        else:
            break
    if head is None:
        tail = lex.organisation_tails.match_ending(words, name_end)
        if tail is None or name_end - tail[0] <= i:
            return None
        if acronym and name_end < end - 3:
            end = name_end + 3 if words[name_end] == "(" else name_end
    elif end == j:
        return None
    if end - i > _MAX_ORG_WORDS:
        return None
    places = [p for p in sm.places if i <= p.start and p.end <= end]
    if head is not None and acronym and places:
        label = f"{acronym} {places[-1].place.name}"
    else:
        kept = [
            k
            for k in range(i, end)
            if (words[k],) not in lex.place_cues_before and words[k] not in "()"
        ]
        kept = [k for k in kept if not (acronym and toks[k].text == acronym)]
        label = " ".join(toks[k].text for k in kept)
    key = f"org/{slug(label)}"
    return OrgMention("Organization", key, label, i, end, places[-1].place if places else None)


def _mission(
    sm: SentenceMentions, lex: Lexicon, start: int, j: int, kind: str, head: str
) -> OrgMention | None:
    words = sm.words
    country: Place | None = None
    city: Place | None = None
    home = lex.mission_home.get(head)
    if home:
        country = gazetteer().by_key(f"country/{home.lower()}")
    pm = sm.place_at(j)
    end = j
    if pm is not None and pm.place.kind == "Country" and not home:
        country, end = pm.place, pm.end
        pm = None
    if end < len(words) and words[end] in lex.place_prepositions:
        pm = sm.place_at(end + 1)
    elif pm is None:
        pm = sm.place_at(end)
    if pm is not None and pm.place.kind == "City":
        city, end = pm.place, pm.end
    if country is None:
        return None
    return _mission_org(kind, country, city, start, end)


def _mission_org(kind: str, country: Place, city: Place | None, start: int, end: int) -> OrgMention:
    where = f" in {city.name}" if city else ""
    label = f"{kind} of {country.name}{where}"
    key = f"org/{slug(kind)}/{country.iso_code or country.country}".lower()
    if city is not None:
        key += f"/{city.key.split('/', 1)[1]}"
    return OrgMention("DiplomaticMission", key, label, start, end, city, country)


# -- companies --------------------------------------------------------------------------


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
        if words[i] == "-" and i + 2 < n and words[i + 1] == "based" and i > 0:
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
        if pm is not None and j > start and words[j - 1] in ("asal", "from", "dari"):
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
