"""Helpers shared by the extractor tests (imported by name: tests have no packages)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.extract.model import IRI, Extraction
from kg.sources.model import Article

SEED = (
    Path(__file__).resolve().parents[2] / "data" / "articles" / "batam-xiangyang-sister-city.id.txt"
)


def article(
    text: str, lang: str | None = "id", published: date | None = date(2025, 4, 22)
) -> Article:
    return Article(text=text, language=lang, published=published)


def objects(x: Extraction, subject: str, predicate: str) -> list[str | IRI]:
    return [e.object for e in x.edges if e.subject == subject and e.predicate == predicate]


def subjects(x: Extraction, predicate: str, obj: str | IRI) -> list[str]:
    return [e.subject for e in x.edges if e.predicate == predicate and e.object == obj]
