"""The filters of each list, declared once and shared by its list, facet and export endpoints.

Each ``*_filters`` function is a FastAPI dependency returning the given
filters as a dict for the store, so ``/api/events``, ``/api/facets/events``
and ``/api/export/events`` read the same parameters the same way.
DOCS: docs/api.md
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query

from .common import Since, Text, Until

Who = Annotated[str | None, Query(max_length=200, description="Actor name, alias or id")]
Country = Annotated[str | None, Query(max_length=60, description="ISO alpha-3 country code (IRN)")]
Code = Annotated[str | None, Query(max_length=16, description="PLOVER type (e.g. CONSULT) or CAMEO code (e.g. 040)")]
Outlet = Annotated[str | None, Query(max_length=300, description="Outlet name, exactly")]
Sort = Annotated[str | None, Query(max_length=20, pattern="^-?[a-z_]+$",
                                   description="Column to sort by; a leading - sorts descending")]
Kind = Literal["person", "organization", "country", "group"]


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def event_filters(
    actor: Who = None, recipient: Who = None, country: Country = None, type: Code = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal coop. .. 4 material conflict")] = None,
    since: Since = None, until: Until = None, search: Text = None, outlet: Outlet = None,
    in_caption: bool | None = None, negated: bool | None = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name, exactly (as /api/places gives it)")] = None,
    reports: Annotated[bool, Query(description="Every report apart, not one row per event of a story")] = False,
) -> dict[str, Any]:
    """Events: sides, country of either side, type, quad class, dates, text, outlet, flags."""
    out = _given(actor=actor, recipient=recipient, country=country, type=type, quad_class=quad_class,
                 since=since, until=until, search=search, outlet=outlet, in_caption=in_caption,
                 negated=negated, article_id=article_id, place=place)
    out["mentions"] = reports
    return out


def article_filters(search: Text = None, outlet: Outlet = None, since: Since = None, until: Until = None,
                    actor: Who = None, country: Country = None, type: Code = None) -> dict[str, Any]:
    """Articles: full text, outlet, dates, an actor or a country's actors mentioned, an event type."""
    return _given(search=search, outlet=outlet, since=since, until=until, actor=actor, country=country,
                  type=type)


def actor_filters(name: Text = None, country: Country = None, kind: Kind | None = None,
                  sector: Annotated[str | None, Query(max_length=8, description="Sector code, e.g. GOV")] = None,
                  outlet: Outlet = None, since: Since = None, until: Until = None) -> dict[str, Any]:
    """Actors: name or alias, country, kind, sector; mentioned by an outlet or between dates."""
    return _given(name=name, country=country, kind=kind, sector=sector, outlet=outlet, since=since,
                  until=until)


def quote_filters(speaker: Who = None, since: Since = None, until: Until = None, search: Text = None,
                  article_id: Annotated[str | None, Query(max_length=64)] = None, outlet: Outlet = None,
                  country: Country = None,
                  kind: Literal["direct", "partial", "indirect"] | None = None) -> dict[str, Any]:
    """Quotes: speaker (or the speaker's country), dates, words, article, outlet, kind."""
    return _given(speaker=speaker, since=since, until=until, search=search, article_id=article_id,
                  outlet=outlet, country=country, kind=kind)


def story_filters(since: Since = None, until: Until = None, outlet: Outlet = None,
                  type: Code = None) -> dict[str, Any]:
    """Stories: dates, an article from the outlet, an event of the type."""
    return _given(since=since, until=until, outlet=outlet, type=type)


FILTERS = {"events": event_filters, "articles": article_filters, "actors": actor_filters,
           "quotes": quote_filters, "stories": story_filters}
