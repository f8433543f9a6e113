"""Language knowledge read from ``data/lexicon/<lang>/*.json``, loaded once per language.

The files are plain JSON so a linguist can extend them without touching Python. Phrases are
stored lowercase; :class:`PhraseTable` matches them on token sequences produced by
:func:`kg.extract.tokens.tokenize`, so a phrase is tokenized exactly like the text is.

>>> lex = lexicon("id")
>>> lex.roles.get(("wali", "kota"))
'Mayor'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from kg.extract.tokens import norm_words

__all__ = ["LEXICON_DIR", "SUPPORTED", "Lexicon", "PhraseTable", "lexicon", "role_info"]

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"
SUPPORTED = ("id", "en")

V = TypeVar("V")


@dataclass(slots=True)
class PhraseTable(Generic[V]):
    """Lowercase multi-word phrases mapped to values, matched longest first on tokens.

    Phrases are indexed by their first and last word, so a lookup at a position that
    starts (or ends) no phrase costs one dictionary probe.
    """

    entries: dict[tuple[str, ...], V] = field(default_factory=dict)
    max_len: int = 0
    by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_last: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[tuple[str, V]]) -> PhraseTable[V]:
        table: PhraseTable[V] = cls()
        first: dict[str, set[int]] = {}
        last: dict[str, set[int]] = {}
        for phrase, value in items:
            key = norm_words(phrase)
            if key:
                table.entries[key] = value
                table.max_len = max(table.max_len, len(key))
                first.setdefault(key[0], set()).add(len(key))
                last.setdefault(key[-1], set()).add(len(key))
        table.by_first = {w: tuple(sorted(ns, reverse=True)) for w, ns in first.items()}
        table.by_last = {w: tuple(sorted(ns, reverse=True)) for w, ns in last.items()}
        return table

    def get(self, key: tuple[str, ...]) -> V | None:
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def match(self, words: Sequence[str], i: int) -> tuple[int, V] | None:
        """The longest phrase starting at ``words[i]``: (length, value), or ``None``."""
        if i >= len(words):
            return None
        lengths = self.by_first.get(words[i])
        if lengths is None:
            return None
        for n in lengths:
            if i + n <= len(words):
                value = self.entries.get(tuple(words[i : i + n]))
                if value is not None:
                    return n, value
        return None

    def match_ending(self, words: Sequence[str], end: int) -> tuple[int, V] | None:
        """The longest phrase ending just before ``words[end]``."""
        if end <= 0 or end > len(words):
            return None
        lengths = self.by_last.get(words[end - 1])
        if lengths is None:
            return None
        for n in lengths:
            if n <= end:
                value = self.entries.get(tuple(words[end - n : end]))
                if value is not None:
                    return n, value
        return None

    def occurs(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs anywhere in ``words``."""
        return any(self.match(words, i) for i, w in enumerate(words) if w in self.by_first)

    def find_all(self, words: Sequence[str]) -> list[tuple[int, int, V]]:
        """Non-overlapping matches, left to right: (start, end, value)."""
        found: list[tuple[int, int, V]] = []
        i = 0
        n = len(words)
        by_first = self.by_first
        while i < n:
            if words[i] not in by_first:
                i += 1
                continue
            hit = self.match(words, i)
            if hit is None:
                i += 1
                continue
            found.append((i, i + hit[0], hit[1]))
            i += hit[0]
        return found


def _table(values: Iterable[str]) -> PhraseTable[bool]:
    return PhraseTable.build((v, True) for v in values)


def _mapping(values: Mapping[str, Any]) -> PhraseTable[Any]:
    return PhraseTable.build(values.items())


@dataclass(slots=True)
class Lexicon:
    """Everything the extractor knows about one language."""

    lang: str
    function_words: frozenset[str]
    abbreviations: frozenset[str]
    roles: PhraseTable[str]
    other_titles: PhraseTable[bool]
    title_prefixes: PhraseTable[bool]
    units: PhraseTable[bool]
    portfolios: PhraseTable[bool]
    honorifics: tuple[str, ...]
    postnominals: tuple[str, ...]
    generic_references: PhraseTable[str]
    possessive_suffixes: tuple[str, ...]
    of_words: frozenset[str]
    place_prepositions: frozenset[str]
    to_prepositions: frozenset[str]
    default_country: str | None
    government_prefixes: PhraseTable[str]
    government_suffixes: PhraseTable[str]
    government_label: dict[str, str]
    ministry_prefixes: PhraseTable[bool]
    mission_prefixes: PhraseTable[str]
    mission_suffixes: PhraseTable[str]
    mission_home: dict[str, str]
    organisation_words: PhraseTable[bool]
    company_prefixes: PhraseTable[bool]
    company_suffixes: PhraseTable[bool]
    company_legal_forms: frozenset[str]
    company_context: frozenset[str]
    list_cues: PhraseTable[bool]
    company_location_cues: PhraseTable[bool]
    city_anaphora: PhraseTable[bool]
    nonplace_before: PhraseTable[bool]
    nonplace_after: PhraseTable[bool]
    country_aliases: dict[str, str]
    demonyms: PhraseTable[str]
    agreement_types: PhraseTable[str]
    status_cues: PhraseTable[str]
    status_priority: tuple[str, ...]
    default_status: str
    negations: frozenset[str]
    event_types: PhraseTable[str]
    event_priority: tuple[str, ...]
    future_cues: PhraseTable[bool]
    event_anaphora: PhraseTable[bool]
    invitation_agent_verbs: PhraseTable[bool]
    invitation_passive_verbs: PhraseTable[bool]
    passive_agent_words: frozenset[str]
    speech_after: PhraseTable[bool]
    speech_before: PhraseTable[bool]
    pronoun_forms: frozenset[str]
    pronouns: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: PhraseTable[int]
    weekday_past_suffix: frozenset[str]
    weekday_future_suffix: frozenset[str]
    weekday_last_week: tuple[tuple[str, ...], ...]
    approximate: frozenset[str]
    place_cues_before: PhraseTable[str]
    place_cues_after: PhraseTable[str]
    appositive: PhraseTable[bool]
    not_name_words: frozenset[str]
    name_particles: frozenset[str]
    connectors: frozenset[str]
    modal_before: frozenset[str]
    conditionals: frozenset[str]
    company_apposition: PhraseTable[bool]
    determiners_after: frozenset[str]
    determiners_before: frozenset[str]
    recipient_words: frozenset[str]
    invitation_source_words: frozenset[str]
    invitation_receive_verbs: PhraseTable[bool]
    invitation_delivery_words: frozenset[str]
    attendance_cues: PhraseTable[bool]
    street_words: PhraseTable[bool]
    identity_phrases: PhraseTable[bool]
    organisation_heads: PhraseTable[bool]
    party_connectors: frozenset[str]
    company_home_cues: PhraseTable[bool]
    not_company_words: frozenset[str]
    organisation_tails: PhraseTable[bool]
    ranks: PhraseTable[bool] = field(default_factory=PhraseTable)
    rank_suffixes: frozenset[str] = frozenset()
    indirect_verbs: PhraseTable[bool] = field(default_factory=PhraseTable)
    indirect_verbs_bare: PhraseTable[bool] = field(default_factory=PhraseTable)
    according_to: PhraseTable[bool] = field(default_factory=PhraseTable)
    complementizers: frozenset[str] = frozenset()
    reported_objects: PhraseTable[bool] = field(default_factory=PhraseTable)
    organisation_starts: PhraseTable[bool] = field(default_factory=PhraseTable)
    organisation_starts_need_name: PhraseTable[bool] = field(default_factory=PhraseTable)
    name_breakers: frozenset[str] = frozenset()
    person_descriptors: PhraseTable[bool] = field(default_factory=PhraseTable)
    name_starters: PhraseTable[bool] = field(default_factory=PhraseTable)
    organisation_names: PhraseTable[bool] = field(default_factory=PhraseTable)
    name_abbreviations: frozenset[str] = frozenset()


def _read(lang: str, name: str) -> dict[str, Any]:
    path = LEXICON_DIR / lang / f"{name}.json"
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, list):
        return {"items": data}
    return dict(data)


def _other(lang: str) -> str:
    return "en" if lang == "id" else "id"


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``id`` or ``en``); other languages get the English one."""
    if lang not in SUPPORTED:
        lang = "en"
    fw = _read(lang, "function_words")["items"]
    ab = _read(lang, "abbreviations")["abbreviations"]
    ti = _read(lang, "titles")
    org = _read(lang, "organisations")
    ag = _read(lang, "agreements")
    ev = _read(lang, "events")
    sp = _read(lang, "speech")
    da = _read(lang, "dates")
    rk = _read(lang, "ranks")
    return Lexicon(
        lang=lang,
        function_words=frozenset(fw),
        abbreviations=frozenset(a.lower() for a in ab),
        roles=_mapping(ti["roles"]),
        other_titles=_table(ti["other_titles"]),
        title_prefixes=_table(ti.get("title_prefixes", [])),
        units=_table(ti.get("units", [])),
        portfolios=_table(ti.get("portfolios", [])),
        honorifics=tuple(ti.get("honorifics", [])),
        postnominals=tuple(ti.get("postnominals", [])),
        generic_references=_mapping(ti.get("generic_references", {})),
        possessive_suffixes=tuple(ti.get("possessive_suffixes", [])),
        of_words=frozenset(ti.get("of_words", [])),
        place_prepositions=frozenset(ti.get("place_prepositions", [])),
        to_prepositions=frozenset(ti.get("to_prepositions", [])),
        default_country=ti.get("default_country"),
        government_prefixes=_mapping(org.get("government_prefixes", {})),
        government_suffixes=_mapping(org.get("government_suffixes", {})),
        government_label=dict(org.get("government_label", {})),
        ministry_prefixes=_table(org.get("ministry_prefixes", [])),
        mission_prefixes=_mapping(org.get("mission_prefixes", {})),
        mission_suffixes=_mapping(org.get("mission_suffixes", {})),
        mission_home=dict(org.get("mission_home", {})),
        organisation_words=_table(org.get("organisation_words", [])),
        company_prefixes=_table(org.get("company_prefixes", [])),
        company_suffixes=_table(org.get("company_suffixes", [])),
        company_legal_forms=frozenset(org.get("company_legal_forms", [])),
        company_context=frozenset(org.get("company_context", [])),
        list_cues=_table(org.get("list_cues", [])),
        company_location_cues=_table(org.get("company_location_cues", [])),
        city_anaphora=_table(org.get("city_anaphora", [])),
        nonplace_before=_table(org.get("nonplace_before", [])),
        nonplace_after=_table(org.get("nonplace_after", [])),
        country_aliases=dict(org.get("country_aliases", {})),
        demonyms=_mapping(org.get("demonyms", {})),
        agreement_types=_mapping(ag["types"]),
        status_cues=_mapping(ag["status"]),
        status_priority=tuple(ag.get("status_priority", ("Ended", "Signed", "Proposed"))),
        default_status=ag.get("default_status", "Proposed"),
        negations=frozenset(ag.get("negations", [])),
        event_types=_mapping(ev["types"]),
        event_priority=tuple(ev.get("priority", ())),
        future_cues=_table(ev.get("future_cues", [])),
        event_anaphora=_table(ev.get("anaphora", [])),
        invitation_agent_verbs=_table(ev.get("invitation_agent_verbs", [])),
        invitation_passive_verbs=_table(ev.get("invitation_passive_verbs", [])),
        passive_agent_words=frozenset(ev.get("passive_agent_words", [])),
        speech_after=_table(sp["after_quote"]),
        speech_before=_table(sp["before_quote"]),
        pronoun_forms=frozenset(sp.get("pronoun_forms", [])),
        pronouns=frozenset(sp.get("pronouns", [])),
        months=dict(da["months"]),
        weekdays=dict(da["weekdays"]),
        relative_days=_mapping(da["relative"]),
        weekday_past_suffix=frozenset(da.get("weekday_past_suffix", [])),
        weekday_future_suffix=frozenset(da.get("weekday_future_suffix", [])),
        weekday_last_week=tuple(norm_words(p) for p in da.get("weekday_last_week", [])),
        approximate=frozenset(da.get("approximate", [])),
        place_cues_before=_mapping(org.get("place_cues_before", {})),
        place_cues_after=_mapping(org.get("place_cues_after", {})),
        appositive=_table(ti.get("appositive", [])),
        not_name_words=frozenset(ti.get("not_name_words", [])),
        name_particles=frozenset(ti.get("name_particles", [])),
        connectors=frozenset(ti.get("connectors", [])),
        modal_before=frozenset(ag.get("modal_before", [])),
        conditionals=frozenset(ag.get("conditionals", [])),
        company_apposition=_table(org.get("company_apposition", [])),
        determiners_after=frozenset(ev.get("determiners_after", [])),
        determiners_before=frozenset(ev.get("determiners_before", [])),
        recipient_words=frozenset(ev.get("recipient_words", [])),
        invitation_source_words=frozenset(ev.get("invitation_source_words", [])),
        invitation_receive_verbs=_table(ev.get("invitation_receive_verbs", [])),
        invitation_delivery_words=frozenset(ev.get("invitation_delivery_words", [])),
        attendance_cues=_table(ev.get("attendance_cues", [])),
        street_words=_table(org.get("street_words", [])),
        identity_phrases=_table(ev.get("identity_phrases", [])),
        party_connectors=frozenset(ag.get("party_connectors", [])),
        company_home_cues=_table(org.get("company_home_cues", [])),
        not_company_words=frozenset(org.get("not_company_words", [])),
        # organisations are often named in English in Indonesian text, and vice versa
        organisation_heads=_table(
            [
                *org.get("organisation_heads", []),
                *_read(_other(lang), "organisations").get("organisation_heads", []),
            ]
        ),
        organisation_tails=_table(
            [
                *org.get("organisation_tails", []),
                *_read(_other(lang), "organisations").get("organisation_tails", []),
            ]
        ),
        ranks=_table(rk.get("ranks", [])),
        rank_suffixes=frozenset(rk.get("rank_suffixes", [])),
        indirect_verbs=_table(sp.get("indirect_verbs", [])),
        indirect_verbs_bare=_table(sp.get("indirect_verbs_bare", [])),
        according_to=_table(sp.get("according_to", [])),
        complementizers=frozenset(sp.get("complementizers", [])),
        reported_objects=_table(sp.get("reported_objects", [])),
        organisation_starts=_table(ti.get("organisation_starts", [])),
        organisation_starts_need_name=_table(ti.get("organisation_starts_need_name", [])),
        name_breakers=frozenset(ti.get("name_breakers", [])),
        person_descriptors=_table(ti.get("person_descriptors", [])),
        name_starters=_table(ti.get("name_starters", [])),
        organisation_names=_table(ti.get("organisation_names", [])),
        name_abbreviations=frozenset(ti.get("name_abbreviations", [])),
    )


@cache
def _roles() -> dict[str, dict[str, str]]:
    with (LEXICON_DIR / "roles.json").open(encoding="utf-8") as fh:
        return dict(json.load(fh)["roles"])


def role_info(role: str) -> dict[str, str]:
    """Label, kind (domestic/consular/embassy/national) and key slug of a role."""
    return _roles().get(role, _roles()["OtherOfficial"])
