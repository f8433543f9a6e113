"""The place record and the name normalisation every gazetteer lookup goes through.

>>> normalize("  Xi’an — Shaanxi ")
'xian shaanxi'
>>> normalize("Đà Nẵng"), normalize("U.S."), normalize("Ho-Chi-Minh")
('da nang', 'us', 'ho chi minh')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

__all__ = ["KINDS", "Labels", "Place", "normalize", "spelling"]

#: The place classes of the core ontology, in the order that breaks ties between
#: equally good names ("Singapore" the country before the city, the city "Jambi"
#: before the province).
KINDS = ("Country", "City", "Province")

GEONAMES_IRI = "https://sws.geonames.org/{}/"

# Letters NFKD does not decompose, and marks that are dropped rather than spaced:
# apostrophes ("Xi'an" == "Xian") and full stops ("U.S." == "US", "St." == "St").
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "þ": "th",
        "Þ": "Th",
        "'": None,
        "’": None,
        "‘": None,
        "ʼ": None,
        "ʻ": None,
        "`": None,
        "´": None,
        ".": None,
    }
)
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def normalize(surface: str) -> str:
    """The lookup key of a name: casefolded, accents stripped, punctuation spaced.

    Hyphens, dashes and other punctuation become spaces; apostrophes and full stops
    vanish; runs of whitespace collapse to one space.

    >>> normalize("Sumatera   Utara"), normalize("People's Republic of China")
    ('sumatera utara', 'peoples republic of china')
    """
    return spelling(surface).casefold()


def spelling(surface: str) -> str:
    """Like :func:`normalize` but keeping case, to tell "Nice" from "nice".

    >>> spelling("Ürümqi-Shi")
    'Urumqi Shi'
    """
    text = surface.translate(_FOLD)
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_NON_WORD.sub(" ", text).split())


class Labels(dict[str, str]):
    """A read-only ``{language: label}`` mapping (a ``dict`` that refuses changes).

    >>> Labels({"en": "China"})["en"]
    'China'
    """

    __slots__ = ()

    def _readonly(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Place labels are read-only; copy them with dict(labels)")

    __setitem__ = __delitem__ = _readonly
    clear = pop = popitem = setdefault = update = _readonly
    __ior__ = _readonly

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[type[Labels], tuple[dict[str, str]]]:
        return (Labels, (dict(self),))


def _labels(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Labels:
    return value if isinstance(value, Labels) else Labels(value)


@dataclass(frozen=True, slots=True)
class Place:
    """A city, province or country of the gazetteer.

    ``key`` is the node key (the part of the instance IRI after ``/id/``):
    ``city/<slug>-<geonameid>``, ``province/<iso 3166-2, lowercase>`` or
    ``country/<iso alpha-2, lowercase>``. ``labels`` holds the canonical name per
    language (``en`` always, ``id`` where Indonesian differs or is curated);
    ``alt_labels`` other names worth publishing (curated aliases, ISO names and their
    Indonesian translations; not the many GeoNames exonyms, which are only matched).
    ``population`` of a province is the sum over its cities in the gazetteer, a lower
    bound used for ranking.

    >>> p = Place("country/cn", "Country", "China", {"en": "China", "id": "Tiongkok"},
    ...           frozenset({"RRT"}), "CN", None, 1814991, "CN", 1411778724)
    >>> p.same_as, p.labels["id"]
    ('https://sws.geonames.org/1814991/', 'Tiongkok')
    """

    key: str
    kind: str
    name: str
    labels: Mapping[str, str] = field(compare=False)
    alt_labels: frozenset[str] = field(compare=False)
    country: str
    province: str | None
    geonames_id: int | None
    iso_code: str | None
    population: int = field(compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", _labels(self.labels))

    @property
    def same_as(self) -> str | None:
        """The GeoNames IRI of the place, or ``None`` when it has no GeoNames id.

        >>> from kg.resolve.gazetteer import gazetteer
        >>> gazetteer().by_key("city/batam-6295587").same_as
        'https://sws.geonames.org/6295587/'
        """
        return None if self.geonames_id is None else GEONAMES_IRI.format(self.geonames_id)

    def __repr__(self) -> str:
        return f"Place({self.key!r}, {self.name!r})"
