"""Readers for the curated gazetteer files in ``data/gazetteer/``.

Every file is UTF-8, tab-separated, one record a line; blank lines and lines starting
with ``#`` are ignored, so a linguist can annotate them freely. Each file's header
comment says what its columns mean and how its rows were decided.

``aliases.tsv``
    ``target  alias  lang  [flags]``: another name of a place. ``target`` is an ISO
    3166-1 alpha-2 code (a country), an ISO 3166-2 code (a province) or a GeoNames id
    (a city). ``flags``: ``pref`` makes the alias the place's label in ``lang``;
    ``first`` makes the target the first reading of the name; ``drop`` removes that
    name from the place (a wrong GeoNames alternate name).
``admin1.tsv``
    ``country  admin1  iso3166_2  evidence``: GeoNames admin1 code to province.
``city_province.tsv``
    ``geonameid  iso3166_2  name  note``: the province of one city, overriding admin1.
``not_places.tsv``
    ``surface  policy  [note]``: ``never`` (never a place) or ``cue`` (a place only
    after a cue such as "Kota X" or "X City").
``cues.tsv``
    ``word  position  kind``: a word before (``prefix``) or after (``suffix``) a name
    that marks it as a place of ``kind``: "Provinsi Hubei", "Xiangyang City".
``cities_extra.tsv``
    ``geonameid  name  country  iso3166_2  population  [aliases]``: places under the
    15,000 inhabitants of GeoNames' cities15000, taken from GeoNames by hand;
    ``aliases`` are separated by ``;``.
``regencies.tsv``
    ``name  iso3166_2  seat  [aliases]``: Indonesian regencies (kabupaten); those not
    named like a city of their province become places of their own.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError

__all__ = [
    "DATA_DIR",
    "FILES",
    "Alias",
    "CuratedData",
    "ExtraCity",
    "Regency",
    "data_digest",
    "read_curated",
]

log = logging.getLogger(__name__)

#: ``data/gazetteer`` beside the package.
DATA_DIR = Path(__file__).resolve().parents[3] / "data" / "gazetteer"

FILES = (
    "aliases.tsv",
    "admin1.tsv",
    "city_province.tsv",
    "not_places.tsv",
    "cues.tsv",
    "cities_extra.tsv",
    "regencies.tsv",
)

POLICIES = frozenset({"never", "cue"})
POSITIONS = frozenset({"prefix", "suffix"})
PLACE_KINDS = frozenset({"City", "Province", "Country"})
FLAGS = frozenset({"pref", "first", "drop"})


@dataclass(frozen=True, slots=True)
class Alias:
    """One row of ``aliases.tsv``."""

    target: str
    alias: str
    lang: str
    pref: bool = False
    first: bool = False
    drop: bool = False


@dataclass(frozen=True, slots=True)
class ExtraCity:
    """One row of ``cities_extra.tsv``."""

    geonames_id: int
    name: str
    country: str
    province: str | None
    population: int
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Regency:
    """One row of ``regencies.tsv``."""

    name: str
    province: str
    seat: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CuratedData:
    """Everything read from ``data/gazetteer``."""

    aliases: tuple[Alias, ...]
    admin1: dict[tuple[str, str], str]
    city_province: dict[int, str]
    not_places: dict[str, str]
    cues: tuple[tuple[str, str, str], ...]
    extra_cities: tuple[ExtraCity, ...]
    regencies: tuple[Regency, ...] = ()


def _rows(path: Path, min_cols: int) -> Iterator[tuple[int, list[str]]]:
    if not path.exists():
        log.warning("gazetteer file %s is missing; skipping it", path)
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.rstrip("\n").split("\t")]
            if len(cols) < min_cols or not all(cols[:min_cols]):
                raise ConfigError(f"{path}:{number}: expected {min_cols} tab-separated columns")
            yield number, cols


def _int(path: Path, number: int, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ConfigError(f"{path}:{number}: {text!r} is not a number") from None


def read_curated(data_dir: Path = DATA_DIR) -> CuratedData:
    """Read and check the curated files (see the module docstring for their columns)."""
    aliases = []
    path = data_dir / "aliases.tsv"
    for number, cols in _rows(path, 3):
        flags = set(cols[3].split(",")) - {""} if len(cols) > 3 else set()
        if flags - FLAGS:
            raise ConfigError(f"{path}:{number}: unknown flags {sorted(flags - FLAGS)}")
        if "pref" in flags and cols[2] == "und":
            raise ConfigError(f"{path}:{number}: a preferred label needs a language, not 'und'")
        aliases.append(
            Alias(cols[0], cols[1], cols[2], "pref" in flags, "first" in flags, "drop" in flags)
        )

    admin1 = {}
    path = data_dir / "admin1.tsv"
    for _, cols in _rows(path, 3):
        admin1[(cols[0], cols[1])] = cols[2]

    city_province = {}
    path = data_dir / "city_province.tsv"
    for number, cols in _rows(path, 2):
        city_province[_int(path, number, cols[0])] = cols[1]

    not_places = {}
    path = data_dir / "not_places.tsv"
    for number, cols in _rows(path, 2):
        if cols[1] not in POLICIES:
            raise ConfigError(f"{path}:{number}: policy must be one of {sorted(POLICIES)}")
        not_places[cols[0]] = cols[1]

    cues = []
    path = data_dir / "cues.tsv"
    for number, cols in _rows(path, 3):
        if cols[1] not in POSITIONS or cols[2] not in PLACE_KINDS:
            raise ConfigError(
                f"{path}:{number}: expected word, prefix|suffix, City|Province|Country"
            )
        cues.append((cols[0], cols[1], cols[2]))

    extra = []
    path = data_dir / "cities_extra.tsv"
    for number, cols in _rows(path, 5):
        names = tuple(a.strip() for a in cols[5].split(";") if a.strip()) if len(cols) > 5 else ()
        extra.append(
            ExtraCity(
                _int(path, number, cols[0]),
                cols[1],
                cols[2],
                cols[3] if cols[3] != "-" else None,
                _int(path, number, cols[4]),
                names,
            )
        )
    regencies = []
    path = data_dir / "regencies.tsv"
    for _, cols in _rows(path, 3):
        names = tuple(a.strip() for a in cols[3].split(";") if a.strip()) if len(cols) > 3 else ()
        regencies.append(Regency(cols[0], cols[1], cols[2], names))
    return CuratedData(
        tuple(aliases),
        admin1,
        city_province,
        not_places,
        tuple(cues),
        tuple(extra),
        tuple(regencies),
    )


def data_digest(data_dir: Path = DATA_DIR) -> str:
    """A short hash of the curated files, to key caches of the built gazetteer."""
    digest = hashlib.sha256()
    for name in FILES:
        path = data_dir / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()[:16]
