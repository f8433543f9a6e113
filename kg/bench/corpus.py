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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kg.bench.world import (
    BENCH_DATA,
    PARTNERSHIPS,
    ZIPF_EXPONENT,
    Ranked,
    World,
    _world,
)
from kg.resolve.gazetteer import Place
from kg.sources.model import Article

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

#: Corpus sizes the benchmark knows by name.
SIZES = {"1k": 1_000, "10k": 10_000, "50k": 50_000}

#: Articles are padded with background sentences up to about this many characters.
TARGET_CHARS = 3_100

#: Bump when the same seed gives other articles, so cached corpora are written again.
CORPUS_VERSION = 2

_SCENARIOS = ("consul", "ambassador", "signing")
_FIELD = re.compile(r"\{(\w+)\}")


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
