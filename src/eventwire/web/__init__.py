"""The web server: `create_app(db)` serves the HTTP API and the web UI.

The API routers live in `eventwire.api`; the UI is the static files in
`eventwire/ui/`.
DOCS: docs/api.md
"""

from .app import create_app

__all__ = ["create_app"]
