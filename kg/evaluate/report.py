"""Precision, recall and F1 per category, and the report that prints them."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CATEGORIES", "Report", "Score"]

CATEGORIES = (
    "persons",
    "posts",
    "places",
    "companies",
    "agreements",
    "events",
    "invitations",
    "quote speakers",
    "indirect speakers",
    "identity",
)
_PLACE_KINDS = ("City", "Province", "Country")


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives of one category.

    >>> Score(tp=3, fp=1, fn=0)
    Score(tp=3, fp=1, fn=0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted.

        >>> Score(tp=3, fp=1).precision
        0.75
        """
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected.

        >>> Score(tp=3, fn=3).recall
        0.5
        """
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall.

        >>> round(Score(tp=3, fp=1, fn=0).f1, 3)
        0.857
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    """Per-category scores, the micro average, and the mismatches per article.

    >>> report = Report(scores={"people": Score(tp=3, fp=1), "places": Score(tp=2, fn=2)})
    >>> report.micro
    Score(tp=5, fp=1, fn=2)
    """

    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    errors: dict[str, list[str]] = field(default_factory=dict)
    articles: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Score:
        """The scores of every category added up.

        >>> Report(scores={"a": Score(tp=1), "b": Score(fn=1)}).micro
        Score(tp=1, fp=0, fn=1)
        """
        total = Score()
        for s in self.scores.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total

    def format_table(self) -> str:
        """The scores as a plain-text table.

        >>> print(Report(scores={"people": Score(tp=3, fp=1)}, articles=1).format_table())
        category            tp    fp    fn      P      R     F1
        people               3     1     0  0.750  1.000  0.857
        micro overall        3     1     0  0.750  1.000  0.857
        (1 articles)
        """
        rows = [f"{'category':16} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for name, s in [*self.scores.items(), ("micro overall", self.micro)]:
            rows.append(
                f"{name:16} {s.tp:5d} {s.fp:5d} {s.fn:5d} "
                f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            )
        skipped = f", skipped {len(self.skipped)}" if self.skipped else ""
        rows.append(f"({self.articles} articles{skipped})")
        return "\n".join(rows)
