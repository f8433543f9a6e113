"""Nodes and edges for places, people, posts, organisations and companies.

Keys are deterministic so that one real-world thing is one node across articles:

* places: the gazetteer key (``city/batam-6295587``), with their parents from the gazetteer;
* people: ``person/<slug of the full name>``;
* posts: role and places, ``post/mayor/batam-6295587``,
  ``post/consul-general/cn/medan-1214520``, ``post/ambassador/jp/id``;
* organisations: ``org/government/<place>``, ``org/consulate-general/cn/medan-1214520``;
* companies: ``company/<slug of the name without legal form>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.context import ArticleContext
from kg.extract.mentions import SentenceMentions, TitleMention
from kg.extract.model import IRI, Evidence
from kg.extract.sentences import Sentence
from kg.language.lexicon import role_info
from kg.resolve.gazetteer import Place, gazetteer
from kg.resolve.names import slug

__all__ = [
    "PostRef",
    "add_companies",
    "add_orgs",
    "add_persons",
    "add_places",
    "add_posts",
    "post_key",
]

_HOST_COUNTRY = "ID"  # the receiving state when an ambassador's is not written


def _tail(place: Place) -> str:
    return place.key.split("/", 1)[1]


@dataclass(slots=True)
class PostRef:
    key: str
    label: str
    role: str


def add_place(ctx: ArticleContext, place: Place, ev: Evidence | None, surface: str = "") -> str:
    out = ctx.out
    node = out.node(place.key, place.kind)
    if not node.labels:
        node.labels.update(place.labels)
        node.alt_labels.update(place.alt_labels)
        if place.same_as:
            node.add("owl:sameAs", IRI(place.same_as))
        if place.kind == "Country" and place.iso_code:
            node.add("bkg:isoCode", place.iso_code)
        for parent in gazetteer().parents(place):
            add_place(ctx, parent, None)
            ctx.relate(place.key, "bkg:locatedIn", parent.key)
    if surface and surface != place.name:
        node.alt_labels.add(surface)
    if ev is not None:
        ctx.attach(node, ev)
    return place.key


def add_places(ctx: ArticleContext) -> None:
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        for pm in sm.places:
            add_place(ctx, pm.place, ctx.evidence(s, 0.9), pm.surface)


def add_persons(ctx: ArticleContext) -> None:
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        for pm in sm.persons:
            full = ctx.full_name(pm)
            key = ctx.person_key(pm)
            ctx.person_keys[full] = key
            node = ctx.out.node(key, "Person")
            node.labels.setdefault("", full)
            if pm.rank:
                node.add("bkg:rank", pm.rank)
            if pm.name != full:
                node.alt_labels.add(pm.name)
            ev = ctx.evidence(s, 0.9 if pm.how in ("title", "honorific") else 0.75)
            ctx.attach(node, ev)


def post_key(tm: TitleMention, ctx: ArticleContext) -> PostRef | None:
    """The post a title describes, or ``None`` when the text does not pin it down."""
    role = tm.role
    info = role_info(role)
    kind = "other" if role == "OtherOfficial" else info["kind"]
    if kind == "domestic":
        if tm.jurisdiction is None:
            return None
        return PostRef(
            f"post/{info['slug']}/{_tail(tm.jurisdiction)}",
            f"{info['label']} of {tm.jurisdiction.name}",
            role,
        )
    if kind == "consular":
        if tm.represents is None:
            return None
        key = f"post/{info['slug']}/{_tail(tm.represents)}"
        label = f"{info['label']} of {tm.represents.name}"
        if tm.based_in is not None:
            key += f"/{_tail(tm.based_in)}"
            label += f" in {tm.based_in.name}"
        return PostRef(key, label, role)
    if kind == "embassy":
        if tm.represents is None:
            return None
        to = tm.accredited_to
        if to is None and tm.represents.iso_code != _HOST_COUNTRY:
            to = gazetteer().by_key(f"country/{_HOST_COUNTRY.lower()}")
            tm.accredited_to = to
        key = f"post/{info['slug']}/{_tail(tm.represents)}"
        label = f"{info['label']} of {tm.represents.name}"
        if to is not None:
            key += f"/{_tail(to)}"
            label += f" to {to.name}"
        return PostRef(key, label, role)
    if kind == "national":
        country = tm.jurisdiction
        if country is None and ctx.lex.default_country and role != "Minister":
            country = gazetteer().by_key(f"country/{ctx.lex.default_country.lower()}")
            tm.jurisdiction = country
        if country is None:
            return None
        if role == "Minister":
            return PostRef(
                f"post/minister/{_tail(country)}/{slug(tm.title)}",
                f"{tm.title} ({country.name})",
                role,
            )
        return PostRef(
            f"post/{info['slug']}/{_tail(country)}", f"{info['label']} of {country.name}", role
        )
    # another official: the title as written, qualified by its organisation or place
    where = f"/{_tail(tm.jurisdiction)}" if tm.jurisdiction else ""
    if tm.organisation:
        return PostRef(
            f"post/official/{slug(tm.title)}/{slug(tm.organisation)}",
            f"{tm.title}, {tm.organisation}",
            role,
        )
    if tm.holder is None and tm.jurisdiction is None:
        # A bare title ("Pengamat hubungan internasional menilai ...") names no office:
        # one node for it would join every unnamed observer of every article.
        return None
    label = tm.title + (f" of {tm.jurisdiction.name}" if tm.jurisdiction else "")
    return PostRef(f"post/official/{slug(tm.title)}{where}", label, role)


def add_posts(ctx: ArticleContext) -> None:
    """Posts and their holders; keeps, per sentence, each title and its post key in
    ``ctx.posts`` (the events stage reads them)."""
    result = ctx.posts
    # posts held by each person, to attach unqualified titles ("Konjen Zhang")
    held: dict[tuple[str, str], str] = {}
    pending: list[tuple[Sentence, TitleMention]] = []
    for s, sm in zip(ctx.sentences, ctx.mentions, strict=True):
        for tm in sm.titles:
            ref = post_key(tm, ctx)
            if ref is None:
                pending.append((s, tm))
                result.setdefault(s.index, []).append((tm, None))
                continue
            _emit_post(ctx, s, sm, tm, ref)
            if tm.holder is not None:
                held[(ctx.person_key(tm.holder), tm.role)] = ref.key
            result.setdefault(s.index, []).append((tm, ref.key))
    for s, tm in pending:
        if tm.holder is None:
            continue
        key = held.get((ctx.person_key(tm.holder), tm.role))
        if key is None and tm.role == "Minister" and ctx.lex.default_country and ctx.lang == "id":
            # "Menteri Sosial Juliari Batubara", and no other country named for this
            # minister in the article: a minister of the country the text is written in
            tm.jurisdiction = gazetteer().by_key(f"country/{ctx.lex.default_country.lower()}")
            ref = post_key(tm, ctx)
            if ref is not None:
                sm = ctx.mentions[s.index]
                _emit_post(ctx, s, sm, tm, ref)
                held[(ctx.person_key(tm.holder), tm.role)] = key = ref.key
        if key is not None:
            ctx.relate(ctx.person_key(tm.holder), "org:holds", key, ctx.evidence(s, 0.7))
            result[s.index] = [(t, key if t is tm else k) for t, k in result[s.index]]


def _emit_post(
    ctx: ArticleContext, s: Sentence, sm: SentenceMentions, tm: TitleMention, ref: PostRef
) -> None:
    out = ctx.out
    ev = ctx.evidence(s, 0.9)
    node = out.node(ref.key, "Post")
    node.labels.setdefault("en", ref.label)
    if tm.title and tm.role == "OtherOfficial":
        node.alt_labels.add(tm.title)
    ctx.attach(node, ev)
    ctx.relate(ref.key, "org:role", IRI(f"bkg:{tm.role}"), ev)
    for prop, place in (
        ("bkg:jurisdiction", tm.jurisdiction),
        ("bkg:represents", tm.represents),
        ("bkg:basedIn", tm.based_in),
        ("bkg:accreditedTo", tm.accredited_to),
    ):
        if place is not None:
            add_place(ctx, place, None)
            ctx.relate(ref.key, prop, place.key, ev)
    if tm.organisation:
        # "Kepala Unit Reserse Kriminal" in "Kepolisian Sektor Tamansari"
        okey = f"org/{slug(tm.organisation)}"
        org_node = out.node(okey, "Organization")
        org_node.labels.setdefault("", tm.organisation)
        ctx.attach(org_node, ev)
        ctx.relate(ref.key, "org:postIn", okey, ev)
        if tm.jurisdiction is not None:
            ctx.relate(okey, "bkg:locatedIn", tm.jurisdiction.key, ev)
    if tm.holder is not None:
        ctx.relate(ctx.person_key(tm.holder), "org:holds", ref.key, ev)


def add_orgs(ctx: ArticleContext) -> None:
    out = ctx.out
    for s, orgs in zip(ctx.sentences, ctx.orgs, strict=True):
        ev = ctx.evidence(s, 0.85)
        for om in orgs:
            node = out.node(om.key, om.kind)
            node.labels.setdefault("en", om.label)
            ctx.attach(node, ev)
            if om.place is not None:
                add_place(ctx, om.place, None)
                ctx.relate(om.key, "bkg:locatedIn", om.place.key, ev)
    # the post of a consul belongs to the consulate of the same country and city
    missions = {k: n for k, n in out.nodes.items() if n.kind == "DiplomaticMission"}
    for key, node in list(out.nodes.items()):
        if node.kind != "Post" or not key.startswith(("post/consul", "post/ambassador")):
            continue
        tail = key.split("/", 2)[2]
        for mkey in missions:
            if mkey.split("/", 2)[2] == tail:
                ctx.relate(key, "org:postIn", mkey, node.evidence[0] if node.evidence else None)


def add_companies(ctx: ArticleContext) -> None:
    out = ctx.out
    last_city: Place | None = None
    for s, sm, companies in zip(ctx.sentences, ctx.mentions, ctx.companies, strict=True):
        cities = [p.place for p in sm.places if p.place.kind == "City"]
        ev = ctx.evidence(s, 0.8)
        if companies:
            located = _company_city(ctx, sm, cities, last_city)
            for cm in companies:
                key = f"company/{slug(cm.name)}"
                node = out.node(key, "Company")
                node.labels.setdefault("", cm.name)
                if cm.surface != cm.name:
                    node.alt_labels.add(cm.surface)
                ctx.attach(node, ev)
                if located is not None:
                    add_place(ctx, located, None)
                    ctx.relate(key, "bkg:locatedIn", located.key, ev)
        if cities:
            last_city = cities[0]


def _company_city(
    ctx: ArticleContext, sm: SentenceMentions, cities: list[Place], last_city: Place | None
) -> Place | None:
    """The city a company sentence places it in: "home to BYD", "X-based", "BYD di Xiangyang"."""
    lex = ctx.lex
    words = sm.words
    cue = lex.company_location_cues.occurs(words)
    if not cue:
        return None
    if cities:
        return cities[0]
    anaphora = lex.city_anaphora.occurs(words)
    return last_city if anaphora else None
