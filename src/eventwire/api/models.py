"""Response models: what the OpenAPI schema promises each endpoint returns.

Models are open (extra fields pass through), so a store that grows a column
never breaks an answer; the listed fields are the documented ones.
DOCS: docs/api.md
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    code: str = Field(description="Stable eventwire error code (E5xx for the API, E303 for a missing id).")
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    error: ErrorBody


class ActorRef(Open):
    id: str
    name: str
    country: str | None = None
    kind: str | None = None


class ArticleSummary(Open):
    id: str
    title: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    tokens: int = 0


class Mention(Open):
    article_id: str
    start: int
    end: int
    sentence: int
    text: str
    actor_id: str


class Event(Open):
    id: str
    article_id: str
    sentence: int
    start: int
    end: int
    evidence: str
    trigger: str
    cameo: str
    plover: str
    mode: str | None = None
    contexts: list[str] = []
    quad_class: int
    goldstein: float
    actors: list[ActorRef]
    recipients: list[ActorRef]
    location: dict[str, Any] | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    reported_by: ActorRef | None = None
    speaker: ActorRef | None = None
    negated: bool = False
    hypothetical: bool = False
    hedged: bool = False
    in_caption: bool = False
    symmetric: bool = False
    background: bool = False
    confidence: float = 0.0
    title: str | None = None
    num_mentions: int = 1
    num_articles: int = 1
    num_sources: int = 1


class Quote(Open):
    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker_id: str | None = None
    speaker: ActorRef | None = None
    cue: str | None = None
    reported_by: str | None = None
    title: str | None = None
    published: str | None = None


class Actor(Open):
    id: str
    name: str
    kind: str
    country: str | None = None
    sectors: list[str] = []
    roles: list[str] = []
    aliases: list[str] = []
    mentions: int = 0
    articles: int = 0


class ActorDetail(Actor):
    external_ids: dict[str, Any] = {}
    events: list[Event]
    quotes: list[Quote]


class Section(BaseModel):
    kind: str = Field(description="title, standfirst, body or caption")
    start: int
    end: int
    index: int


class ArticleDetail(ArticleSummary):
    standfirst: str | None = None
    text: str = Field(description="The laid-out text every span indexes into.")
    sections: list[Section]
    paragraphs: list[str]
    captions: list[str]
    credits: list[str]
    sentences: list[list[int]]
    mentions: list[Mention]
    events: list[Event]
    quotes: list[Quote]
    actors: list[ActorRef]


class Month(BaseModel):
    month: str
    q1: int
    q2: int
    q3: int
    q4: int


class Dyad(BaseModel):
    a: str
    b: str
    events: int
    months: list[Month]
    quad_classes: dict[str, int]
    balance: float | None = Field(description="(cooperation - conflict) / events, in [-1, 1].")
    items: list[Event]


class Edge(Open):
    source: str
    target: str
    plover: str
    quad_class: int | None = None
    count: int


class Network(BaseModel):
    nodes: list[ActorRef]
    edges: list[Edge]


class PlaceCount(Open):
    name: str | None = None
    country: str | None = None
    kind: str | None = None
    iso_numeric: str | None = None
    lat: float | None = None
    lon: float | None = None
    events: int
    q1: int = 0
    q2: int = 0
    q3: int = 0
    q4: int = 0


class SearchResults(BaseModel):
    query: str
    articles: list[ArticleSummary]
    actors: list[Actor]
    events: list[Event]


def page_model(item: type[BaseModel], name: str) -> type[BaseModel]:
    """A paginated list of ``item``: items, the cursor of the next page, the limit."""
    from pydantic import create_model

    return create_model(  # type: ignore[call-overload, no-any-return]
        name,
        items=(list[item], ...),  # type: ignore[valid-type]
        next_cursor=(str | None, Field(None, description="Pass as `cursor` for the next page; null at the end.")),
        limit=(int, ...),
    )


ArticlePage = page_model(ArticleSummary, "ArticlePage")
ActorPage = page_model(Actor, "ActorPage")
EventPage = page_model(Event, "EventPage")
QuotePage = page_model(Quote, "QuotePage")


class Story(Open):
    id: str
    articles: int
    outlets: int = Field(description="Outlets that carried the story's articles, republished copies included.")
    sources: int = 0
    first: str | None = None
    last: str | None = None
    title: str | None = None


class StoryPage(BaseModel):
    items: list[Story]
    next_cursor: str | None = None
    limit: int


class StoryEvent(Event):
    """One event of a story: its reports folded, or kept apart when they contradict."""

    disputed: bool = False
    dispute: list[str] = Field(default_factory=list, description="Why: negated (one report says it did not "
                               "happen), date (reports state different days).")
    reports: list[dict[str, Any]] = Field(default_factory=list,
                                          description="Each report: article, outlet, date, sentence_text, sides.")


class StoryOutlet(BaseModel):
    outlet: str
    articles: list[dict[str, Any]]


class SpeakerQuotes(BaseModel):
    speaker: ActorRef | None = None
    quotes: list[dict[str, Any]]


class StoryDetail(Open):
    id: str
    title: str | None = None
    first: str | None = None
    last: str | None = None
    num_articles: int = 0
    num_sources: int = 0
    outlets: list[StoryOutlet] = Field(default_factory=list, description="Each outlet with its articles (timeline).")
    articles: list[ArticleSummary]
    events: list[StoryEvent]
    speakers: list[SpeakerQuotes] = Field(default_factory=list, description="The story's quotes by speaker.")


class FacetValue(BaseModel):
    value: Any
    label: str
    count: int = Field(description="Rows of the list with this value added to its filters.")
    filter: dict[str, Any] = Field(description="The parameters that select this value (a month: since, until).")


class FacetResult(BaseModel):
    kind: str
    total: int = Field(description="Rows of the filtered list (events: each event of a story once).")
    facets: dict[str, list[FacetValue]]


class SeriesPoint(BaseModel):
    period: str = Field(description="First day of the week (a Monday) or month.")
    q1: int
    q2: int
    q3: int
    q4: int
