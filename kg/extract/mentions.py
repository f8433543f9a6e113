"""Find mentions in a sentence: places, titles (with the post they describe), people.

Organisations and companies are found by :mod:`kg.extract.orgs`. All cue words come from the
lexicon; places come from the gazetteer. A person is only recognised in a context that says
so (next to a title, after an honorific, next to a speech verb) or, in a second pass, when the
name was already recognised elsewhere in the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.sentences import Sentence
from kg.language.lexicon import Lexicon, lexicon, role_info
from kg.language.tokens import Token, tokenize
from kg.resolve.gazetteer import Gazetteer, Place, gazetteer
from kg.resolve.names import canonical_name, is_postnominal

_MAX_SENTENCE = 3000
_CURRENCY = frozenset({"$", "€", "£", "¥"})
#: Symbols that join two place names as "dan"/"and" do (the words are in the lexicon).
_JOINER_SYMBOLS = frozenset({"-", "–", "&"})

__all__ = [
    "PersonMention",
    "PlaceMention",
    "SentenceMentions",
    "TitleMention",
    "analyse_sentence",
    "expand_short_names",
    "find_known_persons",
]


@dataclass(slots=True)
class PlaceMention:
    place: Place
    start: int  # token index
    end: int
    surface: str
    cue: bool = False


@dataclass(slots=True)
class PersonMention:
    name: str  # canonical, without honorifics
    surface: str
    start: int
    end: int
    how: str  # title | speech | honorific | known
    rank: str = ""  # "AKBP", "Komisaris Besar": kept off the name


@dataclass(slots=True)
class TitleMention:
    """A title and what the text says around it: the post and maybe its holder."""

    role: str
    title: str
    start: int
    end: int  # end of the title and its complement
    jurisdiction: Place | None = None
    represents: Place | None = None
    based_in: Place | None = None
    accredited_to: Place | None = None
    holder: PersonMention | None = None
    organisation: str = ""  # "Kepolisian Sektor Tamansari": the body the post is in
    acting: bool = False  # Plt., Pj., Pjs.: the holder acts in the post


@dataclass(slots=True)
class SentenceMentions:
    sentence: Sentence
    tokens: list[Token]
    words: list[str]
    places: list[PlaceMention] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    generic: list[tuple[str, int, int]] = field(default_factory=list)  # "Pak Wali"

    def place_at(self, i: int) -> PlaceMention | None:
        for pm in self.places:
            if pm.start == i:
                return pm
        return None

    def place_ending(self, i: int) -> PlaceMention | None:
        for pm in self.places:
            if pm.end == i:
                return pm
        return None

    def text(self, start: int, end: int) -> str:
        off = self.sentence.start
        return self.sentence.text[self.tokens[start].start - off : self.tokens[end - 1].end - off]


# -- places -----------------------------------------------------------------------------


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


# -- names ------------------------------------------------------------------------------


def _nameish(sm: SentenceMentions, i: int, lex: Lexicon) -> bool:
    t = sm.tokens[i]
    if not (t.is_word and t.is_cap) or t.text[0].isdigit():
        return False
    if t.norm in lex.stop_words:
        return False
    return lex.roles.match(sm.words, i) is None and lex.other_titles.match(sm.words, i) is None


def _honorific_end(sm: SentenceMentions, i: int, lex: Lexicon) -> int:
    """Skip honorifics ("Bapak", "H.", "Dr.", "Dato' Sri") starting at ``i``."""
    words = sm.words
    honor = lex.honorific_table
    while i < len(words):
        hit = honor.match(words, i)
        if hit is None or not sm.tokens[i].is_cap:
            break
        j = _rank_suffix_end(sm, i + hit[0], lex)
        while j < len(words) and words[j] in (".", "'", "’"):
            j += 1
        # an honorific must be followed by a name, not be the name itself
        if j >= len(words) or not sm.tokens[j].is_cap:
            break
        i = j
    return i


def _rank_suffix_end(sm: SentenceMentions, j: int, lex: Lexicon) -> int:
    """Skip what may follow a rank: "Pol", "TNI", "(Purn)", a corps ("Inf")."""
    words, n = sm.words, len(sm.words)
    while j < n:
        if words[j] in lex.rank_suffixes and sm.tokens[j].is_cap:
            j += 1
        elif (
            words[j] == "("
            and j + 2 < n
            and words[j + 2] == ")"
            and words[j + 1] in lex.rank_suffixes
        ):
            j += 3
        else:
            break
    return j


def rank_at(sm: SentenceMentions, i: int, lex: Lexicon) -> int:
    """End of a police or military rank at ``i`` that stands before a name, else ``i``.

    A rank is capitalised and followed (after "Pol", "TNI", "(Purn)") by a capitalised
    word: "Ajun Komisaris Roland", "Kombes Pol Yusri", "Brigjen TNI (Purn) Budi".
    """
    hit = lex.ranks.match(sm.words, i)
    if hit is None or not sm.tokens[i].is_cap:
        return i
    title = lex.other_titles.match(sm.words, i)
    if title is not None and title[0] > hit[0]:
        return i  # "Komisaris Utama PT X": a company title, not the rank Komisaris
    j = _rank_suffix_end(sm, i + hit[0], lex)
    while j < len(sm.words) and sm.words[j] == ".":
        j += 1
    if j < len(sm.tokens) and sm.tokens[j].is_cap and sm.tokens[j].is_word:
        return j
    return i


def _rank_spans(sm: SentenceMentions, lex: Lexicon) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    firsts = lex.ranks.by_first
    toks = sm.tokens
    for i, w in enumerate(sm.words):
        if w in firsts and toks[i].is_cap and not (spans and spans[-1][1] > i):
            end = rank_at(sm, i, lex)
            if end > i:
                spans.append((i, end))
    return spans


def _place_word(text: str, after_organisation: bool) -> bool:
    """Whether one capitalised word names a place in the gazetteer: any place right after
    an organisation and before a full name, else only a country (a city's or a province's
    name may be a given name: "Piter Abdullah", "Sebastian Salang")."""
    if len(text) < 3:
        return False
    place = _resolve(gazetteer(), text, None, False)
    if place is None:
        return False
    return after_organisation or place.kind == "Country"


def _acronym(t: Token) -> bool:
    return t.is_word and t.is_upper and len(t.text) >= 2 and t.text.isalpha()


def _abbreviated(t: Token) -> bool:
    """ "Muh.", "Moh.", "Abd.": a given name written short."""
    return t.norm in lexicon("id").name_abbreviations


def _inside_name(sm: SentenceMentions, k: int) -> bool:
    """Punctuation that belongs to a name: "Soo-yeon", "K. Ramesh", "Ma'ruf"."""
    toks = sm.tokens
    t = toks[k]
    if t.text in ("-", "'", "’") and 0 < k < len(toks) - 1:
        return toks[k - 1].end == t.start and toks[k + 1].start == t.end
    return t.text == "." and k > 0 and (len(toks[k - 1].text) == 1 or _abbreviated(toks[k - 1]))


def name_start(
    sm: SentenceMentions, start: int, end: int, lex: Lexicon, after_title: bool = False
) -> int:
    """Where the name starts in a capitalised run that may open with an organisation or a
    rank: "Bank OCBC NISP Parwati Surjaudaja" -> "Parwati", "Polda Metro Jaya Kombes Yusri
    Yunus" -> "Yusri". Returns ``end`` when no name is left."""
    words, toks = sm.words, sm.tokens
    breakers = lex.breakers
    b = start
    k = start
    after_rank = -1  # right after a rank the name starts, whatever the gazetteer says
    while k < end:
        t = toks[k]
        rank = rank_at(sm, k, lex)
        if rank > k:
            b = k = after_rank = rank
            while k < end and _acronym(toks[k]) and len(toks[k].text) <= 3:
                k += 1  # "Irjen RZ Panca": initials after a rank belong to the name
            continue
        known = lex.organisation_names.match(words, k)
        if known is not None and k + known[0] <= end:
            b = k = k + known[0]  # "Polda Metro Jaya": a whole organisation
            continue
        starter = lex.name_starters.match(words, k)
        if starter is not None and k > b and t.is_cap and k + starter[0] < end:
            # "Candi Borobudur I Gusti Putu Ngurah Sedana": a name's own first word
            b = k
            k += starter[0]
            continue
        pm = next((p for p in sm.places if p.start == k), None)
        if pm is not None:
            # "Kabupaten Malaka Yohanes Nahak", "DKI Jakarta Andri Yansyah", "Sulut Ardiles
            # Mewoh": a place that completes an organisation, or is followed by a full name
            follows = sum(1 for j in range(pm.end, min(end, pm.end + 2)) if toks[j].is_cap)
            strong = pm.place.kind != "City" or pm.end - pm.start > 1 or pm.cue
            # a one-word city before a single word may be a given name ("Sebastian Salang")
            if (b == k and (k > start or after_title) and (follows >= 2 or strong)) or (
                strong and follows >= 2
            ):
                b = max(b, pm.end)
                k = pm.end
                continue
        need = lex.organisation_starts_need_name.match(words, k)
        if need is not None and k + need[0] < end:
            b = max(b, k + need[0] + 1)  # "Masjid Istiqlal", "Bank Mandiri": a name follows
        elif (
            t.is_word
            and not t.is_cap
            and words[k] not in lex.name_particles
            and not (k > start and _inside_name(sm, k - 1))  # "Soo-yeon"
        ):
            # "Komunikasi dan Informatika": lowercase joins an organisation, and the word
            # after a conjunction is still the organisation's
            b = max(b, k + (2 if words[k] in lex.name_run_joiners else 1))
        elif b < k and _acronym(t) and len(t.text) <= 2 and k + 1 < end and toks[k + 1].is_cap:
            pass  # "Bambang PS Brodjonegoro", "Imam B Prasodjo": initials inside a name
        elif (
            (not t.is_word and not _inside_name(sm, k))
            or t.text[0].isdigit()
            or (_acronym(t) and not (b < k and len(t.text) <= 2 and k + 1 == end))
            or words[k] in breakers
            or lex.roles.match(words, k)
            or lex.other_titles.match(words, k)
        ):
            b = max(b, k + 1)
        elif pm is not None:
            k = pm.end  # a place inside a name: "Bambang Surya Putra"
            continue
        elif k > start and lex.honorific_table.match(words, k) and k + 1 < end:
            # "Rektor Unesa Prof Nurhasan": an honorific ends what stood before it
            b = k
        elif (
            t.is_cap
            and k != after_rank
            and _place_word(t.text, b == k and k > start and end - k > 2)
        ):
            # "(CORE) Indonesia Piter Abdullah": a place the finder left as part of a name
            b = max(b, k + 1)
        k += 1
    return min(b, end)


def _continues_name(sm: SentenceMentions, j: int, lex: Lexicon) -> bool:
    """Inside a name a capitalised function word is a name: "Steven Yang", "Liu Yang"."""
    t = sm.tokens[j]
    if not t.is_word or not t.is_cap or t.text[0].isdigit() or t.norm in lex.not_name_words:
        return False
    if t.norm in lex.function_words:
        return True
    # "Zhou Jun", "Li Mei": a month abbreviation inside a name, not before a day number
    nxt = sm.tokens[j + 1].text if j + 1 < len(sm.tokens) else ""
    return t.norm in lex.month_words and not nxt[:1].isdigit()


def name_run(sm: SentenceMentions, i: int, lex: Lexicon, max_len: int = 5) -> int:
    """End index of a run of name tokens starting at ``i`` (``i`` if none)."""
    toks = sm.tokens
    j = i
    n = len(toks)
    while j < n and j - i < max_len * 2:
        t = toks[j]
        if (
            _nameish(sm, j, lex)
            or (j > i and _continues_name(sm, j, lex))
            # "Dedie A Rachim": a one-letter initial inside a name
            or (
                j > i and len(t.text) == 1 and t.text.isupper() and j + 1 < n and toks[j + 1].is_cap
            )
        ):
            j += 1
            # an initial or an abbreviated given name: "A. Rahman", "Muh. Nasir Tombili"
            if (
                (len(t.text) == 1 or t.norm in lex.name_abbreviations)
                and j < n
                and toks[j].text == "."
                and j + 1 < n
                and toks[j + 1].is_cap
            ):
                j += 1
            continue
        if j > i and t.norm in lex.name_particles:
            # "van der Berg", "bin Omar": one or more particles before the next name word
            k = j + 1
            while k < n and k - j < 3 and toks[k].norm in lex.name_particles:
                k += 1
            if k < n and _nameish(sm, k, lex):
                j = k
                continue
        if j > i and t.text == "-" and _pair_hyphen(sm, i, j, lex):
            break  # "Rahmawati Yunus-Syahrul Amri": a ticket of two people
        if j > i and t.text == "-" and j + 1 < n and toks[j + 1].is_word:
            # "Soo-yeon", "Al-Farisi": a hyphen joins the parts of one name
            joined = toks[j - 1].end == t.start and toks[j + 1].start == t.end
            if joined or _nameish(sm, j + 1, lex):
                j += 2
                continue
        break
    while j > i and sm.tokens[j - 1].text in (".", "-"):
        j -= 1
    return j


def _pair_hyphen(sm: SentenceMentions, i: int, j: int, lex: Lexicon) -> bool:
    """Whether the hyphen at ``j`` joins two full names ("Yusri Erwin-Fauzi Rahman"): two
    name words before it (from ``i``) and two capitalised name words after it."""
    n = len(sm.tokens)
    before = sum(1 for k in range(i, j) if sm.tokens[k].is_cap and sm.tokens[k].is_word)
    return (
        before >= 2
        and j + 2 < n
        and sm.tokens[j + 1].is_cap
        and _nameish(sm, j + 1, lex)
        and sm.tokens[j + 2].is_cap
        and _nameish(sm, j + 2, lex)
    )


def person_at(
    sm: SentenceMentions, i: int, lex: Lexicon, how: str, split: bool = True
) -> PersonMention | None:
    """A person whose (honorific and) name starts at token ``i``; ``split`` looks for an
    organisation before the name (callers that found the name's start already do not)."""
    k = _honorific_end(sm, i, lex)
    if k == i and sm.tokens[i].is_upper and i + 1 < len(sm.tokens):
        # "PUBPP Datuk Zulkifli Hamzah": an acronym before an honorific names a body
        h = _honorific_end(sm, i + 1, lex)
        if h > i + 1:
            i, k = i + 1, h
    end = name_run(sm, k, lex)
    if end == k:
        return None
    inner = name_start(sm, k, end, lex) if split else k
    if inner >= end:
        return None
    if inner > k:
        # "Kepolisian Sektor Tamansari Ajun Komisaris Roland Manurung": the name is last
        i = k = _honorific_end(sm, inner, lex) if rank_at(sm, inner, lex) == inner else inner
        if k >= end:
            return None
    pm = sm.place_at(k)
    if pm is not None and (pm.end >= end or pm.place.kind == "Country"):
        return None  # the whole run is a place
    if end < len(sm.words) and (
        lex.roles.match(sm.words, end) or lex.other_titles.match(sm.words, end)
    ):
        return None  # "Home Affairs Minister": a portfolio or organisation before a title
    if end - k == 1 and sm.tokens[k].is_upper:
        return None  # "anggota PUBPP": a lone acronym names a body
    surface = sm.text(i, end)
    if is_postnominal(sm.text(k, end)):
        return None  # "S.E.", "M.M.": a degree after a name, not a person
    name = canonical_name(sm.text(k, end))
    if not name:
        return None
    return PersonMention(name, surface, i, end, how, _rank_before(sm, i, k, lex))


def _rank_before(sm: SentenceMentions, i: int, k: int, lex: Lexicon) -> str:
    """The rank among the words ``i:k`` before a name, as written."""
    for j in range(i, k):
        end = rank_at(sm, j, lex)
        if end > j:
            return sm.text(j, _rank_suffix_end(sm, j + lex.ranks.match(sm.words, j)[0], lex))  # type: ignore[index]
    return ""


def person_ending(sm: SentenceMentions, end: int, lex: Lexicon, how: str) -> PersonMention | None:
    """A person whose name ends just before token ``end``."""
    start = end
    while start > 0 and end - start < 5:
        prev = start - 1
        t = sm.tokens[prev]
        if _nameish(sm, prev, lex):
            start = prev
            continue
        if t.text == "." and prev > 0 and len(sm.tokens[prev - 1].text) == 1:
            start = prev - 1
            continue
        break
    if start == end:
        return None
    # the words before the run may open an organisation the run completes:
    # "Partai | Golkar Sebastian Salang menilai"
    ext = start
    while ext > 0 and start - ext < 3 and sm.tokens[ext - 1].is_cap and sm.tokens[ext - 1].is_word:
        ext -= 1
    start = max(start, name_start(sm, ext, end, lex))
    if start >= end:
        return None
    if any(p.start <= start and end <= p.end for p in sm.places):
        return None  # "Tiongkok menyatakan": a place, not a person
    if end - start == 1 and (_acronym(sm.tokens[start]) or sm.words[start] in lex.breakers):
        return None  # "KPU menyatakan", "Polisi mengatakan": a body, not a person
    surface = sm.text(start, end)
    if is_postnominal(surface):
        return None  # "Adi Sarwono, M.M., Kepala Dinas": the degree is no holder
    name = canonical_name(surface)
    return PersonMention(name, surface, start, end, how) if name else None


# -- titles -----------------------------------------------------------------------------


def _match_title(lex: Lexicon, sm: SentenceMentions, i: int) -> tuple[int, str, bool] | None:
    """(length, role, possessive) of a title at ``i``; "Jenderalnya" is possessive."""
    first = sm.words[i]
    if first not in lex.roles.by_first and first not in lex.other_titles.by_first:
        stripped = next(
            (first[: -len(x)] for x in lex.possessive_suffixes if first.endswith(x)), None
        )
        if stripped is None or (
            stripped not in lex.roles.by_first and stripped not in lex.other_titles.by_first
        ):
            return None
    window = sm.words[i : i + 8]
    best: tuple[int, str, bool] | None = None
    for variant, possessive in ((window, False), (_strip_possessive(lex, window), True)):
        if variant is None:
            continue
        role = lex.roles.match(variant, 0)
        other = lex.other_titles.match(variant, 0)
        hit: tuple[int, str] | None = None
        if role and (not other or role[0] >= other[0]):
            hit = role
        elif other:
            hit = (other[0], "OtherOfficial")
        if hit is None:
            continue
        if possessive and not window[hit[0] - 1].endswith(lex.possessive_suffixes or ("\0",)):
            continue
        if best is None or hit[0] > best[0]:
            best = (hit[0], hit[1], possessive)
    return best


def _strip_possessive(lex: Lexicon, window: list[str]) -> list[str] | None:
    if not lex.possessive_suffixes:
        return None
    out = list(window)
    changed = False
    for k in range(min(5, len(window))):
        for suffix in lex.possessive_suffixes:
            if window[k].endswith(suffix) and len(window[k]) > len(suffix) + 2:
                out[k] = window[k][: -len(suffix)]
                changed = True
    return out if changed else None


def _last_country_before(sm: SentenceMentions, i: int) -> Place | None:
    found = [p.place for p in sm.places if p.end <= i and p.place.kind == "Country"]
    return found[-1] if found else None


def _complement_run(sm: SentenceMentions, k: int, lex: Lexicon) -> int:
    """End of the capitalised run after a title: units, bracketed short forms, the
    organisation, a rank and a name ("Reserse Kriminal Umum (Dirreskrimum) Polda Riau
    Kombes Pol Asep Darmawan Saputra")."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    j = k
    while j < n and j - k < 24:
        t = toks[j]
        if t.is_word and (t.is_cap or t.text[0].isdigit()):
            j += 1
        elif words[j] == "(":
            close = next((c for c in range(j + 1, min(n, j + 5)) if words[c] == ")"), None)
            if close is None:
                break
            j = close + 1
        elif (
            j > k
            and j + 1 < n
            and (words[j] in lex.name_run_joiners or _inside_name(sm, j))
            and (toks[j + 1].is_cap or toks[j + 1].text[0].isdigit())
        ):
            j += 1
        else:
            break
    return j


def _official(
    sm: SentenceMentions, tm: TitleMention, k: int, lex: Lexicon
) -> tuple[PersonMention, int, int] | None:
    """The holder named at the end of an official's title run, and where the organisation
    starts and ends: "Kepala Unit Reserse Kriminal | Kepolisian Sektor Tamansari | Ajun
    Komisaris | Roland Manurung"."""
    end = _complement_run(sm, k, lex)
    if end <= k:
        return None
    start = name_start(sm, k, end, lex, after_title=True)
    n = len(sm.words)
    if start >= end or (end < n and sm.tokens[end].is_cap):
        return None
    if end + 1 < n and sm.words[end] == ",":
        after = person_at(sm, end + 1, lex, "title")
        upto = next((j for j in range(end + 1, n) if sm.words[j] == ","), n)
        if after is not None and not is_postnominal(sm.text(end + 1, upto)):
            return None  # "Direktur Utama PT Bukit Asam, Budi Hartanto": the name follows
    holder = person_at(sm, start, lex, "title", split=False)
    if holder is None or holder.end != end:
        return None
    # the rank and honorifics before the name are neither name nor organisation
    org_end = start
    for j in range(k, start):
        if rank_at(sm, j, lex) > j:
            org_end = j
            break
    if not holder.rank:
        holder.rank = _rank_before(sm, org_end, start, lex)
    org_start = next(
        (
            j
            for j in range(k, org_end)
            if lex.organisation_starts.match(sm.words, j)
            or _acronym(sm.tokens[j])
            or sm.place_at(j) is not None
        ),
        org_end,
    )
    bracket = next((j for j in range(k, org_end) if sm.words[j] == "("), None)
    if org_start == k and bracket is not None:
        # "Kepala Kepolisian Daerah (Kapolda) Riau": the title names the body it heads
        org_start = bracket
    return holder, org_start, org_end


def _apply_official(
    sm: SentenceMentions,
    tm: TitleMention,
    found: tuple[PersonMention, int, int],
    words_end: int,
    lex: Lexicon,
) -> None:
    """Title up to the organisation (at least its own words ``tm.start:words_end``),
    the organisation, its place as jurisdiction, and the holder."""
    holder, org_start, org_end = found
    title_end = org_start
    while title_end > tm.start + 1 and sm.words[title_end - 1] in (")", "("):
        # "Direktur Reserse Kriminal Umum (Dirreskrimum)": the short form is no part
        title_end = next(
            (j for j in range(title_end - 1, tm.start, -1) if sm.words[j] == "("), title_end
        )
    title_end = max(words_end, _strip_trailing_connectors(sm, tm.start, title_end, lex))
    tm.title = sm.text(tm.start, title_end)
    kept = [
        j
        for j in range(org_start, org_end)
        if not _in_brackets(sm, j, org_start) and sm.words[j] not in "()"
    ]
    if kept:
        tm.organisation = " ".join(sm.tokens[j].text for j in kept)
    if tm.jurisdiction is None:
        for j in range(org_start, org_end):
            pm = sm.place_at(j)
            if pm is not None and pm.place.kind != "Country":
                tm.jurisdiction = pm.place
                break
    tm.end = org_end
    tm.holder = holder


def _in_brackets(sm: SentenceMentions, j: int, lo: int) -> bool:
    opened = False
    for k in range(lo, j):
        if sm.words[k] == "(":
            opened = True
        elif sm.words[k] == ")":
            opened = False
    return opened


def find_titles(sm: SentenceMentions, lex: Lexicon) -> None:
    words, toks = sm.words, sm.tokens
    n = len(words)
    firsts = lex.title_firsts
    suffixes = tuple(lex.possessive_suffixes)
    in_rank = {k for a, b in _rank_spans(sm, lex) for k in range(a, b)}
    prefixes = lex.title_prefixes.by_first
    acting = False
    i = 0
    while i < n:
        w = words[i]
        if w not in firsts and w not in prefixes and not (suffixes and w.endswith(suffixes)):
            i += 1
            continue
        if i in in_rank:
            i += 1  # "Ajun Komisaris Roland": a rank, not the title "Komisaris"
            continue
        prefix = lex.title_prefixes.match(words, i) if toks[i].is_cap else None
        if prefix is not None:
            j = i + prefix[0]
            while j < n and words[j] in (".", "(", ")"):
                j += 1
            if j < n and _match_title(lex, sm, j) is not None:
                # "Plt. Kepala Dinas", "Pj Wali Kota": the acting holder holds the post
                acting = True
                i = j
                continue
        if w not in firsts and not (suffixes and w.endswith(suffixes)):
            i += 1
            continue
        generic = lex.generic_references.match(words, i)
        if generic and toks[i].is_cap:
            end = i + generic[0]
            if end >= n or not _nameish(sm, end, lex):
                sm.generic.append((generic[1], i, end))
                i = end
                continue
        hit = _match_title(lex, sm, i)
        # "non-Governor" is no title; a dateline "(ANTARA) - Consul General ..." leaves one
        if hit is None or (i > 0 and words[i - 1] == "-" and toks[i - 1].end == toks[i].start):
            i += 1
            continue
        length, role, possessive = hit
        tm = TitleMention(role, _title_text(sm, i, i + length, possessive, lex), i, i + length)
        kind = "other" if role == "OtherOfficial" else role_info(role)["kind"]
        _complement_before(sm, tm, kind)
        k = _complement_after(sm, tm, kind, lex)
        if possessive and tm.represents is None and kind in ("consular", "embassy"):
            tm.represents = _last_country_before(sm, i)
        tm.end = k
        tm.acting, acting = acting, False
        if role == "OtherOfficial":
            official = _official(sm, tm, i + length, lex)
            if official is not None:
                _apply_official(sm, tm, official, i + length, lex)
                sm.titles.append(tm)
                i = official[0].end
                continue
        # the holder: "Title, Name" / "Title Name" / "Name, Title"
        j = k + 1 if k < n and words[k] == "," else k
        holder = None
        if role in ("OtherOfficial", "Minister") and j == k:
            # "Rektor USU, Andi Sembiring": the words after such titles name an organisation
            holder = _holder_after_apposition(sm, tm, kind, lex)
        if holder is None and j < n:
            holder = person_at(sm, j, lex, "title")
        if holder is None:
            holder = _holder_after_apposition(sm, tm, kind, lex)
        if holder is None:
            holder = _holder_before(sm, i, lex)
        before = sm.place_ending(i)
        if holder is None and before is not None and before.start > 0:
            # "Sigit Pramono Adi, Indonesian consul general in Guangzhou"
            holder = _holder_before(sm, before.start, lex)
        if holder is None and role == "Minister" and tm.end == i + length:
            # "Menteri Sosial Juliari Batubara": a portfolio the lexicon does not know
            official = _official(sm, tm, i + length, lex)
            if official is not None:
                holder, _, org_end = official
                tm.title = sm.text(tm.start, org_end)
                tm.end = org_end
        tm.holder = holder
        if role == "OtherOfficial" and tm.jurisdiction is None:
            tm.jurisdiction = _organisation_place(sm, tm, lex)
        if holder is None and not toks[i].is_cap and role == "OtherOfficial":
            # "the head of the delegation": a lowercase common noun, not a post
            i += 1
            continue
        sm.titles.append(tm)
        i = max(k, i + length)


def _holder_after_apposition(
    sm: SentenceMentions, tm: TitleMention, kind: str, lex: Lexicon
) -> PersonMention | None:
    """'Presiden Direktur Huawei untuk Indonesia, Steven Yang': skip the organisation part."""
    words, toks = sm.words, sm.tokens
    n = len(words)
    j = tm.end
    # "head of the investment and one-stop service agency, Dewi Marlina": after "of" the
    # organisation may be written in lowercase
    loose = j < n and words[j] in lex.of_words
    while j < n and j - tm.end < 12 and words[j] != ",":
        t = toks[j]
        if not (
            (t.is_word and (t.is_cap or t.text[0].isdigit()))
            or t.norm in lex.connectors
            or (loose and (t.is_word or t.text == "-"))
        ):
            return None
        j += 1
    if j >= n or words[j] != "," or j == tm.end:
        return None
    holder = person_at(sm, j + 1, lex, "title")
    if holder is None:
        return None
    places = [p for p in sm.places if tm.end <= p.start and p.end <= j]
    if kind == "other" and tm.role == "OtherOfficial":
        cut = next(
            (k for k in range(tm.end, j) if words[k] == "(" or sm.place_at(k) is not None), j
        )
        cut = _strip_trailing_connectors(sm, tm.end, cut, lex)
        if cut > tm.end:
            tm.title = sm.text(tm.start, cut)
    for pm in places:
        place = pm.place
        if kind in ("consular", "embassy"):
            prev = words[pm.start - 1] if pm.start else ""
            if place.kind == "Country" and tm.represents is None:
                tm.represents = place
            elif kind == "consular" and prev in lex.place_prepositions and _seat(sm, pm):
                tm.based_in = tm.based_in or _seat(sm, pm)
            elif kind == "embassy" and place.kind == "Country" and prev in lex.to_prepositions:
                tm.accredited_to = tm.accredited_to or place
        elif kind == "national":
            if place.kind == "Country":
                tm.jurisdiction = tm.jurisdiction or place
        elif tm.jurisdiction is None and place.kind != "Country":
            prev = words[pm.start - 1] if pm.start else ""
            if prev not in lex.to_prepositions or prev in lex.place_prepositions:
                tm.jurisdiction = place
    return holder


def _organisation_place(sm: SentenceMentions, tm: TitleMention, lex: Lexicon) -> Place | None:
    """The city or province in the organisation an official heads: "head of the Batam
    Harbourmaster Office", "Kepala Sekolah SMA Negeri 1 Kupang". Not a country, not "for X"."""
    words = sm.words
    for k in range(tm.start + 1, min(len(words), tm.end + 10)):
        if words[k] in (",", ";", ".") and k >= tm.end:
            break
        pm = sm.place_at(k)
        if pm is None or pm.place.kind == "Country":
            continue
        if k and words[k - 1] in lex.to_prepositions and words[k - 1] not in lex.place_prepositions:
            continue
        return pm.place
    return None


def _strip_trailing_connectors(sm: SentenceMentions, start: int, end: int, lex: Lexicon) -> int:
    while end > start and (
        sm.words[end - 1] in lex.connectors or (sm.words[end - 1],) in lex.place_cues_before
    ):
        end -= 1
    return end


def _title_text(sm: SentenceMentions, i: int, end: int, possessive: bool, lex: Lexicon) -> str:
    text = sm.text(i, end)
    if possessive:
        for suffix in lex.possessive_suffixes:
            if text.lower().endswith(suffix):
                return text[: -len(suffix)]
    return text


def _holder_before(sm: SentenceMentions, i: int, lex: Lexicon) -> PersonMention | None:
    app = lex.appositive.match_ending(sm.words, i)
    if app is None:
        return None
    end = i - app[0]
    if end and sm.words[end - 1] == ",":  # ", the mayor of"
        end -= 1
    found = person_ending(sm, end, lex, "title") if end > 0 else None
    # "Kunjungi Ichikawa, Wali Kota Medan": a lone word that names a place is no holder
    if (
        found is not None
        and found.end - found.start == 1
        and gazetteer().is_name(Gazetteer.normalize(found.surface))
    ):
        return None
    return found


def _complement_before(sm: SentenceMentions, tm: TitleMention, kind: str) -> None:
    """English order: "Batam Mayor", "Chinese Consul General", "China's ambassador"."""
    pm = sm.place_ending(tm.start)
    if pm is None:
        return
    if kind in ("consular", "embassy"):
        if pm.place.kind == "Country":
            tm.represents = pm.place
    elif pm.place.kind != "Country" or kind in ("national", "other"):
        tm.jurisdiction = pm.place


def _complement_after(sm: SentenceMentions, tm: TitleMention, kind: str, lex: Lexicon) -> int:
    words = sm.words
    n = len(words)
    k = tm.end
    if kind == "other":
        while k < n and (
            (lex.units.match(words, k) and sm.tokens[k].is_cap)
            or (
                k > tm.end
                and _nameish(sm, k, lex)
                and sm.place_at(k) is None
                and _unit_seen(sm, tm, k, lex)
            )
            or (
                k > tm.end
                and (words[k] == "&" or words[k] in lex.and_words)
                and k + 1 < n
                and sm.tokens[k + 1].is_cap
            )
        ):
            hit = lex.units.match(words, k)
            k += hit[0] if hit else 1
        if k > tm.end:
            tm.title = sm.text(tm.start, k)
    if kind in ("consular", "embassy"):
        k0 = k
        while (
            k < n
            and k - k0 < 6
            and sm.place_at(k) is None
            and lex.mission_prefixes.match(words, k) is None
            and (lex.units.match(words, k) or (k > k0 and _nameish(sm, k, lex)))
            and sm.tokens[k].is_cap
        ):
            k += 1
        mission = lex.mission_prefixes.match(words, k)
        if mission is not None:
            k += mission[0]
        if sm.place_at(k) is None:
            k = k0 if mission is None else k
    if kind == "national" and tm.role == "Minister":
        start = k + 1 if k < n and words[k] in lex.of_words else k
        hit = lex.portfolios.match(words, start)
        if hit:
            k = start + hit[0]
            # "Menteri Luar Negeri dan Kerja Sama Timor-Leste": more portfolio words
            j = k
            while (
                j + 1 < n
                and (words[j] in ("&", ",") or words[j] in lex.and_words)
                and sm.tokens[j + 1].is_cap
                and sm.place_at(j + 1) is None
            ):
                j += 1
                while j < n and j - k < 6 and sm.tokens[j].is_cap and sm.place_at(j) is None:
                    j += 1
                if sm.place_at(j) is not None or j >= n or not sm.tokens[j].is_cap:
                    k = j
            tm.title = sm.text(tm.start, k)
    if k < n and words[k] in lex.of_words and sm.place_at(k + 1) is not None:
        k += 1
    pm = sm.place_at(k)
    cue = lex.place_cues_before.match(words, k) if pm is None and k < n else None
    if cue is not None and cue[1] and sm.place_at(k + cue[0]) is not None:
        k += cue[0]
        pm = sm.place_at(k)
    if (
        pm is not None
        and pm.start == tm.end
        and tm.jurisdiction is not None
        and pm.end - pm.start == 1
        and pm.end < n
        and sm.place_at(pm.end) is None
        and _nameish(sm, pm.end, lex)
    ):
        # "Manado Mayor Frederik Lumowa": the post has its place already; a place name
        # followed by a name is the holder's given name
        sm.places.remove(pm)
        pm = None
    if pm is not None:
        if kind in ("consular", "embassy"):
            if pm.place.kind == "Country":
                tm.represents = pm.place
            elif kind == "consular" and _seat(sm, pm) is not None:
                tm.based_in = _seat(sm, pm)
            else:
                pm = None
        elif kind == "national":
            # a state minister ("Menteri Perdagangan Australia Selatan") governs a province
            if pm.place.kind == "Country" or (
                tm.role == "Minister" and pm.place.kind == "Province"
            ):
                tm.jurisdiction = pm.place
            else:
                pm = None
        else:
            tm.jurisdiction = pm.place
        if pm is not None:
            k = pm.end
    if kind in ("consular", "embassy") and k < n:
        preps = lex.place_prepositions if kind == "consular" else lex.to_prepositions
        if words[k] in preps:
            # "Ambassador to the Netherlands": a lowercase article before a country name
            skip = 2 if k + 2 < n and not sm.tokens[k + 1].is_cap and words[k + 1] == "the" else 1
            nxt = sm.place_at(k + skip)
            if nxt is not None:
                if kind == "consular" and _seat(sm, nxt) is not None:
                    tm.based_in = _seat(sm, nxt)
                    k = nxt.end
                elif kind == "embassy" and nxt.place.kind == "Country":
                    tm.accredited_to = nxt.place
                    k = nxt.end
    return k


def _unit_seen(sm: SentenceMentions, tm: TitleMention, k: int, lex: Lexicon) -> bool:
    """Capitalised words extend an "other" title only after a unit word ("Kepala Dinas X")."""
    return any(lex.units.match(sm.words, j) for j in range(tm.end, k))


# -- people -----------------------------------------------------------------------------


def find_persons(sm: SentenceMentions, lex: Lexicon) -> None:
    words, toks = sm.words, sm.tokens
    n = len(words)
    seen: list[tuple[int, int]] = []

    def add(pm: PersonMention | None) -> None:
        if pm is None or any(a < pm.end and pm.start < b for a, b in seen):
            return
        sm.persons.append(pm)
        seen.append((pm.start, pm.end))
        if pm.end + 1 < n and words[pm.end] == "-" and _pair_hyphen(sm, pm.start, pm.end, lex):
            # the running mate after the hyphen is a person too
            add(person_at(sm, pm.end + 1, lex, pm.how))

    for tm in sm.titles:
        add(tm.holder)
    _initial_apposition(sm, lex, add)
    taken = [(tm.start, tm.end) for tm in sm.titles] + [(a, b) for _, a, b in sm.generic]
    honor = lex.honorific_table
    interesting = lex.person_cue_words
    for i in range(n):
        if words[i] not in interesting or any(a <= i < b for a, b in taken):
            continue
        if (
            honor.match(words, i)
            and toks[i].is_cap
            and (i == 0 or words[i - 1] != "-")
            and not _street(lex, words, i)  # "Jalan Jenderal Sudirman"
        ):
            pm = person_at(sm, i, lex, "honorific")
            if pm is not None and _honorific_end(sm, i, lex) > i:
                add(pm)
        hit = lex.speech_after.match(words, i)
        # "Menurut X, …", "According to X, …" open a sentence with a capital
        if hit and (not toks[i].is_cap or lex.according_to.match(words, i)):
            j = i + hit[0]
            if j < n and lex.roles.match(words, j) is None:
                add(person_at(sm, j, lex, "speech"))
        hit = lex.speech_before.match(words, i)
        if hit and i > 0:
            add(person_ending(sm, i, lex, "speech"))
        # "Yanti (52), pedagang kain": a name followed by an age
        if (
            words[i] == "("
            and i + 2 < n
            and toks[i + 1].text.isdigit()
            and len(toks[i + 1].text) <= 3
            and words[i + 2] == ")"
        ):
            add(person_ending(sm, i, lex, "age"))
        # "Lim Siew Ling, 42, said": a name followed by an age between commas
        if (
            words[i] == ","
            and i + 2 < n
            and toks[i + 1].text.isdigit()
            and len(toks[i + 1].text) <= 2
            and words[i + 2] == ","
        ):
            add(person_ending(sm, i, lex, "age"))
        # "Lulusan terbaik tahun ini, Angelina Tefa, diterima": an apposition of two or more names
        if (
            words[i] == ","
            and i > 0
            and ((toks[i - 1].is_word and not toks[i - 1].is_cap) or words[i - 1] == ")")
        ):
            # "… (UNJ), Rakhmat Hidayat, mengapresiasi"
            _apposition_names(sm, i + 1, lex, add)
        elif words[i] == "," and i > 0 and _apposed_before_verb(sm, i + 1, lex):
            # "pemerhati sosial dari Universitas Indonesia, Devie Rahmawati, mengamini …"
            _apposition_names(sm, i + 1, lex, add)


def _initial_apposition(sm: SentenceMentions, lex: Lexicon, add) -> None:  # type: ignore[no-untyped-def]
    """ "Bambang Purnomo, the ministry's director general, said": a name opening the
    sentence, followed by a comma and a title."""
    words = sm.words
    end = name_run(sm, 0, lex)
    if end < 2 or end >= len(words) or words[end] != ",":
        return
    if any(p.start < end for p in sm.places):
        return
    for k in range(end + 1, min(len(words), end + 8)):
        if (
            lex.roles.match(words, k)
            or lex.other_titles.match(words, k)
            or (k == end + 1 and lex.person_descriptors.match(words, k))
        ):
            add(
                PersonMention(
                    canonical_name(sm.text(0, end)), sm.text(0, end), 0, end, "apposition"
                )
            )
            return


def _apposed_before_verb(sm: SentenceMentions, j: int, lex: Lexicon) -> bool:
    """Whether a name at ``j`` stands between commas before a lowercase word, after a
    lowercase description ("pemerhati sosial dari UI, Devie Rahmawati, mengamini")."""
    end = name_run(sm, j, lex)
    n = len(sm.words)
    if end - j < 2 or end + 1 >= n or sm.words[end] != ",":
        return False
    nxt = sm.tokens[end + 1]
    if not nxt.is_word or nxt.is_cap:
        return False
    return any(
        lex.person_descriptors.match(sm.words, k) or lex.other_titles.match(sm.words, k)
        for k in range(max(0, j - 12), j - 1)
        if not sm.tokens[k].is_cap
    )


def _apposition_names(sm: SentenceMentions, j: int, lex: Lexicon, add) -> None:  # type: ignore[no-untyped-def]
    n = len(sm.words)
    found: list[PersonMention] = []
    while j < n:
        end = name_run(sm, j, lex)
        if end - j < 2 or any(p.start < end and j < p.end for p in sm.places):
            return
        if any(
            lex.units.match(sm.words, k) or lex.organisation_words.match(sm.words, k)
            for k in range(j, end)
        ):
            return
        name = canonical_name(sm.text(j, end))
        found.append(PersonMention(name, sm.text(j, end), j, end, "apposition"))
        if end < n and (
            sm.words[end] in lex.and_words
            or sm.words[end] in lex.and_also_words
            or (sm.words[end] == "-" and _pair_hyphen(sm, j, end, lex))
        ):
            j = end + 1
            continue
        if end >= n or sm.words[end] not in (",", ".", ";"):
            return
        break
    for pm in found:
        add(pm)


def find_known_persons(
    sm: SentenceMentions, lex: Lexicon, known: dict[tuple[str, ...], str]
) -> None:
    """Second pass: runs made only of tokens of a name recognised elsewhere in the article."""
    if not known:
        return
    known_tokens = {w for key in known for w in key}
    i = 0
    n = len(sm.tokens)
    while i < n:
        if any(p.start <= i < p.end for p in sm.persons) or sm.words[i] not in known_tokens:
            i += 1
            continue
        if not sm.tokens[i].is_cap or any(p.start <= i < p.end for p in sm.places):
            i += 1
            continue
        end = i
        while end < n and sm.words[end] in known_tokens and sm.tokens[end].is_cap:
            end += 1
        surface = sm.text(i, end)
        sm.persons.append(PersonMention(canonical_name(surface), surface, i, end, "known"))
        i = end


def expand_short_names(mentions: list[SentenceMentions], lex: Lexicon) -> None:
    """Full forms of names recognised only in short ("kata Rakhmat"): the article writes the
    full name once without a cue ("Pengajar sosiologi UNJ, Rakhmat Hidayat, mengapresiasi").

    The first capitalised run of two or more name words that contains the short name, and
    that no organisation word or place opens, becomes a person; the short form then resolves
    to it (:func:`kg.resolve.coref.resolve_names`).
    """
    names = [p.name for sm in mentions for p in sm.persons]
    longer = {w.lower() for n in names if len(n.split()) > 1 for w in n.split()}
    singles = {n.lower() for n in names if len(n.split()) == 1} - longer
    if not singles:
        return
    for sm in mentions:
        if singles.isdisjoint(sm.words):
            continue
        for i, w in enumerate(sm.words):
            if w not in singles or not sm.tokens[i].is_cap:
                continue
            if any(p.start <= i < p.end for p in sm.persons):
                continue
            start = i
            while start > 0 and i - start < 3 and _nameish(sm, start - 1, lex):
                start -= 1
            end = name_run(sm, i, lex)
            if end - start < 2 or end - i > 4:
                continue
            start = name_start(sm, start, end, lex)
            if start > i or end - start < 2 or (end < len(sm.words) and sm.tokens[end].is_cap):
                continue
            if any(p.start < end and start < p.end for p in sm.places) and start == i:
                continue
            surface = sm.text(start, end)
            name = canonical_name(surface)
            if name and len(name.split()) >= 2:
                sm.persons.append(PersonMention(name, surface, start, end, "known"))
                sm.persons.sort(key=lambda p: p.start)
                singles.discard(w)
            break


def analyse_sentence(sentence: Sentence, lang: str) -> SentenceMentions:
    """Places, titles with their posts, and people of one sentence."""
    lex = lexicon(lang)
    # a "sentence" longer than this is not prose; only its start is read
    tokens = tokenize(sentence.text[:_MAX_SENTENCE], sentence.start)
    sm = SentenceMentions(sentence, tokens, [t.norm for t in tokens])
    find_places(sm, lex, gazetteer())
    find_titles(sm, lex)
    find_persons(sm, lex)
    # a place name inside a person's name is part of the name
    sm.places = [
        p for p in sm.places if not any(q.start < p.end and p.start < q.end for q in sm.persons)
    ]
    return sm
