"""Storage: SQLite (default) or PostgreSQL through one SQLAlchemy Core schema."""

from __future__ import annotations

from .sql import DEFAULT_DB, SQLStore, database_url


def open_store(db: str | None = None, *, readonly: bool = False) -> SQLStore:
    """Open (and migrate) the database at a path, URL, ``:memory:`` or $EVENTWIRE_DB."""
    return SQLStore(database_url(db), readonly=readonly)


__all__ = ["DEFAULT_DB", "SQLStore", "database_url", "open_store"]
