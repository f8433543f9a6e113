"""Find dates in a sentence and resolve them against the publication date.

Forms: ``21/4/2025`` and ``21-4-2025`` (day first), ``Senin (21/4/2025)``, ``21 April 2025``,
``5 March 2025``, ``March 5, 2025``, ``21 April`` (year of the reference date), weekday names
(``on Tuesday``, ``Senin lalu``: the most recent such day on or before the reference date,
``next Monday``/``Senin depan``: the next one), and relative words (``kemarin``, ``yesterday``,
``pekan lalu``, ``last week``). Relative week/month words give an *approximate* date (7 or 30
days back), which :mod:`kg.extract.events` uses only when no exact date is found.

>>> from datetime import date
>>> [d.value for d in find_dates("pada Senin (21/4/2025) lalu", "id", date(2025, 4, 22))]
[datetime.date(2025, 4, 21)]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from kg.language.lexicon import lexicon
from kg.language.tokens import fold

__all__ = ["FoundDate", "find_dates", "in_dateline", "latest_explicit_date"]

_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")
_DIGIT = re.compile(r"\d")
# "Selasa (14/5)": Indonesian news gives day/month in brackets after the weekday, no year
_BRACKET_DM = re.compile(r"\((\d{1,2})/(\d{1,2})\)")
_YEAR_MIN, _YEAR_MAX = 1945, 2100


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found at ``start:end`` of the sentence; ``approximate`` for "last week"."""

    value: date
    start: int
    end: int
    explicit: bool = True
    approximate: bool = False
    #: the day of the week a weekday name gave (0 is Monday), else ``None``
    weekday: int | None = None
    #: other readings of the same digits (day and month swapped, the year before or after
    #: when none is written), tried when a weekday beside the date disagrees with ``value``
    alternatives: tuple[date, ...] = ()


@cache
def _month_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = set(lexicon(lang).months) | set(lexicon("en").months)
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    dmy = re.compile(rf"\b(\d{{1,2}})\s+({alt})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
    mdy = re.compile(rf"\b({alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
    return dmy, mdy


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (_YEAR_MIN <= y <= _YEAR_MAX):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(raw: str | None, ref: date | None) -> int | None:
    if raw:
        y = int(raw)
        return y + 2000 if y < 100 else y
    return ref.year if ref else None


def _readings(
    year: str | None, first: int, second: int, ref: date | None, day_first: bool = True
) -> list[date]:
    """Every date the digits can mean, the likeliest first.

    Day first unless the first number cannot be a day's month partner ("7/22/2025"); with
    no year written, the reference year, or the year before for a date more than half a
    year ahead ("(30/12)" in an article of January), then the other years around it.

    >>> [d.isoformat() for d in _readings("2025", 5, 12, None)]
    ['2025-12-05', '2025-05-12']
    >>> [d.isoformat() for d in _readings(None, 30, 12, date(2026, 1, 3))]
    ['2025-12-30', '2026-12-30', '2027-12-30']
    """
    orders = [(first, second), (second, first)] if day_first else [(second, first), (first, second)]
    if orders[0][1] > 12:
        orders.reverse()
    if year:
        years = [_year(year, ref) or 0]
    elif ref is not None:
        years = [ref.year, ref.year - 1, ref.year + 1]
    else:
        return []
    out: list[date] = []
    for d, mo in dict.fromkeys(orders):
        readings = [v for y in years if (v := _safe_date(y, mo, d)) is not None]
        if not year and ref is not None:
            # the nearest reading that is not more than half a year ahead comes first
            readings.sort(key=lambda v: (v > ref + timedelta(days=180), abs((v - ref).days)))
        out.extend(readings)
    return out


def _found(readings: list[date], start: int, end: int) -> FoundDate | None:
    if not readings:
        return None
    return FoundDate(readings[0], start, end, alternatives=tuple(readings[1:]))


def _agree_with_weekday(found: FoundDate, weekday: int) -> FoundDate:
    """The reading of ``found`` that falls on ``weekday`` ("Kamis (2/10/25)" is 2 October,
    a Thursday; "Friday (12/5)" in an article of December is 5 December)."""
    if found.value.weekday() == weekday:
        return found
    for other in found.alternatives:
        if other.weekday() == weekday:
            return replace(found, value=other)
    return found


def find_dates(text: str, lang: str, ref: date | None) -> list[FoundDate]:
    """Dates in ``text`` in order of position; relative forms need ``ref``."""
    lex = lexicon(lang)
    months = {**lexicon("en").months, **lex.months}
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint: a binary search finds an overlap

    def add(fd: FoundDate | None) -> None:
        if fd is None:
            return
        k = bisect_left(taken, (fd.start,))
        if k < len(taken) and taken[k][0] < fd.end:
            return
        if k > 0 and taken[k - 1][1] > fd.start:
            return
        found.append(fd)
        taken.insert(k, (fd.start, fd.end))

    has_digit = _DIGIT.search(text) is not None
    for m in _NUMERIC.finditer(text) if has_digit else ():
        add(_found(_readings(m.group(4), int(m.group(1)), int(m.group(3)), ref), *m.span()))
    for m in _BRACKET_DM.finditer(text) if has_digit and ref is not None else ():
        add(_found(_readings(None, int(m.group(1)), int(m.group(2)), ref), *m.span()))
    dmy, mdy = _month_patterns(lex.lang)
    for m in dmy.finditer(text) if has_digit else ():
        mo_dmy = months.get(fold(m.group(2)))
        if mo_dmy:
            day = int(m.group(1))
            readings = _readings(m.group(3), day, mo_dmy, ref)
            add(_found([v for v in readings if v.month == mo_dmy], *m.span()))
    for m in mdy.finditer(text) if has_digit else ():
        # "May 5" is English; an Indonesian "Mei 5" is not a date form
        mo_mdy = months.get(fold(m.group(1)))
        if mo_mdy and (m.group(3) or lex.lang == "en"):
            readings = _readings(m.group(3), int(m.group(2)), mo_mdy, ref)
            add(_found([v for v in readings if v.month == mo_mdy], *m.span()))
    if ref is not None:
        by_start = {e.start: k for k, e in enumerate(found)}
        for fd in _relative(text, lang, ref):
            # "Senin (21/4/2025)": the weekday only announces the explicit date, and
            # chooses between its readings
            at = next((by_start[fd.end + g] for g in range(4) if fd.end + g in by_start), None)
            if at is None:
                add(fd)
            elif fd.weekday is not None:
                found[at] = _agree_with_weekday(found[at], fd.weekday)
    found.sort(key=lambda f: f.start)
    return found


@cache
def _relative_words(lang: str) -> re.Pattern[str]:
    lex = lexicon(lang)
    phrases = [r"\s+".join(re.escape(w) for w in p) for p in lex.relative_days.entries]
    phrases += [re.escape(w) for w in lex.weekdays]
    alt = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.IGNORECASE)


_PREV_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r"^\W*(\w+)")


def _relative(text: str, lang: str, ref: date) -> list[FoundDate]:
    lex = lexicon(lang)
    out: list[FoundDate] = []
    for m in _relative_words(lang).finditer(text):
        words = tuple(fold(w) for w in m.group().split())
        days = lex.relative_days.get(words)
        if days is not None:
            out.append(
                FoundDate(
                    ref + timedelta(days=days),
                    m.start(),
                    m.end(),
                    explicit=False,
                    approximate=" ".join(words) in lex.approximate,
                )
            )
            continue
        wd = lex.weekdays.get(words[0]) if len(words) == 1 else None
        if wd is None or not m.group()[0].isupper():
            continue
        before = _PREV_WORD.search(text[max(0, m.start() - 30) : m.start()])
        after = _NEXT_WORD.search(text[m.end() : m.end() + 30])
        prev = fold(before.group(1)) if before else ""
        nxt = fold(after.group(1)) if after else ""
        rest = fold(text[m.end() : m.end() + 20]).split()
        if any(tuple(rest[: len(p)]) == p for p in lex.weekday_last_week):
            # "Kamis pekan lalu", "Thursday last week": that day of the previous week
            delta = wd - ref.weekday() - 7
        elif prev in lex.weekday_future_suffix or nxt in lex.weekday_future_suffix:
            delta = (wd - ref.weekday()) % 7 or 7
        else:
            delta = -((ref.weekday() - wd) % 7)
        out.append(FoundDate(ref + timedelta(days=delta), m.start(), m.end(), False, weekday=wd))
    return out


def latest_explicit_date(text: str, lang: str) -> date | None:
    """The latest fully written date in ``text``: the reference when nothing else is known."""
    dates = [d.value for d in find_dates(text, lang, None) if d.explicit]
    return max(dates) if dates else None


# "NANNING, Sept. 18 (Xinhua) --", "KUCHING (Feb 12):", "Banda Aceh, Mar 5 (PTI)": the place
# of filing, then the date, then the agency or a dash
_DATELINE_BEFORE = re.compile(r"^[A-Z][\w.'’ -]{0,35}?(?:,\s*[A-Z][\w.'’ -]{0,25})?\s*[,(]?\s*$")
_DATELINE_AFTER = re.compile(r"^\s*\)?\s*(?:\([^()]{1,25}\)\s*)?(?:--|[-–—:]|$)")
_AGENCY_AFTER = re.compile(r"^\s*\([^()]{1,25}\)")


def in_dateline(text: str, found: FoundDate) -> bool:
    """Whether ``found`` is the date of the dateline that opens ``text`` (the day the story
    was filed, not the day of what it reports).

    >>> from datetime import date
    >>> d = find_dates("NANNING, Sept. 18 (Xinhua) -- The two signed on Thursday.", "en",
    ...                date(2026, 9, 18))
    >>> [(x.value.isoformat(), in_dateline("NANNING, Sept. 18 (Xinhua) -- The two ...", x))
    ...  for x in d]
    [('2026-09-18', True), ('2026-09-17', False)]
    """
    before = text[: found.start]
    after = text[found.end : found.end + 40]
    if not _DATELINE_BEFORE.match(before):
        return False
    return bool(_DATELINE_AFTER.match(after) or _AGENCY_AFTER.match(after))
