"""What every router shares: the store, cursor pagination and the error shape.

Cursors are opaque to clients (the next offset in base 36), so the paging
scheme can change without breaking anyone holding a link.
DOCS: docs/api.md
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request
from pydantic import BeforeValidator

from ..errors import EventwireError
from ..store import SQLStore
from .models import ErrorResponse

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such id or page."},
    422: {"model": ErrorResponse, "description": "Invalid parameters."},
    500: {"model": ErrorResponse, "description": "Server error (never a traceback)."},
}

Text = Annotated[str | None, Query(max_length=200)]


def _iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic alone would read ``since=0`` as a Unix time."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


Since = Annotated[date | None, BeforeValidator(_iso_day), Query(description="From this date (YYYY-MM-DD), inclusive.")]
Until = Annotated[date | None, BeforeValidator(_iso_day), Query(description="Up to this date (YYYY-MM-DD), inclusive.")]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
Cursor = Annotated[str | None, Query(pattern="^[0-9a-z]{1,8}$", description="`next_cursor` of the previous page.")]


def get_store(request: Request) -> SQLStore:
    """The app's store (opened once in `create_app`)."""
    store: SQLStore = request.app.state.store
    return store


def encode_cursor(offset: int) -> str:
    """The cursor of the page starting at ``offset`` (base 36, opaque to clients)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        offset, rest = divmod(offset, 36)
        out = digits[rest] + out
        if not offset:
            return out


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; one that is not base 36 is a 422 (E501)."""
    if not cursor:
        return 0
    try:
        return int(cursor, 36)
    except ValueError:
        raise EventwireError("E501", detail=f"cursor {cursor!r} is not one this API gave out") from None


def paginate(read: Callable[..., list[dict[str, Any]]], *, limit: int, cursor: str | None,
             **filters: Any) -> dict[str, Any]:
    """One page from a store read: asks for one row more to know if a next page exists."""
    offset = decode_cursor(cursor)
    rows = read(limit=limit + 1, offset=offset, **filters)
    more = len(rows) > limit
    return {
        "items": rows[:limit],
        "next_cursor": encode_cursor(offset + limit) if more else None,
        "limit": limit,
    }


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one JSON error shape of every 4xx and 5xx answer."""
    return {"error": {"code": code, "message": message, "details": details or []}}
