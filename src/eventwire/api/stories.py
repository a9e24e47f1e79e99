"""/api/stories: articles about one happening across outlets, and their events counted once."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from ..store import SQLStore
from .common import ERRORS, Cursor, Limit, Since, Until, get_store, paginate
from .models import StoryDetail, StoryPage

router = APIRouter(prefix="/api/stories", tags=["stories"], responses=ERRORS)
Store = Annotated[SQLStore, Depends(get_store)]


@router.get("", response_model=StoryPage, summary="List stories, largest first")
def list_stories(store: Store, since: Since = None, until: Until = None, limit: Limit = 50,
                 cursor: Cursor = None) -> dict[str, Any]:
    """Stories with their number of articles and outlets and first and last publication dates."""
    return paginate(store.stories, limit=limit, cursor=cursor, since=since, until=until)


@router.get("/{story_id}", response_model=StoryDetail, summary="One story: its articles and events")
def get_story(store: Store, story_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """The story's articles by time and outlet, and its events once each, with every report
    (article, sentence, outlet, date) that carries them in ``sources``."""
    return store.story(story_id)
