"""Scoring the extractor on PFSA-ID articles: persons, person-title pairs and statement
attribution, with the misses kept for ``--errors``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract
from kg.extract.model import IRI, Extraction
from kg.language.lexicon import lexicon
from kg.pfsa.corpus import GoldArticle, name_words, read_pfsa
from kg.sources.model import Article

__all__ = ["PfsaReport", "score_pfsa"]


@dataclass(slots=True)
class Tally:
    """A count of hits out of a total."""

    hit: int = 0
    total: int = 0

    @property
    def ratio(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.ratio:.3f} ({self.hit}/{self.total})"


@dataclass(slots=True)
class PfsaReport:
    """The figures of one PFSA-ID file.

    >>> PfsaReport().person_recall.ratio  # nothing to find: nothing missed
    1.0
    """

    articles: int = 0
    person_recall: Tally = field(default_factory=Tally)
    persons_predicted: int = 0
    pair_recall: Tally = field(default_factory=Tally)
    statement_recall: Tally = field(default_factory=Tally)
    speaker_precision: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(
        default_factory=lambda: {"direct": Tally(), "indirect": Tally()}
    )
    kind_agreement: Tally = field(default_factory=Tally)
    statements_predicted: int = 0
    unattributed_gold: int = 0
    misses: list[str] = field(default_factory=list)

    def format_table(self) -> str:
        """The figures as plain text, one per line.

        >>> PfsaReport(articles=3).format_table().splitlines()[0]
        'articles                      3'
        """
        rows = [
            f"articles                      {self.articles}",
            f"person recall                 {self.person_recall}",
            f"persons predicted             {self.persons_predicted}",
            f"person-title pair recall      {self.pair_recall}",
            f"statement attribution recall  {self.statement_recall}",
            f"  direct                      {self.by_kind['direct']}",
            f"  indirect                    {self.by_kind['indirect']}",
            f"speaker precision             {self.speaker_precision}",
            f"direct/indirect agreement     {self.kind_agreement}",
            f"statements predicted          {self.statements_predicted}",
            f"gold statements w/o speaker   {self.unattributed_gold}",
        ]
        return "\n".join(rows)


def _names(x: Extraction, key: str) -> set[tuple[str, ...]]:
    node = x.nodes.get(key)
    if node is None:
        return set()
    return {name_words(n) for n in (*node.labels.values(), *node.alt_labels)}


def _core_role(words: tuple[str, ...]) -> str | None:
    """The core role a title names ("wali kota surabaya" -> Mayor), if its longest
    title phrase is a core role."""
    lex = lexicon("id")
    role = lex.roles.match(words, 0)
    other = lex.other_titles.match(words, 0)
    if role is None or (other is not None and other[0] >= role[0]):
        return None
    return role[1]


def _statement_span(x: Extraction, key: str, text: str) -> tuple[int, int] | None:
    node = x.nodes[key]
    start = node.props.get("bkg:spanStart")
    end = node.props.get("bkg:spanEnd")
    if start and end and isinstance(start[0], int) and isinstance(end[0], int):
        return start[0], end[0]
    said = node.props.get("schema:text")
    words = getattr(said[0], "text", "") if said else ""
    at = text.find(words) if words else -1
    return (at, at + len(words)) if at >= 0 else None


def _score(gold: GoldArticle, x: Extraction, report: PfsaReport, keep_misses: bool) -> None:
    people = {k: _names(x, k) for k, n in x.nodes.items() if n.kind == "Person"}
    report.persons_predicted += len(people)
    found_names = set().union(*people.values()) if people else set()
    for person in gold.persons:
        report.person_recall.total += 1
        if person in found_names:
            report.person_recall.hit += 1
        elif keep_misses:
            report.misses.append(f"line {gold.line}: person {' '.join(person)}")
    holds: dict[str, list[str]] = {}
    roles: dict[str, set[str]] = {}
    for e in x.edges:
        if e.predicate == "org:holds" and isinstance(e.object, str):
            holds.setdefault(e.subject, []).append(e.object)
        elif e.predicate == "org:role" and isinstance(e.object, IRI):
            roles.setdefault(e.subject, set()).add(e.object.value.removeprefix("bkg:"))
    acting = lexicon("id").title_prefixes
    for person, role in gold.pairs:
        report.pair_recall.total += 1
        # "Pelaksana Tugas Kepala": an acting holder holds the post itself
        prefix = acting.match(role, 0)
        if prefix is not None and prefix[0] < len(role):
            role = role[prefix[0] :]
        core = _core_role(role)
        ok = False
        for key, names in people.items():
            if person not in names:
                continue
            for post in holds.get(key, []):
                titles = _names(x, post)
                if any(t[: len(role)] == role for t in titles) or core in roles.get(post, set()):
                    ok = True
        if ok:
            report.pair_recall.hit += 1
        elif keep_misses:
            report.misses.append(f"line {gold.line}: pair {' '.join(person)} | {' '.join(role)}")
    _score_statements(gold, x, report, keep_misses)


def _score_statements(
    gold: GoldArticle, x: Extraction, report: PfsaReport, keep_misses: bool
) -> None:
    speakers: dict[str, set[tuple[str, ...]]] = {}
    modes: dict[str, bool] = {}
    for e in x.edges:
        if e.predicate == "bkg:speaker" and isinstance(e.object, str):
            speakers.setdefault(e.subject, set()).update(_names(x, e.object))
        elif e.predicate == "bkg:speechMode" and isinstance(e.object, IRI):
            modes[e.subject] = e.object.value == "bkg:DirectSpeech"
    predicted: list[tuple[tuple[int, int], set[tuple[str, ...]], bool | None]] = []
    for key, node in x.nodes.items():
        if node.kind != "Statement":
            continue
        span = _statement_span(x, key, gold.text)
        if span is not None:
            predicted.append((span, speakers.get(key, set()), modes.get(key)))
    report.statements_predicted += len(predicted)

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
        shared = min(a[1], b[1]) - max(a[0], b[0])
        return shared > 0 and shared * 2 >= min(a[1] - a[0], b[1] - b[0])

    attributed = [g for g in gold.statements if g.speaker is not None]
    report.unattributed_gold += len(gold.statements) - len(attributed)
    for g in attributed:
        kind = "direct" if g.direct else "indirect"
        report.statement_recall.total += 1
        report.by_kind[kind].total += 1
        hits = [p for p in predicted if overlap((g.start, g.end), p[0])]
        if any(g.speaker in p[1] for p in hits):
            report.statement_recall.hit += 1
            report.by_kind[kind].hit += 1
        elif keep_misses:
            said = gold.text[g.start : g.end][:70].replace("\n", " ")
            expected = " ".join(g.speaker or ())
            got = "; ".join(" ".join(min(h[1])) if h[1] else "-" for h in hits)
            report.misses.append(
                f"line {gold.line}: {kind} statement by {expected}: {said!r} -> {got or 'none'}"
            )
        for p in hits:
            if p[2] is not None:
                report.kind_agreement.total += 1
                report.kind_agreement.hit += p[2] == g.direct
    for span, who, _ in predicted:
        matches = [g for g in attributed if overlap((g.start, g.end), span)]
        if matches:
            report.speaker_precision.total += 1
            report.speaker_precision.hit += any(g.speaker in who for g in matches)


def score_pfsa(
    path: Path | str,
    limit: int | None = None,
    keep_misses: bool = False,
    progress: Callable[[int], None] | None = None,
) -> PfsaReport:
    """Rebuild, extract and score the articles of one PFSA-ID file (the first ``limit``).

    >>> from kg.config import PROJECT_DIR
    >>> report = score_pfsa(PROJECT_DIR / "tests" / "data" / "pfsa" / "tiny.txt")
    >>> report.articles, str(report.person_recall)
    (2, '1.000 (3/3)')
    """
    report = PfsaReport()
    for n, gold in enumerate(read_pfsa(path)):
        if limit is not None and n >= limit:
            break
        article = Article(text=gold.text, language="id", origin=f"{path}:{gold.line}")
        _score(gold, extract(article), report, keep_misses)
        report.articles += 1
        if progress is not None:
            progress(1)
    return report
