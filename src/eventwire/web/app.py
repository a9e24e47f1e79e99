"""The HTTP API and web UI: `create_app(db)` returns the FastAPI app.

Routers live in `eventwire.api` (one module per resource); the UI is the
static files in `eventwire/ui/`, served from ``/`` and ``/ui/``. Every route
is read-only unless the app is made ``writable`` (POST /api/articles); every 4xx/5xx answer has one JSON shape,
``{"error": {"code", "message", "details"}}``, and never a traceback.
DOCS: docs/api.md
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from ..api import ROUTERS
from ..api.common import error_body
from ..errors import MESSAGES, EventwireError
from ..store import open_store

log = logging.getLogger(__name__)

UI_DIR = Path(__file__).parent.parent / "ui"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def create_app(db: str | None = None, *, writable: bool = False, pipeline: Any = None,
               max_bytes: int | None = None, cache: bool = False, warm: bool = False) -> Any:
    """The app over the database ``db`` (path, URL, ``:memory:`` or $EVENTWIRE_DB).

    Read-only unless ``writable``, which adds POST /api/articles (using
    ``pipeline``, or a `Pipeline` built on the first post), with bodies up to ``max_bytes``
    (default: the ``ingest.max_bytes`` setting). With ``cache`` (as `eventwire serve` runs it),
    answers are kept until the database changes (`eventwire.api.cache`). ``warm`` counts
    every list's facets in a background thread at once, so the first visitor
    of a big database does not wait for them (`eventwire serve` does).
    """
    app = FastAPI(
        title="eventwire", version=_version(), docs_url=None, redoc_url=None,
        description="Who did what to whom, when, where and on whose word: read-only API "
                    "over an eventwire database. Lists are paginated with `limit` and `cursor`.",
    )
    app.state.store = open_store(db)
    app.state.pipeline = pipeline
    for router in ROUTERS:
        app.include_router(router)
    if writable:
        from ..api import ingest
        from ..settings import load

        app.include_router(ingest.router)
        app.add_middleware(ingest.BodyLimit, max_bytes=max_bytes or load()["ingest.max_bytes"])
    _add_error_handlers(app)
    _add_ui(app)
    app.middleware("http")(_security_headers)
    if warm:
        from ..api.views import warm_up

        threading.Thread(target=warm_up, args=(app.state.store,), daemon=True, name="facets").start()
    if cache:
        from ..api.cache import ResponseCache

        app.add_middleware(ResponseCache, store=app.state.store)  # outermost: keeps answers with their headers
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "0"


def _error(status: int, code: str, details: list[dict[str, Any]] | None = None, **fields: Any) -> JSONResponse:
    return JSONResponse(error_body(code, MESSAGES[code].format(**fields), details), status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        errors = exc.errors() if isinstance(exc, RequestValidationError) else []
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                    "type": str(e.get("type", ""))} for e in errors]
        where = ", ".join(".".join(d["loc"]) for d in details) or "parameters"
        return _error(422, "E501", details, detail=f"bad value for {where}")

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        if status == 404:
            return _error(404, "E502", path=request.url.path)
        if status == 405:
            return _error(405, "E503", method=request.method)
        return _error(status, "E501", detail=str(getattr(exc, "detail", "")))

    async def library_error(_request: Request, exc: Exception) -> JSONResponse:
        code = exc.code if isinstance(exc, EventwireError) else "E504"
        reason = exc.reason if isinstance(exc, EventwireError) else ""
        status = 404 if code == "E303" else 413 if code == "E108" else 500 if code.startswith("E3") else 422
        if status == 500:
            log.error("store error: %s", exc)
        return JSONResponse(error_body(code, reason), status_code=status)

    async def crash(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s", type(exc).__name__, exc_info=exc)
        return _error(500, "E504", kind=type(exc).__name__)

    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(EventwireError, library_error)
    app.add_exception_handler(Exception, crash)


def _add_ui(app: FastAPI) -> None:
    app.mount("/ui", StaticFiles(directory=UI_DIR), name="ui")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(UI_DIR / "index.html")


async def _security_headers(request: Request, call_next: Any) -> Any:
    if "\x00" in request.url.path or "%00" in request.url.query.lower() or "\x00" in request.url.query:
        # no database stores NUL in text (PostgreSQL refuses it): a coded 422, not a 500
        response = _error(422, "E501", detail="a parameter holds a NUL character")
    else:
        response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
