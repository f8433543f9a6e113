"""What is compared: the items of each category, from an extraction and from the gold file."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from kg.evaluate.normalise import norm, norm_company, place_key
from kg.evaluate.report import _PLACE_KINDS
from kg.extract.model import IRI, Extraction


def _objects(x: Extraction, subject: str, predicate: str) -> list[str]:
    return [
        e.object
        for e in x.edges
        if e.subject == subject and e.predicate == predicate and isinstance(e.object, str)
    ]


def _label(x: Extraction, key: str) -> str:
    node = x.nodes.get(key)
    if node is None:
        return key
    if node.kind == "Company":
        return norm_company(node.label)
    return norm(node.label)


def _mentioned(x: Extraction, kinds: Iterable[str]) -> list[str]:
    kinds = set(kinds)
    return [k for k, n in x.nodes.items() if n.kind in kinds and n.evidence]


def _post_items(x: Extraction) -> list[tuple[Any, ...]]:
    items = []
    for key in _mentioned(x, ["Post"]):
        roles = [
            e.object.value.removeprefix("bkg:")
            for e in x.edges
            if e.subject == key and e.predicate == "org:role" and isinstance(e.object, IRI)
        ]
        role = roles[0] if roles else ""
        places = tuple(
            (_objects(x, key, p) or [""])[0]
            for p in ("bkg:jurisdiction", "bkg:represents", "bkg:basedIn", "bkg:accreditedTo")
        )
        holders = [e.subject for e in x.edges if e.predicate == "org:holds" and e.object == key]
        for h in dict.fromkeys(holders) or [None]:
            items.append((role, _label(x, h) if h else "", *places))
    return items


def _gold_posts(gold: dict[str, Any]) -> list[tuple[Any, ...]]:
    items = []
    for p in gold.get("posts", []):
        items.append(
            (
                p.get("role", ""),
                norm(p.get("holder")),
                place_key(p.get("jurisdiction")),
                place_key(p.get("represents"), "Country"),
                place_key(p.get("based_in"), "City"),
                place_key(p.get("accredited_to"), "Country"),
            )
        )
    return items


def _event_items(x: Extraction) -> list[tuple[Any, ...]]:
    items = []
    for key in _mentioned(x, ["Meeting", "Visit", "Signing", "Invitation"]):
        node = x.nodes[key]
        dates = node.props.get("schema:startDate", [])
        when = dates[0].isoformat() if dates and isinstance(dates[0], date) else None
        place = (_objects(x, key, "bkg:place") or [""])[0]
        people = frozenset(_label(x, p) for p in _objects(x, key, "bkg:participant"))
        items.append((node.kind, when, place, people))
    return items


def _gold_events(gold: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            e["type"],
            e.get("date"),
            place_key(e.get("place")),
            frozenset(norm(p) for p in e.get("participants", [])),
        )
        for e in gold.get("events", [])
    ]


def _agreement_items(x: Extraction) -> list[tuple[Any, ...]]:
    kinds = ("SisterCityAgreement", "MemorandumOfUnderstanding", "LetterOfIntent")
    items = []
    for key in _mentioned(x, [*kinds, "CooperationAgreement", "Agreement"]):
        status = [
            e.object.value.removeprefix("bkg:")
            for e in x.edges
            if e.subject == key and e.predicate == "bkg:status" and isinstance(e.object, IRI)
        ]
        parties = frozenset(_party_item(x, p) for p in _objects(x, key, "bkg:party"))
        items.append((x.nodes[key].kind, parties, status[0] if status else ""))
    return items


def _gold_agreements(gold: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (a["type"], frozenset(_party_key(p) for p in a.get("parties", [])), a.get("status", ""))
        for a in gold.get("agreements", [])
    ]


def _party_key(name: str) -> str:
    key = place_key(name)
    return key if "/" in key else norm_company(name)


def _party_item(x: Extraction, key: str) -> str:
    node = x.nodes.get(key)
    if node is None or node.kind in _PLACE_KINDS:
        return key
    return norm_company(node.label)


def _agent(x: Extraction, key: str) -> str:
    node = x.nodes.get(key)
    if node is None:
        return norm(key)
    return norm_company(node.label) if node.kind == "Company" else norm(node.label)


def _invitation_items(x: Extraction) -> list[tuple[str, str]]:
    items = []
    for key in _mentioned(x, ["Invitation"]):
        for a in _objects(x, key, "bkg:inviter") or [""]:
            for b in _objects(x, key, "bkg:invitee") or [""]:
                items.append((_agent(x, a) if a else "", _agent(x, b) if b else ""))
    return items


def _speech_mode(x: Extraction, key: str) -> str:
    for e in x.edges:
        if e.subject == key and e.predicate == "bkg:speechMode" and isinstance(e.object, IRI):
            return "indirect" if e.object.value == "bkg:IndirectSpeech" else "direct"
    return "direct"


def _quote_items(x: Extraction, kind: str) -> list[tuple[str, str]]:
    """(speaker, text) of the statements of one kind, ``direct`` or ``indirect``."""
    items = []
    for key in _mentioned(x, ["Statement"]):
        if _speech_mode(x, key) != kind:
            continue
        texts = x.nodes[key].props.get("schema:text", [])
        text = getattr(texts[0], "text", "") if texts else ""
        for sp in _objects(x, key, "bkg:speaker"):
            items.append((_label(x, sp), norm(text)))
    return items
