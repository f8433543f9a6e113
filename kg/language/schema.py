"""The shape of every lexicon file: each key a file may hold, with its type.

Every model forbids unknown keys and requires every key, so a misspelt or missing key fails
when the lexicon loads, with a message naming the file and the key, instead of silently
switching a rule off (as spaCy checks its configuration in ``schemas.py``). A key with
nothing in it is written as an empty list or object. ``note`` and ``_comment`` are free text
for the people who edit the files.

>>> Ranks.model_validate({"ranks": ["kombes"], "rank_suffixes": []}).ranks
['kombes']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from kg.errors import ConfigError

__all__ = ["FILES", "check"]

Words = list[str]
Phrases = dict[str, str]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    note: str = ""


class FunctionWords(RootModel[Words]):
    """``function_words.json``: a plain list of frequent words, for language identification."""


class Abbreviations(_File):
    abbreviations: Words


class Titles(_File):
    roles: Phrases
    other_titles: Words
    title_prefixes: Words
    units: Words
    portfolios: Words
    honorifics: Words
    postnominals: Words
    generic_references: Phrases
    possessive_suffixes: Words
    of_words: Words
    place_prepositions: Words
    to_prepositions: Words
    default_country: str | None
    appositive: Words
    not_name_words: Words
    name_particles: Words
    connectors: Words
    organisation_starts: Words
    organisation_starts_need_name: Words
    name_breakers: Words
    person_descriptors: Words
    name_starters: Words
    organisation_names: Words
    name_abbreviations: Words
    name_run_joiners: Words
    articles_before_place: Words


class Organisations(_File):
    government_prefixes: Phrases
    government_suffixes: Phrases
    government_label: Phrases
    ministry_prefixes: Words
    mission_prefixes: Phrases
    mission_suffixes: Phrases
    mission_home: Phrases
    organisation_words: Words
    company_prefixes: Words
    company_suffixes: Words
    company_legal_forms: Words
    company_context: Words
    list_cues: Words
    company_location_cues: Words
    city_anaphora: Words
    nonplace_before: Words
    nonplace_after: Words
    country_aliases: Phrases
    demonyms: Phrases
    place_cues_before: Phrases
    place_cues_after: Phrases
    company_apposition: Words
    street_words: Words
    organisation_heads: Words
    organisation_tails: Words
    company_home_cues: Words
    not_company_words: Words
    origin_words: Words
    based_words: Words
    name_joiners: Words


class Agreements(_File):
    types: Phrases
    status: Phrases
    status_priority: Words
    default_status: str
    negations: Words
    modal_before: Words
    conditionals: Words
    party_connectors: Words
    province_level: Words
    plan_before: Words
    both_parties: Words
    articles: Words
    party_words: Words


class Events(_File):
    types: Phrases
    priority: Words
    future_cues: Words
    anaphora: Words
    invitation_agent_verbs: Words
    invitation_passive_verbs: Words
    passive_agent_words: Words
    determiners_after: Words
    determiners_before: Words
    recipient_words: Words
    invitation_source_words: Words
    invitation_receive_verbs: Words
    invitation_delivery_words: Words
    attendance_cues: Words
    identity_phrases: Words
    venue_words: Words


class Speech(_File):
    after_quote: Words
    before_quote: Words
    pronoun_forms: Words
    pronouns: Words
    indirect_verbs: Words
    indirect_verbs_bare: Words
    according_to: Words
    complementizers: Words
    reported_objects: Words


class Dates(_File):
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    weekday_past_suffix: Words
    weekday_future_suffix: Words
    weekday_last_week: Words
    approximate: Words


class Ranks(_File):
    ranks: Words
    rank_suffixes: Words


class Conjunctions(_File):
    """Words that join two names or two parties; news text mixes both languages, so the
    extractor reads the words of every language."""

    and_: Words = Field(alias="and")
    and_also: Words
    with_: Words = Field(alias="with")
    #: "respectively", "masing-masing": pairs two lists in order ("the mayors of A and B,
    #: X and Y, respectively")
    respectively: Words


class Noise(_File):
    """``noise.json``: read by :mod:`kg.sources.noise` (page furniture, not extraction)."""

    comment: str = Field("", alias="_comment")
    labels: Words
    links: Words
    meta_words: Words
    outlets: Words


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    kind: str
    slug: str


class Roles(_File):
    """``roles.json`` (shared by every language): each role's label, kind and key slug."""

    roles: dict[str, Role]


#: The files of one language's folder and their models.
FILES: dict[str, type[BaseModel]] = {
    "function_words": FunctionWords,
    "abbreviations": Abbreviations,
    "titles": Titles,
    "organisations": Organisations,
    "agreements": Agreements,
    "events": Events,
    "speech": Speech,
    "dates": Dates,
    "ranks": Ranks,
    "conjunctions": Conjunctions,
    "noise": Noise,
}

M = TypeVar("M", bound=BaseModel)

_PROBLEMS = {"extra_forbidden": "unknown key", "missing": "missing key"}


def check(model: type[M], data: Any, path: Path) -> M:
    """``data`` read from ``path`` as ``model``, or a :class:`~kg.errors.ConfigError` whose
    one-line message names the file and each key at fault.

    >>> check(Ranks, {"ranks": [], "rank_sufixes": []}, Path("id/ranks.json"))
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: id/ranks.json: missing key 'rank_suffixes'; unknown key 'rank_sufixes'
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(part) for part in err["loc"]) or "(top level)"
            what = _PROBLEMS.get(err["type"], err["msg"].lower())
            problems.append(f"{what} {where!r}" if err["type"] in _PROBLEMS else f"{where}: {what}")
        raise ConfigError(f"{path}: {'; '.join(problems)}") from None
