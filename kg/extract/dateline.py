"""The dateline of an article: the place its report was filed from ("MEDAN -", "KUCHING (Feb
12):", "Ambon, Maluku (ANTARA) -"), the fallback place of its events.
"""

from __future__ import annotations

from kg.extract.mentions import SentenceMentions
from kg.extract.sentences import Sentence
from kg.resolve.gazetteer import Place
from kg.sources.model import Article

__all__ = ["find_dateline"]

#: Paragraphs at the top of an article searched for its dateline (after headline, byline...).
_DATELINE_PARAGRAPHS = 4


def _dateline(sm: SentenceMentions) -> Place | None:
    """ "MEDAN –", "Telegrapnews.com, Batam –", "KUCHING (Feb 12):": a place before the
    first dash or colon of the sentence that stands apart ("Sumut-Guangdong" is no
    dateline)."""
    alone = sm.places[0] if len(sm.places) == 1 else None
    if (
        alone is not None
        and alone.start == 0
        and alone.place.kind == "City"
        and all(t.text in ".,–—-:" for t in sm.tokens[alone.end :])
    ):
        return alone.place  # "Batam." on its own before the lead: a dateline
    for k, t in enumerate(sm.tokens[:12]):
        if t.text in ("–", "—", "-", ":") and k > 0:
            if t.text != ":" and t.start == sm.tokens[k - 1].end:
                continue  # a hyphen inside a name or a pair, not the dateline's dash
            cands = [p for p in sm.places if p.end <= k]
            end = k
            if k > 2 and sm.tokens[k - 1].text == ")":
                # "Ambon, Maluku (ANTARA) -": the news agency in brackets
                end = next((j for j in range(k - 2, -1, -1) if sm.tokens[j].text == "("), k)
            ending = [p for p in cands if p.end == end]
            first = cands[0] if cands else None
            if first is not None and first.start == 0 and first.place.kind == "City":
                # "SIDOARJO, KOMPAS.com -", "Semarang, CNN Indonesia --": the city comes
                # first; an outlet or a date may stand between it and the dash
                return first.place
            if not ending or first is None:
                return None
            if (
                first.start == 0
                and first.place.kind == "City"
                and ending[-1].place.kind != "City"
                and all(sm.tokens[j].text == "," or sm.place_at(j) for j in range(first.end, end))
            ):
                # "Ambon, Maluku -": the city, then the province it lies in
                return first.place
            return ending[-1].place
    return None


def find_dateline(
    article: Article, sentences: list[Sentence], mentions: list[SentenceMentions]
) -> Place | None:
    """The dateline of the first paragraphs' opening sentences, past the headline."""
    seen: set[int] = set()
    title = (article.title or "").strip()
    for s, sm in zip(sentences, mentions, strict=True):
        if s.paragraph in seen:
            continue
        seen.add(s.paragraph)
        if len(seen) > _DATELINE_PARAGRAPHS:
            break
        if title and s.text.strip() == title:
            continue
        found = _dateline(sm)
        if found is not None:
            return found
    return None
