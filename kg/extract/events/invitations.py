"""Invitations: who invites whom (the agent of an inviting verb, the subject of a passive, an
earlier holder of the post), and the event the invitation concerns.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.context import ArticleContext
from kg.extract.events.model import Event
from kg.extract.events.scene import _dates, _pick_date, _place, _post_places, _refers_back
from kg.extract.mentions import SentenceMentions, TitleMention
from kg.extract.sentences import Sentence
from kg.language.tokens import fold

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
