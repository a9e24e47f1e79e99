"""stories: story ids, republication sources, MinHash signatures, merge keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("fingerprint", sa.JSON(), nullable=True))
        batch.create_index("ix_articles_story", ["story_id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("merge_key", sa.String(32), nullable=True))
        batch.create_index("ix_events_merge_key", ["merge_key"])
    op.create_table(
        "article_keys",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("published", sa.Date(), nullable=True),
    )
    op.create_index("ix_article_keys_key", "article_keys", ["key", "published"])
    op.create_table(
        "article_sources",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("source_id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
    )
    op.create_table(
        "article_minhash",
        sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_minhash")
    op.drop_table("article_sources")
    op.drop_index("ix_article_keys_key", table_name="article_keys")
    op.drop_table("article_keys")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_merge_key")
        batch.drop_column("merge_key")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_story")
        batch.drop_column("fingerprint")
        batch.drop_column("story_id")
