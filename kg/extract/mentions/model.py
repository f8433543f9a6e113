"""The mentions found in one sentence: places, people, titles with the post they describe."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.sentences import Sentence
from kg.language.tokens import Token
from kg.resolve.gazetteer import Place


@dataclass(slots=True)
class PlaceMention:
    place: Place
    start: int  # token index
    end: int
    surface: str
    cue: bool = False


@dataclass(slots=True)
class PersonMention:
    name: str  # canonical, without honorifics
    surface: str
    start: int
    end: int
    how: str  # title | speech | honorific | known
    rank: str = ""  # "AKBP", "Komisaris Besar": kept off the name


@dataclass(slots=True)
class TitleMention:
    """A title and what the text says around it: the post and maybe its holder."""

    role: str
    title: str
    start: int
    end: int  # end of the title and its complement
    jurisdiction: Place | None = None
    represents: Place | None = None
    based_in: Place | None = None
    accredited_to: Place | None = None
    holder: PersonMention | None = None
    organisation: str = ""  # "Kepolisian Sektor Tamansari": the body the post is in
    acting: bool = False  # Plt., Pj., Pjs.: the holder acts in the post


@dataclass(slots=True)
class SentenceMentions:
    sentence: Sentence
    tokens: list[Token]
    words: list[str]
    places: list[PlaceMention] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    persons: list[PersonMention] = field(default_factory=list)
    generic: list[tuple[str, int, int]] = field(default_factory=list)  # "Pak Wali"

    def place_at(self, i: int) -> PlaceMention | None:
        for pm in self.places:
            if pm.start == i:
                return pm
        return None

    def place_ending(self, i: int) -> PlaceMention | None:
        for pm in self.places:
            if pm.end == i:
                return pm
        return None

    def text(self, start: int, end: int) -> str:
        off = self.sentence.start
        return self.sentence.text[self.tokens[start].start - off : self.tokens[end - 1].end - off]
