"""Language knowledge read from ``data/lexicon/<lang>/*.json``, loaded once per language.

The files are plain JSON so a linguist can extend them without touching Python; each file is
checked against its model in :mod:`kg.language.schema` when it loads, so a misspelt or missing
key fails at once with the file and the key named. Phrases are stored lowercase;
:class:`~kg.language.phrases.PhraseTable` matches them on token sequences produced by
:func:`kg.language.tokens.tokenize`, so a phrase is tokenized exactly like the text is.
The word sets the extractor derives from several lists (stop words, name breakers...) are
computed here, once per lexicon, not cached by the modules that use them.

>>> lex = lexicon("id")
>>> lex.roles.get(("wali", "kota"))
'Mayor'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kg.errors import ConfigError
from kg.language import schema
from kg.language.phrases import PhraseTable
from kg.language.tokens import norm_words

__all__ = [
    "LEXICON_DIR",
    "SUPPORTED",
    "Lexicon",
    "PhraseTable",
    "lexicon",
    "load_lexicon",
    "role_info",
]

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"
SUPPORTED = ("id", "en")


def _table(values: Iterable[str]) -> PhraseTable[bool]:
    return PhraseTable.build((v, True) for v in values)


def _mapping(values: Mapping[str, Any]) -> PhraseTable[Any]:
    return PhraseTable.build(values.items())


@dataclass(slots=True)
class Lexicon:
    """Everything the extractor knows about one language.

    >>> lexicon("en").roles.get(("mayor",))
    'Mayor'
    """

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
    ranks: PhraseTable[bool]
    rank_suffixes: frozenset[str]
    indirect_verbs: PhraseTable[bool]
    indirect_verbs_bare: PhraseTable[bool]
    according_to: PhraseTable[bool]
    complementizers: frozenset[str]
    reported_objects: PhraseTable[bool]
    organisation_starts: PhraseTable[bool]
    organisation_starts_need_name: PhraseTable[bool]
    name_breakers: frozenset[str]
    person_descriptors: PhraseTable[bool]
    name_starters: PhraseTable[bool]
    organisation_names: PhraseTable[bool]
    name_abbreviations: frozenset[str]
    province_level: frozenset[tuple[str, ...]]
    plan_before: frozenset[tuple[str, ...]]
    both_parties: frozenset[tuple[str, ...]]
    # words of both languages: news in one language names things in the other
    venue_words: frozenset[str]
    and_words: frozenset[str]
    and_also_words: frozenset[str]
    with_words: frozenset[str]
    respectively: PhraseTable[bool]
    name_run_joiners: frozenset[str]
    articles: frozenset[str]
    party_words: frozenset[str]
    articles_before_place: frozenset[str]
    origin_words: frozenset[str]
    based_words: frozenset[str]
    org_name_joiners: frozenset[str]
    # derived from the lists above, once per lexicon (see _derived)
    stop_words: frozenset[str] = frozenset()
    breakers: frozenset[str] = frozenset()
    honorific_table: PhraseTable[bool] = field(default_factory=PhraseTable)
    title_firsts: frozenset[str] = frozenset()
    person_cue_words: frozenset[str] = frozenset()
    statement_cue_firsts: frozenset[str] = frozenset()
    month_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Files:
    """One language folder, every file checked against its schema."""

    function_words: schema.FunctionWords
    abbreviations: schema.Abbreviations
    titles: schema.Titles
    organisations: schema.Organisations
    agreements: schema.Agreements
    events: schema.Events
    speech: schema.Speech
    dates: schema.Dates
    ranks: schema.Ranks
    conjunctions: schema.Conjunctions
    noise: schema.Noise


def _read(path: Path, model: type[BaseModel]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: lexicon file missing") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return schema.check(model, data, path)


@cache
def _files(root: Path, lang: str) -> _Files:
    return _Files(
        **{name: _read(root / lang / f"{name}.json", model) for name, model in schema.FILES.items()}
    )


def _other(lang: str) -> str:
    return "en" if lang == "id" else "id"


def _phrases(values: Iterable[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(norm_words(p) for p in values)


def load_lexicon(lang: str, root: Path = LEXICON_DIR) -> Lexicon:
    """The lexicon of ``lang`` read from ``root`` (a folder laid out like ``data/lexicon``);
    languages other than ``id`` get the English one.

    Raises :class:`~kg.errors.ConfigError` naming the file and the key when a file has an
    unknown key, misses one, or holds a value of the wrong type.

    >>> load_lexicon("fr").lang  # no French lexicon: the English one
    'en'
    """
    if lang not in SUPPORTED:
        lang = "en"
    own, other = _files(root, lang), _files(root, _other(lang))
    ti, org, ag, ev, sp, da, rk = (
        own.titles,
        own.organisations,
        own.agreements,
        own.events,
        own.speech,
        own.dates,
        own.ranks,
    )
    both = (own, other)
    lex = Lexicon(
        lang=lang,
        function_words=frozenset(own.function_words.root),
        abbreviations=frozenset(a.lower() for a in own.abbreviations.abbreviations),
        roles=_mapping(ti.roles),
        other_titles=_table(ti.other_titles),
        title_prefixes=_table(ti.title_prefixes),
        units=_table(ti.units),
        portfolios=_table(ti.portfolios),
        honorifics=tuple(ti.honorifics),
        postnominals=tuple(ti.postnominals),
        generic_references=_mapping(ti.generic_references),
        possessive_suffixes=tuple(ti.possessive_suffixes),
        of_words=frozenset(ti.of_words),
        place_prepositions=frozenset(ti.place_prepositions),
        to_prepositions=frozenset(ti.to_prepositions),
        default_country=ti.default_country,
        government_prefixes=_mapping(org.government_prefixes),
        government_suffixes=_mapping(org.government_suffixes),
        government_label=dict(org.government_label),
        ministry_prefixes=_table(org.ministry_prefixes),
        mission_prefixes=_mapping(org.mission_prefixes),
        mission_suffixes=_mapping(org.mission_suffixes),
        mission_home=dict(org.mission_home),
        organisation_words=_table(org.organisation_words),
        company_prefixes=_table(org.company_prefixes),
        company_suffixes=_table(org.company_suffixes),
        company_legal_forms=frozenset(org.company_legal_forms),
        company_context=frozenset(org.company_context),
        list_cues=_table(org.list_cues),
        company_location_cues=_table(org.company_location_cues),
        city_anaphora=_table(org.city_anaphora),
        nonplace_before=_table(org.nonplace_before),
        nonplace_after=_table(org.nonplace_after),
        country_aliases=dict(org.country_aliases),
        demonyms=_mapping(org.demonyms),
        agreement_types=_mapping(ag.types),
        status_cues=_mapping(ag.status),
        status_priority=tuple(ag.status_priority),
        default_status=ag.default_status,
        negations=frozenset(ag.negations),
        event_types=_mapping(ev.types),
        event_priority=tuple(ev.priority),
        future_cues=_table(ev.future_cues),
        event_anaphora=_table(ev.anaphora),
        invitation_agent_verbs=_table(ev.invitation_agent_verbs),
        invitation_passive_verbs=_table(ev.invitation_passive_verbs),
        passive_agent_words=frozenset(ev.passive_agent_words),
        speech_after=_table(sp.after_quote),
        speech_before=_table(sp.before_quote),
        pronoun_forms=frozenset(sp.pronoun_forms),
        pronouns=frozenset(sp.pronouns),
        months=dict(da.months),
        weekdays=dict(da.weekdays),
        relative_days=_mapping(da.relative),
        weekday_past_suffix=frozenset(da.weekday_past_suffix),
        weekday_future_suffix=frozenset(da.weekday_future_suffix),
        weekday_last_week=tuple(norm_words(p) for p in da.weekday_last_week),
        approximate=frozenset(da.approximate),
        place_cues_before=_mapping(org.place_cues_before),
        place_cues_after=_mapping(org.place_cues_after),
        appositive=_table(ti.appositive),
        not_name_words=frozenset(ti.not_name_words),
        name_particles=frozenset(ti.name_particles),
        connectors=frozenset(ti.connectors),
        modal_before=frozenset(ag.modal_before),
        conditionals=frozenset(ag.conditionals),
        company_apposition=_table(org.company_apposition),
        determiners_after=frozenset(ev.determiners_after),
        determiners_before=frozenset(ev.determiners_before),
        recipient_words=frozenset(ev.recipient_words),
        invitation_source_words=frozenset(ev.invitation_source_words),
        invitation_receive_verbs=_table(ev.invitation_receive_verbs),
        invitation_delivery_words=frozenset(ev.invitation_delivery_words),
        attendance_cues=_table(ev.attendance_cues),
        street_words=_table(org.street_words),
        identity_phrases=_table(ev.identity_phrases),
        party_connectors=frozenset(ag.party_connectors),
        company_home_cues=_table(org.company_home_cues),
        not_company_words=frozenset(org.not_company_words),
        # organisations are often named in English in Indonesian text, and vice versa
        organisation_heads=_table([w for f in both for w in f.organisations.organisation_heads]),
        organisation_tails=_table([w for f in both for w in f.organisations.organisation_tails]),
        ranks=_table(rk.ranks),
        rank_suffixes=frozenset(rk.rank_suffixes),
        indirect_verbs=_table(sp.indirect_verbs),
        indirect_verbs_bare=_table(sp.indirect_verbs_bare),
        according_to=_table(sp.according_to),
        complementizers=frozenset(sp.complementizers),
        reported_objects=_table(sp.reported_objects),
        organisation_starts=_table(ti.organisation_starts),
        organisation_starts_need_name=_table(ti.organisation_starts_need_name),
        name_breakers=frozenset(ti.name_breakers),
        person_descriptors=_table(ti.person_descriptors),
        name_starters=_table(ti.name_starters),
        organisation_names=_table(ti.organisation_names),
        name_abbreviations=frozenset(ti.name_abbreviations),
        province_level=_phrases(ag.province_level),
        plan_before=_phrases(ag.plan_before),
        both_parties=_phrases(ag.both_parties),
        venue_words=frozenset(w for f in both for w in f.events.venue_words),
        and_words=frozenset(w for f in both for w in f.conjunctions.and_),
        and_also_words=frozenset(w for f in both for w in f.conjunctions.and_also),
        with_words=frozenset(w for f in both for w in f.conjunctions.with_),
        respectively=_table(w for f in both for w in f.conjunctions.respectively),
        name_run_joiners=frozenset(w for f in both for w in f.titles.name_run_joiners),
        articles=frozenset(w for f in both for w in f.agreements.articles),
        party_words=frozenset(w for f in both for w in f.agreements.party_words),
        articles_before_place=frozenset(w for f in both for w in f.titles.articles_before_place),
        origin_words=frozenset(w for f in both for w in f.organisations.origin_words),
        based_words=frozenset(w for f in both for w in f.organisations.based_words),
        org_name_joiners=frozenset(w for f in both for w in f.organisations.name_joiners),
    )
    lex.month_words = frozenset(m for f in both for m in f.dates.months)
    english = own if lang == "en" else other
    return _derived(lex, english)


def _derived(lex: Lexicon, en: _Files) -> Lexicon:
    """The word sets the extractor derives from several lists, computed once."""
    lex.stop_words = (
        lex.function_words
        | frozenset(en.function_words.root)
        | lex.not_name_words
        | frozenset(lex.months)
        | frozenset(lex.weekdays)
        | frozenset(en.dates.months)
        | frozenset(en.dates.weekdays)
        | frozenset(w for key in lex.nonplace_before.entries for w in key)
    )
    # words that end an organisation's name and never start a person's: "Polda",
    # "Satlantas", "Kementerian", "Humas", region abbreviations
    breakers = set(lex.not_name_words) | set(lex.name_breakers)
    for table in (
        lex.units,
        lex.organisation_heads,
        lex.organisation_tails,
        lex.organisation_words,
        lex.organisation_starts,
    ):
        breakers.update(key[0] for key in table.entries if len(key) == 1)
    lex.breakers = frozenset(breakers)
    lex.honorific_table = PhraseTable.build(
        [
            *((h.replace(".", " ").replace("'", " "), True) for h in lex.honorifics),
            *((" ".join(r), True) for r in lex.ranks.entries),
        ]
    )
    lex.title_firsts = frozenset(
        [*lex.roles.by_first, *lex.other_titles.by_first, *lex.generic_references.by_first]
    )
    # first words of every person cue: the person finder skips every other position
    lex.person_cue_words = frozenset(
        [
            *lex.honorific_table.by_first,
            *lex.speech_after.by_first,
            *lex.speech_before.by_first,
            "(",
            ",",
        ]
    )
    # first words of every cue of reported speech: the statement finder skips other words
    lex.statement_cue_firsts = frozenset(
        [*lex.according_to.by_first, *lex.indirect_verbs.by_first, *lex.speech_after.by_first]
    )
    return lex


@cache
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` (``id`` or ``en``) from ``data/lexicon``, loaded once;
    other languages get the English one."""
    return load_lexicon(lang)


@cache
def _roles(root: Path = LEXICON_DIR) -> dict[str, schema.Role]:
    found: schema.Roles = _read(root / "roles.json", schema.Roles)
    return dict(found.roles)


def role_info(role: str) -> dict[str, str]:
    """Label, kind (domestic/consular/embassy/national) and key slug of a role.

    >>> role_info("Mayor")["kind"]
    'domestic'
    """
    roles = _roles()
    return (roles.get(role) or roles["OtherOfficial"]).model_dump()
