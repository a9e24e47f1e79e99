"""The HTTP API's routers, one module per resource, and their response models.

`ROUTERS` lists the read-only ones and `eventwire.web.create_app` serves them: ``articles``, ``actors``,
``events``, ``quotes``, ``summaries`` (dyad, network, places, counts),
``search``, ``basemap`` (land cells for the map) and ``views`` (facets,
series and streamed exports of every list); ``ingest`` (POST
/api/articles) only when the app is made writable. ``common`` holds the
store dependency, cursor pagination and the one JSON error shape;
``models`` the response models of the OpenAPI schema.
DOCS: docs/api.md
"""

from . import actors, articles, basemap, events, quotes, search, stories, summaries, views

ROUTERS = [articles.router, actors.router, events.router, quotes.router, stories.router,
           summaries.router, search.router, basemap.router, views.router]

__all__ = ["ROUTERS"]
