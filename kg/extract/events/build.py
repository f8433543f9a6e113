"""The events of an article (the ``events`` stage): each cue outside a quotation opens an event
or adds its people to the one it refers to. See :mod:`kg.extract.events`.
"""

from __future__ import annotations

from kg.extract.context import ArticleContext
from kg.extract.dates import FoundDate
from kg.extract.events.emit import _contains, _finish
from kg.extract.events.invitations import _invitation, _past_year, _unpeopled
from kg.extract.events.model import _SPECIFIC, Event
from kg.extract.events.scene import (
    _anaphoric_sentence,
    _attended,
    _dates,
    _future,
    _participants,
    _pick_date,
    _place,
    _post_places,
    _refers_back,
    _venue_city,
)


def add_events(ctx: ArticleContext) -> list[Event]:
    """The events of the article, built into ``ctx.out``; reads the posts of ``ctx.posts``."""
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
        _invitation(ctx, s, sm, ctx.posts, events, referred or current, awaiting)
    _finish(ctx, events)
    return events
