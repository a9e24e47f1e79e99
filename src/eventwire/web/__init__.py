"""The HTTP API's routers, one module per resource, and their response models.

`eventwire.api.create_app` assembles them: ``articles``, ``actors``,
``events``, ``quotes``, ``summaries`` (dyad, network, places, counts),
``search`` and ``basemap`` (land cells for the map); ``ingest`` (POST
/api/articles) only when the app is made writable. ``common`` holds the
store dependency, cursor pagination and the one JSON error shape;
``models`` the response models of the OpenAPI schema.
DOCS: docs/api.md
"""
