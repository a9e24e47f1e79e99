"""The records eventwire reads and writes: the only schema in the package.

Every stage takes and returns these; the store maps them to tables and the
shells print them. Ids are hashes of identity fields, so re-running the same
input upserts instead of duplicating.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SectionKind = Literal["title", "standfirst", "body", "caption"]
ActorKind = Literal["person", "organization", "country", "group"]
QuoteKind = Literal["direct", "partial", "indirect"]
Precision = Literal["day", "month", "year", "unknown"]

#: Paragraph separator used when an article is laid out as one text for spaCy.
SEPARATOR = "\n\n"


def stable_id(*parts: object, size: int = 16) -> str:
    """Hash the given identity fields into a short hex id."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:size]


def normalise_text(text: str) -> str:
    """Fold case, unicode form and whitespace, for hashing and matching."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


@dataclass(slots=True)
class Section:
    """A part of the article's laid-out text: [start, end) in characters."""

    kind: SectionKind
    start: int
    end: int
    index: int = 0


@dataclass(slots=True)
class Article:
    title: str
    paragraphs: list[str]
    url: str | None = None
    outlet: str | None = None
    standfirst: str | None = None
    published: date | None = None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    author: str | None = None
    language: str = "en"
    origin: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            body = normalise_text(" ".join([self.title, *self.paragraphs]))
            self.id = stable_id(body, self.url or "")

    @property
    def body(self) -> str:
        return SEPARATOR.join(self.paragraphs)

    def layout(self) -> tuple[str, list[Section]]:
        """The text handed to spaCy, and where each part of it lies.

        Order: title, standfirst, body paragraphs, then each distinct
        caption. Credits are never parsed: they name photographers and
        agencies, not actors.
        """
        parts: list[tuple[SectionKind, int, str]] = [("title", 0, self.title)]
        if self.standfirst:
            parts.append(("standfirst", 0, self.standfirst))
        parts += [("body", i, p) for i, p in enumerate(self.paragraphs)]
        parts += [("caption", i, c) for i, c in enumerate(self.captions)]
        pieces: list[str] = []
        sections: list[Section] = []
        offset = 0
        for kind, index, text in parts:
            if not text:
                continue
            if pieces:
                pieces.append(SEPARATOR)
                offset += len(SEPARATOR)
            pieces.append(text)
            sections.append(Section(kind, offset, offset + len(text), index))
            offset += len(text)
        return "".join(pieces), sections


@dataclass(slots=True)
class Actor:
    """Who: a person, organization, country or group.

    ``id`` is stable across articles: the dictionary key when the actor
    dictionary knows the actor, else a hash of kind, name and country.
    """

    name: str
    kind: ActorKind
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    external_ids: dict[str, str] = field(default_factory=dict)
    id: str = ""
    #: the country is only the article's home country (actors/home.py: no word, role or
    #: dictionary row gives it), a guess a country the text gives elsewhere overrides
    home: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            self.id = actor_id(self.kind, self.name, self.country)

    @property
    def names(self) -> list[str]:
        return [self.name, *[a for a in self.aliases if a != self.name]]


def actor_id(kind: str, name: str, country: str | None) -> str:
    return stable_id("actor", kind, normalise_text(name), country or "")


@dataclass(slots=True)
class Mention:
    article_id: str
    start: int
    end: int
    sentence: int
    text: str
    actor_id: str


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    kind: str = "city"  # country | admin1 | admin2 | city | region | landmark
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None


@dataclass(slots=True)
class DateValue:
    value: date | None
    precision: Precision = "unknown"
    text: str = ""
    inferred: bool = False

    def iso(self) -> str | None:
        """The date at its precision: YYYY-MM-DD, YYYY-MM or YYYY."""
        if self.value is None or self.precision == "unknown":
            return None
        iso = self.value.isoformat()
        return {"day": iso, "month": iso[:7], "year": iso[:4]}[self.precision]


@dataclass(slots=True)
class Event:
    article_id: str
    sentence: int
    start: int
    end: int
    evidence: str
    trigger: str
    cameo: str
    plover: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    quad_class: int = 0
    goldstein: float = 0.0
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location: Place | None = None
    date: DateValue | None = None
    reported_by: str | None = None
    speaker: str | None = None
    negated: bool = False
    hypothetical: bool = False
    hedged: bool = False
    in_caption: bool = False
    #: the parties act on each other ("X and Y met": X with Y); sides may be read either way
    symmetric: bool = False
    #: an event of a past year that the article only recalls (lists and charts may leave it out)
    background: bool = False
    confidence: float = 0.5
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("event", self.article_id, self.start, self.end, self.cameo)


@dataclass(slots=True)
class Quote:
    article_id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker_id: str | None = None
    cue: str | None = None
    reported_by: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("quote", self.article_id, self.start, self.end)


@dataclass(slots=True)
class Skip:
    """Input that could not be read: a stable code and a one-line reason."""

    source: str
    code: str
    message: str
    line: int | None = None
    id: str = ""

    def __post_init__(self) -> None:
        self.message = " ".join(str(self.message).split())  # one line, whatever a library said
        if not self.id:
            self.id = stable_id("skip", self.source, self.line, self.code)


@dataclass(slots=True)
class Fingerprint:
    """What story linking compares: salient names and content words, each with its weight.

    ``names`` holds actor ids (``a:<id>``) and the names no actor covers
    (``e:<folded text>``); ``words`` content lemmas. Weights count mentions,
    those in the title counting more (see `eventwire.stories.similarity`).
    """

    names: dict[str, float] = field(default_factory=dict)
    words: dict[str, float] = field(default_factory=dict)

    def keys(self) -> list[str]:
        """The lookup keys of the article's names (candidates share one of them)."""
        return [f"n:{n}" for n in self.names]

    @classmethod
    def of(cls, data: dict[str, Any] | None) -> Fingerprint:
        """A fingerprint from its stored form (older stores kept plain lists: weight 1 each)."""
        data = data or {}

        def weights(value: Any) -> dict[str, float]:
            return dict(value) if isinstance(value, dict) else {str(k): 1.0 for k in value or []}

        return cls(names=weights(data.get("names")), words=weights(data.get("words")))


@dataclass(slots=True)
class Reading:
    """Everything eventwire found in one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: (start, end) char span of each sentence in ``article.layout()[0]``; Event.sentence indexes it
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: int = 0
    #: salient names and words, for story grouping
    fingerprint: Fingerprint | None = None

    def actor(self, actor_id: str) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def to_dict(record: Any) -> Any:
    """A JSON-ready view of any record (dates as ISO strings)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, date):
        return record.isoformat()
    if isinstance(record, list | tuple):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def reading_from_dict(data: dict[str, Any]) -> Reading:
    """The inverse of `to_dict` for a Reading (batch output back to records)."""
    a = dict(data["article"])
    a["published"] = _date(a.get("published"))
    events = []
    for raw in data.get("events", []):
        e = dict(raw)
        e["location"] = Place(**e["location"]) if e.get("location") else None
        if e.get("date"):
            e["date"] = DateValue(**{**e["date"], "value": _date(e["date"].get("value"))})
        events.append(Event(**e))
    fingerprint = data.get("fingerprint")
    if isinstance(fingerprint, dict):
        fingerprint = Fingerprint.of(fingerprint)
    return Reading(
        article=Article(**a),
        actors=[Actor(**x) for x in data.get("actors", [])],
        mentions=[Mention(**x) for x in data.get("mentions", [])],
        events=events,
        quotes=[Quote(**x) for x in data.get("quotes", [])],
        sentences=[tuple(x) for x in data.get("sentences", [])],
        tokens=data.get("tokens", 0),
        fingerprint=fingerprint,
    )
