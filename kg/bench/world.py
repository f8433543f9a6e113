"""The world a synthetic corpus is drawn from: real places from the gazetteer, invented
office holders and companies (``data/bench/world.json``), and who the news is about, ranked
by a Zipf-like law (see :mod:`kg.bench.corpus`)."""

from __future__ import annotations

import json
import random
from bisect import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any, Generic, TypeVar

from kg.config import PROJECT_DIR
from kg.resolve.gazetteer import Place, gazetteer

T = TypeVar("T")

__all__ = [
    "BENCH_DATA",
    "PARTNERSHIPS",
    "ZIPF_EXPONENT",
    "Partnership",
    "Person",
    "Ranked",
    "World",
]

BENCH_DATA = PROJECT_DIR / "data" / "bench"


#: The exponent ``s`` of the popularity law: the item of rank ``r`` has weight ``1 / r**s``.
ZIPF_EXPONENT = 1.0

#: How many distinct partnerships (country, city, foreign city, agreement) the news is about.
PARTNERSHIPS = 2_000

_KINDS = ("SisterCityAgreement", "MemorandumOfUnderstanding")


class Ranked(Generic[T]):
    """Items drawn with Zipf-like weights: the item of rank ``r`` (from 1) weighs ``1 / r**s``.

    >>> ranked = Ranked(["a", "b", "c", "d"], exponent=1.0)
    >>> [round(ranked.share(i), 2) for i in range(4)]
    [0.48, 0.24, 0.16, 0.12]
    >>> rng = random.Random(1)
    >>> draws = [ranked.draw(rng) for _ in range(1000)]
    >>> draws.count("a") > draws.count("b") > draws.count("d")
    True
    """

    def __init__(self, items: Sequence[T], exponent: float = ZIPF_EXPONENT) -> None:
        if not items:
            raise ValueError("nothing to rank")
        self.items = list(items)
        self.cumulative = list(
            accumulate(1.0 / rank**exponent for rank in range(1, len(items) + 1))
        )

    def share(self, index: int) -> float:
        """The probability of drawing the item at ``index`` (rank ``index + 1``)."""
        before = self.cumulative[index - 1] if index else 0.0
        return (self.cumulative[index] - before) / self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True, slots=True)
class Partnership:
    """What one story is about: a foreign country, an Indonesian and a foreign city."""

    country: str
    city: Place
    foreign_city: Place
    kind: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    nationality: str


class World:
    """The places, office holders and companies every article of one seed draws from."""

    def __init__(self, seed: int) -> None:
        spec = json.loads((BENCH_DATA / "world.json").read_text(encoding="utf-8"))
        self.templates = {
            lang: json.loads((BENCH_DATA / "templates" / f"{lang}.json").read_text("utf-8"))
            for lang in ("id", "en")
        }
        rng = random.Random(f"world:{seed}")
        g = gazetteer()
        self.countries: dict[str, dict[str, Any]] = spec["countries"]
        self.country_place = {c: g.by_key(f"country/{c.lower()}") for c in self.countries}
        self.indonesia = g.by_key("country/id")
        excluded = set(spec["indonesian_city_exclude"])
        self.cities = sorted(
            (
                p
                for p in g.places("City")
                if p.country == "ID"
                and p.province
                and p.population >= spec["indonesian_city_min_population"]
                and p.name not in excluded
                and _unambiguous(p)
            ),
            key=lambda p: p.key,
        )
        self.foreign: dict[str, list[Place]] = {}
        for code, info in self.countries.items():
            self.foreign[code] = sorted(
                (
                    p
                    for p in g.places("City")
                    if p.country == code
                    and p.population >= info["min_population"]
                    and p.name.isascii()
                    and _unambiguous(p)
                ),
                key=lambda p: p.key,
            )[:40]
        self.province = {
            p.key: g.by_key(f"province/{p.province.lower()}")
            for p in self.cities
            if p.province is not None
        }
        names: dict[str, dict[str, Any]] = spec["names"]
        used: set[str] = set()

        def person(nationality: str) -> Person:
            pool = names[nationality]
            given_names = [n for n in pool["given"] if _not_a_place(n)]
            family_names = [n for n in pool["family"] if _not_a_place(n)]
            for _ in range(1000):
                given, family = rng.choice(given_names), rng.choice(family_names)
                name = (
                    f"{family} {given}"
                    if pool.get("order") == "family-first"
                    else f"{given} {family}"
                )
                if name not in used:
                    used.add(name)
                    return Person(name, nationality)
            raise RuntimeError(f"ran out of invented {nationality} names")

        self.mayor = {c.key: person("ID") for c in self.cities}
        self.governor = {p.key: person("ID") for p in self.province.values() if p is not None}
        self.foreign_mayor = {
            c.key: person(code) for code, cities in self.foreign.items() for c in cities
        }
        self.ambassador = {code: person(code) for code in self.countries}
        self.consul = {
            (code, base): person(code)
            for code, info in self.countries.items()
            for base in info["consulates"]
        }
        sectors = spec["company_sectors"]
        self.company = {
            c.key: (
                f"{rng.choice(spec['company_stems'])} {s['en']}",
                s,
            )
            for cities in self.foreign.values()
            for c in cities
            for s in [rng.choice(sectors)]
        }
        self.outlets: dict[str, list[str]] = spec["outlets"]
        self.base_city = {c.name: c for c in self.cities}
        self._rank_popularity(random.Random(f"popularity:{seed}"))

    def _rank_popularity(self, rng: random.Random) -> None:
        """Rank everything in a seeded order and draw the partnerships the news covers."""

        def ranked(items: Iterable[T]) -> Ranked[T]:
            order = list(items)
            rng.shuffle(order)
            return Ranked(order)

        countries = ranked(c for c in self.countries if self.foreign[c])
        cities = ranked(self.cities)
        foreign = {code: ranked(self.foreign[code]) for code in countries.items}
        self.consulates = {
            code: ranked(info["consulates"])
            for code, info in self.countries.items()
            if info["consulates"]
        }
        found: dict[tuple[str, str], Partnership] = {}
        for _ in range(50 * PARTNERSHIPS):
            if len(found) == PARTNERSHIPS:
                break
            code = countries.draw(rng)
            city, fcity = cities.draw(rng), foreign[code].draw(rng)
            if (city.key, fcity.key) not in found:
                found[city.key, fcity.key] = Partnership(code, city, fcity, rng.choice(_KINDS))
        # First drawn, most popular: the order of discovery already favours popular parts.
        self.partnerships = Ranked(list(found.values()))

    def label(self, place: Place, lang: str) -> str:
        return place.labels.get(lang) or place.name


def _not_a_place(name: str) -> bool:
    """Invented names must not also be places ("Fajar" and "Novi" are towns)."""
    return all(gazetteer().resolve(part) is None for part in name.replace("-", " ").split())


def _unambiguous(place: Place) -> bool:
    """The place's own name resolves back to it (so the expected fact is well-defined)."""
    found = gazetteer().resolve(place.name)
    return found is not None and found.key == place.key and place.name[:1].isupper()


@cache
def _world(seed: int) -> World:
    return World(seed)
