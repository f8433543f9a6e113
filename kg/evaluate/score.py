"""Matching extracted items to gold items, per article and over a folder of articles."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.evaluate.items import (
    _agreement_items,
    _event_items,
    _gold_agreements,
    _gold_events,
    _gold_posts,
    _invitation_items,
    _label,
    _mentioned,
    _post_items,
    _quote_items,
)
from kg.evaluate.normalise import norm, norm_company, place_key
from kg.evaluate.reading import read_article
from kg.evaluate.report import _PLACE_KINDS, Report, Score
from kg.extract import extract
from kg.extract.model import Extraction

__all__ = ["evaluate"]


def _match(
    gold: list[Any], found: list[Any], same: Any, score: Score, errors: list[str], cat: str
) -> None:
    left = list(found)
    for g in gold:
        hit = next((f for f in left if same(g, f)), None)
        if hit is None:
            score.fn += 1
            errors.append(f"{cat} FN: {g}")
        else:
            score.tp += 1
            left.remove(hit)
    score.fp += len(left)
    errors.extend(f"{cat} FP: {f}" for f in left)


def _eq(a: Any, b: Any) -> bool:
    return bool(a == b)


def _same_event(g: tuple[Any, ...], f: tuple[Any, ...]) -> bool:
    if g[:3] != f[:3]:
        return False
    gp, fp = g[3], f[3]
    if not gp:
        return True
    return len(gp & fp) * 2 >= len(gp)


def _same_quote(g: tuple[str, str], f: tuple[str, str]) -> bool:
    return g[0] == f[0] and f[1].startswith(g[1])


def _score_article(x: Extraction, gold: dict[str, Any], report: Report, name: str) -> None:
    errors = report.errors.setdefault(name, [])
    sc = report.scores
    persons = {_label(x, k) for k in _mentioned(x, ["Person"])}
    _match(
        [norm(p) for p in gold.get("persons", [])],
        sorted(persons),
        _eq,
        sc["persons"],
        errors,
        "persons",
    )
    _match(_gold_posts(gold), _post_items(x), _eq, sc["posts"], errors, "posts")
    gold_places = [place_key(p["name"], p.get("type")) for p in gold.get("places", [])]
    _match(gold_places, _mentioned(x, _PLACE_KINDS), _eq, sc["places"], errors, "places")
    companies = sorted({_label(x, k) for k in _mentioned(x, ["Company"])})
    gold_companies = [norm_company(c) for c in gold.get("companies", [])]
    _match(gold_companies, companies, _eq, sc["companies"], errors, "companies")
    _match(_gold_agreements(gold), _agreement_items(x), _eq, sc["agreements"], errors, "agreements")
    _match(_gold_events(gold), _event_items(x), _same_event, sc["events"], errors, "events")
    gold_inv = [
        (norm(i.get("inviter")), norm(i.get("invitee"))) for i in gold.get("invitations", [])
    ]
    _match(gold_inv, _invitation_items(x), _eq, sc["invitations"], errors, "invitations")
    quotes = gold.get("quotes", [])
    for kind, category in (("direct", "quote speakers"), ("indirect", "indirect speakers")):
        if kind == "indirect" and not any("kind" in q for q in quotes):
            continue  # gold written before statements had kinds: reported speech not annotated
        wanted = [
            (norm(q.get("speaker")), norm(q.get("text_starts")))
            for q in quotes
            if q.get("kind", "direct") == kind
        ]
        found = _quote_items(x, kind)
        _match(wanted, found, _same_quote, sc[category], errors, f"{kind} statements")


def _keys_by_name(x: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for key in _mentioned(x, ["Person", "Company", *_PLACE_KINDS]):
        out[_label(x, key)].add(key)
        if x.nodes[key].kind in _PLACE_KINDS:
            out[key].add(key)
    return out


def _score_identity(
    golds: list[tuple[str, dict[str, Any]]], extractions: dict[str, Extraction], report: Report
) -> None:
    score = report.scores["identity"]
    seen: dict[str, list[str]] = defaultdict(list)
    for name, gold in golds:
        for p in gold.get("persons", []):
            seen[norm(p)].append(name)
        for c in gold.get("companies", []):
            seen[norm_company(c)].append(name)
        for pl in gold.get("places", []):
            seen[place_key(pl["name"], pl.get("type"))].append(name)
    by_article = {name: _keys_by_name(x) for name, x in extractions.items()}
    for item, names in seen.items():
        arts = sorted(set(names))
        if len(arts) < 2:
            continue
        keys: set[str] = set()
        missing = False
        for a in arts:
            found = by_article.get(a, {}).get(item, set())
            if not found:
                missing = True
            keys |= found
        if not missing and len(keys) == 1:
            score.tp += 1
        else:
            score.fn += 1
            report.errors.setdefault("<identity>", []).append(
                f"identity FN: {item} -> {sorted(keys)}"
            )
    labels: dict[str, tuple[str, ...]] = {}
    for x in extractions.values():
        for key in _mentioned(x, ["Person"]):
            labels[key] = tuple(norm(x.nodes[key].label).split())
    for a, ta in labels.items():
        for b, tb in labels.items():
            if a != b and set(ta) < set(tb):
                score.fp += 1
                report.errors.setdefault("<identity>", []).append(f"identity FP: {a} vs {b}")


def evaluate(articles_dir: Path | str, gold_dir: Path | str) -> Report:
    """Score the extractor on every article of ``articles_dir`` that has a gold file.

    >>> import shutil, tempfile
    >>> from kg.config import PROJECT_DIR
    >>> with tempfile.TemporaryDirectory() as gold:
    ...     _ = shutil.copy(PROJECT_DIR / "data/gold/batam-xiangyang-sister-city.json", gold)
    ...     report = evaluate(PROJECT_DIR / "data/articles", gold)
    >>> report.articles, report.micro.f1 > 0.8
    (1, True)
    """
    articles_dir, gold_dir = Path(articles_dir), Path(gold_dir)
    report = Report()
    golds: list[tuple[str, dict[str, Any]]] = []
    extractions: dict[str, Extraction] = {}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        name = gold.get("article") or gold_path.stem
        path = articles_dir / name
        if not path.exists():
            matches = sorted(articles_dir.glob(f"{gold_path.stem}.*"))
            if not matches:
                report.skipped.append(name)
                continue
            path = matches[0]
        article = read_article(path)
        if article is None:
            report.skipped.append(name)
            continue
        x = extract(article)
        report.articles += 1
        extractions[name] = x
        golds.append((name, gold))
        _score_article(x, gold, report, name)
    _score_identity(golds, extractions, report)
    return report
