"""A response cache for the read-only API, dropped whenever the database changes.

The database is written by ingests and read by many clients, so the same
page is asked for again and again between two writes. `ResponseCache` (ASGI
middleware) keeps the last answers of ``GET /api/...`` and of the UI's files
(200s only, by path and query) and serves them again while `SQLStore.data_version` is unchanged:
any write, by this server or any other process, empties it. Under 20
concurrent clients this is what keeps p95 latency low (scripts/api_load.py).
DOCS: docs/api.md
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

#: Answers kept, and the largest answer worth keeping (bytes).
MAX_ENTRIES = 512
MAX_BODY = 2 * 1024 * 1024


class ResponseCache:
    """ASGI middleware over the app: cached GET answers while the data is unchanged."""

    def __init__(self, app: Any, store: Any) -> None:
        self.app, self.store = app, store
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list[Any], bytes]] = OrderedDict()
        self.version: Any = None
        self.lock = threading.Lock()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or not _cached(scope["path"]):
            await self.app(scope, receive, send)
            return
        version = self.store.data_version()
        if version is None:  # a database whose changes cannot be seen cheaply: no caching
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        with self.lock:
            if version != self.version:
                self.entries.clear()
                self.version = version
            hit = self.entries.get(key)
            if hit is not None:
                self.entries.move_to_end(key)
        if hit is not None:
            await _replay(send, *hit)
            return
        await self.app(scope, receive, self._keeping(send, key, version))

    def _keeping(self, send: Any, key: tuple[str, bytes], version: Any) -> Any:
        """``send``, also keeping a 200 answer to serve again."""
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            await send(message)
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                body.append(message.get("body", b""))
                size = sum(map(len, body))
                if not message.get("more_body") and size <= MAX_BODY:
                    self._store(key, version, (200, list(start.get("headers", [])), b"".join(body)))

        return keep

    def _store(self, key: tuple[str, bytes], version: Any, entry: tuple[int, list[Any], bytes]) -> None:
        with self.lock:
            if version != self.version:
                return  # the data changed while this answer was made
            self.entries[key] = entry
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


def _cached(path: str) -> bool:
    """The API's reads and the UI's files (they change only with the package)."""
    return path.startswith(("/api/", "/ui/")) or path == "/"


async def _replay(send: Any, status: int, headers: list[Any], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
