"""Places of a sentence: gazetteer names, with the cue words that make a capitalised word a
place ("Kota Batam", "di Medan") and the contexts that make it something else (a street, a
building, a word inside another name).
"""

from __future__ import annotations

from kg.extract.mentions.model import PlaceMention, SentenceMentions
from kg.language.lexicon import Lexicon
from kg.resolve.gazetteer import Gazetteer, Place, gazetteer

_CURRENCY = frozenset({"$", "€", "£", "¥"})
#: Symbols that join two place names as "dan"/"and" do (the words are in the lexicon).
_JOINER_SYMBOLS = frozenset({"-", "–", "&"})


def _country(g: Gazetteer, iso2: str) -> Place | None:
    return g.by_key(f"country/{iso2.lower()}") if iso2 else None


def _place_cue(lex: Lexicon, words: list[str], i: int, end: int) -> tuple[bool, str | None]:
    before = lex.place_cues_before.match_ending(words, i)
    after = lex.place_cues_after.match(words, end)
    kind = (before[1] if before else "") or (after[1] if after else "")
    return bool(before or after), kind or None


def _street(lex: Lexicon, words: list[str], i: int) -> bool:
    j = i - 1 if i and words[i - 1] == "." else i
    return lex.street_words.match_ending(words, j) is not None


def _excluded(lex: Lexicon, words: list[str], i: int, end: int) -> bool:
    j = i - 1 if i and words[i - 1] == "." else i
    if lex.nonplace_before.match_ending(words, j):
        return True
    return lex.nonplace_after.match(words, end) is not None


def _joins_places(lex: Lexicon, word: str) -> bool:
    """ "Medan dan Ichikawa", "Batam-Xiangyang": a word between two place names."""
    return word in _JOINER_SYMBOLS or word in lex.and_words or word in lex.and_also_words


def find_places(sm: SentenceMentions, lex: Lexicon, g: Gazetteer) -> None:
    toks, words = sm.tokens, sm.words
    n = len(toks)
    maxw = g.max_words()
    stops = lex.stop_words
    i = 0
    while i < n:
        t = toks[i]
        if not (t.is_word and t.is_cap):
            i += 1
            continue
        if i + 1 < n and toks[i + 1].text in _CURRENCY:
            i += 1  # "US$120 million": a currency, not a place
            continue
        alias = lex.country_aliases.get(t.text)
        if alias is not None:
            place = _country(g, alias)
            if place is not None:
                sm.places.append(PlaceMention(place, i, i + 1, t.text))
            i += 1
            continue
        demonym = lex.demonyms.match(words, i)
        if demonym and toks[i].is_cap:
            place = _country(g, demonym[1])
            if place is not None:
                sm.places.append(PlaceMention(place, i, i + demonym[0], sm.text(i, i + demonym[0])))
                i += demonym[0]
                continue
        found = False
        cue_word = lex.place_cues_before.match(words, i)
        run = i
        # place names are runs of capitalised words ("Sumatera Utara", "Timor-Leste")
        while run < n and run - i < maxw and (toks[run].is_cap or toks[run].text == "-"):
            run += 1
        for length in range(run - i, 0, -1):
            span = toks[i : i + length]
            if not span[-1].is_cap:
                continue
            parts = [w for w in words[i : i + length] if w != "-"]
            if parts[-1].endswith("'s"):  # "China's"
                parts[-1] = parts[-1][:-2]
            if not g.is_name(" ".join(w.replace("'", "") for w in parts)):
                continue
            if cue_word is not None and length > cue_word[0] and cue_word[1]:
                continue  # "Kota Batam": the cue is not part of the name
            if length == 1 and t.norm in stops and not _place_cue(lex, words, i, i + 1)[0]:
                continue  # "Kami", "Kali ini": a common word at the start of a sentence
            surface = sm.text(i, i + length)
            if surface.endswith(("'s", "’s")):
                surface = surface[:-2]
            if _street(lex, words, i) or lex.nonplace_after.match(words, i + length):
                found = True  # "Jalan Sudirman": a street, not a place
                i += length
                break
            cue, kind = _place_cue(lex, words, i, i + length)
            if not cue and i >= 2 and _joins_places(lex, words[i - 1]) and sm.places:
                # "Medan dan Ichikawa": a name joined to a place is a place
                cue = sm.places[-1].end == i - 1
            if length == 1 and not cue and _inside_other_name(sm, lex, i):
                continue
            place = _resolve(g, surface, kind, cue)
            if place is None and kind is not None:
                place = _resolve(g, surface, None, cue)
            if place is not None and place.kind != "City" and _excluded(lex, words, i, i + length):
                # "Universitas Indonesia": a building named after a country or province;
                # "Bandara Palembang" is still in Palembang
                found = True
                i += length
                break
            if place is not None:
                sm.places.append(PlaceMention(place, i, i + length, surface, cue))
                i += length
                found = True
                break
        if not found:
            i += 1


_RESOLVED: dict[tuple[int, str, str | None, bool], Place | None] = {}


def _seat(sm: SentenceMentions, pm: PlaceMention) -> Place | None:
    """The city a consulate sits in: the place itself, or the city read of a province's
    name ("Konsul Jenderal RI di Penang": the state Penang, the consulate in George Town)."""
    if pm.place.kind == "City":
        return pm.place
    if pm.place.kind != "Province":
        return None
    return gazetteer().resolve(sm.text(pm.start, pm.end), kind="City", cue=True)


def _resolve(g: Gazetteer, surface: str, kind: str | None, cue: bool) -> Place | None:
    """``Gazetteer.resolve``, memoised: the same names recur in every article."""
    key = (id(g), surface, kind, cue)
    if key in _RESOLVED:
        return _RESOLVED[key]
    place = g.resolve(surface, kind=kind, cue=cue)
    if len(_RESOLVED) < 100_000:
        _RESOLVED[key] = place
    return place


def _inside_other_name(sm: SentenceMentions, lex: Lexicon, i: int) -> bool:
    """A one-word place name inside a longer proper name: "Rumah Dinas", "Pusat Daur Ulang"."""
    toks, words = sm.tokens, sm.words
    stops = lex.stop_words

    def other(k: int) -> bool:
        t = toks[k]
        return (
            t.is_word
            and t.is_cap
            and t.norm not in stops
            and lex.roles.match(words, k) is None
            and lex.other_titles.match(words, k) is None
            and lex.demonyms.match(words, k) is None
        )

    introduced = any(
        table.match_ending(words, i)
        for table in (
            lex.roles,
            lex.other_titles,
            lex.government_prefixes,
            lex.mission_prefixes,
            lex.organisation_words,
            lex.organisation_starts,
            lex.units,
        )
    )
    # inside a title or unit name a place at the end is its jurisdiction: "Dinas Pangan Banyuwangi"
    titled = any(
        lex.units.match(words, k) or lex.other_titles.match(words, k) or lex.roles.match(words, k)
        for k in range(max(0, i - 8), i)
    )
    if (
        i > 0
        and other(i - 1)
        and not introduced
        and not titled
        and not any(p.end == i for p in sm.places)
    ):
        return True
    if i + 1 < len(toks) and other(i + 1) and not titled:
        before = words[i - 1] if i else ""
        return not (i and (lex.roles.match_ending(words, i) or before in (",", "(")))
    return False
