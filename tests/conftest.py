"""Shared fixtures: the real model is loaded once per session, only where needed."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIR = SHARED / "gold"
SEED = GOLD_DIR / "articles" / "seed-iran-russia-police.txt"
NEWS = SHARED / "data" / "news_giveme5w1h" / "articles.jsonl"
PLOVER = SHARED / "data" / "plover"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run slow tests too")


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis profiles: bounded examples by default, ten times as many with --slow
    (tests scale their own counts with `examples`)."""
    from hypothesis import settings

    settings.register_profile("eventwire", deadline=None)
    settings.register_profile("eventwire-slow", deadline=None, max_examples=1000)
    settings.load_profile("eventwire-slow" if config.getoption("--slow") else "eventwire")


def examples(n: int) -> int:
    """``n`` examples in a normal run, ten times ``n`` with --slow."""
    from hypothesis import settings

    return n * settings.default.max_examples // 100


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


PG_URL = os.environ.get("EVENTWIRE_TEST_PG_URL")


def fresh_postgres(url: str, purpose: str = "store") -> str:
    """An empty PostgreSQL database of this test worker's own for ``purpose`` (made on
    the server scripts/test-postgres.sh started); returns its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    base = make_url(url)
    name = f"{base.database}_{purpose}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind: a SQLite file, and PostgreSQL when the
    suite runs with $EVENTWIRE_TEST_PG_URL (make test starts a throwaway server)."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    if not PG_URL:
        pytest.skip("no PostgreSQL: set EVENTWIRE_TEST_PG_URL (make test does)")
    return fresh_postgres(PG_URL)


@pytest.fixture(scope="session")
def pipeline():
    """The full eventwire pipeline with the real model (loaded once)."""
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    """The Language the pipeline uses (model plus eventwire components)."""
    return pipeline.nlp


@pytest.fixture(scope="session")
def seed_article():
    from eventwire.ingest import read_paths

    (article,) = list(read_paths([SEED], published=datetime.date(2023, 7, 2)))
    return article


@pytest.fixture(scope="session")
def seed_reading(pipeline, seed_article):
    (reading,) = list(pipeline.read([seed_article]))
    return reading


@pytest.fixture(scope="session")
def read_text(pipeline):
    """A function running the whole pipeline on a small text (paragraphs split on blank lines).

    ``read_text("Iran condemned Israel.", published=date(2024, 1, 2), captions=[...])``
    """
    from eventwire.records import Article

    def read(text: str, *, published=None, title: str = "Report", captions=(), credits=()):
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        article = Article(title=title, paragraphs=paragraphs, published=published,
                          captions=list(captions), credits=list(credits))
        (reading,) = list(pipeline.read([article]))
        return reading

    return read
