"""Compare :func:`kg.extract.extract` with the gold annotations of ``data/gold/``.

Categories follow ``docs/gold-format.md``: persons, posts, places, companies, agreements,
events, invitations, quote speakers (direct quotes), indirect speakers (reported speech,
scored in articles whose gold gives each quote a ``kind``), identity. Names match after
normalisation (casefold, accents and punctuation stripped; companies also lose legal forms
such as PT, Tbk, Co., Ltd., Group); gold place names are resolved through the gazetteer, so
"North Sumatra" matches the node of "Sumatera Utara".

>>> Score(tp=9, fp=1, fn=0).f1
0.947...
"""

from kg.evaluate.normalise import norm, norm_company, place_key
from kg.evaluate.reading import read_article
from kg.evaluate.report import CATEGORIES, Report, Score
from kg.evaluate.score import _score_article, evaluate

__all__ = [
    "CATEGORIES",
    "Report",
    "Score",
    "_score_article",
    "evaluate",
    "norm",
    "norm_company",
    "place_key",
    "read_article",
]
