"""Statements: direct quotes in any quote style, and reported (indirect) speech, with speakers.

**Direct.** A quotation is text between quote marks within one paragraph: “…”, "…", «…», „…“,
the Indonesian ”…” (Kompas opens with a closing mark), and ‘…’ or '…' of at least
``_MIN_WORDS`` words (shorter ones are scare quotes or names). A quote left open at the end of a
paragraph continues into the next one (the English convention for long quotes). Its speaker is,
in order: the person named in the attribution after it (``," ujar Amsakar``, ``," Zhang said``,
``,” kata Roland kepada wartawan``); the person before a speech verb preceding it in its sentence
(``Zhang said: "``); for a pronoun attribution (``katanya``, ``he said``) or none, the speaker of
the quote just before (a split or continued quote) or else the last person named outside quotes.

**Indirect.** A sentence without quote marks that reports speech: ``X mengatakan, …``,
``X said (that) …``, ``Menurut X, …``, ``According to X, …``, ``…, kata X.``, ``…, he said.``;
the reported words run to the end of the sentence and must be at least ``_MIN_WORDS`` words.

Each statement is a ``Statement`` node with ``schema:text``, ``bkg:cue`` (the cue as written, if
any), ``bkg:spanStart``/``bkg:spanEnd`` (character offsets of the words in the article) and an
edge ``bkg:speechMode`` to ``bkg:DirectSpeech`` or ``bkg:IndirectSpeech``.

Modules: :mod:`~kg.extract.statements.direct` (quotations and their speakers),
:mod:`~kg.extract.statements.indirect` (reported speech), :mod:`~kg.extract.statements.build`
(the ``statements`` stage, :func:`add_statements`).
"""

from kg.extract.statements.build import add_statements
from kg.extract.statements.direct import Quote, find_quotes

__all__ = ["Quote", "add_statements", "find_quotes"]
