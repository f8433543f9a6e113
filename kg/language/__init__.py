"""Language knowledge below extraction and resolution: tokens, phrase tables, lexicons.

``kg.extract`` and ``kg.resolve`` both read words through this package; it imports neither,
so every import arrow points down (extract -> resolve -> language).
"""

from kg.language.lexicon import LEXICON_DIR, SUPPORTED, Lexicon, lexicon, load_lexicon, role_info
from kg.language.phrases import PhraseTable
from kg.language.tokens import Token, fold, norm_words, tokenize

__all__ = [
    "LEXICON_DIR",
    "SUPPORTED",
    "Lexicon",
    "PhraseTable",
    "Token",
    "fold",
    "lexicon",
    "load_lexicon",
    "norm_words",
    "role_info",
    "tokenize",
]
