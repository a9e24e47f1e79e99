"""republication signatures in the order they were stored, so concurrent ingests see each other's

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01

Each signature gets the next ``seq`` when it is written (inside the write
lock), so an ingest can read the signatures stored by other processes since
its last look (``seq > last``) just before it stores an article, and store a
copy as a source of the original another ingest stored a moment before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("article_minhash", sa.Column("seq", sa.Integer(), nullable=True))
    op.create_index("ix_article_minhash_seq", "article_minhash", ["seq"])


def downgrade() -> None:
    op.drop_index("ix_article_minhash_seq", table_name="article_minhash")
    with op.batch_alter_table("article_minhash") as batch:
        batch.drop_column("seq")
