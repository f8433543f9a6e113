"""Events (meetings, visits, signings, invitations) with date, place and participants.

An event cue outside a quotation opens an event unless it refers back to one ("pertemuan
tersebut", "the meeting", a cue with no date of its own when an event of that kind exists);
a referring sentence adds its people to the event it refers to. Of several new cues in one
sentence the first of ``priority`` wins (a courtesy visit that is a meeting is a Meeting).
Cues after a future marker ("akan", "will", "untuk melakukan") are plans, not events.

Date: the sentence's own date, else its paragraph's, else the article's first date for the
first event; approximate dates ("pekan lalu") only when nothing better exists. Place: the most
specific place after a venue word, else in the sentence, else the dateline; a country is
narrowed to a city of that country where another event of the article happened.

Keys are deterministic (type, date, place), so one meeting reported twice is one node.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from kg.extract.context import ArticleContext
from kg.extract.dates import FoundDate, find_dates, in_dateline
from kg.extract.mentions import PlaceMention, SentenceMentions, TitleMention
from kg.extract.model import Evidence
from kg.extract.relations import add_place
from kg.extract.sentences import Sentence
from kg.language.tokens import fold
from kg.resolve.gazetteer import Place
from kg.resolve.names import slug

__all__ = ["Event", "add_events"]

_SPECIFIC = {"City": 0, "Province": 1, "Country": 2}
_NEAR = 3  # tokens between an event word and a determiner that makes it a reference
_LIST_OPENING = 4  # tokens before an attendance cue that opens a list of attendees


@dataclass(slots=True)
class Event:
    kind: str
    sentence: Sentence
    date: date | None = None
    approximate: bool = False
    place: Place | None = None
    participants: list[str] = field(default_factory=list)  # node keys
    evidence: list[Evidence] = field(default_factory=list)
    inviter: str | None = None
    invitee: str | None = None
    concerns: list[str] = field(default_factory=list)

    def add_participant(self, key: str) -> None:
        if key not in self.participants:
            self.participants.append(key)


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


def add_events(
    ctx: ArticleContext, posts: dict[int, list[tuple[TitleMention, str | None]]]
) -> list[Event]:
    lex = ctx.lex
    events: list[Event] = []
    last_of: dict[str, Event] = {}  # kind -> the latest event of that kind
    undated: dict[str, list[Event]] = {}  # kind -> events without a date of their own
    para_dates: dict[int, list[FoundDate]] = {}
    for s in ctx.sentences:
        para_dates.setdefault(s.paragraph, []).extend(_dates(ctx, s))
    first_date = next((d for s in ctx.sentences for d in _dates(ctx, s)), None)
    awaiting: list[str] = []  # an invitee whose inviter a later sentence names
    pairs = list(zip(ctx.sentences, ctx.mentions, strict=True))
    for s, sm in ctx.budget.each(pairs, "events"):
        own_dates = _dates(ctx, s)
        new: list[tuple[int, str]] = []
        referred: Event | None = None
        for start, end, kind in lex.event_types.find_all(sm.words):
            if ctx.in_quote(sm.tokens[start].start) or kind == "Invitation":
                continue
            if _future(ctx, sm, start, end):
                continue
            same = last_of.get(kind)
            if events and _refers_back(ctx, sm, start, end):
                referred = referred or same or events[-1]
                continue
            if same is not None and not own_dates:
                referred = referred or same
                continue
            new.append((lex.event_priority.index(kind) if kind in lex.event_priority else 9, kind))
        if referred is None and events and _anaphoric_sentence(ctx, sm):
            referred = events[-1]
        if referred is None and not new:
            referred = _attended(ctx, sm, events)
        current: Event | None = None
        planned_for, planned_approx = _pick_date(own_dates)
        ref = ctx.ref
        if new and planned_for is not None and not planned_approx and ref and planned_for > ref:
            new = []  # "a forum in Medan on November 20" in an October article: a plan
        if new:
            kind = min(new)[1]
            place = _place(ctx, sm, _post_places(sm))
            d, approx = _pick_date(own_dates)
            # the latest event of this kind without a date of its own, from this paragraph
            # or the one before
            stack = undated.get(kind)
            last_undated = stack[-1] if stack else None
            if last_undated is not None and s.paragraph - last_undated.sentence.paragraph > 1:
                last_undated = None
            pending = last_undated is not None
            if last_undated is not None and d is not None and stack:
                # "X menandatangani MoU ... Penandatanganan berlangsung di Y, Kamis (21/11)"
                current = stack.pop()
                current.date, current.approximate = d, approx
                current.place = place or current.place
                kind = ""
            has_own = d is not None
            if d is None and _past_year(ctx, s):
                # "signed a sister-city agreement in 1994": history, not an event of the
                # article (a year is no day, so it must not take the article's date)
                kind = ""
            if not pending or d is None:
                if d is None and referred is not None:
                    d, approx = referred.date, referred.approximate
                if d is None:
                    d, approx = _pick_date(para_dates.get(s.paragraph, []))
                if d is None and not events and first_date is not None:
                    d, approx = first_date.value, first_date.approximate
                if place is None and referred is not None:
                    place = referred.place
                if d is None and events:
                    # an undated mention after the main event: background, not an event;
                    # close after it ("Partridge was received by ..."), it adds its people
                    kind = ""
                    referred = referred or _attended(ctx, sm, events, cued=True)
            host = _unpeopled(ctx, events, d, s) if kind else None
            if host is not None:
                # the headline or lead named the occasion without its people; this report
                # of the same day is the same occasion, told in full
                current, kind = host, ""
                if place is not None and (
                    host.place is None
                    or _SPECIFIC.get(place.kind, 3) <= _SPECIFIC.get(host.place.kind, 3)
                ):
                    host.place = place
            if kind:
                current = Event(kind, s, d, approx, place)
                if referred is not None:
                    for p in referred.participants:
                        current.add_participant(p)
                events.append(current)
                last_of[kind] = current
                if not has_own:
                    undated.setdefault(kind, []).append(current)
            if current is not None:
                current.evidence.append(ctx.evidence(s, 0.8))
                _participants(ctx, sm, current)
        if referred is not None and referred is not current:
            referred.evidence.append(ctx.evidence(s, 0.8))
            _participants(ctx, sm, referred)
            city = _venue_city(ctx, sm)
            if referred.place is not None and city is not None and _contains(referred.place, city):
                # "... in Fujian Province ... The agreement was signed in Quanzhou": the venue
                # the first report left vague
                referred.place = city
        _invitation(ctx, s, sm, posts, events, referred or current, awaiting)
    _finish(ctx, events)
    return events


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _past_year(ctx: ArticleContext, s: Sentence) -> bool:
    """Whether the sentence places its event away from the article's days: a year before
    the article's ("in 1994", "sejak 2019"), or a month other than the article's without a
    day ("ditandatangani di Kitakyushu pada Mei", "the forum in October")."""
    if ctx.ref is None:
        return False
    text = s.text[:3000]
    if any(int(y) < ctx.ref.year for y in _YEAR.findall(text)):
        return True
    months = ctx.lex.months
    return any(
        months.get(w) not in (None, ctx.ref.month) and _is_month_word(ctx, w)
        for w in (fold(t.text) for t in ctx.mentions[s.index].tokens if t.is_cap)
    )


def _is_month_word(ctx: ArticleContext, word: str) -> bool:
    # "Mei", "October": a month name; "March" as a verb would be lower-case and is skipped
    return word in ctx.lex.months and len(word) > 2


def _unpeopled(
    ctx: ArticleContext, events: list[Event], when: date | None, s: Sentence
) -> Event | None:
    """The latest event, no more than two paragraphs back, reported without any people and
    on the same day as a new report of ``when``: one real occasion, not two."""
    last = next((e for e in reversed(events) if e.kind != "Invitation"), None)
    if last is None or when is None or last.date != when or last.participants:
        return None
    if ctx.paragraphs_between(last.sentence.index, s.index) > 3:
        return None
    return last


def _invitation(
    ctx: ArticleContext,
    s: Sentence,
    sm: SentenceMentions,
    posts: dict[int, list[tuple[TitleMention, str | None]]],
    events: list[Event],
    referred: Event | None,
    pending: list[str],
) -> None:
    """One Invitation per sentence with an invitation cue, in any of its shapes: "X invited Y",
    "Y was invited by X", "undangan dari X kepada/agar Y", "Y received an invitation (from X)"
    (the inviter may follow in the next sentence), "delivered by Z" (Z only takes part)."""
    lex = ctx.lex
    words = sm.words
    n = len(words)
    titles = posts.get(s.index, [])
    for start, end, kind in lex.event_types.find_all(words):
        if kind != "Invitation" or ctx.in_quote(sm.tokens[start].start):
            continue
        passive = lex.invitation_passive_verbs.match(words, start) is not None
        verb = lex.invitation_agent_verbs.match(words, start) is not None
        received = any(
            lex.invitation_receive_verbs.match(words, k) for k in range(max(0, start - 3), start)
        )
        delivery = next((k for k in range(end, n) if words[k] in lex.invitation_delivery_words), n)
        carriers = _agents(ctx, sm, titles, delivery, n, posts) if delivery < n else []
        before = _agents(ctx, sm, titles, 0, start, posts)
        after = _agents(ctx, sm, titles, end, delivery, posts)
        in_title = {k for tm in sm.titles for k in range(tm.start, tm.end)}
        recipient = next(
            (
                k
                for k in range(end, min(end + 12, delivery))
                if words[k] in lex.recipient_words and k not in in_title
            ),
            None,
        )
        source = next(
            (k for k in range(end, min(end + 4, n)) if words[k] in lex.invitation_source_words),
            None,
        )
        between = (
            _agents(ctx, sm, titles, end, recipient, posts)
            if recipient is not None and not verb
            else []
        )
        inviter: str | None
        invitee: str | None
        if received:
            # "Wali Kota Solo mendapat undangan (dari X)": the subject is the invitee
            inviter = after[0] if source is not None and after else None
            invitee = before[-1] if before else None
        elif between and recipient is not None:
            # "undangan dari Lord Mayor Perth kepada Wali Kota Denpasar"
            later = _agents(ctx, sm, titles, recipient + 1, delivery, posts)
            inviter, invitee = between[0], (later[0] if later else None)
        elif source is not None:
            # "Surat undangan dari Wali Kota Jeonju ... diserahkan oleh ...": no invitee named
            inviter, invitee = (after[0] if after else None), None
        elif (
            not verb
            and not passive
            and not before
            and after
            and recipient is None
            and not _refers_back(ctx, sm, start, end)
        ):
            # "an invitation Kim sent, which Lee delivered", "undangan Wali Kota Jeonju"
            inviter, invitee = after[0], None
            if delivery < n:
                carriers = after[1:] + carriers
        elif passive:
            inviter, invitee = (after[0] if after else None), (before[-1] if before else None)
        else:
            inviter, invitee = (before[-1] if before else None), (after[0] if after else None)
        if inviter is None and invitee is not None and received:
            # the inviter may be named in the next sentence
            pending[:] = [invitee]
            return
        if inviter is None and any(w in lex_pronouns(ctx) for w in words[:start]):
            # "Ia sekaligus mengundang Eri": the person last named before this sentence
            inviter = _last_person_before(ctx, sm)
        if inviter is not None and invitee is None:
            # "an invitation Kim sent": the invitee is who the previous sentences were about
            invitee = pending[0] if pending else _previous_subject(ctx, sm, {inviter, *carriers})
        pending.clear()
        if inviter is None or invitee is None or inviter == invitee:
            continue
        base = referred or (events[-1] if events else None)
        # a date after the article's is the day of what the invitation is for
        # ("invited him to the forum on November 20"), not of the invitation
        ref = ctx.ref
        d, approx = _pick_date([f for f in _dates(ctx, s) if ref is None or f.value <= ref])
        place = _place(ctx, sm, _post_places(sm)) if d is not None else None
        if d is None and base is not None:
            d, approx, place = base.date, base.approximate, base.place
        ev = Event("Invitation", s, d, approx, place)
        ev.inviter, ev.invitee = inviter, invitee
        for key in (inviter, invitee, *carriers):
            if key.startswith("person/"):
                ev.add_participant(key)
        ev.evidence.append(ctx.evidence(s, 0.8))
        events.append(ev)
        return


def _previous_subject(ctx: ArticleContext, sm: SentenceMentions, skip: set[str]) -> str | None:
    """The first person named in the previous sentence of the paragraph, not in ``skip``."""
    k = sm.sentence.index - 1
    if k < 0 or ctx.sentences[k].paragraph != sm.sentence.paragraph:
        return None
    prev = ctx.mentions[k]
    for pm in prev.persons:
        key = ctx.person_key(pm)
        if key not in skip and not ctx.in_quote(prev.tokens[pm.start].start):
            return key
    return None


def lex_pronouns(ctx: ArticleContext) -> frozenset[str]:
    return ctx.lex.pronouns


def _last_person_before(ctx: ArticleContext, sm: SentenceMentions) -> str | None:
    earlier = ctx.persons_between(0, sm.sentence.start)
    return ctx.person_key(earlier[-1][1]) if earlier else None


def _agents(
    ctx: ArticleContext,
    sm: SentenceMentions,
    titles: list[tuple[TitleMention, str | None]],
    lo: int,
    hi: int,
    posts: dict[int, list[tuple[TitleMention, str | None]]] | None = None,
) -> list[str]:
    """People, or posts whose holder is unnamed, between tokens ``lo`` and ``hi``; a bare
    "the governor" is the person last named with that title."""
    found: list[tuple[int, str]] = []
    for pm in sm.persons:
        if lo <= pm.start < hi:
            found.append((pm.start, ctx.person_key(pm)))
    for tm, key in titles:
        if tm.holder is not None or not lo <= tm.start < hi:
            continue
        if key is not None:
            found.append((tm.start, key))
        elif posts is not None:
            earlier = _earlier_holder(ctx, sm, tm.role, posts)
            if earlier is not None:
                found.append((tm.start, earlier))
    for om in ctx.orgs[sm.sentence.index]:
        if lo <= om.start < hi:
            found.append((om.start, om.key))
    return [k for _, k in sorted(found)]


def _earlier_holder(
    ctx: ArticleContext,
    sm: SentenceMentions,
    role: str,
    posts: dict[int, list[tuple[TitleMention, str | None]]],
) -> str | None:
    for k in range(sm.sentence.index - 1, -1, -1):
        for tm, _ in reversed(posts.get(k, [])):
            if tm.role == role and tm.holder is not None:
                return ctx.person_key(tm.holder)
    return None


def _finish(ctx: ArticleContext, events: list[Event]) -> None:
    out = ctx.out
    # a post whose holder the article names stands for that person
    holders: dict[str, str] = {}
    for e in out.edges:
        if e.predicate == "org:holds" and isinstance(e.object, str):
            holders.setdefault(e.object, e.subject)
    for ev in events:
        if ev.kind != "Invitation":
            continue
        ev.inviter = holders.get(ev.inviter or "", ev.inviter)
        ev.invitee = holders.get(ev.invitee or "", ev.invitee)
        for key in (ev.inviter, ev.invitee):
            if key and key.startswith("person/"):
                ev.add_participant(key)
    # a visit "ke Tiongkok" happened where the article's other events in China did
    first_city: dict[tuple[str, str | None], Place] = {}
    for other in events:
        if other.place is not None and other.place.kind == "City":
            first_city.setdefault(("Country", other.place.country), other.place)
            first_city.setdefault(("Province", other.place.province), other.place)
    for ev in events:
        if ev.place is not None and ev.place.kind != "City":
            area = ev.place.country if ev.place.kind == "Country" else ev.place.iso_code
            better = first_city.get((ev.place.kind, area))
            if better is not None:
                ev.place = better
        dl = ctx.dateline
        if dl is not None and (ev.place is None or _contains(ev.place, dl)):
            ev.place = dl
    agreements = {k: n for k, n in out.nodes.items() if k.startswith("agreement/")}
    agreed_in: dict[int, list[str]] = {}  # sentence start -> agreements stated there
    for akey, anode in agreements.items():
        for said in anode.evidence:
            keys = agreed_in.setdefault(said.start, [])
            if akey not in keys:
                keys.append(akey)
    for ev in events:
        for start in dict.fromkeys(e.start for e in ev.evidence):
            for akey in agreed_in.get(start, []):
                if akey not in ev.concerns:
                    ev.concerns.append(akey)
        if not ev.concerns and ev is events[0] and len(agreements) == 1:
            ev.concerns.append(next(iter(agreements)))
        _emit(ctx, ev)


def _contains(area: Place, city: Place) -> bool:
    """Whether ``city`` lies in the province or country ``area``."""
    if city.kind != "City":
        return False
    if area.kind == "Province":
        return city.province == area.iso_code
    return area.kind == "Country" and city.country == area.iso_code


def _event_key(ev: Event) -> str:
    place = ev.place.key if ev.place else ""
    when = ev.date.isoformat() if ev.date else "undated"
    basis = f"{ev.kind}|{when}|{place}"
    if ev.date is None or ev.place is None:
        basis += "|" + ",".join(sorted(ev.participants))
    if ev.kind == "Invitation":
        basis += f"|{ev.inviter}|{ev.invitee}"
    digest = hashlib.sha1(basis.encode()).hexdigest()[:8]
    where = slug(ev.place.name) if ev.place else "unknown"
    return f"event/{ev.kind.lower()}-{when}-{where}-{digest}"


def _emit(ctx: ArticleContext, ev: Event) -> None:
    out = ctx.out
    key = _event_key(ev)
    node = out.node(key, ev.kind)
    when = f" on {ev.date.isoformat()}" if ev.date else ""
    where = f" in {ev.place.name}" if ev.place else ""
    node.labels.setdefault("en", f"{ev.kind}{where}{when}")
    for e in ev.evidence:
        ctx.attach(node, e)
    first = ev.evidence[0]
    if ev.date is not None:
        node.add("schema:startDate", ev.date)
    if ev.place is not None:
        add_place(ctx, ev.place, None)
        ctx.relate(key, "bkg:place", ev.place.key, first)
    for p in ev.participants:
        if p in out.nodes:
            ctx.relate(key, "bkg:participant", p, _evidence_for(ctx, ev, p))
    if ev.inviter and ev.inviter in out.nodes:
        ctx.relate(key, "bkg:inviter", ev.inviter, first)
    if ev.invitee and ev.invitee in out.nodes:
        ctx.relate(key, "bkg:invitee", ev.invitee, first)
    for a in ev.concerns:
        ctx.relate(key, "bkg:concerns", a, first)


def _evidence_for(ctx: ArticleContext, ev: Event, person: str) -> Evidence:
    """The first sentence of the event that names the person, else the event's first."""
    starts = ctx.evidence_starts(person)
    return next((e for e in ev.evidence if e.start in starts), ev.evidence[0])
