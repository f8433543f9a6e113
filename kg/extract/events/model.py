"""An event while it is being read: kind, sentence, date, place, participants, evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.extract.model import Evidence
from kg.extract.sentences import Sentence
from kg.resolve.gazetteer import Place

_SPECIFIC = {"City": 0, "Province": 1, "Country": 2}
_NEAR = 3  # tokens between an event word and a determiner that makes it a reference
_LIST_OPENING = 4  # tokens before an attendance cue that opens a list of attendees


@dataclass(slots=True)
class Event:
    kind: str
    sentence: Sentence
    date: date | None = None
    approximate: bool = False
    place: Place | None = None
    participants: list[str] = field(default_factory=list)  # node keys
    evidence: list[Evidence] = field(default_factory=list)
    inviter: str | None = None
    invitee: str | None = None
    concerns: list[str] = field(default_factory=list)

    def add_participant(self, key: str) -> None:
        if key not in self.participants:
            self.participants.append(key)
