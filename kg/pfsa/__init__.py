"""Score the extractor on PFSA-ID, a corpus of Kompas news annotated with statement attributions.

PFSA-ID (Purnomo et al., 2022/2024; CC BY-NC-SA) is distributed as tokens with BILOU tags
(``PERSON``, ``PERSONCOREF``, ``ROLE``, ``AFFILIATION``, ``STATEMENT``, ``CUE`` ...), one token
and tag per line, sentences separated by a blank line. This module reads a local copy, rebuilds
each article's text from its tokens, runs :func:`kg.extract.extract` on it and scores:

- **persons**: recall of the annotated people; a person is found when a predicted person's
  name has the same words as the annotated name without its rank or honorific
  ("Komisaris Besar Yusri Yunus" -> "Yusri Yunus");
- **person-title pairs**: an annotated ``ROLE`` next to a ``PERSON`` ("Kepala Bidang Humas
  Polda Metro Jaya Kombes Yusri Yunus") is found when that person holds a post whose title
  starts with the role's words, or whose core role (Mayor, Governor...) the role names;
- **statement attribution**: each annotated ``STATEMENT`` span with its speaker (the nearest
  ``PERSON`` of its sentences, a ``PERSONCOREF`` resolved to the person it names, else the speaker
  of the statement before); a predicted statement overlapping it counts when its speaker is that
  person. PFSA-ID annotates only the statements of public figures, so precision is measured on
  the predicted statements that overlap an annotated one. Direct (quoted) and indirect statements
  are also scored apart.

The corpus text is never stored by this project: only the figures are committed.

>>> tok = [("Kata", "O"), ("Budi", "B-PERSON"), ("Santoso", "L-PERSON"), (".", "O")]
>>> spans(tok)
[Span(label='PERSON', start=1, end=3)]
>>> detokenize(["Ia", "datang", "(", "21", "/", "2", "/", "2022", ")", "."])
'Ia datang (21/2/2022).'
"""

from kg.pfsa.corpus import (
    GoldArticle,
    GoldStatement,
    Span,
    count_articles,
    detokenize,
    name_words,
    read_pfsa,
    spans,
)
from kg.pfsa.score import PfsaReport, score_pfsa

__all__ = [
    "GoldArticle",
    "GoldStatement",
    "PfsaReport",
    "Span",
    "count_articles",
    "detokenize",
    "name_words",
    "read_pfsa",
    "score_pfsa",
    "spans",
]
