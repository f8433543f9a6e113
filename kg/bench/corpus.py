"""A seeded synthetic corpus of Indonesian and English articles, with their expected facts.

The world is built once from the seed: real cities, provinces and countries from the
gazetteer (:func:`kg.resolve.gazetteer.gazetteer`), and invented people and companies from
``data/bench/world.json``. Every city has one mayor, every province one governor, every
consulate one consul general, so the same person recurs across articles as one node, as in
real news. Each article is then drawn from its own random stream (the seed and its index),
so article ``i`` is the same whichever partition or process generates it.

Who and what an article is about follows a Zipf-like law, as in real news: the world ranks
its countries, cities, foreign cities and consulates in a seeded order, and draws a list of
:data:`PARTNERSHIPS` city-to-city partnerships (country, Indonesian city, foreign city,
agreement kind) whose parts are drawn by rank with weight ``1 / rank ** ZIPF_EXPONENT``.
Each article then picks a partnership by the same law. So a few countries, mayors,
consuls general and agreements appear in thousands of articles of 10,000 and most in a few.

An article is one of three scenarios (a consul general meets a mayor, an ambassador meets a
governor, two mayors sign an agreement), written with wordings from
``data/bench/templates/{id,en}.json`` and padded with background sentences to about 3 KB.
Its expected facts are in the gold format of ``docs/gold-format.md``, so
:func:`kg.evaluate.score` style matching works on them.

>>> a = list(generate(3, seed=7))
>>> [x.article.language for x in a] == [x.article.language for x in generate(3, seed=7)]
True
>>> a[0].gold["posts"][0]["holder"] in a[0].article.text
True
"""

from __future__ import annotations

import json
import random
import re
import string
from bisect import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any, Generic, TypeVar

from kg.config import PROJECT_DIR
from kg.resolve.gazetteer import Place, gazetteer
from kg.sources.model import Article

T = TypeVar("T")

__all__ = [
    "BENCH_DATA",
    "PARTNERSHIPS",
    "SIZES",
    "ZIPF_EXPONENT",
    "Generated",
    "Ranked",
    "World",
    "citations",
    "generate",
    "read_corpus",
    "write_corpus",
]

BENCH_DATA = PROJECT_DIR / "data" / "bench"

#: Corpus sizes the benchmark knows by name.
SIZES = {"1k": 1_000, "10k": 10_000, "50k": 50_000}

#: Articles are padded with background sentences up to about this many characters.
TARGET_CHARS = 3_100

#: The exponent ``s`` of the popularity law: the item of rank ``r`` has weight ``1 / r**s``.
ZIPF_EXPONENT = 1.0

#: How many distinct partnerships (country, city, foreign city, agreement) the news is about.
PARTNERSHIPS = 2_000

#: Bump when the same seed gives other articles, so cached corpora are written again.
CORPUS_VERSION = 2

_SCENARIOS = ("consul", "ambassador", "signing")
_KINDS = ("SisterCityAgreement", "MemorandumOfUnderstanding")
_FIELD = re.compile(r"\{(\w+)\}")


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


@dataclass(frozen=True, slots=True)
class Generated:
    """One synthetic article and the facts it states (gold format)."""

    index: int
    article: Article
    gold: dict[str, Any]

    def record(self) -> dict[str, Any]:
        """The article as a JSON-lines record that ``bikg ingest`` reads."""
        a = self.article
        return {
            "text": a.text,
            "url": a.url,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "language": a.language,
            "source": a.source,
        }


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


class _Slots(dict[str, str]):
    """Template slots that remember which ones a rendering used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.used: set[str] = set()

    def fill(self, template: str) -> str:
        self.used.update(_FIELD.findall(template))
        return string.Formatter().vformat(template, (), self)


def _article(world: World, seed: int, index: int) -> Generated:
    rng = random.Random(f"article:{seed}:{index}")
    lang = "id" if rng.random() < 0.6 else "en"
    t = world.templates[lang]
    scenario = rng.choice(_SCENARIOS)
    story = world.partnerships.draw(rng)
    code, city, fcity, kind = story.country, story.city, story.foreign_city, story.kind
    if scenario == "consul" and code not in world.consulates:
        scenario = rng.choice(("ambassador", "signing"))
    country = world.country_place[code]
    assert country is not None
    province = world.province[city.key]
    assert province is not None
    company, sector = world.company[fcity.key]
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    happened = published - timedelta(days=rng.randrange(0, 3))
    status = "Signed" if scenario == "signing" else "Proposed"
    posts: list[dict[str, Any]] = []
    base: Place | None = None
    if scenario == "consul":
        base_name = world.consulates[code].draw(rng)
        base = world.base_city[base_name]
        guest, host = world.consul[(code, base_name)], world.mayor[city.key]
        posts = [
            {"role": "ConsulGeneral", "holder": guest.name, "represents": country.name,
             "based_in": base.name},
            {"role": "Mayor", "holder": host.name, "jurisdiction": city.name},
        ]  # fmt: skip
    elif scenario == "ambassador":
        guest, host = world.ambassador[code], world.governor[province.key]
        posts = [
            {"role": "Ambassador", "holder": guest.name, "represents": country.name,
             "accredited_to": "Indonesia"},
            {"role": "Governor", "holder": host.name, "jurisdiction": province.name},
        ]  # fmt: skip
    else:
        guest, host = world.foreign_mayor[fcity.key], world.mayor[city.key]
        posts = [
            {"role": "Mayor", "holder": host.name, "jurisdiction": city.name},
            {"role": "Mayor", "holder": guest.name, "jurisdiction": fcity.name},
        ]
    weekday = t["weekdays"][happened.weekday()]
    month = t["months"][happened.month - 1]
    date_text = rng.choice(t["date"]).format(
        weekday=weekday, d=happened.day, m=happened.month, y=happened.year, month=month
    )
    source = rng.choice(world.outlets[lang])
    slots = _Slots(
        city=world.label(city, lang),
        CITY=world.label(city, lang).upper(),
        province=world.label(province, lang),
        fcity=world.label(fcity, lang),
        fcountry=world.label(country, lang),
        base=world.label(base, lang) if base else "",
        guest=guest.name,
        host=host.name,
        date=date_text,
        source=source,
        company=company,
        sector=sector[f"sector_{lang}"],
        agreement_id=world.templates["id"]["agreement_name"][kind],
        agreement_en=world.templates["en"]["agreement_name"][kind],
    )
    title = slots.fill(rng.choice(t["headline"][scenario]))
    slots.used.clear()  # the headline is not part of the text
    paragraphs = [
        slots.fill(rng.choice(t["lead"][scenario])),
        slots.fill(rng.choice(t["agreement"][f"{kind}/{status}"])),
    ]
    quotes = [
        (guest, slots.fill(rng.choice(t["quote_guest"]))),
        (host, slots.fill(rng.choice(t["quote_host"]))),
    ]
    rng.shuffle(quotes)
    paragraphs.append(quotes[0][1])
    with_company = rng.random() < 0.7
    if with_company:
        paragraphs.append(slots.fill(rng.choice(t["company"])))
    paragraphs.append(quotes[1][1])
    filler = list(t["filler"])
    rng.shuffle(filler)
    body: list[str] = []
    size = sum(len(p) + 1 for p in paragraphs)
    while size < TARGET_CHARS and filler:
        sentence = filler.pop().format(
            city=slots["city"],
            n1=rng.randrange(200, 3000),
            n2=rng.randrange(50, 900),
            pct=rng.randrange(3, 25),
        )
        slots.used.update(_FIELD.findall(sentence))
        body.append(sentence)
        size += len(sentence) + 1
    # Background sentences form paragraphs of two or three, between the facts.
    chunks = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    text = "\n\n".join([paragraphs[0], paragraphs[1], *chunks[:1], *paragraphs[2:], *chunks[1:]])
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    article = Article(
        text=text,
        url=f"https://bench.example/{lang}/{published:%Y/%m}/{slug}-{index}",
        title=title,
        published=published,
        language=lang,
        source=source,
        origin=f"bench:{seed}:{index}",
    )
    places: dict[str, str] = {}
    if slots.used & {"city", "CITY"}:
        places[city.name] = "City"
    for slot, place in (("province", province), ("fcity", fcity), ("base", base)):
        if place is not None and slot in slots.used:
            places[place.name] = place.kind
    if "fcountry" in slots.used or scenario in ("consul", "ambassador"):
        places[country.name] = "Country"
    if scenario == "ambassador":
        places["Indonesia"] = "Country"
    meeting = {
        "type": "Signing" if scenario == "signing" else "Meeting",
        "date": happened.isoformat(),
        "place": city.name,
        "participants": [guest.name, host.name],
    }
    gold: dict[str, Any] = {
        "article": f"bench-{index:06d}.{lang}.txt",
        "url": article.url,
        "language": lang,
        "scenario": scenario,
        "persons": [guest.name, host.name],
        "posts": posts,
        "places": [{"name": n, "type": k} for n, k in places.items()],
        "companies": [company] if with_company else [],
        "agreements": [{"type": kind, "parties": [city.name, fcity.name], "status": status}],
        "events": [meeting],
        "invitations": [],
        "quotes": [
            {"speaker": who.name, "text_starts": " ".join(_quoted(text).split()[:4])}
            for who, text in quotes
        ],
        "mentions": [],
    }
    return Generated(index, article, gold)


def _quoted(paragraph: str) -> str:
    match = re.search(r"[“\"](.+?)[”\"]", paragraph)
    return match.group(1) if match else ""


def generate(n: int, seed: int = 42, start: int = 0) -> Iterator[Generated]:
    """Articles ``start`` to ``start + n - 1`` of the corpus of ``seed``."""
    world = _world(seed)
    for index in range(start, start + n):
        yield _article(world, seed, index)


def write_corpus(directory: Path | str, n: int, seed: int = 42) -> Path:
    """Write ``articles.jsonl`` (ingestable) and ``gold.jsonl`` (expected facts) in ``directory``.

    Returns the path of ``articles.jsonl``. An existing corpus of the same size and seed is
    kept as it is.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    articles, golds, meta = (
        directory / "articles.jsonl",
        directory / "gold.jsonl",
        directory / "corpus.json",
    )
    wanted = {"articles": n, "seed": seed, "version": CORPUS_VERSION}
    if articles.exists() and meta.exists() and json.loads(meta.read_text()) == wanted:
        return articles
    with articles.open("w", encoding="utf-8") as a, golds.open("w", encoding="utf-8") as g:
        for item in generate(n, seed):
            a.write(json.dumps(item.record(), ensure_ascii=False) + "\n")
            g.write(json.dumps(item.gold, ensure_ascii=False) + "\n")
    meta.write_text(json.dumps(wanted))
    return articles


def read_corpus(directory: Path | str) -> Iterator[tuple[Article, dict[str, Any]]]:
    """The articles and expected facts of a corpus written by :func:`write_corpus`."""
    directory = Path(directory)
    with (
        (directory / "articles.jsonl").open(encoding="utf-8") as a,
        (directory / "gold.jsonl").open(encoding="utf-8") as g,
    ):
        for index, (line, gold_line) in enumerate(zip(a, g, strict=True)):
            record = json.loads(line)
            yield (
                Article(
                    text=record["text"],
                    url=record["url"],
                    title=record["title"],
                    published=date.fromisoformat(record["published"]),
                    language=record["language"],
                    source=record["source"],
                    origin=f"{directory / 'articles.jsonl'}:{index + 1}",
                ),
                json.loads(gold_line),
            )


def citations(golds: Iterable[dict[str, Any]]) -> Counter[str]:
    """In how many articles each entity appears, from expected facts (gold records).

    Keys are ``person:``, ``place:``, ``company:`` and ``agreement:`` followed by the name
    (an agreement: its kind and sorted parties).

    >>> golds = [g.gold for g in generate(30, seed=42)]
    >>> top, count = citations(golds).most_common(1)[0]
    >>> top.split(":")[0] in {"person", "place", "company", "agreement"}, 2 <= count <= 30
    (True, True)
    """
    counts: Counter[str] = Counter()
    for gold in golds:
        seen = {f"person:{p}" for p in gold["persons"]}
        seen |= {f"place:{p['name']}" for p in gold["places"]}
        seen |= {f"company:{c}" for c in gold["companies"]}
        seen |= {
            f"agreement:{a['type']}:{'|'.join(sorted(a['parties']))}" for a in gold["agreements"]
        }
        counts.update(seen)
    return counts
