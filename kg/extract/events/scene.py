"""Where, when and whether: an event cue's date, its place (after a venue word, else in the
sentence, else the dateline), whether it refers back to an event already seen, lies in the
future, or lists attendees.
"""

from __future__ import annotations

from datetime import date

from kg.extract.context import ArticleContext
from kg.extract.dates import FoundDate, find_dates, in_dateline
from kg.extract.events.model import _LIST_OPENING, _NEAR, _SPECIFIC, Event
from kg.extract.mentions import PlaceMention, SentenceMentions
from kg.extract.sentences import Sentence
from kg.resolve.gazetteer import Place


def _dates(ctx: ArticleContext, s: Sentence) -> list[FoundDate]:
    # only the start of an over-long "sentence" is prose worth reading for dates
    found = ctx.date_cache.get(s.index)
    if found is None:
        found = find_dates(s.text[:3000], ctx.lang, ctx.ref)
        # the dateline's date is when the story was filed, not when the event happened
        found = ctx.date_cache[s.index] = [d for d in found if not in_dateline(s.text, d)]
    return found


def _pick_date(found: list[FoundDate]) -> tuple[date | None, bool]:
    exact = [d for d in found if not d.approximate]
    if exact:
        return exact[0].value, False
    if found:
        return found[0].value, True
    return None, False


def _place(ctx: ArticleContext, sm: SentenceMentions, skip: set[int]) -> Place | None:
    """The most specific place of the sentence, preferring one right after a venue word;
    places that only qualify a diplomat's post come last."""
    cands = [
        pm
        for pm in sm.places
        if not ctx.in_quote(sm.tokens[pm.start].start)
        # "di Pendopo Delta Wibawa", "at Wisma Bapa Malaysia": a building's name
        and not ctx.lex.nonplace_before.match_ending(sm.words, pm.start)
    ]
    if not cands:
        return None

    def venue_distance(pm: PlaceMention) -> int:
        for d in range(1, 6):
            k = pm.start - d
            if k < 0:
                break
            if sm.words[k] in ctx.lex.venue_words:
                return d
        return 99

    governed = _jurisdictions(sm)

    def rank(pm: PlaceMention) -> tuple[bool, bool, bool, int, int, int]:
        d = venue_distance(pm)
        return (
            pm.start in skip,
            pm.start in governed and d == 99,
            d == 99,
            _SPECIFIC.get(pm.place.kind, 3),
            d,
            pm.start,
        )

    # "Camel Group, based in Xiangyang, signed ... in Batam": a company's home is no venue
    located = ctx.lex.company_home_cues
    cands = [
        pm
        for pm in cands
        if not any(
            located.match_ending(sm.words, k) for k in range(max(1, pm.start - 4), pm.start + 1)
        )
    ] or cands
    best = min(cands, key=rank)
    dl = ctx.dateline
    posts_only = (best.start in skip or best.start in governed) and venue_distance(best) == 99
    if posts_only and dl is not None:
        return dl  # only the places of posts: the story was filed where it happened
    if dl is not None and best.place.key != dl.key:
        # the dateline city, when the sentence names it as a venue, is where it happened
        for pm in cands:
            if pm.place.key == dl.key and venue_distance(pm) < 99 and pm.start not in skip:
                return dl
    # "di kawasan Nagoya, Batam": a locality followed by its city
    nxt = sm.place_at(best.end + 1)
    if (
        nxt is not None
        and best.end < len(sm.words)
        and sm.words[best.end] == ","
        and nxt.place.kind == "City"
        and best.place.kind == "City"
    ):
        return nxt.place
    return best.place


def _venue_city(ctx: ArticleContext, sm: SentenceMentions) -> Place | None:
    """A city right after a venue word ("di", "in"), not one that qualifies a post."""
    skip = _post_places(sm)
    for pm in sm.places:
        if (
            pm.place.kind == "City"
            and pm.start > 0
            and pm.start not in skip
            and sm.words[pm.start - 1] in ctx.lex.venue_words
            and not ctx.in_quote(sm.tokens[pm.start].start)
        ):
            return pm.place
    return None


def _anaphoric_sentence(ctx: ArticleContext, sm: SentenceMentions) -> bool:
    """ "Dalam pertemuan tersebut", "on the sidelines": the sentence is about an earlier event."""
    words = sm.words
    return ctx.lex.event_anaphora.occurs(words)


def _refers_back(ctx: ArticleContext, sm: SentenceMentions, start: int, end: int) -> bool:
    """ "pertemuan itu", "kunjungan ini", "the meeting": this event word points back."""
    lex = ctx.lex
    words = sm.words
    after = words[end : end + _NEAR]
    before = words[max(0, start - 2) : start]
    if any(w in lex.determiners_after for w in after):
        return True
    if any(w in lex.determiners_before for w in before):
        return True
    # "Ini merupakan kunjungan pertama ...": the event word names an earlier event
    for i in range(max(0, start - 4), start):
        hit = lex.identity_phrases.match(words, i)
        if hit and i + hit[0] <= start:
            return True
    # inside an anaphoric phrase ("dalam pertemuan itu")
    for i in range(max(0, start - 3), start + 1):
        hit = lex.event_anaphora.match(words, i)
        if hit and i + hit[0] > start:
            return True
    return False


def _attended(
    ctx: ArticleContext, sm: SentenceMentions, events: list[Event], cued: bool = False
) -> Event | None:
    """ "Rombongan diterima Wali Kota ..., didampingi ...", "X also attended": a sentence
    without an event word of its own, right after an event, names more of its people."""
    last = next((e for e in reversed(events) if e.kind != "Invitation"), None)
    if last is None:
        return None
    near = ctx.paragraphs_between(last.sentence.index, sm.sentence.index) <= 3
    if cued:
        return last if near else None
    cues = ctx.lex.attendance_cues
    for i, word in enumerate(sm.words):
        if word not in cues.by_first or not cues.match(sm.words, i):
            continue
        if ctx.in_quote(sm.tokens[i].start):
            continue
        if near:
            return last
        # "Hadir mendampingi gubernur, A, B dan C", "Also present were A and B": a list of
        # attendees often closes the report, paragraphs after the event it belongs to
        listed = sum(1 for pm in sm.persons if pm.start > i)
        if (i <= _LIST_OPENING or listed >= 2) and not _dates(ctx, sm.sentence):
            return last
        return None
    return None


def _future(ctx: ArticleContext, sm: SentenceMentions, start: int, end: int) -> bool:
    """A future marker before the event word, or right after it ("the delegation will
    visit", "kunjungan akan dilakukan")."""
    words = sm.words
    cues = ctx.lex.future_cues
    before = range(max(0, start - 6), start)
    return any(cues.match(words, i) for i in (*before, end, end + 1) if i < len(words))


def _participants(ctx: ArticleContext, sm: SentenceMentions, ev: Event) -> None:
    for pm in sm.persons:
        if ctx.in_quote(sm.tokens[pm.start].start):
            continue
        ev.add_participant(ctx.person_key(pm))


def _post_places(sm: SentenceMentions) -> set[int]:
    """Places that describe a diplomat's post rather than a venue."""
    out: set[int] = set()
    for tm in sm.titles:
        if tm.represents is not None or tm.based_in is not None:
            out.update(pm.start for pm in sm.places if tm.start - 2 <= pm.start < tm.end)
    return out


def _jurisdictions(sm: SentenceMentions) -> set[int]:
    """Places that name an official's jurisdiction ("North Kalimantan Governor", "Bupati
    Banyuwangi"): where the host governs, a venue only when nothing better is known."""
    out: set[int] = set()
    for tm in sm.titles:
        if tm.jurisdiction is not None:
            out.update(pm.start for pm in sm.places if tm.start - 2 <= pm.start < tm.end)
    return out
