"""Find mentions in a sentence: places, titles (with the post they describe), people.

One module per kind of mention, each with one entry point, run in this order by
:func:`~kg.extract.mentions.sentence.analyse_sentence`:

- :mod:`~kg.extract.mentions.places`: :func:`find_places`, gazetteer names with their cues;
- :mod:`~kg.extract.mentions.titles`: :func:`find_titles`, titles and their holders (the
  long titles of other officials in :mod:`~kg.extract.mentions.officials`);
- :mod:`~kg.extract.mentions.persons`: :func:`find_persons`, people named in a context that
  says so; :func:`find_known_persons` and :func:`expand_short_names` are the article-wide
  second pass.

:mod:`~kg.extract.mentions.names` holds where a name starts and ends, shared by the three;
:mod:`~kg.extract.mentions.model` the mention types. Organisations and companies are found by
:mod:`kg.extract.orgs`. All cue words come from the lexicon (``data/lexicon/<lang>/``);
places come from the gazetteer. A person is only recognised in a context that says so (next
to a title, after an honorific, next to a speech verb) or, in a second pass, when the name
was already recognised elsewhere in the article.
"""

from kg.extract.mentions.model import PersonMention, PlaceMention, SentenceMentions, TitleMention
from kg.extract.mentions.persons import expand_short_names, find_known_persons, find_persons
from kg.extract.mentions.places import find_places
from kg.extract.mentions.sentence import analyse_sentence
from kg.extract.mentions.titles import find_titles

__all__ = [
    "PersonMention",
    "PlaceMention",
    "SentenceMentions",
    "TitleMention",
    "analyse_sentence",
    "expand_short_names",
    "find_known_persons",
    "find_persons",
    "find_places",
    "find_titles",
]
