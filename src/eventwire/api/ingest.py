"""POST /api/articles: read one article into the database (only with ``writable``).

Off by default: `create_app(db)` serves reads only. With
``create_app(db, writable=True)`` (``eventwire serve --writable``) this
route runs the pipeline on the posted article and stores its reading; the
model loads on the first post, and posts are read one at a time.
DOCS: docs/api.md
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..errors import MESSAGES, EventwireError, InputError
from ..records import Article, Skip
from ..store import SQLStore
from .common import ERRORS, error_body, get_store
from .models import ErrorResponse

router = APIRouter(prefix="/api", tags=["ingest"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]
_LOCK = threading.Lock()


class ArticleIn(BaseModel):
    """An article as `eventwire ingest` reads one; the only size limit is the body's (E108, 413)."""

    title: str = ""
    paragraphs: list[str] = Field(min_length=1)
    standfirst: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    captions: list[str] = Field(default_factory=list)
    credits: list[str] = Field(default_factory=list)


class IngestOut(BaseModel):
    id: str = Field(description="The article's id: GET /api/articles/{id}.")
    summary: dict[str, Any]


@router.post("/articles", response_model=IngestOut, status_code=201, summary="Read and store one article",
             responses={413: {"model": ErrorResponse, "description": "Body over the size cap (E108)."},
                        422: {"model": ErrorResponse, "description": "Invalid, or skipped as ingest "
                                                                     "would skip it (its skip code)."}})
def post_article(request: Request, store: Store, body: ArticleIn) -> dict[str, Any]:
    """Run the pipeline on the article and store its reading (re-posting changes nothing).

    The article meets the checks `eventwire ingest` applies (E113 too short, E107 not
    English, ...): one it would skip is stored as a skip and answered 422 with the skip's code.
    """
    from ..ingest.common import check
    from ..service import ingest

    paragraphs = [p for p in body.paragraphs if p.strip()]
    article = Article(title=body.title or (paragraphs[0][:120] if paragraphs else ""), paragraphs=paragraphs,
                      standfirst=body.standfirst, url=body.url, outlet=body.outlet, published=body.published,
                      captions=body.captions, credits=body.credits, origin="api")
    try:
        source: Article | Skip = check(article)
    except InputError as err:
        source = Skip("api", err.code, err.reason)
    with _LOCK:
        summary = ingest([source], pipeline=_pipeline(request), store=store)
    if summary.skips:
        code = next(iter(summary.skips))
        raise _Skipped(code, summary.skip_messages[code])
    return {"id": source.id if isinstance(source, Article) else article.id, "summary": summary.as_dict()}


class _Skipped(EventwireError):
    """A posted article that ingest would skip: its skip code and message, as a 422."""

    def __init__(self, code: str, message: str) -> None:
        Exception.__init__(self, f"[{code}] {message}")
        self.code, self.fields, self.reason = code, {}, message


class BodyLimit:
    """ASGI middleware: a POST body over ``max_bytes`` is answered 413 (E108) before it is parsed,
    whether it says its length or streams in chunks."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        size = int(declared) if declared.isdigit() else 0
        chunks: list[bytes] = []
        more = True
        while more and size <= self.max_bytes:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
            size = max(size, sum(map(len, chunks)))
        if size > self.max_bytes:
            await _too_large(send, size, self.max_bytes)
            return
        body = b"".join(chunks)

        async def replay() -> dict[str, Any]:
            nonlocal body
            message, body = {"type": "http.request", "body": body, "more_body": False}, b""
            return message

        await self.app(scope, replay, send)


async def _too_large(send: Any, size: int, cap: int) -> None:
    import json

    payload = json.dumps(error_body("E108", MESSAGES["E108"].format(size=size, cap=cap))).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})


def _pipeline(request: Request) -> Any:
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from ..pipeline import Pipeline

        state.pipeline = Pipeline()
    return state.pipeline
