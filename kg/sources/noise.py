"""Page furniture of news sites: lines of an article that are not its prose.

Pages copied from news sites carry bylines ("By Felicia Anak Jonas", "Penulis: ..."),
date and time lines ("Rabu, 20 Mei 2026 08:41 WIB", "14/10/2025 06:52 PM"), outlet and
section names ("CNN Indonesia", "Metro News"), cross-links ("Baca juga: ...", "Read also"),
photo captions ("Foto: ..."), "ADVERTISEMENT" and the like. Read as prose they give false
people and events, and their dates (the time of publishing) look like the date of what the
article reports. :func:`noise_lines` names those lines so the extractor skips them while the
text, and every offset into it, stays as it was.

The words are data, in ``data/lexicon/<lang>/noise.json`` (labels, meta words, outlets) and
the month and weekday names of ``dates.json``; all languages' lists apply to every article,
since a page in one language often carries furniture in another.

>>> page = "Judul\\nRabu, 20 Mei 2026 08:41 WIB\\nMakassar (ANTARA) - Tiba.\\nBaca juga: Lain"
>>> sorted(noise_lines(page))
[1, 3]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["is_noise", "noise_lines"]

_LEXICON = Path(__file__).resolve().parents[2] / "data" / "lexicon"
_LANGS = ("id", "en")
_MAX_WORDS = 16  # furniture lines are short; prose sentences run longer
_MAX_CHARS = 200
_MAX_LABELLED = 400  # a caption or link is a line; a page of text after "Foto:" is text
_WORD = re.compile(r"[^\W\d_][\w.'’-]*|\d+", re.UNICODE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_ENDS_PROSE = tuple('.!?"”’')
_MAX_CAPTION = 600
# a photo credit closing a caption: "ANTARA FOTO/Iggoy el Fitra.", "(Foto: Humas Pemkot)"
_CREDIT_END = re.compile(
    r"(?:\b(?:FOTO|Foto|PHOTO|Photo)\s*/\s*[A-Z][^/.]{1,40}\.?"
    r"|\((?:FOTO|Foto|PHOTO|Photo|Dok|dok)[.:]?\s[^()]{1,40}\))\s*$"
)
_BRACKETED = re.compile(r"\([^()]{1,60}\)")


@dataclass(frozen=True, slots=True)
class _Words:
    labels: tuple[str, ...]
    links: frozenset[str]
    meta: frozenset[str]
    outlets: frozenset[str]
    calendar: frozenset[str]


def _read(lang: str, name: str) -> dict[str, object]:
    path = _LEXICON / lang / f"{name}.json"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        data: dict[str, object] = json.load(fh)
    return data


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [str(k).lower() for k in value]
    if isinstance(value, list):
        return [str(v).lower() for v in value]
    return []


@cache
def _words() -> _Words:
    labels: set[str] = set()
    links: set[str] = set()
    meta: set[str] = set()
    outlets: set[str] = set()
    calendar: set[str] = set()
    for lang in _LANGS:
        noise = _read(lang, "noise")
        links.update(_strings(noise.get("links")))
        labels.update(_strings(noise.get("labels")))
        labels.update(_strings(noise.get("links")))
        meta.update(_strings(noise.get("meta_words")))
        outlets.update(_strings(noise.get("outlets")))
        dates = _read(lang, "dates")
        calendar.update(_strings(dates.get("months")))
        calendar.update(_strings(dates.get("weekdays")))
    # longest first, so "baca juga" is tried before a shorter label it starts with
    ordered = tuple(sorted(labels, key=len, reverse=True))
    return _Words(
        ordered, frozenset(links), frozenset(meta), frozenset(outlets), frozenset(calendar)
    )


@cache
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?:{alt})(?=$|[: |,\-–—\t])")


def _label(low: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """The label the line starts with (the longest) and what follows it."""
    found = _label_pattern(labels).match(low)
    if found is None:
        return None
    return found.group(), low[found.end() :]


def _has_date(line: str, words: list[str], calendar: frozenset[str]) -> bool:
    if _TIME.search(line) or _NUMERIC_DATE.search(line):
        return True
    has_number = any(w.isdigit() for w in words)
    return has_number and any(w.lower().strip(".") in calendar for w in words)


def _outlet_run(low: str, outlets: frozenset[str]) -> bool:
    """ "CNN Indonesia", "Tim detikSumut - detikSumut": only outlet names and separators."""
    parts = [p.strip() for p in re.split(r"\s[-–—|]\s|\|", low) if p.strip()]
    return bool(parts) and all(
        p in outlets or (p.startswith("tim ") and p[4:] in outlets) for p in parts
    )


def is_noise(line: str) -> bool:
    """Whether one line of an article is page furniture rather than prose.

    >>> is_noise("Baca juga: Wali Kota Batam bertemu Konsul Jenderal")
    True
    >>> is_noise("Thursday, February 12, 2026"), is_noise("By Felicia Anak Jonas")
    (True, True)
    >>> is_noise("Kota Medan memiliki hubungan sister city dengan Kota Chengdu.")
    False
    >>> is_noise("Dubes Belanda Temui Wali Kota Semarang, Bahas Tanggul Laut")
    False
    """
    text = line.strip()
    if not text:
        return False
    vocab = _words()
    low = text.lower()
    if text.isupper() and low in vocab.labels:
        return True  # "ADVERTISEMENT"
    found = _label(low, vocab.labels)
    if (
        found is not None
        and len(text) <= _MAX_LABELLED
        and (found[1].lstrip().startswith(":") or found[0] in vocab.links)
    ):
        return True  # "Baca juga: ...", "Editor: ...", "Foto: ...", 'Simak Video "..."'
    if len(text) <= _MAX_CAPTION and _CREDIT_END.search(text):
        return True  # a photo caption: "... di Padang. ANTARA FOTO/Iggoy el Fitra."
    if len(text) > _MAX_CHARS or text.endswith(_ENDS_PROSE):
        return False
    words = _WORD.findall(text)
    if len(words) > _MAX_WORDS:
        return False
    if _outlet_run(low, vocab.outlets) or low.split("/")[0].strip() in vocab.outlets:
        return True  # "CNN Indonesia", "KOMPAS.com/DIMAS WAHYU" (a photo credit)
    if _BRACKETED.fullmatch(text) and len(words) <= 5:
        return True  # "(ant/rda)", "(*)", "(Xinhua/Zhang Long)": an agency or editor tag
    # the remaining furniture is made of names: every longer word is capitalised, a date
    # or time word, a meta word ("oleh", "updated") or an outlet
    for w in words:
        wl = w.lower()
        if len(w) < 4 or w[0].isupper() or w.isdigit():
            continue
        if wl in vocab.meta or wl in vocab.calendar or wl in vocab.outlets:
            continue
        return False
    byline = bool(words) and words[0].lower() in ("by", "oleh") and 2 <= len(words) <= 6
    credited = re.search(r"\(([^)]+)\)\s*$", low)
    return (
        found is not None
        or byline
        or "|" in text
        or _has_date(text, words, vocab.calendar)
        or (credited is not None and credited.group(1) in vocab.outlets)
    )


def noise_lines(text: str) -> set[int]:
    """Indexes of the lines of ``text`` (split on ``\\n``) that are page furniture.

    A bare cross-link label ("Baca juga:", "Related:") also marks the headlines listed
    under it, up to the next blank line.

    >>> sorted(noise_lines("Isi.\\nBaca juga:\\nJudul Lain\\nJudul Ketiga\\n\\nIsi lagi."))
    [1, 2, 3]
    """
    vocab = _words()
    found: set[int] = set()
    listing = False
    for k, line in enumerate(text.split("\n")):
        if len(line) > _MAX_CAPTION:
            listing = False
            continue  # prose: no furniture line is this long
        stripped = line.strip()
        if not stripped:
            listing = False
            continue
        if listing and not stripped.endswith(_ENDS_PROSE):
            found.add(k)
            continue
        listing = False
        if is_noise(line):
            found.add(k)
            label = _label(stripped.lower(), vocab.labels)
            bare = label is not None and not label[1].strip(" :")
            listing = bare and label is not None and label[0] in vocab.links
    return found
