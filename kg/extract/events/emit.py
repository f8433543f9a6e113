"""Events into the extraction: a country narrowed to a city where another event happened,
deterministic keys (type, date, place), nodes, participants and evidence.
"""

from __future__ import annotations

import hashlib

from kg.extract.context import ArticleContext
from kg.extract.events.model import Event
from kg.extract.model import Evidence
from kg.extract.relations import add_place
from kg.resolve.gazetteer import Place
from kg.resolve.names import slug


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
