"""rasd's one data model: frozen dataclasses with character offsets into the raw article text.

Like spaCy's Doc/Span, every annotation points back into ``Article.text`` by ``[start, end)`` offsets, and
normalised forms sit beside the raw text instead of replacing it.  Stages never mutate a Document: they return a
new one with ``dataclasses.replace``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rasd.text.normalize import Normalized

ZONES = ("headline", "subheadline", "caption", "body", "debris")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the raw article: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as it came in.  ``text`` is kept verbatim; every offset in rasd points into it."""

    id: str
    text: str
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    title_end: int | None = None  # for records with a separate title: the end of the headline in ``text``
    encoding_note: str | None = None


@dataclass(frozen=True, slots=True)
class Zone:
    """A part of the article: headline, sub-headline, photo caption, body paragraph or share-button debris."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    zone: str
    index: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A lexicon or pattern match in the raw text.

    ``kind`` is one of actor, trigger, place, number, date, modality, source, anaphor, aircraft, demonym,
    casualty, cue; ``label`` is the canonical value (actor name, sub-event type, gazetteer key, ...);
    ``data`` carries what the lexicon entry said about it.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str
    data: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.data:
            if k == key:
                return v
        return default

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    key: str
    name_en: str
    name_ar: str
    lat: float
    lon: float
    country: str
    iso: int | None
    admin1: str | None = None
    admin1_ar: str | None = None
    admin2: str | None = None
    admin2_ar: str | None = None
    geonameid: int | None = None
    feature: str = "P"  # GeoNames feature class: P populated place, A admin area, L/S/T/H landmarks
    population: int = 0


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as ACLED codes it."""

    name_ar: str | None
    name_en: str | None
    place: Place | None  # the gazetteer entry whose coordinates are used (the anchor for precision 2/3)
    geo_precision: int
    span: Span | None = None
    relation: str | None = None  # how the mention relates to ``place``: None, near, west-of, countryside, ...
    candidates: tuple[tuple[Place, float], ...] = ()  # other entries considered (not chosen), with scores
    entry: Place | None = None  # the entry the name itself denotes (a province, whose capital is ``place``)

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None


@dataclass(frozen=True, slots=True)
class EventDate:
    date: dt.date | None
    time_precision: int | None
    expression: str | None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    event_type: str
    sub_event_type: str
    actor1: str | None
    inter1: int | None
    location: Location
    date: EventDate
    fatalities: int = 0
    assoc_actor_1: tuple[str, ...] = ()
    actor2: str | None = None
    assoc_actor_2: tuple[str, ...] = ()
    inter2: int | None = None
    fatalities_note: str | None = None
    claim_sources: tuple[str, ...] = ()
    claim_source_text: str | None = None
    evidence: tuple[Evidence, ...] = ()
    zone: str = "body"
    sentence: int = 0
    control_change: tuple[tuple[str, str], ...] = ()  # (("to", actor), ("from", actor))
    # told only as a reference to an event reported elsewhere in the article («بعد السيطرة على المدينة» with no
    # actor): the merge stage keeps it only if it joins a full report
    restatement: bool = False
    extra_mentions: tuple[Span, ...] = field(default=())  # restatements merged into this event

    @property
    def interaction(self) -> int | None:
        codes = sorted(c for c in (self.inter1, self.inter2) if c)
        if not codes:
            return None
        if len(codes) == 1:
            return codes[0] * 10
        return codes[0] * 10 + codes[1]


@dataclass(frozen=True, slots=True)
class Document:
    """An article and everything the pipeline found in it."""

    article: Article
    normalized: Normalized | None = None  # the normalised text with its map back to ``article.text``
    zones: tuple[Zone, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    country: str | None = None  # the article's main country, inferred from its places and actors
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.article.text[start:end])

    def mentions_of(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]

    def zone_at(self, offset: int) -> str:
        for z in self.zones:
            if z.start <= offset < z.end:
                return z.kind
        return "body"
