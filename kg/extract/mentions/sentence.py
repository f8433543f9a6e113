"""One sentence's mentions: the entry point that runs places, titles and people in order."""

from __future__ import annotations

from kg.extract.mentions.model import SentenceMentions
from kg.extract.mentions.persons import find_persons
from kg.extract.mentions.places import find_places
from kg.extract.mentions.titles import find_titles
from kg.extract.sentences import Sentence
from kg.language.lexicon import lexicon
from kg.language.tokens import tokenize
from kg.resolve.gazetteer import gazetteer

_MAX_SENTENCE = 3000


def analyse_sentence(sentence: Sentence, lang: str) -> SentenceMentions:
    """Places, titles with their posts, and people of one sentence."""
    lex = lexicon(lang)
    # a "sentence" longer than this is not prose; only its start is read
    tokens = tokenize(sentence.text[:_MAX_SENTENCE], sentence.start)
    sm = SentenceMentions(sentence, tokens, [t.norm for t in tokens])
    find_places(sm, lex, gazetteer())
    find_titles(sm, lex)
    find_persons(sm, lex)
    # a place name inside a person's name is part of the name
    sm.places = [
        p for p in sm.places if not any(q.start < p.end and p.start < q.end for q in sm.persons)
    ]
    return sm
