"""/api/stories: articles about one happening across outlets, and their events counted once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, get_store, paginate
from .filters import Sort, story_filters
from .models import StoryDetail, StoryPage

router = APIRouter(prefix="/api/stories", tags=["stories"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=StoryPage, summary="List stories, largest first")
def list_stories(store: Store, filters: Annotated[dict[str, Any], Depends(story_filters)],
                 sort: Sort = None, limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """Stories with their number of articles and outlets and first and last publication dates;
    ``sort`` by articles, outlets, first, last or title (facets and exports: /api/facets/stories,
    /api/export/stories)."""
    return paginate(store.stories, limit=limit, cursor=cursor, sort=sort, **filters)


@router.get("/{story_id}", response_model=StoryDetail, summary="One story: its articles and events")
def get_story(store: Store, story_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """The story's articles by time and outlet, and its events once each, with every report
    (article, sentence, outlet, date) that carries them in ``sources``."""
    return store.story(story_id)
