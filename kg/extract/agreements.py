"""Agreements: the kind from agreement words, the parties from places, the status from cues.

Parties are the cities of the sentence (then provinces, then countries, then organisations),
leaving out places that only describe a diplomat's post. A sentence that names one party or
none refers to an agreement already seen in the article ("kerja sama ini"), or borrows the
parties of the last agreement with two. The status is the cue nearest to the agreement word
(``menjajaki`` -> Proposed, ``telah terjalin sejak`` -> Signed, ``berakhir`` -> Ended); over the
article, Ended beats Signed beats Proposed. The key is the kind and the sorted party keys, so
the same agreement reported twice is one node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from kg.extract.context import ArticleContext
from kg.extract.mentions import SentenceMentions
from kg.extract.model import IRI, Evidence
from kg.extract.relations import add_place
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import Place
from kg.resolve.names import slug

__all__ = ["Agreement", "add_agreements"]

_LABELS = {
    "SisterCityAgreement": "Sister city agreement",
    "MemorandumOfUnderstanding": "Memorandum of understanding",
    "LetterOfIntent": "Letter of intent",
    "CooperationAgreement": "Cooperation agreement",
}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
_KIND_ORDER = {"City": 0, "Province": 1, "Country": 2}
_ORG_WINDOW = 15  # tokens between an agreement word and an organisation that is a party
_CUE_WINDOW = 14  # tokens between a status cue and the agreement word it qualifies


@dataclass(frozen=True, slots=True)
class Party:
    """A party: a place from the gazetteer, or an organisation or company of the text."""

    key: str
    name: str
    kind: str
    place: Place | None = None


def _from_place(place: Place) -> Party:
    return Party(place.key, place.name, place.kind, place)


@dataclass(slots=True)
class Agreement:
    kind: str
    parties: list[Party]
    statuses: list[tuple[str, Evidence]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        type_slug = _CAMEL.sub("-", self.kind).lower()
        parties = "--".join(sorted(p.key.replace("/", "-") for p in self.parties))
        return f"agreement/{type_slug}/{parties}"


def _post_only(sm: SentenceMentions) -> set[int]:
    """Token starts of places that only qualify a diplomat (represents/basedIn)."""
    skip: set[int] = set()
    for tm in sm.titles:
        for place in (tm.represents, tm.based_in, tm.accredited_to):
            if place is None:
                continue
            for pm in sm.places:
                if pm.place.key == place.key and tm.start - 3 <= pm.start < tm.end + 1:
                    skip.add(pm.start)
    return skip


#: Symbols that join two parties as a conjunction does; the words are in the lexicon.
_AMPERSAND = "&"
_DASHES = frozenset({"-", "–", "—"})


def _weak(lex: Lexicon, word: str) -> bool:
    """ "dan", "and", "serta", "&": a conjunction that joins parties only right before one."""
    return word == _AMPERSAND or word in lex.and_words or word in lex.and_also_words


def _pair_joiner(lex: Lexicon, word: str) -> bool:
    """ "Medan dan Ichikawa", "Batam-Xiangyang", "Sidoarjo with Takaoka"."""
    return _weak(lex, word) or word in _DASHES or word in lex.with_words


def _planned(lex: Lexicon, words: list[str], at: int) -> bool:
    """ "a proposed sister-state partnership", "rencana kerja sama kota kembar": the
    agreement word is qualified as a plan, whatever else the sentence says."""
    k = at
    while k > 0 and words[k - 1] in lex.articles:
        k -= 1
    plans = lex.plan_before
    return any(tuple(words[k - n : k]) in plans for n in (1, 2) if k - n >= 0)


def _merge_brackets(
    words: list[str], matches: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """ "letter of intent (LoI)": the bracketed short form is the same mention."""
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in matches:
        if merged:
            p_start, p_end, p_kind = merged[-1]
            if (
                start == p_end + 1
                and words[p_end] == "("
                and end < len(words)
                and words[end] == ")"
                and kind == p_kind
            ):
                merged[-1] = (p_start, end + 1, p_kind)
                continue
        merged.append((start, end, kind))
    return merged


def _abroad_pair(found: dict[str, tuple[int, Place]]) -> bool:
    """Whether two of the places lie in different countries (a bilateral tie)."""
    return len({p.country or p.key for _, p in found.values()}) >= 2


def _parties(
    sm: SentenceMentions, lex: Lexicon, at: int, provinces_first: bool = False
) -> list[Party]:
    skip = _post_only(sm)
    cands = [pm for pm in sm.places if pm.start not in skip]
    if not cands:
        return []
    # "Medan dan Ichikawa", "Batam-Xiangyang": two places joined by a conjunction or dash
    pairs = [
        (abs(a.start - at), a.place, b.place)
        for a, b in pairwise(cands)
        if b.start == a.end + 1
        and _pair_joiner(lex, sm.words[a.end])
        and a.place.kind == b.place.kind
        and a.place.kind != "Country"
        and a.place.key != b.place.key
    ]
    if pairs:
        _, first, second = min(pairs, key=lambda t: t[0])
        return [_from_place(first), _from_place(second)]
    by_kind: dict[str, list[tuple[int, Place]]] = {}
    for pm in cands:
        by_kind.setdefault(pm.place.kind, []).append((abs(pm.start - at), pm.place))
    levels: dict[str, dict[str, tuple[int, Place]]] = {}
    for kind, found in by_kind.items():
        unique = levels.setdefault(kind, {})
        for dist, place in found:
            if place.key not in unique or dist < unique[place.key][0]:
                unique[place.key] = (dist, place)
    provinces = levels.get("Province", {})
    # "sister province", or two provinces of two countries and at most one city (a venue,
    # the dateline): the provinces are the parties
    few_cities = len(levels.get("City", {})) < 2
    if len(provinces) >= 2 and _abroad_pair(provinces) and (provinces_first or few_cities):
        nearest = sorted(provinces.values(), key=lambda dp: dp[0])[:2]
        return [_from_place(p) for _, p in nearest]
    for kind in ("City", "Province", "Country"):
        unique = levels.get(kind, {})
        if len(unique) >= 2:
            nearest = sorted(unique.values(), key=lambda dp: dp[0])[:2]
            return [_from_place(p) for _, p in nearest]
        if len(unique) == 1 and kind != "Country":
            # one city and a province/country: the single city is a party
            return [_from_place(next(iter(unique.values()))[1])]
    return []


def _cues(
    ctx: ArticleContext, sm: SentenceMentions, spans: list[tuple[int, int]]
) -> list[tuple[int, str]]:
    """Status cues of the sentence (position, status), modal ones turned into Proposed."""
    lex = ctx.lex
    words = sm.words
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words):
        if words[i] not in lex.status_cues.by_first:
            i += 1
            continue
        inside = next((e for s, e in spans if s <= i < e), None)
        if inside is not None:
            i = inside
            continue
        hit = lex.status_cues.match(words, i) if words[i] in lex.status_cues.by_first else None
        if hit is None:
            i += 1
            continue
        status = hit[1]
        # "akan menandatangani", "belum diteken", "untuk menandatangani": not signed yet;
        # "sebelum LoI ... ditandatangani": a modal before the agreement a passive follows
        window = words[max(0, i - 5) : i]
        ended = [(e, a) for a, e in spans if 0 <= i - e <= _CUE_WINDOW]
        before = max(ended)[1] if ended and _only_parties(sm, lex, max(ended)[0], i) else None
        if before is not None:
            window += words[max(0, before - 6) : before]
        if status == "Signed" and any(w in lex.modal_before for w in window):
            status = "Proposed"
        found.append((i, status))
        i += hit[0]
    return found


def _only_parties(sm: SentenceMentions, lex: Lexicon, lo: int, hi: int) -> bool:
    """Whether tokens ``lo:hi`` hold only the parties ("antara Sidoarjo dan Takaoka"), so
    the verb after them still has the agreement as its subject."""
    placed = {k for pm in sm.places for k in range(pm.start, pm.end)}
    return all(k in placed or sm.words[k] in lex.party_words for k in range(lo, hi))


def _status(
    ctx: ArticleContext,
    sm: SentenceMentions,
    at: int,
    spans: list[tuple[int, int]],
    cues: list[tuple[int, str]],
) -> str | None:
    """The status the sentence gives the agreement word at ``at``.

    Each cue belongs to its nearest agreement word; of the cues that belong to this one,
    Ended beats Signed beats Proposed. A condition before the agreement word ("jika", "if")
    makes it Proposed.
    """
    lex = ctx.lex
    if any(w in lex.conditionals for w in sm.words[:at]) or _planned(lex, sm.words, at):
        return "Proposed"
    mine: set[str] = set()
    for pos, status in cues:
        nearest = min(spans, key=lambda sp: min(abs(pos - sp[0]), abs(pos - sp[1])))
        if min(abs(pos - nearest[0]), abs(pos - nearest[1])) > _CUE_WINDOW:
            continue  # a cue of another clause
        if nearest[0] == at:
            mine.add(status)
    return next((st for st in lex.status_priority if st in mine), None)


def _hub_pairs(sm: SentenceMentions, at: int, skip: set[int]) -> list[list[Party]] | None:
    """'kota kembar Bandung, bersama Braunschweig, Fort Worth dan Hamamatsu': one hub, many."""
    cities: dict[str, tuple[int, Place]] = {}
    for pm in sm.places:
        if pm.place.kind == "City" and pm.start not in skip and pm.place.key not in cities:
            cities[pm.place.key] = (pm.start, pm.place)
    if len(cities) < 3:
        return None
    after = sorted((pos, p) for pos, p in cities.values() if pos >= at)
    if not after:
        return None
    hub = after[0][1]
    ordered = sorted(cities.values(), key=lambda x: x[0])
    return [[_from_place(hub), _from_place(p)] for _, p in ordered if p.key != hub.key]


def add_agreements(ctx: ArticleContext) -> list[Agreement]:
    lex = ctx.lex
    found: dict[str, Agreement] = {}
    order: list[Agreement] = []
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        matches = _merge_brackets(sm.words, lex.agreement_types.find_all(sm.words))
        spans = [(a, b) for a, b, _ in matches]
        cues = _cues(ctx, sm, spans) if matches else []
        for start, _end, kind in matches:
            status = _status(ctx, sm, start, spans, cues)
            hub = _hub_pairs(sm, start, _post_only(sm)) if kind == "SisterCityAgreement" else None
            orgs = None if kind == "SisterCityAgreement" else _org_parties(ctx, sm, start)
            level = tuple(sm.words[start:_end]) in ctx.lex.province_level
            groups = hub or [orgs if orgs is not None else _parties(sm, ctx.lex, start, level)]
            both = ctx.lex.both_parties
            for parties in groups:
                if len(parties) < 2 and any(
                    tuple(sm.words[k : k + n]) in both
                    for k in range(len(sm.words))
                    for n in (2, 3, 4)
                ):
                    # "the two sides also signed a memorandum", "kedua pihak akan menyusun
                    # nota kesepahaman": the parties of the agreement before, not a venue
                    parties = []
                ag = _place(kind, parties[:2] if len(parties) > 2 else parties, order)
                if ag is None:
                    continue
                if ag.key in found:
                    ag = found[ag.key]
                else:
                    found[ag.key] = ag
                    order.append(ag)
                ev = ctx.evidence(s, 0.8 if len(parties) >= 2 else 0.6)
                if all(e.start != ev.start for e in ag.evidence):
                    ag.evidence.append(ev)
                ag.sentences.append(s.index)
                if status is not None:
                    ag.statuses.append((status, ev))
    for ag in order:
        _emit(ctx, ag)
    return order


def _org_parties(ctx: ArticleContext, sm: SentenceMentions, at: int) -> list[Party] | None:
    """Companies and organisations near the agreement word, with the places of the
    government bodies beside them ("Pemkot Medan ... dengan Huawei"); ``None`` if none."""
    index = sm.sentence.index
    lex = ctx.lex
    words = sm.words

    named = sorted(
        [(cm.start, cm.end) for cm in ctx.companies[index]]
        + [(om.start, om.end) for om in ctx.orgs[index] if om.kind == "Organization"]
    )
    first = named[0][0] if named else -1

    def introduced(start: int, end: int) -> bool:
        # the first organisation before the agreement word (the subject), unless it only
        # qualifies something else ("Camel Group's home city"); or after "dengan"/"with"
        if start == first and start < at and not words[end - 1].endswith("'s"):
            return True
        window = words[max(0, start - 6) : start]
        # "dan"/"and" join parties only right before the name; "dengan"/"with" from afar
        near = words[max(0, start - 2) : start]
        return any(w in lex.party_connectors and not _weak(lex, w) for w in window) or any(
            _weak(lex, w) for w in near
        )

    near: list[tuple[int, Party]] = []
    for cm in ctx.companies[index]:
        if introduced(cm.start, cm.end):
            party = Party(f"company/{slug(cm.name)}", cm.name, "Company")
            # the subject may stand far before the agreement word
            near.append((0 if cm.start == first else abs(cm.start - at), party))
    for om in ctx.orgs[index]:
        if om.kind == "Organization" and introduced(om.start, om.end):
            party = Party(om.key, om.label, "Organization")
            near.append((0 if om.start == first else abs(om.start - at), party))
    near = [(d, p) for d, p in near if d <= _ORG_WINDOW]
    if not near:
        return None
    parties = [p for _, p in sorted(near, key=lambda dp: dp[0])]
    parties = list(dict.fromkeys(parties))[:2]
    if len(parties) < 2:
        # the place of a government body or of an official in the sentence, else a place
        # that is not a company's home ("Kunming-based importer")
        govs = [om.place for om in ctx.orgs[index] if om.kind == "GovernmentBody" and om.place]
        govs += [tm.jurisdiction for tm in sm.titles if tm.jurisdiction is not None]
        govs = [p for p in govs if p.kind != "Country"]
        if govs:
            parties.append(_from_place(govs[0]))
        else:
            homes = {
                pm.start
                for pm in sm.places
                if pm.end + 1 < len(words)
                and words[pm.end] == "-"
                and words[pm.end + 1] in lex.based_words
            }
            places = [p for p in sm.places if p.start not in homes and p.place.kind != "Country"]
            if places:
                parties.append(_from_place(min(places, key=lambda p: abs(p.start - at)).place))
    return parties


def _place(kind: str, parties: list[Party], order: list[Agreement]) -> Agreement | None:
    if len(parties) >= 2:
        return Agreement(kind, parties)
    recent = sorted(order, key=lambda a: a.sentences[-1] if a.sentences else -1, reverse=True)
    keys = {p.key for p in parties}
    for ag in recent:
        if ag.kind == kind and keys <= {p.key for p in ag.parties}:
            return ag
    for ag in recent:
        if keys <= {p.key for p in ag.parties}:
            return Agreement(kind, list(ag.parties))
    return None


def _emit(ctx: ArticleContext, ag: Agreement) -> None:
    out = ctx.out
    lex = ctx.lex
    node = out.node(ag.key, ag.kind)
    names = sorted((p.name for p in ag.parties), key=lambda n: n)
    ordered = sorted(ag.parties, key=lambda p: (_KIND_ORDER.get(p.kind, 3), p.name))
    names = [p.name for p in ordered]
    node.labels.setdefault("en", f"{_LABELS.get(ag.kind, 'Agreement')} {'–'.join(names)}")
    for e in ag.evidence:
        ctx.attach(node, e)
    first = ag.evidence[0]
    for party in ag.parties:
        if party.place is not None:
            add_place(ctx, party.place, None)
        ctx.relate(ag.key, "bkg:party", party.key, first)
    statuses = {st for st, _ in ag.statuses}
    status = next((st for st in lex.status_priority if st in statuses), lex.default_status)
    ev = next((e for st, e in ag.statuses if st == status), first)
    ctx.relate(ag.key, "bkg:status", IRI(f"bkg:{status}"), ev)
    if status == "Signed" and ag.kind == "SisterCityAgreement":
        cities = [p for p in ag.parties if p.kind == "City"]
        if len(cities) == 2:
            a, b = cities[0], cities[1]
            ctx.relate(a.key, "bkg:twinnedWith", b.key, ev)
            ctx.relate(b.key, "bkg:twinnedWith", a.key, ev)
