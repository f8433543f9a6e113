"""Events (meetings, visits, signings, invitations) with date, place and participants.

An event cue outside a quotation opens an event unless it refers back to one ("pertemuan
tersebut", "the meeting", a cue with no date of its own when an event of that kind exists);
a referring sentence adds its people to the event it refers to. Of several new cues in one
sentence the first of ``priority`` wins (a courtesy visit that is a meeting is a Meeting).
Cues after a future marker ("akan", "will", "untuk melakukan") are plans, not events.

Date: the sentence's own date, else its paragraph's, else the article's first date for the
first event; approximate dates ("pekan lalu") only when nothing better exists. Place: the most
specific place after a venue word (``venue_words`` of ``events.json``), else in the sentence,
else the dateline; a country is narrowed to a city of that country where another event of
the article happened.

Keys are deterministic (type, date, place), so one meeting reported twice is one node.

The modules: :mod:`~kg.extract.events.build` (the entry point, :func:`add_events`),
:mod:`~kg.extract.events.scene` (date, place, reference, future),
:mod:`~kg.extract.events.invitations` (who invites whom), :mod:`~kg.extract.events.emit`
(keys and nodes) and :mod:`~kg.extract.events.model` (:class:`Event`).
"""

from kg.extract.events.build import add_events
from kg.extract.events.model import Event

__all__ = ["Event", "add_events"]
