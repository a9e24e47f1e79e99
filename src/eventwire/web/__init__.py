"""The HTTP API's routers, one module per resource, and their response models.

`eventwire.api.create_app` assembles them: ``articles``, ``actors``,
``events``, ``quotes``, ``summaries`` (dyad, network, places, counts) and
``search``; ``common`` holds the store dependency, cursor pagination and
the one JSON error shape. Every route is a GET over `SQLStore` reads.
DOCS: docs/api.md
"""
