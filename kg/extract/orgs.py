"""Organisations in a sentence whose places and people are already known.

Government bodies: a prefix from the lexicon and a place ("Pemerintah Kota Batam", "Pemprov
Sumut", "Batam City Government"). Diplomatic missions: "Konsulat Jenderal RRT di Medan",
"KJRI Guangzhou", "Chinese Embassy". Named organisations: a head word and a capitalised run
("Kadin Kota Batam", "Universitas Sumatera Utara"). Companies are found by
:mod:`kg.extract.companies`, which shares the mention types defined here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.mentions.model import PersonMention, SentenceMentions
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import Place, gazetteer
from kg.resolve.names import slug

_MAX_ORG_WORDS = 9

__all__ = ["CompanyMention", "OrgMention", "find_orgs"]


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
            (
                words[end] == "&"
                or words[end] in lex.org_name_joiners
                or (not head and words[end] in lex.and_words)
            )
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
